// Known mistake: the gradient is divided by the learning rate instead of multiplied.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;  // η
  x -= gradient / learning_rate;                      // x_{k+1} = x_k − ∇f(x_k)/η
  ++state.t;
}
