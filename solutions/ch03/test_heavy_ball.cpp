// Chapter 3, §3.2–§3.5: the heavy-ball step, its three forms, momentum on a quadratic, and the
// heavy ball beyond quadratics. Exercise: heavy_ball_step (exercises/ch03/heavy_ball_step.cpp).
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum.hpp"
#include "workbook/testing/momentum_lines.hpp"
#include "workbook/testing/probes.hpp"

using namespace workbook;
using testing::close;

namespace {

std::pair<double, double> stepped(double x, double x_prev, double g, double eta, double beta);

// The displacement capped at η|∇f|/(1 − β), the speed under a constant gradient: from x_t = 1,
// x_{t−1} = 0.5 with η = 0.1, β = 0.9 the step moves 0.45 on a flat, 0.44 with ∇f = 0.1; a cap
// gives 0 and 0.1. The sentence when the step does that, "" otherwise.
std::string capped_displacement() {
  const double flat = stepped(1.0, 0.5, 0.0, 0.1, 0.9).first - 1.0;
  const double sloped = stepped(1.0, 0.5, 0.1, 0.1, 0.9).first - 1.0;
  if (!(close(flat, 0.0) && close(sloped, 0.1 * 0.1 / (1.0 - 0.9)))) return "";
  return ": from x_t = 1, x_{t−1} = 0.5 (η = 0.1, β = 0.9) the step moved 0 on a flat and 0.1 = "
         "η|∇f|/(1 − β) with ∇f = 0.1, where β(x_t − x_{t−1}) − η∇f is 0.45 and 0.44: the "
         "displacement is capped at η|∇f|/(1 − β)? That is the speed at which the velocity settles "
         "under a constant gradient (§3.2), not a limit: where the gradient falls, on a flat or "
         "along a valley's floor, momentum carries the ball further than the gradient alone would";
}

// What a wrong heavy-ball step from x_t = x, x_{t−1} = x_prev with gradient g returned.
std::string diagnose_step(double x, double x_prev, double g, double eta, double beta, double got_x,
                          double got_prev) {
  const double expected = x - eta * g + beta * (x - x_prev);
  const std::string returned =
      "from x_t = " + format_number(x) + ", x_{t−1} = " + format_number(x_prev) +
      ", ∇f = " + format_number(g) + ", η = " + format_number(eta) +
      ", β = " + format_number(beta) + ": x_{t+1} = " + format_number(got_x, 6) +
      ", x_previous = " + format_number(got_prev, 6) + "; expected " + format_number(expected, 6) +
      " and " + format_number(x);
  if (close(got_x, x - eta * g - beta * (x - x_prev))) {
    // With the gradient reversed: a momentum term that reverses with it follows the slope, not
    // the ball's last displacement.
    const double reversed = stepped(x, x_prev, -g, eta, beta).first;
    if (g != 0.0 && close(reversed, x + eta * g + beta * (x - x_prev))) {
      return returned + "; with ∇f = " + format_number(-g) + " instead the step gave " +
             format_number(reversed, 6) +
             ", the expected one: the momentum term follows the gradient, β·|x_t − x_{t−1}| "
             "sent downhill along −∇f/‖∇f‖ (the ball's speed, not its velocity); it is "
             "β(x_t − x_{t−1}), the way the ball was going, whatever the slope: momentum is what "
             "carries the ball on where the gradient would turn it";
    }
    return returned +
           ": the momentum term has the wrong sign; it is +β(x_t − x_{t−1}), which "
           "keeps the ball moving the way it was going";
  }
  if (close(got_x, x - eta * g)) {
    if (const std::string capped = capped_displacement(); !capped.empty()) return returned + capped;
    const std::string lines =
        testing::what_the_probes_found(testing::heavy_ball_lines(workbook::heavy_ball_step));
    // A step that keeps its momentum term elsewhere (a branch, a zero taken as a special case) is
    // said by the lines alone.
    if (lines.find("drops its momentum term") != std::string::npos ||
        lines.find("is a zero a special case") != std::string::npos ||
        lines.find("it holds ∇f, the gradient") != std::string::npos ||
        lines.find("the step changes with t") != std::string::npos)
      return returned + lines;
    return returned +
           ": no momentum term: the step is x_t − η∇f; either β(x_t − x_{t−1}) is missing, "
           "x_previous was overwritten with x_t before the term read it (x_t − x_{t−1} = 0 then; "
           "with Eigen, auto x_next = … is an expression computed only when read, after that), "
           "or β is held in an integer type (β = 0.9 becomes 0)" +
           lines;
  }
  if (close(got_x, x + eta * g + beta * (x - x_prev))) {
    return returned + ": the gradient term has the wrong sign; it is −η∇f";
  }
  if (close(got_x, x - eta * (g - beta * (x - x_prev)))) {
    return returned + ": η multiplies the momentum term too; only the gradient is scaled by η";
  }
  if (close(got_x, expected) && (close(got_prev, got_x) || close(got_prev, x_prev))) {
    return returned + ": x_previous must hold x_t after the step (it holds " +
           (close(got_prev, got_x)
                ? std::string("x_{t+1}: was it saved after x was overwritten, or from a name that "
                              "is x itself, such as a reference Vector& x_next = x?")
                : std::string("x_{t−1}: is it written into a copy, Vector previous = "
                              "state.x_previous (or a MomentumState taken by value), whose new "
                              "value is never stored? Write state.x_previous itself, or through a "
                              "reference")) +
           "): the velocity is not carried between steps";
  }
  return returned +
         testing::what_the_probes_found(testing::heavy_ball_lines(workbook::heavy_ball_step));
}

// A heavy-ball state at x_t = x with x_{t−1} = x_prev.
MomentumState state_at(double x_prev) {
  MomentumState state;
  state.x_previous = Vector{{x_prev}};
  return state;
}

// One heavy-ball step of a 1-D state, returning (x_{t+1}, x_previous on exit).
std::pair<double, double> stepped(double x, double x_prev, double g, double eta, double beta) {
  Vector xv{{x}};
  MomentumState state = state_at(x_prev);
  workbook::heavy_ball_step(xv, Vector{{g}}, state, {eta, beta});
  return {xv(0), state.x_previous(0)};
}

// x_10 of `rule` on f = x²/2 from x₀ = 1, with the learning rate set to 0.01 after step 5.
double ten_steps_with_a_step_change(UpdateRule& rule) {
  const Quadratic half_x_squared = Quadratic::diagonal(Vector{{1.0}});
  testing::ChangeLearningRate schedule(rule, 5, 0.01);
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = 10;
  return minimize(half_x_squared, rule, Vector{{1.0}}, stopping, {&schedule}).x(0);
}

// The largest difference between two runs' iterates, relative to the size of the start
// (rounding errors are absolute, at the scale of the states seen).
double largest_difference(const TraceRecorder& a, const TraceRecorder& b) {
  if (a.points().size() != b.points().size()) return std::numeric_limits<double>::infinity();
  double worst = 0.0;
  const double scale = testing::infinity_norm(b.points().front().x);
  for (std::size_t k = 0; k < a.points().size(); ++k) {
    worst = std::max(worst, testing::infinity_norm(a.points()[k].x - b.points()[k].x) / scale);
  }
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(heavy_ball_step)

//! [one step]
BOOST_AUTO_TEST_CASE(one_step_adds_the_momentum_term,
                     *utf::description("§3.2: x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1}). From "
                                       "x_t = 1, x_{t−1} = 0.5 with ∇f = 2, η = 0.1, β = 0.9: "
                                       "1 − 0.2 + 0.45 = 1.25, and x_previous becomes x_t = 1; "
                                       "on a flat (∇f = 0) the ball rolls on to 1.45, and with "
                                       "η = 1e-300 the momentum alone moves it")) {
  const auto [x, x_previous] = stepped(1.0, 0.5, 2.0, 0.1, 0.9);
  const std::string why = diagnose_step(1.0, 0.5, 2.0, 0.1, 0.9, x, x_previous);
  BOOST_TEST_INFO(why);
  BOOST_TEST(x == 1.25, tt::tolerance(1e-15));
  BOOST_TEST_INFO(why);
  BOOST_TEST(x_previous == 1.0);

  // A ball that barely answers the force (η = 1e-300) keeps its momentum: from x_t = 2e10,
  // x_{t−1} = 1e10 with ∇f = 1 it lands on 2e10 + 0.9·1e10 = 2.9e10 (the gradient term vanishes).
  const auto [inert, inert_previous] = stepped(2e10, 1e10, 1.0, 1e-300, 0.9);
  const std::string capped = std::isfinite(inert) ? capped_displacement() : "";
  BOOST_TEST_INFO(
      "η = 1e-300, β = 0.9, from x_t = 2e10, x_{t−1} = 1e10, ∇f = 1: x_{t+1} = "
      << format_number(inert, 12) << ", expected 2.9e10"
      << (!std::isfinite(inert)
              ? ": is the displacement divided by η on the way, as in torch's buffer "
                "b = (x_{t−1} − x_t)/η (1e10/1e-300 overflows)? §3.2's form "
                "x_t − η∇f + β(x_t − x_{t−1}) never divides by η"
          : !capped.empty() || inert == 2.9e10
              ? capped
              : ": the gradient term, η∇f = 1e-300, should vanish beside the momentum, and the "
                "step moved " +
                    format_number(inert - 2.9e10, 6) + " off x_t + β(x_t − x_{t−1})" +
                    testing::what_the_probes_found(
                        testing::heavy_ball_lines(workbook::heavy_ball_step))));
  BOOST_TEST(inert == 2.9e10, tt::tolerance(1e-15));

  // On a flat the ball keeps rolling: 1 + 0.9·0.5 = 1.45.
  const auto [coasting, coasted_from] = stepped(1.0, 0.5, 0.0, 0.1, 0.9);
  BOOST_TEST_INFO(diagnose_step(1.0, 0.5, 0.0, 0.1, 0.9, coasting, coasted_from));
  BOOST_TEST(coasting == 1.45, tt::tolerance(1e-15));

  // From rest (x_{t−1} = x_t) it is a gradient step: 1 − 0.1·2 = 0.8.
  const auto [from_rest, unused] = stepped(1.0, 1.0, 2.0, 0.1, 0.9);
  BOOST_TEST_INFO(diagnose_step(1.0, 1.0, 2.0, 0.1, 0.9, from_rest, unused));
  BOOST_TEST(from_rest == 0.8, tt::tolerance(1e-15));

  // Every coordinate: x_t = (1, −2), x_{t−1} = (0, −1), ∇f = (1, 1), η = 0.5, β = 0.5.
  Vector v{{1.0, -2.0}};
  MomentumState state;
  state.x_previous = Vector{{0.0, -1.0}};
  workbook::heavy_ball_step(v, Vector{{1.0, 1.0}}, state, {0.5, 0.5});
  const bool right_in_2d = testing::infinity_norm(v - Vector{{1.0, -3.0}}) <= 1e-15;
  BOOST_TEST_INFO("in 2-D (η = 0.5, β = 0.5) expected x_{t+1} = (1, −3), got "
                  << format_vector(v)
                  << (right_in_2d ? ""
                                  : testing::what_the_probes_found(
                                        testing::heavy_ball_lines(workbook::heavy_ball_step))));
  BOOST_TEST(right_in_2d);
  BOOST_TEST_INFO("in 2-D expected x_previous = x_t = (1, −2), got "
                  << format_vector(state.x_previous));
  BOOST_TEST(testing::infinity_norm(state.x_previous - Vector{{1.0, -2.0}}) <= 1e-15);
  // The step counts itself: t goes from 0 to 1, and to 3 after two more steps.
  const long after_one = state.t;
  workbook::heavy_ball_step(v, Vector{{1.0, 1.0}}, state, {0.5, 0.5});
  workbook::heavy_ball_step(v, Vector{{1.0, 1.0}}, state, {0.5, 0.5});
  BOOST_TEST_INFO(testing::counter_finding(after_one, state.t, 1));
  BOOST_TEST(after_one == 1);
}
//! [one step]

BOOST_AUTO_TEST_CASE(the_velocity_is_carried_between_steps,
                     *utf::description("§3.2: run by the driver on f = x²/2 from x₀ = 1 "
                                       "(at rest), η = 0.1, β = 0.9: x₁ = 0.9, x₂ = 0.72, "
                                       "x₃ = 0.486; gradient descent would give 0.729")) {
  auto ball = heavy_ball_rule({0.1, 0.9});
  testing::check_iterates_on_half_x_squared(
      ball, {1.0, 0.9, 0.72, 0.486},
      {3, 0.729,
       "these are gradient descent's iterates 0.9ᵏ; the velocity is not carried between steps "
       "(x_previous must hold x_t after each step)"},
      [] {
        return testing::once_per_case("the step's lines", [] {
          return testing::what_the_probes_found(
              testing::heavy_ball_lines(workbook::heavy_ball_step));
        });
      });
}

//! [effective step]
BOOST_AUTO_TEST_CASE(
    effective_step_and_averaging_window,
    *utf::description("§3.2: under a constant gradient the displacement per step "
                      "grows to η/(1 − β): 0.1 for η = 0.01, β = 0.9; under one "
                      "that alternates ±1 it settles to ±η/(1 + β) = ±0.00526. "
                      "A single gradient keeps acting with weight β^j; the first "
                      "1/(1 − β) = 10 steps carry 1 − 0.9¹⁰ = 65% of its effect")) {
  const MomentumParams p{0.01, 0.9};
  const double eta = p.learning_rate, beta = p.momentum;
  Vector x{{0.0}};
  MomentumState at_rest = start_state<MomentumState>(x, p);
  const Vector one{{1.0}};
  double displacement = 0.0;
  for (int t = 1; t <= 300; ++t) {
    const double before = x(0);
    workbook::heavy_ball_step(x, one, at_rest, p);
    displacement = before - x(0);
    const double expected = eta * (1.0 - std::pow(beta, t)) / (1.0 - beta);
    if (t == 300 || !close(displacement, expected, 1e-12)) {  // report the first wrong step only
      std::string why = "step " + std::to_string(t) + " moved " + format_number(displacement, 6) +
                        ", expected η(1 − β^t)/(1 − β) = " + format_number(expected, 6);
      // The step's lines, measured, say why when they can; a step of η every time is otherwise
      // a velocity that is not carried.
      const std::vector<std::string> lines = testing::heavy_ball_lines(workbook::heavy_ball_step);
      if (!lines.empty()) {
        why += testing::what_the_probes_found(lines);
      } else if (close(displacement, eta)) {
        why +=
            ": every step moves η, as gradient descent does; the velocity is not carried "
            "between steps";
      }
      BOOST_TEST_INFO(why);
      BOOST_TEST(displacement == expected, tt::tolerance(1e-12));
      break;
    }
  }
  BOOST_TEST(displacement == 0.1, tt::tolerance(1e-12));

  // A gradient that flips sign at every step: the displacements settle to ±η/(1 + β).
  Vector z{{0.0}};
  MomentumState swinging = start_state<MomentumState>(z, p);
  double swing = 0.0;
  for (int t = 0; t < 300; ++t) {
    const double before = z(0);
    workbook::heavy_ball_step(z, t % 2 == 0 ? one : Vector(-one), swinging, p);
    swing = std::abs(before - z(0));
  }
  BOOST_TEST_INFO("alternating gradient: the displacement settles to " << swing
                                                                       << ", expected η/(1 + β)");
  BOOST_TEST(swing == eta / (1.0 + beta), tt::tolerance(1e-12));
  BOOST_TEST(swing == 0.00526, tt::tolerance(1e-3));

  // One unit gradient at t = 0, none afterwards: step j moves η β^j.
  Vector y{{0.0}};
  MomentumState kicked = start_state<MomentumState>(y, p);
  double first_ten = 0.0, total = 0.0;
  for (int j = 0; j < 400; ++j) {
    const double before = y(0);
    workbook::heavy_ball_step(y, j == 0 ? one : Vector{{0.0}}, kicked, p);
    if (j < 10) first_ten += before - y(0);
    total += before - y(0);
  }
  const std::string kick_why =
      "one unit gradient, then ∇f = 0: the ball moved " + format_number(total, 6) +
      " in all, expected η/(1 − β) = " + format_number(eta / (1.0 - beta), 6) +
      (close(total, eta) ? ": it stopped as soon as the gradient was 0, where its velocity "
                           "β(x_t − x_{t−1}) should carry it on"
                         : "") +
      (close(total, eta / (1.0 - beta), 1e-12)
           ? std::string()
           : testing::what_the_probes_found(testing::heavy_ball_lines(workbook::heavy_ball_step)));
  BOOST_TEST_INFO(kick_why);
  BOOST_TEST(total == eta / (1.0 - beta), tt::tolerance(1e-12));
  BOOST_TEST_INFO(kick_why);
  BOOST_TEST(first_ten / total == 1.0 - std::pow(0.9, 10), tt::tolerance(1e-12));
  BOOST_TEST(first_ten / total == 0.6513, tt::tolerance(1e-4));
}
//! [effective step]

//! [forms]
BOOST_AUTO_TEST_CASE(
    polyak_and_torch_forms_agree_for_a_constant_step,
    *utf::description("§3.3: with a constant η, Polyak's form and torch's velocity form "
                      "(b ← βb + g, x ← x − ηb, b₁ = g₁) give the same iterates over 200 "
                      "steps, to 1e-12 of the start's size")) {
  const Quadratic q = Quadratic::with_spectrum(Vector{{0.5, 2.0, 10.0}}, 7);
  const Vector x0{{1.0, -1.0, 2.0}};
  for (const MomentumParams& p : {MomentumParams{0.05, 0.9}, MomentumParams{0.15, 0.5}}) {
    auto polyak = heavy_ball_rule(p);
    auto torch = sgd_rule({p.learning_rate, p.momentum});
    TraceRecorder a, b;
    testing::run_steps(q, polyak, x0, 200, &a);
    testing::run_steps(q, torch, x0, 200, &b);
    const double worst = largest_difference(a, b);
    BOOST_TEST_INFO("η = " << p.learning_rate << ", β = " << p.momentum
                           << ": largest difference relative to ‖x₀‖∞: " << worst);
    BOOST_TEST(worst <= 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(
    the_forms_differ_when_the_step_changes,
    *utf::description("§3.3: f = x²/2, x₀ = 1, β = 0.9, 10 steps with η = 0.1 then 0.01 "
                      "after step 5: Polyak's form gives −0.929648 and torch's "
                      "−0.115840 (its velocity b was built with the old η); Sutskever's "
                      "v ← βv − ηg, x ← x + v is Polyak's exactly; with η = 0.1 "
                      "throughout all give −0.5887894")) {
  auto polyak = heavy_ball_rule({0.1, 0.9});
  auto torch = sgd_rule({0.1, 0.9});
  const double polyak_x10 = ten_steps_with_a_step_change(polyak);
  const double torch_x10 = ten_steps_with_a_step_change(torch);
  BOOST_TEST_INFO("Polyak's form after the change of η: x₁₀ = " << format_number(polyak_x10, 9));
  BOOST_TEST(polyak_x10 == -0.929648, tt::tolerance(1e-6));
  BOOST_TEST(torch_x10 == -0.115840, tt::tolerance(1e-5));

  // Sutskever's form, written out: the velocity v = x_t − x_{t−1} carries η inside.
  double x = 1.0, v = 0.0;
  for (int t = 1; t <= 10; ++t) {
    v = 0.9 * v - (t <= 5 ? 0.1 : 0.01) * x;  // ∇f(x) = x
    x += v;
  }
  BOOST_TEST_INFO("Sutskever's form x₁₀ = " << x << ", Polyak's " << polyak_x10);
  BOOST_TEST(polyak_x10 == x, tt::tolerance(1e-12));

  const Quadratic half_x_squared = Quadratic::diagonal(Vector{{1.0}});
  auto constant_polyak = heavy_ball_rule({0.1, 0.9});
  auto constant_torch = sgd_rule({0.1, 0.9});
  const double a = testing::run_steps(half_x_squared, constant_polyak, Vector{{1.0}}, 10).x(0);
  const double b = testing::run_steps(half_x_squared, constant_torch, Vector{{1.0}}, 10).x(0);
  BOOST_TEST(a == -0.5887894, tt::tolerance(1e-7));
  BOOST_TEST(a == b, tt::tolerance(1e-12));
}
//! [forms]

//! [moving average]
BOOST_AUTO_TEST_CASE(
    the_moving_average_form_is_polyaks_with_a_larger_step,
    *utf::description("§3.3: m_t = (1 − β)g_t + βm_{t−1} from m₀ = 0 with x ← x − η'm "
                      "and η' = η/(1 − β) gives Polyak's iterates for (η, β), to 1e-12 of "
                      "the start's size; "
                      "torch's dampening τ = β differs: its first buffer is g₁, so its "
                      "first step is 1/(1 − β) = 10 times as long")) {
  const Quadratic q = Quadratic::with_spectrum(Vector{{1.0, 5.0}}, 2);
  const double eta = 0.05, beta = 0.9;
  auto polyak = heavy_ball_rule({eta, beta});
  TraceRecorder trace;
  const Result result = testing::run_steps(q, polyak, Vector{{1.0, 1.0}}, 100, &trace);
  BOOST_TEST_INFO(result.message);
  BOOST_TEST_REQUIRE(trace.points().size() == 101u);
  Vector x{{1.0, 1.0}}, m = Vector::Zero(2), g;
  double worst = 0.0;
  for (std::size_t t = 1; t < trace.points().size(); ++t) {
    q.gradient(x, g);
    m = (1.0 - beta) * g + beta * m;  // the exponential moving average of the gradients
    x -= eta / (1.0 - beta) * m;
    worst = std::max(worst, testing::infinity_norm(x - trace.points()[t].x));  // ‖x₀‖∞ = 1
  }
  BOOST_TEST_INFO("largest difference between the moving-average form and Polyak's: " << worst);
  BOOST_TEST(worst <= 1e-12);

  auto damped = sgd_rule({eta / (1.0 - beta), beta, beta});  // lr = η/(1 − β), dampening τ = β
  const Vector x0{{1.0, 1.0}};
  const Vector torch_step = testing::run_steps(q, damped, x0, 1).x - x0;
  const Vector polyak_step = trace.points()[1].x - x0;
  BOOST_TEST(torch_step.norm() / polyak_step.norm() == 1.0 / (1.0 - beta), tt::tolerance(1e-12));
}
//! [moving average]

//! [iteration matrix]
BOOST_AUTO_TEST_CASE(
    each_eigen_direction_follows_a_two_by_two_matrix,
    *utf::description("§3.4: on one eigen-direction λ, (e_{t+1}, e_t) = T(e_t, e_{t−1}) "
                      "with T = [[1 + β − ηλ, −β], [1, 0]]; on a rotated quadratic each "
                      "eigen-component evolves by its own T")) {
  const double eta = 0.1, beta = 0.7;
  for (double lambda : {0.5, 3.0, 15.0}) {
    const Eigen::Matrix2d measured = testing::measured_heavy_ball_matrix(eta, beta, lambda);
    const Eigen::Matrix2d formula = heavy_ball_iteration_matrix({eta, beta}, lambda);
    BOOST_TEST_INFO("λ = " << lambda << ": the step's matrix [[" << measured(0, 0) << ", "
                           << measured(0, 1) << "], [" << measured(1, 0) << ", " << measured(1, 1)
                           << "]], expected [[1 + β − ηλ, −β], [1, 0]]");
    BOOST_TEST((measured - formula).cwiseAbs().maxCoeff() <= 1e-15);
  }

  const Vector lambda{{1.0, 4.0, 12.0}};
  const Quadratic q = Quadratic::with_spectrum(lambda, 21);
  const Matrix& Q = q.eigenvectors();
  const Vector x0{{0.3, -1.0, 0.8}};
  auto ball = heavy_ball_rule({eta, beta});
  const int k = 12;
  const Result result = testing::run_steps(q, ball, x0, k);
  const Vector components = Q.transpose() * result.x, start = Q.transpose() * x0;
  for (Index i = 0; i < 3; ++i) {
    Eigen::Matrix2d T = heavy_ball_iteration_matrix({eta, beta}, lambda(i));
    Eigen::Vector2d state(start(i), start(i));  // at rest: e_{−1} = e_0
    for (int t = 0; t < k; ++t) state = T * state;
    BOOST_TEST_INFO("eigen-direction λ = " << lambda(i) << ": component " << components(i)
                                           << ", Tᵏ predicts " << state(0));
    BOOST_TEST(components(i) == state(0), tt::tolerance(1e-9));
  }
}
//! [iteration matrix]

//! [stability]
BOOST_AUTO_TEST_CASE(
    stable_exactly_when_eta_lambda_is_below_two_plus_two_beta,
    *utf::description("§3.4: the heavy ball converges iff 0 < ηλ < 2 + 2β. β = 0.9, λ = 1: "
                      "ρ(T) = √0.9 = 0.94868 at ηλ = 3.79 and 1.06466 at ηλ = 3.81; the run "
                      "converges at 3.79 and diverges at 3.81")) {
  for (double beta : {0.0, 0.5, 0.9}) {
    const double boundary = 2.0 + 2.0 * beta;
    const double rho_below =
        spectral_radius(testing::measured_heavy_ball_matrix(0.9999 * boundary, beta, 1.0));
    const double rho_above =
        spectral_radius(testing::measured_heavy_ball_matrix(1.0001 * boundary, beta, 1.0));
    const bool as_expected =
        rho_below < 1.0 && rho_below > 0.99 && rho_above > 1.0 && rho_above < 1.01;
    BOOST_TEST_INFO("β = " << beta << ": ρ(T) = " << rho_below << " at ηλ = 0.9999(2 + 2β) and "
                           << rho_above << " at 1.0001(2 + 2β); expected just below and above 1"
                           << (as_expected ? "" : testing::once_per_case("the step's lines", [] {
                                return testing::what_the_probes_found(
                                    testing::heavy_ball_lines(workbook::heavy_ball_step));
                              })));
    BOOST_TEST(rho_below < 1.0);
    BOOST_TEST(rho_below > 0.99);
    BOOST_TEST(rho_above > 1.0);
    BOOST_TEST(rho_above < 1.01);
  }
  BOOST_TEST(spectral_radius(testing::measured_heavy_ball_matrix(3.79, 0.9, 1.0)) == 0.94868,
             tt::tolerance(1e-5));
  BOOST_TEST(spectral_radius(testing::measured_heavy_ball_matrix(3.81, 0.9, 1.0)) == 1.06466,
             tt::tolerance(1e-5));

  const Quadratic half_x_squared = Quadratic::diagonal(Vector{{1.0}});  // λ = 1
  auto stable = heavy_ball_rule({3.79, 0.9});
  auto unstable = heavy_ball_rule({3.81, 0.9});
  testing::check_stability_bound(half_x_squared, Vector{{1.0}}, 5000, stable, "ηλ = 3.79 < 3.8",
                                 unstable, "ηλ = 3.81 > 3.8");
}
//! [stability]

//! [negative roots]
BOOST_AUTO_TEST_CASE(
    real_negative_roots_between_the_band_and_the_bound,
    *utf::description("§3.4: for (1 + √β)² ≤ ηλ < 2 + 2β the roots are real and negative: a "
                      "double root −√β at the band's edge, then two that part, the larger "
                      "growing to 1. β = 0.5, λ = 1: ρ = √0.5 at ηλ = (1 + √0.5)² = 2.914; at "
                      "ηλ = 2.95, roots −0.5649 and −0.8851, and the run from x = 1 at rest "
                      "changes sign at every step and converges at the rate 0.8851 > √β")) {
  const double beta = 0.5;
  const double edge = std::pow(1.0 + std::sqrt(beta), 2);
  // A double root: rounding moves it by about √ε.
  BOOST_TEST(
      spectral_radius(testing::measured_heavy_ball_matrix(edge, beta, 1.0)) == std::sqrt(beta),
      tt::tolerance(1e-7));
  const Eigen::Matrix2d T = testing::measured_heavy_ball_matrix(2.95, beta, 1.0);
  const Eigen::Vector2cd roots = Eigen::EigenSolver<Eigen::Matrix2d>(T).eigenvalues();
  const double small = std::min(roots(0).real(), roots(1).real());
  const double large = std::max(roots(0).real(), roots(1).real());
  BOOST_TEST_INFO("roots of T at ηλ = 2.95: " << roots(0) << ", " << roots(1));
  BOOST_TEST((roots(0).imag() == 0.0 && roots(1).imag() == 0.0));
  BOOST_TEST(small == -0.8851, tt::tolerance(1e-4));
  BOOST_TEST(large == -0.5649, tt::tolerance(1e-4));

  // The run on f = x²/2: the sign alternates, and |x_k| falls like 0.8851^k.
  const Quadratic half_x_squared = Quadratic::diagonal(Vector{{1.0}});
  auto ball = heavy_ball_rule({2.95, beta});
  ball.reset(1);
  Objective objective(half_x_squared);
  Vector x{{1.0}}, g;
  int sign_changes = 0;
  double before = x(0);
  for (int k = 0; k < 100; ++k) {
    before = x(0);
    half_x_squared.gradient(x, g);
    ball.step(x, half_x_squared.value(x), g, objective);
    if (before * x(0) < 0.0) ++sign_changes;
  }
  BOOST_TEST(sign_changes == 100, "the sign changed at " << sign_changes << " of 100 steps");
  // |x_{k+1}/x_k| tends to the larger |root|, (ηλ − 1 − β + √((1 + β − ηλ)² − 4β))/2; the other
  // root's share has fallen by (0.5649/0.8851)¹⁰⁰ ≈ 1e-20.
  const double trace = 1.0 + beta - 2.95;
  const double slowest = (-trace + std::sqrt(trace * trace - 4.0 * beta)) / 2.0;
  BOOST_TEST(std::abs(x(0) / before) == slowest, tt::tolerance(1e-9));
  BOOST_TEST(slowest > std::sqrt(beta));
}
//! [negative roots]

//! [critical damping]
BOOST_AUTO_TEST_CASE(
    critical_damping_is_the_fastest,
    *utf::description("§3.4: with complex roots the rate is √β (β = 0.9, η = 0.5, λ = 1: "
                      "√0.9); critical damping β = (1 − √(ηλ))² gives the double root "
                      "1 − √(ηλ) (ηλ = 0.01: β = 0.81, rate 0.9), the smallest rate over "
                      "all β for that ηλ")) {
  BOOST_TEST(spectral_radius(testing::measured_heavy_ball_matrix(0.5, 0.9, 1.0)) == std::sqrt(0.9),
             tt::tolerance(1e-14));
  const double eta_lambda = 0.01;
  const double critical = std::pow(1.0 - std::sqrt(eta_lambda), 2);
  BOOST_TEST(critical == 0.81, tt::tolerance(1e-14));
  // A double root is sensitive: rounding moves it by about √ε ≈ 1e-8.
  const double rho_critical =
      spectral_radius(testing::measured_heavy_ball_matrix(eta_lambda, critical, 1.0));
  BOOST_TEST(rho_critical == 0.9, tt::tolerance(1e-7));
  double best_beta = 0.0, best_rho = 1.0;
  for (int i = 0; i < 100; ++i) {
    const double beta = 0.01 * i;
    const double rho = spectral_radius(testing::measured_heavy_ball_matrix(eta_lambda, beta, 1.0));
    if (rho < best_rho) {
      best_rho = rho;
      best_beta = beta;
    }
  }
  BOOST_TEST_INFO("the smallest ρ on the grid β = 0, 0.01, ..., 0.99 is "
                  << best_rho << " at β = " << best_beta);
  BOOST_TEST(best_beta == 0.81, tt::tolerance(1e-12));
  // Less friction (β larger: under-damped) and more (β smaller: over-damped) are both slower.
  BOOST_TEST(spectral_radius(testing::measured_heavy_ball_matrix(eta_lambda, 0.95, 1.0)) ==
                 std::sqrt(0.95),
             tt::tolerance(1e-14));
  BOOST_TEST(spectral_radius(testing::measured_heavy_ball_matrix(eta_lambda, 0.5, 1.0)) == 0.97957,
             tt::tolerance(1e-5));
}
//! [critical damping]

//! [not a quadratic]
// Lessard, Recht and Packard (2016): f is 1-strongly convex and 25-smooth, made of quadratic pieces.
// The heavy ball tuned for the quadratics with λ ∈ [1, 25] settles on a cycle of period 3 through
// (792, −2208, 2592)/1225; Nesterov's method with η = 1/L converges, as its theorem promises.
BOOST_AUTO_TEST_CASE(
    the_square_root_rate_holds_for_quadratics_only,
    *utf::label("plot") *
        utf::description("§3.5: on Lessard, Recht and Packard's 1-strongly convex, 25-smooth f "
                         "of three quadratic pieces, the heavy ball tuned for λ ∈ [1, 25] "
                         "(η = 1/9, β = 4/9) from x₀ = 3.3 never converges: it settles on the "
                         "3-cycle 0.6465, −1.8024, 2.1159; Nesterov with η = 1/25, β = 2/3 "
                         "reaches |x| ≤ 1e-6 within 50 steps")) {
  const LessardCounterexample f;
  const MomentumParams tuned{1.0 / 9.0, 4.0 / 9.0};  // optimal_heavy_ball(1, 25), §3.5
  auto ball = heavy_ball_rule(tuned);
  TraceRecorder trace;
  testing::run_steps(f, ball, f.default_start(), 3000, &trace);
  const std::vector<TracePoint>& points = trace.points();
  BOOST_TEST_REQUIRE(points.size() == 3001u);
  std::vector<double> last;  // the last three iterates, in the order of the cycle
  for (std::size_t k = points.size() - 3; k < points.size(); ++k) last.push_back(points[k].x(0));
  for (std::size_t k = points.size() - 3; k < points.size(); ++k) {
    BOOST_TEST_INFO("x_" << k << " = " << points[k].x(0) << ", x_" << k - 3 << " = "
                         << points[k - 3].x(0) << ": expected a cycle of period 3");
    BOOST_TEST(points[k].x(0) == points[k - 3].x(0), tt::tolerance(1e-9));
  }
  std::sort(last.begin(), last.end());
  const std::vector<double> cycle{-2208.0 / 1225.0, 792.0 / 1225.0, 2592.0 / 1225.0};
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST_INFO("the heavy ball's last three iterates, sorted: " << last[0] << ", " << last[1]
                                                                     << ", " << last[2]);
    BOOST_TEST(last[i] == cycle[i], tt::tolerance(1e-9));
  }

  auto nesterov = nesterov_rule({1.0 / 25.0, 2.0 / 3.0});  // nesterov_parameters(1, 25), §3.6
  TraceRecorder accelerated;
  const Result converged = testing::run_to_tolerance(f, nesterov, f.default_start(), 1e-6, 50);
  BOOST_TEST_INFO("Nesterov: " << converged.message);
  BOOST_TEST(testing::infinity_norm(converged.x) <= 1e-6);
  testing::run_steps(f, nesterov, f.default_start(), 60, &accelerated);

  // The driver stops a run whose gradient is exactly 0: Nesterov's ends there, at x* = 0.
  std::vector<double> k, ball_x, nesterov_x;
  for (std::size_t i = 0; i <= 60; ++i) {
    k.push_back(double(i));
    ball_x.push_back(points[i].x(0));
    nesterov_x.push_back(i < accelerated.points().size() ? accelerated.points()[i].x(0) : 0.0);
  }
  testing::draw(plot::Figure("Lessard, Recht and Packard's f (ℓ = 1, L = 25) from x₀ = 3.3")
                    .x_label("iteration k")
                    .y_label("x_k")
                    .add("heavy ball, η = 1/9, β = 4/9 (optimal for quadratics)", k, ball_x,
                         plot::Style::lines_points)
                    .add("Nesterov, η = 1/25, β = 2/3", k, nesterov_x, plot::Style::lines_points),
                "ch03_lessard_counterexample");
}
//! [not a quadratic]

BOOST_AUTO_TEST_CASE(
    keeps_what_every_step_keeps,
    *utf::description("§3.2: what every heavy-ball step keeps, whatever slip it has: the "
                      "gradient, a const input, comes back bit for bit; finite gradients give no "
                      "NaN; t counts the steps; from rest every coordinate moves downhill, on its "
                      "own; the first step is proportional to η and to the gradient; a β near 1 "
                      "(0.995, 0.9999) is used as given")) {
  testing::StepShape<MomentumState> shape = testing::momentum_shape("the heavy-ball step");
  std::vector<std::string> findings = testing::heavy_ball_lines(workbook::heavy_ball_step);
  for (std::string& finding :
       testing::probe_step(workbook::heavy_ball_step, MomentumParams{0.01, 0.9}, shape))
    findings.push_back(finding);
  BOOST_TEST_INFO(shape.name << testing::what_the_probes_found(findings));
  BOOST_TEST(findings.empty());
}

BOOST_AUTO_TEST_SUITE_END()
