// Known mistake: x_previous is set to the new iterate x_{t+1} instead of x_t, so the displacement
// x_t − x_{t−1} the next step sees is always 0: the velocity is not carried between steps.
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  const double learning_rate = params.learning_rate, momentum = params.momentum;  // η, β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  x = x - learning_rate * gradient + momentum * (x - x_previous);
  x_previous = x;
  ++state.t;
}
