// Known mistake: every quotient with a value of f that is not finite made NaN, so +∞ is lost.
#include <cmath>

#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x;  // perturbed one coordinate at a time
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double f_plus = f(point);
    point(i) = x(i) - h;
    const double f_minus = f(point);
    point(i) = x(i);
    g(i) = std::isfinite(f_plus) && std::isfinite(f_minus) ? (f_plus - f_minus) / (2.0 * h)
                                                           : std::nan("");
  }
  return g;
}
