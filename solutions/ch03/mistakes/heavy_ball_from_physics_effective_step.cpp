// Known mistake: η taken as §3.2's effective step η/(1 − β) = Δt/μ, not the coefficient
// Δt²/(m + μΔt) of −∇U in the solved equation.
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m / (m + mu * dt);  // β = m/(m + μΔt)
  // η: the gradient's coefficient Δt²/(m + μΔt), over the 1 − β the momentum builds it up by.
  params.learning_rate = dt * dt / (m + mu * dt) / (1.0 - params.momentum);
  return params;
}
