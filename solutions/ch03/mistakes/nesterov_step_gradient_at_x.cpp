// Known mistake: the gradient taken at x_t instead of at the lookahead point y_t.
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, Vector& x_previous, const GradientFunction& gradient,
                             double learning_rate, double momentum) {
  const Vector lookahead = x + momentum * (x - x_previous);
  const Vector g = gradient(x);
  x_previous = x;
  x = lookahead - learning_rate * g;
}
