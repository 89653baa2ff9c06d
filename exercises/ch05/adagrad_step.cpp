// Chapter 5, exercise 1: the Adagrad step.
//
// Read: Chapter 5, §5.2 "Adagrad: a diagonal preconditioner" (chapters/ch05_adaptive.md,
// #ch05-adagrad) derives the step, as torch.optim.Adagrad computes it; its equation is in the
// comment of adagrad_step() in lib/include/workbook/adaptive.hpp.
//
// Contract: one step, in place. On entry `x` holds θ and `gradient` is ∇f(θ); on exit `x` holds the
// new θ and state.sum_of_squares the new S. Every setting of `params` (AdagradParams) is used:
// learning_rate, lr_decay, weight_decay, epsilon. Count the step first, t = ++state.t, so that the
// first step has t = 1. The sizes are already checked: x, gradient and state.sum_of_squares have
// the same size. One loop over the coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R adagrad_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::adagrad_step(Vector& x, const Vector& gradient, AdagradState& state,
                            const AdagradParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.2 Adagrad: a diagonal preconditioner");
}
