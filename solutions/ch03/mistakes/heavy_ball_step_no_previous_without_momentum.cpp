// Known mistake: β = 0 taken as plain gradient descent, and x_previous not stored then.
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = params.momentum;  // η, β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  if (momentum == 0.0) {
    x -= learning_rate * gradient;  // no velocity to carry
    ++state.t;
    return;
  }
  Vector x_next = x - learning_rate * gradient + momentum * (x - x_previous);  // x_{t+1}
  x_previous = x;                                                              // x_t
  x = x_next;
  ++state.t;
}
