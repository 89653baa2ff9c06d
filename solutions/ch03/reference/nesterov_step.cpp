// Reference solution: Chapter 3, exercise 3 (see exercises/ch03/nesterov_step.cpp).
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, Vector& x_previous, const GradientFunction& gradient,
                             double learning_rate, double momentum) {
  const Vector lookahead = x + momentum * (x - x_previous);  // y_t = x_t + β(x_t − x_{t−1})
  x_previous = x;                                            // x_t
  x = lookahead - learning_rate * gradient(lookahead);       // x_{t+1} = y_t − η∇f(y_t)
}
