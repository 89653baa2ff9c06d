// Known mistake: η has Δt in its numerator instead of Δt².
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m / (m + mu * dt);        // β = m/(m + μΔt)
  params.learning_rate = dt / (m + mu * dt);  // η = Δt/(m + μΔt)
  return params;
}
