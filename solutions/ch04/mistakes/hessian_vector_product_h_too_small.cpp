// Known mistake: a step h = 1e-12, "as small as possible": rounding swamps the difference.
#include <algorithm>
#include <cmath>
#include <limits>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

workbook::Vector workbook::hessian_vector_by_differences(const GradientFunction& gradient_at,
                                                         const Vector& x, const Vector& v) {
  require_size("v", v, x.size(), "the size of x");
  const double length = v.norm();
  if (length == 0.0) return Vector::Zero(x.size());
  // Differentiate ∇f along the unit vector u = v/‖v‖ and scale back by ‖v‖ (∇²f v is linear in v),
  // so that the step does not depend on how long v is. Central differences: the truncation error
  // is about h²‖∇³f‖/6, the rounding error about ε‖∇f‖/h; they balance at h ≈ ε^{1/3} (§1.6),
  // relative to the size of x, whose rounding sets the smallest step that is seen.
  const double h = 1e-12;
  const Vector u = v / length;
  const Vector plus = gradient_at(x + h * u);
  const Vector minus = gradient_at(x - h * u);
  return (length / (2.0 * h)) * (plus - minus);
}
