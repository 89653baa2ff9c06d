// Known mistake: x_i is not put back after it is perturbed, so later coordinates are evaluated at
// a shifted point.
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double f_plus = f(point);
    point(i) = x(i) - h;
    const double f_minus = f(point);
    g(i) = (f_plus - f_minus) / (2.0 * h);
  }
  return g;
}
