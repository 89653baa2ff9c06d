// Known mistake: the momentum ramped up with Sutskever et al.'s schedule instead of the constant β.
#include <cmath>

#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  // β_t = min(1 − 2^(−1 − log₂(⌊t/250⌋ + 1)), β_max), the momentum ramped up to β
  const double ramp = 1.0 - std::pow(2.0, -1.0 - std::log2(std::floor(state.t / 250.0) + 1.0));
  const double ramped_momentum = std::fmin(ramp, params.momentum);
  const double learning_rate = params.learning_rate, momentum = ramped_momentum;  // η, β
  Vector& x_previous = state.x_previous;                                          // x_{t−1}
  Vector x_next = x - learning_rate * gradient + momentum * (x - x_previous);     // x_{t+1}
  x_previous = x;                                                                 // x_t
  x = x_next;
  ++state.t;
}
