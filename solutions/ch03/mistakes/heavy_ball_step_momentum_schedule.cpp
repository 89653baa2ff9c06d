// Known mistake: the momentum ramped up with Sutskever et al.'s schedule, capped at β, instead of
// the constant β given (0.5 for the first 250 steps).
#include <algorithm>
#include <cmath>

#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, const Vector& gradient, MomentumState& state,
                               const MomentumParams& params) {
  const double learning_rate = params.learning_rate;  // η
  // β_t = min(1 − 2^(−1 − log₂(⌊t/250⌋ + 1)), β_max), the momentum ramped up to β
  const double ramp = 1.0 - std::pow(2.0, -1.0 - std::log2(std::floor(state.t / 250.0) + 1.0));
  const double momentum = std::min(ramp, params.momentum);
  Vector& x_previous = state.x_previous;                                       // x_{t−1}
  Vector x_next = x - learning_rate * gradient + momentum * (x - x_previous);  // x_{t+1}
  x_previous = x;                                                              // x_t
  x = x_next;
  ++state.t;
}
