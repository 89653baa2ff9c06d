// Chapter 1, exercise 1: the gradient step.
//
// Read: Chapter 1, §1.2 "Why −η∇f descends" (chapters/ch01_gradient_descent.md).
//
// Implement, in place,
//
//     x ← x − η ∇f(x)
//
// where `x` holds x_k on entry and must hold x_{k+1} on exit, `gradient` is ∇f(x_k) and
// η = params.learning_rate. One line of Eigen does it. Then count the step: ++state.t (every
// kernel of the workbook counts its steps in its state, so that the first step has t = 1).
//
// Check:  ctest --preset default -L ch01 -R gradient_descent_step
#include "workbook/errors.hpp"
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 1, §1.2 Why −η∇f descends");
}
