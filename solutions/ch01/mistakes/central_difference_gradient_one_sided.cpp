// Known mistake: the one-sided second-order formula (−3f(x) + 4f(x + he_i) − f(x + 2he_i))/(2h),
// O(h²) too, in place of the central difference at x ± he_i.
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x;  // perturbed one coordinate at a time
  Vector g(x.size());
  const double f_x = f(x);
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double f_plus = f(point);
    point(i) = x(i) + 2.0 * h;
    const double f_plus_two = f(point);
    point(i) = x(i);
    g(i) = (-3.0 * f_x + 4.0 * f_plus - f_plus_two) / (2.0 * h);
  }
  return g;
}
