// Known mistake: the step goes up the gradient.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;  // η
  x += learning_rate * gradient;
  ++state.t;
}
