// Chapter 3, exercise 1: from the physics to the optimizer.
//
// Read: Chapter 3, §3.1 "The ball in the valley" (chapters/ch03_momentum.md, #ch03-physics),
// Exercise 1. The ball obeys m x'' + μx' = −∇U(x). Sample it at times t·Δt and replace the
// derivatives by the difference quotients
//     x'' ≈ (x_{t+1} − 2x_t + x_{t−1})/Δt²   (central second difference)
//     x'  ≈ (x_{t+1} − x_t)/Δt               (forward difference)
// with the force taken at x_t. Solve the result for x_{t+1} and read it as the heavy-ball step
//     x_{t+1} = x_t − η∇U(x_t) + β(x_t − x_{t−1}):
// η and β are what this function returns. The derivation is yours: §3.1 lists the checks your
// answer must pass (no friction, no mass, units, the default ball).
//
// Contract: return (η, β) as a MomentumParams (learning_rate = η, momentum = β) for the ball of
// `physics` (mass m, friction μ, time_step Δt).
// - Validate the physics first: physics.validate() throws std::invalid_argument naming the value
//   for a mass or time step not positive, or a negative friction. μ = 0 is valid.
//
// Check:  ctest --preset default -L ch03 -R heavy_ball_from_physics
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.1 The ball in the valley");
}
