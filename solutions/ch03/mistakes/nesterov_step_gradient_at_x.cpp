// Known mistake: the gradient taken at x_t instead of at the lookahead point y_t.
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                             const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = params.momentum;  // η, β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  const Vector lookahead = x + momentum * (x - x_previous);
  const Vector g = gradient_at(x);
  x_previous = x;
  x = lookahead - learning_rate * g;
  ++state.t;
}
