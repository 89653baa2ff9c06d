// Known mistake: η written from β as (1 − β)Δt/μ, equal to Δt²/(m + μΔt) only while μ ≠ 0 (0/0
// without friction).
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  physics.validate();
  const double m = physics.mass, mu = physics.friction, dt = physics.time_step;
  MomentumParams params;
  params.momentum = m / (m + mu * dt);                       // β = m/(m + μΔt)
  params.learning_rate = (1.0 - params.momentum) * dt / mu;  // η = (1 − β)Δt/μ = Δt²/(m + μΔt)
  return params;
}
