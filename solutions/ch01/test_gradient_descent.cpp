// Chapter 1, §1.2–§1.4: the gradient step, the step-size bound 2/L, and gradient descent on a
// quadratic. Exercise: gradient_descent_step (exercises/ch01/gradient_descent_step.cpp).
#include <algorithm>
#include <cmath>
#include <limits>

#include "workbook/gradient_descent.hpp"
#include "workbook/observers.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/descent_edits.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/probes.hpp"

using namespace workbook;
using testing::close;
namespace {

// What the single edit of x ← x − η∇f and the probes of probes.hpp find, "" if nothing. Said
// once per test case: later failures of the case point back to the first.
std::string what_the_probes_find() {
  const testing::StepShape<GradientDescentState> shape{
      "the gradient step", 1.0, {}, [](const GradientDescentState& s) { return s.t; }};
  return testing::once_per_case("gradient step", [&] {
    return testing::what_the_probes_found(testing::edits::first_then(
        testing::gradient_descent_edit(gradient_descent_step),
        testing::probe_step(gradient_descent_step, GradientDescentParams{0.1}, shape)));
  });
}

std::string did_not_move(double x, double g, double eta);  // x stayed: why (below)
// What a wrong gradient step on f = x² from x = 10 (gradient 20) with η = 0.2 produces.
std::string diagnose_step(double x, double g, double eta, double got) {
  if (got == x) return did_not_move(x, g, eta);
  if (close(got, x + eta * g)) {
    return "x moved uphill, to x + η∇f = " + format_number(got) + ": the step is x − η∇f";
  }
  if (close(got, x - g)) {
    return "x moved by the whole gradient, to x − ∇f = " + format_number(got) +
           ": multiply the gradient by the learning rate η";
  }
  if (close(got, x - g / eta)) return "x moved by ∇f/η: multiply by η, do not divide";
  if (close(got, -eta * g)) return "x was replaced by −η∇f: the step adds −η∇f to x";
  return "x moved to " + format_number(got) + ", expected x − η∇f = " + format_number(x - eta * g) +
         (got == x - eta * g ? "" : what_the_probes_find());
}

// One step of gradient_descent_step from a copy of x, with a state of its own.
Vector stepped(Vector x, const Vector& g, double eta) {
  GradientDescentState state;
  gradient_descent_step(x, g, state, {eta});
  return x;
}

// What goes wrong with a gradient of size `scale` (∇f = scale·(1, −2) at x = 0, η = 0.25), "" if
// the step lands exactly on −η∇f, which is exact there (η is a power of two). A huge or a tiny
// gradient is still a gradient: x − η∇f needs no norm, no unit direction and no square of ∇f.
std::string at_the_ends_of_the_range(double scale) {
  const Vector g{{scale, -2.0 * scale}};
  const Vector expected = -0.25 * g;
  Vector x;
  try {
    x = stepped(Vector::Zero(2), g, 0.25);
  } catch (const std::invalid_argument& refusal) {
    return "the step refused ∇f = (" + format_number(scale) + ", " + format_number(-2.0 * scale) +
           ") (\"" + refusal.what() +
           "\"): a tiny or a huge gradient is still a gradient, valid input; is ∇f tested "
           "through ‖∇f‖ (‖∇f‖² underflows to 0 below about 1e-162 and overflows above about "
           "1e154)? x − η∇f needs no norm, and needs no check of ∇f at all: at ∇f = 0 it is a "
           "zero step by itself";
  }
  if ((x.array() == expected.array()).all()) return "";
  std::string why = "from x = (0, 0) with ∇f = (" + format_number(scale) + ", " +
                    format_number(-2.0 * scale) + ") and η = 0.25 the step reached " +
                    format_vector(x, 17) + ", expected −η∇f = " + format_vector(expected, 17);
  const std::string norm_route =
      ": is the step computed through ‖∇f‖ (its length η‖∇f‖ times the unit direction "
      "∇f/‖∇f‖)? ‖∇f‖² overflows above about 1e154 and underflows below about 1e-162; "
      "x − η∇f needs no norm";
  if (!x.allFinite()) return why + ": NaN or ∞ where η∇f is finite" + norm_route;
  if (x.isZero(0.0)) return why + ": x did not move though η∇f is not zero" + norm_route;
  if ((x - expected).norm() <= 1e-12 * expected.norm()) {
    return why +
           ": right to rounding only, where −η∇f is exact; the step takes another route "
           "than x − η∇f" +
           norm_route;
  }
  return why + what_the_probes_find();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_descent_step)

//! [one step]
BOOST_AUTO_TEST_CASE(one_step_moves_against_the_gradient,
                     *utf::description("§1.2: x ← x − η∇f. On f = x² at x = 10 (∇f = 20) with "
                                       "η = 0.2 the step lands on 10 − 0.2·20 = 6")) {
  const Vector x = stepped(Vector{{10.0}}, Vector{{20.0}}, 0.2);
  const std::string why = diagnose_step(10.0, 20.0, 0.2, x(0));
  BOOST_TEST_INFO(why);
  BOOST_TEST(x(0) == 6.0, tt::tolerance(1e-15));

  // Every coordinate moves: x = (1, −2), ∇f = (3, −20), η = 0.1 gives (0.7, 0).
  const Vector y = stepped(Vector{{1.0, -2.0}}, Vector{{3.0, -20.0}}, 0.1);
  const bool right = std::abs(y(0) - 0.7) <= 1e-15 && std::abs(y(1)) <= 1e-15;
  const std::string in_2d =
      "in 2-D, x − η∇f = (0.7, 0), got " + format_vector(y) + (right ? "" : what_the_probes_find());
  BOOST_TEST_INFO(in_2d);
  BOOST_TEST(y(0) == 0.7, tt::tolerance(1e-15));
  BOOST_TEST_INFO(in_2d);
  BOOST_TEST(std::abs(y(1)) <= 1e-15);

  // At a stationary point the step is zero, not an error: ∇f = 0 leaves x where it is.
  std::string at_rest;
  try {
    const Vector still = stepped(Vector{{1.0, -2.0}}, Vector::Zero(2), 0.1);
    if (!(still.array() == Vector{{1.0, -2.0}}.array()).all())
      at_rest = "with ∇f = 0 the step moved x = (1, −2) to " + format_vector(still, 17) +
                ", expected x unchanged: −η∇f = 0" + what_the_probes_find();
  } catch (const std::invalid_argument& refusal) {
    at_rest = std::string("the step refused ∇f = 0 (\"") + refusal.what() +
              "\"): a stationary point is valid input, where x − η∇f = x, a zero step by "
              "itself; gradient descent stops there because the step is zero, not because "
              "the step refuses it (stopping is the driver's rule, §1.2)";
  }
  BOOST_TEST_INFO(at_rest);
  BOOST_TEST(at_rest.empty());

  // The step counts itself, as every kernel of the workbook does: t = 1 after the first step,
  // whatever the dimension (here 3).
  GradientDescentState state;
  Vector z{{1.0, 2.0, 3.0}};
  workbook::gradient_descent_step(z, Vector{{1.0, 1.0, 1.0}}, state, {0.1});
  BOOST_TEST_INFO("state.t = " << state.t << " after one step of x in ℝ³, expected 1: "
                               << (state.t == 3   ? "the step is counted once per coordinate; "
                                                    "count it once, outside the loop"
                                   : state.t == 0 ? "the step is never counted, or counted "
                                                    "and then overwritten (state.t = "
                                                    "state.t++ assigns the old value back); "
                                                    "count it with ++state.t alone"
                                                  : "count the step, ++state.t"));
  BOOST_TEST(state.t == 1);
  workbook::gradient_descent_step(z, Vector{{1.0, 1.0, 1.0}}, state, {0.1});
  workbook::gradient_descent_step(z, Vector{{1.0, 1.0, 1.0}}, state, {0.1});
  BOOST_TEST_INFO("state.t = " << state.t << " after three steps, expected 3"
                               << (state.t == 1 ? ": t is set to 1, not counted; ++state.t" : ""));
  BOOST_TEST(state.t == 3);

  // A step that leaves x where it was is a step too: at ∇f = 0, where η∇f is lost to rounding
  // beside a large x (1e20 − 0.1 is 1e20), and for an x with no coordinate.
  struct Unmoved {
    Vector from, g;
    const char* where;
  };
  for (const auto& [from, g, where] :
       {Unmoved{Vector{{1.0, -2.0}}, Vector{{0.0, 0.0}}, "at ∇f = 0"},
        Unmoved{Vector{{1e20}}, Vector{{1.0}}, "at x = 1e20 with ∇f = 1 (x − η∇f rounds to x)"},
        Unmoved{Vector(0), Vector(0), "with x empty (no coordinate: nothing to move)"}}) {
    GradientDescentState unmoved;
    Vector at = from;
    try {
      workbook::gradient_descent_step(at, g, unmoved, {0.1});
    } catch (const std::invalid_argument&) {
      continue;  // the refusal of ∇f = 0 is said above
    } catch (const workbook::eigen_check_failed& failed) {
      BOOST_TEST_INFO("one step " << where << " read or wrote a coordinate that x does not have ("
                                  << failed.what() << ")"
                                  << (from.size() == 0
                                          ? ": with n = 0 coordinates, is the loop bounded by "
                                            "n − 1 in an unsigned type (i <= n − 1 with a "
                                            "std::size_t n)? There is no −1: 0 − 1 wraps to the "
                                            "largest size_t, and the loop runs; i < n has no "
                                            "subtraction and visits nothing"
                                          : ""));
      BOOST_TEST(false);
      continue;
    }
    const bool in_place = at.size() == from.size() && (at.array() == from.array()).all();
    BOOST_TEST_INFO("one step " << where << " moved x from " << format_vector(from, 17) << " to "
                                << format_vector(at, 17)
                                << ", where x − η∇f is x itself in doubles: fl(x − η∇f) is the "
                                   "step, even where it rounds back to x; is x nudged to move "
                                   "anyway (std::nextafter, an ulp downhill)? A move of an ulp "
                                   "is a step of another size than η∇f");
    BOOST_TEST(in_place);
    BOOST_TEST_INFO("state.t = " << unmoved.t << " after one step " << where << ", expected 1"
                                 << (unmoved.t == 0 && at == from
                                         ? ": is the step counted only when x moves? A zero step "
                                           "is a step of the method all the same; count every "
                                           "call, ++state.t"
                                         : ""));
    BOOST_TEST(unmoved.t == 1);
  }

  // Near a minimum the gradient is tiny, and still a gradient: 1e-13 moves x by 1e-14.
  GradientDescentState near;
  Vector w{{0.0, 0.0}};
  workbook::gradient_descent_step(w, Vector{{1e-13, -3e-13}}, near, {0.1});
  const bool tiny_step = close(w(0), -1e-14, 1e-12) && close(w(1), 3e-14, 1e-12);
  BOOST_TEST_INFO("from x = (0, 0) with ∇f = (1e-13, −3e-13) and η = 0.1 the step reached "
                  << format_vector(w) << " with t = " << near.t
                  << ", expected −η∇f = (−1e-14, 3e-14) and t = 1"
                  << (tiny_step       ? ""
                      : w.isZero(0.0) ? ": a tiny gradient is still a gradient; is the "
                                        "step skipped when the gradient looks zero "
                                        "(isZero() or a norm below a tolerance)? A "
                                        "zero gradient gives a zero step by itself"
                                      : what_the_probes_find()));
  BOOST_TEST((tiny_step && near.t == 1));

  // So is a gradient at either end of the range of doubles: 1e300 and 1e-170.
  for (const double scale : {1e300, 1e-170}) {
    const std::string why = at_the_ends_of_the_range(scale);
    BOOST_TEST_INFO(why);
    BOOST_TEST(why.empty());
  }

  // A subnormal η is a valid η > 0: η = 2⁻¹⁰⁷⁰ moves x = 0 by exactly −η∇f.
  const double tiny_eta = std::ldexp(1.0, -1070);
  const Vector crept = stepped(Vector::Zero(2), Vector{{1.0, -2.0}}, tiny_eta);
  const Vector wanted{{-tiny_eta, 2.0 * tiny_eta}};
  const bool crept_right = (crept.array() == wanted.array()).all();
  BOOST_TEST_INFO("from x = (0, 0) with ∇f = (1, −2) and η = 2⁻¹⁰⁷⁰ ≈ 7.9e-323 the step reached "
                  << format_vector(crept, 17) << ", expected −η∇f = " << format_vector(wanted, 17)
                  << (crept_right         ? ""
                      : crept.isZero(0.0) ? ": x did not move: is ∇f divided by 1/η? 1/η "
                                            "overflows to ∞ for a subnormal η (and rounds for "
                                            "most others), and ∇f/∞ = 0; x − η∇f multiplies"
                                          : what_the_probes_find()));
  BOOST_TEST(crept_right);

  // Beyond the range, η∇f overflows and x − η∇f is infinite: the step shows it, and the driver
  // reports the run as diverged (§1.3).
  const Vector beyond = stepped(Vector{{1.0, -1.0}}, Vector{{1e308, -1e308}}, 10.0);
  const bool infinite = beyond(0) == -std::numeric_limits<double>::infinity() &&
                        beyond(1) == std::numeric_limits<double>::infinity();
  BOOST_TEST_INFO("from x = (1, −1) with ∇f = (1e308, −1e308) and η = 10 the step reached "
                  << format_vector(beyond) << ", expected x − η∇f = (−∞, ∞): η∇f overflows"
                  << (infinite ? ""
                      : beyond == Vector{{1.0, -1.0}}
                          ? ": x was kept where η∇f is not finite; an infinite x is how the "
                            "driver sees the divergence (it stops the run as diverged, §1.3), "
                            "and a step that keeps x hides it: the run goes on at the same x "
                            "until max_iterations"
                          : what_the_probes_find()));
  BOOST_TEST(infinite);
}
//! [one step]

//! [ten steps]
BOOST_AUTO_TEST_CASE(
    ten_steps_on_x_squared,
    *utf::description("§1.4: on f = x² each step multiplies x by (1 − 2η); from "
                      "x₀ = 10, ten steps give 10(1 − 2η)¹⁰: 0.060466176 for "
                      "η = 0.2, 3.486784401 for η = 0.05, 61.917364224 for η = 1.1")) {
  const Quadratic x_squared = Quadratic::diagonal(Vector{{2.0}});  // ½·2·x² = x²
  struct Case {
    double eta, expected;
  };
  for (const Case& c : {Case{0.2, 0.060466176}, Case{0.05, 3.486784401}, Case{1.1, 61.917364224}}) {
    auto gd = gradient_descent_rule({c.eta});
    const Result result = testing::run_steps(x_squared, gd, Vector{{10.0}}, 10);
    BOOST_TEST(c.expected == 10.0 * std::pow(1.0 - 2.0 * c.eta, 10), tt::tolerance(1e-12));
    const bool right = close(result.x(0), c.expected, 1e-12);
    BOOST_TEST_INFO("η = " << c.eta << ": x₁₀ = " << format_number(result.x(0), 12)
                           << ", expected 10(1 − 2η)¹⁰ = " << c.expected
                           << ": each step must multiply x by 1 − 2η"
                           << (right ? "" : what_the_probes_find()));
    BOOST_TEST(result.x(0) == c.expected, tt::tolerance(1e-12));
  }
}
//! [ten steps]

BOOST_AUTO_TEST_CASE(diverges_beyond_two_over_L,
                     *utf::description("§1.3: on f = x² (L = 2) gradient descent converges for "
                                       "η < 2/L = 1 and diverges for η > 1")) {
  const Quadratic x_squared = Quadratic::diagonal(Vector{{2.0}});
  auto below = gradient_descent_rule({0.99});
  auto above = gradient_descent_rule({1.01});
  testing::check_stability_bound(x_squared, Vector{{10.0}}, 100000, below, "η = 0.99 < 2/L", above,
                                 "η = 1.01 > 2/L: |1 − 2η| = 1.02 > 1 must run away, got");
}

//! [descent lemma]
BOOST_AUTO_TEST_CASE(
    descent_lemma,
    *utf::description("§1.3: for L-smooth f, f(x − η∇f) ≤ f(x) − η(1 − Lη/2)‖∇f‖². "
                      "A = diag(3, 10), x = (1, −2), η = 0.1: f(x⁺) = 0.735 ≤ 1.05; "
                      "f = 5x² at x = 1 with η = 1/L: f(x⁺) = 0, the bound exactly")) {
  const Quadratic q = Quadratic::diagonal(Vector{{3.0, 10.0}});
  const Vector x{{1.0, -2.0}};
  Vector g;
  q.gradient(x, g);
  const double eta = 0.1, L = q.smoothness();
  const double bound = q.value(x) - eta * (1.0 - L * eta / 2.0) * g.squaredNorm();
  BOOST_TEST(bound == 1.05, tt::tolerance(1e-14));
  const double after = q.value(stepped(x, g, eta));
  BOOST_TEST_INFO("f(x⁺) = " << after << ", expected 0.735 (x⁺ = (0.7, 0))");
  BOOST_TEST(after == 0.735, tt::tolerance(1e-14));

  const Quadratic five_x_squared = Quadratic::diagonal(Vector{{10.0}});  // f = 5x², L = 10
  const Vector one{{1.0}};
  const double exact = five_x_squared.value(stepped(one, Vector{{10.0}}, 0.1));
  BOOST_TEST_INFO("η = 1/L on f = (L/2)x² lands on the minimiser: f(x⁺) = " << exact);
  BOOST_TEST(std::abs(exact) <= 1e-15);

  // And at random points of random quadratics, for step sizes across (0, 2/L).
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Quadratic r = Quadratic::with_spectrum(Vector{{0.5, 2.0, 7.0, 20.0}}, seed);
    const Vector p = Vector::LinSpaced(4, -1.0, 1.0 + static_cast<double>(seed));
    Vector gp;
    r.gradient(p, gp);
    for (double fraction : {0.1, 0.5, 1.0, 1.5, 1.9}) {
      const double step = fraction / r.smoothness();
      const double decrease_bound =
          r.value(p) - step * (1.0 - r.smoothness() * step / 2.0) * gp.squaredNorm();
      BOOST_TEST(r.value(stepped(p, gp, step)) <= decrease_bound + 1e-12 * std::abs(r.value(p)));
    }
  }
}
//! [descent lemma]

BOOST_AUTO_TEST_CASE(each_eigen_direction_shrinks_by_one_minus_eta_lambda,
                     *utf::description("§1.4: in the eigenbasis of A, k steps multiply component i "
                                       "by (1 − ηλᵢ)^k, independently of the others")) {
  const Vector lambda{{1.0, 3.0, 10.0}};
  const Quadratic q = Quadratic::with_spectrum(lambda, 2024);
  const Matrix& Q = q.eigenvectors();  // columns: eigenvectors for λ = 1, 3, 10
  const double eta = 0.15;
  const Vector x0{{0.4, -1.0, 2.0}};
  const int k = 7;
  auto gd = gradient_descent_rule({eta});
  const Result result = testing::run_steps(q, gd, x0, k);
  const Vector before = Q.transpose() * x0, after = Q.transpose() * result.x;
  for (Index i = 0; i < 3; ++i) {
    const double factor = std::pow(1.0 - eta * lambda(i), k);
    BOOST_TEST_INFO("eigen-direction λ = " << lambda(i) << ": component went from " << before(i)
                                           << " to " << after(i)
                                           << ", expected ×(1 − ηλ)^7 = " << factor);
    BOOST_TEST(after(i) == factor * before(i), tt::tolerance(1e-10));
  }
}

//! [sublinear]
BOOST_AUTO_TEST_CASE(sublinear_rate_without_strong_convexity,
                     *utf::description("§1.3: for convex L-smooth f and η = 1/L, "
                                       "f(x_k) − f* ≤ L‖x₀ − x*‖²/(2k). On λᵢ = 1/i², i = 1..100, "
                                       "from x₀ = 1, the ratio to the bound stays ≤ 1 for k ≤ 2000 "
                                       "(it peaks near 0.107)")) {
  Vector lambda(100);
  for (Index i = 0; i < 100; ++i) lambda(i) = 1.0 / double((i + 1) * (i + 1));
  const Quadratic q = Quadratic::diagonal(lambda);
  const double L = q.smoothness();
  const Vector x0 = Vector::Ones(100);
  auto gd = gradient_descent_rule({1.0 / L});
  TraceRecorder trace;
  testing::run_steps(q, gd, x0, 2000, &trace);
  double worst = 0.0;
  for (const TracePoint& point : trace.points()) {
    if (point.iteration == 0) continue;
    const double bound = L * x0.squaredNorm() / (2.0 * static_cast<double>(point.iteration));
    worst = std::max(worst, (point.loss - *q.minimum()) / bound);
  }
  BOOST_TEST_INFO("max over k of (f(x_k) − f*)/(L‖x₀ − x*‖²/2k) = " << worst);
  BOOST_TEST(worst <= 1.0);
  BOOST_TEST(worst == 0.107, tt::tolerance(0.01));
}
//! [sublinear]

//! [strongly convex]
// Two theorems for μ-strongly convex, L-smooth f, κ = L/μ (§1.3), checked on workbook::SoftplusBowl,
// whose Hessian has every eigenvalue in [μ, L]: with η = 1/L,
// f(x_k) − f* ≤ (1 − 1/κ)ᵏ (f(x₀) − f*); with η = 2/(μ + L), ‖x_k − x*‖ ≤ ((κ − 1)/(κ + 1))ᵏ‖x₀ − x*‖.
// x* comes from SoftplusBowl::minimisers(): the library's own steps, not the graded step.
BOOST_AUTO_TEST_CASE(
    linear_rates_under_strong_convexity,
    *utf::description(
        "§1.3: on a smooth, strongly convex f that is not a quadratic (μ = 1, L = 20, "
        "n = 6), gradient descent obeys both theorems at every step until rounding: "
        "η = 1/L, f − f* ≤ (1 − 1/κ)ᵏ(f₀ − f*); η = 2/(μ + L), "
        "‖x_k − x*‖ ≤ ((κ − 1)/(κ + 1))ᵏ‖x₀ − x*‖")) {
  const double mu = 1.0, L = 20.0, kappa = L / mu;
  const SoftplusBowl f(mu, L, 6);
  const Vector x_star = f.minimisers().front();
  Vector g;
  f.gradient(x_star, g);
  BOOST_TEST_REQUIRE(g.norm() <= 1e-13);
  const double f_star = *f.minimum();
  const Vector x0 = f.default_start();

  auto one_over_L = gradient_descent_rule({1.0 / L});
  TraceRecorder trace;
  testing::run_steps(f, one_over_L, x0, 300, &trace);
  double worst = 0.0;
  for (const TracePoint& point : trace.points()) {
    const double gap = point.loss - f_star, gap0 = f.value(x0) - f_star;
    const double bound = std::pow(1.0 - 1.0 / kappa, static_cast<double>(point.iteration)) * gap0;
    if (gap < 1e-12) break;              // rounding: f is about 40, its spacing about 1e-14
    if (point.iteration == 0) continue;  // the bound is the start itself
    worst = std::max(worst, gap / bound);
  }
  BOOST_TEST_INFO("η = 1/L: max over k of (f(x_k) − f*)/((1 − 1/κ)ᵏ(f₀ − f*)) = " << worst);
  BOOST_TEST(worst <= 1.0);

  auto optimal = gradient_descent_rule({2.0 / (mu + L)});
  TraceRecorder steps;
  testing::run_steps(f, optimal, x0, 300, &steps);
  const double rate = (kappa - 1.0) / (kappa + 1.0);
  worst = 0.0;
  for (const TracePoint& point : steps.points()) {
    const double distance = (point.x - x_star).norm();
    if (distance < 1e-10) break;  // rounding
    if (point.iteration == 0) continue;
    const double bound =
        std::pow(rate, static_cast<double>(point.iteration)) * (x0 - x_star).norm();
    worst = std::max(worst, distance / bound);
  }
  BOOST_TEST_INFO(
      "η = 2/(μ + L): max over k of ‖x_k − x*‖/(((κ − 1)/(κ + 1))ᵏ‖x₀ − x*‖) = " << worst);
  BOOST_TEST(worst <= 1.0);
}
//! [strongly convex]

//! [optimal step]
BOOST_AUTO_TEST_CASE(
    optimal_fixed_step_and_its_rate,
    *utf::description("§1.4: η = 2/(λ₁ + λₙ) multiplies the extreme components by "
                      "±(κ − 1)/(κ + 1); on diag(1, 100) from (1, 1): ±99/101 per "
                      "step, and ‖x‖∞ ≤ 1e-6 after ⌈ln 1e-6 / ln(99/101)⌉ = 691 steps")) {
  const Quadratic q = Quadratic::diagonal(Vector{{1.0, 100.0}});
  const double kappa = q.condition_number();
  const double eta = 2.0 / (q.strong_convexity() + q.smoothness());
  const double rate = (kappa - 1.0) / (kappa + 1.0);
  BOOST_TEST(rate == 99.0 / 101.0, tt::tolerance(1e-15));

  Vector x{{1.0, 1.0}};
  for (int step = 1; step <= 5; ++step) {
    Vector g;
    q.gradient(x, g);
    const Vector next = stepped(x, g, eta);
    BOOST_TEST(next(0) / x(0) == rate, tt::tolerance(1e-13));   // flat direction: +99/101
    BOOST_TEST(next(1) / x(1) == -rate, tt::tolerance(1e-13));  // steep direction: −99/101
    x = next;
  }

  const long predicted = static_cast<long>(std::ceil(std::log(1e-6) / std::log(rate)));
  BOOST_TEST(predicted == 691);
  auto gd = gradient_descent_rule({eta});
  StopWhen reached(
      [](const IterationInfo& info) { return info.x.lpNorm<Eigen::Infinity>() <= 1e-6; },
      "|x|_inf <= 1e-6");
  const Result result = minimize(q, gd, Vector{{1.0, 1.0}}, {}, {&reached});
  BOOST_TEST_INFO("the rate (κ−1)/(κ+1) = 99/101 predicts " << predicted << " steps; "
                                                            << result.message);
  BOOST_TEST(result.iterations == predicted);
}
//! [optimal step]

BOOST_AUTO_TEST_CASE(
    no_fixed_step_beats_the_optimal_one,
    *utf::description("§1.4: η = 2/(λ₁ + λₙ) balances the extreme eigen-directions; "
                      "a step 1% smaller or 0.5% larger needs more iterations")) {
  const Quadratic q = Quadratic::diagonal(Vector{{1.0, 100.0}});
  const double optimal = 2.0 / 101.0;
  auto iterations = [&](double eta) {
    auto gd = gradient_descent_rule({eta});
    StopWhen reached(
        [](const IterationInfo& info) { return info.x.lpNorm<Eigen::Infinity>() <= 1e-6; },
        "|x|_inf <= 1e-6");
    return minimize(q, gd, Vector{{1.0, 1.0}}, {}, {&reached}).iterations;
  };
  const long best = iterations(optimal);
  for (double eta : {0.99 * optimal, 1.005 * optimal}) {
    const long other = iterations(eta);
    BOOST_TEST_INFO("η = " << eta << " took " << other << " iterations, η* = 2/101 took " << best);
    BOOST_TEST(other > best);
  }
}

//! [step sizes figure]
BOOST_AUTO_TEST_CASE(loss_curves_for_several_step_sizes,
                     *utf::label("plot") *
                         utf::description("§1.4: on diag(1, 10) (L = 10, 2/L = 0.2) the optimal "
                                          "η = 2/11 converges fastest, small steps crawl, and "
                                          "η = 0.21 > 2/L makes the loss grow")) {
  const Quadratic q = Quadratic::diagonal(Vector{{1.0, 10.0}});
  const Vector x0{{1.0, 1.0}};
  std::vector<plot::LabelledTrace> runs;
  std::vector<double> final_loss;
  for (double eta : {0.02, 0.1, 2.0 / 11.0, 0.19, 0.21}) {
    auto gd = gradient_descent_rule({eta});
    TraceRecorder trace;
    const Result result = testing::run_steps(q, gd, x0, 60, &trace);
    final_loss.push_back(result.loss);
    runs.push_back({"η = " + format_number(eta, 3), trace.points()});
  }
  const double f0 = q.value(x0);
  BOOST_TEST(final_loss[2] < final_loss[0]);  // the optimal step beats the slow ones...
  BOOST_TEST(final_loss[2] < final_loss[1]);
  BOOST_TEST(final_loss[2] < final_loss[3]);  // ...and the one near 2/L
  BOOST_TEST(final_loss[0] < f0);
  BOOST_TEST_INFO("η = 0.21 > 2/L must increase the loss: f₆₀ = " << final_loss[4]
                                                                  << ", f₀ = " << f0);
  BOOST_TEST(final_loss[4] > f0);
  testing::draw(
      plot::convergence_figure("Gradient descent on f = ½(x₁² + 10x₂²)", runs, plot::Measure::loss),
      "ch01_step_sizes");
}
//! [step sizes figure]

//! [zig-zag]
BOOST_AUTO_TEST_CASE(zig_zag_on_an_ill_conditioned_quadratic,
                     *utf::label("plot") *
                         utf::description("§1.4: the component along the steepest eigen-direction "
                                          "changes sign at every step exactly when η > 1/λₙ: the "
                                          "zig-zag")) {
  const Quadratic q = Quadratic::with_spectrum(Vector{{1.0, 10.0}}, 3);
  const Vector steep = q.eigenvectors().col(1);  // λ₂ = 10
  const Vector x0{{-1.0, 0.9}};
  std::vector<plot::LabelledTrace> runs;
  struct Step {
    double eta;
    std::string label;
  };
  const double L = q.smoothness();
  for (const Step& s : {Step{0.5 / L, "η = 0.5/L"}, Step{2.0 / 11.0, "η = 2/(λ₁ + λ₂)"},
                        Step{1.9 / L, "η = 1.9/L"}}) {
    const double eta = s.eta;
    auto gd = gradient_descent_rule({eta});
    TraceRecorder trace;
    testing::run_steps(q, gd, x0, 25, &trace);
    int sign_changes = 0;
    for (std::size_t k = 1; k < trace.points().size(); ++k) {
      if (trace.points()[k].x.dot(steep) * trace.points()[k - 1].x.dot(steep) < 0) ++sign_changes;
    }
    const int expected = eta > 1.0 / q.smoothness() ? 25 : 0;
    BOOST_TEST_INFO("η = " << eta << ": the steep component changed sign " << sign_changes
                           << " times in 25 steps, expected " << expected);
    BOOST_TEST(sign_changes == expected);
    runs.push_back({s.label, trace.points()});
  }
  testing::draw(plot::trajectory_figure("Gradient descent on a rotated quadratic, κ = 10", q, runs),
                "ch01_trajectories");
}
//! [zig-zag]

BOOST_AUTO_TEST_CASE(
    the_step_rounds_at_the_scale_of_x,
    *utf::description("§1.2: x − η∇f rounds in the last place of x: from x = 10⁶ with η = 1000 "
                      "and ∇f = 1.1e-5 the step −0.011 is exact to a unit in the last place of "
                      "x (1.2e-10), as on every coordinate of (10⁶, −3·10⁵, 7, 12345.678); each "
                      "coordinate rounds at its own scale: from x = (10²⁰, 1) with ∇f = (0, 1) "
                      "and η = 0.1 the step lands on (10²⁰, 0.9)")) {
  const Vector from{{1e6, -3e5, 7.0, 12345.678}}, g{{1.1e-5, -2.3e-5, 3.7e-3, 4.9e-6}};
  const double eta = 1000.0;
  const Vector got = stepped(from, g, eta);
  double worst_ulps = 0.0, worst_relative_to_step = 0.0;
  Index worst = 0;
  for (Index i = 0; i < from.size(); ++i) {
    const double wanted = from(i) - eta * g(i);
    const double scale = std::max(std::abs(from(i)), std::abs(wanted));
    const double ulp = std::nextafter(scale, std::numeric_limits<double>::infinity()) - scale;
    const double ulps = std::abs(got(i) - wanted) / ulp;
    if (!(ulps <= worst_ulps)) {
      worst_ulps = ulps;
      worst = i;
      worst_relative_to_step = std::abs(got(i) - wanted) / std::abs(eta * g(i));
    }
  }
  const bool rounding_only = worst_ulps <= 2.0;
  BOOST_TEST_INFO(
      "from x = (10⁶, −3·10⁵, 7, 12345.678) with ∇f = (1.1e-5, −2.3e-5, 3.7e-3, 4.9e-6) and "
      "η = 1000 the step reached "
      << format_vector(got, 17) << "; coordinate " << worst << " is "
      << format_number(worst_ulps, 3) << " units in the last place of x away from x − η∇f"
      << (rounding_only ? ""
          : worst_relative_to_step < 1e-4
              ? ": right on paper, wrong in doubles: is the step computed by a rearrangement "
                "that rounds at the scale of ηx (here 10⁹), such as (1 − η)x + η(x − ∇f)? "
                "Each term is rounded in its own last place, and η·x's is a thousand times "
                "x's; x − η∇f rounds only where the result is (§1.2)"
              : what_the_probes_find()));
  BOOST_TEST(rounding_only);

  // Coordinates of very different sizes: a move far below the large coordinate's rounding is
  // far above the small one's.
  const Vector mixed{{1e20, 1.0}};
  const Vector landed = stepped(mixed, Vector{{0.0, 1.0}}, 0.1);
  const bool both_right = landed(0) == 1e20 && close(landed(1), 0.9, 1e-15);
  BOOST_TEST_INFO("from x = (1e20, 1) with ∇f = (0, 1) and η = 0.1 the step reached "
                  << format_vector(landed, 17) << ", expected x − η∇f = (1e20, 0.9)"
                  << (both_right ? ""
                      : landed == mixed
                          ? ": x was left where it was: is the step skipped when it looks small "
                            "beside x (η‖∇f‖ below a tolerance times ‖x‖, or a relative test "
                            "on the whole vector)? Rounding happens coordinate by coordinate, "
                            "each at its own scale: the move of 0.1 on x₁ = 1 is far above its "
                            "rounding, and a norm lets the largest coordinate decide for all. "
                            "x − η∇f is never worse than x: take the step"
                          : what_the_probes_find()));
  BOOST_TEST(both_right);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// Why one step from x with gradient g left x where it was: a step that waits for t moves on the
// second call with the same state.
std::string did_not_move(double x, double g, double eta) {
  GradientDescentState state;
  Vector twice{{x}};
  workbook::gradient_descent_step(twice, Vector{{g}}, state, {eta});
  workbook::gradient_descent_step(twice, Vector{{g}}, state, {eta});
  if (twice(0) != x)
    return "x did not move on the first step, but did on the second with the same state: is the "
           "step conditional on state.t (t > 0)? t is 0 on entry to the first step, which must "
           "move x too";
  // Coordinates the loop never reaches: in one dimension, all of x.
  const std::string probes = what_the_probes_find();
  if (probes.find("does the loop start at 1?") != std::string::npos)
    return "x did not move" + probes;
  return "x did not move: update x in place (it is passed by reference)" + probes;
}

}  // namespace
