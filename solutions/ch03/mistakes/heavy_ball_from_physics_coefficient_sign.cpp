// Known mistake: β read off x_t's coefficient with the friction's μΔt·x_t moved across without
// its sign changed: (2m − μΔt)/(m + μΔt) − 1.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = (m - 2.0 * mu * dt) / (m + mu * dt);  // β = m/(m + μΔt)
  params.learning_rate = dt * dt / (m + mu * dt);         // η = Δt²/(m + μΔt)
  return params;
}
