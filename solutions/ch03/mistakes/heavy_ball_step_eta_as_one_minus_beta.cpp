// Known mistake: the gradient weighted by 1 − β, the moving-average form's weight, instead of η
// (equal at the notes' η = 0.1, β = 0.9); η never read.
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  const double momentum = params.momentum;                                        // β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  Vector x_next = x - (1.0 - momentum) * gradient + momentum * (x - x_previous);  // x_{t+1}
  x_previous = x;                                                                 // x_t
  x = x_next;
  ++state.t;
}
