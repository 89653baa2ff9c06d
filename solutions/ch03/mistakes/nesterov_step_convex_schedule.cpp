// Known mistake: the momentum replaced by a schedule t/(t + 3) instead of the β it is given.
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                             const MomentumParams& params) {
  const double learning_rate = params.learning_rate,
               momentum = static_cast<double>(state.t) / (state.t + 3.0);  // η, t/(t + 3)
  Vector& x_previous = state.x_previous;                                   // x_{t−1}
  const Vector lookahead = x + momentum * (x - x_previous);  // y_t = x_t + β(x_t − x_{t−1})
  x_previous = x;                                            // x_t
  x = lookahead - learning_rate * gradient_at(lookahead);    // x_{t+1} = y_t − η∇f(y_t)
  ++state.t;
}
