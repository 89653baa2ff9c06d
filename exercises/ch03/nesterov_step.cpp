// Chapter 3, exercise 3: Nesterov's accelerated gradient.
//
// Read: Chapter 3, §3.6 "Nesterov's accelerated gradient" (chapters/ch03_momentum.md,
// #ch03-nesterov) derives the step in lookahead form; its equations are in the comment of
// nesterov_step() in lib/include/workbook/momentum.hpp.
//
// Contract: one step, in place. On entry `x` holds x_t and `state.x_previous` holds x_{t−1};
// η = params.learning_rate and β = params.momentum. `gradient_at(y)` returns ∇f(y): call it once,
// at the lookahead point. On exit `x` must hold x_{t+1} and `state.x_previous` must hold x_t.
// Then count the step: ++state.t.
//
// Check:  ctest --preset default -L ch03 -R nesterov_step
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                             const MomentumParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.6 Nesterov's accelerated gradient");
}
