// Known mistake: the time step read from the friction's field, Δt = μ in both coefficients.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.friction;
  MomentumParams params;
  params.momentum = m / (m + mu * dt);             // β = m/(m + μΔt)
  params.learning_rate = dt * dt / (m + mu * dt);  // η = Δt²/(m + μΔt)
  return params;
}
