// Known mistake: the loop over the coordinates starts at 1, so coordinate 0 is never stepped.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;  // η
  for (Index i = 1; i < x.size(); ++i) {
    x(i) -= learning_rate * gradient(i);  // x_{k+1} = x_k − η ∇f(x_k), one coordinate at a time
  }
  ++state.t;
}
