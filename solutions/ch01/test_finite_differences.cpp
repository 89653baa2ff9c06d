// Chapter 1, §1.6–§1.7: numerical gradients and the gradient check.
// Exercise: central_difference_gradient (exercises/ch01/central_difference_gradient.cpp).
#include <cmath>
#include <limits>
#include <optional>

#include "workbook/finite_differences.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/difference_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::close;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
const double e = std::exp(1.0);

const ScalarFunction exp_first = [](const Vector& x) { return std::exp(x(0)); };

double central_error(double h) {
  return std::abs(workbook::central_difference_gradient(exp_first, Vector{{1.0}}, h)(0) - e);
}

// Softmax cross-entropy of logits z for class y = 3: f(z) = −z_y + log Σ exp z_j.
// Its gradient is softmax(z) − e_y: what backpropagation computes for a classifier's last layer.
constexpr Index label = 3;
double cross_entropy(const Vector& z) {
  const double top = z.maxCoeff();
  return -z(label) + top + std::log((z.array() - top).exp().sum());
}
Vector cross_entropy_gradient(const Vector& z) {
  Vector p = (z.array() - z.maxCoeff()).exp();
  p /= p.sum();
  p(label) -= 1.0;
  return p;
}
const Vector logits{{0.3, -1.2, 0.8, 2.0, -0.4, 0.1, 1.1, -0.9, 0.0, 0.5}};

// What the probes of difference_probes.hpp find wrong with the student's function, as the end of a
// diagnosis ("" if nothing): f called at x ± he_i only, 2n times; exact on linear f and quadratics
// whatever h; second order; each component blind to the other coordinates; h > 0 checked.
// Once per test case: later failures of the case point back to the first.
std::string what_the_difference_probes_find() {
  return testing::once_per_case("central difference", [] {
    return testing::what_the_probes_found(
        testing::probe_central_difference(workbook::central_difference_gradient));
  });
}

// Why a central-difference estimate `got` of f'(x) = `exact` is off, given its error ratio when h
// halves (4 for central differences, 2 for forward ones). A factor (twice, half) has several
// causes; the probes, which see where f was called, tell them apart.
std::string diagnose_derivative(double got, double exact, double halving_ratio) {
  if (std::abs(halving_ratio - 2.0) < 0.2) {
    return "the error only halves when h halves (first order): this is a forward difference "
           "(f(x + h) − f(x))/h; use (f(x + h) − f(x − h))/(2h)";
  }
  return "estimate " + format_number(got, 10) + ", derivative " + format_number(exact, 10);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(central_difference_gradient)

BOOST_AUTO_TEST_CASE(
    exact_on_quadratics_whatever_h,
    *utf::description("§1.6: the central difference's truncation error is "
                      "(h²/6)f‴ = 0 on a quadratic: even h = 0.5 or h = 4, a step larger "
                      "than the point itself, gives the gradient to rounding error; so does "
                      "a subnormal h, 2⁻¹⁰³⁰, on a linear f")) {
  const Quadratic q(Matrix{{4.0, 1.0, 0.0}, {1.0, 3.0, -1.0}, {0.0, -1.0, 2.0}},
                    Vector{{1.0, 0.0, 2.0}});
  const Vector x{{0.7, -1.3, 2.1}};
  Vector exact;
  q.gradient(x, exact);
  const auto f = [&](const Vector& p) { return q.value(p); };
  for (double h : {0.5, 4.0, 1e-2}) {
    const Vector numerical = workbook::central_difference_gradient(f, x, h);
    const GradientCheck check = gradient_check(exact, numerical);
    const Vector forward = forward_difference_gradient(f, x, h);
    std::string why = "central differences at h = " + format_number(h) + ": " +
                      format_vector(numerical, 8) + ", gradient " + format_vector(exact, 8);
    // Some coordinates one-sided, the others central: which, and where x_i lies for them.
    std::string one_sided, central_ones;
    // The ends of a grid: the first coordinate forward, the last backward, the others central.
    bool at_the_ends = numerical.size() == x.size();
    if (numerical.size() == x.size()) {
      for (Index i = 0; i < x.size(); ++i) {
        Vector down = x;
        down(i) -= h;
        const double backward = (f(x) - f(down)) / h;
        const std::string at = "x" + std::to_string(i) + " = " + format_number(x(i));
        const auto near = [&](double v) { return close(numerical(i), v, 1e-9); };
        const bool first = i == 0, last = i == x.size() - 1;
        at_the_ends = at_the_ends && (first  ? near(forward(i)) && !near(exact(i))
                                      : last ? near(backward) && !near(exact(i))
                                             : near(exact(i)));
        if (near(exact(i))) {
          central_ones += (central_ones.empty() ? "" : ", ") + at;
        } else if (near(forward(i)) || near(backward)) {
          one_sided += (one_sided.empty() ? "" : ", ") + at +
                       (near(forward(i)) ? " (forward)" : " (backward)");
        }
      }
    }
    if ((numerical - forward).norm() < 1e-9 * exact.norm()) {
      why += ": this is the forward difference (f(x + he_i) − f(x))/h; use f(x − he_i) too";
    } else if (!one_sided.empty() && !central_ones.empty()) {
      why += ": the coordinates at " + one_sided +
             " got a one-sided difference, (f(x + he_i) − f(x))/h or (f(x) − f(x − he_i))/h, "
             "and those at " +
             central_ones +
             (at_the_ends
                  ? " the central one: the first coordinate forward and the last backward, as "
                    "at the two ends of a grid of samples (numpy.gradient's edges)? x is one "
                    "point, not a grid with ends: x ± he_i exists for every i, and the central "
                    "difference steps both ways on every coordinate, exact on a quadratic for "
                    "any h (§1.6)"
                  : " the central one: is a coordinate's formula chosen by its value (the sign "
                    "of x_i, or x_i − h crossing 0)? The central difference steps both ways on "
                    "every coordinate, whatever x_i is, and is exact on a quadratic for any h "
                    "(§1.6)");
    } else if ((numerical - 2.0 * exact).norm() < 1e-6 * exact.norm() &&
               (workbook::central_difference_gradient(f, x, h / 2.0) - 2.0 * exact).norm() <
                   1e-6 * exact.norm()) {
      why += ": twice the gradient at h and at h/2; divide by 2h, not h";
    } else if (!(check.max_relative_error < 1e-12)) {
      why += what_the_difference_probes_find();
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(check.max_relative_error < 1e-12);
  }

  // The tiniest steps are positive too: h = 2⁻¹⁰³⁰ ≈ 8.7e-311 on a linear f at 0, where every
  // value and difference is exact and (f₊ − f₋)/(2h) gives the slopes exactly.
  const auto linear = [](const Vector& p) { return p(0) - 2.0 * p(1) + 0.5 * p(2); };
  const double tiny = std::ldexp(1.0, -1030);
  Vector slopes;
  try {
    slopes = workbook::central_difference_gradient(linear, Vector::Zero(3), tiny);
  } catch (const std::invalid_argument& refusal) {
    BOOST_ERROR("the central difference refused h = 2⁻¹⁰³⁰ ≈ 8.7e-311 (\""
                << refusal.what()
                << "\"): a subnormal h is positive, and h > 0 is all the contract asks; "
                   "is h compared with a bound of its own (DBL_MIN, DBL_EPSILON, or h² > 0, "
                   "which underflows)? So tiny an h is inaccurate on most f, never invalid");
    return;
  }
  const bool overflowed = slopes.size() == 3 && !slopes.allFinite();
  // Every component shrunk by the same tiny factor 2h/(2h + c): a constant c added to 2h.
  const double shrunk = slopes.size() == 3 ? slopes(0) : 0.0;
  const bool guarded = slopes.size() == 3 && shrunk > 0.0 && shrunk < 1e-6 &&
                       close(slopes(1), -2.0 * shrunk, 1e-9) &&
                       close(slopes(2), 0.5 * shrunk, 1e-9);
  BOOST_TEST_INFO("on f = x₀ − 2x₁ + x₂/2 at 0 with h = 2⁻¹⁰³⁰ ≈ 8.7e-311 the estimate is "
                  << format_vector(slopes) << ", expected (1, −2, 0.5) exactly"
                  << (overflowed ? ": an intermediate overflowed: 1/(2h) = ∞ for h below 2⁻¹⁰²⁵ "
                                   "≈ 2.8e-309, and ∞ times the difference is ±∞; divide the "
                                   "difference f₊ − f₋ by 2h, as §1.6 writes it, rather than "
                                   "multiply by a precomputed reciprocal"
                      : guarded
                          ? ": every slope is " + format_number(shrunk) +
                                " times the right one, as if each difference were divided by "
                                "2h + " +
                                format_number(2.0 * tiny / shrunk - 2.0 * tiny) +
                                " instead of 2h = 1.7e-310: is a constant added to the "
                                "denominator (a guard such as DBL_EPSILON against dividing by "
                                "0)? h > 0 is checked first, so 2h is never 0; divide by 2h "
                                "alone"
                          : what_the_difference_probes_find()));
  BOOST_TEST((slopes.size() == 3 && slopes == Vector{{1.0, -2.0, 0.5}}));
}

BOOST_AUTO_TEST_CASE(perturbs_one_coordinate_at_a_time,
                     *utf::description("§1.6: g_i uses x ± he_i only, 2n evaluations in all; "
                                       "coordinates must not leak into each other "
                                       "(f = x₀x₁x₂ + x₁² at (1, 2, 3)), not even through h "
                                       "(x₀ = 1e20, which h cannot move: its quotient over 2h "
                                       "is what rounding leaves, 0, not NaN); h ≤ 0, NaN or "
                                       "infinite is refused before f is called")) {
  const auto f = [](const Vector& x) { return x(0) * x(1) * x(2) + x(1) * x(1); };
  const Vector x{{1.0, 2.0, 3.0}};
  const double h = 1e-4;
  const Vector exact{{6.0, 7.0, 2.0}};  // (x₁x₂, x₀x₂ + 2x₁, x₀x₁)
  const testing::WatchedDifference run =
      testing::watch_difference(workbook::central_difference_gradient, f, x, h);
  BOOST_TEST_INFO("the function " << run.outcome()
                                  << (run.estimate ? "" : what_the_difference_probes_find()));
  BOOST_TEST_REQUIRE(run.estimate.has_value());
  const Vector& numerical = *run.estimate;
  BOOST_TEST_INFO("the estimate has " << numerical.size() << " components for n = 3");
  BOOST_TEST_REQUIRE(numerical.size() == 3);
  const std::size_t evaluations = run.points.size();
  BOOST_TEST_INFO("f was evaluated "
                  << evaluations << " times for n = 3, expected 2n = 6"
                  << (evaluations == 6 ? "" : what_the_difference_probes_find()));
  BOOST_TEST(evaluations == 6);
  // The same 2n where f is symmetric in x₀ and x₂ at the point, f(x + he_i) = f(x − he_i).
  const testing::WatchedDifference symmetric = testing::watch_difference(
      workbook::central_difference_gradient,
      [](const Vector& p) { return p(0) * p(0) + 2.0 * p(1) * p(1) + 3.0 * p(2) * p(2); },
      Vector{{0.0, 1.0, 0.0}}, 1e-3, true);
  BOOST_TEST_INFO("where f(x + he_i) = f(x − he_i), f was evaluated "
                  << symmetric.points.size() << " times, expected 2n = 6"
                  << (symmetric.points.size() == 6 ? "" : what_the_difference_probes_find()));
  BOOST_TEST(symmetric.points.size() == 6U);
  // Each call moves exactly one coordinate of x, by ±h.
  std::size_t elsewhere = 0;
  for (const Vector& p : run.points) {
    const Vector moved = p - x;
    const bool one = (moved.array().abs() > 1e-9 * h).count() == 1;  // beyond rounding
    if (!(one && close(moved.cwiseAbs().maxCoeff(), h, 1e-6))) ++elsewhere;
  }
  // Every call moving one coordinate by the same distance, not h: a step of the function's own.
  std::optional<double> one_distance;
  for (const Vector& p : run.points) {
    const Vector moved = p - x;
    const double d = moved.cwiseAbs().maxCoeff();
    const bool one = (moved.array().abs() > 1e-9 * d).count() == 1;
    if (!one || (one_distance && !close(*one_distance, d, 1e-9))) {
      one_distance.reset();
      break;
    }
    one_distance = d;
  }
  std::string own_step;
  if (elsewhere > 0 && one_distance && !close(*one_distance, h, 1e-6)) {
    const double power = std::exp2(std::round(std::log2(h)));
    const std::string contract =
        "The function steps by the h it is given; choosing h is the caller's part of the "
        "contract";
    own_step = ": every call moved one coordinate by " + format_number(*one_distance, 6);
    if (close(*one_distance, power, 1e-12)) {
      own_step += " = 2^" + format_number(std::log2(power)) +
                  ", the power of two nearest h = 1e-4: is h rounded to a power of two (so "
                  "that x ± h is exact)? " +
                  contract;
    } else if (close(*one_distance, 0.5 * h, 1e-9) && numerical.isApprox(exact, 1e-8)) {
      own_step +=
          ", half of h = 1e-4, and the estimate is right: the points x ± (h/2)e_i over "
          "h make the central difference of width h, (f(x + ½he_i) − f(x − ½he_i))/h; "
          "§1.6's is h on either side, (f(x + he_i) − f(x − he_i))/(2h)";
    } else if (close(*one_distance, 0.5 * h, 1e-9) && numerical.isApprox(0.5 * exact, 1e-8)) {
      own_step +=
          ", half of h = 1e-4, and the estimate is half the gradient: the points "
          "x ± (h/2)e_i are h apart, yet the difference is divided by 2h; the central "
          "difference steps the whole h each way, x ± he_i";
    } else {
      own_step += ", not h = 1e-4: is h replaced by a step of the function's own? " + contract;
    }
  }
  BOOST_TEST_INFO(elsewhere << " of the " << evaluations
                            << " calls of f were not at a point x ± he_i"
                            << (elsewhere == 0      ? ""
                                : !own_step.empty() ? own_step
                                                    : what_the_difference_probes_find()));
  BOOST_TEST(elsewhere == 0U);
  // The other coordinates exactly as in x: x_j put back by assignment, not by arithmetic
  // ((x_j + h) − 2h + h is x_j + 4.4e-16 for x_j = 2 and h = 1e-4).
  std::string drifted;
  for (const Vector& p : run.points) {
    Index perturbed = 0;
    (p - x).cwiseAbs().maxCoeff(&perturbed);
    for (Index j = 0; j < 3 && drifted.empty(); ++j) {
      if (j != perturbed && p(j) != x(j) && std::abs(p(j) - x(j)) > 1e-9 * std::abs(x(j))) {
        drifted = "a call of f for coordinate " + std::to_string(perturbed) + " had coordinate " +
                  std::to_string(j) + " at " + format_number(p(j), 17) + ", not x_" +
                  std::to_string(j) + " = " + format_number(x(j), 17) +
                  what_the_difference_probes_find();
      } else if (j != perturbed && p(j) != x(j)) {
        drifted = "a call of f for coordinate " + std::to_string(perturbed) + " had coordinate " +
                  std::to_string(j) + " at " + format_number(p(j), 17) + ", not x_" +
                  std::to_string(j) + " = " + format_number(x(j), 17) + " (off by " +
                  format_number(p(j) - x(j), 3) +
                  "): the coordinate was put back by arithmetic, and in floating point "
                  "(x_j + h) − 2h + h is not x_j; put it back by assigning it, point(j) = x(j)";
      }
    }
    if (!drifted.empty()) break;
  }
  BOOST_TEST_INFO(
      (drifted.empty() ? "every call of f had the other coordinates exactly as in x" : drifted));
  BOOST_TEST(drifted.empty());
  // However small h is: at h = 2⁻⁴⁰ ≈ 9.1e-13 (x ± he_i exact at x = (1, 2, 3)) every call moves
  // its coordinate by h exactly.
  const double tiny = std::ldexp(1.0, -40);
  const testing::WatchedDifference small =
      testing::watch_difference(workbook::central_difference_gradient, f, x, tiny);
  double moved_by = tiny;
  for (const Vector& p : small.points) {
    if (const double d = (p - x).cwiseAbs().maxCoeff(); d != tiny) moved_by = d;
  }
  BOOST_TEST_INFO("with h = 2⁻⁴⁰ ≈ 9.1e-13 the calls of f moved a coordinate by "
                  << format_number(moved_by, 6) << ", expected h"
                  << (moved_by == tiny ? "" : what_the_difference_probes_find()));
  BOOST_TEST((small.estimate.has_value() && moved_by == tiny));
  for (Index i = 0; i < 3; ++i) {
    std::string why = "coordinate " + std::to_string(i) + ": " + format_number(numerical(i), 10) +
                      ", expected " + format_number(exact(i), 10);
    if (!close(numerical(i), exact(i), 1e-8)) why += what_the_difference_probes_find();
    BOOST_TEST_INFO(why);
    BOOST_TEST(numerical(i) == exact(i), tt::tolerance(1e-8));
  }
  // A coordinate too large for h to move (x₀ = 1e20: x₀ ± h rounds to x₀) leaves the others'
  // step as it was: every coordinate is moved by the same h.
  const auto flat_in_x0 = [](const Vector& p) { return p(1) * p(1) + p(2) * p(2); };
  const Vector far{{1e20, 2.0, 3.0}};
  const testing::WatchedDifference beyond =
      testing::watch_difference(workbook::central_difference_gradient, flat_in_x0, far, h);
  BOOST_TEST_INFO("at x = (1e20, 2, 3) with h = 1e-4 the function "
                  << beyond.outcome()
                  << ", expected the estimate: h > 0 is the contract's only condition. That "
                     "x₀ ± h rounds to x₀ makes coordinate 0's estimate what rounding leaves (0 "
                     "here), §1.6's rounding error for the caller to see; it is no reason to "
                     "refuse the call and the other coordinates' estimates with it");
  BOOST_TEST(beyond.thrown.empty());
  if (beyond.estimate && beyond.estimate->size() == 3) {
    const Vector& est = *beyond.estimate;
    double moved_by = 0.0;  // how far the calls for coordinates 1 and 2 moved them
    for (std::size_t k = 2; k < beyond.points.size(); ++k) {
      moved_by = std::max(
          moved_by, std::abs(beyond.points[k](1) - 2.0) + std::abs(beyond.points[k](2) - 3.0));
    }
    std::string why = "at x = (1e20, 2, 3) with h = 1e-4 on f = x₁² + x₂² the estimate is " +
                      format_vector(est) +
                      ", expected ∂₁f = 4 and ∂₂f = 6 (coordinate 0, "
                      "where x₀ ± h rounds to x₀, is not asked)";
    if (!(close(est(1), 4.0, 1e-6) && close(est(2), 6.0, 1e-6))) {
      why += beyond.points.size() == 6 && !close(moved_by, h, 1e-6)
                 ? ": the calls for coordinates 1 and 2 moved them by " + format_number(moved_by) +
                       ", not h: was h changed at coordinate 0, made representable there as "
                       "(x₀ + h) − x₀ = 0 and kept for the coordinates after it? Each "
                       "coordinate is moved by the h the caller gave"
                 : what_the_difference_probes_find();
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(est(1) == 4.0, tt::tolerance(1e-6));
    BOOST_TEST_INFO(why);
    BOOST_TEST(est(2) == 6.0, tt::tolerance(1e-6));
    // Coordinate 0's quotient (f(x₀ + h) − f(x₀ − h))/(2h) is 0/(2h) = 0: a number the caller
    // can read as rounding's answer. Divided by the rounded width (x₀ + h) − (x₀ − h) = 0 it is
    // 0/0.
    BOOST_TEST_INFO("at x = (1e20, 2, 3) with h = 1e-4 coordinate 0's estimate is "
                    << format_number(est(0))
                    << ", expected a number (0: f(x₀ + h) = f(x₀ − h) where x₀ ± h rounds to x₀)"
                    << (std::isnan(est(0))
                            ? ": 0/0; is the difference divided by the width of the rounded "
                              "points, (x₀ + h) − (x₀ − h), which is 0 here, instead of by 2h? "
                              "The quotient of §1.6 divides by 2h, the step the caller gave"
                            : ""));
    BOOST_TEST(std::isfinite(est(0)));
  }
  for (const auto& [wrong, named] :
       {std::pair{0.0, "h = 0"}, std::pair{-1e-3, "h = -0.001"}, std::pair{std::nan(""), "h = nan"},
        std::pair{std::numeric_limits<double>::infinity(), "h = inf"}}) {
    const testing::WatchedDifference refused =
        testing::watch_difference(workbook::central_difference_gradient, f, x, wrong);
    const bool right = refused.thrown == "threw std::invalid_argument" &&
                       refused.message.find(named) != std::string::npos;
    const std::string nan_passed =
        !refused.thrown.empty() ? ""
        : refused.estimate && refused.estimate->allFinite()
            ? ": a finite estimate, so the calls of f moved x by an h of the function's own: is "
              "a bad h quietly replaced by a default (1e-5, say)? That hides the caller's "
              "mistake; refuse it with std::invalid_argument naming h, as "
              "require_positive(\"h\", h) does"
        : std::isnan(wrong)
            ? ": a NaN h passes a test such as h <= 0, since every comparison with NaN is false; "
              "refuse unless h > 0, !(h > 0), as require_positive does"
        : std::isinf(wrong)
            ? ": an infinite h passes h > 0, and x ± ∞ is no step; a positive h is also finite: "
              "require_positive(\"h\", h) checks both"
            : "";
    BOOST_TEST_INFO("with " << named << " the function " << refused.outcome()
                            << ", expected std::invalid_argument naming " << named
                            << (right                 ? ""
                                : !nan_passed.empty() ? nan_passed
                                                      : what_the_difference_probes_find()));
    BOOST_TEST(right);
    // Refused before any call of f: a bad h is known before the first evaluation.
    if (right) {
      BOOST_TEST_INFO("with " << named << " the function called f " << refused.points.size()
                              << " times before it refused h, expected none: is h checked "
                                 "after the loop? A bad h is the caller's mistake, known before "
                                 "any evaluation: refuse it first, and f is never called at "
                                 "x ± h for an h that is no step");
      BOOST_TEST(refused.points.empty());
    }
  }
  // An empty x is valid: no coordinate, and the empty gradient.
  const testing::WatchedDifference none =
      testing::watch_difference(workbook::central_difference_gradient, f, Vector(), h);
  BOOST_TEST_INFO("with x empty (n = 0) and h = 1e-4 the function "
                  << none.outcome() << ", expected the empty gradient"
                  << (none.thrown == "threw std::invalid_argument"
                          ? ": an x with no coordinate is valid input, whose gradient has no "
                            "coordinate either; the contract refuses only a bad h"
                          : ""));
  BOOST_TEST((none.estimate.has_value() && none.estimate->size() == 0));
  // A bad h is refused whatever x, even with no coordinate to move (n = 0).
  const testing::WatchedDifference empty =
      testing::watch_difference(workbook::central_difference_gradient, f, Vector(), -1e-3);
  BOOST_TEST_INFO("with x empty (n = 0) and h = -0.001 the function "
                  << empty.outcome() << ", expected std::invalid_argument naming h = -0.001"
                  << (empty.thrown.empty() ? ": is h checked only once there is a coordinate "
                                             "to move (a return for n = 0 before the check)? "
                                             "The contract refuses h ≤ 0 whatever x"
                                           : ""));
  BOOST_TEST((empty.thrown == "threw std::invalid_argument" &&
              empty.message.find("h = -0.001") != std::string::npos));
}

BOOST_AUTO_TEST_CASE(
    a_value_f_cannot_give_is_not_a_slope,
    *utf::description("§1.6: where f has no value at x ± he_i (log x₀ at x₀ − h < 0, the "
                      "barrier −log(1 − x₁) at x₁ + h = 1) the estimate of that coordinate is "
                      "NaN or ±∞, not a slope; the other coordinates are estimated as usual, and "
                      "where f has values, however large (eˣ at 700), the estimate is a slope")) {
  // f = log x₀ − log(1 − x₁) + x₂², with ∇f = (1/x₀, 1/(1 − x₁), 2x₂).
  const auto f = [](const Vector& x) {
    return std::log(x(0)) - std::log(1.0 - x(1)) + x(2) * x(2);
  };
  struct Point {
    Vector x;
    double h;
    Index without;         // the coordinate at which f has no value on one side
    std::string no_value;  // which value, in words
  };
  for (const Point& point :
       {Point{Vector{{5e-4, 0.0, 1.0}}, 1e-3, 0, "f(x − he₀) has log(−5e-4), NaN"},
        Point{Vector{{1000.0, 0.5, 1.0}}, 0.5, 1, "f(x + he₁) has −log(0) = +∞"}}) {
    const double h = point.h;
    const testing::WatchedDifference run =
        testing::watch_difference(workbook::central_difference_gradient, f, point.x, h);
    BOOST_TEST_INFO("at x = " << format_vector(point.x) << " the function " << run.outcome()
                              << (run.estimate ? ""
                                               : ": a value f cannot give is carried into the "
                                                 "estimate as the NaN or ±∞ it is (§1.6), not "
                                                 "refused" +
                                                     what_the_difference_probes_find()));
    BOOST_TEST_REQUIRE(run.estimate.has_value());
    const Vector& g = *run.estimate;
    BOOST_TEST_REQUIRE(g.size() == 3);
    const Index i = point.without;
    const double got = g(i);
    std::string why = "at x = " + format_vector(point.x) + " with h = " + format_number(h) +
                      ", where " + point.no_value + ", coordinate " + std::to_string(i) +
                      " of the estimate is " + format_number(got);
    if (std::isfinite(got)) {
      // What a one-sided difference on the side where f has a value would give.
      Vector step = Vector::Zero(3);
      step(i) = h;
      const double inside =
          std::isfinite(f(point.x + step)) ? f(point.x + step) : f(point.x - step);
      const double one_sided = std::abs((inside - f(point.x)) / h);
      if (got == 0.0) {
        why +=
            ": a value f cannot give was replaced by a slope of 0, a measurement that was "
            "never made; against an analytic ∂ᵢf that is wrongly 0 the gradient check would "
            "pass. Return the quotient as it is: NaN or ±∞ tells the check (§1.7) that f has "
            "no value there";
      } else if (close(std::abs(got), one_sided, 1e-9)) {
        why +=
            ", the one-sided difference on the side where f has a value: an estimate of "
            "another order (§1.6: first, not second), and nothing tells the gradient check "
            "that the central one could not be taken; return the quotient as it is, NaN or ±∞";
      } else if (run.points.size() != 6) {
        why += ": f was called " + std::to_string(run.points.size()) +
               " times for n = 3, expected 2n = 6: where f has no value, was h changed (halved?) "
               "and f called again until it had one? That reports a slope at another h where "
               "none can be measured at this one; the estimate is the quotient as it is, NaN or "
               "±∞, which the gradient check (§1.7) reads as the worst error";
      } else {
        why +=
            ": f has no value on one side, so no slope was measured; the estimate is the "
            "quotient as it is, NaN or ±∞, which the gradient check (§1.7) reads as the "
            "worst error" +
            what_the_difference_probes_find();
      }
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(!std::isfinite(got));
    // The quotient as it is: with f(x + he₁) = +∞ and f(x − he₁) finite it is +∞, not NaN.
    if (i == 1) {
      BOOST_TEST_INFO(
          "at x = " << format_vector(point.x) << " with h = " << format_number(h) << ", where "
                    << point.no_value << ", coordinate 1 is " << format_number(got)
                    << (std::isnan(got) ? ", where the quotient (+∞ − f(x − he₁))/(2h) is +∞: "
                                          "the infinite quotient was replaced by NaN; the "
                                          "estimate stays what the quotient is (§1.6), and +∞, "
                                          "f rising without bound toward x + he₁ (a barrier), "
                                          "says more than NaN, no value at all"
                                        : ", expected the quotient (+∞ − f(x − he₁))/(2h) = +∞"));
      BOOST_TEST(got == std::numeric_limits<double>::infinity());
    }
    // The other coordinates: 1/x₀, 1/(1 − x₁), 2x₂, to the central difference's h²-error
    // (h²/(3x₀²) = 8e-8 for x₀ = 1000 and h = 0.5).
    const Vector exact{{1.0 / point.x(0), 1.0 / (1.0 - point.x(1)), 2.0 * point.x(2)}};
    const bool all_undefined = g.size() == 3 && !g.allFinite() && g.array().isNaN().all();
    // Coordinate i still moved in the calls for the coordinates after it: not put back.
    std::string not_restored;
    for (std::size_t k = 2 * std::size_t(i) + 2; k < run.points.size() && not_restored.empty();
         ++k) {
      if (run.points[k](i) != point.x(i)) {
        not_restored = ": the calls of f for the coordinates after " + std::to_string(i) +
                       " still had x_" + std::to_string(i) + " = " +
                       format_number(run.points[k](i)) + ", not " + format_number(point.x(i)) +
                       ": coordinate " + std::to_string(i) +
                       " was not put back after its undefined quotient (a continue or a return "
                       "that jumps over the restore?); put it back whatever f gave";
      }
    }
    // The loop ended at coordinate i's undefined quotient: no call of f after it.
    const bool stopped = run.points.size() <= 2 * std::size_t(i) + 2;
    for (Index j = 0; j < 3; ++j) {
      if (j == i) continue;
      BOOST_TEST_INFO("coordinate "
                      << j << ", where f has values on both sides: " << format_number(g(j), 10)
                      << ", expected " << format_number(exact(j), 10)
                      << (close(g(j), exact(j), 1e-6) ? ""
                          : !not_restored.empty()     ? not_restored
                          : j > i && stopped && g(j) == 0.0
                              ? ": f was called " + std::to_string(run.points.size()) +
                                    " times, none of them for the coordinates after " +
                                    std::to_string(i) + ": the loop stopped at coordinate " +
                                    std::to_string(i) +
                                    "'s undefined quotient (a return or a break?) and left the "
                                    "rest at 0; each ∂ⱼf is estimated on its own, and one "
                                    "coordinate without a value does not end the others"
                          : all_undefined
                              ? std::string(": every coordinate came back NaN, where only "
                                            "coordinate ") +
                                    std::to_string(i) +
                                    "'s quotient has no value: one undefined coordinate "
                                    "spread to the whole vector? Each ∂ᵢf is estimated on its "
                                    "own, from f(x ± heᵢ); the others are measured as usual"
                              : what_the_difference_probes_find()));
      BOOST_TEST(g(j) == exact(j), tt::tolerance(1e-6));
    }
  }
  // Where f has values on both sides, however large, the quotient is a slope: eˣ at x = 700
  // (f ≈ 1e304) with h = 1e-5 gives e⁷⁰⁰, though f/(2h) alone would be 5e308, beyond the doubles.
  const auto exp_of_first = [](const Vector& x) { return std::exp(x(0)); };
  const Vector large{{700.0}};
  const testing::WatchedDifference big =
      testing::watch_difference(workbook::central_difference_gradient, exp_of_first, large, 1e-5);
  const double slope =
      big.estimate && big.estimate->size() == 1 ? (*big.estimate)(0) : std::nan("");
  BOOST_TEST_INFO("eˣ at x = 700 with h = 1e-5: the estimate is "
                  << format_number(slope, 10) << ", expected e⁷⁰⁰ = " << std::exp(700.0)
                  << (std::isfinite(slope) ? ""
                                           : ": f has values at both points and the quotient is "
                                             "a double; is each value divided by 2h before the "
                                             "difference, f(x + h)/(2h) − f(x − h)/(2h), which "
                                             "overflows? Subtract first, then divide"));
  BOOST_TEST(slope == std::exp(700.0), tt::tolerance(1e-6));
}

//! [second order]
BOOST_AUTO_TEST_CASE(error_falls_as_h_squared,
                     *utf::description("§1.6: for f = eˣ at x = 1 the central-difference error is "
                                       "(h²/6)f‴ + O(h⁴): error/h² → e/6 = 0.4530, and halving h "
                                       "divides the error by 4")) {
  for (double h : {1e-2, 1e-3}) {
    const double error = central_error(h);
    const double ratio = error / central_error(h / 2.0);
    const double estimate = workbook::central_difference_gradient(exp_first, Vector{{1.0}}, h)(0);
    const bool off = !close(error / (h * h), e / 6.0, 1e-3);
    const std::string why = "h = " + format_number(h) +
                            ": error/h² = " + format_number(error / (h * h), 6) +
                            ", expected e/6 = 0.453; " + diagnose_derivative(estimate, e, ratio) +
                            (off ? what_the_difference_probes_find() : "");
    BOOST_TEST_INFO(why);
    BOOST_TEST(error / (h * h) == e / 6.0, tt::tolerance(1e-3));
    BOOST_TEST_INFO("halving h = "
                    << h << " divided the error by " << ratio << ", expected 4"
                    << (std::abs(ratio - 4.0) <= 0.04 ? "" : what_the_difference_probes_find()));
    BOOST_TEST(ratio == 4.0, tt::tolerance(1e-2));
  }
}
//! [second order]

//! [best h]
BOOST_AUTO_TEST_CASE(
    best_step_is_near_the_cube_root_of_epsilon,
    *utf::label("plot") *
        utf::description("§1.6: truncation (h²/6)|f‴| falls and rounding ≈ ε|f|/h "
                         "grows as h shrinks; their sum is smallest near ε^(1/3) ≈ "
                         "6e-6 (central) and √ε ≈ 1.5e-8 (forward): within 10×; at every h "
                         "from 0.1 to 1e-14 the central error stays within 4× that sum")) {
  std::vector<double> hs, central, forward, central_model, forward_model;
  for (int k = 4; k <= 56; ++k) {
    const double h = std::pow(10.0, -k / 4.0);
    hs.push_back(h);
    central.push_back(central_error(h));
    forward.push_back(std::abs(forward_difference_gradient(exp_first, Vector{{1.0}}, h)(0) - e));
    central_model.push_back(h * h / 6.0 * e + eps * e / h);
    forward_model.push_back(h / 2.0 * e + eps * e / h);
  }
  auto best = [&](const std::vector<double>& errors) {
    return hs[std::min_element(errors.begin(), errors.end()) - errors.begin()];
  };
  // Every measured central error stays within the model, up to rounding's factor 1.5 or so: at
  // h = 1e-9 the rounding error is about εe/h ≈ 6e-7, not the whole slope.
  std::size_t worst = 0;
  for (std::size_t k = 0; k < hs.size(); ++k) {
    if (central[k] / central_model[k] > central[worst] / central_model[worst]) worst = k;
  }
  const double worst_h = hs[worst];
  const double estimate_there =
      workbook::central_difference_gradient(exp_first, Vector{{1.0}}, worst_h)(0);
  BOOST_TEST_INFO(
      "at h = " << format_number(worst_h) << " the estimate is "
                << format_number(estimate_there, 10) << ", error " << format_number(central[worst])
                << ", beyond §1.6's model (h²/6)e + "
                << "εe/h = " << format_number(central_model[worst])
                << (estimate_there == 0.0
                        ? ": the estimate is exactly 0 where the slope is e: was a small "
                          "difference f(x + h) − f(x − h) judged to be rounding noise and "
                          "replaced by 0? A small difference is still a measurement: its "
                          "rounding error is about ε|f|/h, which the error model counts and the "
                          "choice of h controls; the function returns the quotient as it is"
                        : what_the_difference_probes_find()));
  BOOST_TEST(central[worst] <= 4.0 * central_model[worst]);
  const double best_central = best(central), best_forward = best(forward);
  BOOST_TEST_MESSAGE("best h: central " << best_central << ", forward " << best_forward);
  BOOST_TEST_INFO("the central difference's error is smallest at h = "
                  << best_central << ", expected near ε^(1/3) = " << std::cbrt(eps));
  BOOST_TEST(std::abs(std::log10(best_central / std::cbrt(eps))) <= 1.0);
  BOOST_TEST(std::abs(std::log10(best_forward / std::sqrt(eps))) <= 1.0);
  // The best central error is about ε^(2/3): far below the best forward error, about √ε.
  BOOST_TEST(*std::min_element(central.begin(), central.end()) < 1e-9);
  BOOST_TEST(*std::min_element(forward.begin(), forward.end()) > 1e-9);

  plot::Figure figure("Finite-difference error of (eˣ)' at x = 1");
  figure.x_label("step h").y_label("|error|").log_x().log_y();
  figure.add("central", hs, central, plot::Style::lines_points)
      .add("forward", hs, forward, plot::Style::lines_points)
      .add("(h²/6)e + εe/h", hs, central_model, plot::Style::dashed)
      .add("(h/2)e + εe/h", hs, forward_model, plot::Style::dashed);
  testing::draw(figure, "ch01_fd_error");
}
//! [best h]

//! [gradient check]
BOOST_AUTO_TEST_CASE(
    gradient_check_tells_right_from_wrong,
    *utf::description("§1.7: with central differences (h = 1e-5) the softmax "
                      "cross-entropy gradient checks to < 1e-7 (correct); the same "
                      "gradient scaled by 1.01 gives 0.01/1.01 = 9.9e-3 (suspicious)")) {
  const Vector numerical = workbook::central_difference_gradient(cross_entropy, logits, 1e-5);
  const Vector analytic = cross_entropy_gradient(logits);
  const GradientCheck right = gradient_check(analytic, numerical);
  BOOST_TEST_INFO("relative error "
                  << right.max_relative_error << " at coordinate " << right.worst_coordinate
                  << (right.max_relative_error < 1e-7 ? "" : what_the_difference_probes_find()));
  BOOST_TEST(right.max_relative_error < 1e-7);
  BOOST_TEST(right.verdict() == "correct");
  const GradientCheck wrong = gradient_check(1.01 * analytic, numerical);
  BOOST_TEST(wrong.max_relative_error == 0.01 / 1.01, tt::tolerance(1e-4));
  BOOST_TEST(wrong.verdict() == "suspicious");
}
//! [gradient check]

BOOST_AUTO_TEST_SUITE_END()
