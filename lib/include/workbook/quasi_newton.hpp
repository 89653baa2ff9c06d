/// \file
/// Chapter 4: methods that learn curvature from gradients. The strong-Wolfe line search they share,
/// nonlinear conjugate gradients (Fletcher–Reeves, Polak–Ribière+), BFGS and L-BFGS.
///
/// Each is an update rule of the one driver, minimize(); the line search's trial values and
/// gradients go through the Objective and are counted in the run's Result.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/rule.hpp"
#include "workbook/settings.hpp"

namespace workbook {

// ---------------------------------------------------------------------------- the line search

/// Constants of the strong-Wolfe line search (\ref ch04-wolfe "Chapter 4, §4.8").
struct WolfeParams {
  /// \f$\alpha_0\f$, the first step size tried; \f$> 0\f$ (1: the quasi-Newton step).
  double initial_step = 1.0;
  /// \f$c_1\f$ of sufficient decrease \f$f(x + \alpha d) \le f(x) + c_1 \alpha \nabla f(x)^\top
  /// d\f$; \f$0 < c_1 < c_2\f$.
  double sufficient_decrease = 1e-4;
  /// \f$c_2\f$ of the curvature condition \f$|\nabla f(x + \alpha d)^\top d| \le c_2
  /// |\nabla f(x)^\top d|\f$; \f$c_1 < c_2 < 1\f$ (0.9 for quasi-Newton, 0.1 for nonlinear CG).
  double curvature = 0.9;
  /// How many trial points the search may evaluate before it gives up; \f$\ge 1\f$.
  int max_evaluations = 40;
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<WolfeParams>& fields();
  /// Throws `std::invalid_argument` naming the value unless \f$0 < c_1 < c_2 < 1\f$, \f$\alpha_0 >
  /// 0\f$ and the budget is at least 1.
  void validate(Naming naming = Naming::code) const;
};

/// Where a line search stopped: the step size and what was evaluated there.
struct LineSearchResult {
  double step_size = 0.0;  ///< \f$\alpha\f$, satisfying both strong-Wolfe conditions
  double loss = 0.0;       ///< \f$f(x + \alpha d)\f$
  Vector point;            ///< \f$x + \alpha d\f$, bitwise the point evaluated
  Vector gradient;         ///< \f$\nabla f(x + \alpha d)\f$
  int evaluations = 0;     ///< trial points evaluated (\f$f\f$ and \f$\nabla f\f$ each)
};

/// A step size \f$\alpha\f$ along the descent direction \f$d\f$ that satisfies the strong Wolfe
/// conditions, by bracketing and zooming (Nocedal and Wright, Algorithms 3.5 and 3.6) with cubic
/// interpolation. Every trial point is evaluated through `objective` (counted).
///
/// Throws `std::invalid_argument` if \f$\nabla f(x)^\top d \ge 0\f$ (not a descent direction) or
/// `params` is invalid, and Breakdown, with the numbers, if no step is found within
/// `params.max_evaluations` trial points (or a trial value is not finite and none below it is).
LineSearchResult strong_wolfe_line_search(Objective& objective, const Vector& x, double loss,
                                          const Vector& gradient, const Vector& direction,
                                          const WolfeParams& params);
/// The same search, into `result`: the trial points and their gradients are written into
/// `result.point` and `result.gradient`, whose storage is reused (no allocation once they have
/// \f$n\f$ entries), which is what a rule that keeps `result` in its state wants at every step.
/// `result` must not be `x`'s, `gradient`'s or `direction`'s storage.
void strong_wolfe_line_search(Objective& objective, const Vector& x, double loss,
                              const Vector& gradient, const Vector& direction,
                              const WolfeParams& params, LineSearchResult& result);

// ------------------------------------------------------------------- nonlinear conjugate gradients

/// The formula for \f$\beta_k\f$ of nonlinear conjugate gradients (\ref ch04-nonlinear-cg "§4.8").
enum class ConjugateGradientBeta {
  /// Fletcher–Reeves: \f$\beta_k = \dfrac{g_{k+1}^\top g_{k+1}}{g_k^\top g_k}\f$.
  fletcher_reeves,
  /// Polak–Ribière+: \f$\beta_k = \max\Big(0, \dfrac{g_{k+1}^\top (g_{k+1} - g_k)}{g_k^\top g_k}\Big)\f$.
  polak_ribiere_plus
};

/// "fr", "pr".
std::string to_string(ConjugateGradientBeta beta);
/// The formulas by name, as the setting `beta` takes them (settings.hpp).
const std::vector<Choice<ConjugateGradientBeta>>& setting_choices(ConjugateGradientBeta);

/// Hyper-parameters of nonlinear conjugate gradients.
struct NonlinearCgParams {
  /// The formula for \f$\beta_k\f$.
  ConjugateGradientBeta beta = ConjugateGradientBeta::polak_ribiere_plus;
  /// The strong-Wolfe line search, with \f$c_2 = 0.1\f$: CG needs a nearly exact search.
  WolfeParams line_search{.curvature = 0.1};
  /// Its own fields: none (the line search's constants are WolfeParams::fields()).
  static const Settings<NonlinearCgParams>& fields();
  /// Throws `std::invalid_argument` naming the value out of range.
  void validate(Naming naming = Naming::code) const;
};

/// What nonlinear conjugate gradients carries between steps.
struct NonlinearCgState {
  Vector direction;          ///< \f$d_k\f$
  Vector previous_gradient;  ///< \f$g_k\f$, for \f$\beta\f$ at the next step
  double step_size = 0.0;    ///< \f$\alpha_k\f$ of the last step
  double beta = 0.0;         ///< \f$\beta_k\f$ of the last step
  long restarts = 0;  ///< steps that restarted along \f$-g\f$ (\f$d\f$ was not a descent direction)
  long t = 0;         ///< \f$t\f$, the steps taken
  /// Sized for \f$n\f$ parameters.
  void reset(Index n, const NonlinearCgParams&);
  /// 2: \f$d\f$ and the previous gradient.
  int vectors() const { return 2; }
};

/// One step of nonlinear conjugate gradients, in place:
/// \f$d_0 = -g_0\f$, \f$x_{k+1} = x_k + \alpha_k d_k\f$ (strong Wolfe),
/// \f$d_{k+1} = -g_{k+1} + \beta_k d_k\f$, restarting with \f$d = -g\f$ when \f$d\f$ is not a descent
/// direction.
void nonlinear_cg_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                       NonlinearCgState& state, const NonlinearCgParams& params);

/// Nonlinear conjugate gradients: a KernelRule of nonlinear_cg_step().
using NonlinearCgRule = KernelRule<NonlinearCgParams, NonlinearCgState>;
/// Nonlinear conjugate gradients. Throws `std::invalid_argument` if `params` is invalid.
NonlinearCgRule nonlinear_cg_rule(NonlinearCgParams params = {});

// ------------------------------------------------------------------------------------ BFGS

/// Hyper-parameters of BFGS.
struct BfgsParams {
  /// The strong-Wolfe line search (\f$c_2 = 0.9\f$); its curvature condition keeps
  /// \f$s_k^\top y_k > 0\f$.
  WolfeParams line_search{};
  /// Its own fields: none (the line search's constants are WolfeParams::fields()).
  static const Settings<BfgsParams>& fields();
  /// Throws `std::invalid_argument` naming the value out of range.
  void validate(Naming naming = Naming::code) const;
};

/// What BFGS carries: the inverse-Hessian approximation \f$H_k\f$, an \f$n \times n\f$ matrix.
struct BfgsState {
  Matrix H;                  ///< \f$H_k \approx \nabla^2 f(x_k)^{-1}\f$
  double step_size = 0.0;    ///< \f$\alpha_k\f$ of the last step
  long skipped_updates = 0;  ///< updates skipped because \f$s_k^\top y_k \le 0\f$
  long t = 0;                ///< \f$t\f$, the steps taken
  /// \f$H\f$ emptied; the first step sets \f$H_0 = I\f$ and, after it, scales it by \f$\gamma =
  /// s^\top y / y^\top y\f$.
  void reset(Index n, const BfgsParams&);
  /// \f$n\f$: the matrix \f$H\f$ is \f$n\f$ vectors of length \f$n\f$.
  int vectors() const { return static_cast<int>(H.rows()); }
};

/// One step of BFGS, in place: \f$p_k = -H_k g_k\f$, \f$x_{k+1} = x_k + \alpha_k p_k\f$ (strong
/// Wolfe), and with \f$s_k = x_{k+1} - x_k\f$, \f$y_k = g_{k+1} - g_k\f$, \f$\rho_k = 1/y_k^\top s_k\f$:
/// \f[ H_{k+1} = (I - \rho_k s_k y_k^\top) H_k (I - \rho_k y_k s_k^\top) + \rho_k s_k s_k^\top. \f]
void bfgs_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
               BfgsState& state, const BfgsParams& params);

/// BFGS: a KernelRule of bfgs_step().
using BfgsRule = KernelRule<BfgsParams, BfgsState>;
/// BFGS. Throws `std::invalid_argument` if `params` is invalid.
BfgsRule bfgs_rule(BfgsParams params = {});

// ----------------------------------------------------------------------------------- L-BFGS

/// The last \f$m\f$ curvature pairs \f$(s_i, y_i)\f$ of L-BFGS, oldest first: all it knows of
/// \f$\nabla^2 f\f$ (\ref ch04-lbfgs "§4.9"). \f$O(mn)\f$ memory.
class LbfgsHistory {
 public:
  /// Keeps at most `m` pairs. Throws `std::invalid_argument` unless \f$m \ge 1\f$.
  explicit LbfgsHistory(int m = 6);
  /// Appends \f$(s, y)\f$, dropping the oldest pair when \f$m\f$ are kept. Throws
  /// `std::invalid_argument` if the sizes differ from the pairs' or \f$s^\top y \le 0\f$ (the pair
  /// would make \f$H\f$ indefinite: the caller skips it).
  void push(const Vector& s, const Vector& y);
  /// What L-BFGS does with a new pair, without copies: the pair is kept when \f$s^\top y >
  /// \varepsilon\, y^\top y\f$ (\f$\varepsilon\f$ the machine epsilon), and then `s` and `y` are
  /// moved into the history and come back holding the storage of the pair dropped (empty while
  /// fewer than \f$m\f$ pairs are kept). Otherwise the pair would make \f$H\f$ indefinite or
  /// nearly singular: nothing is kept, `s` and `y` are unchanged, and it returns false. Throws
  /// `std::invalid_argument` if the sizes differ, as push().
  bool push_by_swap(Vector& s, Vector& y);
  /// Forgets every pair.
  void clear();
  /// The number of pairs kept, at most capacity().
  int size() const { return static_cast<int>(s_.size()); }
  /// \f$m\f$.
  int capacity() const { return m_; }
  /// \f$s_i\f$, \f$i = 0\f$ the oldest kept, size() − 1 the newest.
  const Vector& s(int i) const { return s_.at(static_cast<std::size_t>(i)); }
  /// \f$y_i\f$, as s().
  const Vector& y(int i) const { return y_.at(static_cast<std::size_t>(i)); }
  /// \f$\rho_i = 1 / s_i^\top y_i\f$, as s(): computed once, when the pair was pushed.
  double rho(int i) const { return rho_.at(static_cast<std::size_t>(i)); }

 private:
  void check_sizes(const Vector& s, const Vector& y) const;
  void keep(Vector& s, Vector& y, double sy);  // appends a checked pair, moving it in

  int m_;
  std::deque<Vector> s_, y_;
  std::deque<double> rho_;
};

/// \name Chapter 4 exercises
/// \{

/// The L-BFGS direction \f$d = -H g\f$ by the two-loop recursion (\ref ch04-lbfgs "§4.9",
/// \ref exercises/ch04/lbfgs_two_loop.cpp "the stub"), where \f$H\f$ is the BFGS inverse-Hessian
/// approximation built from the pairs of `history`, oldest first, on top of
/// \f$H^0 = \gamma I\f$, \f$\gamma = s^\top y / y^\top y\f$ of the newest pair. Without pairs,
/// \f$d = -g\f$. The result is written into `direction`, resized to \f$n\f$ (whatever it held
/// before does not matter), so that a rule which keeps it allocates nothing per step; it must
/// not share `gradient`'s storage. `gradient` and `history` are not changed. Takes \f$O(mn)\f$
/// operations and no memory beyond \f$d\f$ and \f$O(m)\f$ scalars.
void lbfgs_direction(const Vector& gradient, const LbfgsHistory& history, Vector& direction);
/// \}

/// Hyper-parameters of L-BFGS.
struct LbfgsParams {
  /// \f$m\f$, the number of pairs kept; \f$\ge 1\f$ (LBFGSpp's default is 6).
  int history = 6;
  /// The strong-Wolfe line search (\f$c_2 = 0.9\f$).
  WolfeParams line_search{};
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<LbfgsParams>& fields();
  /// Throws `std::invalid_argument` naming the value out of range.
  void validate(Naming naming = Naming::code) const;
};

/// What L-BFGS carries between steps.
struct LbfgsState {
  LbfgsHistory history{LbfgsParams{}.history};  ///< the last \f$m\f$ pairs \f$(s_i, y_i)\f$
  double step_size = 0.0;                       ///< \f$\alpha_k\f$ of the last step
  long skipped_updates = 0;  ///< pairs not kept: \f$s_k^\top y_k \le \varepsilon\, y_k^\top y_k\f$
  long t = 0;                ///< \f$t\f$, the steps taken
  // Work space of a step, kept so that a step allocates nothing of size n.
  Vector direction;  ///< \f$d_k = -H_k g_k\f$ of the last step
  Vector s;          ///< \f$s_k = x_{k+1} - x_k\f$ of the last step, before it joins the history
  Vector y;          ///< \f$y_k = g_{k+1} - g_k\f$ of the last step, before it joins the history
  /// The last line search: its trial points and gradients are written here; after the step its
  /// point holds \f$x_k\f$'s old storage, which the next search fills.
  LineSearchResult search;
  /// An empty history of params.history pairs.
  void reset(Index n, const LbfgsParams& params);
  /// \f$2m\f$: the pairs, when the history is full (the work space is not counted).
  int vectors() const { return 2 * history.capacity(); }
};

/// One step of L-BFGS, in place: \f$d_k\f$ = lbfgs_direction(), \f$x_{k+1} = x_k + \alpha_k d_k\f$
/// (strong Wolfe; the first step from \f$\alpha_0 = 1/\|g_0\|\f$), then the pair \f$(s_k, y_k)\f$
/// joins the history when \f$s_k^\top y_k > \varepsilon\, y_k^\top y_k\f$.
void lbfgs_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                LbfgsState& state, const LbfgsParams& params);

/// L-BFGS: a KernelRule of lbfgs_step().
using LbfgsRule = KernelRule<LbfgsParams, LbfgsState>;
/// L-BFGS. Throws `std::invalid_argument` if `params` is invalid.
LbfgsRule lbfgs_rule(LbfgsParams params = {});

}  // namespace workbook
