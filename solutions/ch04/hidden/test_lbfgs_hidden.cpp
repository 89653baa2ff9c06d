// Chapter 4, §4.9, a case the student edition does not show: a full history that has dropped its
// oldest pairs, in 50 dimensions.
#include "workbook/quasi_newton.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(lbfgs_two_loop)

BOOST_AUTO_TEST_CASE(
    uses_only_the_kept_pairs_after_the_oldest_are_dropped,
    *utf::description("§4.9: with m = 3 and 7 pairs pushed (the first 4 dropped), of a random "
                      "quadratic with n = 50, d = −H₃g for H₃ the dense BFGS recursion of the "
                      "last 3 pairs from H⁰ = γI, to 1e-12 relative")) {
  const Index n = 50;
  Random random(50);
  Matrix M(n, n);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < n; ++j) M(i, j) = random.normal();
  const Matrix A = M * M.transpose() / n + Matrix::Identity(n, n);  // SPD
  LbfgsHistory history(3);
  std::vector<Vector> s, y;
  for (int i = 0; i < 7; ++i) {
    Vector step(n);
    for (Index j = 0; j < n; ++j) step(j) = random.normal();
    s.push_back(step);
    y.push_back(A * step);
    history.push(s.back(), y.back());
  }
  // The recursion of the notes, written with matrices, over pairs 4, 5, 6.
  const Matrix I = Matrix::Identity(n, n);
  Matrix H = s[6].dot(y[6]) / y[6].squaredNorm() * I;
  for (int i = 4; i < 7; ++i) {
    const double rho = 1.0 / y[i].dot(s[i]);
    H = (I - rho * s[i] * y[i].transpose()) * H * (I - rho * y[i] * s[i].transpose()) +
        rho * s[i] * s[i].transpose();
  }
  Vector g(n);
  for (Index j = 0; j < n; ++j) g(j) = random.normal();
  Vector d;
  lbfgs_direction(g, history, d);
  BOOST_TEST_REQUIRE(d.size() == n);
  const Vector expected = -H * g;
  const double error = (d - expected).norm() / expected.norm();
  BOOST_TEST_INFO("‖d + Hg‖/‖Hg‖ = "
                  << error << (g.dot(d) > 0 ? ": d is not a descent direction, gᵀd > 0" : ""));
  BOOST_TEST(error < 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
