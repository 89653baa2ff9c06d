// Known mistake: a forward difference where a central one was asked for.
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x, g(x.size());
  const double f_x = f(x);
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    g(i) = (f(point) - f_x) / h;
    point(i) = x(i);
  }
  return g;
}
