// Chapter 4, §4.10: a derivation graded by running it: the number of conjugate-gradient iterations
// that the bound ‖e_k‖_A ≤ 2((√κ−1)/(√κ+1))ᵏ ‖e₀‖_A guarantees. Exercise: cg_iteration_bound
// (exercises/ch04/cg_iteration_bound.cpp, cg_iterations_for()).
#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>
#include <cmath>
#include <sstream>

#include "workbook/curvature.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// ln(1/q) with q = (√κ − 1)/(√κ + 1), accurate for large κ.
double log_inverse_rate(double kappa) {
  return std::log1p(2.0 / (std::sqrt(kappa) - 1.0));
}

// The bound 2qᵏ, as a fraction of ‖e₀‖_A.
double bound_after(double kappa, double k) {
  return 2.0 * std::exp(-k * log_inverse_rate(kappa));
}

// Which slip the function makes, read from its answer at κ = 10⁴, ε = 10⁻⁶, where the slips are
// far apart: short by one step (rounded down), short by ln 2/ln(1/q) ≈ 35 steps (the factor 2
// left out), about κ/√κ = 100 times too many (κ for √κ). Empty when that answer is right.
std::string the_slip() {
  const double kappa = 1e4, tolerance = 1e-6;
  long k = 0;
  try {
    k = workbook::cg_iterations_for(kappa, tolerance);
  } catch (const std::exception& error) {
    return std::string("at κ = 10⁴, ε = 10⁻⁶ it threw: ") + error.what();
  }
  const double needed = std::log(2.0 / tolerance) / log_inverse_rate(kappa);
  const double right = std::ceil(needed);
  const double factor_two_steps = std::log(2.0) / log_inverse_rate(kappa);
  const double with_kappa = std::log(2.0 / tolerance) / std::log1p(2.0 / (kappa - 1.0));
  const double got = static_cast<double>(k);
  if (got == right) return {};
  std::ostringstream why;
  why << "at κ = 10⁴, ε = 10⁻⁶ it gives k = " << k << " where the bound needs "
      << format_number(right);
  if (got == right - 1.0) {
    why << ": one step short: round up, since the bound must hold at the whole number k";
  } else if (std::abs(got - std::ceil(needed - factor_two_steps)) <= 1.0) {
    why << ": short by ln 2/ln(1/q) = " << format_number(factor_two_steps)
        << " steps: is the factor 2 in front of the bound missing?";
  } else if (std::abs(got - std::ceil(with_kappa)) <= 1.0) {
    why << ": this k grows like κ, steepest descent's rate ((κ−1)/(κ+1)); CG's has √κ in place "
           "of κ";
  }
  return why.str();
}

// What is wrong with k for (κ, ε), in the notes' terms; empty when k is the smallest k ≥ 1 that
// the bound guarantees.
std::string diagnose(double kappa, double tolerance, long k) {
  std::ostringstream why;
  why << "κ = " << format_number(kappa) << ", ε = " << format_number(tolerance) << ": k = " << k;
  if (k < 1) {
    why << ", but at least one step is needed (k ≥ 1)";
  } else if (bound_after(kappa, static_cast<double>(k)) > tolerance * (1.0 + 1e-12)) {
    why << " is not enough: after k steps the bound is 2qᵏ = "
        << format_number(bound_after(kappa, static_cast<double>(k)) / tolerance)
        << "ε, with q = (√κ−1)/(√κ+1)";
  } else if (k > 1 && bound_after(kappa, static_cast<double>(k - 1)) <= tolerance * (1.0 - 1e-12)) {
    why << " is more than needed: k − 1 steps already guarantee it";
  } else {
    return {};
  }
  if (const std::string slip = the_slip(); !slip.empty()) why << "; " << slip;
  return why.str();
}

// ‖e_k‖_A / ‖e₀‖_A after exactly k steps of (Eigen's, unpreconditioned) CG on
// A = diag(linspace(1, κ, 200)), x* = 1, x₀ = 0.
double cg_error_after(double kappa, long k) {
  const Vector lambda = Vector::LinSpaced(200, 1.0, kappa);
  Eigen::SparseMatrix<double> A(200, 200);
  for (Index i = 0; i < 200; ++i) A.insert(i, i) = lambda(i);
  Eigen::ConjugateGradient<Eigen::SparseMatrix<double>, Eigen::Lower | Eigen::Upper,
                           Eigen::IdentityPreconditioner>
      cg;
  cg.setMaxIterations(k);
  cg.setTolerance(1e-300);
  cg.compute(A);
  const Vector x = cg.solve(lambda);  // b = A·1
  auto a_norm = [&](const Vector& e) { return std::sqrt(e.dot(lambda.cwiseProduct(e))); };
  return a_norm(x - Vector::Ones(200)) / a_norm(Vector::Ones(200));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cg_iteration_bound)

BOOST_AUTO_TEST_CASE(
    the_smallest_k_the_bound_guarantees,
    *utf::description("§4.10: for κ = 10, 100, 10⁴, 10⁸, 10¹⁶ and ε = 10⁻², 10⁻⁶, 10⁻¹², k makes "
                      "the bound 2((√κ−1)/(√κ+1))ᵏ at most ε and k − 1 does not")) {
  for (double kappa : {10.0, 100.0, 1e4, 1e8, 1e16}) {
    for (double tolerance : {1e-2, 1e-6, 1e-12}) {
      const long k = workbook::cg_iterations_for(kappa, tolerance);
      const std::string why = diagnose(kappa, tolerance, k);
      BOOST_TEST(why.empty(), why);
    }
  }
}

BOOST_AUTO_TEST_CASE(
    grows_like_the_square_root_of_kappa,
    *utf::description("§4.10: k(100κ)/k(κ) → 10 for large κ (within 1 % at κ = 10⁶ and 10⁸, "
                      "ε = 10⁻⁶), and κ = 1 needs one step")) {
  const double ratio = static_cast<double>(workbook::cg_iterations_for(1e8, 1e-6)) /
                       static_cast<double>(workbook::cg_iterations_for(1e6, 1e-6));
  BOOST_TEST_INFO("k(10⁸)/k(10⁶) = " << ratio << "; " << the_slip());
  BOOST_TEST(ratio == 10.0, tt::tolerance(0.01));
  BOOST_TEST(workbook::cg_iterations_for(1.0, 1e-6) == 1L,
             "κ = 1 (A = cI): q = 0 and one step solves the system");
}

BOOST_AUTO_TEST_CASE(
    cg_meets_the_tolerance_within_k_steps,
    *utf::description("§4.10: CG on A = diag(linspace(1, κ, 200)) from x₀ = 0 to x* = 1 has "
                      "‖e_k‖_A ≤ ε‖e₀‖_A after k = cg_iterations_for(κ, ε) steps, for κ = 100 and "
                      "10⁴, ε = 10⁻⁴ and 10⁻⁸")) {
  for (double kappa : {100.0, 1e4}) {
    for (double tolerance : {1e-4, 1e-8}) {
      const long k = workbook::cg_iterations_for(kappa, tolerance);
      BOOST_TEST_REQUIRE(k >= 1);
      const double error = cg_error_after(kappa, k);
      BOOST_TEST(error <= tolerance, "κ = " << kappa << ", ε = " << tolerance << ": after k = " << k
                                            << " steps ‖e_k‖_A/‖e₀‖_A = " << error << "; "
                                            << the_slip());
    }
  }
}

BOOST_AUTO_TEST_CASE(names_a_value_out_of_range,
                     *utf::description("§4.10: κ = 0.5, κ = NaN, ε = 0 and ε = 1: "
                                       "std::invalid_argument")) {
  BOOST_CHECK_THROW(workbook::cg_iterations_for(0.5, 1e-6), std::invalid_argument);
  BOOST_CHECK_THROW(workbook::cg_iterations_for(std::nan(""), 1e-6), std::invalid_argument);
  BOOST_CHECK_THROW(workbook::cg_iterations_for(100.0, 0.0), std::invalid_argument);
  BOOST_CHECK_THROW(workbook::cg_iterations_for(100.0, 1.0), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
