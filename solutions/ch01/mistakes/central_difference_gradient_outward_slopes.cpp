// Known mistake: the mean of two slopes both measured outward from x, (f(x + he_i) − f(x))/h and
// (f(x − he_i) − f(x))/h: the backward difference turned round, the second difference over 2h.
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
    point(i) = x(i) - h;
    const double f_minus = f(point);
    point(i) = x(i);
    // the mean of the slopes to the right and to the left of x
    g(i) = ((f_plus - f_x) / h + (f_minus - f_x) / h) / 2.0;
  }
  return g;
}
