// Known mistake: the forward difference (L(θ + hv) − L(θ))/h, first order only.
#include <algorithm>
#include <cmath>
#include <limits>

#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::DirectionalCheck workbook::check_along(const ScalarFunction& loss, const Vector& theta,
                                                 const Vector& gradient, const Vector& direction) {
  require_size("gradient", gradient, theta.size(), "the size of theta");
  require_size("direction", direction, theta.size(), "the size of theta");
  DirectionalCheck check;
  check.derivative = gradient.dot(direction);
  const double length = direction.norm();
  if (length == 0.0) return check;  // D_h = gᵀv = 0 for any h
  // Central differences: truncation about h²‖v‖³|L'''|/6, rounding about ε|L|/h. They balance at
  // a step of ε^{1/3} along the unit direction, relative to the size of θ (its rounding sets the
  // smallest move that changes L); along v that is h = ε^{1/3}(1 + ‖θ‖∞)/‖v‖.
  const double unit_step =
      std::cbrt(std::numeric_limits<double>::epsilon()) * (1.0 + theta.lpNorm<Eigen::Infinity>());
  check.step = unit_step / length;
  const double plus = loss(theta + check.step * direction);
  const double here = loss(theta);
  check.difference = (plus - here) / check.step;
  const double scale = std::max(gradient.norm() * length, std::abs(check.difference));
  check.relative_error = scale > 0.0 ? std::abs(check.difference - check.derivative) / scale : 0.0;
  return check;
}
