// Chapter 2, §2.3, a case the student edition does not show: the gradient of the whole breast
// cancer training set against finite differences.
#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(logistic_loss)

BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences_on_breast_cancer,
                     *utf::description("§2.3: on the 455 standardised training examples, at a "
                                       "random θ, ∇ℓ agrees with the five-point stencil "
                                       "(h = 1e-3) to 1e-8 relative")) {
  const Split split = standardised_split("breast_cancer.csv");
  Matrix A(split.train.features.rows(), 31);
  A << split.train.features, Vector::Ones(split.train.features.rows());
  const Vector y = split.train.labels.cast<double>();
  Random random(17);
  Vector theta(31);
  for (Index i = 0; i < 31; ++i) theta(i) = 0.3 * random.normal();
  Vector analytic;
  workbook::logistic_loss(A, y, theta, &analytic);
  const Vector numerical = five_point_gradient(
      [&](const Vector& t) { return workbook::logistic_loss(A, y, t, nullptr); }, theta, 1e-3);
  const double error = (analytic - numerical).norm() / numerical.norm();
  BOOST_TEST(error < 1e-8, "‖∇ℓ − stencil‖/‖stencil‖ = "
                               << error
                               << (error > 0.5 ? ": is the gradient Aᵀ(σ(z) − y)/m?" : ""));
}

BOOST_AUTO_TEST_SUITE_END()
