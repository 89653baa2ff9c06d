// Chapter 4, §4.5: steepest descent with exact steps on a quadratic: the step minimises f along
// −g, consecutive gradients are orthogonal (the zig-zag), and from the worst start f − f* falls by
// exactly ((κ − 1)/(κ + 1))² per step. Exercise: exact_line_search
// (exercises/ch04/exact_line_search.cpp, exact_line_search_step()).
#include <cmath>
#include <sstream>

#include "workbook/curvature.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// One exact step from x on `problem`, with its own state; returns x_{k+1}.
struct OneStep {
  Vector x_next;
  double step_size;
  long products;
};

OneStep one_step(const Quadratic& problem, const Vector& x) {
  Objective objective(problem);
  SteepestDescentState state;
  Vector g;
  problem.gradient(x, g);
  Vector y = x;
  workbook::exact_line_search_step(y, g, objective, state);
  return {y, state.step_size, objective.hessian_vector_products()};
}

// What went wrong with a step from x to x_next along −g, in the notes' terms; empty if it is the
// exact step.
std::string diagnose_step(const Quadratic& problem, const Vector& x, const OneStep& step) {
  Vector g, g_next;
  problem.gradient(x, g);
  if (!step.x_next.allFinite()) return "x_{k+1} has a NaN or infinite entry";
  const Vector moved = step.x_next - x;
  const double gg = g.squaredNorm(), gAg = g.dot(problem.A() * g);
  const double exact = gg / gAg;  // α* = gᵀg / gᵀAg
  // The step actually taken, as a multiple of −g.
  const double alpha = -moved.dot(g) / gg;
  if ((moved + alpha * g).norm() > 1e-9 * moved.norm()) {
    return "x moved off the line x_k − αg_k: steepest descent steps along −∇f(x_k)";
  }
  problem.gradient(step.x_next, g_next);
  const double cosine = g_next.dot(g) / (g_next.norm() * g.norm());
  std::ostringstream why;
  if (alpha < 0) {
    why << "x moved uphill, to x_k + " << format_number(-alpha) << "·g_k: f rose from "
        << format_number(problem.value(x)) << " to " << format_number(problem.value(step.x_next))
        << "; the step is x_k − αg_k with α > 0";
  } else if (std::abs(alpha / exact - 1.0) > 1e-10) {
    why << "α = " << format_number(alpha)
        << " but f is least along −g at α* = gᵀg/gᵀAg = " << format_number(exact) << " (ratio "
        << format_number(alpha / exact)
        << "); at α* the new gradient is orthogonal to g_k, here their cosine is "
        << format_number(cosine);
    const double rayleigh = gAg / gg;
    if (std::abs(alpha / rayleigh - 1.0) < 1e-8) {
      why << ": α is gᵀAg/gᵀg, the Rayleigh quotient, where its inverse belongs";
    } else if (std::abs(alpha / (std::sqrt(gg) / gAg) - 1.0) < 1e-8) {
      why << ": α = ‖g‖/gᵀAg, the norm where its square gᵀg belongs";
    }
  } else if (std::abs(step.step_size - alpha) > 1e-10 * alpha) {
    why << "the step was right but state.step_size = " << format_number(step.step_size)
        << ", not α_k = " << format_number(alpha);
  }
  return why.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exact_line_search)

BOOST_AUTO_TEST_CASE(
    the_step_minimises_f_along_the_gradient,
    *utf::description("§4.5: α_k = gᵀg/gᵀAg: after the step the new gradient is orthogonal to the "
                      "old one (cosine ≤ 1e-12), for a 2-D quadratic with κ = 10 and a rotated one "
                      "with n = 10 and κ = 10³; one product with A per step")) {
  const Quadratic flat = Quadratic::diagonal(Vector{{1.0, 10.0}});
  const Quadratic rotated = Quadratic::with_condition_number(10, 1e3, 9);
  for (const auto& [problem, x] : {std::pair{&flat, Vector{{3.0, 1.0}}},
                                   std::pair{&rotated, Vector(Vector::LinSpaced(10, -1.0, 2.0))}}) {
    const OneStep step = one_step(*problem, x);
    const std::string why = diagnose_step(*problem, x, step);
    BOOST_TEST(why.empty(), "n = " << x.size() << ": " << why);
    Vector g, g_next;
    problem->gradient(x, g);
    problem->gradient(step.x_next, g_next);
    const double cosine = std::abs(g_next.dot(g)) / (g_next.norm() * g.norm());
    BOOST_TEST(cosine < 1e-12, "g_{k+1}ᵀg_k / (‖g_{k+1}‖‖g_k‖) = " << format_number(cosine));
    BOOST_TEST(step.products <= 1, step.products << " products with A in one step: one is enough");
  }
}

BOOST_AUTO_TEST_CASE(one_step_on_a_round_quadratic,
                     *utf::description("§4.5: on f = (c/2)‖x‖² (κ = 1) the gradient points at "
                                       "x* and α = 1/c: one step lands on x* = 0; at x* itself "
                                       "(g = 0) nothing moves")) {
  const Quadratic round = Quadratic::diagonal(Vector::Constant(4, 5.0));
  const Vector x{{1.0, -2.0, 0.5, 3.0}};
  const OneStep step = one_step(round, x);
  BOOST_TEST_INFO(diagnose_step(round, x, step));
  BOOST_TEST(step.x_next.norm() < 1e-14 * x.norm());
  BOOST_TEST(step.step_size == 0.2, tt::tolerance(1e-14));
  const OneStep at_minimum = one_step(round, Vector::Zero(4));
  BOOST_TEST((at_minimum.x_next.allFinite() && at_minimum.x_next.isZero(0.0)),
             "at g = 0 the step must not move x (gᵀg/gᵀAg is 0/0 there), but x became "
                 << at_minimum.x_next.transpose());
}

BOOST_AUTO_TEST_CASE(
    the_kantorovich_rate_is_reached_from_the_worst_start,
    *utf::description("§4.5: on f = ½(x² + κy²), κ = 100, from x₀ = (1, 1/κ) (g₀ = (1, 1), equal "
                      "weight on both eigenvectors) every step divides f − f* by exactly "
                      "((κ+1)/(κ−1))², 30 steps to 1e-9 relative, and the iterates zig-zag")) {
  const double kappa = 100.0;
  const Quadratic problem = Quadratic::diagonal(Vector{{1.0, kappa}});
  SteepestDescentRule rule = steepest_descent_rule();
  TraceRecorder trace;
  testing::run_steps(problem, rule, Vector{{1.0, 1.0 / kappa}}, 30, &trace);
  const std::vector<double> f = trace.losses();
  BOOST_TEST_REQUIRE(f.size() == 31u);
  const double rate = std::pow((kappa - 1.0) / (kappa + 1.0), 2);
  for (std::size_t k = 0; k + 1 < f.size(); ++k) {
    BOOST_TEST_INFO("step " << k + 1 << ": (f_{k+1} − f*)/(f_k − f*) = " << f[k + 1] / f[k]
                            << ", Kantorovich's ((κ−1)/(κ+1))² = " << rate);
    BOOST_TEST(f[k + 1] / f[k] == rate, tt::tolerance(1e-9));
  }
  // The zig-zag: the y-coordinate changes sign at every step.
  const std::vector<Vector> x = trace.iterates();
  for (std::size_t k = 0; k + 1 < x.size(); ++k) {
    BOOST_TEST(x[k](1) * x[k + 1](1) < 0.0, "step " << k + 1 << " did not cross the valley");
  }
}

BOOST_AUTO_TEST_SUITE_END()
