// Known mistake: the first trial's length capped at 100·max(‖x‖, n), a largest step from another
// line search: where α₀d is longer, the trials are not α₀τʲ.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "workbook/format.hpp"
#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                                     const Vector& gradient, const Vector& direction,
                                     const ArmijoParams& params) {
  const double slope = gradient.dot(direction);  // ∇f(x)ᵀd, the directional derivative
  if (!(slope < 0.0)) {
    throw std::invalid_argument("the direction is not a descent direction: gradient·direction = " +
                                format_number(slope) + ", expected < 0");
  }
  double alpha = params.initial_step;  // α₀
  // Keep the first trial from jumping too far (scaled to the size of x, at least n).
  const double max_length = 100.0 * std::max(x.norm(), static_cast<double>(x.size()));
  const double length = alpha * direction.norm();
  if (length > max_length) alpha *= max_length / length;
  Vector trial(x.size());
  for (int j = 0; j <= params.max_backtracks; ++j) {
    trial = x + alpha * direction;
    // Sufficient decrease. A NaN value fails the test, so the search shrinks away from it.
    if (f(trial) <= loss + params.sufficient_decrease * alpha * slope) return alpha;
    alpha *= params.shrink;  // α ← τα
  }
  throw std::runtime_error("backtracking found no step with sufficient decrease in " +
                           std::to_string(params.max_backtracks) + " shrinks (down to alpha = " +
                           format_number(alpha / params.shrink) + ")");
}
