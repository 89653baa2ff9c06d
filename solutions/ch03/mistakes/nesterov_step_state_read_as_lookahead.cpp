// Known mistake: Nesterov's state read as (y_t, x_t): the gradient taken at x, x handed back as
// the next lookahead point and x_previous as the landing point.
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                             const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = params.momentum;  // η, β
  Vector& x_previous = state.x_previous;  // the last gradient-step point
  // The gradient step from the lookahead point, then the next lookahead from the two
  // gradient-step points.
  const Vector landing = x - learning_rate * gradient_at(x);  // y_t − η∇f(y_t)
  x = landing + momentum * (landing - x_previous);            // y_{t+1}
  x_previous = landing;
  ++state.t;
}
