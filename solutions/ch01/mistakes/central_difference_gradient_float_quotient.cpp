// Known mistake: each quotient held in a float before it is written into g: right to a
// float's rounding only.
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
    const float slope = (f_plus - f_minus) / (2.0 * h);
    g(i) = slope;
  }
  return g;
}
