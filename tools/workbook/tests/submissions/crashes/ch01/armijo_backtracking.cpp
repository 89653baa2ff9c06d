// A crafted submission: the line search never returns (an endless loop).
#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                                     const Vector& gradient, const Vector& direction,
                                     const ArmijoParams& params) {
  double alpha = params.initial_step;
  volatile bool searching = true;
  while (searching) alpha = f(x + alpha * direction) > loss ? alpha : alpha + 0.0 * gradient(0);
  return alpha;
}
