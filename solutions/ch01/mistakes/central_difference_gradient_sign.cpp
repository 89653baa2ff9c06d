// Known mistake: the difference taken the wrong way round, f(x − he_i) − f(x + he_i).
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
    g(i) = (f_minus - f_plus) / (2.0 * h);
  }
  return g;
}
