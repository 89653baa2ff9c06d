// Chapter 3, exercise 1: from the physics to the optimizer.
//
// Read: Chapter 3, §3.1 "The ball in the valley" (chapters/ch03_momentum.md).
//
// A ball of mass m with friction μ, rolling in the potential U, obeys m x'' + μ x' = −∇U(x).
// Discretised with time step Δt (central second difference, forward first difference) it is the
// heavy ball  x_{t+1} = x_t − η ∇U(x_t) + β (x_t − x_{t−1})  with
//
//     β = m / (m + μΔt),        η = Δt² / (m + μΔt).
//
// Return {η, β} as a MomentumParams (learning_rate = η, momentum = β) for
// physics.mass = m, physics.friction = μ, physics.time_step = Δt.
// - If the physics is invalid (m ≤ 0, μ < 0 or Δt ≤ 0), throw std::invalid_argument naming the
//   value: physics.validate() does it.
//
// Check:  ctest --preset default -L ch03 -R heavy_ball_from_physics
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.1 The ball in the valley");
}
