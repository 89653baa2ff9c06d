// Known mistake: τ read as a rate of decay: each rejection multiplies α by e^{−τ}, not by τ.
#include <cmath>
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
  Vector trial(x.size());
  for (int j = 0; j <= params.max_backtracks; ++j) {
    trial = x + alpha * direction;
    // Sufficient decrease. A NaN value fails the test, so the search shrinks away from it.
    if (f(trial) <= loss + params.sufficient_decrease * alpha * slope) return alpha;
    alpha *= std::exp(-params.shrink);  // α ← e^{−τ}α
  }
  throw std::runtime_error("backtracking found no step with sufficient decrease in " +
                           std::to_string(params.max_backtracks) + " shrinks (down to alpha = " +
                           format_number(alpha * std::exp(params.shrink)) + ")");
}
