/// \file
/// Chapter 3: momentum. The heavy ball (Polyak), Nesterov's accelerated gradient, SGD with momentum
/// exactly as torch.optim.SGD, and the damped oscillator \f$m x'' + \mu x' = -\nabla U(x)\f$ whose
/// discretisation they are.
///
/// Symbols, as in the notes: \f$\eta\f$ the step size (learning_rate), \f$\beta\f$ the momentum,
/// \f$m\f$ the mass, \f$\mu\f$ the friction, \f$\Delta t\f$ the time step, \f$\lambda\f$ an eigenvalue
/// of the Hessian, \f$\kappa = \lambda_n/\lambda_1\f$ the condition number.
#pragma once

#include <iosfwd>
#include <string>

#include "workbook/driver.hpp"
#include "workbook/function.hpp"
#include "workbook/rule.hpp"
#include "workbook/settings.hpp"

namespace workbook {

/// The heavy ball's and Nesterov's hyper-parameters \f$(\eta, \beta)\f$
/// (\ref ch03-heavy-ball "Chapter 3, §3.2").
struct MomentumParams {
  /// \f$\eta\f$, the step size; \f$> 0\f$.
  double learning_rate = 0.01;
  /// \f$\beta\f$, the momentum: the fraction of the last displacement kept; in \f$[0, 1)\f$.
  double momentum = 0.9;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<MomentumParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// The physical parameters \f$(m, \mu, \Delta t)\f$ of a ball rolling in the potential \f$U\f$
/// (\ref ch03-physics "Chapter 3, §3.1"):
/// \f$m x'' + \mu x' = -\nabla U(x)\f$, integrated with time step \f$\Delta t\f$.
///
/// The defaults map to the defaults of MomentumParams, \f$(\eta, \beta) = (0.01, 0.9)\f$: a check
/// value for heavy_ball_from_physics().
struct PhysicalParams {
  /// \f$m\f$, the mass (inertia); \f$> 0\f$.
  double mass = 0.9;
  /// \f$\mu\f$, the friction coefficient (damping); \f$\ge 0\f$.
  double friction = 1.0;
  /// \f$\Delta t\f$, the time step; \f$> 0\f$.
  double time_step = 0.1;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<PhysicalParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// What the heavy ball and Nesterov's method carry from one step to the next.
struct MomentumState {
  Vector x_previous;  ///< \f$x_{t-1}\f$, the previous iterate
  long t = 0;         ///< \f$t\f$, the steps taken; the kernels count them
  /// \f$x_{t-1}\f$ sized for \f$n\f$ parameters.
  void reset(Index n, const MomentumParams&) { x_previous.setZero(n); }
  /// At rest before the first step: \f$x_{-1} = x_0\f$.
  void start(const Vector& x0) { x_previous = x0; }
  /// 1: \f$x_{t-1}\f$.
  int vectors() const { return 1; }
};

/// \name Chapter 3 exercises
/// Declared here once; defined in `exercises/ch03/` (the stubs a student completes) and in the
/// reference solutions. The update rules below call them.
/// \{

/// The map from the physics to the optimizer: the \f$(\eta, \beta)\f$ for which the heavy-ball step
/// \f$x_{t+1} = x_t - \eta\,\nabla U(x_t) + \beta\,(x_t - x_{t-1})\f$ solves the ball's equation
/// discretised with the central second difference for \f$x''\f$ and the forward difference
/// \f$(x_{t+1} - x_t)/\Delta t\f$ for \f$x'\f$: Exercise 1 of \ref ch03-physics "Chapter 3, §3.1"
/// derives it (\ref exercises/ch03/heavy_ball_from_physics.cpp "the stub").
/// Throws `std::invalid_argument` (PhysicalParams::validate()) for a mass \f$\le 0\f$, a friction
/// \f$< 0\f$ or a time step \f$\le 0\f$.
MomentumParams heavy_ball_from_physics(const PhysicalParams& physics);

/// One heavy-ball step in Polyak's form, in place:
/// \f[ x_{t+1} = x_t - \eta\,\nabla f(x_t) + \beta\,(x_t - x_{t-1}). \f]
/// Derived in \ref ch03-heavy-ball "Chapter 3, §3.2" (\ref exercises/ch03/heavy_ball_step.cpp
/// "the stub").
///
/// \param x         \f$x_t\f$ on entry, \f$x_{t+1}\f$ on exit
/// \param gradient  \f$\nabla f(x_t)\f$
/// \param state     `x_previous`: \f$x_{t-1}\f$ on entry, \f$x_t\f$ on exit; `t` counts the step
/// \param params    \f$\eta\f$ (`learning_rate`) and \f$\beta\f$ (`momentum`)
void heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                     const MomentumParams& params);

/// One step of Nesterov's accelerated gradient in lookahead form, in place:
/// \f[ y_t = x_t + \beta\,(x_t - x_{t-1}), \qquad x_{t+1} = y_t - \eta\,\nabla f(y_t). \f]
/// Derived in \ref ch03-nesterov "Chapter 3, §3.6" (\ref exercises/ch03/nesterov_step.cpp
/// "the stub").
///
/// \param x            \f$x_t\f$ on entry, \f$x_{t+1}\f$ on exit
/// \param gradient_at  \f$\nabla f\f$, called once, at the lookahead point \f$y_t\f$
/// \param state        `x_previous`: \f$x_{t-1}\f$ on entry, \f$x_t\f$ on exit; `t` counts the step
/// \param params       \f$\eta\f$ (`learning_rate`) and \f$\beta\f$ (`momentum`)
void nesterov_step(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                   const MomentumParams& params);

/// The spectral radius of the heavy ball's iteration matrix on one eigen-direction \f$\lambda\f$,
/// \f[ T = \begin{pmatrix} 1 + \beta - \eta\lambda & -\beta \\ 1 & 0 \end{pmatrix}, \f]
/// the largest modulus of the roots \f$z\f$ of \f$z^2 - (1 + \beta - \eta\lambda)\,z + \beta = 0\f$,
/// real or complex: the factor by which that component of the error eventually shrinks per step
/// (\ref ch03-quadratic "Chapter 3, §3.4"; \ref exercises/ch03/momentum_tuning.cpp "the stub").
/// Throws `std::invalid_argument` naming the value for an \f$\eta \le 0\f$, a \f$\beta\f$ outside
/// \f$[0, 1)\f$ (MomentumParams::validate()) or an `eigenvalue` that is not finite.
double heavy_ball_spectral_radius(const MomentumParams& params, double eigenvalue);

/// Polyak's optimal heavy ball for the eigenvalues \f$\lambda \in [\lambda_1, \lambda_n]\f$ of a
/// quadratic's Hessian: the \f$(\eta, \beta)\f$ whose largest spectral radius over the interval
/// (heavy_ball_spectral_radius()) is the smallest, derived in \ref ch03-optimal "Chapter 3, §3.5"
/// (\ref exercises/ch03/momentum_tuning.cpp "the stub"). Throws `std::invalid_argument` naming the
/// value unless \f$0 < \lambda_1 \le \lambda_n\f$, both finite.
MomentumParams optimal_heavy_ball(double smallest_eigenvalue, double largest_eigenvalue);

/// Nesterov's tuned \f$(\eta, \beta)\f$ for an \f$L\f$-smooth, \f$\ell\f$-strongly convex function
/// (\f$\lambda_1 = \ell\f$, \f$\lambda_n = L\f$), the choice stated in \ref ch03-nesterov
/// "Chapter 3, §3.6" (\ref exercises/ch03/momentum_tuning.cpp "the stub"). Throws
/// `std::invalid_argument` naming the value unless \f$0 < \ell \le L\f$, both finite.
MomentumParams nesterov_parameters(double smallest_eigenvalue, double largest_eigenvalue);
/// \}

/// The inverse of heavy_ball_from_physics() for a given time step: the ball \f$(m, \mu)\f$ that the
/// map takes to \f$(\eta, \beta)\f$.
///
/// Throws `std::invalid_argument` unless learning_rate \f$> 0\f$, momentum \f$\in (0, 1)\f$ (a ball
/// with \f$\beta = 0\f$ has no mass) and time_step \f$> 0\f$.
PhysicalParams physics_from_heavy_ball(const MomentumParams& params, double time_step);

/// \f$(\eta, \beta)\f$ = heavy_ball_from_physics(`physics`) for an optimizer: throws
/// `std::invalid_argument` if `physics` is invalid or its friction is 0 (then \f$\beta = 1\f$:
/// nothing slows the ball and it never comes to rest).
MomentumParams optimizer_from_physics(const PhysicalParams& physics);

/// The heavy ball and Nesterov's method: KernelRule%s of heavy_ball_step() and nesterov_step().
using MomentumRule = KernelRule<MomentumParams, MomentumState>;

/// The heavy ball in Polyak's form (\ref ch03-heavy-ball "§3.2"):
/// \f$x_{t+1} = x_t - \eta\,\nabla f(x_t) + \beta\,(x_t - x_{t-1})\f$, started at rest
/// (\f$x_{-1} = x_0\f$). Each step is heavy_ball_step(); the state is \f$x_{t-1}\f$ (one vector of
/// length n). Throws `std::invalid_argument` if `params` is invalid.
MomentumRule heavy_ball_rule(MomentumParams params = {});

/// Nesterov's accelerated gradient in lookahead form (\ref ch03-nesterov "§3.6"):
/// \f$y_t = x_t + \beta\,(x_t - x_{t-1})\f$, \f$x_{t+1} = y_t - \eta\,\nabla f(y_t)\f$, started at rest
/// (\f$x_{-1} = x_0\f$). Each step is nesterov_step() and evaluates \f$\nabla f(y_t)\f$, so a run
/// costs two gradients per iteration: the driver's \f$\nabla f(x_t)\f$ and the lookahead one
/// (torch's reformulation, sgd_rule() with nesterov, needs only one). Throws
/// `std::invalid_argument` if `params` is invalid.
MomentumRule nesterov_rule(MomentumParams params = {});

/// Hyper-parameters of torch.optim.SGD (PyTorch 1.13), with its names.
struct SgdParams {
  /// `lr`, the step size \f$\eta\f$; \f$> 0\f$ (torch also accepts 0, which never moves).
  double learning_rate = 0.01;
  /// `momentum`, \f$\beta\f$; in \f$[0, 1)\f$. 0 is plain gradient descent.
  double momentum = 0.0;
  /// `dampening`, \f$\tau\f$: the buffer adds \f$(1 - \tau)\f$ times the gradient; in \f$[0, 1]\f$.
  double dampening = 0.0;
  /// `nesterov`: step along \f$g + \beta b\f$ instead of \f$b\f$. Requires momentum \f$> 0\f$ and
  /// dampening \f$= 0\f$.
  bool nesterov = false;
  /// `weight_decay`, \f$\lambda\f$: adds \f$\lambda\theta\f$ to the gradient (an L2 penalty
  /// \f$\tfrac\lambda2\|\theta\|^2\f$); \f$\ge 0\f$.
  double weight_decay = 0.0;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<SgdParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, or the flag that
  /// conflicts with it (nesterov with momentum = 0 or dampening \f$\neq 0\f$), as `naming` says.
  void validate(Naming naming = Naming::code) const;
};

/// What torch.optim.SGD carries from one step to the next.
struct SgdState {
  /// \f$b\f$, the momentum buffer: sized only when \f$\beta \neq 0\f$ (empty otherwise).
  Vector momentum_buffer;
  long t = 0;  ///< \f$t\f$, the steps taken; sgd_step() counts them
  /// \f$b\f$ sized for \f$n\f$ parameters when \f$\beta \neq 0\f$.
  void reset(Index n, const SgdParams& params) {
    momentum_buffer.setZero(params.momentum != 0.0 ? n : 0);
  }
  /// 1 with momentum (\f$b\f$), 0 without.
  int vectors() const { return momentum_buffer.size() > 0 ? 1 : 0; }
};

/// One step of SGD with momentum exactly as torch.optim.SGD (PyTorch 1.13, single-tensor path),
/// in place. With \f$\theta\f$ the parameters and \f$g = \nabla f(\theta)\f$:
/// \f[ g \leftarrow g + \lambda\theta; \qquad
///     b \leftarrow \begin{cases} g & \text{on the first step (no dampening)}
///                      \\ \beta b + (1 - \tau) g & \text{afterwards} \end{cases}; \qquad
///     g \leftarrow \begin{cases} g + \beta b & \text{nesterov} \\ b & \text{otherwise}
///     \end{cases}; \qquad
///     \theta \leftarrow \theta - \eta g, \f]
/// the middle two only when \f$\beta \neq 0\f$. Calls no exercise.
void sgd_step(Vector& x, const Vector& gradient, SgdState& state, const SgdParams& params);

/// SGD with momentum exactly as torch.optim.SGD (\ref ch03-forms "§3.3"): a KernelRule of sgd_step().
using SgdRule = KernelRule<SgdParams, SgdState>;
/// torch.optim.SGD; its state is the momentum buffer \f$b\f$ (one vector of length n when
/// \f$\beta \neq 0\f$, none otherwise). Throws `std::invalid_argument` if `params` is invalid.
SgdRule sgd_rule(SgdParams params = {});

/// The damped oscillator's physics and how it is released.
struct DampedOscillatorParams {
  /// \f$m\f$, \f$\mu\f$ and \f$\Delta t\f$.
  PhysicalParams physics;
  /// \f$v_0 = x'(0)\f$, one entry per coordinate; empty: released at rest.
  Vector initial_velocity;
  /// Throws `std::invalid_argument` if the physics is invalid or the velocity is not finite.
  void validate(Naming naming = Naming::code) const;
};

/// What the damped oscillator carries from one time step to the next.
struct DampedOscillatorState {
  /// \f$x_{t-1}\f$. reset() sets it to \f$-\Delta t\, v_0\f$ and start() adds \f$x_0\f$: the point
  /// one step before the start, \f$x_{-1} = x_0 - \Delta t\, v_0\f$.
  Vector x_previous;
  long t = 0;  ///< \f$t\f$, the time steps taken; damped_oscillator_step() counts them
  /// Sized for \f$n\f$ coordinates. Throws `std::invalid_argument` if the initial velocity has
  /// neither 0 nor \f$n\f$ entries.
  void reset(Index n, const DampedOscillatorParams& params);
  /// \f$x_{-1} = x_0 - \Delta t\, v_0\f$.
  void start(const Vector& x0) { x_previous += x0; }
  /// 1: \f$x_{t-1}\f$.
  int vectors() const { return 1; }
};

/// One time step of the damped oscillator \f$m x'' + \mu x' = -\nabla U(x)\f$, integrated with the
/// central second difference for \f$x''\f$ and the forward difference for \f$x'\f$:
/// \f[ m\,\frac{x_{t+1} - 2x_t + x_{t-1}}{\Delta t^2} + \mu\,\frac{x_{t+1} - x_t}{\Delta t}
///     = -\nabla U(x_t), \f]
/// solved for \f$x_{t+1}\f$ (the equation is linear in it). Written in the physicist's variables;
/// it calls no exercise, and §3.1 shows it is the heavy ball.
void damped_oscillator_step(Vector& x, const Vector& gradient, DampedOscillatorState& state,
                            const DampedOscillatorParams& params);

/// The damped oscillator as an update rule, so that the driver runs it: a KernelRule of
/// damped_oscillator_step(). The problem is the potential \f$U\f$; step \f$k\f$ takes
/// \f$x(k\Delta t)\f$ to \f$x((k+1)\Delta t)\f$.
using DampedOscillatorRule = KernelRule<DampedOscillatorParams, DampedOscillatorState>;
/// A ball of the given physics, released with velocity `initial_velocity` (empty: at rest).
/// Throws `std::invalid_argument` if `physics` is invalid or the velocity is not finite.
DampedOscillatorRule damped_oscillator_rule(PhysicalParams physics,
                                            Vector initial_velocity = Vector());

/// The damping regime of \f$m x'' + \mu x' + k x = 0\f$.
enum class Damping {
  under,     ///< \f$\mu^2 < 4mk\f$: it oscillates inside a decaying envelope \f$e^{-\mu t/2m}\f$
  critical,  ///< \f$\mu^2 = 4mk\f$: the fastest return to rest without oscillating
  over       ///< \f$\mu^2 > 4mk\f$: it creeps back without oscillating
};

/// "under-damped", "critically damped", "over-damped".
std::string to_string(Damping damping);
/// Writes to_string(damping).
std::ostream& operator<<(std::ostream& out, Damping damping);

/// The regime of \f$m x'' + \mu x' + k x = 0\f$ (a ball in \f$U = \tfrac k2 x^2\f$). Throws
/// `std::invalid_argument` unless mass \f$> 0\f$, friction \f$\ge 0\f$ and stiffness \f$> 0\f$.
Damping damping_regime(double mass, double friction, double stiffness);

/// The exact solution of \f$m x'' + \mu x' + k x = 0\f$, \f$x(0) = x_0\f$, \f$x'(0) = v_0\f$:
/// \f$x(t) = e^{-at}\big[x_0\, C(t) + (v_0 + a x_0)\, S(t)\big]\f$ with \f$a = \mu/2m\f$ and, for
/// \f$\omega^2 = k/m - a^2\f$, \f$C = \cos\omega t\f$, \f$S = \sin(\omega t)/\omega\f$ (under-damped),
/// \f$C = 1\f$, \f$S = t\f$ (critical), \f$C = \cosh\gamma t\f$, \f$S = \sinh(\gamma t)/\gamma\f$ with
/// \f$\gamma^2 = -\omega^2\f$ (over-damped). Throws as damping_regime().
double damped_oscillator_solution(double mass, double friction, double stiffness, double x0,
                                  double v0, double t);

/// The heavy ball's iteration matrix on one eigen-direction \f$\lambda\f$ of a quadratic: with
/// \f$e_t\f$ the component of \f$x_t - x^\star\f$ along it,
/// \f[ \begin{pmatrix} e_{t+1} \\ e_t \end{pmatrix}
///     = \begin{pmatrix} 1 + \beta - \eta\lambda & -\beta \\ 1 & 0 \end{pmatrix}
///       \begin{pmatrix} e_t \\ e_{t-1} \end{pmatrix}. \f]
/// Throws `std::invalid_argument` for invalid `params` or a non-finite `eigenvalue`.
Eigen::Matrix2d heavy_ball_iteration_matrix(const MomentumParams& params, double eigenvalue);

/// Nesterov's iteration matrix on one eigen-direction \f$\lambda\f$:
/// \f[ \begin{pmatrix} (1 + \beta)(1 - \eta\lambda) & -\beta(1 - \eta\lambda) \\ 1 & 0
///     \end{pmatrix}. \f]
/// Throws as heavy_ball_iteration_matrix().
Eigen::Matrix2d nesterov_iteration_matrix(const MomentumParams& params, double eigenvalue);

/// \f$\rho(T) = \max|z|\f$ over the roots of \f$z^2 - \operatorname{tr}(T)\,z + \det T = 0\f$, the
/// eigenvalues of the \f$2\times2\f$ matrix \f$T\f$: the factor by which the error eventually shrinks
/// per step. Throws `std::invalid_argument` if \f$T\f$ has a NaN or infinite entry.
double spectral_radius(const Eigen::Matrix2d& T);

/// The rate of the optimal heavy ball (\ref ch03-optimal "§3.5"): the largest spectral radius over
/// \f$\lambda \in [\lambda_1, \lambda_n]\f$ of the heavy ball with optimal_heavy_ball()'s
/// \f$(\eta, \beta)\f$, which no other \f$(\eta, \beta)\f$ makes smaller:
/// \f$(\sqrt\kappa - 1)/(\sqrt\kappa + 1)\f$. Calls no exercise. Throws as optimal_heavy_ball().
double optimal_heavy_ball_rate(double smallest_eigenvalue, double largest_eigenvalue);

/// The rate of Nesterov's method with nesterov_parameters(), \f$1 - 1/\sqrt\kappa\f$. Calls no
/// exercise. Throws as optimal_heavy_ball().
double nesterov_rate(double smallest_eigenvalue, double largest_eigenvalue);

}  // namespace workbook
