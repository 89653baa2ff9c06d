// Chapter 3, exercise 2: the heavy-ball step.
//
// Read: Chapter 3, §3.2 "The heavy-ball step" (chapters/ch03_momentum.md, #ch03-heavy-ball) derives
// Polyak's step; its equation is in the comment of heavy_ball_step() in
// lib/include/workbook/momentum.hpp.
//
// Contract: one step, in place. On entry `x` holds x_t, `state.x_previous` holds x_{t−1} and
// `gradient` is ∇f(x_t); η = params.learning_rate and β = params.momentum. On exit `x` must hold
// x_{t+1} and `state.x_previous` must hold x_t: the next step needs the displacement, so keep it.
// Mind the order of the assignments. Then count the step: ++state.t.
//
// Check:  ctest --preset default -L ch03 -R heavy_ball_step
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.2 The heavy-ball step");
}
