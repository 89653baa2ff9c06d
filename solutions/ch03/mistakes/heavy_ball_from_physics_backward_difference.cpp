// Known mistake: the velocity discretised with the backward difference (x_t − x_{t−1})/Δt instead
// of the forward one, which gives β = 1 − μΔt/m and η = Δt²/m.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = 1.0 - mu * dt / m;
  params.learning_rate = dt * dt / m;
  return params;
}
