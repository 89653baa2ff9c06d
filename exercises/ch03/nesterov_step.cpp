// Chapter 3, exercise 3: Nesterov's accelerated gradient.
//
// Read: Chapter 3, §3.6 "Nesterov's accelerated gradient" (chapters/ch03_momentum.md).
//
// Implement, in place, one step in lookahead form:
//
//     y_t     = x_t + β (x_t − x_{t−1})          (where momentum alone would carry the ball)
//     x_{t+1} = y_t − η ∇f(y_t)                  (a gradient step from there)
//
// where on entry `x` holds x_t and `x_previous` holds x_{t−1}; `learning_rate` is η and
// `momentum` is β. `gradient(y)` returns ∇f(y): call it once, at the lookahead point y_t. On exit
// `x` must hold x_{t+1} and `x_previous` must hold x_t.
//
// Check:  ctest --preset default -L ch03 -R nesterov_step
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, Vector& x_previous, const GradientFunction& gradient,
                             double learning_rate, double momentum) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.6 Nesterov's accelerated gradient");
}
