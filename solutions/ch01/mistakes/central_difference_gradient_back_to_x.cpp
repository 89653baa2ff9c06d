// Known mistake: after x_i + h the coordinate is moved back by h only, so the second value is f(x),
// not f(x − he_i).
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  require_positive("h", h);
  Vector point = x;  // perturbed one coordinate at a time
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) += h;
    const double f_plus = f(point);
    point(i) -= h;
    const double f_minus = f(point);
    g(i) = (f_plus - f_minus) / (2.0 * h);
  }
  return g;
}
