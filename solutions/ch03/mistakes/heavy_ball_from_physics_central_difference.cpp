// Known mistake: the velocity discretised with the central difference (x_{t+1} − x_{t−1})/(2Δt)
// instead of the forward one, which gives β = (m − μΔt/2)/(m + μΔt/2), η = Δt²/(m + μΔt/2).
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = (m - 0.5 * mu * dt) / (m + 0.5 * mu * dt);
  params.learning_rate = dt * dt / (m + 0.5 * mu * dt);
  return params;
}
