// Known mistake: η and β computed into a structured binding, a copy of params; the defaults are
// returned.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  auto [eta, beta] = params;      // η = learning_rate, β = momentum
  beta = m / (m + mu * dt);       // β = m/(m + μΔt)
  eta = dt * dt / (m + mu * dt);  // η = Δt²/(m + μΔt)
  return params;
}
