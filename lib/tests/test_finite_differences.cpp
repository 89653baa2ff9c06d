// The library's numerical derivatives that are not exercises: forward differences, the five-point
// stencil, Hessians by differences, and the gradient check's arithmetic.
#include <limits>

#include "workbook/finite_differences.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {
const ScalarFunction exp_first = [](const Vector& x) { return std::exp(x(0)); };
}

BOOST_AUTO_TEST_SUITE(finite_differences)

BOOST_AUTO_TEST_CASE(taylor_remainder_is_second_order,
                     *utf::description("f(x + tξ) = f(x) + tξᵀ∇f(x) + O(t²): on Rosenbrock the "
                                       "remainder divided by t² tends to ½ξᵀ∇²f(x)ξ")) {
  const Rosenbrock rosenbrock;
  const Vector x{{-0.5, 0.8}}, xi{{0.6, -0.8}};
  Vector g;
  rosenbrock.gradient(x, g);
  const double curvature = 0.5 * xi.dot(rosenbrock.hessian(x) * xi);
  for (double t : {1e-2, 1e-3, 1e-4}) {
    const double remainder = rosenbrock.value(x + t * xi) - rosenbrock.value(x) - t * xi.dot(g);
    BOOST_TEST(remainder / (t * t) == curvature, tt::tolerance(30 * t));
  }
}

BOOST_AUTO_TEST_CASE(forward_error_is_first_order,
                     *utf::description("forward differences of e^x at 1: error/h tends to "
                                       "f''/2 = e/2 = 1.3591 (truncation error (h/2)|f''|); n + 1 "
                                       "evaluations of f")) {
  const Vector x{{1.0}};
  long evaluations = 0;
  const ScalarFunction counted = [&](const Vector& p) {
    ++evaluations;
    return p.squaredNorm();
  };
  forward_difference_gradient(counted, Vector::Zero(4), 1e-3);
  BOOST_TEST(evaluations == 4 + 1);  // n + 1
  for (double h : {1e-3, 1e-4, 1e-5}) {
    const double error = std::abs(forward_difference_gradient(exp_first, x, h)(0) - std::exp(1.0));
    BOOST_TEST(error / h == std::exp(1.0) / 2.0, tt::tolerance(2e-3));
  }
}

BOOST_AUTO_TEST_CASE(five_point_error_is_fourth_order,
                     *utf::description("the five-point stencil's error falls 16x when h halves")) {
  const Vector x{{1.0}};
  auto error = [&](double h) {
    return std::abs(five_point_gradient(exp_first, x, h)(0) - std::exp(1.0));
  };
  BOOST_TEST(error(0.02) / error(0.01) == 16.0, tt::tolerance(0.01));
  BOOST_TEST(error(1e-3) / std::exp(1.0) < 1e-11);
}

BOOST_AUTO_TEST_CASE(hessian_by_differences_of_a_quadratic_is_A) {
  Quadratic q = Quadratic::with_spectrum(Vector{{1.0, 3.0, 8.0}}, 3);
  const Matrix H = hessian_by_differences(q, Vector{{0.2, -1.0, 0.5}});
  BOOST_TEST((H - q.A()).cwiseAbs().maxCoeff() < 1e-11);
}

BOOST_AUTO_TEST_CASE(
    relative_error_per_coordinate,
    *utf::description("r_i = |a_i − n_i| / max(|a_i|, |n_i|), 0 where both are 0")) {
  const GradientCheck check =
      gradient_check(Vector{{1.0, 0.0, -2.0, 3.0}}, Vector{{1.01, 0.0, -2.0, 0.0}});
  BOOST_TEST(check.relative_error(0) == 0.01 / 1.01, tt::tolerance(1e-12));
  BOOST_TEST(check.relative_error(1) == 0.0);
  BOOST_TEST(check.relative_error(2) == 0.0);
  BOOST_TEST(check.relative_error(3) == 1.0);
  BOOST_TEST(check.max_relative_error == 1.0);
  BOOST_TEST(check.worst_coordinate == 3);
  BOOST_TEST(check.verdict() == "wrong");
}

BOOST_AUTO_TEST_CASE(verdict_thresholds) {
  auto verdict = [](double scale) {
    return gradient_check(Vector{{1.0}}, Vector{{1.0 + scale}}).verdict();
  };
  BOOST_TEST(verdict(1e-9) == "correct");
  BOOST_TEST(verdict(1e-5) == "probably correct");
  BOOST_TEST(verdict(1e-3) == "suspicious");
  BOOST_TEST(verdict(0.5) == "wrong");
}

BOOST_AUTO_TEST_CASE(a_nan_is_the_worst_error) {
  const GradientCheck check = gradient_check(Vector{{1.0, NAN}}, Vector{{1.0, 2.0}});
  BOOST_TEST(std::isinf(check.max_relative_error));
  BOOST_TEST(check.worst_coordinate == 1);
  BOOST_TEST(check.verdict() == "wrong");
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  BOOST_CHECK_EXCEPTION(gradient_check(Vector::Zero(2), Vector::Zero(3)), std::invalid_argument,
                        testing::message_has({"numerical has 3 entries", "expected 2"}));
  BOOST_CHECK_EXCEPTION(forward_difference_gradient(exp_first, Vector{{1.0}}, -1e-3),
                        std::invalid_argument, testing::message_has({"h = -0.001", "h > 0"}));
  BOOST_CHECK_EXCEPTION(five_point_gradient(exp_first, Vector{{NAN}}, 1e-3), std::invalid_argument,
                        testing::message_has({"x[0] = nan"}));
  BOOST_CHECK_EXCEPTION(hessian_by_differences(Booth(), Vector::Zero(3)), std::invalid_argument,
                        testing::message_has({"x has 3 entries", "booth"}));
}

BOOST_AUTO_TEST_SUITE_END()
