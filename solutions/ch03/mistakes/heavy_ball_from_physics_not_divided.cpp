// Known mistake: the coefficients read off the equation multiplied by Δt², before dividing by the
// coefficient m + μΔt of x_{t+1}: β = m, η = Δt².
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m;
  params.learning_rate = dt * dt;
  return params;
}
