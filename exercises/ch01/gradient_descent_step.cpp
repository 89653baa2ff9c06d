// Chapter 1, exercise 1: the gradient step.
//
// Read: Chapter 1, §1.2 "Why −η∇f descends" (chapters/ch01_gradient_descent.md,
// #ch01-gradient-step) derives the step; its equation is in the comment of gradient_descent_step()
// in lib/include/workbook/gradient_descent.hpp.
//
// Contract: one step, in place. On entry `x` holds x_k and `gradient` is ∇f(x_k); on exit `x`
// holds x_{k+1}. The step size is params.learning_rate. Count the step, ++state.t (every kernel of
// the workbook counts its steps in its state, so that the first step has t = 1).
//
// Check:  ctest --preset default -L ch01 -R gradient_descent_step
#include "workbook/errors.hpp"
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 1, §1.2 Why −η∇f descends");
}
