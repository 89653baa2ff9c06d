// Known mistake: the forward difference (∇f(x + hu) − ∇f(x))/h, first order only.
#include <cmath>
#include <limits>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

workbook::Vector workbook::hessian_vector_by_differences(const GradientFunction& gradient_at,
                                                         const Vector& x, const Vector& v) {
  require_size("v", v, x.size(), "the size of x");
  const double length = v.norm();
  if (length == 0.0) return Vector::Zero(x.size());
  const double h = std::sqrt(std::numeric_limits<double>::epsilon()) * (1.0 + x.norm());
  const Vector u = v / length;
  return (length / h) * (gradient_at(x + h * u) - gradient_at(x));
}
