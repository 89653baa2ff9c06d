// Chapter 1, §1.5: backtracking (Armijo) line search.
// Exercise: armijo_backtracking (exercises/ch01/armijo_backtracking.cpp).
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "workbook/gradient_descent.hpp"
#include "workbook/linear_algebra.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/line_search_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

const auto x_squared = [](const Vector& x) { return x.squaredNorm(); };

ArmijoParams params(double initial_step, double shrink, double c) {
  ArmijoParams p;
  p.initial_step = initial_step;
  p.shrink = shrink;
  p.sufficient_decrease = c;
  return p;
}

// What the probes of line_search_probes.hpp find wrong with the student's search, as the end of a
// diagnosis ("" if nothing): the trials α₀τʲ in order, the first that passes returned, the slope
// ∇fᵀd alone, max_backtracks + 1 trials, a direction that does not descend refused.
// Once per test case: later failures of the case point back to the first.
std::string what_the_search_probes_find() {
  return testing::once_per_case("line search", [] {
    return testing::what_the_probes_found(
        testing::probe_line_search(workbook::armijo_backtracking));
  });
}

// The student's search, watched: what it returned or threw, and where it called f.
testing::WatchedSearch search(const ScalarFunction& f, const Vector& x, double loss,
                              const Vector& g, const Vector& d, const ArmijoParams& p) {
  return testing::watch_search(workbook::armijo_backtracking, f, x, loss, g, d, p);
}

// Why a backtracking search on f = x² from x = 1 (∇f = 2) along d ended as `run` instead of
// returning `expected`: what its answer breaks, then what the probes say caused it.
std::string diagnose(const testing::WatchedSearch& run, double d, double expected, double c) {
  if (!run.alpha) {
    return "the search " + run.outcome() + ", expected α = " + format_number(expected) +
           what_the_search_probes_find();
  }
  const double got = *run.alpha;
  if (got == expected) return "α = " + format_number(got);
  const double f_trial = std::pow(1.0 + got * d, 2);
  const double armijo_bound = 1.0 + c * got * 2.0 * d;  // f(x) + cα∇fᵀd
  std::string why;
  if (f_trial >= 1.0) {
    why = "accepted α = " + format_number(got) + " although f(x + αd) = " + format_number(f_trial) +
          " ≥ f(x) = 1: the step did not decrease f";
  } else if (f_trial > armijo_bound) {
    why = "accepted α = " + format_number(got) + " where f(x + αd) = " + format_number(f_trial) +
          " > f(x) + cα∇fᵀd = " + format_number(armijo_bound) +
          ": the step decreased f, but by less than the condition asks";
  } else if (got < expected) {
    why = "returned α = " + format_number(got) + ", but α = " + format_number(expected) +
          " already satisfies f(x + αd) ≤ f(x) + cα∇fᵀd";
  } else {
    why = "returned α = " + format_number(got) + ", expected " + format_number(expected);
  }
  return why + what_the_search_probes_find();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(armijo_backtracking)

//! [armijo cases]
BOOST_AUTO_TEST_CASE(
    accepts_the_first_step_that_decreases_enough,
    *utf::description("§1.5: on f = x² from x = 1 along d = −∇f = −2: α₀ = 0.25 "
                      "passes at once; from α₀ = 1 with c = 1e-4 the search halves "
                      "once (f(−1) = 1 fails, f(0) = 0 passes) and returns 0.5; "
                      "with c = 0.6 it also rejects 0.5 and returns 0.25. Along d = −1, "
                      "not −∇f, the slope is ∇fᵀd = −2: from α₀ = 2 with c = 0.3, "
                      "f(−1) = 1 fails and f(0) = 0 ≤ 1 − 0.6 passes, α = 1")) {
  const Vector x{{1.0}}, g{{2.0}};
  struct Case {
    double direction, initial_step, shrink, c, expected;
  };
  for (const Case& k : {Case{-2.0, 0.25, 0.5, 1e-4, 0.25}, Case{-2.0, 1.0, 0.5, 1e-4, 0.5},
                        Case{-2.0, 1.0, 0.5, 0.6, 0.25}, Case{-2.0, 1.0, 0.1, 1e-4, 0.1},
                        Case{-1.0, 2.0, 0.5, 0.3, 1.0}}) {
    const testing::WatchedSearch run =
        search(x_squared, x, 1.0, g, Vector{{k.direction}}, params(k.initial_step, k.shrink, k.c));
    const std::string why = diagnose(run, k.direction, k.expected, k.c);
    BOOST_TEST_INFO("d = " << k.direction << ", α₀ = " << k.initial_step << ", τ = " << k.shrink
                           << ", c = " << k.c << ": " << why);
    BOOST_TEST(run.alpha_or_nan() == k.expected, tt::tolerance(1e-15));
  }
  // The first trial is α₀ itself, bit for bit: along d = −0.1, α₀ = 3 (τ = 0.7) passes at once.
  const testing::WatchedSearch first =
      search(x_squared, x, 1.0, g, Vector{{-0.1}}, params(3.0, 0.7, 1e-4));
  BOOST_TEST_INFO(
      "along d = −0.1 from α₀ = 3 with τ = 0.7 (f(0.7) = 0.49 passes at once) the "
      "search "
      << first.outcome() << ", expected α = 3 exactly"
      << (first.alpha && *first.alpha != 3.0 && close(*first.alpha, 3.0, 1e-12)
              ? ": α₀ to rounding only, " + format_number(*first.alpha, 17) +
                    ": is α started at α₀/τ and shrunk before every trial? (α₀/τ)·τ "
                    "is not α₀ in floating point, and α₀/τ overflows for a large "
                    "α₀; try α₀, and shrink after a rejection"
          : first.alpha_or_nan() == 3.0 ? ""
                                        : what_the_search_probes_find()));
  BOOST_TEST(first.alpha_or_nan() == 3.0);
  // x is only read: from x = 0.1, whose first trial x + 8·(−2) is far away, it comes back as 0.1.
  Vector passed{{0.1}};
  search(x_squared, passed, 0.01, Vector{{0.2}}, Vector{{-2.0}}, params(8.0, 0.5, 1e-4));
  BOOST_TEST_INFO("x = 0.1 came back from the search as "
                  << format_number(passed(0), 17)
                  << (passed(0) == 0.1 ? ""
                                       : ": the const input x was changed; is it moved out to the "
                                         "trial point and back (x += αd, then x −= αd)? In "
                                         "floating point (x + αd) − αd is not x; build the trial "
                                         "point x + αd in a vector of its own"));
  BOOST_TEST(passed(0) == 0.1);
}
//! [armijo cases]

//! [plain decrease]
// Plain decrease can stall: on f = x², the steps from x_k = (−1)ᵏ(1 + 2⁻ᵏ) to x_{k+1} lower f at
// every step, yet the iterates stop at |x| = 1, where f' = ±2. Each gains only 2⁻⁽ᵏ⁺³⁾ of what the
// slope promised, so from k = 12 on the Armijo condition with c = 1e-4 refuses them.
BOOST_AUTO_TEST_CASE(
    refuses_the_steps_on_which_plain_decrease_stalls,
    *utf::description("§1.5: on f = x², the steps x_k = (−1)ᵏ(1 + 2⁻ᵏ) → x_{k+1} along −∇f "
                      "decrease f every time but stall at |x| = 1; offered such a step as α₀, "
                      "backtracking with c = 1e-4 accepts it while it gains at least c of the "
                      "predicted decrease (k ≤ 11) and halves it from k = 12 on")) {
  for (int k = 0; k <= 30; ++k) {
    const double x_k = std::pow(-1.0, k) * (1.0 + std::ldexp(1.0, -k));
    const double x_next = -std::pow(-1.0, k) * (1.0 + std::ldexp(1.0, -k - 1));
    BOOST_TEST_REQUIRE(x_next * x_next < x_k * x_k);  // plain decrease holds
    const Vector x{{x_k}}, g{{2.0 * x_k}};
    const double stalling = (1.0 - x_next / x_k) / 2.0;  // x_k − α·2x_k = x_{k+1}
    const testing::WatchedSearch run =
        search(x_squared, x, x_k * x_k, g, -g, params(stalling, 0.5, 1e-4));
    const double alpha = run.alpha_or_nan();
    const double expected = k <= 11 ? stalling : 0.5 * stalling;
    std::string why = "the search " + run.outcome() + ", expected α = " + format_number(expected);
    if (alpha == stalling && k > 11) {
      why +=
          ": it accepted a step that lowers f by less than c·α·∇fᵀd (plain decrease); is the "
          "sufficient-decrease term missing or with the wrong sign?";
    } else if (alpha < expected) {
      why += ": it shrank a step that satisfies f(x + αd) ≤ f(x) + cα∇fᵀd";
    }
    if (!(alpha == expected)) why += what_the_search_probes_find();
    BOOST_TEST_INFO("k = " << k << ", x_k = " << format_number(x_k)
                           << ": offered α₀ = " << format_number(stalling) << ", which gains 2^−"
                           << k + 3 << " of the predicted decrease: " << why);
    BOOST_TEST(alpha == expected, tt::tolerance(1e-15));
  }
}
//! [plain decrease]

BOOST_AUTO_TEST_CASE(
    returns_the_largest_step_of_the_sequence_that_passes,
    *utf::description("§1.5: at random points of Rosenbrock along −∇f, the returned "
                      "α satisfies the Armijo condition and α/τ (if tried) does not")) {
  const Rosenbrock rosenbrock;
  const auto f = [&](const Vector& p) { return rosenbrock.value(p); };
  const ArmijoParams p = params(1.0, 0.5, 1e-4);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> uniform(-2.0, 2.0);
  const auto why_not = [](bool holds) {
    return holds ? std::string() : what_the_search_probes_find();
  };
  for (int trial = 0; trial < 50; ++trial) {
    const Vector x{{uniform(rng), uniform(rng)}};
    Vector g;
    rosenbrock.gradient(x, g);
    const Vector d = -g;
    const double fx = rosenbrock.value(x);
    const testing::WatchedSearch run = search(f, x, fx, g, d, p);
    const double alpha = run.alpha_or_nan();
    const double slope = g.dot(d);
    // α must be one of α₀τ^j.
    const double j = std::log(alpha / p.initial_step) / std::log(p.shrink);
    BOOST_TEST_INFO("at " << format_vector(x) << ": the search " << run.outcome()
                          << ", which is not of the form α₀τ^j"
                          << why_not(std::abs(j - std::round(j)) <= 1e-9));
    BOOST_TEST(j == std::round(j), tt::tolerance(1e-9));
    const bool passes = f(x + alpha * d) <= fx + p.sufficient_decrease * alpha * slope;
    BOOST_TEST_INFO("at " << format_vector(x) << ": α = " << alpha
                          << " violates f(x + αd) ≤ f(x) + cα∇fᵀd" << why_not(passes));
    BOOST_TEST(passes);
    if (alpha < p.initial_step) {
      const double larger = alpha / p.shrink;
      const bool fails = f(x + larger * d) > fx + p.sufficient_decrease * larger * slope;
      BOOST_TEST_INFO("at " << format_vector(x) << ": α = " << larger
                            << " already passed, so the search should have stopped there"
                            << why_not(fails));
      BOOST_TEST(fails);
    }
  }
}

BOOST_AUTO_TEST_CASE(never_shrinks_below_what_smoothness_guarantees,
                     *utf::description("§1.5: on an L-smooth f along −∇f every α ≤ 2(1 − c)/L "
                                       "passes, so backtracking returns α ≥ min(α₀, 2τ(1 − c)/L) "
                                       "without knowing L, however small that is (L = 1e14: "
                                       "about 47 halvings of α₀ = 1, within max_backtracks = "
                                       "60)")) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const Quadratic q = Quadratic::with_spectrum(Vector{{0.1, 1.0, 10.0 * double(seed)}}, seed);
    const auto f = [&](const Vector& p) { return q.value(p); };
    const Vector x = Vector::LinSpaced(3, -1.0, 2.0) * double(seed);
    Vector g;
    q.gradient(x, g);
    for (double c : {1e-4, 0.5, 0.9}) {
      const ArmijoParams p = params(1.0, 0.5, c);
      const testing::WatchedSearch run = search(f, x, q.value(x), g, -g, p);
      const double alpha = run.alpha_or_nan();
      const double guaranteed =
          std::min(p.initial_step, 2.0 * p.shrink * (1.0 - c) / q.smoothness());
      BOOST_TEST_INFO("L = " << q.smoothness() << ", c = " << c << ": the search " << run.outcome()
                             << ", below min(α₀, 2τ(1 − c)/L) = " << guaranteed
                             << (alpha >= guaranteed ? "" : what_the_search_probes_find()));
      BOOST_TEST(alpha >= guaranteed);
    }
  }
  // A stiff direction: the step that passes is tiny, and still within max_backtracks shrinks.
  const Quadratic stiff = Quadratic::diagonal(Vector{{1.0, 1e14}});
  const auto f = [&](const Vector& p) { return stiff.value(p); };
  const Vector x{{1.0, 1.0}};
  Vector g;
  stiff.gradient(x, g);
  const ArmijoParams p = params(1.0, 0.5, 1e-4);
  const testing::WatchedSearch run = search(f, x, stiff.value(x), g, -g, p);
  const double alpha = run.alpha_or_nan();
  const double guaranteed = 2.0 * p.shrink * (1.0 - p.sufficient_decrease) / stiff.smoothness();
  const int shrinks = int(std::ceil(std::log2(1.0 / guaranteed)));  // α₀ = 1, τ = 1/2
  BOOST_TEST_INFO("L = 1e14, c = 1e-4: the search "
                  << run.outcome() << ", below min(α₀, 2τ(1 − c)/L) = " << guaranteed
                  << (alpha >= guaranteed
                          ? std::string()
                          : ": every α ≤ 2(1 − c)/L passes, and α₀τʲ is below it after at most " +
                                std::to_string(shrinks) + " shrinks, within max_backtracks = " +
                                std::to_string(p.max_backtracks) +
                                ": the search stops on max_backtracks alone; a small α is still "
                                "a step (a limit of your own on α or on f's decrease?)" +
                                what_the_search_probes_find()));
  BOOST_TEST(alpha >= guaranteed);
}

BOOST_AUTO_TEST_CASE(rejects_a_direction_that_does_not_descend,
                     *utf::description("§1.5: along d with ∇fᵀd ≥ 0 no small step decreases f; the "
                                       "search must say so instead of shrinking forever; a NaN "
                                       "slope (a NaN gradient) is refused the same way, and so "
                                       "is −0.0, the slope of d = −∇f where ∇f = 0; a slope "
                                       "below 0 is descent however small beside f (10⁻¹² on "
                                       "f = 10⁶ + x²/2 at x = 10⁻⁶, where α₀ = 1 passes)")) {
  const Vector x{{1.0}};
  for (double gradient : {2.0, std::nan("")}) {
    for (double d : {2.0, 0.0}) {
      if (std::isnan(gradient) && d == 0.0) continue;
      const testing::WatchedSearch run =
          search(x_squared, x, 1.0, Vector{{gradient}}, Vector{{d}}, ArmijoParams{});
      const bool refused = run.thrown == "threw std::invalid_argument";
      const std::string nan = std::isnan(gradient)
                                  ? ": a NaN slope is no descent direction either, and every "
                                    "comparison with NaN is false (slope >= 0 lets it through); "
                                    "refuse unless slope < 0, !(slope < 0)"
                                  : "";
      // Every trial on the far side of x from d: the search walked along −d.
      bool reversed = d != 0.0 && !run.points.empty();
      for (const Vector& point : run.points) reversed = reversed && (point(0) - x(0)) * d < 0.0;
      const std::string turned =
          reversed ? ": every trial point lies along −d, so the search turned the ascent "
                     "direction around; the direction is the caller's, and turning it quietly "
                     "hides the caller's sign error: refuse it"
                   : "";
      BOOST_TEST_INFO("along d = "
                      << d << " with ∇f = " << gradient << ", ∇fᵀd = " << gradient * d
                      << ", the search " << run.outcome() << ", expected std::invalid_argument"
                      << (refused ? "" : nan + turned + what_the_search_probes_find()));
      BOOST_TEST(refused);
    }
  }
  // At a stationary point, d = −∇f = −0: the slope 0·(−0) is −0.0, which is not below 0.
  const Vector zero{{0.0}};
  const Vector minus_zero = -zero;
  const testing::WatchedSearch flat =
      search(x_squared, zero, 0.0, zero, minus_zero, ArmijoParams{});
  const bool refused = flat.thrown == "threw std::invalid_argument";
  BOOST_TEST_INFO("at the minimum of x², ∇f = 0 and d = −∇f = −0 (∇fᵀd = −0.0): the search "
                  << flat.outcome() << ", expected std::invalid_argument"
                  << (refused ? ""
                              : ": −0.0 is not below 0; is descent tested through the sign bit "
                                "(std::signbit), which is set for −0.0 (and for some NaNs)? "
                                "Refuse unless ∇fᵀd < 0"));
  BOOST_TEST(refused);

  // A shallow descent beside a large f: ∇fᵀd = −1e-12 where f(x) = 1e6 + 5e-13 rounds to 1e6.
  // Every trial value and the bound round to 1e6 too, so α₀ = 1 passes (with equality).
  const auto raised = [](const Vector& p) { return 1e6 + 0.5 * p(0) * p(0); };
  const Vector near{{1e-6}};
  const testing::WatchedSearch shallow =
      search(raised, near, raised(near), near, Vector{-near}, params(1.0, 0.5, 1e-4));
  BOOST_TEST_INFO("on f = 10⁶ + x²/2 at x = 10⁻⁶ along d = −∇f (∇fᵀd = −10⁻¹²) the search "
                  << shallow.outcome() << ", expected α = 1"
                  << (shallow.thrown == "threw std::invalid_argument"
                          ? ": a slope below 0 is a descent direction however small it is "
                            "beside f(x); is it compared with a tolerance scaled by f, such as "
                            "ε|f(x)|? Whether f's values can show the decrease is the "
                            "sufficient-decrease test's to find, trial by trial, not the "
                            "direction check's"
                      : shallow.alpha_or_nan() == 1.0 ? ""
                                                      : what_the_search_probes_find()));
  BOOST_TEST(shallow.alpha_or_nan() == 1.0);
}

BOOST_AUTO_TEST_CASE(
    a_descent_direction_may_rise_along_a_coordinate,
    *utf::description("§1.5: descent is the sign of the sum ∇fᵀd = Σᵢ ∂ᵢf·dᵢ, not of its terms: "
                      "on f = ½(x₀² + 4x₁²) from (1, 1), d = (−4, 0.5) raises f along x₁ "
                      "(∂₁f·d₁ = 2) but ∇fᵀd = −2 < 0; f(x + αd) = 2.5 − 2α + 8.5α², and from "
                      "α₀ = 1 with τ = 0.5, c = 1e-4 the search rejects 1, 0.5 and 0.25 and "
                      "returns α = 0.125")) {
  const auto f = [](const Vector& p) { return 0.5 * (p(0) * p(0) + 4.0 * p(1) * p(1)); };
  const Vector x{{1.0, 1.0}}, g{{1.0, 4.0}}, d{{-4.0, 0.5}};
  const testing::WatchedSearch run = search(f, x, 2.5, g, d, params(1.0, 0.5, 1e-4));
  std::string why = "along d = (−4, 0.5), where ∇fᵀd = −4 + 2 = −2, the search " + run.outcome() +
                    ", expected α = 0.125";
  if (run.thrown == "threw std::invalid_argument") {
    why +=
        ": it refused a descent direction, one that rises along x₁ (∂₁f·d₁ = 4·0.5 = 2 > 0): is "
        "d refused unless every coordinate descends? d descends when the sum ∇fᵀd is negative, "
        "and here the fall along x₀ outweighs the rise along x₁";
  } else if (!(run.alpha_or_nan() == 0.125)) {
    why += what_the_search_probes_find();
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(run.alpha_or_nan() == 0.125);
}

BOOST_AUTO_TEST_CASE(
    the_step_does_not_depend_on_the_scale_of_f,
    *utf::description("§1.5: the condition and the descent test scale with f: on s·f, "
                      "s = 2^−70 and 2^70 (and 2^±530, where ‖∇f‖² leaves the range of "
                      "doubles), f = ½(x₀² + 4x₁²) from (1, 1) along d = (−2, −1) "
                      "with α₀ = 8, τ = 0.5, c = 0.5 gives α = 0.5, as on f itself; nor "
                      "on the scale of x: on f = x² from x = 1e-13 along d = −2e-13 = −∇f "
                      "(α₀ = 1, τ = 0.5, c = 1e-4) it halves once and returns 0.5, as from "
                      "x = 1")) {
  const Vector x{{1.0, 1.0}}, d{{-2.0, -1.0}};
  // A search that returns another α at another scale: what the probes find on f itself (wrong
  // there, it is wrong on every scale of it), else `otherwise`.
  const auto probes_or = [](const std::string& otherwise) {
    const std::string found = what_the_search_probes_find();
    return !found.empty() ? found : otherwise;
  };
  for (int exponent : {-70, 70, -530, 530}) {
    const double s = std::ldexp(1.0, exponent);  // a power of 2: s·f is exact
    const auto scaled = [s](const Vector& p) {
      return s * 0.5 * (p(0) * p(0) + 4.0 * p(1) * p(1));
    };
    const Vector g = s * Vector{{1.0, 4.0}};
    const double slope = g.dot(d);
    const testing::WatchedSearch run = search(scaled, x, s * 2.5, g, d, params(8.0, 0.5, 0.5));
    std::string why = "on 2^" + std::to_string(exponent) + "·f (∇fᵀd = " + format_number(slope) +
                      ") the search " + run.outcome() + ", expected α = 0.5 as on f";
    if (run.thrown == "threw std::invalid_argument" && exponent > 0) {
      why += ": it refused a descent direction of a large f (‖∇f‖ = " +
             format_number(g.stableNorm(), 3) +
             "): is descent tested through norms, a cosine ∇fᵀd/(‖∇f‖‖d‖) or a normalized() "
             "vector, whose squared norm overflows beyond 1e154? The sign of ∇fᵀd alone says "
             "whether d descends";
    } else if (run.thrown == "threw std::invalid_argument") {
      why +=
          ": it refused a descent direction whose slope is small in absolute terms: a tolerance "
          "of your own on ∇fᵀd? The slope's size depends on the units of f; only its sign says "
          "whether d descends, so compare it with 0";
    } else if (!(run.alpha_or_nan() == 0.5)) {
      why += probes_or(
          ": a constant of your own compared with f or with its decrease? Every term "
          "of f(x + αd) ≤ f(x) + cα∇fᵀd scales with f");
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(run.alpha_or_nan() == 0.5);
  }
  // Nor on the scale of x: x, ∇f and d 10⁻¹³ times as large, f 10⁻²⁶ times, the same α.
  const double s = 1e-13;
  const testing::WatchedSearch small = search(x_squared, Vector{{s}}, s * s, Vector{{2.0 * s}},
                                              Vector{{-2.0 * s}}, params(1.0, 0.5, 1e-4));
  std::string why =
      "on f = x² from x = 1e-13 along d = −2e-13 = −∇f (α₀ = 1, τ = 0.5, c = 1e-4) "
      "the search " +
      small.outcome() + ", expected α = 0.5 as from x = 1";
  if (!small.alpha) {
    why +=
        ": it gave up where every trial is a point of its own; both sides of "
        "f(x + αd) ≤ f(x) + cα∇fᵀd scale alike, so the search returns the same α at every scale: "
        "does it stop on a step it deems too small by a fixed tolerance (Eigen's isZero(), which "
        "compares with 1e-12 absolutely, or a norm below some ε)? §1.5's search ends only when a "
        "step passes or after max_backtracks shrinks";
  } else if (!(small.alpha_or_nan() == 0.5)) {
    why += probes_or(
        ": a constant of your own compared with x, d or f? Every term of "
        "f(x + αd) ≤ f(x) + cα∇fᵀd scales with them");
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(small.alpha_or_nan() == 0.5);
}

BOOST_AUTO_TEST_CASE(
    the_step_does_not_depend_on_a_constant_added_to_f,
    *utf::description("§1.5: the condition compares differences of f, f(x + αd) − f(x) ≤ "
                      "cα∇fᵀd, so on f + C the search returns what it returns on f, whatever "
                      "the sign of f(x): f = ½(x₀² + 4x₁²) + C from (1, 1) along d = (−2, −1) "
                      "with α₀ = 8, τ = 0.5, c = 0.5 gives α = 0.5 for C = −100, −2.5 and 1000 "
                      "(f(x) = −97.5, 0 and 1002.5)")) {
  const Vector x{{1.0, 1.0}}, d{{-2.0, -1.0}}, g{{1.0, 4.0}};
  for (const double constant : {-100.0, -2.5, 1000.0}) {
    const auto shifted = [constant](const Vector& p) {
      return 0.5 * (p(0) * p(0) + 4.0 * p(1) * p(1)) + constant;
    };
    const double loss = 2.5 + constant;
    const testing::WatchedSearch run = search(shifted, x, loss, g, d, params(8.0, 0.5, 0.5));
    std::string why = "on f " + std::string(constant < 0.0 ? "− " : "+ ") +
                      format_number(std::abs(constant)) + " (f(x) = " + format_number(loss) +
                      ") the search " + run.outcome() + ", expected α = 0.5 as on f";
    if (!(run.alpha_or_nan() == 0.5)) {
      why += loss <= 0.0 ? ": where f(x) ≤ 0 the search answers differently; is the condition "
                           "divided by f(x) (a relative decrease), which turns around where "
                           "f(x) < 0 and divides by 0 where f(x) = 0? Every term of "
                           "f(x + αd) − f(x) ≤ cα∇fᵀd is a difference of f or a slope"
                         : ": a constant added to f changes no difference of f; is f(x) itself "
                           "(not f(x + αd) − f(x)) compared with something?" +
                               what_the_search_probes_find();
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(run.alpha_or_nan() == 0.5);
  }
}

BOOST_AUTO_TEST_CASE(accepts_a_step_on_the_bound,
                     *utf::description("§1.5: the condition f(x + αd) ≤ f(x) + cα∇fᵀd includes "
                                       "equality. On f = x² from x = 1 along d = −2 with c = 0.5, "
                                       "α = 0.5 lands on f(0) = 0 = 1 − 0.5·0.5·4, exactly on the "
                                       "bound, and passes")) {
  const Vector x{{1.0}}, g{{2.0}}, d{{-2.0}};
  const testing::WatchedSearch run = search(x_squared, x, 1.0, g, d, params(1.0, 0.5, 0.5));
  const double alpha = run.alpha_or_nan();
  std::string why = "the search " + run.outcome() + ", expected α = 0.5";
  if (alpha == 0.25) {
    why +=
        ": it refused α = 0.5, where f(x + αd) = 0 equals the bound f(x) + cα∇fᵀd = 0; the "
        "condition is ≤, so a value on the bound passes: is the comparison strict (<)?";
  } else if (!(alpha == 0.5)) {
    why += what_the_search_probes_find();
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(alpha == 0.5);
}

BOOST_AUTO_TEST_CASE(
    shrinks_away_from_nan_and_gives_up_with_an_error,
    *utf::description("§1.5: a trial value that is NaN fails the test (so the search "
                      "shrinks); if nothing passes within max_backtracks shrinks "
                      "the search throws instead of returning a useless step; the last "
                      "trial allowed, α₀τ^max, is tried (τ = 0.7, max_backtracks = 4); a "
                      "step that rounds to no move (x + αd = x) decreases nothing and fails")) {
  const Vector x{{1.0}}, g{{2.0}}, d{{-2.0}};
  // NaN for steps beyond 0.15: the search must come down to 0.125 = 2⁻³, the first step of the
  // sequence 1, ½, ¼, … where f has a value (and decreases enough).
  const auto cliff = [](const Vector& p) {
    return 1.0 - p(0) > 0.3 ? std::numeric_limits<double>::quiet_NaN() : p.squaredNorm();
  };
  const testing::WatchedSearch run = search(cliff, x, 1.0, g, d, ArmijoParams{});
  // After a NaN trial the next one: the same α (the rejection skipped the shrink), or a step
  // that leaves the sequence α₀τᵏ (NaN treated as a reason to shrink faster).
  std::string after_nan;
  for (std::size_t k = 1; k < run.points.size() && after_nan.empty(); ++k) {
    if (!std::isnan(run.values[k - 1])) continue;
    const double before = (run.points[k - 1](0) - x(0)) / d(0),
                 next = (run.points[k](0) - x(0)) / d(0);
    if (next == before) {
      after_nan = ": after f(x + αd) = NaN at α = " + format_number(before) +
                  " the search tried the same α again; a NaN trial is rejected like any other, "
                  "and α ← τα must still follow (a continue that jumps over the shrink?)";
    } else if (!close(next, ArmijoParams{}.shrink * before, 1e-12)) {
      after_nan = ": after f(x + αd) = NaN at α = " + format_number(before) +
                  " the next trial was α = " + format_number(next) + ", " +
                  format_number(next / before, 4) +
                  " times as large, not τα: a NaN trial is rejected like any other and shrinks "
                  "by τ once; §1.5's trials are α₀, τα₀, τ²α₀, …, and the search returns the "
                  "first of them that passes, here 0.125, which a faster shrink jumps over";
    }
  }
  // Given up at the first NaN: α = 0 returned right after a NaN trial.
  if (after_nan.empty() && run.alpha_or_nan() == 0.0 && !run.values.empty() &&
      std::isnan(run.values.back())) {
    after_nan = ": it returned α = 0 right after f(x + αd) = NaN at α = " +
                format_number((run.points.back()(0) - x(0)) / d(0)) +
                ", giving up the search at its first NaN; a NaN trial fails the test like any "
                "other (NaN ≤ bound is false) and α ← τα follows, down to 0.125 here, where f "
                "has a value. α = 0 is no step: a search that finds none throws";
  }
  BOOST_TEST_INFO("with f = NaN beyond α = 0.15 the search "
                  << run.outcome() << ", expected α = 0.125 (NaN ≤ bound is false)"
                  << (run.alpha_or_nan() == 0.125 ? std::string()
                      : !after_nan.empty()        ? after_nan
                                                  : what_the_search_probes_find()));
  BOOST_TEST(run.alpha_or_nan() == 0.125);

  const auto nowhere = [](const Vector&) { return std::numeric_limits<double>::quiet_NaN(); };
  ArmijoParams few;
  few.max_backtracks = 5;
  // Stopped after 10000 calls of f, so that a search that never gives up is said, not timed out.
  const testing::WatchedSearch gave_up =
      testing::watch_search(workbook::armijo_backtracking, nowhere, x, 1.0, g, d, few, true);
  const bool threw = gave_up.thrown == "threw std::runtime_error";
  const std::size_t evaluations = gave_up.points.size();
  const bool endless = !gave_up.alpha && evaluations >= 10000;
  // Endless with NaN: on a finite f that no trial passes (f(y) = −(y − 1) + 10³⁰(y − 1)² from
  // x = 1 along d = 1), does the count end?
  std::string never_ends;
  if (endless) {
    const auto steep = [](const Vector& p) {
      const double y = p(0) - 1.0;
      return -y + 1e30 * y * y;
    };
    const testing::WatchedSearch finite =
        testing::watch_search(workbook::armijo_backtracking, steep, Vector{{1.0}}, 0.0,
                              Vector{{-1.0}}, Vector{{1.0}}, few, true);
    never_ends = finite.points.size() > 6
                     ? ": on a finite f that no trial passes it " + finite.outcome() +
                           " as well, where max_backtracks = 5 allows 6 trials: the count of "
                           "trials never ends, NaN or not; is the loop's bound always true (an "
                           "unsigned counter tested ≥ 0, which wraps around instead of going "
                           "below 0)?"
                     : ": it never gave up, where max_backtracks = 5 allows 6 trials; is a trial "
                       "whose value is NaN left out of the count (tried again, or the counter "
                       "stepped back)? Every trial counts toward max_backtracks, NaN or not";
  }
  BOOST_TEST_INFO("with f = NaN everywhere the search "
                  << gave_up.outcome() << ", expected std::runtime_error"
                  << (threw     ? std::string()
                      : endless ? never_ends
                                : what_the_search_probes_find()));
  BOOST_TEST(threw);
  BOOST_TEST_INFO("max_backtracks = 5 allows α₀ and 5 shrinks: 6 trials, got "
                  << evaluations << (evaluations == 6 ? "" : what_the_search_probes_find()));
  BOOST_TEST(evaluations == 6);

  // The last trial allowed, α₀τ⁴ with τ = 0.7, is the one that passes: it must be tried, however
  // α₀τ⁴ rounds (0.7·0.7·0.7·0.7 is one ulp below std::pow(0.7, 4)).
  ArmijoParams last = params(1.0, 0.7, 1e-4);
  last.max_backtracks = 4;
  const auto far_cliff = [](const Vector& p) {
    return 1.0 - p(0) > 0.5 ? std::numeric_limits<double>::quiet_NaN() : p.squaredNorm();
  };
  const testing::WatchedSearch at_last =
      testing::watch_search(workbook::armijo_backtracking, far_cliff, x, 1.0, g, d, last, true);
  const double fourth = 0.7 * 0.7 * 0.7 * 0.7;
  BOOST_TEST_INFO("τ = 0.7, max_backtracks = 4, f = NaN beyond α = 0.25: the search "
                  << at_last.outcome() << ", expected α = α₀τ⁴ ≈ 0.2401, the last trial allowed"
                  << (at_last.alpha && close(*at_last.alpha, fourth, 1e-12) ? std::string()
                      : at_last.points.size() == 4
                          ? std::string(": it gave up after 4 trials, before α₀τ⁴; is the loop "
                                        "bounded by comparing α with α₀τ^max, which rounds "
                                        "differently from α₀·τ·τ·τ·τ? Count the trials with "
                                        "an integer, 0 to max_backtracks")
                          : what_the_search_probes_find()));
  BOOST_TEST(at_last.alpha_or_nan() == fourth, tt::tolerance(1e-12));

  // Steps too small to move x are no decrease: on f(y) = −(y − 1) + 10³⁰(y − 1)² from x = 1
  // along d = 1 (∇fᵀd = −1) only α ≤ 2(1 − c)·10⁻³⁰ decreases f enough, and 1 + α rounds to 1
  // from α = 2⁻⁵³ down. No trial of 1, ½, …, 2⁻⁶⁰ passes: f(x + αd) = f(x) = 0 is not below
  // f(x) + cα∇fᵀd = −cα, and the search gives up.
  ArmijoParams tiny = params(1.0, 0.5, 1e-4);
  tiny.max_backtracks = 60;
  const auto steep = [](const Vector& p) {
    const double y = p(0) - 1.0;
    return -y + 1e30 * y * y;
  };
  const Vector one{{1.0}}, slope{{-1.0}}, up{{1.0}};
  const testing::WatchedSearch rounded =
      testing::watch_search(workbook::armijo_backtracking, steep, one, 0.0, slope, up, tiny, true);
  const bool no_move = rounded.alpha && (one + *rounded.alpha * up)(0) == one(0);
  BOOST_TEST_INFO(
      "on f(y) = −(y − 1) + 10³⁰(y − 1)² from x = 1 along d = 1 (∇fᵀd = −1, "
      "max_backtracks = 60) the search "
      << rounded.outcome() << ", expected std::runtime_error"
      << (rounded.thrown == "threw std::runtime_error" ? std::string()
          : no_move ? ": x + αd rounds to x itself at that α, so f did not decrease at "
                      "all, while f(x + αd) ≤ f(x) + cα∇fᵀd asks a decrease of "
                      "cα|∇fᵀd| = " +
                          format_number(1e-4 * *rounded.alpha, 3) +
                          " > 0; is the bound computed from the point reached, "
                          "c∇fᵀ(x_trial − x), which rounds to 0 with the step? The "
                          "decrease asked is c·α·∇fᵀd, from α and d"
                    : what_the_search_probes_find()));
  BOOST_TEST(rounded.thrown == "threw std::runtime_error");
}

//! [rosenbrock]
BOOST_AUTO_TEST_CASE(
    backtracking_needs_no_step_size_on_rosenbrock,
    *utf::label("plot") *
        utf::description("§1.5: on Rosenbrock from (−1.2, 1) a fixed step must stay "
                         "below 2/λmax(∇²f(x*)) ≈ 2.0e-3: 1e-2 diverges, 1.1× the "
                         "bound never converges; backtracking from α₀ = 1 converges "
                         "with no tuning, every step decreasing f by c·α‖∇f‖², at the price "
                         "of its trial values of f: about 10 per iteration, the accepted one "
                         "being f(x_{k+1}), which the driver does not evaluate again")) {
  const Rosenbrock rosenbrock;
  const Vector x0 = rosenbrock.default_start();
  const Matrix H = rosenbrock.hessian(rosenbrock.minimisers()[0]);
  const double bound = 2.0 / symmetric_eigen(H).eigenvalues.maxCoeff();
  BOOST_TEST(bound == 1.9968e-3, tt::tolerance(1e-4));

  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-4;
  stopping.max_iterations = 20000;
  std::vector<plot::LabelledTrace> runs;
  auto run = [&](UpdateRule& rule, const std::string& label) {
    TraceRecorder trace;
    const Result result = minimize(rosenbrock, rule, x0, stopping, {&trace});
    BOOST_TEST_MESSAGE(label << ": " << result.message << ", " << result.function_evaluations
                             << " evaluations of f");
    runs.push_back({label, trace.points()});
    return result;
  };

  auto too_large = gradient_descent_rule({1e-2});
  auto above_bound = gradient_descent_rule({1.1 * bound});
  auto small = gradient_descent_rule({1e-3});
  const Result diverged = run(too_large, "fixed η = 1e-2");
  BOOST_TEST(diverged.reason == StopReason::diverged);
  BOOST_TEST(diverged.iterations <= 10);
  BOOST_TEST(run(above_bound, "fixed η = 1.1·2/L*").reason == StopReason::max_iterations);
  BOOST_TEST(run(small, "fixed η = 1e-3").reason == StopReason::max_iterations);
  auto armijo = gradient_descent_armijo_rule();
  const Result backtracking = run(armijo, "Armijo, α₀ = 1");
  BOOST_TEST_INFO("gradient descent with backtracking: "
                  << backtracking.message
                  << (backtracking.converged() ? std::string() : what_the_search_probes_find()));
  BOOST_TEST(backtracking.converged());
  // Fewer iterations than the budget the fixed step η = 1e-3 could not meet, at a price: several
  // evaluations of f per iteration for the trial steps.
  BOOST_TEST(backtracking.iterations < 10000);
  BOOST_TEST(backtracking.function_evaluations > 3 * backtracking.iterations);

  // The accepted trial point is x_{k+1}: the driver takes f(x_{k+1}) from the line search and
  // evaluates only ∇f there. The run costs its trial values and f(x₀), 80045 evaluations of f for
  // 8058 iterations (9.9 per iteration; 88103, one more per iteration, if f(x_{k+1}) were
  // evaluated again).
  const testing::CountedProblem counted(rosenbrock);
  auto counted_armijo = gradient_descent_armijo_rule();
  const Result recount = minimize(counted, counted_armijo, x0, stopping);
  BOOST_TEST(recount.iterations == backtracking.iterations);
  // The driver reuses f(x_{k+1}) only when the accepted trial point is x + αd bit for bit.
  BOOST_TEST_INFO(
      "f and ∇f together only at x₀, then ∇f alone at each x_{k+1}, and f only at "
      "the trial points: "
      << counted.both << ", " << counted.gradients << " and " << counted.values << " calls for "
      << recount.iterations << " iterations"
      << (counted.both == 1 ? std::string()
                            : ": the driver takes f(x_{k+1}) from the search only where the "
                              "last trial point is x + αd exactly, bit for bit" +
                                  what_the_search_probes_find()));
  BOOST_TEST(counted.both == 1);
  BOOST_TEST(counted.gradients == recount.iterations);
  BOOST_TEST(recount.function_evaluations == counted.values + 1);
  const double per_iteration = double(recount.function_evaluations) / double(recount.iterations);
  BOOST_TEST_INFO("the run cost " << format_number(per_iteration, 4)
                                  << " evaluations of f per iteration, expected about 9.93, one "
                                     "per trial value"
                                  << (testing::close(per_iteration, 9.93, 0.01)
                                          ? std::string()
                                          : what_the_search_probes_find()));
  BOOST_TEST(per_iteration == 9.93, tt::tolerance(0.01));

  // Sufficient decrease at every step: f_{k+1} ≤ f_k − cα_k‖g_k‖², and α_k‖g_k‖ is the step length.
  const auto& points = runs.back().points;
  for (std::size_t k = 1; k < points.size(); ++k) {
    const double decrease =
        ArmijoParams{}.sufficient_decrease * points[k].step_length * points[k - 1].gradient_norm;
    BOOST_TEST_INFO("step " << k << " did not decrease f enough");
    BOOST_TEST(points[k].loss <= points[k - 1].loss - decrease * (1.0 - 1e-12));
  }

  runs.erase(runs.begin());  // the diverged run leaves the picture at once
  testing::draw(plot::convergence_figure("Rosenbrock from (−1.2, 1): fixed steps and backtracking",
                                         runs, plot::Measure::loss),
                "ch01_armijo_rosenbrock");
  testing::draw(plot::trajectory_figure("Rosenbrock: fixed η = 1e-3 and Armijo", rosenbrock,
                                        {runs[1], runs[2]}, Box{-1.5, 1.5, -0.5, 1.5}),
                "ch01_armijo_rosenbrock_paths");
}
//! [rosenbrock]

BOOST_AUTO_TEST_SUITE_END()
