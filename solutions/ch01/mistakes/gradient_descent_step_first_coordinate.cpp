// Known mistake: only the first coordinate is stepped, as if x had one entry.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;  // η
  x(0) -= learning_rate * gradient(0);                // x_{k+1} = x_k − η ∇f(x_k)
  ++state.t;
}
