// Known mistake: η held in a float.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const float learning_rate = params.learning_rate;  // η, in a float
  x -= learning_rate * gradient;                     // x_{k+1} = x_k − η ∇f(x_k)
  ++state.t;
}
