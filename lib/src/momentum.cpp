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

const Settings<MomentumParams>& MomentumParams::fields() {
  static const auto fields = Settings<MomentumParams>()
                                 .add(learning_rate_field<MomentumParams>("step size eta"))
                                 .add(momentum_field<MomentumParams>("momentum beta"));
  return fields;
}

const Settings<PhysicalParams>& PhysicalParams::fields() {
  static const auto fields =
      Settings<PhysicalParams>()
          .add(&PhysicalParams::mass, "mass", "mass", Range::positive(), "mass m")
          .add(&PhysicalParams::friction, "friction", "friction", Range::non_negative(),
               "friction coefficient mu")
          .add(&PhysicalParams::time_step, "time_step", "time_step", Range::positive(),
               "time step dt");
  return fields;
}

PhysicalParams physics_from_heavy_ball(const MomentumParams& params, double time_step) {
  require_positive("learning_rate", params.learning_rate);
  require_open_interval("momentum", params.momentum, 0.0, 1.0);
  require_positive("time_step", time_step);
  const double eta = params.learning_rate, beta = params.momentum, dt = time_step;
  PhysicalParams physics;
  physics.mass = beta * dt * dt / eta;
  physics.friction = (1.0 - beta) * dt / eta;
  physics.time_step = dt;
  return physics;
}

const Settings<SgdParams>& SgdParams::fields() {
  static const auto fields =
      Settings<SgdParams>()
          .add(learning_rate_field<SgdParams>("step size (learning rate) eta"))
          .add(momentum_field<SgdParams>("momentum beta: b <- beta b + (1 - tau) g"))
          .add(&SgdParams::dampening, "dampening", "dampening", Range::closed(0.0, 1.0),
               "dampening tau: the buffer adds (1 - tau) g (not on the first step)")
          .add(&SgdParams::nesterov, "nesterov", "nesterov", Range::any(),
               "step along g + beta b instead of b (needs momentum > 0 and dampening = 0)")
          .add(weight_decay_field<SgdParams>("L2 penalty: g <- g + lambda theta"));
  return fields;
}

void SgdParams::validate(Naming naming) const {
  const Settings<SgdParams>& f = fields();
  f.check(*this, naming);
  // The flags that conflict, by their names: "nesterov", or "--nesterov" on a command line.
  const std::string nesterov_flag = f.name("nesterov", naming);
  const std::string momentum_name = f.name("momentum", naming);
  const std::string dampening_name = f.name("dampening", naming);
  if (nesterov && momentum == 0.0) {
    Range::fail(nesterov_flag + " = true with " + momentum_name + " = 0",
                momentum_name + " in (0, 1) with " + nesterov_flag);
  }
  if (nesterov && dampening != 0.0) {
    Range::fail(
        nesterov_flag + " = true with " + dampening_name + " = " + format_number(dampening, 6),
        dampening_name + " = 0 with " + nesterov_flag);
  }
}

void DampedOscillatorParams::validate(Naming naming) const {
  physics.validate(naming);
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
  // m (x_{t+1} − 2x_t + x_{t−1})/Δt² + μ (x_{t+1} − x_t)/Δt = −∇U(x_t) is linear in x_{t+1}:
  // a x_{t+1} = r, with a the coefficient of x_{t+1} and r the terms that do not contain it.
  const double a = m / (dt * dt) + mu / dt;
  const Vector r = m * (2.0 * x - state.x_previous) / (dt * dt) + (mu / dt) * x - gradient;
  Vector x_next = r / a;
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
      SgdParams::fields(), sgd_rule));
  registry.add(optimizer_entry(
      "heavy-ball",
      "Polyak's heavy ball: x <- x - lr * grad f(x) + momentum * (x - x_prev) (Chapter 3)",
      MomentumParams::fields(), heavy_ball_rule));
  registry.add(optimizer_entry(
      "nesterov",
      "Nesterov's accelerated gradient, lookahead form: y = x + momentum * (x - x_prev), "
      "x <- y - lr * grad f(y) (Chapter 3)",
      MomentumParams::fields(), nesterov_rule));
}
