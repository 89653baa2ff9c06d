// The built-in problems: every analytic gradient and Hessian against finite differences, the
// known minimisers, the quadratic's spectrum, and bad input.
#include <memory>
#include <random>

#include "workbook/finite_differences.hpp"
#include "workbook/linear_algebra.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// Seeded points in a box around the problem's interesting region.
std::vector<Vector> sample_points(Index n, int count, double low, double high, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(low, high);
  std::vector<Vector> points;
  for (int k = 0; k < count; ++k) {
    Vector x(n);
    for (Index i = 0; i < n; ++i) x(i) = uniform(rng);
    points.push_back(x);
  }
  return points;
}

std::vector<std::shared_ptr<Problem>> all_problems() {
  return {std::make_shared<Quadratic>(Quadratic::with_condition_number(4, 50.0, 7)),
          std::make_shared<Quadratic>(Matrix{{4.0, 1.0}, {1.0, 3.0}}, Vector{{1.0, 2.0}}),
          std::make_shared<Rosenbrock>(2),
          std::make_shared<Rosenbrock>(5),
          std::make_shared<Beale>(),
          std::make_shared<Booth>(),
          std::make_shared<Himmelblau>()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(problems)

BOOST_AUTO_TEST_CASE(analytic_gradients_match_finite_differences,
                     *utf::description("every problem's gradient agrees with the five-point "
                                       "stencil to 1e-8 relative at random points")) {
  for (const auto& problem : all_problems()) {
    for (const Vector& x : sample_points(problem->dimension(), 20, -2.0, 2.0, 11)) {
      const GradientCheck check = gradient_check(*problem, x);
      BOOST_TEST_INFO(problem->name() << " at " << format_vector(x) << ": coordinate "
                                      << check.worst_coordinate << " is off");
      BOOST_TEST(check.max_relative_error < 1e-8);
    }
  }
}

BOOST_AUTO_TEST_CASE(analytic_hessians_match_finite_differences,
                     *utf::description("every analytic Hessian agrees with differences of the "
                                       "gradient to 1e-7 relative to its largest entry")) {
  for (const auto& problem : all_problems()) {
    BOOST_TEST_REQUIRE(problem->has_hessian());
    for (const Vector& x : sample_points(problem->dimension(), 10, -2.0, 2.0, 12)) {
      const Matrix H = problem->hessian(x);
      const Matrix numerical = hessian_by_differences(*problem, x);
      const double scale = std::max(1.0, H.cwiseAbs().maxCoeff());
      BOOST_TEST_INFO(problem->name() << " at " << format_vector(x));
      BOOST_TEST((H - numerical).cwiseAbs().maxCoeff() / scale < 1e-7);
      BOOST_TEST((H - H.transpose()).cwiseAbs().maxCoeff() == 0.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(value_and_gradient_agree_with_separate_calls) {
  for (const auto& problem : all_problems()) {
    for (const Vector& x : sample_points(problem->dimension(), 5, -2.0, 2.0, 13)) {
      Vector g1, g2;
      problem->gradient(x, g1);
      const double f = problem->value_and_gradient(x, g2);
      BOOST_TEST(f == problem->value(x), tt::tolerance(1e-13));
      BOOST_TEST((g1 - g2).norm() <= 1e-13 * std::max(1.0, g1.norm()));
    }
  }
}

BOOST_AUTO_TEST_CASE(known_minimisers_are_stationary_with_the_known_minimum) {
  for (const auto& problem : all_problems()) {
    BOOST_TEST_REQUIRE(!problem->minimisers().empty());
    for (const Vector& minimiser : problem->minimisers()) {
      Vector g;
      problem->gradient(minimiser, g);
      BOOST_TEST_INFO(problem->name() << " at " << format_vector(minimiser, 17));
      BOOST_TEST(g.norm() < 1e-12);
      BOOST_TEST(problem->value(minimiser) == *problem->minimum(), tt::tolerance(1e-12));
    }
    BOOST_TEST(problem->default_start().size() == problem->dimension());
  }
}

BOOST_AUTO_TEST_CASE(himmelblau_has_four_distinct_minimisers_with_zero_value) {
  Himmelblau himmelblau;
  const auto minimisers = himmelblau.minimisers();
  BOOST_TEST(minimisers.size() == 4u);
  for (std::size_t i = 0; i < minimisers.size(); ++i) {
    BOOST_TEST(himmelblau.value(minimisers[i]) < 1e-26);
    // A minimum: the Hessian is positive definite there.
    BOOST_TEST(is_positive_definite(himmelblau.hessian(minimisers[i])));
    for (std::size_t j = i + 1; j < minimisers.size(); ++j) {
      BOOST_TEST((minimisers[i] - minimisers[j]).norm() > 1.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(rosenbrock_classic_values) {
  Rosenbrock r2;
  BOOST_TEST(r2.value(Vector{{-1.2, 1.0}}) == 24.2, tt::tolerance(1e-14));
  BOOST_TEST(r2.default_start()(0) == -1.2);
  Rosenbrock r4(4);
  BOOST_TEST(r4.default_start().size() == 4);
  BOOST_TEST(r4.value(Vector::Ones(4)) == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(quadratic)

BOOST_AUTO_TEST_CASE(gradient_hessian_minimiser_and_minimum) {
  const Matrix A{{4.0, 1.0}, {1.0, 3.0}};
  const Vector b{{1.0, 2.0}};
  Quadratic q(A, b);
  const Vector x_star{{1.0 / 11.0, 7.0 / 11.0}};  // A⁻¹ = [[3, −1], [−1, 4]]/11
  BOOST_TEST((q.minimisers()[0] - x_star).norm() < 1e-15);
  BOOST_TEST(*q.minimum() == -0.5 * b.dot(x_star), tt::tolerance(1e-15));
  const Vector x{{0.3, -0.7}};
  BOOST_TEST(q.value(x) == 0.5 * x.dot(A * x) - b.dot(x), tt::tolerance(1e-15));
  BOOST_TEST((q.hessian(x) - A).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(
    spectrum_is_the_one_asked_for,
    *utf::description("with_spectrum rotates diag(λ) by a seeded orthogonal Q: "
                      "A's eigenvalues are λ, A is symmetric, and the seed fixes Q")) {
  const Vector lambda{{0.5, 2.0, 3.0, 40.0}};
  Quadratic q = Quadratic::with_spectrum(lambda, 42);
  BOOST_TEST((symmetric_eigen(q.A()).eigenvalues - lambda).norm() < 1e-12);
  // The eigenvectors it reports are those of A, orthonormal.
  BOOST_TEST((q.A() * q.eigenvectors() - q.eigenvectors() * lambda.asDiagonal()).norm() < 1e-12);
  BOOST_TEST((q.eigenvectors().transpose() * q.eigenvectors() - Matrix::Identity(4, 4)).norm() <
             1e-14);
  BOOST_TEST(q.condition_number() == 80.0, tt::tolerance(1e-14));
  BOOST_TEST(q.smoothness() == 40.0);
  BOOST_TEST(q.strong_convexity() == 0.5);
  // Rotated: not diagonal.
  BOOST_TEST(q.A()(0, 1) != 0.0);
  // Reproducible, and another seed gives another rotation.
  BOOST_TEST((Quadratic::with_spectrum(lambda, 42).A() - q.A()).norm() == 0.0);
  BOOST_TEST((Quadratic::with_spectrum(lambda, 43).A() - q.A()).norm() > 1e-3);
  // Without a seed, the eigen-directions are the axes.
  Quadratic axes = Quadratic::with_spectrum(lambda);
  BOOST_TEST((axes.A() - Matrix(lambda.asDiagonal())).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(condition_number_spacing) {
  Quadratic q = Quadratic::with_condition_number(5, 1e4);
  BOOST_TEST(q.eigenvalues()(0) == 1.0);
  BOOST_TEST(q.eigenvalues()(4) == 1e4);
  BOOST_TEST(q.eigenvalues()(2) == 100.0, tt::tolerance(1e-12));  // geometric spacing
  BOOST_TEST(q.condition_number() == 1e4);
}

BOOST_AUTO_TEST_CASE(condition_number_is_the_ratio_of_singular_values,
                     *utf::description("κ = σmax/σmin of the Hessian; for an SPD matrix this is "
                                       "λmax/λmin (agreement to 1e-12)")) {
  Quadratic q = Quadratic::with_spectrum(Vector{{0.3, 1.7, 9.0, 25.0, 130.0}}, 5);
  const Vector sigma = singular_values(q.A());
  BOOST_TEST(sigma(0) / sigma(sigma.size() - 1) == q.condition_number(), tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(rejects_matrices_that_do_not_define_a_minimum) {
  BOOST_CHECK_EXCEPTION(Quadratic(Matrix{{1.0, 2.0}, {0.0, 1.0}}, Vector::Zero(2)),
                        std::invalid_argument, testing::message_has({"not symmetric"}));
  BOOST_CHECK_EXCEPTION(Quadratic(Matrix{{1.0, 0.0}, {0.0, -0.5}}, Vector::Zero(2)),
                        std::invalid_argument,
                        testing::message_has({"not positive definite", "-0.5", "> 0"}));
  BOOST_CHECK_EXCEPTION(Quadratic(Matrix::Identity(2, 3), Vector::Zero(2)), std::invalid_argument,
                        testing::message_has({"2x3", "square"}));
  BOOST_CHECK_EXCEPTION(Quadratic(Matrix::Identity(2, 2), Vector::Zero(3)), std::invalid_argument,
                        testing::message_has({"b has 3 entries", "expected 2"}));
  BOOST_CHECK_EXCEPTION(Quadratic(Matrix::Identity(2, 2), Vector{{1.0, NAN}}),
                        std::invalid_argument, testing::message_has({"b[1] = nan"}));
  BOOST_CHECK_EXCEPTION(Quadratic::with_condition_number(3, 0.5), std::invalid_argument,
                        testing::message_has({"condition_number = 0.5", ">= 1"}));
  BOOST_CHECK_EXCEPTION(Quadratic::with_spectrum(Vector{{1.0, 0.0}}), std::invalid_argument,
                        testing::message_has({"not positive definite"}));
  BOOST_CHECK_EXCEPTION(Rosenbrock(1), std::invalid_argument,
                        testing::message_has({"= 1", ">= 2"}));
}

BOOST_AUTO_TEST_CASE(objective_counts_and_checks_dimensions) {
  Booth booth;
  Objective objective(booth);
  Vector g;
  objective.value(Vector::Zero(2));
  objective.value_and_gradient(Vector::Zero(2), g);
  objective.gradient(Vector::Zero(2), g);
  objective.hessian(Vector::Zero(2));
  BOOST_TEST(objective.function_evaluations() == 2);
  BOOST_TEST(objective.gradient_evaluations() == 2);
  BOOST_TEST(objective.hessian_evaluations() == 1);
  BOOST_CHECK_EXCEPTION(objective.value(Vector::Zero(3)), std::invalid_argument,
                        testing::message_has({"x has 3 entries", "expected 2", "booth"}));
}

BOOST_AUTO_TEST_CASE(objective_takes_a_handed_over_iterate_without_evaluating) {
  Booth booth;
  const Vector x{{1.0, 2.0}}, same_values = x;
  Vector expected;
  const double f = booth.value_and_gradient(x, expected);
  // A rule's step: a trial evaluation (counted, not remembered), then the hand-over.
  auto step = [&](Objective& objective) {
    Vector g;
    objective.trial_value_and_gradient(x, g);
    objective.hand_over(x, f, g);
  };
  Vector driver_g;
  {
    Objective objective(booth);
    step(objective);
    // Handed over for this vector: taken as they are, not evaluated or counted again.
    BOOST_TEST(objective.at_iterate(x, driver_g) == f);
    BOOST_TEST(driver_g == expected);
    BOOST_TEST(objective.function_evaluations() == 1);
    BOOST_TEST(objective.gradient_evaluations() == 1);
    // Taken once: the next at_iterate() evaluates.
    objective.at_iterate(x, driver_g);
    BOOST_TEST(objective.function_evaluations() == 2);
  }
  {
    // Handed over for another vector (the same values, other storage): evaluated.
    Objective objective(booth);
    step(objective);
    BOOST_TEST(objective.at_iterate(same_values, driver_g) == f);
    BOOST_TEST(objective.function_evaluations() == 2);
    BOOST_TEST(objective.gradient_evaluations() == 2);
  }
  {
    // An evaluation after the hand-over cancels it.
    Objective objective(booth);
    step(objective);
    objective.value(Vector::Zero(2));
    BOOST_TEST(objective.at_iterate(x, driver_g) == f);
    BOOST_TEST(driver_g == expected);
    BOOST_TEST(objective.function_evaluations() == 3);
  }
  Objective objective(booth);
  Vector short_g = Vector::Zero(1);
  BOOST_CHECK_EXCEPTION(objective.hand_over(x, f, short_g), std::invalid_argument,
                        testing::message_has({"gradient has 1 entries", "expected 2"}));
}

BOOST_AUTO_TEST_SUITE_END()
