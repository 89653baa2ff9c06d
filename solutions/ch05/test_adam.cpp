// Chapter 5, §5.4: Adam, its bias correction and AdamW. Exercise: adam_step
// (exercises/ch05/adam_step.cpp).
#include <cmath>
#include <random>

#include "workbook/adaptive.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/adaptive_golden.hpp"
#include "workbook/testing/adaptive_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::close;
using testing::KernelRun;

namespace {

// Why the first Adam step from x = 0 with gradient g and the default hyper-parameters
// (lr = 1e-3, β = (0.9, 0.999), ε = 1e-8) moved by `moved` instead of −lr·g/(|g| + ε).
std::string diagnose_first_step(double g, double moved) {
  const double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  const double expected = -lr * g / (std::abs(g) + eps);
  const auto is = [moved](double candidate) { return close(moved, candidate, 1e-6); };
  const std::string head = "first step moved " + format_number(moved) +
                           " for g = " + format_number(g) +
                           ", expected ≈ −lr·g/|g| = " + format_number(expected);
  const auto probes = [] {
    return testing::what_the_probes_found(
        testing::probe_lines_and_step(workbook::adam_step, AdamParams{}, testing::adam_shape()));
  };
  // x left where it was: the lines say whether the step read a moment before this step's update
  // (m₀ = 0) or wrote nothing back.
  if (moved == 0.0) {
    const std::string found = probes();
    return head + ": x did not move" + (found.empty() ? "; update x in place" : found);
  }
  if (is(-expected)) return head + ": x moved uphill; the step is θ − η m̂/(√v̂ + ε)";
  // A denominator that vanishes at t = 1, where v̂₁ = m̂₁² = g²: only ε (or √ε) is left in it.
  if (is(-lr * g / eps) || is(-lr * g / std::sqrt(eps))) {
    return head + ": g divided by " + (is(-lr * g / eps) ? "ε" : "√ε") +
           " alone: the denominator's square root is 0 at the first step, where v̂₁ = m̂₁² = g²: "
           "is m̂² "
           "subtracted from v̂ (v̂ − m̂², the gradient's variance, RMSProp's centred form)? Adam "
           "divides by √v̂, the root mean square of g, not its standard deviation: at the first "
           "step √v̂₁ = |g| and the step is about lr";
  }
  if (is(-lr * (1.0 - beta1) * g / (std::sqrt(1.0 - beta2) * std::abs(g) + eps))) {
    // The first step alone cannot tell a missing correction from one that is 1 at t = 1 for
    // another reason; the second, under the same gradient, can: without correction it moves
    // lr(1 − β₁²)/√(1 − β₂²).
    KernelRun twice(workbook::adam_step, AdamParams{}, Vector{{0.0}});
    twice.step(g);
    const double second = twice.step(g);
    const double uncorrected =
        -lr * (1.0 - beta1 * beta1) * g / (std::sqrt(1.0 - beta2 * beta2) * std::abs(g) + eps);
    if (close(second, uncorrected, 1e-6)) {
      return head + ": bias correction missing? Without it the first step is " +
             "lr(1 − β₁)/√(1 − β₂) = 3.16·lr";
    }
    return head +
           ": 3.16·lr = lr(1 − β₁)/√(1 − β₂) is the first step without bias correction, "
           "but the second step is not the uncorrected one" +
           testing::lines_say(workbook::adam_step, AdamParams{})();
  }
  // Exactly lr, where ε takes 1e-8 of it at g = 1 and 1% at g = 1e-6: the first step written as
  // lr·sign(g), past the formula.
  const auto first_step = [](double gradient) {
    KernelRun once(workbook::adam_step, AdamParams{}, Vector{{0.0}});
    return once.step(gradient);
  };
  const double sign = g < 0.0 ? -1.0 : 1.0;
  if (moved == -lr * sign && first_step(1e-6) == -lr && first_step(-1e-6) == lr) {
    return head + ": the first step moved exactly lr, here and for g = ±1e-6, where the notes' " +
           "step is lr·|g|/(|g| + ε) = 0.990099·lr: is the first step special-cased as " +
           "lr·sign(g)? \"About lr\" is what m̂₁/(√v̂₁ + ε) gives, not a rule to write: every " +
           "step, the first too, goes through the bias-corrected moments and ε";
  }
  // The ε slips differ from the right step by about ε/|g| relative: compared to rounding.
  if (close(moved, -lr * g / std::sqrt(g * g + eps), 1e-13)) {
    return head + ": ε inside the square root? √(v̂ + ε) ≥ √ε = 1e-4 swamps a small gradient; " +
           "torch divides by √v̂ + ε";
  }
  if (close(moved, -lr * g / (std::abs(g) + eps / std::sqrt(1.0 - beta2)), 1e-13)) {
    return head + ": ε added before the bias correction of v, η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε) " +
           "(Kingma and Ba's efficient form)? Its ε is ε/√(1 − β₂ᵗ) of torch's √v̂ + ε, " +
           "31.6 times larger at t = 1";
  }
  // At g = 1 − β₂ a step of lr·√g is also what √v divided by 1 − β₂ (not its root) gives.
  // At g = 1, lr·√g is lr itself: no evidence of √g there.
  if (g > 0.0 && g != 1.0 && !close(g, 1.0 - beta2, 1e-12) && is(-lr * g / (std::sqrt(g) + eps))) {
    return head + " = lr·√g: does v accumulate g instead of g²?";
  }
  if (is(-lr * 0.01 * g / (10.0 * std::abs(g) + eps))) {
    return head + ": β₁ and β₂ swapped in the averages? m must average with β₁ = 0.9, v with " +
           "β₂ = 0.999";
  }
  return head + probes();
}

// f scaled by a constant c: c·f has gradient c·∇f.
class Scaled : public Problem {
 public:
  Scaled(const Problem& problem, double c) : problem_(problem), c_(c) {}
  std::string name() const override { return problem_.name() + " (scaled)"; }
  Index dimension() const override { return problem_.dimension(); }
  double value(const Vector& x) const override { return c_ * problem_.value(x); }
  void gradient(const Vector& x, Vector& g) const override {
    problem_.gradient(x, g);
    g *= c_;
  }
  Vector default_start() const override { return problem_.default_start(); }

 private:
  const Problem& problem_;
  double c_;
};

std::vector<Vector> run(const Problem& problem, UpdateRule& rule, const Vector& x0, long steps) {
  TraceRecorder trace;
  testing::run_steps(problem, rule, x0, steps, &trace);
  return trace.iterates();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(adam_step)

//! [first moment]
BOOST_AUTO_TEST_CASE(
    first_moment_is_biased_toward_zero,
    *utf::description("§5.4: with m₀ = 0, m_t = Σ_k (1 − β₁)β₁^{t−k} g_k, whose weights sum to "
                      "1 − β₁ᵗ, so E[m_t] = (1 − β₁ᵗ)E[g]; for a constant gradient 2 and "
                      "β₁ = 0.9: m₅ = 2(1 − 0.9⁵) = 0.81902, and m₂ = β₁(1 − β₁)g₁ + (1 − β₁)g₂")) {
  KernelRun constant(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  constant.step(2.0);
  std::string first = "m₁ = " + format_number(constant.state.m(0), 8) +
                      " after one gradient 2, expected (1 − β₁)·2 = 0.2";
  if (!close(constant.state.m(0), 0.2, 1e-12)) {
    // The lines, measured, first: m₁ = g has more than one cause (m̂ written back, m ← β₁m + g).
    const std::string lines = testing::lines_say(workbook::adam_step, AdamParams{})();
    // Moments started from the first gradient: m₁ = g, v₁ = g², and under a constant gradient
    // they stay there (m̂ written back would grow at step 2: m₂ = 2/(1 − β₁²)).
    KernelRun again(workbook::adam_step, AdamParams{}, Vector{{0.0}});
    again.step(2.0);
    again.step(2.0);
    if (close(constant.state.m(0), 2.0) && close(constant.state.v(0), 4.0) &&
        close(again.state.m(0), 2.0) && close(again.state.v(0), 4.0)) {
      first +=
          ": m₁ = g and v₁ = g², the moments started from the first gradient instead of from "
          "m₀ = v₀ = 0; the bias corrections 1 − βᵗ exist to undo the zero start (§5.4), so "
          "with both m̂₁ = g/(1 − β₁) and v̂₁ = g²/(1 − β₂) instead of g and g²";
    } else if (!lines.empty()) {
      first += lines;
    } else if (close(constant.state.m(0), 2.0)) {
      first +=
          ": m̂ = m/(1 − β₁ᵗ) written back into the state? m keeps the raw average; the "
          "correction belongs to the step only";
    }
  }
  BOOST_TEST_INFO(first);
  BOOST_TEST(constant.state.m(0) == 0.2, tt::tolerance(1e-12));
  for (int t = 2; t <= 5; ++t) constant.step(2.0);
  const double m5 = constant.state.m(0);
  std::string why = "m₅ = " + format_number(m5, 8) + ", expected 2(1 − 0.9⁵) = 0.81902";
  if (close(m5, 2.0)) why += ": m itself must stay biased; correct it only in the step";
  if (close(m5, 2.0 * (1.0 - std::pow(0.999, 5)))) why += ": β₁ and β₂ swapped?";
  if (close(m5, 0.2, 1e-12)) {
    why +=
        ": (1 − β₁)g, the first step's m again: m keeps the newest gradient and nothing of "
        "the past; is the old m subtracted whole, m += (1 − β₁)g − m (the update form "
        "m += (1 − β₁)(g − m) without its parentheses), or the state set to 0 inside the step "
        "(m.setZero, v.setZero, or a reset())? m ← β₁m + (1 − β₁)g carries the history from "
        "one call to the next; only a new run starts the moments at 0";
  }
  if (!std::isfinite(m5)) {
    why += testing::what_the_probes_found(
        testing::probe_lines_and_step(workbook::adam_step, AdamParams{}, testing::adam_shape()));
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(m5 == 0.81902, tt::tolerance(1e-12));
  BOOST_TEST(0.81902 == 2.0 * (1.0 - std::pow(0.9, 5)), tt::tolerance(1e-12));

  // The weights, one gradient at a time: m₂ = 0.9·0.1·3 + 0.1·7 = 0.97.
  KernelRun two(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  two.step(3.0);
  two.step(7.0);
  BOOST_TEST_INFO("m₂ after g = 3, 7 is " << two.state.m(0)
                                          << ", expected β₁(1 − β₁)·3 + (1 − β₁)·7");
  BOOST_TEST(two.state.m(0) == 0.97, tt::tolerance(1e-13));

  // In expectation, with noisy gradients g ~ N(2, 1): the mean of m₅ over 4000 seeded runs is
  // (1 − β₁⁵)·2, within four standard errors (σ(m₅) = √(Σ weights²) ≈ 0.185).
  std::mt19937_64 rng(5);
  std::normal_distribution<double> noisy(2.0, 1.0);
  const int runs = 4000;
  double sum = 0.0;
  for (int r = 0; r < runs; ++r) {
    KernelRun one(workbook::adam_step, AdamParams{}, Vector{{0.0}});
    for (int t = 1; t <= 5; ++t) one.step(noisy(rng));
    sum += one.state.m(0);
  }
  const double standard_error = std::sqrt(0.01 * (1.0 - std::pow(0.81, 5)) / 0.19 / runs);
  // A NaN here, where the checks above passed: what the probes find says where it starts.
  BOOST_TEST_INFO("mean of m₅ over "
                  << runs << " runs: " << sum / runs
                  << (std::isfinite(sum)
                          ? ""
                          : testing::what_the_probes_found(testing::probe_lines_and_step(
                                workbook::adam_step, AdamParams{}, testing::adam_shape()))));
  BOOST_TEST(std::abs(sum / runs - 0.81902) <= 4.0 * standard_error);
}
//! [first moment]

//! [second moment]
BOOST_AUTO_TEST_CASE(
    second_moment_is_biased_toward_zero_too,
    *utf::description("§5.4: the same weights give E[v_t] = (1 − β₂ᵗ)E[g²]: for a constant "
                      "gradient 2 and β₂ = 0.999, v₅ = 4(1 − 0.999⁵) = 0.019960; for g ~ N(2, 1), "
                      "E[g²] = 5 and the mean of v₅ over 4000 seeded runs is 5(1 − 0.999⁵) "
                      "within four standard errors")) {
  const double expected = 4.0 * (1.0 - std::pow(0.999, 5));
  KernelRun constant(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  for (int t = 1; t <= 5; ++t) constant.step(2.0);
  std::string why = "v₅ = " + format_number(constant.state.v(0), 8) +
                    ", expected 4(1 − 0.999⁵) = " + format_number(expected, 8);
  if (close(constant.state.v(0), 4.0)) why += ": v itself must stay biased; correct it in the step";
  if (!std::isfinite(constant.state.v(0))) {
    why += testing::what_the_probes_found(
        testing::probe_lines_and_step(workbook::adam_step, AdamParams{}, testing::adam_shape()));
  } else if (!close(constant.state.v(0), expected, 1e-12)) {
    why += testing::lines_say(workbook::adam_step, AdamParams{})();
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(constant.state.v(0) == expected, tt::tolerance(1e-12));

  // g ~ N(2, 1): Var(g²) = E[g⁴] − E[g²]² = (16 + 24 + 3) − 25 = 18, and v₅'s weights are
  // (1 − β₂)β₂^{5−k}, so σ(v₅) = √(18 Σ_k weights²).
  std::mt19937_64 rng(6);
  std::normal_distribution<double> noisy(2.0, 1.0);
  const int runs = 4000;
  double sum = 0.0, squared_weights = 0.0;
  for (int k = 1; k <= 5; ++k) squared_weights += std::pow(0.001 * std::pow(0.999, 5 - k), 2);
  for (int r = 0; r < runs; ++r) {
    KernelRun one(workbook::adam_step, AdamParams{}, Vector{{0.0}});
    for (int t = 1; t <= 5; ++t) one.step(noisy(rng));
    sum += one.state.v(0);
  }
  const double mean = sum / runs, standard_error = std::sqrt(18.0 * squared_weights / runs);
  BOOST_TEST_INFO("mean of v₅ over " << runs << " runs: " << mean << ", expected "
                                     << 5.0 * (1.0 - std::pow(0.999, 5)) << " ± "
                                     << standard_error);
  BOOST_TEST(std::abs(mean - 5.0 * (1.0 - std::pow(0.999, 5))) <= 4.0 * standard_error);
}
//! [second moment]

//! [first step]
BOOST_AUTO_TEST_CASE(
    first_step_is_about_lr_whatever_the_scale,
    *utf::description("§5.4: after the bias correction m̂₁ = g and v̂₁ = g², so the first step is "
                      "lr·|g|/(|g| + ε): 0.99999999, 0.99999 and 0.990099 times lr for g = 1, "
                      "1e-3 and 1e-6")) {
  struct Case {
    double g, factor;
  };
  for (const Case& c : {Case{1.0, 0.99999999}, Case{1e-3, 0.99999}, Case{1e-6, 0.990099}}) {
    KernelRun adam(workbook::adam_step, AdamParams{}, Vector{{0.0}});
    const double moved = adam.step(c.g);
    const std::string why = diagnose_first_step(c.g, moved);
    BOOST_TEST_INFO(why);
    BOOST_TEST(-moved / 1e-3 == c.g / (c.g + 1e-8), tt::tolerance(1e-9));
    BOOST_TEST_INFO(why);
    BOOST_TEST(-moved / 1e-3 == c.factor, tt::tolerance(1e-6));
  }
  // And against the gradient's sign.
  KernelRun negative(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  const double moved = negative.step(-5.0);
  const std::string why = diagnose_first_step(-5.0, moved);
  BOOST_TEST_INFO(why);
  BOOST_TEST(moved / 1e-3 == 5.0 / (5.0 + 1e-8), tt::tolerance(1e-9));
}
//! [first step]

//! [without bias correction]
BOOST_AUTO_TEST_CASE(
    without_bias_correction_the_first_steps_are_off,
    *utf::description("§5.4: without bias correction the first step is lr(1 − β₁)/√(1 − β₂): "
                      "3.16·lr for β₂ = 0.999 (too large), 0.316·lr for β₂ = 0.9 (too small); "
                      "for a constant gradient the uncorrected steps of the first 50 peak at "
                      "6.57·lr; after many steps both variants agree")) {
  struct Case {
    double beta2, factor;
  };
  for (const Case& c : {Case{0.999, 3.162277}, Case{0.9, 0.3162277}}) {
    AdamParams params;
    params.betas = {0.9, c.beta2};
    params.bias_correction = false;
    KernelRun uncorrected(workbook::adam_step, params, Vector{{0.0}});
    const double moved = uncorrected.step(1.0);
    std::string why = "β₂ = " + format_number(c.beta2) + " without bias correction: first step " +
                      format_number(moved) +
                      ", expected lr(1 − β₁)/(√(1 − β₂) + ε) = " + format_number(c.factor) + "·lr";
    if (!std::isfinite(moved)) {
      why +=
          ": NaN or infinity from a finite gradient, only without the correction: is something "
          "divided by 0? Without bias correction m̂ = m and v̂ = v, the corrections are 1, not 0";
    } else if (!close(-moved / 1e-3, 0.1 / (std::sqrt(1.0 - c.beta2) + 1e-8), 1e-12)) {
      why += testing::lines_say(workbook::adam_step, AdamParams{})();
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(-moved / 1e-3 == 0.1 / (std::sqrt(1.0 - c.beta2) + 1e-8), tt::tolerance(1e-12));
    BOOST_TEST_INFO(why);
    BOOST_TEST(-moved / 1e-3 == c.factor, tt::tolerance(1e-6));
  }
  // The uncorrected step with the defaults over the first 50 steps of a constant gradient:
  // lr(1 − 0.9ᵗ)/(√(1 − 0.999ᵗ) + ε), between 3.16·lr and 6.57·lr; the corrected one is lr.
  AdamParams off;
  off.bias_correction = false;
  KernelRun corrected(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  KernelRun uncorrected(workbook::adam_step, off, Vector{{0.0}});
  double largest = 0.0;
  const auto lines_say = testing::lines_say(workbook::adam_step, AdamParams{});
  for (int t = 1; t <= 50; ++t) {
    const double with = -corrected.step(1.0) / 1e-3, without = -uncorrected.step(1.0) / 1e-3;
    BOOST_TEST_INFO(
        "step t = "
        << t << " of a constant gradient g = 1 moved " << with
        << "·lr with bias correction, expected 1·lr (for a constant g, m̂ = g and v̂ = g²)"
        << (close(with, 1.0, 1e-7) ? "" : lines_say()));
    BOOST_TEST(with == 1.0, tt::tolerance(1e-7));
    const double expected = (1.0 - std::pow(0.9, t)) / (std::sqrt(1.0 - std::pow(0.999, t)) + 1e-8);
    const double heuristic = 0.1 / std::sqrt(0.001);  // (1 − β₁)/√(1 − β₂) = 3.1623
    std::string why =
        "step t = " + std::to_string(t) +
        " of a constant gradient g = 1 without bias correction moved " + format_number(without, 8) +
        "·lr, expected lr(1 − 0.9ᵗ)/(√(1 − 0.999ᵗ) + ε) = " + format_number(expected, 8) + "·lr";
    if (!close(without, expected, 1e-12)) {
      why += close(without, heuristic, 1e-6) && expected > heuristic
                 ? ": the step stopped at lr(1 − β₁)/√(1 − β₂) = 3.1623·lr, Kingma and Ba's "
                   "heuristic size; is every step clipped to it? §5.4 calls it a heuristic, "
                   "not a bound: the step is lr·m̂/(√v̂ + ε) whatever its size, and without the "
                   "correction the early steps are larger (up to 6.57·lr here)"
                 : lines_say();
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(without == expected, tt::tolerance(1e-12));
    largest = std::max(largest, without);
  }
  BOOST_TEST(largest == 6.5685, tt::tolerance(1e-4));
  // Far from the start 1 − β^t → 1 and the variants agree.
  for (int t = 51; t <= 20000; ++t) {
    corrected.step(1.0);
    uncorrected.step(1.0);
  }
  BOOST_TEST(uncorrected.step(1.0) == corrected.step(1.0), tt::tolerance(1e-8));
}
//! [without bias correction]

//! [step bound]
// The bound. With m_t = (1 − β₁) Σ β₁^{t−i} g_i and v_t = (1 − β₂) Σ β₂^{t−i} g_i², write
// β₁^{t−i} g_i = (β₁/√β₂)^{t−i} · √β₂^{t−i} g_i; Cauchy–Schwarz gives
// |m_t|/√v_t ≤ (1 − β₁)/√(1 − β₂) · √(Σ_{j<t} (β₁²/β₂)^j) < (1 − β₁)/√((1 − β₂)(1 − β₁²/β₂)) when
// β₁² < β₂ (7.2703 for the defaults). The corrections multiply it by √(1 − β₂ᵗ)/(1 − β₁ᵗ), and
// the whole factor grows with t towards the same limit: the bound holds at every step. (Which
// gradients reach it is the experiment adam_heuristic_counterexample.)
BOOST_AUTO_TEST_CASE(
    a_step_is_at_most_the_cauchy_schwarz_bound,
    *utf::description(
        "§5.4: a step is at most lr(1 − β₁)/√((1 − β₂)(1 − β₁²/β₂)) = 7.27·lr "
        "(the defaults): the bound at step t, (1 − β₁)/√(1 − β₂) · √(1 − β₂ᵗ)/(1 − β₁ᵗ) "
        "· √(Σ_{j<t} (β₁²/β₂)^j), is 1 at t = 1, 2.2434 at t = 100 and grows "
        "towards it, the factor √(1 − β₂ᵗ)/(1 − β₁ᵗ) staying below 1; 5000 "
        "heavy-tailed gradients stay below it")) {
  const double beta1 = 0.9, beta2 = 0.999;
  const double heuristic = (1.0 - beta1) / std::sqrt(1.0 - beta2);
  const double bound = (1.0 - beta1) / std::sqrt((1.0 - beta2) * (1.0 - beta1 * beta1 / beta2));
  BOOST_TEST(bound == 7.2702918, tt::tolerance(1e-7));

  // The bound at step t: (1 − β₁)/√(1 − β₂) · √(1 − β₂ᵗ)/(1 − β₁ᵗ) · √(Σ_{j<t} (β₁²/β₂)^j), the
  // sum summed term by term.
  double sum = 0.0, previous = 0.0;
  for (int t = 1; t <= 5000; ++t) {
    sum += std::pow(beta1 * beta1 / beta2, t - 1);
    const double factor = heuristic * std::sqrt(1.0 - std::pow(beta2, t)) /
                          (1.0 - std::pow(beta1, t)) * std::sqrt(sum);
    if (t == 1) BOOST_TEST(factor == 1.0, tt::tolerance(1e-12));
    if (t == 100) BOOST_TEST(factor == 2.2434, tt::tolerance(1e-4));
    BOOST_TEST_INFO("the factor at step " << t << " is " << factor << ", at step " << t - 1 << " "
                                          << previous);
    BOOST_TEST_REQUIRE(factor >= previous);
    BOOST_TEST_REQUIRE(factor < bound);
    // The bias corrections alone, √(1 − β₂ᵗ)/(1 − β₁ᵗ), only shrink a step.
    BOOST_TEST_REQUIRE(std::sqrt(1.0 - std::pow(beta2, t)) / (1.0 - std::pow(beta1, t)) < 1.0);
    previous = factor;
  }

  std::mt19937_64 rng(11);
  std::cauchy_distribution<double> heavy_tailed;
  std::bernoulli_distribution rare(0.01);
  KernelRun adam(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  double heaviest = 0.0;
  for (int t = 1; t <= 5000; ++t) {
    const double gradient = rare(rng) ? 100.0 * heavy_tailed(rng) : 0.01 * heavy_tailed(rng);
    heaviest = std::max(heaviest, std::abs(adam.step(gradient)) / 1e-3);
  }
  BOOST_TEST_INFO("largest step over 5000 heavy-tailed gradients: " << heaviest << "·lr");
  BOOST_TEST(heaviest <= bound);
}
//! [step bound]

//! [invariance]
BOOST_AUTO_TEST_CASE(
    steps_do_not_depend_on_the_scale_of_the_gradient,
    *utf::description("§5.4: m̂/√v̂ does not change when every gradient is multiplied by c: with "
                      "ε = 0, Adam's iterates on c·f are those on f for c = 1e-3 and 1e3 (to "
                      "rounding); gradient descent's are not")) {
  const Quadratic q = Quadratic::diagonal(Vector{{0.1, 1.0, 50.0}});
  const Vector x0{{1.0, -2.0, 0.3}};
  AdamParams params;
  params.learning_rate = 0.05;
  params.epsilon = 0.0;
  auto adam = adam_rule(params);
  const std::vector<Vector> reference = run(q, adam, x0, 100);
  for (double c : {1e-3, 1e3}) {
    const Scaled scaled(q, c);
    const std::vector<Vector> ours = run(scaled, adam, x0, 100);
    const double distance = golden::max_relative_difference(ours, reference);
    std::string why;
    if (!(distance <= 1e-12)) {
      // This case sets ε = 0: a step that does not read params.epsilon keeps an ε of its own.
      const auto first_step = [&](double epsilon) {
        AdamParams p = params;
        p.epsilon = epsilon;
        return KernelRun(workbook::adam_step, p, Vector{{0.5}}).step(1e-3);
      };
      const std::string lines = testing::lines_say(workbook::adam_step, AdamParams{})();
      why = first_step(0.0) == first_step(0.1)
                ? ": the step is the same with ε = 0 and ε = 0.1: params.epsilon is not read (a "
                  "number written in its place?); every setting of AdamParams is used"
            : !lines.empty() ? lines
                             : ": is every gradient normalised by √v̂?";
    }
    BOOST_TEST_INFO("Adam on " << c << "·f moved differently, by " << distance << " relative"
                               << why);
    BOOST_TEST(distance <= 1e-12);
    auto gd = gradient_descent_rule({0.01});
    const double gd_distance =
        golden::max_relative_difference(run(scaled, gd, x0, 100), run(q, gd, x0, 100));
    BOOST_TEST(gd_distance > 0.1);
  }
}
//! [invariance]

//! [bias correction figure]
BOOST_AUTO_TEST_CASE(
    moments_with_and_without_bias_correction,
    *utf::label("plot") *
        utf::description("§5.4: over the first 50 steps of a constant gradient 2, m_t = "
                         "2(1 − 0.9ᵗ) creeps up from 0 while m̂_t = 2 from the first step; with "
                         "noisy gradients N(2, 1), m̂_t scatters around 2 and m_t around "
                         "2(1 − 0.9ᵗ)")) {
  KernelRun constant(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  KernelRun noisy(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  std::mt19937_64 rng(3);
  std::normal_distribution<double> normal(2.0, 1.0);
  std::vector<double> t_axis, m_constant, m_noisy, m_hat_noisy, m_hat_constant;
  for (int t = 1; t <= 50; ++t) {
    constant.step(2.0);
    noisy.step(normal(rng));
    const double correction = 1.0 - std::pow(0.9, t);
    t_axis.push_back(t);
    m_constant.push_back(constant.state.m(0));
    m_hat_constant.push_back(constant.state.m(0) / correction);
    m_noisy.push_back(noisy.state.m(0));
    m_hat_noisy.push_back(noisy.state.m(0) / correction);
    BOOST_TEST(constant.state.m(0) == 2.0 * correction, tt::tolerance(1e-12));
    BOOST_TEST(constant.state.m(0) / correction == 2.0, tt::tolerance(1e-12));
  }
  testing::draw(
      plot::Figure("Adam's first moment over the first 50 steps (β₁ = 0.9)")
          .x_label("step t")
          .y_label("moment")
          .add("m_t, constant g = 2 (= 2(1 − 0.9^t))", t_axis, m_constant)
          .add("m̂_t = m_t/(1 − 0.9^t), constant g = 2", t_axis, m_hat_constant, plot::Style::dashed)
          .add("m_t, g ~ N(2, 1)", t_axis, m_noisy, plot::Style::lines_points)
          .add("m̂_t, g ~ N(2, 1)", t_axis, m_hat_noisy, plot::Style::lines_points),
      "ch05_bias_correction");
}
//! [bias correction figure]

//! [l2 against decoupled]
// Two coordinates from θ = (1, 1), whose loss gradients alternate in sign with sizes 10 and 0.01:
// the loss does not move them on average, so what is left after 2000 steps is the decay.
BOOST_AUTO_TEST_CASE(
    l2_decays_parameters_with_large_gradients_less,
    *utf::description("§5.4: with lr = 1e-3, λ = 0.1 and gradients ±10 and ±0.01, after 2000 "
                      "steps L2 in Adam (g ← g + λθ, then divided by √v̂) has left 0.98193 of "
                      "the large-gradient parameter and 0.02301 of the small-gradient one; AdamW "
                      "leaves 0.82016 of both, about (1 − ηλ)²⁰⁰⁰ = 0.81871")) {
  auto run = [](bool decoupled) {
    AdamParams params;
    params.learning_rate = 1e-3;
    params.weight_decay = 0.1;
    params.decoupled_weight_decay = decoupled;
    KernelRun adam(workbook::adam_step, params, Vector{{1.0, 1.0}});
    for (int t = 1; t <= 2000; ++t) {
      const double sign = t % 2 == 0 ? 1.0 : -1.0;
      adam.step(Vector{{10.0 * sign, 0.01 * sign}});
    }
    return Vector(adam.x);
  };
  Vector l2;
  try {
    l2 = run(false);
  } catch (const std::invalid_argument& refused) {
    BOOST_ERROR("Adam refused weight_decay = 0.1 with decoupled_weight_decay off (\""
                << refused.what()
                << "\"): L2 in Adam is valid, what torch.optim.Adam does with weight_decay "
                   "(g ← g + λθ, before the moments); that it decays the parameters with large "
                   "gradients less, as this case measures, is a reason to prefer AdamW, not an "
                   "error to refuse");
    return;
  }
  const Vector decoupled = run(true);
  const bool as_the_notes = close(l2(0), 0.98193, 1e-4) && close(l2(1), 0.02301, 1e-3) &&
                            close(decoupled(0), 0.82016, 1e-4) &&
                            close(decoupled(1), 0.82016, 1e-4);
  const std::string left =
      "L2 in Adam left θ = " + format_vector(l2) + ", AdamW " + format_vector(decoupled) +
      (as_the_notes ? "" : testing::lines_say(workbook::adam_step, AdamParams{})());
  BOOST_TEST_INFO(left);
  BOOST_TEST(l2(0) == 0.98193, tt::tolerance(1e-4));
  BOOST_TEST_INFO(left);
  BOOST_TEST(l2(1) == 0.02301, tt::tolerance(1e-3));
  BOOST_TEST_INFO(left);
  BOOST_TEST(decoupled(0) == 0.82016, tt::tolerance(1e-4));
  BOOST_TEST_INFO(left);
  BOOST_TEST(decoupled(1) == 0.82016, tt::tolerance(1e-4));
}
//! [l2 against decoupled]

//! [torch adam]
BOOST_AUTO_TEST_CASE(
    iterates_equal_torch_adam_and_adamw,
    *utf::description("§5.10: on the quadratic and Rosenbrock, for every combination of lr, "
                      "betas, eps and weight_decay in the grid (32 runs of Adam, 16 of AdamW, 30 "
                      "steps each, amsgrad off), the iterates equal torch.optim 1.13's to 1e-10 "
                      "relative")) {
  BOOST_TEST(golden::check_replays(golden::torch_adam_family(false), {}, 1e-10,
                                   testing::lines_say(workbook::adam_step, AdamParams{})) == 48);
}
//! [torch adam]

//! [adam conventions]
BOOST_AUTO_TEST_CASE(
    conventions_pinned_by_formula_goldens,
    *utf::description("§5.10: fed the same 40 gradients, Adam and AdamW follow the formulas to "
                      "1e-10, and every changed convention (no bias correction, ε inside the root "
                      "or before the correction, β₁ and β₂ swapped, L2 instead of decoupled decay) "
                      "moves the iterates by more than 1e-6; the variants the notes compare are "
                      "selectable")) {
  const auto family = golden::formula_family({"adam", "adamw"}, [](const golden::Trajectory& run) {
    return run.settings.count("amsgrad") == 0;
  });
  BOOST_TEST(golden::check_formula_family(
                 family, testing::lines_say(workbook::adam_step, AdamParams{})) == 3);

  // The variants without bias correction and with ε inside the root, selected by a setting.
  for (const golden::Trajectory& variant : family) {
    if (variant.optimizer != "adam") continue;
    Arguments selected;
    if (variant.variant == "no_bias_correction") selected = {{"bias_correction", "false"}};
    if (variant.variant == "epsilon_inside_root") selected = {{"eps_inside_root", "true"}};
    if (selected.empty()) continue;
    const double distance =
        golden::max_relative_difference(golden::replay(variant, selected), variant.x);
    BOOST_TEST_INFO(variant.describe()
                    << " with " << selected.begin()->first << " = " << selected.begin()->second
                    << " is " << distance << " away from the variant " << variant.variant
                    << (distance <= 1e-10
                            ? ""
                            : testing::lines_say(workbook::adam_step, AdamParams{})()));
    BOOST_TEST(distance <= 1e-10);
  }
}
//! [adam conventions]

BOOST_AUTO_TEST_CASE(keeps_what_every_adaptive_step_keeps,
                     *utf::description(testing::every_adaptive_step_keeps)) {
  testing::check_probes(workbook::adam_step, AdamParams{}, testing::adam_shape());
}

BOOST_AUTO_TEST_SUITE_END()
