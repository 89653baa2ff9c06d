/// \file
/// Chapter 5: adaptive methods. Adagrad, RMSprop, Adam (with AMSGrad and AdamW), NAdam and
/// AdaBelief, each exactly as torch.optim 1.13 computes it (AdaBelief as its paper's Algorithm 2).
/// The badly scaled least-squares problem that shows why one learning rate for every parameter is a
/// bad idea is LeastSquares::badly_scaled() (`least_squares.hpp`).
///
/// Symbols, as in the notes: \f$\theta\f$ (`x`) the parameters, \f$g = \nabla f(\theta)\f$ the
/// gradient, \f$t = 1, 2, \dots\f$ the step number, \f$\eta\f$ (`lr`) the learning rate,
/// \f$\lambda\f$ the weight decay, \f$\varepsilon\f$ (`eps`) the term that keeps a denominator away
/// from 0. All operations on vectors are per coordinate (\f$g^2\f$, \f$\sqrt v\f$, \f$m/d\f$).
///
/// Every update is one pass over its vectors with no temporary vector: the step of \f$n\f$
/// parameters reads and writes each state vector once (`bench/bench_adaptive.cpp` measures it
/// against the memory bandwidth).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/problem.hpp"
#include "workbook/rule.hpp"
#include "workbook/settings.hpp"

namespace workbook {

// ------------------------------------------------------------------------------ hyper-parameters

/// torch.optim.Adagrad's hyper-parameters, with its defaults (\ref ch05-adagrad "§5.2").
struct AdagradParams {
  /// `lr`, \f$\eta\f$; \f$> 0\f$.
  double learning_rate = 1e-2;
  /// `lr_decay`: step \f$t\f$ uses \f$\eta_t = \eta/(1 + (t - 1)\cdot\f$ lr_decay\f$)\f$; \f$\ge 0\f$.
  double lr_decay = 0.0;
  /// `weight_decay`, \f$\lambda\f$: L2, \f$g \leftarrow g + \lambda\theta\f$; \f$\ge 0\f$.
  double weight_decay = 0.0;
  /// `initial_accumulator_value`, \f$\tau\f$: the sum of squares starts at \f$S_0 = \tau\f$;
  /// \f$\ge 0\f$.
  double initial_accumulator_value = 0.0;
  /// `eps`, \f$\varepsilon\f$, added outside the square root; \f$\ge 0\f$.
  double epsilon = 1e-10;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<AdagradParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// torch.optim.RMSprop's hyper-parameters, with its defaults (\ref ch05-rmsprop "§5.3").
struct RMSpropParams {
  /// `lr`, \f$\eta\f$; \f$> 0\f$.
  double learning_rate = 1e-2;
  /// `alpha`, \f$\alpha\f$, the decay of the moving averages; in \f$[0, 1)\f$.
  double alpha = 0.99;
  /// `eps`, \f$\varepsilon\f$, added outside the square root; \f$\ge 0\f$.
  double epsilon = 1e-8;
  /// `weight_decay`, \f$\lambda\f$: L2, \f$g \leftarrow g + \lambda\theta\f$; \f$\ge 0\f$.
  double weight_decay = 0.0;
  /// `momentum`, \f$\mu\f$: 0 for none; in \f$[0, 1)\f$.
  double momentum = 0.0;
  /// `centered`: divide by an estimate of the standard deviation, \f$\sqrt{v - \bar g^2}\f$,
  /// instead of \f$\sqrt v\f$.
  bool centered = false;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<RMSpropParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// torch.optim.Adam's hyper-parameters, with its defaults, and the variants the notes compare
/// (\ref ch05-adam "§5.4").
struct AdamParams {
  /// `lr`, \f$\eta\f$; \f$> 0\f$.
  double learning_rate = 1e-3;
  /// `betas`, \f$(\beta_1, \beta_2)\f$: the decays of the first and second moments; each in
  /// \f$[0, 1)\f$.
  std::pair<double, double> betas = {0.9, 0.999};
  /// `eps`, \f$\varepsilon\f$; \f$\ge 0\f$.
  double epsilon = 1e-8;
  /// `weight_decay`, \f$\lambda\f$; \f$\ge 0\f$. L2 (\f$g \leftarrow g + \lambda\theta\f$) unless
  /// decoupled_weight_decay.
  double weight_decay = 0.0;
  /// `amsgrad`: divide by the running maximum of \f$v\f$ (AMSGrad) instead of \f$v\f$.
  bool amsgrad = false;
  /// AdamW: shrink \f$\theta \leftarrow (1 - \eta\lambda)\theta\f$ before the step instead of adding
  /// \f$\lambda\theta\f$ to the gradient. Set by AdamWParams::adam().
  bool decoupled_weight_decay = false;
  /// The variant without bias correction (§5.4): \f$1 - \beta_1^t\f$ and \f$1 - \beta_2^t\f$ replaced
  /// by 1. Not in torch; true (torch's Adam) by default.
  bool bias_correction = true;
  /// The variant with \f$\varepsilon\f$ inside the square root (§5.4):
  /// \f$d = \sqrt{v/(1 - \beta_2^t) + \varepsilon}\f$. Not in torch; false (torch's Adam) by default.
  bool epsilon_inside_root = false;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<AdamParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// torch.optim.AdamW's hyper-parameters: Adam's, with decoupled weight decay \f$\lambda = 10^{-2}\f$
/// (\ref ch05-adam "§5.4").
struct AdamWParams {
  /// `lr`, \f$\eta\f$; \f$> 0\f$.
  double learning_rate = 1e-3;
  /// `betas`, \f$(\beta_1, \beta_2)\f$; each in \f$[0, 1)\f$.
  std::pair<double, double> betas = {0.9, 0.999};
  /// `eps`, \f$\varepsilon\f$; \f$\ge 0\f$.
  double epsilon = 1e-8;
  /// `weight_decay`, \f$\lambda\f$: \f$\theta \leftarrow (1 - \eta\lambda)\theta\f$ before each step;
  /// \f$\ge 0\f$.
  double weight_decay = 1e-2;
  /// `amsgrad`, as for Adam.
  bool amsgrad = false;
  /// The same settings as AdamParams, with decoupled_weight_decay set.
  AdamParams adam() const;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<AdamWParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// torch.optim.NAdam's hyper-parameters, with its defaults (\ref ch05-nadam "§5.6").
struct NAdamParams {
  /// `lr`, \f$\eta\f$; \f$> 0\f$.
  double learning_rate = 2e-3;
  /// `betas`, \f$(\beta_1, \beta_2)\f$; each in \f$[0, 1)\f$.
  std::pair<double, double> betas = {0.9, 0.999};
  /// `eps`, \f$\varepsilon\f$; \f$\ge 0\f$.
  double epsilon = 1e-8;
  /// `weight_decay`, \f$\lambda\f$: L2, \f$g \leftarrow g + \lambda\theta\f$; \f$\ge 0\f$.
  double weight_decay = 0.0;
  /// `momentum_decay`, \f$\psi\f$, in the schedule
  /// \f$\mu_t = \beta_1\big(1 - \tfrac12\, 0.96^{t\psi}\big)\f$; \f$\ge 0\f$.
  double momentum_decay = 4e-3;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<NAdamParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// AdaBelief's hyper-parameters (Zhuang et al. 2020), with the defaults of its reference code
/// (\ref ch05-adabelief "§5.7").
struct AdaBeliefParams {
  /// `lr`, \f$\eta\f$; \f$> 0\f$.
  double learning_rate = 1e-3;
  /// `betas`, \f$(\beta_1, \beta_2)\f$; each in \f$[0, 1)\f$.
  std::pair<double, double> betas = {0.9, 0.999};
  /// `eps`, \f$\varepsilon\f$, added to \f$s\f$ at every step and to the denominator; \f$\ge 0\f$.
  double epsilon = 1e-16;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<AdaBeliefParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

// ---------------------------------------------------------------------------------------- states

/// What Adagrad carries from one step to the next (\ref ch05-adagrad "§5.2").
struct AdagradState {
  Vector sum_of_squares;  ///< \f$S\f$, the sum of the squared gradients so far (\f$S_0 = \tau\f$)
  long t = 0;             ///< \f$t\f$, the steps taken; adagrad_step() counts them
  /// \f$S_0 = \tau\f$ (`initial_accumulator_value`) for \f$n\f$ parameters.
  void reset(Index n, const AdagradParams& params) {
    sum_of_squares.setConstant(n, params.initial_accumulator_value);
  }
  /// 1: \f$S\f$.
  int vectors() const { return 1; }
};

/// What RMSprop carries from one step to the next (\ref ch05-rmsprop "§5.3"). torch allocates \f$b\f$ only with momentum and
/// \f$\bar g\f$ only when centred: so does reset().
struct RMSpropState {
  Vector square_average;    ///< \f$v\f$
  Vector momentum_buffer;   ///< \f$b\f$ (empty unless momentum \f$\mu > 0\f$)
  Vector gradient_average;  ///< \f$\bar g\f$ (empty unless centered)
  long t = 0;               ///< \f$t\f$, the steps taken; rmsprop_step() counts them
  /// Zeros for \f$n\f$ parameters: \f$v\f$, and \f$b\f$ and \f$\bar g\f$ when used.
  void reset(Index n, const RMSpropParams& params) {
    square_average.setZero(n);
    momentum_buffer.setZero(params.momentum > 0.0 ? n : 0);
    gradient_average.setZero(params.centered ? n : 0);
  }
  /// 1 to 3: \f$v\f$, plus \f$b\f$ with momentum, plus \f$\bar g\f$ when centred.
  int vectors() const {
    return 1 + (momentum_buffer.size() > 0 ? 1 : 0) + (gradient_average.size() > 0 ? 1 : 0);
  }
};

/// What Adam (and AMSGrad, AdamW) carries from one step to the next (\ref ch05-adam "§5.4",
/// \ref ch05-amsgrad "§5.5").
struct AdamState {
  Vector m;      ///< \f$m\f$, the first moment
  Vector v;      ///< \f$v\f$, the second moment
  Vector v_max;  ///< \f$v_{\max}\f$, the running maximum of \f$v\f$ (empty unless amsgrad)
  long t = 0;    ///< \f$t\f$, the steps taken; adam_step() and amsgrad_step() count them
  /// Zeros for \f$n\f$ parameters: \f$m\f$, \f$v\f$, and \f$v_{\max}\f$ for AMSGrad.
  void reset(Index n, const AdamParams& params) {
    m.setZero(n);
    v.setZero(n);
    v_max.setZero(params.amsgrad ? n : 0);
  }
  /// 2 (\f$m\f$, \f$v\f$), or 3 with \f$v_{\max}\f$.
  int vectors() const { return v_max.size() > 0 ? 3 : 2; }
};

/// What NAdam carries from one step to the next (\ref ch05-nadam "§5.6").
struct NAdamState {
  Vector m;                       ///< \f$m\f$, the first moment
  Vector v;                       ///< \f$v\f$, the second moment
  double momentum_product = 1.0;  ///< \f$P_t = \prod_{k \le t}\mu_k\f$ (1 before the first step)
  long t = 0;                     ///< \f$t\f$, the steps taken; nadam_step() counts them
  /// Zeros for \f$n\f$ parameters.
  void reset(Index n, const NAdamParams&) {
    m.setZero(n);
    v.setZero(n);
  }
  /// 2: \f$m\f$ and \f$v\f$.
  int vectors() const { return 2; }
};

/// What AdaBelief carries from one step to the next (\ref ch05-adabelief "§5.7").
struct AdaBeliefState {
  Vector m;    ///< \f$m\f$, the first moment
  Vector s;    ///< \f$s\f$, the moving average of \f$(g - m)^2\f$ (the "belief")
  long t = 0;  ///< \f$t\f$, the steps taken; adabelief_step() counts them
  /// Zeros for \f$n\f$ parameters.
  void reset(Index n, const AdaBeliefParams&) {
    m.setZero(n);
    s.setZero(n);
  }
  /// 2: \f$m\f$ and \f$s\f$.
  int vectors() const { return 2; }
};

// ----------------------------------------------------------------------------------- exercises

/// \name Chapter 5 exercises
/// Declared here once; defined in `exercises/ch05/` (the stubs a student completes) and in the
/// reference solutions. The update rules below call the steps after checking the sizes of the
/// vectors; each step counts itself (`++state.t`, so that the first step has \f$t = 1\f$) and must
/// update \f$\theta\f$ and its state in one loop over the coordinates, without a temporary vector.
/// The last, adam_heuristic_counterexample(), is an experiment: its tests run its gradients through
/// Adam.
/// \{

/// One Adagrad step, in place; derived in \ref ch05-adagrad "Chapter 5, §5.2"
/// (\ref exercises/ch05/adagrad_step.cpp "the stub"). With \f$g = \nabla f(\theta) + \lambda\theta\f$:
/// \f[ S \leftarrow S + g^2, \qquad
///     \theta \leftarrow \theta - \frac{\eta}{1 + (t - 1)\,\text{lr\_decay}}\;
///                                 \frac{g}{\sqrt S + \varepsilon}. \f]
///
/// \param x         \f$\theta\f$ on entry, the new \f$\theta\f$ on exit
/// \param gradient  \f$\nabla f(\theta)\f$
/// \param state     \f$S\f$ (`sum_of_squares`) and the step counter \f$t\f$
/// \param params    \f$\eta\f$, lr_decay, \f$\lambda\f$, \f$\varepsilon\f$
void adagrad_step(Vector& x, const Vector& gradient, AdagradState& state,
                  const AdagradParams& params);

/// One RMSprop step, in place; derived in \ref ch05-rmsprop "Chapter 5, §5.3"
/// (\ref exercises/ch05/rmsprop_step.cpp "the stub"). With \f$g = \nabla f(\theta) + \lambda\theta\f$:
/// \f[ v \leftarrow \alpha v + (1 - \alpha) g^2, \qquad
///     d = \sqrt v + \varepsilon \quad\text{or, centered,}\quad
///     \bar g \leftarrow \alpha\bar g + (1 - \alpha) g,\; d = \sqrt{v - \bar g^2} + \varepsilon, \f]
/// \f[ \theta \leftarrow \theta - \eta\, b,\; b \leftarrow \mu b + g/d \quad (\mu > 0),
///     \qquad \theta \leftarrow \theta - \eta\, g/d \quad (\mu = 0). \f]
/// No bias correction.
///
/// \param x         \f$\theta\f$ on entry, the new \f$\theta\f$ on exit
/// \param gradient  \f$\nabla f(\theta)\f$
/// \param state     \f$v\f$, \f$b\f$ (used only when \f$\mu > 0\f$), \f$\bar g\f$ (only when
///                   centered) and the step counter \f$t\f$
/// \param params    \f$\eta\f$, \f$\alpha\f$, \f$\varepsilon\f$, \f$\lambda\f$, \f$\mu\f$, centered
void rmsprop_step(Vector& x, const Vector& gradient, RMSpropState& state,
                  const RMSpropParams& params);

/// One Adam step with bias correction, in place; derived in \ref ch05-adam "Chapter 5, §5.4"
/// (\ref exercises/ch05/adam_step.cpp "the stub"). With
/// \f$g = \nabla f(\theta) + \lambda\theta\f$ (or, for AdamW, \f$\theta \leftarrow (1 - \eta\lambda)\theta\f$
/// first and \f$g = \nabla f(\theta)\f$):
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \qquad v \leftarrow \beta_2 v + (1 - \beta_2) g^2,
///     \qquad \theta \leftarrow \theta - \frac{\eta}{1 - \beta_1^t}\;
///            \frac{m}{\sqrt v/\sqrt{1 - \beta_2^t} + \varepsilon}. \f]
/// The variants of AdamParams: without bias correction both corrections are 1; with
/// epsilon_inside_root the denominator is \f$\sqrt{v/(1 - \beta_2^t) + \varepsilon}\f$.
/// `params.amsgrad` is not used here (see amsgrad_step()).
///
/// \param x         \f$\theta\f$ on entry, the new \f$\theta\f$ on exit
/// \param gradient  \f$\nabla f(\theta)\f$
/// \param state     \f$m\f$, \f$v\f$ and the step counter \f$t\f$
/// \param params    \f$\eta\f$, \f$\beta_1\f$, \f$\beta_2\f$, \f$\varepsilon\f$, \f$\lambda\f$ and the variants
void adam_step(Vector& x, const Vector& gradient, AdamState& state, const AdamParams& params);

/// One AMSGrad step, in place: adam_step() with the running maximum of the raw second moment in
/// the denominator, derived in \ref ch05-amsgrad "Chapter 5, §5.5"
/// (\ref exercises/ch05/amsgrad_step.cpp "the stub"):
/// \f[ v_{\max} \leftarrow \max(v_{\max}, v), \qquad
///     \theta \leftarrow \theta - \frac{\eta}{1 - \beta_1^t}\;
///            \frac{m}{\sqrt{v_{\max}}/\sqrt{1 - \beta_2^t} + \varepsilon}. \f]
///
/// \param x         \f$\theta\f$ on entry, the new \f$\theta\f$ on exit
/// \param gradient  \f$\nabla f(\theta)\f$
/// \param state     \f$m\f$, \f$v\f$, \f$v_{\max}\f$ and the step counter \f$t\f$
/// \param params    as for adam_step()
void amsgrad_step(Vector& x, const Vector& gradient, AdamState& state, const AdamParams& params);

/// One AdaBelief step (Algorithm 2 of the paper, without rectification), in place; derived in
/// \ref ch05-adabelief "Chapter 5, §5.7" (\ref exercises/ch05/adabelief_step.cpp "the stub"):
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \qquad
///     s \leftarrow \beta_2 s + (1 - \beta_2)(g - m)^2 + \varepsilon, \qquad
///     \theta \leftarrow \theta - \frac{\eta}{1 - \beta_1^t}\;
///            \frac{m}{\sqrt s/\sqrt{1 - \beta_2^t} + \varepsilon}, \f]
/// where \f$g - m\f$ uses the \f$m\f$ just updated.
///
/// \param x         \f$\theta\f$ on entry, the new \f$\theta\f$ on exit
/// \param gradient  \f$g = \nabla f(\theta)\f$
/// \param state     \f$m\f$, \f$s\f$ and the step counter \f$t\f$
/// \param params    \f$\eta\f$, \f$\beta_1\f$, \f$\beta_2\f$, \f$\varepsilon\f$
void adabelief_step(Vector& x, const Vector& gradient, AdaBeliefState& state,
                    const AdaBeliefParams& params);

/// At most this many gradients in adam_heuristic_counterexample().
inline constexpr long adam_counterexample_max_length = 100000;
/// At most this size for every gradient of adam_heuristic_counterexample(): its square, added to
/// \f$v\f$, stays far from overflowing.
inline constexpr double adam_counterexample_max_gradient = 1e100;

/// An experiment, posed in \ref ch05-adam-bound "Chapter 5, §5.4"
/// (\ref exercises/ch05/adam_heuristic_counterexample.cpp "the stub"): the scalar gradients
/// \f$g_1, \dots, g_T\f$ that, fed one per step to torch's default Adam on one parameter
/// (\f$\eta = 10^{-3}\f$, \f$\beta = (0.9, 0.999)\f$, \f$\varepsilon = 10^{-8}\f$, bias correction on),
/// make one step \f$|\Delta\theta|\f$ larger than Kingma and Ba's heuristic
/// \f$\eta(1 - \beta_1)/\sqrt{1 - \beta_2} = 3.16\,\eta\f$, as close to the bound of Cauchy–Schwarz
/// (\f$7.27\,\eta\f$) as you can get. \f$1 \le T \le\f$ adam_counterexample_max_length, and every
/// \f$g_t\f$ is finite with \f$|g_t| \le\f$ adam_counterexample_max_gradient.
std::vector<double> adam_heuristic_counterexample();
/// \}

/// One NAdam step, as torch.optim.NAdam documents it (and as its multi-tensor path computes it),
/// in place. With \f$g = \nabla f(\theta) + \lambda\theta\f$, \f$\mu_t\f$ =
/// nadam_momentum_coefficient() and \f$P_t = \prod_{k \le t}\mu_k\f$:
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad v \leftarrow \beta_2 v + (1 - \beta_2) g^2,
///     \quad d = \sqrt{v/(1 - \beta_2^t)} + \varepsilon, \f]
/// \f[ \theta \leftarrow \theta - \eta\,\frac{1 - \mu_t}{1 - P_t}\,\frac{g}{d}
///                             - \eta\,\frac{\mu_{t+1}}{1 - P_t\,\mu_{t+1}}\,\frac{m}{d}. \f]
/// torch 1.13's default single-tensor path uses \f$1 - P_t\,\mu_t\,\mu_{t+1}\f$ in the second
/// denominator, counting \f$\mu_t\f$ twice; this step does not (\ref ch05-nadam "§5.6"). Not an
/// exercise.
void nadam_step(Vector& x, const Vector& gradient, NAdamState& state, const NAdamParams& params);

/// NAdam's momentum schedule \f$\mu_t = \beta_1\big(1 - \tfrac12\, 0.96^{t\psi}\big)\f$.
double nadam_momentum_coefficient(long t, const NAdamParams& params);

// -------------------------------------------------------------------------------- update rules

/// Adagrad, as torch.optim.Adagrad (\ref ch05-adagrad "§5.2"): at step \f$t\f$, with \f$g = \nabla f(\theta) + \lambda\theta\f$,
/// \f[ S_t = S_{t-1} + g^2, \qquad
///     \theta \leftarrow \theta - \frac{\eta}{1 + (t - 1)\,\text{lr\_decay}}\;
///                                 \frac{g}{\sqrt{S_t} + \varepsilon}, \qquad S_0 = \tau: \f]
/// a KernelRule of adagrad_step().
using AdagradRule = KernelRule<AdagradParams, AdagradState>;
/// Adagrad. Throws `std::invalid_argument` if `params` is invalid.
AdagradRule adagrad_rule(AdagradParams params = {});

/// RMSprop, as torch.optim.RMSprop (\ref ch05-rmsprop "§5.3"): with \f$g = \nabla f(\theta) + \lambda\theta\f$,
/// \f$v \leftarrow \alpha v + (1 - \alpha) g^2\f$, \f$d = \sqrt v + \varepsilon\f$ (centered:
/// \f$\bar g \leftarrow \alpha\bar g + (1 - \alpha) g\f$, \f$d = \sqrt{v - \bar g^2} + \varepsilon\f$),
/// then \f$\theta \leftarrow \theta - \eta\, g/d\f$, or with momentum \f$\mu > 0\f$
/// \f$b \leftarrow \mu b + g/d\f$, \f$\theta \leftarrow \theta - \eta b\f$: a KernelRule of
/// rmsprop_step().
using RMSpropRule = KernelRule<RMSpropParams, RMSpropState>;
/// RMSprop. Throws `std::invalid_argument` if `params` is invalid.
RMSpropRule rmsprop_rule(RMSpropParams params = {});

/// Adam, as torch.optim.Adam (\ref ch05-adam "§5.4"), and its relatives AMSGrad (`amsgrad`,
/// \ref ch05-amsgrad "§5.5") and AdamW (`decoupled_weight_decay`). With \f$g = \nabla f(\theta) + \lambda\theta\f$ at step \f$t\f$,
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad v \leftarrow \beta_2 v + (1 - \beta_2) g^2,
///     \quad \theta \leftarrow \theta - \frac{\eta}{1 - \beta_1^t}\;
///           \frac{m}{\sqrt{v}/\sqrt{1 - \beta_2^t} + \varepsilon}; \f]
/// AMSGrad replaces \f$v\f$ in the denominator by \f$v_{\max} = \max(v_{\max}, v)\f$; AdamW shrinks
/// \f$\theta \leftarrow (1 - \eta\lambda)\theta\f$ instead of adding \f$\lambda\theta\f$ to \f$g\f$. A
/// KernelRule of adam_step() or, with `amsgrad`, amsgrad_step().
using AdamRule = KernelRule<AdamParams, AdamState>;
/// Adam, or AMSGrad with `params.amsgrad`. Throws `std::invalid_argument` if `params` is invalid.
AdamRule adam_rule(AdamParams params = {});
/// AdamW: adam_rule(`params.adam()`).
AdamRule adamw_rule(const AdamWParams& params = {});

/// NAdam, as torch.optim.NAdam documents it (\ref ch05-nadam "§5.6"): a KernelRule of nadam_step().
using NAdamRule = KernelRule<NAdamParams, NAdamState>;
/// NAdam. Throws `std::invalid_argument` if `params` is invalid.
NAdamRule nadam_rule(NAdamParams params = {});

/// AdaBelief (Zhuang et al. 2020, Algorithm 2, without rectification; \ref ch05-adabelief "§5.7"):
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad
///     s \leftarrow \beta_2 s + (1 - \beta_2)(g - m)^2 + \varepsilon, \quad
///     \theta \leftarrow \theta - \frac{\eta}{1 - \beta_1^t}\;
///                               \frac{m}{\sqrt s/\sqrt{1 - \beta_2^t} + \varepsilon}: \f]
/// a KernelRule of adabelief_step().
using AdaBeliefRule = KernelRule<AdaBeliefParams, AdaBeliefState>;
/// AdaBelief. Throws `std::invalid_argument` if `params` is invalid.
AdaBeliefRule adabelief_rule(AdaBeliefParams params = {});

}  // namespace workbook
