// Chapter 3 update rules: the heavy ball, Nesterov's method, torch.optim.SGD and the damped
// oscillator. The graded kernels of the first two, heavy_ball_step(), nesterov_step() and
// heavy_ball_from_physics(), are exercises: see exercises/ch03/. sgd_step() and
// damped_oscillator_step() are defined here and call none; the analysis (iteration matrices,
// optimal parameters, damping regimes) is in momentum_analysis.cpp.
#include "workbook/momentum.hpp"

#include <memory>
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

void DampedOscillatorParams::validate() const {
  physics.validate();
  require_finite("initial_velocity", initial_velocity);
}

MomentumParams optimizer_from_physics(const PhysicalParams& physics) {
  physics.validate();
  require_positive("friction", physics.friction);  // β < 1
  return heavy_ball_from_physics(physics);
}

namespace {

std::string heavy_ball_name(const MomentumParams& p) {
  return "heavy ball (lr = " + format_number(p.learning_rate) +
         ", momentum = " + format_number(p.momentum) + ")";
}

std::string nesterov_name(const MomentumParams& p) {
  return "nesterov (lr = " + format_number(p.learning_rate) +
         ", momentum = " + format_number(p.momentum) + ")";
}

std::string sgd_name(const SgdParams& p) {
  std::string text = "sgd (lr = " + format_number(p.learning_rate);
  if (p.momentum != 0.0) text += ", momentum = " + format_number(p.momentum);
  if (p.dampening != 0.0) text += ", dampening = " + format_number(p.dampening);
  if (p.nesterov) text += ", nesterov";
  if (p.weight_decay != 0.0) text += ", weight_decay = " + format_number(p.weight_decay);
  return text + ")";
}

std::string oscillator_name(const DampedOscillatorParams& p) {
  return "damped oscillator (m = " + format_number(p.physics.mass) +
         ", μ = " + format_number(p.physics.friction) +
         ", Δt = " + format_number(p.physics.time_step) + ")";
}

}  // namespace

// ------------------------------------------------------------------------ heavy ball, Nesterov

MomentumRule heavy_ball_rule(MomentumParams params) {
  return {params, heavy_ball_step, heavy_ball_name};
}

MomentumRule nesterov_rule(MomentumParams params) {
  return {params, nesterov_step, nesterov_name};
}

// --------------------------------------------------------------------------------------- SGD

void sgd_step(Vector& x, const Vector& gradient, SgdState& state, const SgdParams& p) {
  ++state.t;
  const bool first = state.t == 1;
  Vector& b = state.momentum_buffer;
  const double lr = p.learning_rate, beta = p.momentum, tau = p.dampening;
  const double lambda = p.weight_decay;
  for (Index i = 0; i < x.size(); ++i) {
    double g = gradient(i) + lambda * x(i);  // g ← ∇f(θ) + λθ
    if (beta != 0.0) {
      b(i) = first ? g : beta * b(i) + (1.0 - tau) * g;  // b ← g, then b ← βb + (1 − τ)g
      g = p.nesterov ? g + beta * b(i) : b(i);           // g ← g + βb, or g ← b
    }
    x(i) -= lr * g;  // θ ← θ − ηg
  }
}

SgdRule sgd_rule(SgdParams params) {
  return {params, sgd_step, sgd_name};
}

// -------------------------------------------------------------------------- damped oscillator

void DampedOscillatorState::reset(Index n, const DampedOscillatorParams& params) {
  // x_{−1} − x_0 = −Δt v_0, from x'(0) = v_0; start() adds x_0.
  x_previous.setZero(n);
  if (params.initial_velocity.size() != 0) {
    require_size("initial_velocity", params.initial_velocity, n, "the dimension of x");
    x_previous = -params.physics.time_step * params.initial_velocity;
  }
}

void damped_oscillator_step(Vector& x, const Vector& gradient, DampedOscillatorState& state,
                            const DampedOscillatorParams& params) {
  const double m = params.physics.mass, mu = params.physics.friction;
  const double dt = params.physics.time_step;
  // m (x_{t+1} − 2x_t + x_{t−1})/Δt² + μ (x_{t+1} − x_t)/Δt = −∇U(x_t), solved for x_{t+1}:
  Vector x_next =
      ((2.0 * m + mu * dt) * x - m * state.x_previous - dt * dt * gradient) / (m + mu * dt);
  state.x_previous = x;
  x = std::move(x_next);
  ++state.t;
}

DampedOscillatorRule damped_oscillator_rule(PhysicalParams physics, Vector initial_velocity) {
  return {DampedOscillatorParams{physics, std::move(initial_velocity)}, damped_oscillator_step,
          oscillator_name};
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
      [](const SgdParams& p) { return sgd_rule(p); }));
  const auto momentum_settings = [] {
    return Settings<MomentumParams>()
        .add("lr", &MomentumParams::learning_rate, "step size eta", "lr > 0")
        .add("momentum", &MomentumParams::momentum, "momentum beta", "momentum in [0, 1)");
  };
  registry.add(optimizer_entry(
      "heavy-ball",
      "Polyak's heavy ball: x <- x - lr * grad f(x) + momentum * (x - x_prev) (Chapter 3)",
      momentum_settings(), [](const MomentumParams& p) { return heavy_ball_rule(p); }));
  registry.add(optimizer_entry(
      "nesterov",
      "Nesterov's accelerated gradient, lookahead form: y = x + momentum * (x - x_prev), "
      "x <- y - lr * grad f(y) (Chapter 3)",
      momentum_settings(), [](const MomentumParams& p) { return nesterov_rule(p); }));
}
