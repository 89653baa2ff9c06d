// Known mistake: Nesterov's step never updates x_previous, so the velocity is measured from the start.
#include "workbook/momentum.hpp"

void workbook::nesterov_step(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                             const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = params.momentum;  // η, β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  const Vector lookahead = x + momentum * (x - x_previous);  // y_t = x_t + β(x_t − x_{t−1})
  x = lookahead - learning_rate * gradient_at(lookahead);    // x_{t+1} = y_t − η∇f(y_t)
  ++state.t;
}
