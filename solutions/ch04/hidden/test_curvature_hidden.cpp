// Chapter 4, cases the student edition does not show: Newton and the Hessian–vector product on
// logistic regression (breast cancer), steepest descent and conjugate gradients on the Poisson
// problem.
#include <Eigen/IterativeLinearSolvers>
#include <cmath>

#include "workbook/classification.hpp"
#include "workbook/curvature.hpp"
#include "workbook/data.hpp"
#include "workbook/poisson.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

LogisticRegression breast_cancer() {
  return LogisticRegression(standardised_split("breast_cancer.csv").train, 1e-3);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(newton_direction)

BOOST_AUTO_TEST_CASE(newton_converges_quadratically_on_logistic_regression,
                     *utf::description("§4.1: Newton from θ = 0 on logistic regression (breast "
                                       "cancer, λ = 10⁻³) reaches ‖∇f‖ ≤ 1e-10 within 12 steps, "
                                       "and once ‖∇f‖ < 10⁻² the ratio ‖∇f_{k+1}‖/‖∇f_k‖² stays "
                                       "below 100 (it settles near 50): quadratic convergence, "
                                       "where a linear rate would make it grow like 1/‖∇f_k‖")) {
  const LogisticRegression problem = breast_cancer();
  NewtonRule newton = newton_rule({.line_search = true});
  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-10;
  stopping.max_iterations = 12;
  TraceRecorder trace;
  const Result result = minimize(problem, newton, problem.default_start(), stopping, {&trace});
  BOOST_TEST(result.converged(), result.message);
  const auto& points = trace.points();
  for (std::size_t k = 0; k + 1 < points.size(); ++k) {
    const double now = points[k].gradient_norm, next = points[k + 1].gradient_norm;
    if (now < 1e-2 && next > 1e-14) {
      BOOST_TEST(next <= 100.0 * now * now, "step " << k + 1 << ": ‖∇f‖ went from " << now << " to "
                                                    << next << ", not quadratically");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hessian_vector_product)

BOOST_AUTO_TEST_CASE(matches_the_exact_product_on_logistic_regression,
                     *utf::description("§4.3: on breast cancer (31 parameters) at a random θ, the "
                                       "difference of gradients agrees with XᵀDXv/N + λv_w to 1e-7 "
                                       "of ‖∇²f‖‖v‖")) {
  const LogisticRegression problem = breast_cancer();
  Random random(23);
  Vector theta(31), v(31);
  for (Index i = 0; i < 31; ++i) {
    theta(i) = 0.3 * random.normal();
    v(i) = random.normal();
  }
  const GradientFunction gradient_at = [&](const Vector& y) {
    Vector g;
    problem.gradient(y, g);
    return g;
  };
  const Vector approximation = workbook::hessian_vector_by_differences(gradient_at, theta, v);
  Vector exact;
  problem.hessian_vector_product(theta, v, exact);
  const double error = (approximation - exact).norm() / (problem.hessian(theta).norm() * v.norm());
  BOOST_TEST(error < 1e-7, "error " << format_number(error) << " of ‖∇²f‖‖v‖");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(exact_line_search)

BOOST_AUTO_TEST_CASE(
    one_product_per_step_on_the_poisson_problem,
    *utf::description("§4.5: on the Poisson problem (N = 16) 50 exact steps take 50 "
                      "products with A and decrease f at every step")) {
  const Poisson2D problem(16);
  SteepestDescentRule rule = steepest_descent_rule();
  TraceRecorder trace;
  const Result result = testing::run_steps(problem, rule, problem.default_start(), 50, &trace);
  BOOST_TEST(result.hessian_vector_products == 50);
  const std::vector<double> f = trace.losses();
  for (std::size_t k = 0; k + 1 < f.size(); ++k) BOOST_TEST(f[k + 1] < f[k]);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(conjugate_gradient)

BOOST_AUTO_TEST_CASE(
    agrees_with_eigen_on_the_poisson_problem,
    *utf::description("§4.6: on the Poisson problem (N = 48, 2304 unknowns), CG to "
                      "‖r‖/‖b‖ ≤ 1e-8 takes as many iterations as "
                      "Eigen::ConjugateGradient (±2) and finds its solution")) {
  const Poisson2D problem(48);
  const Result ours = solve_by_conjugate_gradients(problem, problem.default_start(), 1e-8, 10000);
  Eigen::ConjugateGradient<SparseMatrix, Eigen::Lower | Eigen::Upper> eigen;
  eigen.setTolerance(1e-8);
  eigen.compute(problem.A());
  const Vector x = eigen.solve(problem.b());
  BOOST_TEST(ours.converged(), ours.message);
  BOOST_TEST(std::abs(ours.iterations - eigen.iterations()) <= 2,
             "ours " << ours.iterations << " iterations, Eigen's " << eigen.iterations());
  BOOST_TEST((ours.x - x).norm() <= 1e-6 * x.norm());
}

BOOST_AUTO_TEST_SUITE_END()
