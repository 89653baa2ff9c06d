// Chapter 3, §3.6–§3.7: Nesterov's accelerated gradient, and the three methods compared. The
// comparisons also run the heavy ball of §3.2–§3.5 and Chapter 1's gradient descent.
// Exercise: nesterov_step (exercises/ch03/nesterov_step.cpp).
#include <algorithm>
#include <cmath>
#include <vector>

#include "workbook/gradient_descent.hpp"
#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum.hpp"
#include "workbook/testing/momentum_lines.hpp"
#include "workbook/testing/probes.hpp"

using namespace workbook;
using testing::close;

namespace {

// What a wrong Nesterov step on f = ½x² (∇f(y) = y) from x_t = x, x_{t−1} = x_prev returned.
std::string diagnose_step(double x, double x_prev, double eta, double beta, double got_x,
                          double got_prev, const std::vector<double>& evaluated_at) {
  const double y = x + beta * (x - x_prev);
  const double expected = y - eta * y;
  std::string where;
  for (double point : evaluated_at) where += (where.empty() ? "" : ", ") + format_number(point, 6);
  const std::string returned =
      "from x_t = " + format_number(x) + ", x_{t−1} = " + format_number(x_prev) +
      ", η = " + format_number(eta) + ", β = " + format_number(beta) +
      " on f = x²/2: x_{t+1} = " + format_number(got_x, 6) + " with ∇f evaluated at {" + where +
      "}; expected y_t = x_t + β(x_t − x_{t−1}) = " + format_number(y) +
      " and x_{t+1} = y_t − η∇f(y_t) = " + format_number(expected, 6);
  // Each reading is taken only where the gradient was asked agrees with it: a coincidence of the
  // final value alone is not a diagnosis.
  const auto asked_only_at = [&](double point) {
    return evaluated_at.size() == 1 && close(evaluated_at.front(), point);
  };
  // The new point and x_{t−1} exchanged on the way out: the history shifted in the wrong order.
  if (got_x == x_prev && close(got_prev, expected) && asked_only_at(y)) {
    return returned + ", and x_previous = " + format_number(got_prev, 6) +
           ": the step computed x_{t+1} but handed it back in x_previous, and x holds x_{t−1}: "
           "the history was shifted in the wrong order (swaps or copies whose order lost x_t); "
           "after the step x holds x_{t+1} and x_previous holds x_t, so save x_t first, then "
           "write x_{t+1} into x";
  }
  if (close(got_x, y - eta * x) && asked_only_at(x)) {
    return returned +
           ": the gradient taken at x_t instead of the lookahead point y_t (that is "
           "the heavy ball)";
  }
  // A lookahead from another x_{t−1}: the one its point implies, x_t − (y − x_t)/β.
  if (evaluated_at.size() == 1 && beta > 0.0 && !close(evaluated_at.front(), y)) {
    const double asked = evaluated_at.front();
    const double used = x - (asked - x) / beta;
    if (close(got_x, asked - eta * asked) && close(used, x) && close(asked, x)) {
      return returned +
             ": the lookahead point is x_t itself, y_t with x_{t−1} = x_t: is "
             "x_previous overwritten with x_t before the lookahead reads it, or is "
             "y_t kept in x_previous's own storage (a reference bound to "
             "state.x_previous), which saving x_t then overwrites? Read x_{t−1} into "
             "a y_t of its own first, then save x_t; as it is, the step is gradient "
             "descent";
    }
    if (close(got_x, asked - eta * asked) && std::abs(used) < 1e-12) {
      return returned + ": the lookahead point " + format_number(asked, 6) +
             " = (1 + β)x_t is y_t with x_{t−1} = 0, not the x_previous = " +
             format_number(x_prev) +
             " the step was given: is the state reset on the first step (reset() zeroes "
             "x_previous), or x_previous zeroed before it is read? x_{t−1} is what the caller "
             "put in state.x_previous, whatever t is";
    }
  }
  const double y_flipped = x - beta * (x - x_prev);
  if (close(got_x, y_flipped - eta * y_flipped) && asked_only_at(y_flipped)) {
    return returned + ": the lookahead goes backwards; y_t = x_t + β(x_t − x_{t−1})";
  }
  if (close(got_x, x - eta * y) && asked_only_at(y)) {
    return returned +
           ": the step starts from x_t instead of y_t: x_{t+1} = y_t − η∇f(y_t) (a step written "
           "x_t + β(x_t − x_{t−1}) − η∇f(y_t) gives this too when x_previous already holds x_t: "
           "save x_t only after its last use)";
  }
  if (close(got_x, expected) && !close(got_prev, x)) {
    std::string holds = format_number(got_prev, 6);
    if (close(got_prev, y)) {
      holds = "the lookahead point y_t = " + holds +
              ": is y_t saved as the previous point, the lookahead points followed as in "
              "torch's form? §3.6's lookahead form keeps the iterates x_t, and the next momentum "
              "term is β(x_{t+1} − x_t); measured from y_t it is −βη∇f(y_t), the last gradient "
              "step alone. (Or x_t was overwritten by y_t, the lookahead built in x or through a "
              "reference to x, before it was saved: build y_t in a vector of its own.)";
    } else if (close(got_prev, x_prev)) {
      holds = "x_{t−1} still: it is never updated";
    } else if (close(got_prev, expected)) {
      holds = "x_{t+1}, the new point: x_previous was saved after x was stepped";
    } else if (close(got_prev, expected - beta * (x - x_prev))) {
      holds +=
          " = x_{t+1} − β(x_t − x_{t−1}) = x_t − η∇f(y_t): x_t taken back out of x_{t+1} "
          "by removing the momentum, which leaves the gradient step in it; the next "
          "displacement is then the momentum alone, and the gradient steps never build up "
          "velocity: keep a copy of x_t before x is overwritten";
    }
    return returned + ": x_previous must hold x_t after the step; it holds " + holds;
  }
  if (close(got_x, expected) && evaluated_at.size() != 1) {
    return returned + ": evaluate ∇f once per step, at y_t";
  }
  return returned +
         testing::what_the_probes_found(testing::nesterov_lines(workbook::nesterov_step));
}

// ‖x_k‖∞ ≤ 1e-6 from (1, 1) on diag(1, κ): iterations of gradient descent with η = 2/(1 + κ), of
// the optimal heavy ball and of Nesterov with η = 1/L, β = (√κ − 1)/(√κ + 1).
struct Counts {
  long gradient_descent, heavy_ball, nesterov;
};
Counts iterations_to_1e6(double kappa) {
  const Quadratic q = Quadratic::diagonal(Vector{{1.0, kappa}});
  const Vector x0{{1.0, 1.0}};
  auto gd = gradient_descent_rule({2.0 / (1.0 + kappa)});
  auto ball = heavy_ball_rule(optimal_heavy_ball(1.0, kappa));
  auto nesterov = nesterov_rule(nesterov_parameters(1.0, kappa));
  // The momentum methods first, so that unfinished exercises of this chapter are named first.
  const long heavy = testing::run_to_tolerance(q, ball, x0, 1e-6, 100000).iterations;
  const long accelerated = testing::run_to_tolerance(q, nesterov, x0, 1e-6, 100000).iterations;
  const long plain = testing::run_to_tolerance(q, gd, x0, 1e-6, 100000).iterations;
  return {plain, heavy, accelerated};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nesterov_step)

//! [one step]
BOOST_AUTO_TEST_CASE(
    one_step_takes_the_gradient_at_the_lookahead_point,
    *utf::description("§3.6: y_t = x_t + β(x_t − x_{t−1}), x_{t+1} = y_t − η∇f(y_t). On "
                      "f = x²/2 from x_t = 1, x_{t−1} = 0.5 with η = 0.1, β = 0.9: y_t = 1.45 "
                      "and x_{t+1} = 1.45 − 0.145 = 1.305; ∇f is evaluated once, at 1.45; "
                      "x_previous becomes x_t exactly, even from x_{t−1} = −1e20. The heavy "
                      "ball gives 1.35")) {
  std::vector<double> evaluated_at;
  const GradientFunction gradient = [&](const Vector& y) {
    evaluated_at.push_back(y(0));
    return Vector(y);  // ∇(x²/2) = x
  };
  Vector x{{1.0}};
  MomentumState state;
  state.x_previous = Vector{{0.5}};
  workbook::nesterov_step(x, gradient, state, {0.1, 0.9});
  const Vector& x_previous = state.x_previous;
  const std::string why = diagnose_step(1.0, 0.5, 0.1, 0.9, x(0), x_previous(0), evaluated_at);
  BOOST_TEST_INFO(why);
  BOOST_TEST(x(0) == 1.305, tt::tolerance(1e-15));
  BOOST_TEST_INFO(why);
  BOOST_TEST(x_previous(0) == 1.0);
  BOOST_TEST_INFO(why);
  BOOST_TEST_REQUIRE(evaluated_at.size() == 1u);
  BOOST_TEST(evaluated_at[0] == 1.45, tt::tolerance(1e-15));
  // The step counts itself: t goes from 0 to 1, and to 3 after two more steps.
  const long after_one = state.t;
  workbook::nesterov_step(x, gradient, state, {0.1, 0.9});
  workbook::nesterov_step(x, gradient, state, {0.1, 0.9});
  BOOST_TEST_INFO(testing::counter_finding(after_one, state.t, 1));
  BOOST_TEST(after_one == 1);

  // x_previous is x_t itself, kept, not x_t recomputed from y_t, which rounds: from
  // x_{t−1} = −1e20, y_t − β(x_t − x_{t−1}) = 9e19 − 9e19 = 0, not x_t = 1.
  Vector far{{1.0}};
  MomentumState far_state;
  far_state.x_previous = Vector{{-1e20}};
  workbook::nesterov_step(far, [](const Vector& y) { return Vector(y); }, far_state, {0.1, 0.9});
  const double kept = far_state.x_previous.size() == 1 ? far_state.x_previous(0) : std::nan("");
  BOOST_TEST_INFO("from x_t = 1, x_{t−1} = −1e20 the step left x_previous = "
                  << format_number(kept, 17) << ", expected x_t = 1 exactly"
                  << (kept == 1.0 ? ""
                                  : ": is x_t taken back from the lookahead point, as "
                                    "y_t − β(x_t − x_{t−1})? In floating point that is not x_t "
                                    "(here 9e19 − 9e19 = 0); keep a copy of x_t before x is "
                                    "overwritten"));
  BOOST_TEST(kept == 1.0);

  // The heavy ball from the same state takes the gradient at x_t = 1: 1 − 0.1 + 0.45 = 1.35.
  Vector ball{{1.0}};
  MomentumState ball_state;
  ball_state.x_previous = Vector{{0.5}};
  workbook::heavy_ball_step(ball, Vector{{1.0}}, ball_state, {0.1, 0.9});
  BOOST_TEST(ball(0) == 1.35, tt::tolerance(1e-15));
}
//! [one step]

BOOST_AUTO_TEST_CASE(from_rest_it_starts_with_a_gradient_step,
                     *utf::description("§3.6: from rest (x_{−1} = x_0) the lookahead point is "
                                       "x_0 itself; run by the driver on f = x²/2 from 1 with "
                                       "η = 0.1, β = 0.9: x₁ = 0.9, x₂ = 0.729, and two gradients "
                                       "per iteration (the driver's and the lookahead's)")) {
  auto nesterov = nesterov_rule({0.1, 0.9});
  // x₂ = y₁ − 0.1·y₁ with y₁ = 0.9 + 0.9(0.9 − 1) = 0.81: 0.729.
  const Result result = testing::check_iterates_on_half_x_squared(
      nesterov, {1.0, 0.9, 0.729},
      {2, 0.72,
       "0.72 is the heavy ball's x₂; the gradient taken at x_t instead of the lookahead point "
       "y_t"},
      [] {
        return testing::once_per_case("the step's lines", [] {
          return testing::what_the_probes_found(testing::nesterov_lines(workbook::nesterov_step));
        });
      });
  BOOST_TEST(result.gradient_evaluations == 2 * 2 + 1);
}

BOOST_AUTO_TEST_CASE(
    keeps_what_every_step_keeps,
    *utf::description("§3.6: what every Nesterov step keeps, whatever slip it has: ∇f is called "
                      "once per step, at the lookahead point; x_previous holds x_t after the "
                      "step; on a flat function the step lands on the lookahead point; finite "
                      "gradients give no NaN; t counts the steps; from rest every coordinate moves "
                      "downhill; the order of the coordinates does not matter; the first step "
                      "from rest is proportional to η and to the gradient; a β near 1 (0.995, "
                      "0.9999) is used as given; with η = 1e-300 the momentum alone moves it")) {
  testing::StepShape<MomentumState> shape = testing::momentum_shape("Nesterov's step");
  const auto lookahead = [](const Vector& x, const MomentumState& s, const MomentumParams& p) {
    return Vector(x + p.momentum * (x - s.x_previous));
  };
  // First where the step takes the gradient and where it lands, measured (momentum_lines.hpp),
  // then the properties every step keeps (probes.hpp).
  std::vector<std::string> findings = testing::nesterov_lines(workbook::nesterov_step);
  for (std::string& finding : testing::probe_lookahead_step(
           workbook::nesterov_step, MomentumParams{0.01, 0.9}, shape, lookahead,
           "the lookahead point y_t = x_t + β(x_t − x_{t−1})", findings.empty()))
    findings.push_back(finding);
  BOOST_TEST_INFO(shape.name << testing::what_the_probes_found(findings));
  BOOST_TEST(findings.empty());
}

//! [torch form]
BOOST_AUTO_TEST_CASE(
    torch_nesterov_is_the_lookahead_form_in_the_shifted_variable,
    *utf::description("§3.6: torch's nesterov (b ← βb + g, p ← p − η(g + βb)) follows the "
                      "lookahead point p_t = x_t + β(x_t − x_{t−1}) of the lookahead form. "
                      "f = ½x₁² + 12.5x₂², β = 0.9, η = 0.03, 50 steps: largest difference "
                      "≤ 1e-12, with one gradient per step instead of two")) {
  const Quadratic q = Quadratic::diagonal(Vector{{1.0, 25.0}});
  const Vector x0{{1.0, 1.0}};
  auto lookahead = nesterov_rule({0.03, 0.9});
  auto torch = sgd_rule({0.03, 0.9, 0.0, true});
  TraceRecorder x, p;
  const Result lookahead_result = testing::run_steps(q, lookahead, x0, 50, &x);
  const Result torch_result = testing::run_steps(q, torch, x0, 50, &p);
  BOOST_TEST_INFO("lookahead form: " << lookahead_result.message);
  BOOST_TEST_REQUIRE(x.points().size() == p.points().size());
  double worst = 0.0;
  for (std::size_t t = 1; t < x.points().size(); ++t) {
    const Vector& x_t = x.points()[t].x;
    const Vector shifted = x_t + 0.9 * (x_t - x.points()[t - 1].x);  // y_t
    worst = std::max(worst, testing::infinity_norm(shifted - p.points()[t].x));
  }
  const std::string why = "largest |x_t + β(x_t − x_{t−1}) − p_t| = " + format_number(worst) +
                          " over 50 steps; p_1 = " + format_vector(p.points()[1].x, 8) +
                          ", x_1 = " + format_vector(x.points()[1].x, 8);
  BOOST_TEST_INFO(why);
  BOOST_TEST(worst <= 1e-12);
  BOOST_TEST(lookahead_result.gradient_evaluations == 2 * 50 + 1);
  BOOST_TEST(torch_result.gradient_evaluations == 50 + 1);
}
//! [torch form]

//! [rate]
BOOST_AUTO_TEST_CASE(
    rate_one_minus_one_over_root_kappa,
    *utf::description("§3.6: on one eigen-direction, (e_{t+1}, e_t) = T(e_t, e_{t−1}) with "
                      "T = [[(1 + β)(1 − ηλ), −β(1 − ηλ)], [1, 0]]. With η = 1/L, "
                      "β = (√κ − 1)/(√κ + 1) and κ = 100: a double root 0.9 = 1 − 1/√κ at "
                      "λ = ℓ; at λ = L, T = [[0, 0], [1, 0]], nilpotent, not zero: both roots "
                      "0 (ρ ≤ 1e-7 after rounding) and T² = 0, so the component is gone after "
                      "two steps; and ρ ≤ 0.9 on all of [ℓ, L]")) {
  const MomentumParams p = nesterov_parameters(1.0, 100.0);
  for (double lambda : {0.5, 1.0, 7.0, 100.0}) {
    const Eigen::Matrix2d measured =
        testing::measured_nesterov_matrix(p.learning_rate, p.momentum, lambda);
    const Eigen::Matrix2d formula = nesterov_iteration_matrix(p, lambda);
    BOOST_TEST_INFO("λ = " << lambda << ": the step's matrix [[" << measured(0, 0) << ", "
                           << measured(0, 1) << "], [" << measured(1, 0) << ", " << measured(1, 1)
                           << "]], expected [[(1 + β)(1 − ηλ), −β(1 − ηλ)], [1, 0]]");
    BOOST_TEST((measured - formula).cwiseAbs().maxCoeff() <= 1e-15);
  }
  const double at_mu =
      spectral_radius(testing::measured_nesterov_matrix(p.learning_rate, p.momentum, 1.0));
  BOOST_TEST(at_mu == 0.9, tt::tolerance(1e-7));  // a double root: rounding moves it by ~√ε
  // At λ = L, 1 − ηλ = 0: T = [[0, 0], [1, 0]] is nilpotent, not zero. The new error of this
  // component is 0 after one step, but T keeps the old one in its second row; T² = 0 clears both.
  // Rounding leaves entries of about ε in the first row, and the eigenvalues of a nilpotent
  // (Jordan) block move by about √ε: ρ ≤ 1e-7.
  const Eigen::Matrix2d at_L =
      testing::measured_nesterov_matrix(p.learning_rate, p.momentum, 100.0);
  BOOST_TEST(spectral_radius(at_L) <= 1e-7);
  BOOST_TEST(at_L(1, 0) == 1.0, "T at λ = L is not zero: its second row keeps e_t");
  BOOST_TEST((at_L * at_L).cwiseAbs().maxCoeff() <= 1e-15,
             "T² at λ = L: [[" << (at_L * at_L)(0, 0) << ", " << (at_L * at_L)(0, 1) << "], ["
                               << (at_L * at_L)(1, 0) << ", " << (at_L * at_L)(1, 1) << "]]");
  double worst = 0.0;
  for (int i = 0; i <= 990; ++i) {
    const double lambda = 1.0 + 0.1 * i;
    worst = std::max(worst, spectral_radius(testing::measured_nesterov_matrix(p.learning_rate,
                                                                              p.momentum, lambda)));
  }
  BOOST_TEST_INFO("largest ρ(T) over λ ∈ [1, 100]: " << worst);
  BOOST_TEST(worst <= 0.9 + 1e-7);
  BOOST_TEST(nesterov_rate(1.0, 100.0) == 0.9, tt::tolerance(1e-15));
}
//! [rate]

//! [strongly convex]
// Nesterov's theorem for every ℓ-strongly convex, L-smooth f (Nesterov 2004, Theorem 2.2.3): with
// η = 1/L and β = (√κ − 1)/(√κ + 1), f(x_k) − f* ≤ (1 − 1/√κ)ᵏ (f(x₀) − f* + ℓ/2‖x₀ − x*‖²),
// checked on a function that is not a quadratic. x* comes from SoftplusBowl::minimisers(): the
// library's own steps, not the graded step.
BOOST_AUTO_TEST_CASE(
    the_rate_holds_beyond_quadratics,
    *utf::description("§3.6: on the softplus bowl of Chapter 1 (ℓ = 1, L = 100, n = 6), not a "
                      "quadratic, Nesterov with η = 1/L and β = (√κ − 1)/(√κ + 1) obeys "
                      "f(x_k) − f* ≤ (1 − 1/√κ)ᵏ(f(x₀) − f* + ℓ/2‖x₀ − x*‖²) at every step "
                      "until rounding, and reaches f − f* ≤ 1e-10 in 108 iterations against 273 "
                      "for gradient descent with η = 1/L (each within 2%)")) {
  const double ell = 1.0, L = 100.0, kappa = L / ell;
  const SoftplusBowl f(ell, L, 6);
  const Vector x_star = f.minimisers().front();
  Vector g;
  f.gradient(x_star, g);
  BOOST_TEST_REQUIRE(g.norm() <= 1e-12);
  const double f_star = *f.minimum();
  const Vector x0 = f.default_start();
  const double start = f.value(x0) - f_star + 0.5 * ell * (x0 - x_star).squaredNorm();

  auto nesterov = nesterov_rule(nesterov_parameters(ell, L));
  auto gd = gradient_descent_rule({1.0 / L});
  TraceRecorder accelerated, plain;
  testing::run_steps(f, nesterov, x0, 2000, &accelerated);
  testing::run_steps(f, gd, x0, 2000, &plain);
  double worst = 0.0;
  for (const TracePoint& point : accelerated.points()) {
    const double gap = point.loss - f_star;
    if (gap < 1e-11) break;  // rounding: f* is about 60, its spacing about 1e-14
    const double bound =
        std::pow(1.0 - 1.0 / std::sqrt(kappa), static_cast<double>(point.iteration)) * start;
    worst = std::max(worst, gap / bound);
  }
  BOOST_TEST_INFO("max over k of (f(x_k) − f*)/((1 − 1/√κ)ᵏ(f₀ − f* + ℓ/2‖x₀ − x*‖²)) = " << worst);
  BOOST_TEST(worst <= 1.0);
  auto first_below = [&](const TraceRecorder& trace) {
    for (const TracePoint& point : trace.points())
      if (point.loss - f_star <= 1e-10) return point.iteration;
    return long(trace.points().size());
  };
  const long fast = first_below(accelerated), slow = first_below(plain);
  BOOST_TEST_MESSAGE("f − f* ≤ 1e-10: Nesterov " << fast << ", gradient descent " << slow
                                                 << " iterations; worst ratio to the bound "
                                                 << worst);
  BOOST_TEST(double(fast) == 108.0, tt::tolerance(0.02));
  BOOST_TEST(double(slow) == 273.0, tt::tolerance(0.02));
}
//! [strongly convex]

//! [diag 1 100]
BOOST_AUTO_TEST_CASE(
    nesterov_on_diag_1_100,
    *utf::description("§3.6: on diag(1, 100) from (1, 1), ‖x‖∞ ≤ 1e-6 takes Nesterov "
                      "(η = 0.01, β = 9/11) 158 iterations: fewer than gradient descent's 691, "
                      "more than the optimal heavy ball's 95 (rate 0.9 against 9/11: "
                      "ln 0.9/ln(9/11) = 0.525)")) {
  const Counts counts = iterations_to_1e6(100.0);
  BOOST_TEST_MESSAGE("diag(1, 100): gradient descent " << counts.gradient_descent << ", heavy ball "
                                                       << counts.heavy_ball << ", Nesterov "
                                                       << counts.nesterov);
  BOOST_TEST(counts.nesterov == 158);
  BOOST_TEST(counts.gradient_descent == 691);
  BOOST_TEST(counts.heavy_ball == 95);
  // −ln ρ: Nesterov's about half the heavy ball's.
  BOOST_TEST(
      std::log(nesterov_rate(1.0, 100.0)) / std::log(optimal_heavy_ball_rate(1.0, 100.0)) == 0.525,
      tt::tolerance(1e-3));
}
//! [diag 1 100]

//! [kappa]
BOOST_AUTO_TEST_CASE(
    iterations_grow_like_root_kappa,
    *utf::label("plot") *
        utf::description("§3.7: iterations to ‖x‖∞ ≤ 1e-6 on diag(1, κ), κ = 10, 100, 1000, "
                         "10000: gradient descent 69, 691, 6908, 69078 (log–log slope 1.00), "
                         "heavy ball 27, 95, 321, 1074 (slope 0.53), Nesterov 44, 158, 519, "
                         "1660 (slope 0.52); the momentum slopes are ½ within 0.05")) {
  const std::vector<double> kappas{10.0, 100.0, 1000.0, 10000.0};
  std::vector<double> log_kappa, gd, heavy, nesterov, log_gd, log_heavy, log_nesterov;
  for (double kappa : kappas) {
    const Counts c = iterations_to_1e6(kappa);
    gd.push_back(double(c.gradient_descent));
    heavy.push_back(double(c.heavy_ball));
    nesterov.push_back(double(c.nesterov));
    log_kappa.push_back(std::log(kappa));
    log_gd.push_back(std::log(gd.back()));
    log_heavy.push_back(std::log(heavy.back()));
    log_nesterov.push_back(std::log(nesterov.back()));
  }
  const double slope_gd = testing::fitted_slope(log_kappa, log_gd);
  const double slope_heavy = testing::fitted_slope(log_kappa, log_heavy);
  const double slope_nesterov = testing::fitted_slope(log_kappa, log_nesterov);
  BOOST_TEST_MESSAGE("slopes: gradient descent " << slope_gd << ", heavy ball " << slope_heavy
                                                 << ", Nesterov " << slope_nesterov);
  BOOST_TEST(gd == std::vector<double>({69, 691, 6908, 69078}), tt::per_element());
  BOOST_TEST(heavy == std::vector<double>({27, 95, 321, 1074}), tt::per_element());
  BOOST_TEST_INFO("Nesterov's iterations "
                  << format_number(nesterov[0]) << ", " << format_number(nesterov[1]) << ", "
                  << format_number(nesterov[2]) << ", " << format_number(nesterov[3], 5));
  BOOST_TEST(nesterov == std::vector<double>({44, 158, 519, 1660}), tt::per_element());
  BOOST_TEST(slope_gd == 1.0, tt::tolerance(0.01));
  // Above ½ by the logarithmic factor of the double roots (error ∝ kρᵏ).
  BOOST_TEST(std::abs(slope_heavy - 0.5) <= 0.05);
  BOOST_TEST(std::abs(slope_nesterov - 0.5) <= 0.05);
  BOOST_TEST(slope_heavy == 0.533, tt::tolerance(1e-2));
  BOOST_TEST(slope_nesterov == 0.525, tt::tolerance(1e-2));

  // The predictions: ln(10⁶)/(−ln ρ) ≈ (κ/2)·ln 10⁶ for gradient descent, (√κ/2)·ln 10⁶ for the
  // heavy ball.
  std::vector<double> slope_one, slope_half;
  for (double kappa : kappas) {
    slope_one.push_back(kappa / 2.0 * std::log(1e6));
    slope_half.push_back(std::sqrt(kappa) / 2.0 * std::log(1e6));
  }
  testing::draw(plot::Figure("Iterations to ‖x‖∞ ≤ 1e-6 on diag(1, κ) from (1, 1)")
                    .x_label("condition number κ")
                    .y_label("iterations")
                    .log_x()
                    .log_y()
                    .y_range(10.0, 1e7)
                    .add("gradient descent, η = 2/(1 + κ)", kappas, gd, plot::Style::lines_points)
                    .add("heavy ball, optimal", kappas, heavy, plot::Style::lines_points)
                    .add("Nesterov, η = 1/L", kappas, nesterov, plot::Style::lines_points)
                    .add("(κ/2) ln 10⁶: slope 1", kappas, slope_one, plot::Style::dashed)
                    .add("(√κ/2) ln 10⁶: slope ½", kappas, slope_half, plot::Style::dashed),
                "ch03_iterations_vs_kappa");
}
//! [kappa]

//! [trajectories]
BOOST_AUTO_TEST_CASE(
    trajectories_on_an_ill_conditioned_quadratic,
    *utf::label("plot") *
        utf::description("§3.7: on a rotated quadratic with λ = 1 and 25, all with η = 1/L = 0.04 "
                         "and the momenta with β = (√κ − 1)/(√κ + 1) = 2/3, for 60 steps from "
                         "(1, 0.4) in the eigenbasis: gradient descent crawls (‖x₆₀‖ = 0.086), "
                         "the heavy ball swings across the valley (its steep component changes "
                         "sign 22 times, its flat one once) and arrives (6.5e-6), Nesterov "
                         "arrives (2.0e-5) without a single swing")) {
  const Quadratic q = Quadratic::with_spectrum(Vector{{1.0, 25.0}}, 3);
  const Matrix& Q = q.eigenvectors();  // columns: the flat (λ = 1) and steep (λ = 25) axes
  const Vector x0 = Q * Vector{{1.0, 0.4}};
  const MomentumParams momentum{1.0 / 25.0, 2.0 / 3.0};
  auto gd = gradient_descent_rule({1.0 / 25.0});
  auto ball = heavy_ball_rule(momentum);
  auto nesterov = nesterov_rule(momentum);
  // Index 0: gradient descent, 1: heavy ball, 2: Nesterov (run in the order 1, 2, 0).
  std::vector<plot::LabelledTrace> runs(3);
  std::vector<double> distance(3);
  std::vector<int> flat_swings(3), steep_swings(3);
  for (const auto& [rule, i] : {std::pair<UpdateRule*, int>{&ball, 1}, {&nesterov, 2}, {&gd, 0}}) {
    TraceRecorder trace;
    const Result result = testing::run_steps(q, *rule, x0, 60, &trace);
    BOOST_TEST_INFO(rule->name() << ": " << result.message);
    BOOST_TEST_REQUIRE(trace.points().size() == 61u);
    distance[i] = result.x.norm();
    // η = 1/L: the first step cancels the steep component (up to rounding).
    const double steep_after_one = Q.col(1).dot(trace.points()[1].x);
    BOOST_TEST_INFO(rule->name() << ": steep component after the first step " << steep_after_one);
    BOOST_TEST(std::abs(steep_after_one) <= 1e-12);
    // Sign changes of each eigen-component, ignoring values at rounding level.
    int swings[2] = {0, 0};
    for (Index axis = 0; axis < 2; ++axis) {
      double previous = 0.0;
      for (const TracePoint& point : trace.points()) {
        const double component = Q.col(axis).dot(point.x);
        if (std::abs(component) < 1e-10) continue;
        if (component * previous < 0.0) ++swings[axis];
        previous = component;
      }
    }
    flat_swings[i] = swings[0];
    steep_swings[i] = swings[1];
    runs[i] = {rule->name(), trace.points()};
  }
  BOOST_TEST_MESSAGE("‖x₆₀‖: gradient descent " << distance[0] << ", heavy ball " << distance[1]
                                                << ", Nesterov " << distance[2]);
  BOOST_TEST(distance[0] == 0.0864, tt::tolerance(1e-3));
  BOOST_TEST(distance[1] == 6.52e-6, tt::tolerance(1e-2));
  BOOST_TEST_INFO("Nesterov's ‖x₆₀‖ = " << distance[2] << ", expected 2.0e-5");
  BOOST_TEST(distance[2] == 1.99e-5, tt::tolerance(1e-2));
  BOOST_TEST(steep_swings[1] == 22);
  BOOST_TEST(flat_swings[1] == 1);
  BOOST_TEST_INFO("Nesterov's components changed sign " << flat_swings[2] << " (flat) and "
                                                        << steep_swings[2] << " (steep) times");
  BOOST_TEST(flat_swings[2] + steep_swings[2] == 0);
  BOOST_TEST(flat_swings[0] + steep_swings[0] == 0);
  // Gradient descent drawn last, on top of Nesterov's path along the valley floor.
  testing::draw(
      plot::trajectory_figure("η = 1/L: gradient descent, heavy ball and Nesterov "
                              "(β = 2/3), κ = 25",
                              q, {runs[2], runs[1], runs[0]}, Box{-1.15, 0.15, -0.45, 0.6}),
      "ch03_trajectories");
}
//! [trajectories]

//! [rosenbrock]
BOOST_AUTO_TEST_CASE(
    momentum_beats_gradient_descent_on_rosenbrock,
    *utf::label("plot") *
        utf::description("§3.7: on Rosenbrock from (−1.2, 1) to ‖∇f‖ ≤ 1e-4: gradient descent "
                         "with η = 1e-3 does not arrive in 20000 iterations and with "
                         "η = 1.9e-3 (near its limit 2/L* ≈ 2.0e-3) takes 10785; the heavy "
                         "ball and Nesterov with η = 1e-3, β = 0.9 take 1913 and 1955 (each "
                         "count within 2%), more than 5 times fewer")) {
  const Rosenbrock rosenbrock;
  const Vector x0 = rosenbrock.default_start();
  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-4;
  stopping.max_iterations = 20000;
  std::vector<plot::LabelledTrace> runs;
  auto run = [&](UpdateRule& rule) {
    TraceRecorder trace;
    const Result result = minimize(rosenbrock, rule, x0, stopping, {&trace});
    BOOST_TEST_MESSAGE(rule.name() << ": " << result.message << ", " << result.gradient_evaluations
                                   << " gradients");
    runs.push_back({rule.name(), trace.points()});
    return result;
  };
  auto small = gradient_descent_rule({1e-3});
  auto largest = gradient_descent_rule({1.9e-3});
  auto ball = heavy_ball_rule({1e-3, 0.9});
  auto nesterov = nesterov_rule({1e-3, 0.9});
  const Result heavy = run(ball);
  const Result accelerated = run(nesterov);
  const Result slow = run(small);
  const Result best_gd = run(largest);
  BOOST_TEST(slow.reason == StopReason::max_iterations);
  BOOST_TEST_INFO("gradient descent, η = 1.9e-3: " << best_gd.message);
  BOOST_TEST(best_gd.converged());
  BOOST_TEST(double(best_gd.iterations) == 10785.0, tt::tolerance(0.02));
  BOOST_TEST_INFO("heavy ball: " << heavy.message);
  BOOST_TEST(heavy.converged());
  BOOST_TEST(double(heavy.iterations) == 1913.0, tt::tolerance(0.02));
  BOOST_TEST_INFO("Nesterov: " << accelerated.message);
  BOOST_TEST(accelerated.converged());
  BOOST_TEST(double(accelerated.iterations) == 1955.0, tt::tolerance(0.02));
  BOOST_TEST(heavy.iterations * 5 < best_gd.iterations);
  BOOST_TEST(accelerated.iterations * 5 < best_gd.iterations);
  testing::draw(plot::convergence_figure("Rosenbrock from (−1.2, 1): gradient descent and momentum",
                                         runs, plot::Measure::loss),
                "ch03_rosenbrock");
}
//! [rosenbrock]

BOOST_AUTO_TEST_SUITE_END()
