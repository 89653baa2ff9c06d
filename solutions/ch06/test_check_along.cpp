// Chapter 6, §6.2: checking a gradient along a direction with two evaluations of the loss, at a
// step chosen to balance truncation and rounding. Exercise: gradient_check_along
// (exercises/ch06/check_along.cpp, check_along()).
//
// The loss here is L(θ) = Σᵢ log(1 + e^{aᵢᵀθ}) + ½‖θ‖², smooth, with its gradient in closed form,
// so that the tests know the right answer and can tell what a check got wrong: where it
// evaluated, how far it stepped, how it scaled the error.
#include <cmath>
#include <limits>
#include <vector>

#include "workbook/finite_differences.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;

namespace {

// L(θ) = Σᵢ log(1 + e^{aᵢᵀθ}) + ½‖θ‖² times `scale`, for the rows aᵢ of A; it records where it
// is evaluated.
struct SoftplusLoss {
  Matrix a;
  double scale = 1.0;
  mutable std::vector<Vector> evaluated_at;

  double operator()(const Vector& theta) const {
    evaluated_at.push_back(theta);
    const Vector z = a * theta;
    double sum = 0.0;
    for (Index i = 0; i < z.size(); ++i)
      sum += z(i) > 0.0 ? z(i) + std::log1p(std::exp(-z(i))) : std::log1p(std::exp(z(i)));
    return scale * (sum + 0.5 * theta.squaredNorm());
  }
  Vector gradient(const Vector& theta) const {
    const Vector z = a * theta;
    const Vector sigma = z.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
    return scale * (a.transpose() * sigma + theta);
  }
  ScalarFunction function() const {
    return [this](const Vector& theta) { return (*this)(theta); };
  }
};

SoftplusLoss softplus_loss(Index n, std::uint64_t seed, double scale = 1.0) {
  Random random(seed);
  return SoftplusLoss{testing::random_matrix(3 * n, n, random), scale, {}};
}

// Whether `check` is internally consistent with the two evaluations it made, or why not.
std::string consistency_problem(const SoftplusLoss& loss, const Vector& theta,
                                const Vector& direction, const DirectionalCheck& check) {
  if (loss.evaluated_at.size() != 2) {
    return std::to_string(loss.evaluated_at.size()) +
           " evaluations of the loss, expected exactly 2 (θ + hv and θ − hv)";
  }
  const Vector& first = loss.evaluated_at[0];
  const Vector& second = loss.evaluated_at[1];
  const Vector midpoint = 0.5 * (first + second);
  if ((midpoint - theta).norm() > 1e-12 * (1.0 + theta.norm())) {
    const bool one_at_theta = (first - theta).norm() == 0.0 || (second - theta).norm() == 0.0;
    return std::string("the two evaluations are not placed symmetrically about θ") +
           (one_at_theta ? ": one of them is θ itself, a one-sided difference whose error is O(h)"
                         : "");
  }
  // θ ± hv are rounded to doubles: the step taken differs from h by up to a few ulps of θ.
  const double step_taken = 0.5 * (first - second).norm() / direction.norm();
  const double rounding = 4.0 * std::numeric_limits<double>::epsilon() *
                          (1.0 + theta.lpNorm<Eigen::Infinity>()) / direction.norm();
  if (std::abs(step_taken - check.step) > 1e-6 * check.step + rounding) {
    return "the reported step h = " + format_number(check.step) + " is not the step taken, " +
           format_number(step_taken) + " (the evaluations are at θ ± hv)";
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_check_along)

BOOST_AUTO_TEST_CASE(accepts_a_correct_gradient,
                     *utf::description("§6.2: for the right gradient, along 10 random unit "
                                       "directions at 3 points, the two evaluations are at θ ± hv "
                                       "and the relative error is below 1e-7")) {
  const SoftplusLoss loss = softplus_loss(20, 1);
  Random random(2);
  for (int point = 0; point < 3; ++point) {
    const Vector theta = testing::random_vector(20, random, 0.5 + point);
    const Vector gradient = loss.gradient(theta);
    for (int k = 0; k < 10; ++k) {
      Vector v = testing::random_vector(20, random);
      v /= v.norm();
      loss.evaluated_at.clear();
      const DirectionalCheck check = check_along(loss.function(), theta, gradient, v);
      const std::string placed = consistency_problem(loss, theta, v, check);
      BOOST_TEST_REQUIRE(placed.empty(), placed);
      BOOST_TEST(check.derivative == gradient.dot(v), tt::tolerance(1e-14));
      BOOST_TEST_INFO("point " << point << ", direction " << k << ": h = " << check.step
                               << ", D_h = " << format_number(check.difference, 17)
                               << ", gᵀv = " << format_number(check.derivative, 17)
                               << ", relative error " << check.relative_error
                               << ": truncation grows like h², rounding like ε|L|/h (§1.6)");
      BOOST_TEST(check.relative_error <= 1e-7);
    }
  }
}

BOOST_AUTO_TEST_CASE(exposes_a_wrong_gradient,
                     *utf::description("§6.2: a gradient with one coordinate off by 1 % of ‖g‖ "
                                       "shows a relative error above 1e-4 along a direction that "
                                       "has a component on that coordinate")) {
  const SoftplusLoss loss = softplus_loss(20, 3);
  Random random(4);
  const Vector theta = testing::random_vector(20, random);
  Vector wrong = loss.gradient(theta);
  wrong(7) += 0.01 * wrong.norm();
  Vector v = testing::random_vector(20, random);
  v(7) = 1.0;
  v /= v.norm();
  const DirectionalCheck check = check_along(loss.function(), theta, wrong, v);
  BOOST_TEST_INFO("relative error " << check.relative_error << " for a gradient that is wrong "
                                    << "by 1 %: is the error divided by the scale the comment of "
                                       "DirectionalCheck gives?");
  BOOST_TEST(check.relative_error >= 1e-4);
}

BOOST_AUTO_TEST_CASE(any_length_of_direction,
                     *utf::description("§6.2: the check does not depend on how long v is: for "
                                       "‖v‖ from 1e-6 to 1e6 the right gradient passes (relative "
                                       "error below 1e-7), since θ moves by h‖v‖")) {
  const SoftplusLoss loss = softplus_loss(10, 5);
  Random random(6);
  const Vector theta = testing::random_vector(10, random);
  const Vector gradient = loss.gradient(theta);
  Vector unit = testing::random_vector(10, random);
  unit /= unit.norm();
  for (const double length : {1e-6, 1e-3, 1.0, 1e3, 1e6}) {
    const DirectionalCheck check = check_along(loss.function(), theta, gradient, length * unit);
    BOOST_TEST_INFO("‖v‖ = " << length << ": h = " << check.step << " moved θ by h‖v‖ = "
                             << check.step * length << ", relative error " << check.relative_error
                             << ": the move along v, not h, is what must be small relative to θ");
    BOOST_TEST(check.relative_error <= 1e-7);
  }
}

BOOST_AUTO_TEST_CASE(relative_to_the_scale_of_the_loss,
                     *utf::description("§6.2: multiplying the loss by 10⁸ or 10⁻⁸ changes neither "
                                       "verdict: the right gradient passes at 1e-7, a wrong one "
                                       "(1 % off) fails")) {
  Random random(7);
  for (const double scale : {1e-8, 1e8}) {
    const SoftplusLoss loss = softplus_loss(10, 8, scale);
    const Vector theta = testing::random_vector(10, random);
    Vector v = testing::random_vector(10, random);
    v /= v.norm();
    const Vector right = loss.gradient(theta);
    const double error = check_along(loss.function(), theta, right, v).relative_error;
    BOOST_TEST_INFO("L scaled by " << scale << ": relative error " << error
                                   << " for the right gradient: is the error divided by the "
                                      "size of the derivative?");
    BOOST_TEST(error <= 1e-7);
    Vector wrong = right;
    wrong += 0.01 * right.norm() * v;
    const double wrong_error = check_along(loss.function(), theta, wrong, v).relative_error;
    BOOST_TEST_INFO("L scaled by " << scale << ": relative error " << wrong_error
                                   << " for a gradient 1 % wrong along v");
    BOOST_TEST(wrong_error >= 1e-3);
  }
}

BOOST_AUTO_TEST_CASE(no_evaluation_along_a_zero_direction,
                     *utf::description("v = 0: gᵀv = 0 and any difference quotient is 0, so the "
                                       "check needs no evaluation and reports a relative error "
                                       "of 0, not NaN")) {
  const SoftplusLoss loss = softplus_loss(5, 9);
  const Vector theta = Vector::Ones(5);
  const DirectionalCheck check =
      check_along(loss.function(), theta, loss.gradient(theta), Vector::Zero(5));
  BOOST_TEST(loss.evaluated_at.size() == 0u);
  BOOST_TEST_INFO("a step scaled by 1/‖v‖ is 1/0 here");
  BOOST_TEST(check.relative_error == 0.0);
  BOOST_TEST(check.derivative == 0.0);
}

BOOST_AUTO_TEST_CASE(names_a_size_mismatch,
                     *utf::description("a gradient or a direction of another size than θ is "
                                       "refused, naming it")) {
  const SoftplusLoss loss = softplus_loss(5, 10);
  const Vector theta = Vector::Ones(5);
  BOOST_CHECK_EXCEPTION(check_along(loss.function(), theta, Vector::Ones(4), Vector::Ones(5)),
                        std::invalid_argument, testing::message_has({"gradient", "4"}));
  BOOST_CHECK_EXCEPTION(check_along(loss.function(), theta, Vector::Ones(5), Vector::Ones(6)),
                        std::invalid_argument, testing::message_has({"direction", "6"}));
}

BOOST_AUTO_TEST_SUITE_END()
