// Chapter 3, exercise 1: from the physics to the optimizer.
//
// Read: Chapter 3, §3.1 "The ball in the valley" (chapters/ch03_momentum.md, #ch03-physics)
// discretises the ball's equation of motion and finds the heavy ball's (η, β) in terms of the mass,
// the friction and the time step; the comment of heavy_ball_from_physics() in
// lib/include/workbook/momentum.hpp states the map.
//
// Contract: return (η, β) as a MomentumParams (learning_rate = η, momentum = β) for the ball of
// `physics` (mass, friction, time_step).
// - If the physics is invalid (a mass or time step not positive, a negative friction), throw
//   std::invalid_argument naming the value: physics.validate() does it.
//
// Check:  ctest --preset default -L ch03 -R heavy_ball_from_physics
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

workbook::MomentumParams workbook::heavy_ball_from_physics(const PhysicalParams& physics) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.1 The ball in the valley");
}
