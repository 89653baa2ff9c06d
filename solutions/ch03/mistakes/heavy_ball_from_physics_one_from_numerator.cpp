// Known mistake: β read off x_t's coefficient minus 1 with the 1 taken from the numerator alone,
// (2m + μΔt − 1)/(m + μΔt); equal to m/(m + μΔt) only where m + μΔt = 1.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = (2.0 * m + mu * dt - 1.0) / (m + mu * dt);  // β = (2m + μΔt)/(m + μΔt) − 1
  params.learning_rate = dt * dt / (m + mu * dt);               // η = Δt²/(m + μΔt)
  return params;
}
