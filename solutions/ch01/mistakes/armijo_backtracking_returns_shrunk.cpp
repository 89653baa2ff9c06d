// Known mistake: a do-while loop shrinks α after every trial, the accepted one too, so the search
// returns τ times the step that passed.
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
  int j = 0;
  bool passed = false;
  do {
    trial = x + alpha * direction;
    passed = f(trial) <= loss + params.sufficient_decrease * alpha * slope;
    alpha *= params.shrink;  // α ← τα, after the accepted trial too
  } while (!passed && ++j <= params.max_backtracks);
  if (passed) return alpha;
  throw std::runtime_error("backtracking found no step with sufficient decrease in " +
                           std::to_string(params.max_backtracks) + " shrinks (down to alpha = " +
                           format_number(alpha / params.shrink) + ")");
}
