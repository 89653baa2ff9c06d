// Known mistake: the heavy ball leaves out its momentum term when state.t is 0, as if every first
// call started at rest.
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = params.momentum;  // η, β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  Vector x_next = x - learning_rate * gradient;                                   // x_{t+1}
  if (state.t > 0) x_next += momentum * (x - x_previous);
  x_previous = x;  // x_t
  x = x_next;
  ++state.t;
}
