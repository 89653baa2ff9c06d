// Known mistake: α is shrunk before the first test, so α₀ itself is never tried.
#include <stdexcept>

#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                                     const Vector& gradient, const Vector& direction,
                                     const ArmijoParams& params) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = params.initial_step;
  for (int j = 0; j <= params.max_backtracks; ++j) {
    alpha *= params.shrink;
    if (f(x + alpha * direction) <= loss + params.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step found");
}
