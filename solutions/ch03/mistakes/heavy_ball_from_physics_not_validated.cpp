// Known mistake: the map does not validate the physics, so a zero mass or time step is not refused.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m / (m + mu * dt);             // β = m/(m + μΔt)
  params.learning_rate = dt * dt / (m + mu * dt);  // η = Δt²/(m + μΔt)
  return params;
}
