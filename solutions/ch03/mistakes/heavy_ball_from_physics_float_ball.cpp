// Known mistake: m, μ and Δt read into floats.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const float m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m / (m + mu * dt);             // β = m/(m + μΔt)
  params.learning_rate = dt * dt / (m + mu * dt);  // η = Δt²/(m + μΔt)
  return params;
}
