// Known mistake: the step updates a copy of x, which is then thrown away.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;  // η
  Vector next = x;
  next -= learning_rate * gradient;
  ++state.t;
}
