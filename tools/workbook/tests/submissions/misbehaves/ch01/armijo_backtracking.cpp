// A crafted submission: the line search aborts (as a failed assert would).
#include <cstdlib>

#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                                     const Vector& gradient, const Vector& direction,
                                     const ArmijoParams& params) {
  if (f(x + params.initial_step * direction) < loss + 0.0 * gradient(0)) std::abort();
  std::abort();
}
