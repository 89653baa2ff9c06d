// Known mistake: the step h v, whose length grows with ‖v‖.
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

workbook::Vector workbook::hessian_vector_by_differences(const GradientFunction& gradient_at,
                                                         const Vector& x, const Vector& v) {
  require_size("v", v, x.size(), "the size of x");
  const double h = 1e-5;
  return (gradient_at(x + h * v) - gradient_at(x - h * v)) / (2.0 * h);
}
