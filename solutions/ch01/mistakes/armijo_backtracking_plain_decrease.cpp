// Known mistake: plain decrease f(x + αd) < f(x) instead of sufficient decrease.
#include <stdexcept>

#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                                     const Vector& gradient, const Vector& direction,
                                     const ArmijoParams& params) {
  if (!(gradient.dot(direction) < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = params.initial_step;
  for (int j = 0; j <= params.max_backtracks; ++j) {
    if (f(x + alpha * direction) < loss) return alpha;
    alpha *= params.shrink;
  }
  throw std::runtime_error("no step found");
}
