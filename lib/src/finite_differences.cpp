// The non-graded numerical derivatives. central_difference_gradient() is a Chapter 1 exercise:
// see exercises/ch01/central_difference_gradient.cpp.
#include "workbook/finite_differences.hpp"

#include <cmath>
#include <type_traits>

#include "workbook/errors.hpp"

namespace workbook {

namespace {

void check_arguments(const Vector& x, double h) {
  require_positive("h", h);
  require_finite("x", x);
}

// The five-point stencil along e_i, for f returning a double or a Vector; x is restored.
template <class F>
auto five_point(const F& f, Vector& x, Index i, double h) {
  using R = std::decay_t<std::invoke_result_t<const F&, const Vector&>>;
  const double xi = x(i);
  x(i) = xi + 2.0 * h;
  const R f_p2 = f(x);
  x(i) = xi + h;
  const R f_p1 = f(x);
  x(i) = xi - h;
  const R f_m1 = f(x);
  x(i) = xi - 2.0 * h;
  const R f_m2 = f(x);
  x(i) = xi;
  R derivative = ((f_m2 - f_p2) + 8.0 * (f_p1 - f_m1)) / (12.0 * h);
  return derivative;
}

}  // namespace

Vector forward_difference_gradient(const ScalarFunction& f, const Vector& x, double h) {
  check_arguments(x, h);
  Vector point = x;
  const double f_x = f(x);
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    g(i) = (f(point) - f_x) / h;
    point(i) = x(i);
  }
  return g;
}

Vector five_point_gradient(const ScalarFunction& f, const Vector& x, double h) {
  check_arguments(x, h);
  Vector point = x;
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) g(i) = five_point(f, point, i, h);
  return g;
}

Matrix hessian_by_differences(const Problem& problem, const Vector& x, double h) {
  check_arguments(x, h);
  require_size("x", x, problem.dimension(), "the dimension of " + problem.name());
  auto gradient = [&problem](const Vector& p) {
    Vector g;
    problem.gradient(p, g);
    return g;
  };
  Vector point = x;
  Matrix H(x.size(), x.size());
  for (Index j = 0; j < x.size(); ++j) H.col(j) = five_point(gradient, point, j, h);
  return 0.5 * (H + H.transpose());
}

GradientCheck gradient_check(const Vector& analytic, const Vector& numerical) {
  require_size("numerical", numerical, analytic.size(), "the size of the analytic gradient");
  GradientCheck check;
  check.relative_error.resize(analytic.size());
  for (Index i = 0; i < analytic.size(); ++i) {
    const double scale = std::max(std::abs(analytic(i)), std::abs(numerical(i)));
    const double difference = std::abs(analytic(i) - numerical(i));
    // Both zero: agreement. A NaN on either side: the worst possible error.
    double error = scale == 0.0 ? 0.0 : difference / scale;
    if (std::isnan(error)) error = std::numeric_limits<double>::infinity();
    check.relative_error(i) = error;
  }
  if (analytic.size() > 0) {
    check.max_relative_error = check.relative_error.maxCoeff(&check.worst_coordinate);
  }
  return check;
}

GradientCheck gradient_check(const Problem& problem, const Vector& x, double h) {
  require_size("x", x, problem.dimension(), "the dimension of " + problem.name());
  Vector analytic;
  problem.gradient(x, analytic);
  auto f = [&problem](const Vector& p) { return problem.value(p); };
  return gradient_check(analytic, five_point_gradient(f, x, h));
}

std::string GradientCheck::verdict() const {
  if (max_relative_error < 1e-7) return "correct";
  if (max_relative_error < 1e-4) return "probably correct";
  if (max_relative_error < 1e-2) return "suspicious";
  return "wrong";
}

}  // namespace workbook
