/// \file
/// Chapter 3: momentum. The heavy ball (Polyak), Nesterov's accelerated gradient, SGD with momentum
/// exactly as torch.optim.SGD, and the damped oscillator \f$m x'' + \mu x' = -\nabla U(x)\f$ whose
/// discretisation they are.
///
/// Symbols, as in the notes: \f$\eta\f$ the step size (learning_rate), \f$\beta\f$ the momentum,
/// \f$m\f$ the mass, \f$\mu\f$ the friction, \f$\Delta t\f$ the time step, \f$\lambda\f$ an eigenvalue
/// of the Hessian, \f$\kappa = \lambda_n/\lambda_1\f$ the condition number.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "workbook/driver.hpp"
#include "workbook/function.hpp"

namespace workbook {

/// The heavy ball's and Nesterov's hyper-parameters \f$(\eta, \beta)\f$.
struct MomentumParams {
  /// \f$\eta\f$, the step size; \f$> 0\f$.
  double learning_rate = 0.01;
  /// \f$\beta\f$, the momentum: the fraction of the last displacement kept; in \f$[0, 1)\f$.
  double momentum = 0.9;
  /// Throws `std::invalid_argument` unless learning_rate \f$> 0\f$ and momentum \f$\in [0, 1)\f$.
  void validate() const;
};

/// The physical parameters \f$(m, \mu, \Delta t)\f$ of a ball rolling in the potential \f$U\f$:
/// \f$m x'' + \mu x' = -\nabla U(x)\f$, integrated with time step \f$\Delta t\f$.
///
/// The defaults map to the defaults of MomentumParams: \f$\beta = m/(m + \mu\Delta t) = 0.9\f$,
/// \f$\eta = \Delta t^2/(m + \mu\Delta t) = 0.01\f$.
struct PhysicalParams {
  /// \f$m\f$, the mass (inertia); \f$> 0\f$.
  double mass = 0.9;
  /// \f$\mu\f$, the friction coefficient (damping); \f$\ge 0\f$.
  double friction = 1.0;
  /// \f$\Delta t\f$, the time step; \f$> 0\f$.
  double time_step = 0.1;
  /// Throws `std::invalid_argument` unless mass \f$> 0\f$, friction \f$\ge 0\f$ and
  /// time_step \f$> 0\f$ (all finite).
  void validate() const;
};

/// \name Chapter 3 exercises
/// Declared here once; defined in `exercises/ch03/` (the stubs a student completes) and in the
/// reference solutions. The update rules below call them.
/// \{

/// The map from the physics to the optimizer (Chapter 3, §3.1):
/// \f[ \beta = \frac{m}{m + \mu\Delta t}, \qquad \eta = \frac{\Delta t^2}{m + \mu\Delta t}. \f]
/// Throws `std::invalid_argument` (PhysicalParams::validate()) for a mass \f$\le 0\f$, a friction
/// \f$< 0\f$ or a time step \f$\le 0\f$.
MomentumParams heavy_ball_from_physics(const PhysicalParams& physics);

/// One heavy-ball step in Polyak's form (Chapter 3, §3.2), in place:
/// \f[ x_{t+1} = x_t - \eta\,\nabla f(x_t) + \beta\,(x_t - x_{t-1}). \f]
///
/// \param x              \f$x_t\f$ on entry, \f$x_{t+1}\f$ on exit
/// \param x_previous     \f$x_{t-1}\f$ on entry, \f$x_t\f$ on exit
/// \param gradient       \f$\nabla f(x_t)\f$
/// \param learning_rate  \f$\eta\f$
/// \param momentum       \f$\beta\f$
void heavy_ball_step(Vector& x, Vector& x_previous, const Vector& gradient, double learning_rate,
                     double momentum);

/// One step of Nesterov's accelerated gradient in lookahead form (Chapter 3, §3.6), in place:
/// \f[ y_t = x_t + \beta\,(x_t - x_{t-1}), \qquad x_{t+1} = y_t - \eta\,\nabla f(y_t). \f]
///
/// \param x              \f$x_t\f$ on entry, \f$x_{t+1}\f$ on exit
/// \param x_previous     \f$x_{t-1}\f$ on entry, \f$x_t\f$ on exit
/// \param gradient       \f$\nabla f\f$, called once, at the lookahead point \f$y_t\f$
/// \param learning_rate  \f$\eta\f$
/// \param momentum       \f$\beta\f$
void nesterov_step(Vector& x, Vector& x_previous, const GradientFunction& gradient,
                   double learning_rate, double momentum);
/// \}

/// The inverse of heavy_ball_from_physics() for a given time step:
/// \f$m = \beta\Delta t^2/\eta\f$, \f$\mu = (1 - \beta)\Delta t/\eta\f$.
///
/// Throws `std::invalid_argument` unless learning_rate \f$> 0\f$, momentum \f$\in (0, 1)\f$ (a ball
/// with \f$\beta = 0\f$ has no mass) and time_step \f$> 0\f$.
PhysicalParams physics_from_heavy_ball(const MomentumParams& params, double time_step);

/// The heavy ball in Polyak's form:
/// \f$x_{t+1} = x_t - \eta\,\nabla f(x_t) + \beta\,(x_t - x_{t-1})\f$, started at rest
/// (\f$x_{-1} = x_0\f$). Each step is heavy_ball_step().
///
/// State: \f$x_{t-1}\f$, the previous iterate (one vector per parameter).
class HeavyBall final : public UpdateRule {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid (MomentumParams::validate()).
  explicit HeavyBall(MomentumParams params = {});
  /// The heavy ball of a physical ball: \f$(\eta, \beta)\f$ = heavy_ball_from_physics(`physics`).
  /// Throws `std::invalid_argument` if `physics` is invalid or its friction is 0 (then
  /// \f$\beta = 1\f$: nothing slows the ball and it never comes to rest).
  static HeavyBall from_physics(const PhysicalParams& physics);
  std::string name() const override;
  void reset(Index dimension) override;
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override;
  int state_vectors() const override { return 1; }
  /// The hyper-parameters it runs with.
  const MomentumParams& params() const { return params_; }
  /// Changes \f$\eta\f$ from the next step on (a schedule); throws `std::invalid_argument` unless
  /// learning_rate \f$> 0\f$.
  void set_learning_rate(double learning_rate) override;

 private:
  MomentumParams params_;
  Vector x_previous_;  // x_{t−1}
  bool started_ = false;
};

/// Nesterov's accelerated gradient in lookahead form:
/// \f$y_t = x_t + \beta\,(x_t - x_{t-1})\f$, \f$x_{t+1} = y_t - \eta\,\nabla f(y_t)\f$, started at rest
/// (\f$x_{-1} = x_0\f$). Each step is nesterov_step().
///
/// State: \f$x_{t-1}\f$ (one vector per parameter). Each step evaluates \f$\nabla f(y_t)\f$, so a run
/// costs two gradients per iteration: the driver's \f$\nabla f(x_t)\f$ and the lookahead one
/// (torch's reformulation, Sgd with nesterov, needs only one).
class Nesterov final : public UpdateRule {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid (MomentumParams::validate()).
  explicit Nesterov(MomentumParams params = {});
  /// Nesterov's method with the parameters of a physical ball: \f$(\eta, \beta)\f$ =
  /// heavy_ball_from_physics(`physics`). Throws `std::invalid_argument` if `physics` is invalid or
  /// its friction is 0 (\f$\beta = 1\f$).
  static Nesterov from_physics(const PhysicalParams& physics);
  std::string name() const override;
  void reset(Index dimension) override;
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override;
  int state_vectors() const override { return 1; }
  /// The hyper-parameters it runs with.
  const MomentumParams& params() const { return params_; }
  /// Changes \f$\eta\f$ from the next step on; throws `std::invalid_argument` unless
  /// learning_rate \f$> 0\f$.
  void set_learning_rate(double learning_rate) override;

 private:
  MomentumParams params_;
  Vector x_previous_;  // x_{t−1}
  bool started_ = false;
};

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
  /// Throws `std::invalid_argument` naming the first value out of its range, or the flag that
  /// conflicts with it (nesterov with momentum = 0 or dampening \f$\neq 0\f$).
  void validate() const;
};

/// SGD with momentum exactly as torch.optim.SGD (PyTorch 1.13, single-tensor path). With
/// \f$\theta\f$ the parameters and \f$g = \nabla f(\theta)\f$, each step does
/// \f[ g \leftarrow g + \lambda\theta; \qquad
///     b \leftarrow \begin{cases} g & \text{on the first step (no dampening)}
///                      \\ \beta b + (1 - \tau) g & \text{afterwards} \end{cases}; \qquad
///     g \leftarrow \begin{cases} g + \beta b & \text{nesterov} \\ b & \text{otherwise}
///     \end{cases}; \qquad
///     \theta \leftarrow \theta - \eta g, \f]
/// the middle two only when \f$\beta \neq 0\f$.
///
/// State: the momentum buffer \f$b\f$ (one vector per parameter when \f$\beta \neq 0\f$, none
/// otherwise).
class Sgd final : public UpdateRule {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid (SgdParams::validate()).
  explicit Sgd(SgdParams params = {});
  std::string name() const override;
  void reset(Index dimension) override;
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override;
  int state_vectors() const override { return params_.momentum != 0.0 ? 1 : 0; }
  /// The hyper-parameters it runs with.
  const SgdParams& params() const { return params_; }
  /// Changes `lr` from the next step on, as assigning `param_groups[0]["lr"]` does in torch;
  /// throws `std::invalid_argument` unless learning_rate \f$> 0\f$.
  void set_learning_rate(double learning_rate) override;
  /// The momentum buffer \f$b\f$ (empty before the first step).
  const Vector& momentum_buffer() const { return buffer_; }

 private:
  SgdParams params_;
  Vector buffer_;  // b
  Vector direction_;
  bool started_ = false;
};

/// The damped oscillator \f$m x'' + \mu x' = -\nabla U(x)\f$ integrated with the central second
/// difference for \f$x''\f$ and the forward difference for \f$x'\f$:
/// \f[ m\,\frac{x_{t+1} - 2x_t + x_{t-1}}{\Delta t^2} + \mu\,\frac{x_{t+1} - x_t}{\Delta t}
///     = -\nabla U(x_t)
///     \quad\Longrightarrow\quad
///     x_{t+1} = \frac{(2m + \mu\Delta t)\,x_t - m\,x_{t-1} - \Delta t^2\,\nabla U(x_t)}
///                    {m + \mu\Delta t}. \f]
///
/// An UpdateRule, so that the driver runs it: the problem is the potential \f$U\f$, step \f$k\f$
/// takes \f$x(k\Delta t)\f$ to \f$x((k+1)\Delta t)\f$. The first step uses the point before the start,
/// \f$x_{-1} = x_0 - \Delta t\, v_0\f$, for the initial velocity \f$v_0\f$. It is written in the
/// physicist's variables and calls no exercise; §3.1 shows it is the heavy ball.
///
/// State: \f$x_{t-1}\f$ (one vector per coordinate).
class DampedOscillator final : public UpdateRule {
 public:
  /// A ball of the given physics, released with velocity `initial_velocity` (empty: at rest).
  /// Throws `std::invalid_argument` if `physics` is invalid or the velocity is not finite.
  explicit DampedOscillator(PhysicalParams physics, Vector initial_velocity = Vector());
  std::string name() const override;
  void reset(Index dimension) override;
  /// Advances by one time step. Throws `std::invalid_argument` if the initial velocity's size is
  /// not the dimension of \f$x\f$.
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override;
  int state_vectors() const override { return 1; }
  /// The physics it integrates.
  const PhysicalParams& physics() const { return physics_; }

 private:
  PhysicalParams physics_;
  Vector initial_velocity_;  // v_0
  Vector x_previous_;        // x_{t−1}
  bool started_ = false;
};

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

/// Polyak's optimal heavy ball for eigenvalues in \f$[\lambda_1, \lambda_n]\f$:
/// \f$\eta = \big(2/(\sqrt{\lambda_1} + \sqrt{\lambda_n})\big)^2\f$,
/// \f$\beta = \big((\sqrt\kappa - 1)/(\sqrt\kappa + 1)\big)^2\f$. Throws `std::invalid_argument` unless
/// \f$0 < \lambda_1 \le \lambda_n\f$ (finite).
MomentumParams optimal_heavy_ball(double smallest_eigenvalue, double largest_eigenvalue);

/// The rate of the optimal heavy ball, \f$\sqrt\beta = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)\f$. Throws
/// as optimal_heavy_ball().
double optimal_heavy_ball_rate(double smallest_eigenvalue, double largest_eigenvalue);

/// Nesterov's parameters for an \f$L\f$-smooth, \f$\mu\f$-strongly convex function
/// (\f$\lambda_1 = \mu\f$, \f$\lambda_n = L\f$): \f$\eta = 1/L\f$, \f$\beta = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)\f$.
/// Throws as optimal_heavy_ball().
MomentumParams nesterov_parameters(double smallest_eigenvalue, double largest_eigenvalue);

/// The rate of Nesterov's method with nesterov_parameters(), \f$1 - 1/\sqrt\kappa\f$. Throws as
/// optimal_heavy_ball().
double nesterov_rate(double smallest_eigenvalue, double largest_eigenvalue);

}  // namespace workbook
