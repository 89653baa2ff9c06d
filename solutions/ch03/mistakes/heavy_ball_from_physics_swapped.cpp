// Known mistake: the map returns η and β swapped.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.learning_rate = m / (m + mu * dt);   // η = m/(m + μΔt)
  params.momentum = dt * dt / (m + mu * dt);  // β = Δt²/(m + μΔt)
  return params;
}
