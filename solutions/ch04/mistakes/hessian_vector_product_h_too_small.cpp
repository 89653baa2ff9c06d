// Known mistake: a step h = 1e-12, "as small as possible": rounding swamps the difference.
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

workbook::Vector workbook::hessian_vector_by_differences(const GradientFunction& gradient_at,
                                                         const Vector& x, const Vector& v) {
  require_size("v", v, x.size(), "the size of x");
  const double length = v.norm();
  if (length == 0.0) return Vector::Zero(x.size());
  const double h = 1e-12;
  const Vector u = v / length;
  return (length / (2.0 * h)) * (gradient_at(x + h * u) - gradient_at(x - h * u));
}
