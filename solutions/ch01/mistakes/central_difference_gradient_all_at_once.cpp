// Known mistake: every coordinate is perturbed at once, x ± h(1, …, 1), so each component is the
// derivative along (1, …, 1).
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x;  // perturbed one coordinate at a time
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point = x.array() + h;
    const double f_plus = f(point);
    point = x.array() - h;
    const double f_minus = f(point);
    g(i) = (f_plus - f_minus) / (2.0 * h);
  }
  return g;
}
