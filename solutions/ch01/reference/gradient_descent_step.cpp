// Reference solution: Chapter 1, exercise 1 (see exercises/ch01/gradient_descent_step.cpp).
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;  // η
  x -= learning_rate * gradient;                      // x_{k+1} = x_k − η ∇f(x_k)
  ++state.t;
}
