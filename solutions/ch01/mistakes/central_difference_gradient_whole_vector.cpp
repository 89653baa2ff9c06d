// Known mistake: g written whole at each coordinate, g = quotient · e_i, so only the last
// component survives.
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
    g = (f_plus - f_minus) / (2.0 * h) * Vector::Unit(x.size(), i);  // along e_i
  }
  return g;
}
