// Known mistake: the map of a Taylor step x_{t+1} = x_t + Δt·x' + ½Δt²·x'', not of §3.1's
// differences: β = 1 − μΔt/(2m), η = Δt²/(2m).
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = 1.0 - mu * dt / (2.0 * m);  // β = m/(m + μΔt)
  params.learning_rate = dt * dt / (2.0 * m);   // η = Δt²/(m + μΔt)
  return params;
}
