// Known mistake: β is taken as the friction's share μΔt/(m + μΔt) instead of the mass's.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = mu * dt / (m + mu * dt);       // β = μΔt/(m + μΔt)
  params.learning_rate = dt * dt / (m + mu * dt);  // η = Δt²/(m + μΔt)
  return params;
}
