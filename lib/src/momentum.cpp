// Chapter 3 update rules: the heavy ball, Nesterov's method, torch.optim.SGD and the damped
// oscillator. The graded kernels the first two call, heavy_ball_step(), nesterov_step() and
// heavy_ball_from_physics(), are exercises: see exercises/ch03/. Sgd and DampedOscillator call none.
#include "workbook/momentum.hpp"

#include <cmath>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <utility>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

namespace workbook {

// -------------------------------------------------------------------------------- parameters

void MomentumParams::validate() const {
  require_positive("learning_rate", learning_rate);
  require_half_open_interval("momentum", momentum, 0.0, 1.0);
}

void PhysicalParams::validate() const {
  require_positive("mass", mass);
  require_non_negative("friction", friction);
  require_positive("time_step", time_step);
}

PhysicalParams physics_from_heavy_ball(const MomentumParams& params, double time_step) {
  require_positive("learning_rate", params.learning_rate);
  require_open_interval("momentum", params.momentum, 0.0, 1.0);
  require_positive("time_step", time_step);
  const double eta = params.learning_rate, beta = params.momentum, dt = time_step;
  PhysicalParams physics;
  physics.mass = beta * dt * dt / eta;         // m = βΔt²/η
  physics.friction = (1.0 - beta) * dt / eta;  // μ = (1 − β)Δt/η
  physics.time_step = dt;
  return physics;
}

void SgdParams::validate() const {
  require_positive("learning_rate", learning_rate);
  require_half_open_interval("momentum", momentum, 0.0, 1.0);
  require_closed_interval("dampening", dampening, 0.0, 1.0);
  require_non_negative("weight_decay", weight_decay);
  if (nesterov && momentum == 0.0) {
    throw std::invalid_argument(
        "nesterov = true with momentum = 0 is invalid: expected momentum in (0, 1) with nesterov");
  }
  if (nesterov && dampening != 0.0) {
    throw std::invalid_argument("nesterov = true with dampening = " + format_number(dampening, 6) +
                                " is invalid: expected dampening = 0 with nesterov");
  }
}

namespace {

// (η, β) of a physical ball, for an optimizer: the friction must be positive, or β = 1.
MomentumParams optimizer_from_physics(const PhysicalParams& physics) {
  physics.validate();
  require_positive("friction", physics.friction);
  return heavy_ball_from_physics(physics);
}

std::string momentum_name(const std::string& method, const MomentumParams& p) {
  return method + " (lr = " + format_number(p.learning_rate) +
         ", momentum = " + format_number(p.momentum) + ")";
}

}  // namespace

// -------------------------------------------------------------------------------- heavy ball

HeavyBall::HeavyBall(MomentumParams params) : params_(params) {
  params_.validate();
}

HeavyBall HeavyBall::from_physics(const PhysicalParams& physics) {
  return HeavyBall(optimizer_from_physics(physics));
}

std::string HeavyBall::name() const {
  return momentum_name("heavy ball", params_);
}

void HeavyBall::reset(Index dimension) {
  x_previous_.setZero(dimension);
  started_ = false;
}

void HeavyBall::step(Vector& x, double, const Vector& gradient, Objective&) {
  if (!started_) {
    x_previous_ = x;  // at rest: x_{−1} = x_0
    started_ = true;
  }
  heavy_ball_step(x, x_previous_, gradient, params_.learning_rate, params_.momentum);
}

void HeavyBall::set_learning_rate(double learning_rate) {
  require_positive("learning_rate", learning_rate);
  params_.learning_rate = learning_rate;
}

// ---------------------------------------------------------------------------------- Nesterov

Nesterov::Nesterov(MomentumParams params) : params_(params) {
  params_.validate();
}

Nesterov Nesterov::from_physics(const PhysicalParams& physics) {
  return Nesterov(optimizer_from_physics(physics));
}

std::string Nesterov::name() const {
  return momentum_name("nesterov", params_);
}

void Nesterov::reset(Index dimension) {
  x_previous_.setZero(dimension);
  started_ = false;
}

void Nesterov::step(Vector& x, double, const Vector&, Objective& objective) {
  if (!started_) {
    x_previous_ = x;  // at rest: x_{−1} = x_0
    started_ = true;
  }
  // ∇f at the lookahead point y_t, counted by the objective.
  const GradientFunction gradient_at = [&objective](const Vector& y) {
    Vector g;
    objective.gradient(y, g);
    return g;
  };
  nesterov_step(x, x_previous_, gradient_at, params_.learning_rate, params_.momentum);
}

void Nesterov::set_learning_rate(double learning_rate) {
  require_positive("learning_rate", learning_rate);
  params_.learning_rate = learning_rate;
}

// --------------------------------------------------------------------------------------- SGD

Sgd::Sgd(SgdParams params) : params_(params) {
  params_.validate();
}

std::string Sgd::name() const {
  std::string text = "sgd (lr = " + format_number(params_.learning_rate);
  if (params_.momentum != 0.0) text += ", momentum = " + format_number(params_.momentum);
  if (params_.dampening != 0.0) text += ", dampening = " + format_number(params_.dampening);
  if (params_.nesterov) text += ", nesterov";
  if (params_.weight_decay != 0.0) {
    text += ", weight_decay = " + format_number(params_.weight_decay);
  }
  return text + ")";
}

void Sgd::reset(Index) {
  buffer_.resize(0);  // torch: no momentum_buffer until the first step
  started_ = false;
}

void Sgd::step(Vector& x, double, const Vector& gradient, Objective&) {
  const SgdParams& p = params_;
  direction_ = gradient;                                        // g = ∇f(θ)
  if (p.weight_decay != 0.0) direction_ += p.weight_decay * x;  // g ← g + λθ
  if (p.momentum != 0.0) {
    if (!started_) {
      buffer_ = direction_;  // b ← g on the first step: no dampening
      started_ = true;
    } else {
      buffer_ = p.momentum * buffer_ + (1.0 - p.dampening) * direction_;  // b ← βb + (1 − τ)g
    }
    if (p.nesterov) {
      direction_ += p.momentum * buffer_;  // g ← g + βb
    } else {
      direction_ = buffer_;  // g ← b
    }
  }
  x -= p.learning_rate * direction_;  // θ ← θ − ηg
}

void Sgd::set_learning_rate(double learning_rate) {
  require_positive("learning_rate", learning_rate);
  params_.learning_rate = learning_rate;
}

// -------------------------------------------------------------------------- damped oscillator

DampedOscillator::DampedOscillator(PhysicalParams physics, Vector initial_velocity)
    : physics_(physics), initial_velocity_(std::move(initial_velocity)) {
  physics_.validate();
  require_finite("initial_velocity", initial_velocity_);
}

std::string DampedOscillator::name() const {
  return "damped oscillator (m = " + format_number(physics_.mass) +
         ", μ = " + format_number(physics_.friction) +
         ", Δt = " + format_number(physics_.time_step) + ")";
}

void DampedOscillator::reset(Index dimension) {
  x_previous_.setZero(dimension);
  started_ = false;
}

void DampedOscillator::step(Vector& x, double, const Vector& gradient, Objective&) {
  const double m = physics_.mass, mu = physics_.friction, dt = physics_.time_step;
  if (!started_) {
    // The point one step before the start, from x'(0) = v_0: x_{−1} = x_0 − Δt v_0.
    x_previous_ = x;
    if (initial_velocity_.size() != 0) {
      require_size("initial_velocity", initial_velocity_, x.size(), "the dimension of x");
      x_previous_ -= dt * initial_velocity_;
    }
    started_ = true;
  }
  // m (x_{t+1} − 2x_t + x_{t−1})/Δt² + μ (x_{t+1} − x_t)/Δt = −∇U(x_t), solved for x_{t+1}:
  Vector x_next = ((2.0 * m + mu * dt) * x - m * x_previous_ - dt * dt * gradient) / (m + mu * dt);
  x_previous_ = x;
  x = std::move(x_next);
}

std::string to_string(Damping damping) {
  switch (damping) {
    case Damping::under:
      return "under-damped";
    case Damping::critical:
      return "critically damped";
    case Damping::over:
      return "over-damped";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& out, Damping damping) {
  return out << to_string(damping);
}

namespace {

void check_oscillator(double mass, double friction, double stiffness) {
  require_positive("mass", mass);
  require_non_negative("friction", friction);
  require_positive("stiffness", stiffness);
}

}  // namespace

Damping damping_regime(double mass, double friction, double stiffness) {
  check_oscillator(mass, friction, stiffness);
  const double squared = friction * friction, critical = 4.0 * mass * stiffness;  // μ², 4mk
  if (squared < critical) return Damping::under;
  if (squared > critical) return Damping::over;
  return Damping::critical;
}

double damped_oscillator_solution(double mass, double friction, double stiffness, double x0,
                                  double v0, double t) {
  const Damping regime = damping_regime(mass, friction, stiffness);
  const double a = friction / (2.0 * mass);        // decay rate of the envelope
  const double omega2 = stiffness / mass - a * a;  // ω² (< 0 when over-damped)
  double C = 1.0, S = t;                           // critical: C = 1, S = t
  if (regime == Damping::under) {
    const double omega = std::sqrt(omega2);
    C = std::cos(omega * t);
    S = std::sin(omega * t) / omega;
  } else if (regime == Damping::over) {
    const double gamma = std::sqrt(-omega2);
    C = std::cosh(gamma * t);
    S = std::sinh(gamma * t) / gamma;
  }
  return std::exp(-a * t) * (x0 * C + (v0 + a * x0) * S);
}

// ------------------------------------------------------------------------- quadratic analysis

Eigen::Matrix2d heavy_ball_iteration_matrix(const MomentumParams& params, double eigenvalue) {
  params.validate();
  if (!std::isfinite(eigenvalue)) {
    throw std::invalid_argument("eigenvalue = " + format_number(eigenvalue) +
                                " is invalid: expected a finite number");
  }
  const double eta = params.learning_rate, beta = params.momentum, lambda = eigenvalue;
  Eigen::Matrix2d T;
  T << 1.0 + beta - eta * lambda, -beta,  // e_{t+1} = (1 + β − ηλ) e_t − β e_{t−1}
      1.0, 0.0;                           // e_t     = e_t
  return T;
}

Eigen::Matrix2d nesterov_iteration_matrix(const MomentumParams& params, double eigenvalue) {
  params.validate();
  if (!std::isfinite(eigenvalue)) {
    throw std::invalid_argument("eigenvalue = " + format_number(eigenvalue) +
                                " is invalid: expected a finite number");
  }
  const double eta = params.learning_rate, beta = params.momentum, lambda = eigenvalue;
  const double shrink = 1.0 - eta * lambda;  // a gradient step multiplies y_t by 1 − ηλ
  Eigen::Matrix2d T;
  T << (1.0 + beta) * shrink, -beta * shrink,  // e_{t+1} = (1 − ηλ)((1 + β) e_t − β e_{t−1})
      1.0, 0.0;
  return T;
}

double spectral_radius(const Eigen::Matrix2d& T) {
  if (!T.allFinite()) {
    throw std::invalid_argument("the matrix has a NaN or infinite entry: expected finite entries");
  }
  // The eigenvalues are the roots of z² − tr·z + det = 0.
  const double trace = T(0, 0) + T(1, 1), det = T(0, 0) * T(1, 1) - T(0, 1) * T(1, 0);
  const double discriminant = trace * trace - 4.0 * det;
  if (discriminant < 0.0) return std::sqrt(det);  // complex pair: |z|² = z·z̄ = det
  const double root = std::sqrt(discriminant);
  return std::max(std::abs(trace + root), std::abs(trace - root)) / 2.0;
}

namespace {

// 0 < λ₁ ≤ λₙ, both finite.
void check_spectrum(double smallest, double largest) {
  require_positive("smallest_eigenvalue", smallest);
  require_positive("largest_eigenvalue", largest);
  if (largest < smallest) {
    throw std::invalid_argument(
        "largest_eigenvalue = " + format_number(largest, 6) +
        " is invalid: expected largest_eigenvalue >= smallest_eigenvalue = " +
        format_number(smallest, 6));
  }
}

// (√κ − 1)/(√κ + 1) = (√λₙ − √λ₁)/(√λₙ + √λ₁).
double root_ratio(double smallest, double largest) {
  return (std::sqrt(largest) - std::sqrt(smallest)) / (std::sqrt(largest) + std::sqrt(smallest));
}

}  // namespace

MomentumParams optimal_heavy_ball(double smallest_eigenvalue, double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  const double root_sum = std::sqrt(smallest_eigenvalue) + std::sqrt(largest_eigenvalue);
  const double ratio = root_ratio(smallest_eigenvalue, largest_eigenvalue);
  MomentumParams p;
  p.learning_rate = (2.0 / root_sum) * (2.0 / root_sum);  // η = (2/(√λ₁ + √λₙ))²
  p.momentum = ratio * ratio;                             // β = ((√κ − 1)/(√κ + 1))²
  return p;
}

double optimal_heavy_ball_rate(double smallest_eigenvalue, double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  return root_ratio(smallest_eigenvalue, largest_eigenvalue);
}

MomentumParams nesterov_parameters(double smallest_eigenvalue, double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  MomentumParams p;
  p.learning_rate = 1.0 / largest_eigenvalue;                        // η = 1/L
  p.momentum = root_ratio(smallest_eigenvalue, largest_eigenvalue);  // β = (√κ − 1)/(√κ + 1)
  return p;
}

double nesterov_rate(double smallest_eigenvalue, double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  return 1.0 - std::sqrt(smallest_eigenvalue / largest_eigenvalue);  // 1 − 1/√κ
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

void workbook::catalogue::add_momentum(Registry& registry) {
  registry.add(optimizer_entry(
      "sgd",
      "SGD with momentum, dampening, Nesterov and weight decay, exactly as torch.optim.SGD "
      "(Chapter 3)",
      Settings<SgdParams>()
          .add("lr", &SgdParams::learning_rate, "step size (learning rate) eta", "lr > 0")
          .add("momentum", &SgdParams::momentum, "momentum beta: b <- beta b + (1 - tau) g",
               "momentum in [0, 1)")
          .add("dampening", &SgdParams::dampening,
               "dampening tau: the buffer adds (1 - tau) g (not on the first step)",
               "dampening in [0, 1]")
          .add("nesterov", &SgdParams::nesterov, "step along g + beta b instead of b",
               "true needs momentum > 0 and dampening = 0")
          .add("weight_decay", &SgdParams::weight_decay, "L2 penalty: g <- g + lambda theta",
               "weight_decay >= 0"),
      [](const SgdParams& p) { return std::make_unique<Sgd>(p); }));
  const auto momentum_settings = [] {
    return Settings<MomentumParams>()
        .add("lr", &MomentumParams::learning_rate, "step size eta", "lr > 0")
        .add("momentum", &MomentumParams::momentum, "momentum beta", "momentum in [0, 1)");
  };
  registry.add(optimizer_entry(
      "heavy-ball",
      "Polyak's heavy ball: x <- x - lr * grad f(x) + momentum * (x - x_prev) (Chapter 3)",
      momentum_settings(), [](const MomentumParams& p) { return std::make_unique<HeavyBall>(p); }));
  registry.add(optimizer_entry(
      "nesterov",
      "Nesterov's accelerated gradient, lookahead form: y = x + momentum * (x - x_prev), "
      "x <- y - lr * grad f(y) (Chapter 3)",
      momentum_settings(), [](const MomentumParams& p) { return std::make_unique<Nesterov>(p); }));
}
