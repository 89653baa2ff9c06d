// Chapter 2: the finite-sum problems. Least squares (with the synthetic linear regression and the
// LMS step) and softmax regression on the digits: every analytic gradient against finite
// differences, batches against the full sum, stability for large logits, accuracy. Logistic
// regression's loss is an exercise (logistic_loss): its tests are solutions/ch02/test_logistic.cpp;
// here only its input checks.
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <vector>

#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/least_squares.hpp"
#include "workbook/linear_algebra.hpp"
#include "workbook/random.hpp"
#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// The first `n` examples of a data set.
Dataset first_examples(const Dataset& data, Index n) {
  std::vector<Index> rows(static_cast<std::size_t>(n));
  std::iota(rows.begin(), rows.end(), Index{0});
  return data.subset(rows);
}

// A random point with N(0, scale²) coordinates.
Vector random_point(Index n, double scale, std::uint64_t seed) {
  Random random(seed);
  Vector x(n);
  for (Index i = 0; i < n; ++i) x(i) = scale * random.normal();
  return x;
}

// The problems of this file, small enough for five-point differences in every coordinate.
std::vector<std::shared_ptr<FiniteSumProblem>> problems() {
  const Split digits = standardised_split("digits.csv");
  const Dataset few_digits = first_examples(digits.train, 50);
  return {std::make_shared<LeastSquares>(
              LeastSquares::linear_regression(60, Vector{{1.0, -2.0, 0.5}}, 0.3, 5)),
          std::make_shared<SoftmaxRegression>(few_digits),
          std::make_shared<SoftmaxRegression>(few_digits, 0.05)};
}

// λ_max(AᵀA/N) for A = [X 1]: the smoothness constant of least squares on those features, an
// upper bound of 4 and 2 times those of logistic and softmax regression (D ≤ ¼, P's Jacobian ≤ ½).
double gram_eigenvalue(const Matrix& X) {
  Matrix A(X.rows(), X.cols() + 1);
  A << X, Vector::Ones(X.rows());
  const double sigma = singular_values(A)(0);
  return sigma * sigma / static_cast<double>(X.rows());
}

// ‖a − b‖ / max(‖a‖, ‖b‖).
double relative_difference(const Vector& a, const Vector& b) {
  return (a - b).norm() / std::max({a.norm(), b.norm(), 1e-300});
}

// The analytic gradient against the five-point stencil (h = 1e-3), coordinate by coordinate,
// each error measured against what the stencil can resolve:
//   1e-8·max(|aᵢ|, |ãᵢ|, ‖a‖∞) + 6ε|f|/h.
// The stencil's truncation error h⁴/30·|∂ᵢ⁵f| is largest along the weights of pixels that are
// rarely on, whose standardised values are large (tens): there a coordinate that is small itself
// is checked to 1e-8 of the gradient's largest coordinate, still far below what a wrong formula
// gives. The last term is the stencil's rounding: each value of f carries a few ulps (a mean of N
// rounded terms), times (1 + 8 + 8 + 1)/(12h) = 1.5/h. worst_ratio <= 1: every coordinate passes.
struct StencilCheck {
  double worst_ratio = 0.0;  // max over i of |aᵢ − ãᵢ| / allowedᵢ
  Index worst_coordinate = 0;
  double analytic = 0.0, numerical = 0.0;  // at the worst coordinate
  double vector_error = 0.0;               // ‖a − ã‖/‖a‖
};

StencilCheck check_gradient(const Problem& problem, const Vector& theta) {
  constexpr double h = 1e-3, eps = std::numeric_limits<double>::epsilon();
  Vector analytic;
  const double f = problem.value_and_gradient(theta, analytic);
  const Vector numerical =
      five_point_gradient([&](const Vector& x) { return problem.value(x); }, theta, h);
  const double scale = analytic.cwiseAbs().maxCoeff();  // ‖a‖∞
  StencilCheck check;
  for (Index i = 0; i < theta.size(); ++i) {
    const double allowed = 1e-8 * std::max({std::abs(analytic(i)), std::abs(numerical(i)), scale}) +
                           6.0 * eps * std::abs(f) / h;
    const double ratio = std::abs(analytic(i) - numerical(i)) / allowed;
    if (ratio > check.worst_ratio) {
      check.worst_ratio = ratio;
      check.worst_coordinate = i;
      check.analytic = analytic(i);
      check.numerical = numerical(i);
    }
  }
  check.vector_error = relative_difference(analytic, numerical);
  return check;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finite_sums)

BOOST_AUTO_TEST_CASE(analytic_gradients_match_finite_differences,
                     *utf::description("every finite-sum problem's gradient agrees with the "
                                       "five-point stencil, as a vector to 1e-8 relative and in "
                                       "every coordinate to 1e-8 of itself or of the largest "
                                       "coordinate (plus the stencil's rounding 6ε|f|/h), at "
                                       "a random point each, with and without the L2 term")) {
  std::uint64_t seed = 0;
  for (const auto& problem : problems()) {
    const Vector theta = random_point(problem->dimension(), 0.3, ++seed);
    const StencilCheck check = check_gradient(*problem, theta);
    BOOST_TEST_INFO(problem->name() << " (dimension " << problem->dimension() << "): coordinate "
                                    << check.worst_coordinate << " is " << check.analytic
                                    << ", the stencil gives " << check.numerical);
    BOOST_TEST(check.worst_ratio <= 1.0);
    BOOST_TEST_INFO(problem->name() << ": ‖∇L − stencil‖/‖∇L‖");
    BOOST_TEST(check.vector_error < 1e-8);
  }
}

BOOST_AUTO_TEST_CASE(
    the_batch_of_all_examples_is_the_full_sum,
    *utf::description(
        "L = (1/N) Σ Lᵢ: the batch {0, ..., N − 1} (in any order) gives the full value "
        "and gradient; the mean of the N one-example gradients is the full gradient; "
        "an index twice counts twice; batch_value is the value of "
        "batch_value_and_gradient")) {
  for (const auto& problem : problems()) {
    BOOST_TEST_CONTEXT(problem->name()) {
      const Index N = problem->examples();
      const Vector theta = random_point(problem->dimension(), 0.3, 7);
      Vector full_gradient, batch_gradient;
      const double full = problem->value_and_gradient(theta, full_gradient);
      BOOST_TEST(full == problem->value(theta), tt::tolerance(1e-15));

      std::vector<Index> all = all_examples(N);
      BOOST_TEST(problem->batch_value_and_gradient(theta, all, batch_gradient) == full,
                 tt::tolerance(1e-14));
      BOOST_TEST(relative_difference(batch_gradient, full_gradient) < 1e-14);
      Random random(3);
      shuffle_indices(all, random);
      BOOST_TEST(problem->batch_value(theta, all) == full, tt::tolerance(1e-13));
      problem->batch_value_and_gradient(theta, all, batch_gradient);
      BOOST_TEST(relative_difference(batch_gradient, full_gradient) < 1e-13);

      Vector mean = Vector::Zero(problem->dimension()), one;
      double mean_value = 0.0;
      for (Index i = 0; i < N; ++i) {
        const Index batch[] = {i};
        mean_value += problem->batch_value_and_gradient(theta, batch, one) / N;
        mean += one / N;
      }
      BOOST_TEST(mean_value == full, tt::tolerance(1e-12));
      BOOST_TEST(relative_difference(mean, full_gradient) < 1e-12);

      const std::vector<Index> pair = {3, 5}, repeated = {3, 3, 5, 5}, weighted = {3, 3, 5};
      Vector g_pair, g_repeated, g_weighted, g3, g5;
      const double f_pair = problem->batch_value_and_gradient(theta, pair, g_pair);
      BOOST_TEST(problem->batch_value_and_gradient(theta, repeated, g_repeated) == f_pair,
                 tt::tolerance(1e-14));
      BOOST_TEST(relative_difference(g_repeated, g_pair) < 1e-14);
      const Index three[] = {3}, five[] = {5};
      const double f3 = problem->batch_value_and_gradient(theta, three, g3);
      const double f5 = problem->batch_value_and_gradient(theta, five, g5);
      BOOST_TEST(
          problem->batch_value_and_gradient(theta, weighted, g_weighted) == (2.0 * f3 + f5) / 3.0,
          tt::tolerance(1e-14));
      BOOST_TEST(relative_difference(g_weighted, (2.0 * g3 + g5) / 3.0) < 1e-14);
      BOOST_TEST(problem->batch_value(theta, pair) == f_pair);
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_batches_and_points) {
  const auto problem = problems()[1];  // softmax regression on 50 digits
  const Vector theta = Vector::Zero(problem->dimension());
  Vector g;
  BOOST_CHECK_EXCEPTION(problem->batch_value_and_gradient(theta, std::vector<Index>{}, g),
                        std::invalid_argument, testing::message_has({"the batch is empty"}));
  const Index N = problem->examples();
  const std::vector<Index> outside = {0, N};
  BOOST_CHECK_EXCEPTION(problem->batch_value(theta, outside), std::invalid_argument,
                        testing::message_has({"batch[1] = " + std::to_string(N) + " is invalid",
                                              "[0, " + std::to_string(N) + ")"}));
  const std::vector<Index> negative = {-1};
  BOOST_CHECK_EXCEPTION(problem->batch_value(theta, negative), std::invalid_argument,
                        testing::message_has({"batch[0] = -1"}));
  BOOST_CHECK_EXCEPTION(problem->batch_value(Vector::Zero(3), all_examples(2)),
                        std::invalid_argument,
                        testing::message_has({"theta has 3 entries: expected 650"}));
  BOOST_CHECK_EXCEPTION(problem->value(Vector::Zero(649)), std::invalid_argument,
                        testing::message_has({"theta has 649 entries: expected 650"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(least_squares_regression)

BOOST_AUTO_TEST_CASE(
    synthetic_regression_and_its_minimiser,
    *utf::description("y = X w_true + σε: without noise the minimiser is w_true with f* = 0; with "
                      "σ = 0.5 and N = 2000, n = 4, f* is about σ²(N − n)/(2N) = 0.1245 (within 4 "
                      "standard deviations of its χ² law, 13%); one seed gives the same data")) {
  const Vector w_true{{1.0, -2.0, 0.5, 3.0}};
  const LeastSquares exact = LeastSquares::linear_regression(50, w_true, 0.0, 1);
  BOOST_TEST(exact.minimisers()[0] == w_true);
  BOOST_TEST(*exact.minimum() == 0.0);
  BOOST_TEST(exact.value(w_true) < 1e-28);

  const LeastSquares noisy = LeastSquares::linear_regression(2000, w_true, 0.5, 2);
  const double expected = 0.25 * (2000.0 - 4.0) / (2.0 * 2000.0);
  BOOST_TEST(*noisy.minimum() == expected, tt::tolerance(4.0 * std::sqrt(2.0 / 1996.0)));
  Vector g;
  noisy.gradient(noisy.minimisers()[0], g);
  BOOST_TEST(g.norm() < 1e-12);
  // The fit is close to w_true: its error is about σ/√N per coordinate.
  BOOST_TEST((noisy.minimisers()[0] - w_true).cwiseAbs().maxCoeff() <
             4.0 * 0.5 / std::sqrt(2000.0));

  const LeastSquares again = LeastSquares::linear_regression(2000, w_true, 0.5, 2);
  BOOST_TEST((again.X() == noisy.X()));
  BOOST_TEST((again.y() == noisy.y()));
  const LeastSquares other = LeastSquares::linear_regression(2000, w_true, 0.5, 3);
  BOOST_TEST((other.X() != noisy.X()));
}

BOOST_AUTO_TEST_CASE(a_batch_of_one_is_the_lms_step,
                     *utf::description("on the batch {i} the gradient is (xᵢᵀw − yᵢ)xᵢ and the "
                                       "loss ½(xᵢᵀw − yᵢ)²: the SGD step is Widrow–Hoff's LMS "
                                       "rule")) {
  const LeastSquares problem = LeastSquares::linear_regression(30, Vector{{2.0, -1.0}}, 0.1, 4);
  const Vector w{{0.5, 0.25}};
  for (Index i : {0, 7, 29}) {
    const Vector x = problem.X().row(i).transpose();
    const double residual = x.dot(w) - problem.y()(i);
    Vector g;
    const Index batch[] = {i};
    BOOST_TEST(problem.batch_value_and_gradient(w, batch, g) == 0.5 * residual * residual,
               tt::tolerance(1e-15));
    BOOST_TEST(relative_difference(g, residual * x) < 1e-15);
  }
}

BOOST_AUTO_TEST_CASE(bad_input) {
  BOOST_CHECK_EXCEPTION(LeastSquares::linear_regression(10, Vector(), 0.1), std::invalid_argument,
                        testing::message_has({"true_weights is empty"}));
  BOOST_CHECK_EXCEPTION(LeastSquares::linear_regression(10, Vector{{1.0}}, -0.1),
                        std::invalid_argument,
                        testing::message_has({"noise = -0.1 is invalid", "noise >= 0"}));
  BOOST_CHECK_EXCEPTION(LeastSquares::linear_regression(1, Vector{{1.0, 2.0}}, 0.1),
                        std::invalid_argument,
                        testing::message_has({"samples = 1 is invalid: expected samples >= 2"}));
  BOOST_CHECK_EXCEPTION(LeastSquares::linear_regression(5, Vector{{1.0, NAN}}, 0.1),
                        std::invalid_argument, testing::message_has({"true_weights[1] = nan"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(logistic_regression)

BOOST_AUTO_TEST_CASE(bad_input) {
  const Dataset digits = load_csv(data_file("digits.csv"));
  BOOST_CHECK_EXCEPTION(LogisticRegression{digits}, std::invalid_argument,
                        testing::message_has({"the label of example", "expects labels 0 and 1"}));
  const Dataset breast = load_csv(data_file("breast_cancer.csv"));
  BOOST_CHECK_EXCEPTION(LogisticRegression(breast, -1.0), std::invalid_argument,
                        testing::message_has({"l2_penalty = -1 is invalid"}));
  const LogisticRegression problem(breast);
  BOOST_CHECK_EXCEPTION(problem.predict(Vector::Zero(31), Matrix::Zero(3, 29)),
                        std::invalid_argument, testing::message_has({"29 columns: expected 30"}));
  Vector Hv;
  BOOST_CHECK_EXCEPTION(problem.hessian_vector_product(Vector::Zero(31), Vector::Zero(2), Hv),
                        std::invalid_argument, testing::message_has({"v has 2 entries"}));
  BOOST_CHECK_EXCEPTION(LogisticRegression{Dataset{}}, std::invalid_argument,
                        testing::message_has({"no example"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(softmax_regression)

BOOST_AUTO_TEST_CASE(
    log_sum_exp_is_stable_and_theta_zero_gives_log_k,
    *utf::description("at Θ = 0 every class has probability 1/K: L = log 10; logits of order 1e5 "
                      "give a finite loss and gradient (the row maximum is subtracted), and adding "
                      "one vector to every class's column changes nothing but the penalty")) {
  const Split digits = standardised_split("digits.csv");
  const SoftmaxRegression problem(digits.train);
  BOOST_TEST(problem.classes() == 10);
  BOOST_TEST(problem.dimension() == 650);
  // A mean of N = 1437 rounded terms: 1e-13.
  BOOST_TEST(problem.value(problem.default_start()) == std::log(10.0), tt::tolerance(1e-13));

  const Vector huge = random_point(650, 1e4, 8);
  Vector g;
  const double f = problem.value_and_gradient(huge, g);
  BOOST_TEST(std::isfinite(f));
  BOOST_TEST(g.allFinite());

  const Vector theta = random_point(650, 0.3, 9);
  Vector shifted = theta;
  const Vector common = random_point(65, 1.0, 10);
  for (Index k = 0; k < 10; ++k) shifted.segment(65 * k, 65) += common;
  BOOST_TEST(problem.value(shifted) == problem.value(theta), tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(accuracy_and_a_trained_model,
                     *utf::description("the argmax of the logits is the prediction; 60 "
                                       "full-gradient steps with η = 1/L, L = ½λ_max(AᵀA/N) + λ, "
                                       "classify more than 90% of the digits' test set")) {
  const Split digits = standardised_split("digits.csv");
  const SoftmaxRegression problem(digits.train, 1e-3);
  // Θ with only class 3's bias set predicts 3 everywhere: accuracy = the share of 3s.
  Vector threes = Vector::Zero(650);
  threes(65 * 3 + 64) = 1.0;
  const auto counts = digits.test.class_counts();
  BOOST_TEST(problem.accuracy(threes, digits.test) ==
             static_cast<double>(counts[3]) / digits.test.examples());

  const double smoothness = 0.5 * gram_eigenvalue(digits.train.features) + 1e-3;
  Vector theta = problem.default_start(), g;
  for (int k = 0; k < 60; ++k) {
    problem.gradient(theta, g);
    theta -= g / smoothness;
  }
  const double accuracy = problem.accuracy(theta, digits.test);
  BOOST_TEST_INFO("test accuracy " << accuracy);
  BOOST_TEST(accuracy > 0.9);
}

BOOST_AUTO_TEST_CASE(bad_input) {
  Dataset one_class;
  one_class.features = Matrix::Ones(3, 2);
  one_class.labels = Labels::Zero(3);
  one_class.feature_names = {"a", "b"};
  BOOST_CHECK_EXCEPTION(SoftmaxRegression{one_class}, std::invalid_argument,
                        testing::message_has({"1 class", "at least 2"}));
  const Dataset digits = load_csv(data_file("digits.csv"));
  BOOST_CHECK_EXCEPTION(SoftmaxRegression(digits, -0.5), std::invalid_argument,
                        testing::message_has({"l2_penalty = -0.5 is invalid"}));
  const SoftmaxRegression problem(first_examples(digits, 20));
  BOOST_CHECK_EXCEPTION(problem.value(Vector::Zero(64)), std::invalid_argument,
                        testing::message_has({"theta has 64 entries: expected 650"}));
}

BOOST_AUTO_TEST_SUITE_END()
