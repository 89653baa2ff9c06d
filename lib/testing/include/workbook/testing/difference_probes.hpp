#pragma once
// Probes of a central-difference gradient (Chapter 1, §1.6): properties that every correct one has,
// whatever its code, each with the sentence a teacher would say when it breaks. The tests of
// central_difference_gradient run them on the student's function when a check fails, so that a
// slip nobody listed is still named in the notes' words instead of being reported as bare numbers.
//
//     const auto findings = testing::probe_central_difference(workbook::central_difference_gradient);
//     BOOST_TEST_INFO("g = (1, 2), expected (2, 4)" << testing::what_the_probes_found(findings));
//
// The probes watch every call of f: where the function evaluates f tells which coordinates it
// moves and by how much, and its estimates on linear, quadratic and cubic f tell its formula.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/function.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/probes.hpp"

namespace workbook::testing {

/// The signature of workbook::central_difference_gradient.
using DifferenceGradient = Vector (*)(const ScalarFunction&, const Vector&, double);

/// One run of a difference gradient as the probes watch it: where f was called, and what came
/// back.
struct WatchedDifference {
  std::vector<Vector> points;      ///< the points f was called at, in order
  std::optional<Vector> estimate;  ///< the gradient returned, if the function returned
  std::string thrown;              ///< what it threw instead: "threw std::invalid_argument", ...
  std::string message;             ///< the exception's message

  /// "returned (1, 2)" or "threw std::invalid_argument (...)".
  std::string outcome() const {
    if (estimate) return "returned " + format_vector(*estimate, 6);
    return thrown + " (\"" + message + "\")";
  }
};

namespace detail {

// The central second difference f(x + he_i) − 2f(x) + f(x − he_i) taken for the gradient, over
// h² (the curvature ∂²f/∂x_i²), 2h², h or 2h: on q = x₀² + 2x₁² + 3x₂² it gives c·(2, 4, 6)
// exactly, whatever x, with c = h²/denominator; c at h and at h/2 tells the denominator. Over h or
// 2h it is the sum or the mean of two slopes both measured outward from x. The sentence that says
// so, "" when the estimate is something else.
inline std::string second_difference(DifferenceGradient difference, const Vector& x, double h) {
  const ScalarFunction q = [](const Vector& p) {
    return p(0) * p(0) + 2.0 * p(1) * p(1) + 3.0 * p(2) * p(2);
  };
  const Vector curvature{{2.0, 4.0, 6.0}};
  // c with estimate = c·(2, 4, 6), if the estimate is such a multiple.
  const auto multiple = [&](double step) -> std::optional<std::pair<double, Vector>> {
    std::optional<Vector> estimate;
    try {
      estimate = difference(q, x, step);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    if (!estimate || estimate->size() != 3 || !estimate->allFinite()) return std::nullopt;
    const double c = (*estimate)(0) / curvature(0);
    if (c == 0.0 || (*estimate - c * curvature).cwiseAbs().maxCoeff() > 1e-6 * std::abs(c))
      return std::nullopt;
    return std::pair{c, *estimate};
  };
  const auto at_h = multiple(h), at_half = multiple(h / 2.0);
  if (!at_h || !at_half) return "";
  const auto [c, estimate] = *at_h;
  const std::string opening =
      ": every component is 0 on a linear f, and on q = x₀² + 2x₁² + "
      "3x₂² the estimate is " +
      format_vector(estimate);
  const std::string central =
      "the gradient's central difference is the first difference "
      "(f(x + he_i) − f(x − he_i))/(2h), and needs no f(x)";
  if (close(c, at_half->first, 1e-9) && (close(c, 1.0, 1e-9) || close(c, 0.5, 1e-9))) {
    return opening +
           (close(c, 1.0, 1e-9) ? ", its second derivatives ∂²q/∂x_i²"
                                : ", half its second derivatives") +
           ": that is the second difference (f(x + he_i) − 2f(x) + f(x − he_i))/h², the "
           "curvature along e_i; " +
           central;
  }
  // Over h or 2h: c = h or h/2, halving with h.
  const bool over_h = close(c, h, 1e-9), over_2h = close(c, h / 2.0, 1e-9);
  if ((over_h || over_2h) && close(c, 2.0 * at_half->first, 1e-9)) {
    return opening + ", " + (over_h ? "h" : "h/2") +
           " times its second derivatives, halving with h: that is (f(x + he_i) − 2f(x) + " +
           "f(x − he_i))/" + (over_h ? "h" : "(2h)") + ", the " + (over_h ? "sum" : "mean") +
           " of two slopes both measured outward from x, (f(x + he_i) − f(x))/h and (f(x − "
           "he_i) − f(x))/h: the backward difference is (f(x) − f(x − he_i))/h, f(x) first; "
           "turned round, it cancels the forward difference's slope and leaves the curvature. "
           "The mean of the forward and the backward difference is the central difference, "
           "(f(x + he_i) − f(x − he_i))/(2h), and needs no f(x)";
  }
  return "";
}

// Thrown by the watched f when it is called endlessly, so that a probe always ends.
struct EndlessDifference {};

}  // namespace detail

/// Runs `difference` on `f` at `x` with step `h` and records every call of f.
/// workbook::not_implemented passes through (a stub's "not implemented yet"); any other exception
/// is recorded. With `endless` true (the probes), more than 10000 calls of f are stopped and
/// recorded ("never stopped"); with false (a graded call), the function runs on until the
/// grader's time limit stops it.
inline WatchedDifference watch_difference(DifferenceGradient difference, const ScalarFunction& f,
                                          const Vector& x, double h, bool endless = false) {
  WatchedDifference run;
  const ScalarFunction watched = [&](const Vector& p) {
    if (endless && run.points.size() >= 10000) throw detail::EndlessDifference{};
    run.points.push_back(p);
    return f(p);
  };
  const Thrown thrown = call_recording<detail::EndlessDifference>(
      [&] { run.estimate = difference(watched, x, h); }, "f called 10000 times");
  run.thrown = thrown.kind;
  run.message = thrown.message;
  return run;
}

namespace detail {

// Names the input that `offset` (an estimate minus the gradient) equals, "" if none: x itself, −x,
// h in every component, or f(x) in every component; an estimate that is off by one of its inputs
// started its sum from that input.
inline std::string offset_by_an_input(const Vector& offset, const Vector& x, double h, double fx) {
  const Index n = x.size();
  const auto is = [&](const Vector& value) {
    return (offset - value).cwiseAbs().maxCoeff() <= 1e-9 * (1.0 + value.cwiseAbs().maxCoeff());
  };
  if (is(x)) return "x = " + format_vector(x) + " itself";
  if (is(-x)) return "−x = " + format_vector(Vector(-x));
  if (is(Vector::Constant(n, h))) return "h = " + format_number(h);
  if (is(Vector::Constant(n, fx))) return "f(x) = " + format_number(fx);
  return "";
}

// +1 when estimate(i) = gradient(i − 1) wherever i − 1 is a coordinate (each quotient stored a
// slot late), −1 when estimate(i) = gradient(i + 1) (a slot early), 0 otherwise.
inline int shifted_by(const Vector& estimate, const Vector& gradient) {
  for (const int shift : {1, -1}) {
    bool all = true;
    for (Index i = 0; i < estimate.size(); ++i) {
      const Index j = i - shift;
      if (j >= 0 && j < gradient.size() && !close(estimate(i), gradient(j), 1e-9)) all = false;
    }
    if (all) return shift;
  }
  return 0;
}

}  // namespace detail

/// Runs the probes on `difference`: returns one sentence per property that it breaks, empty if it
/// keeps them all. workbook::not_implemented passes through.
inline std::vector<std::string> probe_central_difference(DifferenceGradient difference) {
  std::vector<std::string> findings;
  const Vector x{{0.3, -1.1, 2.7}};
  const Index n = x.size();
  const double h = 0.25;
  // f = aᵀx + 1: every difference quotient is exact on it, whatever h.
  const Vector a{{3.0, -1.0, 2.0}};
  const ScalarFunction linear = [a](const Vector& p) { return a.dot(p) + 1.0; };
  const std::string on_linear = "on f = 3x₀ − x₁ + 2x₂ + 1 at x = (0.3, −1.1, 2.7) with h = 0.25";

  // h > 0 is checked.
  for (double wrong : {0.0, -1e-3, std::nan("")}) {
    const WatchedDifference run = watch_difference(difference, linear, x, wrong, true);
    if (run.thrown == "threw std::invalid_argument" &&
        run.message.find("h = ") != std::string::npos) {
      continue;
    }
    if (run.thrown == "threw std::invalid_argument") {
      findings.push_back("with h = " + format_number(wrong) + " the function " + run.outcome() +
                         ": refused, as it must be, but the message does not name h; the caller "
                         "knows the argument as h, the contract's name: "
                         "require_positive(\"h\", h) says \"h = 0 is invalid: ...\"");
      break;
    }
    findings.push_back("with h = " + format_number(wrong) + " the function " + run.outcome() +
                       (std::isnan(wrong)
                            ? ": a NaN h passes a test such as h <= 0, since every comparison "
                              "with NaN is false; refuse unless h > 0, !(h > 0), as "
                              "require_positive(\"h\", h) does"
                            : ": a step h ≤ 0 is the caller's mistake; call "
                              "require_positive(\"h\", h) first, which throws "
                              "std::invalid_argument naming h"));
    break;
  }

  // A call at another point first: a perturbed point kept between calls (a static) would carry
  // its coordinates into the calls at x.
  const Vector previous{{5.0, 6.0, 7.0}};
  watch_difference(difference, linear, previous, h, true);
  // x is a const input: it comes back bit for bit.
  Vector x_copy = x;
  const WatchedDifference base = watch_difference(difference, linear, x_copy, h, true);
  if (!detail::same_bits(x, x_copy)) {
    findings.push_back("the function changed its const input x (" + format_vector(x) + " became " +
                       format_vector(x_copy) +
                       "): perturb a copy of x, and put each x_i back after perturbing it");
  }
  if (!base.estimate) {
    findings.push_back(on_linear + " the function " + base.outcome());
    return findings;
  }

  // Where f was called: at x + he_i and x − he_i for each i, one coordinate at a time, 2n calls.
  bool forward_like = false;   // f(x) and x + he_i only, as a forward difference calls it
  bool leaking = false;        // calls where more than one coordinate moved
  bool at_x = false;           // a call at x itself
  std::size_t calls_at_x = 0;  // how many
  std::vector<Index> touched;  // the coordinates the calls moved, with repeats
  double other_step =
      0.0;  // |x_i − p_i| of a call that moved one coordinate by neither h nor h|x_i|
  {
    std::vector<int> plus(std::size_t(n), 0), minus(std::size_t(n), 0);
    std::vector<int> twice(std::size_t(n), 0);        // calls at x ± 2he_i
    std::vector<int> twice_ahead(std::size_t(n), 0);  // of them, calls at x + 2he_i
    bool leaked = false, relative = false;
    bool half = false;       // x ± (h/2)e_i: the central difference of width h
    bool one_sided = false;  // x, x + he_i, x + 2he_i: the one-sided second-order formula
    bool holds_estimate =
        false;  // the leaked coordinate holds its estimate g_j: one vector for both
    std::size_t moving_all = 0;
    std::string leak, step, set_to_h;
    std::string own_step;   // a step of the function's own, ε^(1/3) or √ε, instead of h
    std::string reflected;  // a minus point h − x_i instead of x_i − h
    for (const Vector& p : base.points) {
      std::vector<Index> moved;
      for (Index i = 0; i < n; ++i) {
        if (std::abs(p(i) - x(i)) > 1e-9 * h) moved.push_back(i);  // beyond rounding
      }
      for (Index i : moved) touched.push_back(i);
      if (moved.empty()) {
        at_x = true;
        ++calls_at_x;
      } else if (moved.size() > 1) {
        if (Index(moved.size()) == n) ++moving_all;
        if (!leaked) {
          leak = "x_" + std::to_string(moved.front()) + " and x_" + std::to_string(moved.back());
          const Index j = moved.front();
          holds_estimate = close(p(j), (*base.estimate)(j), 1e-12) && p(j) != x(j);
        }
        leaked = true;
      } else {
        const Index i = moved.front();
        const double delta = p(i) - x(i);
        if (close(delta, h, 1e-9)) {
          ++plus[std::size_t(i)];
        } else if (close(delta, -h, 1e-9)) {
          ++minus[std::size_t(i)];
        } else if (close(std::abs(delta), 0.5 * h, 1e-9)) {
          half = true;
          other_step = std::abs(delta);
          step = "x_" + std::to_string(i) + " by " + format_number(delta, 6);
        } else if (close(std::abs(delta), 2.0 * h, 1e-9)) {
          ++twice[std::size_t(i)];
          if (delta > 0.0) ++twice_ahead[std::size_t(i)];
          other_step = std::abs(delta);
          step = "x_" + std::to_string(i) + " by " + format_number(delta, 6);
        } else if (close(std::abs(delta), h * std::abs(x(i)), 1e-9)) {
          relative = true;
          step = "x_" + std::to_string(i) + " by " + format_number(delta) + " = ±h|x_" +
                 std::to_string(i) + "|";
        } else if (close(std::abs(p(i)), h, 1e-12)) {
          other_step = std::abs(delta);
          set_to_h = "x_" + std::to_string(i) + " = " + format_number(p(i));
        } else if (close(p(i), h - x(i), 1e-12)) {
          other_step = std::abs(delta);
          reflected = "x_" + std::to_string(i) + " = " + format_number(p(i)) + " = h − x_" +
                      std::to_string(i);
        } else if (const double eps = std::numeric_limits<double>::epsilon();
                   close(std::abs(delta), std::cbrt(eps), 1e-6) ||
                   close(std::abs(delta), std::sqrt(eps), 1e-6)) {
          other_step = std::abs(delta);
          own_step = format_number(std::abs(delta), 6) +
                     (close(std::abs(delta), std::cbrt(eps), 1e-6) ? " = ε^(1/3)" : " = √ε");
        } else {
          other_step = std::abs(delta);
          step = "x_" + std::to_string(i) + " by " + format_number(delta, 6);
        }
      }
    }
    // Calls where the coordinates other than the one perturbed are the previous call's: the
    // point was kept between calls, and only the coordinates already visited were put back.
    bool from_previous = false;
    for (const Vector& p : base.points) {
      Index moved = 0, carried = 0;
      for (Index i = 0; i < n; ++i) {
        if (std::abs(p(i) - x(i)) <= 1e-9 * h) continue;
        ++moved;
        carried += p(i) == previous(i) ? 1 : 0;
      }
      if (moved >= 2 && carried == moved - 1) from_previous = true;
    }
    if (from_previous) {
      findings.push_back(on_linear +
                         ", called right after a call at (5, 6, 7), f was called at points whose "
                         "other coordinates were the previous call's, 5, 6 or 7, not x's: the "
                         "perturbed point outlives the call (a static, or a member kept between "
                         "calls) and starts from the last x it held; each call starts from a copy "
                         "of its own x");
      return findings;
    }
    // Calls where coordinates other than the one perturbed differ from x, all of them 0: the
    // point started from zeros, not from x (x has no zero coordinate), and only the coordinates
    // already visited were put back to x's.
    bool from_zeros = false;
    for (const Vector& p : base.points) {
      Index moved = 0, zeros = 0;
      for (Index i = 0; i < n; ++i) {
        if (std::abs(p(i) - x(i)) <= 1e-9 * h) continue;
        ++moved;
        zeros += p(i) == 0.0 ? 1 : 0;
      }
      if (moved >= 2 && zeros < moved - 1) {
        from_zeros = false;
        break;
      }
      from_zeros = from_zeros || moved >= 2;
    }
    if (from_zeros) {
      findings.push_back(on_linear +
                         " f was called at points whose other coordinates were 0, not "
                         "x's: the point perturbed must start as a copy of x (Vector point = x), "
                         "and each coordinate be put back to x_i, not to 0, so that only "
                         "coordinate i moves");
      return findings;
    }
    // Every call moving every coordinate is one slip; some calls moving two is another.
    const bool all_at_once = moving_all > 0 && moving_all == base.points.size();
    if (all_at_once) leaked = false;
    leaking = leaked || all_at_once;
    const std::string calls = std::to_string(base.points.size()) + " calls of f for n = 3";
    if (all_at_once) {
      findings.push_back(on_linear +
                         " the function called f at x ± h(1, 1, 1): it perturbed every "
                         "coordinate at once; g_i uses x ± he_i, coordinate i alone");
    }
    if (leaked && holds_estimate) {
      findings.push_back(
          on_linear + " the function called f at a point where " + leak +
          " had both moved, and the first of them held the estimate already "
          "computed for it instead of x's value: the vector that collects the estimates is also "
          "the point being perturbed; keep them apart (a copy of x to perturb, "
          "another vector for g)");
    } else if (leaked) {
      findings.push_back(on_linear + " the function called f at a point where " + leak +
                         " had both moved: put x_i back after perturbing it, before moving on "
                         "to the next coordinate");
    }
    if (relative) {
      findings.push_back(on_linear + " the function moved " + step +
                         ": a relative step; the contract's step is h itself, x_i ± h");
    } else if (half && base.estimate->size() == n && base.estimate->isApprox(a, 1e-9)) {
      // Halves of h over h: right on a linear f (half of h over 2h is the slip said below).
      findings.push_back(on_linear + " the function moved " + step +
                         ", half of h = 0.25: the points x ± (h/2)e_i over h make the central "
                         "difference of width h, (f(x + ½he_i) − f(x − ½he_i))/h, whose error is "
                         "(h²/24)f‴; §1.6's estimate is h on either side, (f(x + he_i) − "
                         "f(x − he_i))/(2h)");
    } else if (!own_step.empty()) {
      findings.push_back(on_linear + " the function moved each coordinate by ±" + own_step +
                         ", whatever h (here 0.25): it uses a step of its own, not the h it is "
                         "given; ε^(1/3) is what the error model recommends (§1.6), and choosing "
                         "h is the caller's part of the contract");
    } else if (!reflected.empty()) {
      findings.push_back(on_linear + " f was called with " + reflected +
                         ": the minus point is x_i − h, not h − x_i; h − x_i mirrors the "
                         "coordinate, so the two points are not h on either side of x_i");
    } else if (!set_to_h.empty()) {
      findings.push_back(on_linear + " f was called with " + set_to_h +
                         ": the coordinate was set to ±h itself, not moved to x_i ± h; h is how "
                         "far to move from x, not where to");
    } else if (std::all_of(twice.begin(), twice.end(), [](int k) { return k == 2; }) &&
               std::all_of(plus.begin(), plus.end(), [](int k) { return k == 1; }) &&
               std::all_of(minus.begin(), minus.end(), [](int k) { return k == 1; })) {
      findings.push_back(on_linear + " f was called at x ± he_i and x ± 2he_i for every i (" +
                         calls +
                         "): that is the five-point stencil, whose error falls like h⁴; the "
                         "exercise is the central difference (f(x + he_i) − f(x − he_i))/(2h), "
                         "2n calls, whose error falls like h²");
    } else if (const auto once =
                   [](const std::vector<int>& k) {
                     return std::all_of(k.begin(), k.end(), [](int c) { return c == 1; });
                   };
               at_x && calls_at_x == 1 && once(plus) && once(twice_ahead) && once(twice) &&
               std::all_of(minus.begin(), minus.end(), [](int k) { return k == 0; })) {
      one_sided = true;
      findings.push_back(
          on_linear + " f was called at x, and at x + he_i and x + 2he_i for every i (" + calls +
          "), never at x − he_i: that is the one-sided formula (−3f(x) + 4f(x + he_i) − f(x + "
          "2he_i))/(2h); it is O(h²) too, but its error is −(h²/3)∂ᵢ³f, twice the central "
          "difference's and of the other sign; §1.6's estimate is h on either side, (f(x + he_i) "
          "− f(x − he_i))/(2h), error (h²/6)∂ᵢ³f");
    } else if (other_step > 0.0) {
      findings.push_back(on_linear + " the function moved " + step +
                         " instead of ±h = ±0.25: "
                         "g_i uses f(x + he_i) and f(x − he_i)");
    }
    std::string missing_plus, missing_minus;
    for (Index i = 0; i < n; ++i) {
      if (plus[std::size_t(i)] == 0)
        missing_plus += (missing_plus.empty() ? "" : ", ") + std::to_string(i);
      if (minus[std::size_t(i)] == 0)
        missing_minus += (missing_minus.empty() ? "" : ", ") + std::to_string(i);
    }
    forward_like = at_x && !missing_minus.empty() && missing_plus.empty() && !leaking;
    const bool only_the_first =
        // More than one pair of calls: the loop ran more than once (a loop that stops after
        // i = 0 is said by the coordinates never perturbed).
        n > 1 && touched.size() > 2 &&
        std::all_of(touched.begin(), touched.end(), [](Index i) { return i == 0; });
    if (only_the_first) {
      findings.push_back(
          on_linear + " every call of f (" + calls +
          ") moved coordinate 0, whatever i: the loop's index does not reach the "
          "perturbation; is it captured by value in a lambda written before the loop ([=] "
          "copies i once, when the lambda is made), or is the index fixed? g_i moves coordinate "
          "i");
    } else if (!base.points.empty() && calls_at_x == base.points.size()) {
      findings.push_back(
          on_linear + " every call of f (" + calls +
          ") was at x itself: no perturbation reached the vector f was given; is the coordinate "
          "changed in a copy of it (a range-for by value, for (double "
          "c : point), or double c = point(i)) instead of in point itself? Write point(i) = "
          "x(i) + h, call f(point), and put x(i) back");
    } else if (at_x && !one_sided) {
      findings.push_back(on_linear + " the function called f at x itself (" + calls +
                         "): the central difference "
                         "needs no f(x); g_i uses f(x + he_i) and f(x − he_i)" +
                         (forward_like ? ", and x − he_i was never evaluated" : ""));
    }
    if (!all_at_once && !leaked && !relative && other_step == 0.0) {
      if (!missing_plus.empty() && missing_plus == missing_minus &&
          calls_at_x != base.points.size()) {
        findings.push_back(on_linear + " coordinate " + missing_plus +
                           " was never perturbed: the loop must visit every coordinate, "
                           "i < x.size()");
      } else if (const auto each_twice =
                     [](const std::vector<int>& k) {
                       return std::all_of(k.begin(), k.end(), [](int c) { return c == 2; });
                     };
                 !at_x && (each_twice(plus) || each_twice(minus)) &&
                 (missing_plus.size() + missing_minus.size() > 0)) {
        const std::string seen = each_twice(minus) ? "x − he_i" : "x + he_i";
        findings.push_back(
            on_linear + " f was called twice at " + seen + " and never at " +
            (each_twice(minus) ? "x + he_i" : "x − he_i") +
            ", for every i: both calls see the same point, so each quotient is 0; are the two "
            "perturbed points one vector under two names (two references to one copy, "
            "Vector& plus = point and Vector& minus = point), so that the second perturbation "
            "is made before either call? Each needs a copy of its own, or call f between the "
            "two perturbations");
      } else if (!missing_minus.empty() && !at_x) {
        findings.push_back(on_linear + " x − he_i was never evaluated for i = " + missing_minus +
                           ": g_i uses f(x + he_i) and f(x − he_i)");
      } else if (findings.empty() && base.points.size() != std::size_t(2 * n)) {
        findings.push_back(on_linear + " the function made " + calls +
                           ", expected 2n = 6: one "
                           "call at x + he_i and one at x − he_i for each i");
      }
    }
  }

  // On a linear f the estimate is a, whatever h, to rounding.
  const Vector& got = *base.estimate;
  bool exact_on_linear = got.size() == n && got.allFinite();
  if (got.size() != n) {
    findings.push_back(on_linear + " the function returned " + std::to_string(got.size()) +
                       " components for n = 3: one partial derivative per coordinate");
  } else if (!got.allFinite()) {
    findings.push_back(
        on_linear + " the function returned " + format_vector(got) +
        (got.array().isNaN().any()
             ? ": NaN from finite values of f; is a vector read before it is set? Vector g(n) "
               "holds no zeros (in these tests it holds NaN until written), so g(i) += … adds to "
               "NaN: start from Vector::Zero(n), or assign g(i) = … once; or is 0 divided by 0?"
             : ": infinity from finite values of f; is something divided by 0?"));
  } else {
    const auto scaled = [&](double factor, double tolerance) {
      for (Index i = 0; i < n; ++i) {
        if (!close(got(i), factor * a(i), tolerance)) return false;
      }
      return true;
    };
    if (!scaled(1.0, 1e-9)) {
      exact_on_linear = false;
      std::string why =
          on_linear + " the estimate is " + format_vector(got, 8) + ", the gradient (3, −1, 2)";
      const WatchedDifference halved = watch_difference(difference, linear, x, h / 2.0, true);
      const bool depends_on_h = !(halved.estimate && halved.estimate->size() == n &&
                                  halved.estimate->isApprox(got, 1e-6));
      // How the estimate scales with h: a linear f's difference is (2h)·a_i, so an estimate
      // proportional to h^p has its step or its denominator off by a power of h.
      // Only where f was called at x ± he_i: other points scale otherwise, for reasons named
      // above.
      const bool halves_valid = other_step == 0.0 && depends_on_h && halved.estimate &&
                                halved.estimate->size() == n && halved.estimate->allFinite() &&
                                halved.estimate->norm() > 0.0;
      const double power =
          halves_valid ? std::log2(got.norm() / halved.estimate->norm()) : 0.0;  // got ∝ h^power
      if (halves_valid && std::abs(power + 1.0) < 1e-6) {
        why += ", and h = 0.125 gives " + format_vector(*halved.estimate, 8) +
               ": the estimate doubles when h halves, it grows like 1/h: the difference is "
               "divided by h once too often (2h² or h·h is not 2h); divide by (2.0 * h)";
      } else if (halves_valid && std::abs(power - 1.0) < 1e-6 && scaled(2.0 * h, 1e-6)) {
        why += ", and h = 0.125 gives " + format_vector(*halved.estimate, 8) +
               ": 2h times the gradient, halving with h: the difference f(x + he_i) − "
               "f(x − he_i) is not divided by the distance 2h between the two points; a slope "
               "is a change of f over a change of x, (f(x + he_i) − f(x − he_i))/(2h)";
      } else if (scaled(2.0, 1e-6)) {
        why += ": twice the gradient; divide f(x + he_i) − f(x − he_i) by 2h, not h";
      } else if (scaled(0.5, 1e-6) && close(other_step, h / 2.0, 1e-9)) {
        why +=
            ": half the gradient: the points x ± (h/2)e_i are h apart, yet the difference is "
            "divided by 2h; the central difference steps the whole h each way, x ± he_i";
      } else if (scaled(0.5, 1e-6) && at_x) {
        why +=
            ": half the gradient: one of the two points is x itself, so the points are h "
            "apart, yet the difference is divided by 2h; use f(x + he_i) and f(x − he_i)";
      } else if (scaled(0.5, 1e-6)) {
        why += ": half the gradient; divide f(x + he_i) − f(x − he_i) by 2h, not 4h";
      } else if (scaled(-1.0, 1e-6)) {
        why +=
            ": the estimate is −∇f; the central difference is f(x + he_i) − f(x − he_i), in "
            "that order";
      } else if (const std::string input = detail::offset_by_an_input(got - a, x, h, linear(x));
                 !input.empty()) {
        why += ": the gradient plus " + input +
               ", component by component, whatever f's slope: the sum started from that value, "
               "not from 0; start g from Vector::Zero(n) and give each g_i only its difference "
               "quotient";
      } else if (const int shift = detail::shifted_by(got, a); shift != 0) {
        why += ": component i holds the quotient of coordinate i " +
               std::string(shift > 0 ? "− 1" : "+ 1") +
               " (the values are the gradient's, one slot off): is g_i written before this i's "
               "f(x ± he_i) are computed, or is an index off by one?";
      } else if (got.isApprox(Vector::Constant(n, a.sum()), 1e-6)) {
        why +=
            ": every component is the derivative along (1, 1, 1), 3 − 1 + 2 = 4; perturb "
            "coordinate i alone";
      } else if (got.isZero(0.0) && !base.points.empty() && calls_at_x == base.points.size()) {
        why += ": every component is 0, f(x) − f(x) over 2h, since every call was at x";
      } else if (const std::string curvature = detail::second_difference(difference, x, h);
                 got.isZero(0.0) && calls_at_x > 0 && !curvature.empty()) {
        why += curvature;
      } else if (got.isZero(0.0)) {
        why +=
            ": every component is 0, although f changes along every coordinate: the difference "
            "quotient is multiplied by 0 somewhere; an integer division such as 1 / 2 is 0 in "
            "C++ (write 2.0), or is g never written?";
      } else if (scaled(1.0, 1e-3)) {
        why += ": right to only " + format_number((got - a).cwiseAbs().maxCoeff() / 3.0) +
               " relative, where double precision rounds to about 1e-15: is a value kept in float "
               "(ε ≈ 1.2e-7)?";
      } else if (depends_on_h && halved.estimate && halved.estimate->size() == n &&
                 close(got.norm() / halved.estimate->norm(), 4.0, 1e-6)) {
        why += ", and h = 0.125 gives " + format_vector(*halved.estimate, 8) +
               ": the estimate shrinks like h², so the difference is multiplied by h instead of "
               "divided by it; a / 2.0 * h is (a / 2)·h: divide by (2.0 * h)";
      } else if (const auto signed_like_x =
                     [&] {
                       // g_i = sign(x_i)·∂_i f: the points x ± s·e_i with s = copysign(h, x_i),
                       // their difference divided by 2h all the same.
                       bool flipped = false;
                       for (Index i = 0; i < n; ++i) {
                         const double sign = std::signbit(x(i)) ? -1.0 : 1.0;
                         if (!close(got(i), sign * a(i), 1e-9)) return false;
                         flipped = flipped || (sign < 0.0 && a(i) != 0.0);
                       }
                       return flipped;
                     };
                 signed_like_x()) {
        std::string where;
        for (Index i = 0; i < n; ++i) {
          if (std::signbit(x(i)))
            where += (where.empty() ? "" : ", ") + std::string("component ") + std::to_string(i) +
                     " (x_" + std::to_string(i) + " = " + format_number(x(i)) + ")";
        }
        why += ": the gradient with its sign flipped exactly where x_i < 0, at " + where +
               ": is the step signed like x_i (std::copysign(h, x_i), a step away from 0)? The "
               "points x ± s·e_i are then 2s apart, and a quotient over 2h has the sign of s "
               "in it; §1.6's points are x + he_i and x − he_i with h > 0, the plus point "
               "first, whatever x's sign";
      } else if (const auto pairs_with_last_minus =
                     [&] {
                       // g_i from f(x + he_i) and the f(x − he_{i−1}) of the coordinate before.
                       for (Index i = 1; i < n; ++i) {
                         Vector plus = x, minus = x;
                         plus(i) += h;
                         minus(i - 1) -= h;
                         if (!close(got(i), (linear(plus) - linear(minus)) / (2.0 * h), 1e-9))
                           return false;
                       }
                       return n > 1;
                     };
                 pairs_with_last_minus()) {
        why +=
            ": component i is (f(x + he_i) − f(x − he_{i−1}))/(2h), this coordinate's plus "
            "value with the previous coordinate's minus value (and component 0 with a starting "
            "value): is the quotient taken before this i's f(x − he_i) is computed, while the "
            "variable still holds the last one? Compute both values, then the quotient";
      } else if (depends_on_h) {
        why += ", and h = 0.125 gives " +
               (halved.estimate ? format_vector(*halved.estimate, 8) : halved.outcome()) +
               ": on a linear f every difference quotient is exact whatever h; is the whole "
               "difference divided by 2h, (f(x + he_i) − f(x − he_i))/(2h)?";
      } else if (const double r = got(0) / a(0); std::isfinite(r) && r != 0.0 && scaled(r, 1e-6)) {
        // Every component off by the same factor, whatever h: a constant in the quotient.
        why += ": every component is " + format_number(r, 6) +
               " times the gradient's, whatever h: a constant factor in the difference quotient";
        if (close(r, 4.0, 1e-6)) {
          why += "; 4 = (2/h)/(1/(2h)): is 1/(2h) written 2.0 / h, the 2 on the wrong side?";
        } else {
          why += "; compare yours with (f(x + he_i) − f(x − he_i))/(2h), factor by factor";
        }
      } else if (const auto reversed =
                     [&] {
                       // Component i is coordinate (n − 1 − i)'s slope: the right values, stored
                       // in the reverse order.
                       for (Index i = 0; i < n; ++i)
                         if (!close(got(i), a(n - 1 - i), 1e-9)) return false;
                       return true;
                     };
                 reversed()) {
        why +=
            ": the right slopes in the reverse order, component i is coordinate (n − 1 − i)'s: "
            "are the components stored in the order a loop visits the coordinates, from the last "
            "one down (a push_back, or an index counted from the end), rather than at their "
            "index? Component i belongs in g(i), whatever the loop's direction";
      } else if (const std::string borrowed =
                     [&] {
                       // A wrong component that is another coordinate's slope exactly.
                       std::string said;
                       for (Index i = 0; i < n; ++i) {
                         if (close(got(i), a(i), 1e-9)) continue;
                         for (Index j = 0; j < n; ++j) {
                           if (j != i && !close(a(j), a(i), 1e-9) && close(got(i), a(j), 1e-9)) {
                             said += (said.empty() ? "" : ", ") + std::string("component ") +
                                     std::to_string(i) + " is " + format_number(got(i)) +
                                     ", coordinate " + std::to_string(j) + "'s slope";
                             break;
                           }
                         }
                       }
                       return said;
                     }();
                 !borrowed.empty()) {
        why += ": " + borrowed +
               ": a component made of another coordinate's values; is the index into the stored "
               "values off? Stored in pairs, f(x + he_i) at 2i and f(x − he_i) at 2i + 1, "
               "coordinate i's pair is read at 2i and 2i + 1, not at i and i + 1; or compute each "
               "coordinate's two values and its quotient together";
      } else if (n > 1 && close(got(n - 1), a(n - 1), 1e-9) &&
                 (got.head(n - 1).array() == 0.0).all()) {
        // Only the last coordinate's slope, every other component 0: g rewritten at every i.
        why +=
            ": only the last component is the slope, every other is 0: is g written whole at "
            "each i (g = … * e_i, a vector along the i-th unit vector), so that each coordinate "
            "wipes out the ones before? Set the one component, g(i) = …";
      } else {
        why += ": on a linear f the central difference is exact whatever h";
      }
      findings.push_back(why);
    }
  }

  // Coordinates are independent: adding x₂² to f changes component 2 only.
  if (exact_on_linear) {
    const ScalarFunction bent = [&](const Vector& p) { return linear(p) + p(2) * p(2); };
    const WatchedDifference run = watch_difference(difference, bent, x, h, true);
    for (Index i = 0; i < 2 && run.estimate && run.estimate->size() == n; ++i) {
      if (close((*run.estimate)(i), a(i), 1e-9)) continue;
      findings.push_back(
          "adding x₂², a function of x₂ alone, to f = 3x₀ − x₁ + 2x₂ + 1 changed "
          "component " +
          std::to_string(i) + " of the estimate from " + format_number(a(i)) + " to " +
          format_number((*run.estimate)(i), 8) +
          ": component i must use only f(x + he_i) and f(x − he_i); does a "
          "perturbation of another coordinate leak into it?");
      break;
    }
  }

  // Exact on a quadratic whatever h; error h² on Σx_i³ (h²f‴/6, f‴ = 6): second order. A leak
  // between coordinates, already named, would only be named again.
  if (exact_on_linear && !leaking) {
    const ScalarFunction quadratic = [](const Vector& p) {
      return 2.0 * p(0) * p(0) + p(0) * p(1) + 1.5 * p(1) * p(1) - p(1) * p(2) + p(2) * p(2);
    };
    const Vector exact{{4.0 * x(0) + x(1), x(0) + 3.0 * x(1) - x(2), -x(1) + 2.0 * x(2)}};
    const auto error_of = [&](const WatchedDifference& run, const Vector& gradient) {
      if (!run.estimate || run.estimate->size() != n)
        return std::numeric_limits<double>::quiet_NaN();
      return (*run.estimate - gradient).cwiseAbs().maxCoeff();
    };
    const auto error = [&](const ScalarFunction& f, const Vector& gradient, double step) {
      return error_of(watch_difference(difference, f, x, step, true), gradient);
    };
    const WatchedDifference at_h = watch_difference(difference, quadratic, x, h, true);
    const double coarse = error_of(at_h, exact), fine = error(quadratic, exact, h / 2.0);
    if (!(coarse <= 1e-12 * 10.0)) {
      std::string why = "on the quadratic 2x₀² + x₀x₁ + 1.5x₁² − x₁x₂ + x₂² the error is " +
                        format_number(coarse) + " at h = 0.25 and " + format_number(fine) +
                        " at h = 0.125";
      const double ratio = coarse / fine;
      // Every component a float's value, off by about a float's rounding: a quotient held in a
      // float (the error would be 0 in double, whatever h).
      const bool in_float = at_h.estimate && at_h.estimate->size() == n && [&] {
        for (Index i = 0; i < n; ++i) {
          const double c = (*at_h.estimate)(i);
          if (double(float(c)) != c) return false;
          if (std::abs(c - exact(i)) > 1e-6 * std::abs(exact(i))) return false;
        }
        return true;
      }();
      if (in_float) {
        why +=
            ": every component of the estimate is a float's value, right to a float's rounding "
            "(2⁻²⁴ ≈ 6e-8 relative) and no better: is the quotient, or g, held in a float? §1.6's "
            "error model, (h²/6)|∂³f| + ε|f|/h, is about doubles (ε = 2⁻⁵²), and on a quadratic "
            "the central difference is exact to that";
      } else if (std::abs(ratio - 2.0) < 0.05 && forward_like) {
        why +=
            ": it halves with h, first order, as (h/2)∂ᵢ²f: this is a forward difference "
            "(f(x + he_i) − f(x))/h; the central difference (f(x + he_i) − f(x − he_i))/(2h) "
            "is exact on quadratics";
      } else if (std::abs(ratio - 2.0) < 0.05) {
        why +=
            ": it halves with h, first order, where the central difference's error "
            "(h²/6)∂ᵢ³f is 0 on a quadratic, whatever h";
      } else {
        why += ": the central difference's error (h²/6)∂ᵢ³f is 0 on a quadratic, whatever h";
      }
      findings.push_back(why);
    } else {
      const ScalarFunction cubic = [](const Vector& p) { return p.array().cube().sum(); };
      const Vector slope = 3.0 * x.array().square();
      const double big = error(cubic, slope, h), small = error(cubic, slope, h / 2.0);
      if (!close(big, h * h, 1e-6) || !close(small, h * h / 4.0, 1e-6)) {
        findings.push_back("on Σx_i³ the error is " + format_number(big, 6) + " at h = 0.25 and " +
                           format_number(small, 6) +
                           " at h = 0.125, expected (h²/6)f‴ = h² "
                           "(0.0625 and 0.015625): " +
                           (close(big, 2.0 * h * h, 1e-6) && close(small, h * h / 2.0, 1e-6)
                                ? "it falls like h², but is twice the central difference's "
                                  "error: a second-order formula of another stencil, such as "
                                  "the one-sided (−3f(x) + 4f(x + he_i) − f(x + 2he_i))/(2h), "
                                  "whose error is −(h²/3)f‴"
                                : "halving h must divide the error by 4"));
      }
    }
  }
  // A tiny h is the caller's choice too: at h = 2⁻⁴⁰ (x ± h exact at this x) every call moves
  // its coordinate by exactly h, not by a floor of the function's own.
  if (findings.empty()) {
    const double tiny = std::ldexp(1.0, -40);
    const WatchedDifference small = watch_difference(difference, linear, x, tiny, true);
    double moved_by = 0.0;
    for (const Vector& p : small.points) {
      const double d = (p - x).cwiseAbs().maxCoeff();
      if (d != tiny) moved_by = d;
    }
    if (moved_by > 0.0) {
      const double eps = std::numeric_limits<double>::epsilon();
      const bool sqrt_eps = close(moved_by, std::sqrt(eps), 1e-6),
                 cbrt_eps = close(moved_by, std::cbrt(eps), 1e-6);
      findings.push_back(
          "on f = 3x₀ − x₁ + 2x₂ + 1 at x = (0.3, −1.1, 2.7) with h = 2⁻⁴⁰ ≈ 9.1e-13 the function "
          "moved a coordinate by " +
          format_number(moved_by, 6) +
          (sqrt_eps   ? " = √ε"
           : cbrt_eps ? " = ε^(1/3)"
                      : "") +
          ", not by h" +
          (sqrt_eps || cbrt_eps || moved_by > tiny
               ? ": is a small h replaced by a floor of the function's own (max(h, √ε), say)? "
                 "The function steps by the h it is given: that a tiny h loses digits to "
                 "rounding (§1.6) is for the caller to see, and choosing h is the caller's part "
                 "of the contract"
               : ": the function steps by the h it is given, x_i ± h"));
    }
  }
  // Where f is symmetric in x_i at x, f(x + he_i) = f(x − he_i): an equal pair is a measurement
  // (a slope of 0 to rounding), and the calls stay the 2n at x ± he_i.
  if (findings.empty()) {
    const ScalarFunction bowl = [](const Vector& p) {
      return p(0) * p(0) + 2.0 * p(1) * p(1) + 3.0 * p(2) * p(2);
    };
    const Vector centre{{0.0, 1.0, 0.0}};
    const double step = 1e-3;
    const WatchedDifference run = watch_difference(difference, bowl, centre, step, true);
    double farthest = 0.0;
    for (const Vector& p : run.points)
      farthest = std::max(farthest, (p - centre).cwiseAbs().maxCoeff());
    if (run.points.size() != std::size_t(2 * n) || !close(farthest, step, 1e-9)) {
      findings.push_back(
          "on f = x₀² + 2x₁² + 3x₂² at x = (0, 1, 0), where f(x + he_i) = f(x − he_i) for i = 0 "
          "and 2 (f is symmetric in them there), with h = 0.001 the function called f " +
          std::to_string(run.points.size()) + " times, expected 2n = 6, at points as far as " +
          format_number(farthest, 6) +
          " from x: two equal values are a measurement, not a failure: they say the slope along "
          "e_i is 0 to rounding; the central difference takes the 2n values f(x ± he_i) with the "
          "h it is given, whatever they are");
    }
  }
  // The setting is said once: later findings on the same f say "there".
  for (std::size_t k = 1; k < findings.size(); ++k) {
    if (findings[k].rfind(on_linear + " ", 0) == 0 && findings[0].rfind(on_linear, 0) == 0) {
      findings[k] = "there, " + findings[k].substr(on_linear.size() + 1);
    }
  }
  return findings;
}

}  // namespace workbook::testing
