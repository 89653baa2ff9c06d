// Known mistake: the central difference of width h, f at x ± (h/2)e_i divided by h; right to
// O(h²), but not at the points the contract names.
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x;  // perturbed one coordinate at a time
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h / 2.0;
    const double f_plus = f(point);
    point(i) = x(i) - h / 2.0;
    const double f_minus = f(point);
    point(i) = x(i);
    g(i) = (f_plus - f_minus) / h;
  }
  return g;
}
