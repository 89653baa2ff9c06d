// Known mistake: the friction term moved to the other side without changing its sign, as if the
// equation were m x'' − μx' = −∇U: β = m/(m − μΔt), η = Δt²/(m − μΔt).
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m / (m - mu * dt);
  params.learning_rate = dt * dt / (m - mu * dt);
  return params;
}
