// Chapter 4, §4.6–4.7: conjugate gradients. The residual recurrence tracks b − Ax, the directions
// are A-conjugate and the residuals M⁻¹-orthogonal, and it terminates in at most as many steps as
// A has distinct eigenvalues. Exercise: conjugate_gradient (exercises/ch04/conjugate_gradient.cpp,
// conjugate_gradient_step()).
#include <Eigen/IterativeLinearSolvers>
#include <cmath>
#include <sstream>

#include "workbook/curvature.hpp"
#include "workbook/poisson.hpp"
#include "workbook/problems.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// A quadratic with a badly scaled diagonal, D A₀ D with D = diag(10^{−1 … 1}): Jacobi's
// preconditioner changes the iteration (β from rᵀr and from rᵀz differ).
Quadratic badly_scaled(Index n, std::uint64_t seed) {
  const Quadratic base = Quadratic::with_condition_number(n, 50.0, seed);
  Vector d(n);
  for (Index i = 0; i < n; ++i) d(i) = std::pow(10.0, -1.0 + 2.0 * double(i) / double(n - 1));
  Matrix A = d.asDiagonal() * base.A() * d.asDiagonal();
  A = 0.5 * (A + A.transpose());
  Random random(seed + 1);
  Vector b(n);
  for (Index i = 0; i < n; ++i) b(i) = random.normal();
  return Quadratic(A, b);
}

// CG steps taken by hand from x₀ = 0, recording what the claims need.
struct Run {
  std::vector<Vector> x, r, z, p;  // x_k, r_k (the state's), z_k, p_k
  std::vector<double> beta;
};

Run run_cg(const Quadratic& problem, Preconditioner preconditioner, int steps) {
  Objective objective(problem);
  ConjugateGradientState state;
  state.reset(problem.dimension(), {});
  Vector x = Vector::Zero(problem.dimension());
  const Vector inverse = preconditioner == Preconditioner::jacobi
                             ? Vector(problem.A().diagonal().cwiseInverse())
                             : Vector(Vector::Ones(problem.dimension()));
  state.start(problem.b() - problem.A() * x, inverse);
  Run run;
  for (int k = 0; k <= steps; ++k) {
    run.x.push_back(x);
    run.r.push_back(state.r);
    run.z.push_back(state.z);
    run.p.push_back(state.p);
    if (k == steps) break;
    workbook::conjugate_gradient_step(x, objective, state);
    run.beta.push_back(state.beta);
  }
  return run;
}

std::string name_of(Preconditioner preconditioner) {
  return preconditioner == Preconditioner::jacobi ? "with Jacobi" : "without a preconditioner";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conjugate_gradient)

BOOST_AUTO_TEST_CASE(
    the_residual_recurrence_tracks_b_minus_ax,
    *utf::description("§4.6: r_{k+1} = r_k − α_k A p_k is b − Ax_{k+1} (to 1e-10 of ‖b‖) for 8 "
                      "steps on n = 12, with and without Jacobi, and z_k = M⁻¹r_k")) {
  const Quadratic problem = badly_scaled(12, 3);
  for (Preconditioner preconditioner : {Preconditioner::none, Preconditioner::jacobi}) {
    const Run run = run_cg(problem, preconditioner, 8);
    for (std::size_t k = 1; k < run.x.size(); ++k) {
      const Vector true_residual = problem.b() - problem.A() * run.x[k];
      const double drift = (run.r[k] - true_residual).norm() / problem.b().norm();
      std::ostringstream why;
      why << name_of(preconditioner) << ", step " << k
          << ": ‖state.r − (b − Ax)‖/‖b‖ = " << format_number(drift);
      if (k == 1 && (run.r[1] - run.r[0]).norm() == 0.0) {
        why << ": r did not change although x moved: update the residual, r_{k+1} = r_k − α_k A "
               "p_k";
      }
      BOOST_TEST(drift < 1e-10, why.str());
    }
  }
}

BOOST_AUTO_TEST_CASE(
    directions_are_conjugate_and_residuals_orthogonal,
    *utf::description("§4.6: p_{k+1}ᵀAp_k = 0 and r_{k+1}ᵀz_k = 0 (relative to the vectors' sizes, "
                      "1e-10) for 8 steps on n = 12, with and without Jacobi's preconditioner")) {
  const Quadratic problem = badly_scaled(12, 5);
  for (Preconditioner preconditioner : {Preconditioner::none, Preconditioner::jacobi}) {
    const Run run = run_cg(problem, preconditioner, 8);
    const Matrix& A = problem.A();
    for (std::size_t k = 0; k + 1 < run.p.size(); ++k) {
      const double conjugacy =
          std::abs(run.p[k + 1].dot(A * run.p[k])) /
          (std::sqrt(run.p[k + 1].dot(A * run.p[k + 1])) * std::sqrt(run.p[k].dot(A * run.p[k])));
      const double orthogonality =
          std::abs(run.r[k + 1].dot(run.z[k])) / (run.r[k + 1].norm() * run.z[k].norm());
      std::ostringstream why;
      why << name_of(preconditioner) << ", step " << k + 1
          << ": p_{k+1}ᵀAp_k = " << format_number(conjugacy)
          << " (relative), r_{k+1}ᵀz_k = " << format_number(orthogonality) << " (relative)";
      if (orthogonality < 1e-10 && conjugacy >= 1e-10) {
        why << ": α_k is right, β_k is not: β_k = r_{k+1}ᵀz_{k+1} / r_kᵀz_k makes p_{k+1} "
               "A-conjugate to p_k";
        if (preconditioner == Preconditioner::jacobi) {
          why << " (with a preconditioner, z = M⁻¹r enters β; rᵀr is right only for M = I)";
        }
        const double swapped = 1.0 / run.beta[k];
        const double right = run.r[k + 1].dot(run.z[k + 1]) / run.r[k].dot(run.z[k]);
        if (std::abs(swapped / right - 1.0) < 1e-8) {
          why << "; β_k here is r_kᵀz_k / r_{k+1}ᵀz_{k+1}, the old and the new residuals swapped";
        }
      } else if (orthogonality >= 1e-10) {
        why << ": the new residual is not orthogonal to the last z: α_k = r_kᵀz_k / p_kᵀAp_k "
               "and r_{k+1} = r_k − α_k A p_k";
      }
      BOOST_TEST((conjugacy < 1e-10 && orthogonality < 1e-10), why.str());
    }
  }
}

// From x₀ = 0 every quantity of CG is a sum of products of b's entries: r_k, z_k, p_k and x_k are
// linear in b and α_k, β_k do not depend on its scale. Scaling b by a power of two is exact in
// floating point, and so is every operation of a step on the scaled numbers: the run with 2⁻³⁰b
// is the run with b, times 2⁻³⁰, bit for bit. The stopping test ‖r_k‖ ≤ ε‖r₀‖ is relative, so it
// stops both after the same steps; a step that compares something with an absolute number (a
// guard "‖r‖ < 1e-10: nothing left to do", an ε added to a denominator) breaks it.
BOOST_AUTO_TEST_CASE(
    its_iterates_scale_with_b,
    *utf::description("§4.6: x_k is linear in b (x₀ = 0): with b scaled by 2⁻³⁰ and 2³⁰, CG to "
                      "‖r‖ ≤ 10⁻¹⁰‖r₀‖ takes the same steps, with and without Jacobi, and its x "
                      "is x(b) scaled, exactly (a power of two scales without rounding)")) {
  const Quadratic base = badly_scaled(40, 7);
  const Vector zero = Vector::Zero(40);
  for (const Preconditioner preconditioner : {Preconditioner::none, Preconditioner::jacobi}) {
    const Result unscaled =
        solve_by_conjugate_gradients(base, zero, 1e-10, 400, {.preconditioner = preconditioner});
    BOOST_TEST_REQUIRE(unscaled.converged(), name_of(preconditioner) << ": " << unscaled.message);
    for (const double c : {std::ldexp(1.0, -30), std::ldexp(1.0, 30)}) {
      const Quadratic scaled(base.A(), c * base.b());
      const Result run = solve_by_conjugate_gradients(scaled, zero, 1e-10, 400,
                                                      {.preconditioner = preconditioner});
      std::ostringstream why;
      if (run.iterations != unscaled.iterations) {
        why << "with b scaled by 2^" << std::ilogb(c) << " CG took " << run.iterations << " steps ("
            << run.message << "), with b itself " << unscaled.iterations
            << ": CG's iterates are linear in b, so the steps to a relative residual cannot "
               "depend on its scale. Does your step compare the residual, rᵀz or α with an "
               "absolute number?";
      } else if (run.x != c * unscaled.x) {
        why << "with b scaled by 2^" << std::ilogb(c) << ", x differs from x(b) scaled by "
            << format_number((run.x - c * unscaled.x).norm() / (c * unscaled.x.norm()))
            << " relative: x_k is linear in b, and a power of two scales exactly; is an "
               "absolute number added somewhere in the step?";
      }
      BOOST_TEST(why.str().empty(), name_of(preconditioner) << ": " << why.str());
    }
  }
}

BOOST_AUTO_TEST_CASE(
    terminates_in_as_many_steps_as_distinct_eigenvalues,
    *utf::description(
        "§4.6: with A of 3 distinct eigenvalues (n = 30), 3 steps leave ‖r‖/‖b‖ "
        "≤ 1e-10; with n = 20 distinct ones evenly spread from 1 to 10, 20 steps do")) {
  Vector three(30);
  for (Index i = 0; i < 30; ++i) three(i) = i < 10 ? 1.0 : (i < 20 ? 4.0 : 9.0);
  const Quadratic spectrum = Quadratic::with_spectrum(three, 13);
  const Quadratic clustered(spectrum.A(), Vector::LinSpaced(30, 1.0, 2.0));
  // Evenly spread eigenvalues: a geometric spread (many isolated large ones) loses orthogonality
  // to rounding and needs more steps than n (§4.6, figure ch04_cg_rounding).
  const Quadratic base = Quadratic::with_spectrum(Vector::LinSpaced(20, 1.0, 10.0), 17);
  const Quadratic spread(base.A(), Vector::LinSpaced(20, -1.0, 1.0));
  for (const auto& [problem, steps] : {std::pair{&clustered, 3}, std::pair{&spread, 20}}) {
    const Run run = run_cg(*problem, Preconditioner::none, steps);
    const double residual =
        (problem->b() - problem->A() * run.x.back()).norm() / problem->b().norm();
    BOOST_TEST(residual < 1e-10, "n = " << problem->dimension() << ": after " << steps
                                        << " steps ‖b − Ax‖/‖b‖ = " << format_number(residual)
                                        << "; CG terminates in as many steps as A has distinct "
                                           "eigenvalues");
  }
}

BOOST_AUTO_TEST_SUITE_END()
