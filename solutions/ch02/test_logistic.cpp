// Chapter 2, §2.3: logistic regression on the breast cancer set. Exercise: logistic_loss
// (exercises/ch02/logistic_loss.cpp), the mean loss of a batch and its gradient, which
// LogisticRegression's value, gradient and every minibatch evaluation call.
#include <cmath>
#include <limits>
#include <sstream>

#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/linear_algebra.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// A random point with N(0, scale²) coordinates.
Vector logistic_point(Index n, double scale, std::uint64_t seed) {
  Random random(seed);
  Vector x(n);
  for (Index i = 0; i < n; ++i) x(i) = scale * random.normal();
  return x;
}

// ‖a − b‖ / max(‖a‖, ‖b‖).
double logistic_difference(const Vector& a, const Vector& b) {
  return (a - b).norm() / std::max({a.norm(), b.norm(), 1e-300});
}

// λ_max(AᵀA/N) for A = [X 1]; a quarter of it bounds the logistic loss's curvature (σ' ≤ ¼).
double logistic_gram_eigenvalue(const Matrix& X) {
  Matrix A(X.rows(), X.cols() + 1);
  A << X, Vector::Ones(X.rows());
  const double sigma = singular_values(A)(0);
  return sigma * sigma / static_cast<double>(X.rows());
}

// Two examples in one feature: x = 1 with y = 1, x = −2 with y = 0; rows (x, 1).
const Matrix two_rows{{1.0, 1.0}, {-2.0, 1.0}};
const Vector two_labels{{1.0, 0.0}};

// The loss and gradient of §2.3 for those two rows, in long double, term by term.
double two_row_loss(const Vector& theta, Vector& gradient) {
  long double loss = 0.0L;
  gradient = Vector::Zero(2);
  for (int i = 0; i < 2; ++i) {
    const long double z = two_rows(i, 0) * theta(0) + two_rows(i, 1) * theta(1);
    const long double y = two_labels(i);
    loss += (std::log1p(std::exp(z)) - y * z) / 2.0L;
    const long double residual = 1.0L / (1.0L + std::exp(-z)) - y;  // σ(z) − y
    gradient(0) += static_cast<double>(residual * two_rows(i, 0) / 2.0L);
    gradient(1) += static_cast<double>(residual * two_rows(i, 1) / 2.0L);
  }
  return static_cast<double>(loss);
}

// What a wrong workbook::logistic_loss() does, in the notes' words: compares it on m copies of one row (the
// mean of m equal losses is that loss; a sum is m times it), checks the gradient's direction
// against the change of the loss, and that nothing changed the inputs.
std::string diagnose_logistic(const Matrix& A, const Vector& y, const Vector& theta) {
  const Matrix A0 = A;
  const Vector y0 = y, theta0 = theta;
  Vector g;
  const double f = workbook::logistic_loss(A, y, theta, &g);
  std::ostringstream why;
  if (A != A0 || y != y0 || theta != theta0)
    return "an input was changed: A, labels and θ are const";
  if (!std::isfinite(f)) return "the loss is " + format_number(f) + ", not finite";
  if (!g.allFinite()) return "the gradient has a NaN or infinite entry";
  if (g.size() != theta.size()) {
    return "the gradient has " + std::to_string(g.size()) + " entries, expected " +
           std::to_string(theta.size()) + " (one per entry of θ)";
  }
  // One row, and the same row m = 8 times.
  const Matrix one = A.topRows(1);
  const Matrix eight = one.replicate(8, 1);
  Vector g1, g8;
  const double f1 = workbook::logistic_loss(one, y.head(1), theta, &g1);
  const double f8 = workbook::logistic_loss(eight, Vector::Constant(8, y(0)), theta, &g8);
  if (std::abs(f8 - 8.0 * f1) <= 1e-12 * std::abs(f8) && f1 != 0.0) {
    return "8 copies of one example give a loss 8 times the example's: m times too large: is it "
           "the sum over the batch instead of the mean? A sum multiplies the step by the batch "
           "size";
  }
  if (g1.size() == g8.size() && (g8 - 8.0 * g1).norm() <= 1e-12 * g8.norm() && g1.norm() != 0.0) {
    return "8 copies of one example give a gradient 8 times the example's: m times too large: is "
           "the gradient the sum over the batch instead of the mean?";
  }
  // A small step along −g must lower the loss: ℓ(θ − hg) < ℓ(θ) for a small h.
  const double h = 1e-4 / std::max(1.0, g.norm());
  if (g.norm() > 0.0 && workbook::logistic_loss(A, y, theta - h * g, nullptr) > f) {
    return "a small step along −g raised the loss: the gradient points downhill; it is "
           "Aᵀ(σ(z) − y)/m, not Aᵀ(y − σ(z))/m";
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(logistic_loss)

//! [two examples]
BOOST_AUTO_TEST_CASE(
    value_and_gradient_on_two_examples,
    *utf::description("§2.3: ℓ = (1/m) Σ log(1 + e^{zᵢ}) − yᵢzᵢ and ∇ℓ = Aᵀ(σ(z) − y)/m on two "
                      "examples (x = 1, y = 1 and x = −2, y = 0): at θ = 0, ℓ = log 2 and "
                      "∇ℓ = (−¾, 0); at three other points, the definition evaluated in long "
                      "double")) {
  for (const Vector& theta :
       {Vector{{0.0, 0.0}}, Vector{{0.5, -0.25}}, Vector{{-3.0, 2.0}}, Vector{{4.0, 1.0}}}) {
    Vector g, expected;
    const double f = workbook::logistic_loss(two_rows, two_labels, theta, &g);
    const double expected_f = two_row_loss(theta, expected);
    const std::string why = diagnose_logistic(two_rows, two_labels, theta);
    BOOST_TEST_INFO("θ = " << format_vector(theta) << (why.empty() ? "" : ": " + why));
    BOOST_TEST(f == expected_f, tt::tolerance(1e-14));
    BOOST_TEST_INFO("θ = " << format_vector(theta) << (why.empty() ? "" : ": " + why));
    BOOST_TEST_REQUIRE(g.size() == 2);
    // σ(z) − y cancels where σ(z) is near y: the difference keeps about 1e-14 of its size.
    BOOST_TEST(logistic_difference(g, expected) < 1e-13);
  }
  // At θ = 0: σ = ½, so ℓ = log 2 and ∇ℓ = ((½ − 1)·1 + ½·(−2), (½ − 1) + ½)/2 = (−¾, 0).
  Vector g;
  BOOST_TEST(workbook::logistic_loss(two_rows, two_labels, Vector::Zero(2), &g) == std::log(2.0),
             tt::tolerance(1e-15));
  BOOST_TEST(g(0) == -0.75, tt::tolerance(1e-15));
  BOOST_TEST(std::abs(g(1)) <= 1e-16);
  // Without a gradient asked for, the same loss.
  BOOST_TEST(workbook::logistic_loss(two_rows, two_labels, Vector{{0.5, -0.25}}, nullptr) ==
             workbook::logistic_loss(two_rows, two_labels, Vector{{0.5, -0.25}}, &g));
}
//! [two examples]

BOOST_AUTO_TEST_CASE(
    a_batch_loss_is_a_mean_and_does_not_grow_with_the_batch,
    *utf::description("§2.3: the loss of a batch is the mean of its examples' losses: 8 copies of "
                      "one example give that example's loss and gradient, and a batch of 100 "
                      "breast cancer examples gives the mean of their 100 one-example gradients; "
                      "a sum would multiply every SGD step by the batch size")) {
  const Split breast = standardised_split("breast_cancer.csv");
  const LogisticRegression problem(breast.train);
  Matrix A(breast.train.features.rows(), 31);
  A << breast.train.features, Vector::Ones(breast.train.features.rows());
  const Vector y = breast.train.labels.cast<double>();
  const Vector theta = logistic_point(31, 0.2, 4);
  const std::string why = diagnose_logistic(A, y, theta);
  BOOST_TEST(why.empty(), why);

  Vector g_batch, mean = Vector::Zero(31), g_one;
  const Matrix rows = A.topRows(100);
  const double f_batch = workbook::logistic_loss(rows, y.head(100), theta, &g_batch);
  double mean_f = 0.0;
  for (Index i = 0; i < 100; ++i) {
    mean_f +=
        workbook::logistic_loss(rows.middleRows(i, 1), y.segment(i, 1), theta, &g_one) / 100.0;
    mean += g_one / 100.0;
  }
  BOOST_TEST(f_batch == mean_f, tt::tolerance(1e-13));
  BOOST_TEST(logistic_difference(g_batch, mean) < 1e-13);
  // And the problem's full loss is the mean over all of its examples.
  BOOST_TEST(problem.value(theta) == workbook::logistic_loss(A, y, theta, nullptr),
             tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(
    finite_for_any_z,
    *utf::description("§2.3: at z = ±1000 the loss is 1000 on the wrong side and below 1e-300 on "
                      "the right one, the gradient σ(z) − y is 0 or ±1: no inf, no NaN (e^{1000} "
                      "overflows a double); for |z| ≤ 5 it agrees with log(1 + eᶻ) − yz in long "
                      "double")) {
  // Rows x = ±1 (no bias column used: θ's bias is 0), labels such that rows 0 and 1 are right.
  const Matrix A{{1.0, 1.0}, {-1.0, 1.0}, {1.0, 1.0}, {-1.0, 1.0}};
  const Vector y{{1.0, 0.0, 0.0, 1.0}};
  const Vector theta{{1000.0, 0.0}};  // z = (1000, −1000, 1000, −1000)
  Vector g;
  const double f = workbook::logistic_loss(A, y, theta, &g);
  std::string why;
  if (!std::isfinite(f) || !g.allFinite()) {
    why = "not finite at |z| = 1000: loss " + format_number(f) + ", gradient " + format_vector(g) +
          ": e^1000 overflows; rewrite log(1 + e^z) and σ(z) with e^{−|z|} ≤ 1";
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(f == 500.0);  // (0 + 0 + 1000 + 1000)/4
  BOOST_TEST_INFO(why);
  BOOST_TEST(g(0) == 0.5);  // (0·1 + 0·(−1) + 1·1 + (−1)·(−1))/4
  BOOST_TEST(g(1) == 0.0);
  BOOST_TEST(workbook::logistic_loss(A.topRows(2), y.head(2), theta, nullptr) < 1e-300);
  BOOST_TEST(workbook::logistic_loss(A.bottomRows(2), y.tail(2), -theta, nullptr) < 1e-300);

  for (long double z : {-5.0L, -3.0L, -0.5L, 0.0L, 0.7L, 4.0L, 5.0L}) {
    const Vector at{{static_cast<double>(z), 0.0}};
    // Row 0 (x = 1, y = 1) has logit z, row 1 (x = −1, y = 0) has −z.
    const long double exact =
        0.5L * (std::log1p(std::exp(z)) - z) + 0.5L * std::log1p(std::exp(-z));
    BOOST_TEST_INFO("z = " << static_cast<double>(z));
    BOOST_TEST(
        workbook::logistic_loss(A.topRows(2), y.head(2), at, nullptr) == static_cast<double>(exact),
        tt::tolerance(1e-14));
  }
}

// The model around the loss: its Hessian and its accuracy. They run logistic_loss() too, so they
// sit in its suite.
BOOST_AUTO_TEST_SUITE(logistic_regression)

BOOST_AUTO_TEST_CASE(
    hessian_and_hessian_vector_product,
    *utf::description("∇²L = AᵀDA/N + λ diag(1, ..., 1, 0) agrees with differences of the gradient "
                      "(1e-7 of its largest entry), is symmetric, and the Hessian-vector product "
                      "Aᵀ(D(Av))/N + λ(v_w, 0) equals ∇²L v to rounding")) {
  const Split breast = standardised_split("breast_cancer.csv");
  for (double lambda : {0.0, 0.1}) {
    const LogisticRegression problem(breast.train, lambda);
    BOOST_TEST(problem.dimension() == 31);
    for (std::uint64_t seed : {3u, 4u}) {
      const Vector theta = logistic_point(31, 0.3, seed);
      const Matrix H = problem.hessian(theta);
      const Matrix numerical = hessian_by_differences(problem, theta);
      BOOST_TEST_INFO("λ = " << lambda);
      BOOST_TEST((H - numerical).cwiseAbs().maxCoeff() / H.cwiseAbs().maxCoeff() < 1e-7);
      BOOST_TEST((H - H.transpose()).cwiseAbs().maxCoeff() == 0.0);
      for (std::uint64_t v_seed : {5u, 6u}) {
        const Vector v = logistic_point(31, 1.0, v_seed);
        Vector Hv;
        problem.hessian_vector_product(theta, v, Hv);
        BOOST_TEST(logistic_difference(Hv, H * v) < 1e-13);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(
    accuracy_and_a_trained_model,
    *utf::description(
        "at θ = 0, L = log 2; predicting 'benign' for all gives the benign share as "
        "accuracy (286/456 of the training set); 100 full-gradient steps with η = 1/L, "
        "L = ¼λ_max(AᵀA/N) + λ, on the standardised training set classify more than "
        "95% of the test set")) {
  const Split breast = standardised_split("breast_cancer.csv");
  const LogisticRegression problem(breast.train, 1e-3);
  // A mean of N = 456 rounded terms: 1e-13.
  BOOST_TEST(problem.value(problem.default_start()) == std::log(2.0), tt::tolerance(1e-13));
  Vector always_benign = Vector::Zero(31);
  always_benign(30) = 1.0;  // b = 1: z = 1 everywhere
  BOOST_TEST(problem.accuracy(always_benign, breast.train) == 286.0 / 456.0);
  BOOST_TEST((problem.predict(always_benign, breast.test.features).array() == 1).all());

  const double smoothness = 0.25 * logistic_gram_eigenvalue(breast.train.features) + 1e-3;
  Vector theta = problem.default_start(), g;
  const double first = problem.value_and_gradient(theta, g);
  for (int k = 0; k < 100; ++k) {
    problem.gradient(theta, g);
    theta -= g / smoothness;
  }
  BOOST_TEST(problem.value(theta) < 0.2 * first);
  const double accuracy = problem.accuracy(theta, breast.test);
  BOOST_TEST_INFO("test accuracy " << accuracy);
  BOOST_TEST(accuracy > 0.95);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
