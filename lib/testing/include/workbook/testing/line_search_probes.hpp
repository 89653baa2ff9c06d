#pragma once
// Probes of a backtracking line search (Chapter 1, §1.5): properties that every correct search has,
// whatever its code, each with the sentence a teacher would say when it breaks. The tests of
// armijo_backtracking run them on the student's search when a check fails, so that a slip nobody
// listed is still named in the notes' words instead of being reported as bare numbers.
//
//     const auto findings = testing::probe_line_search(workbook::armijo_backtracking);
//     BOOST_TEST_INFO("α = 0.25, expected 0.5" << testing::what_the_probes_found(findings));
//
// The probes watch every call of f: where the search evaluates f tells the order of its trials,
// and what it does with the values tells its condition.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/probes.hpp"

namespace workbook::testing {

/// The signature of workbook::armijo_backtracking.
using LineSearch = double (*)(const ScalarFunction&, const Vector&, double, const Vector&,
                              const Vector&, const ArmijoParams&);

/// One run of a line search as the probes watch it: where f was called, what it returned there,
/// and how the search ended.
struct WatchedSearch {
  std::vector<Vector> points;   ///< the points f was called at, in order
  std::vector<double> values;   ///< f at those points
  std::optional<double> alpha;  ///< the step size returned, if the search returned
  std::string thrown;           ///< what it threw instead: "std::invalid_argument", ...
  std::string message;          ///< the exception's message

  /// The step size returned, or NaN if the search threw.
  double alpha_or_nan() const { return alpha ? *alpha : std::numeric_limits<double>::quiet_NaN(); }
  /// "returned α = 0.5" or "threw std::runtime_error (...)", with the number of calls of f.
  std::string outcome() const {
    const std::string calls =
        std::to_string(points.size()) + (points.size() == 1 ? " call of f" : " calls of f");
    if (alpha) return "returned α = " + format_number(*alpha, 6) + " after " + calls;
    return thrown + " after " + calls + " (\"" + message + "\")";
  }
};

namespace detail {

// Thrown by the watched f when a search calls it endlessly, so that a probe always ends.
struct EndlessSearch {};

constexpr std::size_t most_calls = 10000;

}  // namespace detail

/// Runs `search` on `f` and records every call of f. workbook::not_implemented passes through (a
/// stub's "not implemented yet"); any other exception is recorded. With `endless` true (the
/// probes), a search that calls f more than 10000 times is stopped and recorded ("never
/// stopped"); with false (a graded call), it runs on, as the student's code would, until the
/// grader's time limit stops it.
inline WatchedSearch watch_search(LineSearch search, const ScalarFunction& f, const Vector& x,
                                  double loss, const Vector& gradient, const Vector& direction,
                                  const ArmijoParams& params, bool endless = false) {
  WatchedSearch run;
  const ScalarFunction watched = [&](const Vector& p) {
    if (endless && run.points.size() >= detail::most_calls) throw detail::EndlessSearch{};
    const double value = f(p);
    run.points.push_back(p);
    run.values.push_back(value);
    return value;
  };
  const Thrown thrown = call_recording<detail::EndlessSearch>(
      [&] { run.alpha = search(watched, x, loss, gradient, direction, params); },
      "f called " + std::to_string(detail::most_calls) + " times");
  run.thrown = thrown.kind;
  run.message = thrown.message;
  return run;
}

/// Runs the probes on `search`: returns one sentence per property that it breaks, empty if it
/// keeps them all. workbook::not_implemented passes through.
inline std::vector<std::string> probe_line_search(LineSearch search) {
  std::vector<std::string> findings;
  // f = ½(x₀² + 4x₁²) from x = (1, 1): f(x) = 2.5 and ∇f = (1, 4). Along d = (−2, −1), which is
  // not −∇f, the slope is ∇fᵀd = −6 while −‖∇f‖² = −17; f(x + αd) = 2.5 − 6α + 4α², so with
  // c = 0.5 the condition holds for α ≤ 0.75: from α₀ = 8 with τ = 0.5 the trials are 8, 4, 2, 1
  // and 0.5, which passes.
  const ScalarFunction f = [](const Vector& p) { return 0.5 * (p(0) * p(0) + 4.0 * p(1) * p(1)); };
  const Vector x{{1.0, 1.0}}, g{{1.0, 4.0}}, d{{-2.0, -1.0}};
  const double loss = 2.5, slope = g.dot(d);
  ArmijoParams params;
  params.initial_step = 8.0;
  params.shrink = 0.5;
  params.sufficient_decrease = 0.5;
  const double c = params.sufficient_decrease, tau = params.shrink;
  const double expected = 0.5;
  const std::string where =
      "on f = ½(x₀² + 4x₁²) from x = (1, 1) along d = (−2, −1), ∇fᵀd = −6, with α₀ = 8, τ = 0.5, "
      "c = 0.5 (α = 0.5 passes after 4 rejections)";

  // A run as the readings see it: the trial steps, f there, and whether the search accepted
  // the last one, with the run's α₀, c, slope ∇fᵀd, ‖d‖ and τ; f(x) = loss in every run.
  struct Trials {
    std::vector<double> alphas, values;
    bool stopped = false;
    double start = 0.0;
    double c = 0.0;
    double slope = 0.0;
    double d_norm = 0.0;
    double tau = 0.0;
    double start_dot = 0.0;              // ∇fᵀx at the run's start point x
    double gradient_norm_squared = 0.0;  // ‖∇f‖²
    double sum_product = 0.0;  // (Σᵢ ∂ᵢf)(Σⱼ dⱼ), the sum of the outer product ∇f dᵀ
    double loss = 0.0;         // f(x) at the run's start
    double point_slope = 0.0;    // xᵀd, the start point (not the gradient) along d
    double dimension = 0.0;      // n, the number of coordinates
    double first_product = 0.0;  // ∂₀f·d₀, the first coordinate's term of ∇fᵀd
  };
  struct Reading {
    std::string sentence;
    std::function<bool(const Trials&, std::size_t)> accepts;
  };
  const auto bound_of = [&](const Trials& t, std::size_t k) {
    return t.loss + t.c * t.alphas[k] * t.slope;
  };
  const std::vector<Reading> readings = {
      {"", [&](const Trials& t, std::size_t k) { return t.values[k] <= bound_of(t, k); }},
      {"it stops where f(x + αd) ≤ f(x) + c·α·|∇fᵀd| would: is the sufficient-decrease term "
       "c·α·∇fᵀd added with the wrong sign? The slope is negative, so the bound lies below "
       "f(x)",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss - t.c * t.alphas[k] * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·(α/α₀)·∇fᵀd would: the bound uses the fraction "
       "α/α₀ = τʲ, not the step α = τʲα₀ that the trial point was built with: is α₀ left out of "
       "the bound (the shrink factor's power kept apart from α₀)? Test x + αd against "
       "f(x) + c·α·∇fᵀd with the same α",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * (t.alphas[k] / t.start) * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·τα·∇fᵀd would: the bound uses τα, the next trial's "
       "step, not the α the trial point was built with: is α shrunk before the test? Test "
       "x + αd against f(x) + c·α·∇fᵀd with the same α, then shrink",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.tau * t.alphas[k] * t.slope;
       }},
      {"it stops where testing each trial against the previous trial's bound would, "
       "f(x) + c·(α/τ)·∇fᵀd after a rejection: is the bound recomputed after a rejection but "
       "before α ← τα, so that it lags one trial behind? Test x + αd against f(x) + c·α·∇fᵀd "
       "with the α the trial point was built with",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * (k == 0 ? t.alphas[0] : t.alphas[k - 1]) * t.slope;
       }},
      {"it stops where plain decrease f(x + αd) < f(x) would: plain decrease is not enough; "
       "the sufficient-decrease term c·α·∇fᵀd is missing",
       [&](const Trials& t, std::size_t k) { return t.values[k] < t.loss; }},
      {"it stops where f(x + αd) ≤ f(x) + 10⁻⁴·α·∇fᵀd would, whatever c it is given: is c "
       "fixed at §1.5's typical value 10⁻⁴ instead of read from params.sufficient_decrease? "
       "c ∈ (0, 1) is the caller's choice, like α₀ and τ",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + 1e-4 * t.alphas[k] * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) − c would: c is taken as a fixed amount by which f "
       "must fall; it is the fraction of the decrease that the slope predicts, f(x) + c·α·∇fᵀd, "
       "which shrinks with α",
       [&](const Trials& t, std::size_t k) { return t.values[k] <= t.loss - t.c; }},
      {"it stops where f(x + αd) ≤ f(x) + α∇fᵀd would: the factor c is missing from "
       "c·α·∇fᵀd (with c = 1 no step passes on a convex f)",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.alphas[k] * t.slope;
       }},
      {"it stops where the slope −‖∇f‖² = −17 would, not ∇fᵀd: the condition uses the "
       "slope ∇fᵀd, and ‖∇f‖² equals −∇fᵀd only when d = −∇f",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss - t.c * t.alphas[k] * t.gradient_norm_squared;
       }},
      {"it stops where the slope −‖d‖² would, not ∇fᵀd: that is the slope only when "
       "d = −∇f; d is any descent direction, and the slope is the directional derivative "
       "∇fᵀd",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss - t.c * t.alphas[k] * t.d_norm * t.d_norm;
       }},
      {"it stops where the slope −‖∇f‖‖d‖ = −9.22 would, not ∇fᵀd = −6: −‖∇f‖‖d‖ is the most "
       "negative ∇fᵀd can be for a d of this length (Cauchy–Schwarz, §1.1), reached only along "
       "−∇f; along another descent direction it asks for more decrease than the slope "
       "predicts, and refuses steps that Armijo's test accepts",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <=
                t.loss - t.c * t.alphas[k] * std::sqrt(t.gradient_norm_squared) * t.d_norm;
       }},
      {"it stops where f(x + αd) ≤ f(x) + (1 − c)·α·∇fᵀd would: 1 − c, the other line of "
       "Goldstein's test, stands where Armijo's small c belongs",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + (1.0 - t.c) * t.alphas[k] * t.slope;
       }},
      {"it stops where comparing each trial with f at the previous trial would: compare "
       "f(x + αd) with f(x), the value at the start, every time",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= (k == 0 ? t.loss : t.values[k - 1]) + t.c * t.alphas[k] * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x + αd) + c·α·∇fᵀd would, each trial compared with "
       "itself, which holds only once c·α·∇fᵀd is lost in rounding (α near 1e-16): is f at the "
       "trial point stored in the variable that should hold f(x) (a local that hides the "
       "argument `loss`)? The bound starts from f(x), the argument `loss`, at every trial",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.values[k] + t.c * t.alphas[k] * t.slope;
       }},
      {"it stops where |f(x + αd) − f(x)| ≥ c·α·|∇fᵀd| would: the change of f is compared by "
       "its size, so a step that raises f by enough passes as well as one that lowers it; the "
       "condition is one-sided and signed, f(x + αd) ≤ f(x) + c·α·∇fᵀd (∇fᵀd < 0: f must fall)",
       [&](const Trials& t, std::size_t k) {
         return std::abs(t.values[k] - t.loss) >= t.c * t.alphas[k] * std::abs(t.slope);
       }},
      {"it accepts the trials that fail the condition: is the comparison reversed?",
       [&](const Trials& t, std::size_t k) { return t.values[k] > bound_of(t, k); }},
      {"it stops where f(x + αd) ≤ f(x) + c·∇fᵀd·(α₀ + τα₀ + … + α) would, the predicted "
       "decrease added up over the rejected trials (a bound kept from one trial to the next, "
       "`bound += c * alpha * slope`): each trial has its own bound, f(x) + c·α·∇fᵀd, computed "
       "afresh from f(x) with the α being tried",
       [&](const Trials& t, std::size_t k) {
         double sum = 0.0;
         for (std::size_t j = 0; j <= k; ++j) sum += t.alphas[j];
         return t.values[k] <= t.loss + t.c * sum * t.slope;
       }},
      {"it stops where f(x + αd) ≤ τᵏ·(f(x) + c·α₀·∇fᵀd) would, the whole bound shrunk with α: "
       "only the predicted decrease c·α·∇fᵀd is proportional to α; f(x) stays as it is, so "
       "the bound is f(x) + c·α·∇fᵀd at every trial",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.alphas[k] / t.start * (t.loss + t.c * t.start * t.slope);
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·α₀·∇fᵀd would: the bound uses α₀ at every "
       "trial, so it does not shrink with the step and the small steps, which must pass, are "
       "refused too; the bound is f(x) + c·α·∇fᵀd with the trial's α",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.start * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·∇fᵀd would: α is missing from the "
       "sufficient-decrease term c·α·∇fᵀd, so the bound does not shrink with the step",
       [&](const Trials& t, std::size_t k) { return t.values[k] <= t.loss + t.c * t.slope; }},
      {"it stops where f(x + αd) ≤ f(x) + c·α²·∇fᵀd would: α is counted twice, once in "
       "the slope along the step, ∇fᵀ(αd), and once more; the predicted decrease is "
       "c·α·∇fᵀd = c·∇fᵀ(αd)",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.alphas[k] * t.alphas[k] * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) + τ·α·∇fᵀd would: τ, the factor that shrinks α, "
       "stands where c, the fraction of the predicted decrease, belongs",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.tau * t.alphas[k] * t.slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·α·∇fᵀd/‖d‖ would: the slope is divided by ‖d‖; "
       "the condition uses ∇fᵀd itself, how fast f changes per unit of α along d",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.alphas[k] * t.slope / t.d_norm;
       }},
      {"it stops where f(x + αd) ≤ (1 − c·α)·f(x) would: the fraction c is taken of the "
       "loss itself; Armijo's test asks for a fraction c of the decrease that the slope "
       "predicts, f(x) + c·α·∇fᵀd, which does not depend on where f's zero is",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= (1.0 - t.c * t.alphas[k]) * t.loss;
       }},
      {"it stops where f(x + αd) ≤ c·(f(x) + α∇fᵀd) would: c multiplies f(x) too; the bound "
       "starts at f(x) itself and only the predicted decrease α∇fᵀd is scaled by c, f(x) + "
       "c·α·∇fᵀd",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.c * (t.loss + t.alphas[k] * t.slope);
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·∇fᵀ(x + αd) would: the gradient is dotted with "
       "the trial point, not with the step; the predicted decrease is c·∇fᵀ(αd) = c·α·∇fᵀd, "
       "which does not depend on where the origin is",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * (t.start_dot + t.alphas[k] * t.slope);
       }},
      {"it stops where f(x) + (1 − c)·α·∇fᵀd ≤ f(x + αd) ≤ f(x) + c·α·∇fᵀd would: it also "
       "refuses a step because f fell too much, Goldstein's second line; Armijo's condition "
       "bounds the decrease from one side only (a step that decreases f more than predicted "
       "passes), and starting from a large α₀ is what keeps backtracking's steps from being "
       "too short",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= bound_of(t, k) &&
                t.values[k] >= t.loss + (1.0 - t.c) * t.alphas[k] * t.slope;
       }},
      {"it stops where the slope (Σᵢ∂ᵢf)·(Σⱼdⱼ) would, the sum of the matrix ∇f dᵀ (an outer "
       "product), not ∇fᵀd = Σᵢ∂ᵢf·dᵢ: in Eigen, gradient.dot(direction) or "
       "gradient.transpose() * direction is the inner product",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.alphas[k] * t.sum_product;
       }},
      {"it stops where the slope xᵀd would, the point dotted with d, not ∇fᵀd: the slope is the "
       "directional derivative ∇f(x)ᵀd, the gradient's component along d (the argument "
       "`gradient`); x is only where the search stands, and xᵀd says nothing about whether f "
       "falls along d",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.alphas[k] * t.point_slope;
       }},
      {"it stops where f(x + αd) ≤ f(x) + c·α·(∇fᵀd)/n would, n the number of coordinates: "
       "the slope is the mean of the products ∂ᵢf·dᵢ (.mean() where a sum belongs), not their "
       "sum ∇fᵀd = Σᵢ∂ᵢf·dᵢ, the first-order change of f per unit of α; the two agree in one "
       "dimension, and in n dimensions c is in effect divided by n",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.alphas[k] * t.slope / t.dimension;
       }},
      {"it stops where the slope ∂₀f·d₀ = −2 would, the first coordinate's term alone, not "
       "∇fᵀd = Σᵢ∂ᵢf·dᵢ = −6: the slope sums the products of every coordinate; in one dimension "
       "the two agree",
       [&](const Trials& t, std::size_t k) {
         return t.values[k] <= t.loss + t.c * t.alphas[k] * t.first_product;
       }}};
  const auto explains = [&](const Reading& reading, const Trials& t) {
    if (t.alphas.empty()) return false;
    for (std::size_t k = 0; k + 1 < t.alphas.size(); ++k) {
      if (reading.accepts(t, k)) return false;
    }
    return reading.accepts(t, t.alphas.size() - 1) == t.stopped;
  };
  // The reading whose sentence says `words`.
  const auto reading_saying = [&](const std::string& words) -> const Reading& {
    std::size_t r = 0;
    while (r + 1 < readings.size() && readings[r].sentence.find(words) == std::string::npos) ++r;
    return readings[r];
  };
  // A watched run along `direction` with `with`'s α₀, c and τ, as Trials, if every call of f
  // was at the trial points x + α₀τᵏd in order.
  const auto trials_of = [&](const WatchedSearch& run, const Vector& direction,
                             const ArmijoParams& with, const Vector& from, const Vector& gradient,
                             double start_loss) -> std::optional<Trials> {
    Trials t{{},
             run.values,
             run.alpha.has_value(),
             with.initial_step,
             with.sufficient_decrease,
             gradient.dot(direction),
             direction.norm(),
             with.shrink,
             gradient.dot(from),
             gradient.squaredNorm(),
             gradient.sum() * direction.sum(),
             start_loss,
             from.dot(direction),
             double(from.size()),
             gradient(0) * direction(0)};
    for (std::size_t k = 0; k < run.points.size(); ++k) {
      const double alpha = with.initial_step * std::pow(with.shrink, double(k));
      const Vector step = alpha * direction;
      if ((run.points[k] - (from + step)).norm() > 1e-12 * (from.norm() + step.norm()))
        return std::nullopt;
      t.alphas.push_back(alpha);
    }
    if (t.alphas.empty()) return std::nullopt;
    return t;
  };
  // Keeps the causes that also explain the run `t`, unless none does.
  const auto narrow = [&](std::vector<std::size_t>& causes, const Trials& t) {
    std::vector<std::size_t> kept;
    for (std::size_t r : causes) {
      if (explains(readings[r], t)) kept.push_back(r);
    }
    if (!kept.empty()) causes = kept;
  };
  // The wrong readings that stop where the search stopped in `seen` (its run `run`, with the
  // hyper-parameters `with`). Several can (all refuse every trial, say). On an f that is
  // linear along d, f(x + αd) = f(x) + 0.9α∇fᵀd, from α₀ = 8 and α₀ = 0.5, and on f along
  // d/10, whose slope −0.6 is smaller than its slope per unit length, they part: the right
  // condition and α₀'s accept α₀ at once on the linear f, c = 1 never does, only α₀'s accepts
  // 0.5 there, and along d/10 plain decrease accepts α₀ = 8 while the slope over ‖d‖ refuses
  // every step; where f barely falls, plain decrease accepts α₀ and c = 10⁻⁴ does not. A
  // reading stays if it also explains the search on those.
  const auto causes_of = [&](const Trials& seen_run, const ArmijoParams& with) {
    std::vector<std::size_t> causes;
    for (std::size_t r = 1; r < readings.size(); ++r) {
      if (explains(readings[r], seen_run)) causes.push_back(r);
    }
    if (causes.size() > 1) {
      const ScalarFunction along = [&](const Vector& p) { return loss + 0.9 * g.dot(p - x); };
      // Barely falling along d, f(x + αd) = f(x) + 10⁻⁶α∇fᵀd: plain decrease accepts α₀, and a
      // fraction c = 10⁻⁴ of the predicted decrease, like every c of the probes, refuses it.
      const ScalarFunction barely = [&](const Vector& p) { return loss + 1e-6 * g.dot(p - x); };
      const Vector short_d = d / 10.0;
      for (const auto& [on, direction, start] :
           {std::tuple<const ScalarFunction*, const Vector*, double>{&along, &d, 8.0},
            {&along, &d, 0.5},
            {&f, &short_d, 8.0},
            {&barely, &d, 8.0}}) {
        ArmijoParams from = with;
        from.initial_step = start;
        const WatchedSearch other = watch_search(search, *on, x, loss, g, *direction, from, true);
        const std::optional<Trials> t = trials_of(other, *direction, from, x, g, loss);
        if (!t) continue;
        narrow(causes, *t);
      }
      // The same problem moved by s: f(p − s) from x + s. Only a bound that reads where x
      // is (∇fᵀ(x + αd), xᵀd) sees the move; moved both ways, since a search that reads xᵀd
      // refuses the direction where xᵀd > 0.
      for (const Vector& shift : {Vector{{-3.0, -3.0}}, Vector{{3.0, 3.0}}}) {
        const ScalarFunction moved = [&](const Vector& p) { return f(p - shift); };
        const WatchedSearch other = watch_search(search, moved, x + shift, loss, g, d, with, true);
        if (const std::optional<Trials> t = trials_of(other, d, with, x + shift, g, loss)) {
          narrow(causes, *t);
        }
      }
      // The same problem scaled by 1/100: Armijo's test and plain decrease do not see the scale,
      // a fixed amount c to fall by does.
      const ScalarFunction scaled = [&](const Vector& p) { return f(p) / 100.0; };
      const Vector scaled_g = g / 100.0;
      const WatchedSearch on_scaled =
          watch_search(search, scaled, x, loss / 100.0, scaled_g, d, with, true);
      if (const std::optional<Trials> t =
              trials_of(on_scaled, d, with, x, scaled_g, loss / 100.0)) {
        narrow(causes, *t);
      }
    }
    // Gradients turned about d, with the same slope ∇fᵀd = −6 and the same f: the right
    // condition cannot see the turn. (2, 2) has ‖∇f‖² = 8 and (Σᵢ∂ᵢf)(Σⱼdⱼ) = −12, (4, −2)
    // has ‖∇f‖² = 20 and (Σᵢ∂ᵢf)(Σⱼdⱼ) = −6: a reading of the gradient's norm or of its sum
    // moves with them, and c = 1 (which refuses every trial, as a too steep slope does)
    // does not. With c = 0.2 the trials on f are accepted at α = 1 by Armijo's test and by
    // Goldstein's two lines, which coincide at c = ½; c = 1 still refuses them.
    if (causes.size() > 1) {
      for (const Vector& turned : {Vector{{2.0, 2.0}}, Vector{{4.0, -2.0}}}) {
        const WatchedSearch other = watch_search(search, f, x, loss, turned, d, with, true);
        if (const std::optional<Trials> t = trials_of(other, d, with, x, turned, loss)) {
          narrow(causes, *t);
        }
      }
    }
    // f + 10: Armijo's test, and every reading that compares differences of f, cannot see
    // the constant; a fraction of f(x) itself can.
    if (causes.size() > 1) {
      const ScalarFunction raised = [&](const Vector& p) { return f(p) + 10.0; };
      const WatchedSearch other = watch_search(search, raised, x, loss + 10.0, g, d, with, true);
      if (const std::optional<Trials> t = trials_of(other, d, with, x, g, loss + 10.0)) {
        narrow(causes, *t);
      }
    }
    // A bound added up over the trials, a bound that keeps α₀ and a whole bound shrunk with α
    // all refuse every trial once the first fails on f. They part on a function that steps down
    // along d from a high f(x) = L: flat up to α₀'s trial; at the second trial, a value the
    // bound with α₀, L + c·α₀·∇fᵀd, accepts and the added-up bound L + c·∇fᵀd·(α₀ + τα₀) does
    // not; at the third and beyond, one the added-up bound accepts and the whole bound shrunk,
    // τᵏ·(L + c·α₀·∇fᵀd), never does.
    if (causes.size() > 1) {
      const double slope = g.dot(d), a0 = with.initial_step, tau = with.shrink;
      const double c = with.sufficient_decrease;
      const double high = 4.0 * c * std::abs(slope) * a0 / (1.0 - tau) + 1.0;
      const double with_a0 = high + c * a0 * slope;
      const double added_up_1 = high + c * slope * a0 * (1.0 + tau);
      const double added_up_2 = high + c * slope * a0 * (1.0 + tau + tau * tau);
      const double second = 0.5 * (added_up_1 + with_a0);
      const double third = 0.5 * (added_up_2 + tau * tau * with_a0);
      const ScalarFunction step_down = [&](const Vector& p) {
        const double alpha = (p - x).dot(d) / d.squaredNorm();
        return alpha > 0.5 * (1.0 + tau) * a0         ? high
               : alpha > 0.5 * (tau + tau * tau) * a0 ? second
                                                      : third;
      };
      const WatchedSearch other = watch_search(search, step_down, x, high, g, d, with, true);
      if (const std::optional<Trials> t = trials_of(other, d, with, x, g, high)) {
        narrow(causes, *t);
      }
    }
    // The same search with c = 0.2 (see above), then with τ = ¾: with τ = ½ and n = 2 the bound
    // with τα and the slope's mean over the n coordinates give the same numbers, and with τ = ¾
    // on f (f(x + αd) = 2.5 − 6α + 4α²) Armijo's test accepts α ≤ ¾, the bound with τα only
    // α ≤ 0.94 and the mean α ≤ 1.125: their first accepted trials are 0.60, 0.80 and 1.07.
    ArmijoParams gentle = with, slow = with;
    gentle.sufficient_decrease = 0.2;
    slow.shrink = 0.75;
    for (const ArmijoParams& other_params : {gentle, slow}) {
      if (causes.size() <= 1) break;
      const WatchedSearch other = watch_search(search, f, x, loss, g, d, other_params, true);
      if (const std::optional<Trials> t = trials_of(other, d, other_params, x, g, loss)) {
        narrow(causes, *t);
      }
    }
    return causes;
  };

  // Parameters written into (a const_cast, α₀ set to the last accepted step) change every later
  // call: said first, before they could be taken for a memory.
  {
    ArmijoParams passed = params;
    watch_search(search, f, x, loss, g, d, passed, true);
    if (std::string changed = changed_params(params, passed, "the search"); !changed.empty())
      return {changed};
  }

  // A search with memory outside its arguments (a static α, a global) gives every other probe a
  // moving target: the same search, before and after a search on a stiff f (f = 5·10⁵‖p‖² along
  // −∇f from α₀ = 1, which passes only below 1e-6), must call f at the same points and return
  // the same α.
  {
    const WatchedSearch first = watch_search(search, f, x, loss, g, d, params, true);
    {
      const ScalarFunction stiff = [](const Vector& p) { return 5e5 * p.squaredNorm(); };
      ArmijoParams small;
      small.initial_step = 1.0;
      small.shrink = 0.5;
      small.sufficient_decrease = 0.5;
      small.max_backtracks = 60;
      watch_search(search, stiff, x, stiff(x), 1e6 * x, -1e6 * x, small, true);
    }
    const WatchedSearch again = watch_search(search, f, x, loss, g, d, params, true);
    const bool same_alpha = first.alpha_or_nan() == again.alpha_or_nan() ||
                            (std::isnan(first.alpha_or_nan()) && std::isnan(again.alpha_or_nan()));
    if (!same_alpha || first.points.size() != again.points.size() || first.thrown != again.thrown) {
      return {"the same search, called with the same f, x, ∇f, d and parameters (" + where +
              ") before and after a search on another f, " + first.outcome() +
              " the first time and " + again.outcome() +
              " the second: it remembers something between calls, a static or a global (a step "
              "size kept from the last search, a counter never reset?). Each search starts "
              "afresh from α₀ = initial_step: everything it needs is in its arguments"};
    }
  }

  // The inputs are const: x, ∇f and d come back bit for bit (the parameters are asked above).
  Vector x_copy = x, g_copy = g, d_copy = d;
  const WatchedSearch base = watch_search(search, f, x_copy, loss, g_copy, d_copy, params, true);
  // A valid call refused before any trial: the search checks its parameters against ranges of
  // its own, narrower than ArmijoParams's. Nothing else can be probed.
  if (base.thrown == "threw std::invalid_argument" && base.points.empty()) {
    const auto names = [&](const char* field) {
      return base.message.find(field) != std::string::npos;
    };
    const std::string why =
        names("sufficient_decrease") ? " (c < ½ is a hypothesis of results on Newton's method, "
                                       "not a condition of the search)"
        : names("initial_step")      ? " (α₀ > 1 is only a long first trial, which backtracking "
                                       "shrinks; nothing bounds α₀ above)"
                                     : "";
    return {"the search refused a valid call, " + where + ": it " + base.outcome() +
            "; d descends (∇fᵀd = −6 < 0) and α₀ = 8, τ = 0.5 and c = 0.5 are in the ranges "
            "ArmijoParams allows (α₀ > 0; τ and c in (0, 1)): is the search's own check of the "
            "parameters narrower than those ranges" +
            why + "? params.validate() checks them as the library does"};
  }
  // The loss of the accepted trial returned for α: on f − 100 it is negative, which no step
  // size is, and it is the value f returned last.
  {
    const ScalarFunction lowered = [&](const Vector& p) { return f(p) - 100.0; };
    const WatchedSearch run = watch_search(search, lowered, x, loss - 100.0, g, d, params, true);
    if (run.alpha && !run.values.empty() && *run.alpha < 0.0 && *run.alpha == run.values.back()) {
      return {"on f − 100 the search returned α = " + format_number(*run.alpha, 6) +
              ", the value f(x + αd) of its last trial, " + where +
              ": it returns the loss it compared, not the step size. The search returns α, the "
              "first of α₀, τα₀, τ²α₀, … that passes; f(x + αd) is only what that α was tested "
              "with"};
    }
  }
  // d = (−2, −1) descends (∇fᵀd = −6): a search that refuses it after calling f decided descent
  // by a trial's value.
  if (base.thrown == "threw std::invalid_argument" && !base.points.empty()) {
    findings.push_back(
        "the search refused d = (−2, −1), a descent direction (∇fᵀd = −6 < 0), after calling f: "
        "it " +
        base.outcome() + ", " + where +
        ": whether d descends is the sign of the slope ∇fᵀd, known before any trial; a first "
        "trial that raises f (α₀ too long) is what backtracking shrinks, not a reason to refuse "
        "d");
  }
  for (const auto& [name, original, copy] :
       {std::tuple<const char*, const Vector*, const Vector*>{"x", &x, &x_copy},
        {"the gradient", &g, &g_copy},
        {"the direction", &d, &d_copy}}) {
    if (!detail::same_bits(*original, *copy)) {
      findings.push_back("the search changed its const input " + std::string(name) + " (" +
                         format_vector(*original) + " became " + format_vector(*copy) +
                         "): it only reads x, ∇f and d; build the trial point x + αd in a vector "
                         "of its own");
    }
  }

  // A trial point made by moving x out and back (x += αd, then x −= αd) changes x by rounding
  // where the step is large beside x: from x = (0.1, 0.3), the first trial is near (−15.9, −7.7).
  if (findings.empty()) {
    const Vector near{{0.1, 0.3}}, near_gradient{{0.1, 1.2}};
    Vector passed = near;
    watch_search(search, f, passed, f(near), near_gradient, d, params, true);
    if (!detail::same_bits(near, passed)) {
      findings.push_back("the search changed its const input x (" + format_vector(near, 17) +
                         " became " + format_vector(passed, 17) +
                         "): is x moved out to the trial point and back, x += αd then x −= αd? "
                         "In floating point (x + αd) − αd is not x; build the trial point "
                         "x + αd in a vector of its own");
    }
  }

  // Trial points walked from the last one (trial −= (1 − τ)αd) instead of made from x: each
  // step of the walk rounds at the scale of the first trial. From x = (0.1, 0.3) with α₀ = 2²⁰
  // the trials near α = 0.5 are then off by about 2²⁰·ε, where x + αd is exact to rounding.
  if (findings.empty()) {
    const Vector near{{0.1, 0.3}}, near_gradient{{0.1, 1.2}};
    ArmijoParams long_first = params;
    long_first.initial_step = std::ldexp(1.0, 20);
    const WatchedSearch walk =
        watch_search(search, f, near, f(near), near_gradient, d, long_first, true);
    // A first trial on the line but short of α₀ where the probe's own first trial was α₀: the
    // step's length capped before the search.
    const bool started_at_start =
        !base.points.empty() && (base.points.front() - (x + params.initial_step * d)).norm() <=
                                    1e-12 * (x.norm() + params.initial_step * d.norm());
    if (started_at_start && !walk.points.empty()) {
      const Vector first = walk.points.front();
      const double along = (first - near).dot(d) / d.squaredNorm();
      const bool on_line = (first - (near + along * d)).norm() <= 1e-9 * (near.norm() + 1.0);
      if (on_line && along > 0.0 && along < 0.999 * long_first.initial_step &&
          !close(along, tau * long_first.initial_step, 1e-9)) {
        findings.push_back(
            "from x = (0.1, 0.3) along d = " + format_vector(d) +
            " with α₀ = 2²⁰ the first trial was α = " + format_number(along, 6) +
            ", a step of length ‖αd‖ = " + format_number(along * d.norm(), 6) +
            ", not α₀: is the first step's length capped (a largest step, as in a trust region "
            "or Numerical Recipes' lnsrch)? §1.5's search tries α₀ first, however long α₀d is; "
            "the caller chooses α₀, and the Armijo condition alone decides what is accepted");
      }
    }
    for (std::size_t k = 0; k < walk.points.size(); ++k) {
      const double alpha = long_first.initial_step * std::pow(tau, double(k));
      const Vector made = near + alpha * d;
      const double off = (walk.points[k] - made).cwiseAbs().maxCoeff();
      // Off by more than rounding at x + αd, and by no more than rounding at the first trial's
      // scale can make (a trial far from x + αd is another slip, said below).
      const double first_scale = long_first.initial_step * d.norm();
      // The trial on the other side of x: x − αd, the gradient step's sign carried over to d.
      const Vector mirrored = near - alpha * d;
      if ((walk.points[k] - mirrored).cwiseAbs().maxCoeff() <=
              1e-12 * (near.norm() + alpha * d.norm()) &&
          off > 1e-12 * (near.norm() + alpha * d.norm())) {
        findings.push_back(
            "from x = (0.1, 0.3) along d = " + format_vector(d) + " the trial at α = " +
            format_number(alpha) + " was at " + format_vector(walk.points[k], 17) +
            ", which is x − αd; the trial point is x + αd: d already points downhill (∇fᵀd < 0), "
            "and the minus sign belongs to the gradient step x − η∇f, where d = −∇f");
        break;
      }
      if (alpha < 4.0 && off > 1e-12 * (near.norm() + alpha * d.norm()) &&
          off <= 1e3 * std::numeric_limits<double>::epsilon() * first_scale) {
        findings.push_back(
            "from x = (0.1, 0.3) with α₀ = 2²⁰ the trial at α = " + format_number(alpha) +
            " was at " + format_vector(walk.points[k], 17) + ", and x + αd is " +
            format_vector(made, 17) + ": off by " + format_number(off) +
            ", far more than rounding: is each trial point made from the last one "
            "(trial −= (1 − τ)·α·d) instead of from x? Every step of that walk rounds at the "
            "scale of the long first trial, and x's digits go with it; build each trial point "
            "as x + αd");
        break;
      }
    }
  }

  // Whether p is trial k of a search from α₀ = `start`, x + start·τᵏ·d, compared as points: at
  // tiny α, x + αd keeps only a few digits of α (and after many rejections it is x itself).
  const auto is_trial = [&](const Vector& p, std::size_t k, double start) {
    const Vector step = start * std::pow(tau, double(k)) * d;
    return (p - (x + step)).norm() <= 1e-12 * (x.norm() + step.norm());
  };

  // Where f was called: only at the trial points x + α₀τʲd, in that order.
  bool trials_right = true;
  {
    std::vector<double> alphas;  // the step each call corresponds to
    bool at_x = false, off_line = false;
    std::size_t at_x_trial = 0;  // which trial the call at x stood for
    bool along_gradient = true;  // every call off the line was at x − s∇f for some s > 0
    for (const Vector& p : base.points) {
      const Vector moved = p - x;
      const double alpha = moved.dot(d) / d.squaredNorm();
      if (moved.norm() == 0.0 && !is_trial(p, alphas.size(), params.initial_step)) {
        if (!at_x) at_x_trial = alphas.size();
        at_x = true;
      } else if ((moved - alpha * d).norm() > 1e-12 * (x.norm() + moved.norm())) {
        off_line = true;
        const double s = -moved.dot(g) / g.squaredNorm();
        along_gradient = along_gradient && s > 0.0 &&
                         (moved + s * g).norm() <= 1e-12 * (x.norm() + moved.norm());
      }
      alphas.push_back(alpha);
    }
    const double due = params.initial_step * std::pow(tau, double(at_x_trial));
    if (at_x && at_x_trial > 0 && due < 1.0) {
      // Trials 8, 4, 2, 1 right and then x itself: α = 0.5 became 0.
      findings.push_back("the search called f at x itself as trial " +
                         std::to_string(at_x_trial + 1) + ", where α = α₀τ^" +
                         std::to_string(at_x_trial) + " = " + format_number(due) + ", " + where +
                         ": the trials before it were whole numbers, and " + format_number(due) +
                         " became 0: is α held in an integer type? α is a real number (double)");
      trials_right = false;
    } else if (at_x && at_x_trial == 0 && base.alpha && params.max_backtracks > 0 &&
               *base.alpha == params.initial_step * std::pow(tau, double(params.max_backtracks)) &&
               base.points.size() == 1) {
      // The sequence tried from its small end: j counts down from max_backtracks, and the
      // first trial, α₀τ^max_backtracks, leaves x where it is in floating point and passes.
      findings.push_back(
          "the search's first and only trial was α = α₀τ^" + std::to_string(params.max_backtracks) +
          " = " + format_number(*base.alpha) +
          ", the smallest of the sequence, which leaves x where it is and passes, " + where +
          ": is the loop counting down, from j = max_backtracks? Backtracking starts at α₀, the "
          "largest step, and shrinks only after a rejection, so that it returns the largest "
          "α₀τʲ that decreases f enough");
      trials_right = false;
    } else if (at_x && at_x_trial == 0 && [&] {
                 // The first trial at α = 0, then α₀·j^τ: τʲ written std::pow(j, τ). Seen where
                 // f at x itself is made to fail the test, so that the search goes on.
                 const ScalarFunction raised_at_x = [&](const Vector& p) {
                   return (p - x).norm() == 0.0 ? loss + 1.0 : f(p);
                 };
                 const WatchedSearch on =
                     watch_search(search, raised_at_x, x, loss, g, d, params, true);
                 if (on.points.size() < 3) return false;
                 for (std::size_t k = 1; k < 3; ++k) {
                   const double alpha = (on.points[k] - x).dot(d) / d.squaredNorm();
                   if (!close(alpha, params.initial_step * std::pow(double(k), tau), 1e-12))
                     return false;
                 }
                 return true;
               }()) {
      findings.push_back(
          "the search's first trial was α = 0, x itself, and the next ones α₀·1^τ = 8, "
          "α₀·2^τ = 11.3, …, " +
          where +
          ": that is α₀·j^τ, std::pow(j, τ) with the arguments the wrong way round; std::pow takes "
          "the base first, and the trials are α₀τʲ, std::pow(τ, j): α₀, τα₀, τ²α₀, …");
      trials_right = false;
    } else if (at_x) {
      findings.push_back("the search called f at x itself, " + where +
                         ": f(x) is given (the argument `loss`); call f only at the trial points "
                         "x + αd");
      trials_right = false;
    }
    if (off_line && along_gradient) {
      findings.push_back(
          "the search called f at points x − α∇f, along −∇f = (−1, −4), not along "
          "the d = (−2, −1) it was given, " +
          where +
          ": the trial point is x + αd; d need not be −∇f (a Newton or a "
          "momentum direction is not)");
      trials_right = false;
    } else if (off_line && [&] {
                 // Trial j at τʲ(x + α₀d): the whole trial point shrunk, x with it.
                 const Vector first = x + params.initial_step * d;
                 for (std::size_t k = 0; k < base.points.size(); ++k) {
                   const Vector want = std::pow(tau, double(k)) * first;
                   if ((base.points[k] - want).norm() > 1e-12 * (1.0 + want.norm())) return false;
                 }
                 return base.points.size() > 1;
               }()) {
      findings.push_back(
          "the search called f at τʲ(x + α₀d), " + where +
          ": the whole trial point was multiplied by τ after each rejection, which pulls x "
          "toward the origin too; shrink the step alone, α ← τα, and build each trial point "
          "from x again, x + αd");
      trials_right = false;
    } else if (off_line) {
      findings.push_back("the search called f off the line x + αd, " + where +
                         ": every trial point is x + αd, with the same d");
      trials_right = false;
    }
    if (!at_x && !off_line) {
      // Whether every trial j was at the step `alpha_of(j)`, as the calls measured it (asked at
      // the first trial, before the loop below replaces the right trials' α by the notes').
      const auto trials_are = [&](const auto& alpha_of) {
        for (std::size_t j = 0; j < alphas.size(); ++j)
          if (!close(alphas[j], alpha_of(double(j)), 1e-12)) return false;
        return true;
      };
      bool all_same = alphas.size() > 1;
      for (double alpha : alphas) all_same = all_same && alpha == alphas.front();
      for (std::size_t k = 0; k < alphas.size(); ++k) {
        const double wanted = params.initial_step * std::pow(tau, double(k));
        if (is_trial(base.points[k], k, params.initial_step)) {
          alphas[k] = wanted;
          continue;
        }
        trials_right = false;
        if (all_same && close(alphas.front(), 1.0, 1e-12)) {
          findings.push_back("every trial was at x + d (α = 1 each time), " + where +
                             ": the trial point is x + αd, with the current α");
        } else if (all_same) {
          findings.push_back("every trial was at the same point x + αd, α = " +
                             format_number(alphas.front()) + ", " + where +
                             ": shrink α after each rejection (α ← τα) and build the next trial "
                             "point from it");
        } else if (k == 0 && close(alphas[0], params.initial_step / d.norm(), 1e-12)) {
          findings.push_back(
              "the first trial was x + α₀·d/‖d‖, α₀ = 8 along the unit vector of "
              "d = (−2, −1), " +
              where +
              ": the trial point is x + αd with d as it is given; normalising d "
              "changes what α means, and the slope ∇fᵀd no longer matches the step");
        } else if (k == 0 && alphas.size() > 2 && trials_are([&](double j) {
                     // (α₀τ)ʲ: the power taken of α₀τ together, trials 1, α₀τ, (α₀τ)², …
                     return std::pow(params.initial_step * tau, j);
                   })) {
          findings.push_back(
              "the trials were α = 1, " + format_number(alphas[1], 6) + ", " +
              format_number(alphas[2], 6) + ", …, the powers (α₀τ)ʲ = " +
              format_number(params.initial_step * tau) + "ʲ, " + where +
              ": the power was taken of α₀τ together, so the first trial is 1 whatever α₀ is (and "
              "with α₀τ > 1 the trials grow); the trials are α₀τʲ, α₀ times the power of τ alone: "
              "α₀, τα₀, τ²α₀, …");
        } else if (k == 0 && trials_are([&](double j) {
                     // α₀ applied twice: trial j at x + α₀·(α₀τʲ)·d, α₀ scaling d as well.
                     return params.initial_step * params.initial_step * std::pow(tau, j);
                   })) {
          findings.push_back(
              "the first trial was α = " + format_number(alphas[0], 6) + " = α₀², not α₀ = " +
              format_number(params.initial_step) + ", and every trial after it α₀·α₀τʲ, " + where +
              ": α₀ was applied twice, once in α and once more on d (a step α₀d built first, "
              "then x + α·step?); the trial point is x + αd with α = α₀τʲ itself, α₀ only its "
              "first value");
        } else if (k == 0 && close(alphas[0], tau * params.initial_step, 1e-12)) {
          findings.push_back("the first trial was α = τα₀ = 4, not α₀ = 8, " + where +
                             ": test α₀ first, and shrink only after a rejection");
        } else if (k == 0) {
          findings.push_back(
              "the first trial was α = " + format_number(alphas[0], 6) +
              ", not the α₀ = " + format_number(params.initial_step) +
              " the search was given (params.initial_step), " + where +
              (close(alphas[0], 1.0, 1e-12)
                   ? ": is α₀ = 1, ArmijoParams' default, written into the search instead of "
                     "read from params.initial_step? The caller chooses α₀"
               : close(alphas[0], 1.0 / d.norm(), 1e-12)
                   ? ": that is 1/‖d‖ = 1/√5: is α₀ capped so that the first step is at most 1 "
                     "long "
                     "(min(α₀, 1/‖d‖))? The length of the step is the caller's, through α₀ and "
                     "d; the trials start at params.initial_step"
                   : ": the trials start at params.initial_step, α₀, the caller's choice"));
        } else if (k > 0 && close(alphas[k], alphas[k - 1] + wanted, 1e-12)) {
          findings.push_back("trial " + std::to_string(k + 1) + " was at α = " +
                             format_number(alphas[k], 6) + " = " + format_number(alphas[k - 1], 6) +
                             " + " + format_number(wanted, 6) + ", " + where +
                             ": each trial adds the shrunk step to the last trial point instead "
                             "of starting again from x; the trial point is x + αd");
        } else if (k > 0 && close(alphas[k], alphas[k - 1] / tau, 1e-12)) {
          findings.push_back(
              "trial " + std::to_string(k + 1) + " was α = " + format_number(alphas[k], 6) +
              ", larger than the rejected α = " + format_number(alphas[k - 1], 6) + ", " + where +
              ": each rejection divided α by τ = 0.5, so the step grows; α ← τα "
              "multiplies by τ < 1 and the step shrinks");
        } else if (k > 0 && alphas[k] > 0.0 && alphas[k] < alphas[k - 1] && k + 1 < alphas.size() &&
                   close(alphas[k + 1], alphas[k] - (alphas[k - 1] - alphas[k]), 1e-9)) {
          findings.push_back("the trials fall by the same amount each time (" +
                             format_number(alphas[k - 1], 6) + ", " + format_number(alphas[k], 6) +
                             ", " + format_number(alphas[k + 1], 6) + ", …), " + where +
                             ": α ← τα multiplies by τ; it does not subtract");
        } else if (k > 0 && alphas[k] > 0.0 && alphas[k] < alphas[k - 1]) {
          // The factor as a function of τ that a student may have written for τ.
          const double factor = alphas[k] / alphas[k - 1];
          const std::string as_tau =
              close(factor, std::exp(-tau), 1e-9)
                  ? "that is e^{−τ}: is τ read as a rate of decay, α ← e^{−τ}α?"
              : close(factor, tau * tau, 1e-9)
                  ? "that is τ²: is the running α multiplied by a power of τ (the closed form's "
                    "τʲ, or τ twice)?"
              : close(factor, std::sqrt(tau), 1e-9)    ? "that is √τ."
              : close(factor, 1.0 / (1.0 + tau), 1e-9) ? "that is 1/(1 + τ): is α divided by 1 + τ?"
                                                       : "";
          findings.push_back("trial " + std::to_string(k + 1) + " was α = " +
                             format_number(alphas[k], 6) + ", " + format_number(factor, 6) +
                             " times the rejected α = " + format_number(alphas[k - 1], 6) + ", " +
                             where + ": " + (as_tau.empty() ? "each" : as_tau + " Each") +
                             " rejection multiplies α by τ = 0.5 itself");
        } else if (k > 0 && alphas[k] == alphas[k - 1] && k + 1 < alphas.size() &&
                   alphas[k + 1] == alphas[k]) {
          findings.push_back(
              "the trials stop shrinking: α₀ = " + format_number(alphas[0], 6) +
              ", then α = " + format_number(alphas[k], 6) + " again and again, " + where +
              (close(alphas[k], tau * params.initial_step, 1e-12)
                   ? ": each rejection sets α = τα₀, the same point every time; α ← τα "
                     "multiplies the current α, so the trials are α₀, τα₀, τ²α₀, …"
                   : ": each rejection must shrink α, α ← τα, so that the trials are α₀, τα₀, "
                     "τ²α₀, …"));
        } else if (k > 0 && alphas[k] == alphas[k - 1]) {
          findings.push_back(
              "the search called f twice at the same trial point (α = " + format_number(alphas[k]) +
              "), " + where + ": keep f(x + αd) in a variable; one call per trial");
        } else {
          findings.push_back("trial " + std::to_string(k + 1) +
                             " was α = " + format_number(alphas[k], 6) + ", expected α₀τ^" +
                             std::to_string(k) + " = " + format_number(wanted, 6) + ", " + where +
                             ": the trials are α₀, τα₀, τ²α₀, … in that order");
        }
        break;
      }
    }

    // What the search did with the values it saw: it stops at the first trial its condition
    // accepts (or throws if it accepts none). Each reading below is a condition; the ones that
    // stop where the search stopped explain it.
    if (trials_right && !alphas.empty()) {
      const std::size_t last = alphas.size() - 1;
      const bool stopped = base.alpha.has_value();  // accepted the last trial
      const auto value = [&](std::size_t k) { return base.values[k]; };
      const auto bound = [&](std::size_t k) { return loss + c * alphas[k] * slope; };
      // A search for the best step: it goes on after a trial passed, and returns an earlier
      // passing trial with the lowest f once a trial raised f again. (A condition stricter than
      // Armijo's also goes on after a passing trial, but returns the last one it tried.)
      bool best_step = false;
      if (base.alpha && last > 0) {
        std::size_t first_pass = last;
        for (std::size_t k = 0; k < last; ++k) {
          if (value(k) <= bound(k)) {
            first_pass = k;
            break;
          }
        }
        for (std::size_t j = first_pass; j < last; ++j) {
          if (*base.alpha != alphas[j] || !(value(j) <= bound(j))) continue;
          best_step = true;
          for (std::size_t k = first_pass; k <= last; ++k) {
            best_step = best_step && !(value(k) < value(j));
          }
        }
        if (best_step) {
          findings.push_back(
              "the search went on after α = " + format_number(alphas[first_pass]) +
              " passed (f(x + αd) = " + format_number(value(first_pass)) + " ≤ f(x) + cα∇fᵀd = " +
              format_number(bound(first_pass)) + "), tried " + std::to_string(last - first_pass) +
              " smaller step" + (last - first_pass > 1 ? "s" : "") + " and returned α = " +
              format_number(*base.alpha) + ", the trial with the lowest f, " + where +
              ": backtracking returns the first α that passes; it does not look for the α that "
              "minimises f along d (an exact line search): each further trial costs a call of f, "
              "and sufficient decrease is all that §1.5's guarantee needs");
        }
      }
      // α₀ returned after one call whatever f is there: 210, far above the bound, here; NaN, and
      // f − 1000 (where α₀ passes), asked too. The condition's outcome is not used.
      bool unconditional = false;
      if (!best_step && last == 0 && base.alpha && *base.alpha == alphas[0] &&
          !(value(0) <= bound(0))) {
        unconditional = true;
        for (const ScalarFunction& other :
             {ScalarFunction([](const Vector&) { return std::nan(""); }),
              ScalarFunction([&](const Vector& p) { return f(p) - 1000.0; })}) {
          const WatchedSearch run = watch_search(search, other, x, loss, g, d, params, true);
          unconditional =
              unconditional && run.alpha && *run.alpha == alphas[0] && run.points.size() == 1;
        }
        if (unconditional) {
          findings.push_back(
              "the search returns α₀ after one call of f whatever f(x + α₀d) is: " +
              format_number(value(0)) + ", above f(x) + cα₀∇fᵀd = " + format_number(bound(0)) +
              ", " + where +
              ", and NaN, and a value far below the bound alike: the condition is computed but "
              "its outcome is not used; is the return outside the if, or is there a `;` right "
              "after `if (…)`, which ends the if with an empty statement so that the return "
              "always runs?");
        }
      }
      const std::optional<Trials> seen = trials_of(base, d, params, x, g, loss);
      if (!best_step && !unconditional && seen && !explains(readings[0], *seen)) {
        const std::vector<std::size_t> causes = causes_of(*seen, params);
        std::string why = "the search " + base.outcome() + ", " + where;
        for (std::size_t k = 0; k < last; ++k) {
          if (value(k) <= bound(k)) {
            why += ": it rejected α = " + format_number(alphas[k]) +
                   " although f(x + αd) = " + format_number(value(k)) +
                   " ≤ f(x) + cα∇fᵀd = " + format_number(bound(k));
            break;
          }
        }
        if (stopped && !(value(last) <= bound(last))) {
          why += ": it accepted α = " + format_number(alphas[last]) +
                 " where f(x + αd) = " + format_number(value(last)) +
                 " > f(x) + cα∇fᵀd = " + format_number(bound(last));
        }
        std::vector<std::string> sentences;
        for (std::size_t r : causes) sentences.push_back(readings[r].sentence);
        if (stopped && std::isnan(value(last))) {
          sentences = {
              "a NaN must fail the test; compare so that NaN is rejected, f(x + αd) ≤ "
              "bound (NaN ≤ bound is false), not !(f(x + αd) > bound)"};
        }
        for (const std::string& sentence : sentences) why += "; " + sentence;
        findings.push_back(why);
      }
      if (!best_step && base.alpha && *base.alpha != alphas[last]) {
        const double tried = alphas[last];
        if (close(*base.alpha, tried * d.norm(), 1e-12)) {
          findings.push_back("the search returned " + format_number(*base.alpha) + " = α‖d‖, " +
                             "the length of the step it accepted (α = " + format_number(tried) +
                             ", ‖d‖ = " + format_number(d.norm(), 4) + "), " + where +
                             ": it returns the step size α, and the caller steps to x + αd");
        } else if (close(*base.alpha, tau * tried, 1e-12)) {
          findings.push_back("the search returned α = " + format_number(*base.alpha) +
                             ", τ times the last step it tried (" + format_number(tried) + "), " +
                             where +
                             ": it returned τ times the step that passed; return the step "
                             "you tested, before shrinking it");
        } else if (close(*base.alpha, tried / tau, 1e-12)) {
          findings.push_back("the search returned α = " + format_number(*base.alpha) +
                             ", the step before the last one it tried (" + format_number(tried) +
                             "), " + where + ": return the step that passed, the last one tried");
        } else if (close(*base.alpha, tried / alphas.front(), 1e-12)) {
          findings.push_back(
              "the search returned " + format_number(*base.alpha) + " = α/α₀ = τ^" +
              std::to_string(last) + ", the fraction of α₀ that passed (α = " +
              format_number(tried) + ", α₀ = " + format_number(alphas.front()) + "), " + where +
              ": it returns the step size α itself, α₀τʲ, which the caller multiplies d by; "
              "the two agree only when α₀ = 1");
        } else if (close(*base.alpha, alphas.front(), 1e-12)) {
          findings.push_back("the search returned α = " + format_number(*base.alpha) +
                             ", its first trial α₀, although the trial that passed was α = " +
                             format_number(tried) + ", " + where +
                             ": the α returned never shrank with the trials; is the step αd (or "
                             "the trial point) shrunk while α itself stays α₀? Shrink α, α ← τα, "
                             "and build the trial point from it");
        } else {
          findings.push_back("the search returned α = " + format_number(*base.alpha) +
                             ", a step it never tried (the last was " + format_number(tried) +
                             "), " + where + ": return the step that passed");
        }
      }
      // The problem above has c = τ = 0.5, so a condition that reads τ for c, trials that shrink
      // by c, by 1 − τ or by a fixed 0.5 look right there. With c = 0.2 the condition holds for
      // α ≤ 1.2: the trials are 8, 4, 2, 1, and α = 1 passes after 3 rejections; with τ = 0.25
      // and c = 0.3 (α ≤ 1.05) they are 8, 2, 0.5, and α = 0.5 passes after 2.
      struct Other {
        double c, tau;
        std::string there, passes;
      };
      for (const Other& setting :
           {Other{0.2, 0.5, "with c = 0.2 instead (α = 1 passes after 3 rejections)", "α = 1"},
            Other{0.3, 0.25,
                  "with τ = 0.25 and c = 0.3 instead (α = 0.5 passes after 2 rejections)",
                  "α = 0.5"}}) {
        if (!findings.empty()) break;
        ArmijoParams other = params;
        other.sufficient_decrease = setting.c;
        other.shrink = setting.tau;
        const WatchedSearch run = watch_search(search, f, x, loss, g, d, other, true);
        const std::optional<Trials> t = trials_of(run, d, other, x, g, loss);
        const std::string then = where + ", then " + setting.there;
        if (!t && run.points.size() > 1) {
          const double second = (run.points[1] - x).dot(d) / d.squaredNorm();
          const double shrink = second / other.initial_step;
          std::string why = "the second trial was α = " + format_number(second, 6) + ", " +
                            format_number(shrink, 6) + " times α₀ = 8, " + then;
          if (close(shrink, setting.c, 1e-12)) {
            why +=
                ": each rejection multiplied α by c, the fraction of the predicted decrease; "
                "α shrinks by τ";
          } else if (close(shrink, 1.0 - setting.tau, 1e-12)) {
            why += ": each rejection multiplied α by 1 − τ; τ is the factor kept, α ← τα";
          } else if (close(shrink, tau, 1e-12) && setting.tau != tau) {
            why += ": α shrank by " + format_number(tau) +
                   " as in the first problem although τ = " + format_number(setting.tau) +
                   " here: is the factor written in the code instead of read from params.shrink?";
          } else {
            why += ": each rejection multiplies α by τ";
          }
          findings.push_back(why);
        } else if (t && !explains(readings[0], *t)) {
          std::string why = "the search " + run.outcome() + ", " + then;
          const std::vector<std::size_t> causes = causes_of(*t, other);
          for (std::size_t r : causes) why += "; " + readings[r].sentence;
          if (causes.empty())
            why += ": f(x + αd) ≤ f(x) + c·α·∇fᵀd accepts " + setting.passes + " there";
          findings.push_back(why);
        }
      }
    }
  }
  if (findings.empty() && !(base.alpha && *base.alpha == expected)) {
    findings.push_back("the search " + base.outcome() + ", " + where + "; expected α = 0.5");
  }

  // When no step passes: max_backtracks + 1 trials, then std::runtime_error.
  {
    ArmijoParams few = params;
    few.initial_step = 1.0;
    few.max_backtracks = 3;
    const ScalarFunction nowhere = [](const Vector&) {
      return std::numeric_limits<double>::quiet_NaN();
    };
    const WatchedSearch run = watch_search(search, nowhere, x, loss, g, d, few, true);
    std::size_t calls = 0;  // the trials: calls of f at x itself are named above
    for (const Vector& p : run.points) calls += (p - x).norm() == 0.0 ? 0 : 1;
    const std::string setting =
        "with f = NaN everywhere and max_backtracks = 3 (α₀ and 3 shrinks: 4 trials)";
    if (run.alpha && calls <= 1) {
      findings.push_back("the search " + run.outcome() + " " + setting +
                         ": it accepted a NaN value; a NaN must fail the test (NaN ≤ bound is "
                         "false), so the search shrinks away from it");
    } else if (run.alpha) {
      findings.push_back("the search " + run.outcome() + " " + setting +
                         ": when no step passes within max_backtracks shrinks, throw "
                         "std::runtime_error instead of returning a step that failed");
    } else if (run.thrown != "threw std::runtime_error") {
      findings.push_back("the search " + run.outcome() + " " + setting +
                         ": a search that finds no step fails itself, std::runtime_error "
                         "(std::invalid_argument is for the caller's mistake, a direction that "
                         "does not descend)");
    } else if (calls + 1 == 4) {
      findings.push_back("the search gave up after 3 trials " + setting +
                         ": one trial short; α₀ and max_backtracks shrinks are max_backtracks + 1 "
                         "trials");
    } else if (calls == 4 + 1) {
      findings.push_back("the search gave up after 5 trials " + setting +
                         ": one trial too many; α₀ and max_backtracks shrinks are max_backtracks "
                         "+ 1 trials");
    } else if (calls == 1 && base.thrown == "threw std::runtime_error" && base.points.size() == 1) {
      // The same on f = ½(x₀² + 4x₁²), where α = 0.5 passes after 4 rejections.
      findings.push_back(
          "the search gave up after its first trial, α₀, " + setting + ", and " + where + " too" +
          ": it never shrank α; is the test of a trial outside the loop? A for (or while) "
          "without braces repeats only the one statement after it, and the test and the shrink "
          "then run once, after the loop; or does the loop end after its first pass (a throw or "
          "break inside it)? Try α₀, then shrink at most max_backtracks times");
    } else if (calls != 4) {
      findings.push_back("the search gave up after " + std::to_string(calls) + " trials " +
                         setting + ": try α₀, then shrink at most max_backtracks times");
    }
  }

  // The invariances: what any search that breaks none of the above still keeps. Each names a
  // family of slips, so they speak only when the trials did not already tell what is wrong.
  const bool told = !findings.empty();
  // Only the slope matters: ∇f changed orthogonally to d leaves ∇fᵀd, and α, as they were.
  const auto differ = [](const WatchedSearch& a, const WatchedSearch& b, double scale) {
    if (a.alpha.has_value() != b.alpha.has_value()) return true;
    return a.alpha && !close(*a.alpha * scale, *b.alpha, 1e-12);
  };
  {
    const Vector turned{{2.0, 2.0}};  // g + (1, −2), and (1, −2)ᵀd = 0
    const WatchedSearch run = watch_search(search, f, x, loss, turned, d, params, true);
    if (!told && differ(base, run, 1.0)) {
      findings.push_back(
          "changing ∇f(x) from (1, 4) to (2, 2), which leaves the slope ∇fᵀd = −6 as "
          "it was, changed the search's answer: it " +
          base.outcome() + ", then " + run.outcome() + ", " + where +
          ": the condition uses ∇f only through the slope ∇fᵀd, and ‖∇f‖² equals "
          "−∇fᵀd only when d = −∇f");
    }
  }

  // Any τ in (0, 1) is the shrink: from α₀ = 8 with τ = 0.7 the trials are 8, 5.6, 3.92, …
  // (0.66 passes), and with τ = 0.05 they are 8 and 0.4, which passes. A search that clamps τ
  // to a range of its own (a safeguard such as [0.1, 0.5]) shrinks by another factor.
  for (const double tau : {0.7, 0.05}) {
    if (told) break;
    ArmijoParams with = params;
    with.shrink = tau;
    const WatchedSearch run = watch_search(search, f, x, loss, g, d, with, true);
    if (run.points.size() < 2) continue;
    const auto alpha_at = [&](std::size_t k) {
      return (run.points[k] - x).dot(d) / d.squaredNorm();
    };
    const double first = alpha_at(0), ratio = alpha_at(1) / first;
    // τα rounded to a float: α held in a float, not a τ of the search's own.
    if (close(first, params.initial_step, 1e-12) && !close(ratio, tau, 1e-9) &&
        close(alpha_at(1), double(float(tau * first)), 1e-13)) {
      findings.push_back("with τ = " + format_number(tau) + " the search tried α = " +
                         format_number(first) + ", then " + format_number(alpha_at(1), 17) +
                         " (on f = ½(x₀² + 4x₁²) from (1, 1) along d = (−2, −1), c = 0.5), "
                         "τα = " +
                         format_number(tau * first, 17) +
                         " rounded to a float: is α held in a float? A float keeps about 7 "
                         "digits; α, like every quantity of the search, is a double");
      break;
    }
    if (close(first, params.initial_step, 1e-12) && !close(ratio, tau, 1e-9)) {
      findings.push_back("with τ = " + format_number(tau) + " the search tried α = " +
                         format_number(first) + ", then " + format_number(alpha_at(1)) +
                         " (on f = ½(x₀² + 4x₁²) from (1, 1) along d = (−2, −1), c = 0.5)"
                         ": the first rejection multiplied α by " +
                         format_number(ratio) + ", not by τ = " + format_number(tau) +
                         "; is τ clamped to a range of its own, or replaced? The search shrinks "
                         "by the τ it is given, any τ in (0, 1)");
      break;
    }
  }

  // Backtracking only shrinks: when α₀ passes it is the answer, after one call of f. From α₀ =
  // 0.25 the condition holds (it holds for α ≤ 0.75), and so does it for 0.5.
  {
    ArmijoParams passing = params;
    passing.initial_step = 0.25;
    const WatchedSearch run = watch_search(search, f, x, loss, g, d, passing, true);
    if (!told && run.alpha && *run.alpha > passing.initial_step) {
      findings.push_back(
          "from α₀ = 0.25, which passes (f(x + αd) ≤ f(x) + c·α·∇fᵀd holds for α ≤ 0.75), the "
          "search " +
          run.outcome() + ", " + where +
          ": a step longer than α₀. Backtracking only shrinks: α₀ is the longest step tried, "
          "and the first trial that passes is the answer; is the step grown while it passes? "
          "A search that extends the step is another method (an expanding line search), with "
          "its own contract");
    }
  }

  // Adding a constant to f: Armijo's test compares differences, f(x + αd) − f(x) ≤ cα∇fᵀd,
  // and cannot see it, whatever the sign of f(x) (here f − 100, where f(x) = −97.5, and
  // f − 2.5, where f(x) = 0).
  for (const double shift : {-100.0, -loss}) {
    const ScalarFunction shifted = [&](const Vector& p) { return f(p) + shift; };
    const WatchedSearch run = watch_search(search, shifted, x, loss + shift, g, d, params, true);
    if (!told && differ(base, run, 1.0)) {
      findings.push_back(
          (shift < 0.0 ? "subtracting " + format_number(-shift) + " from f"
                       : "adding " + format_number(shift) + " to f") +
          " (so that f(x) = " + format_number(loss + shift) + ") changed the search's answer: it " +
          base.outcome() + ", then " + run.outcome() + ", " + where +
          ": f(x + αd) ≤ f(x) + c·α·∇fᵀd compares differences of f, f(x + αd) − f(x) ≤ "
          "c·α·∇fᵀd, and cannot see a constant; is the condition divided by f(x), a relative "
          "decrease, which turns around where f(x) < 0 and divides by 0 where f(x) = 0?");
      break;
    }
  }

  // The condition is ≤: on f(x + αd) = f(x) + c·α·∇fᵀd every trial lies exactly on the bound (in
  // binary, with α a power of 2 and ∇fᵀd = −6), and the first one, α₀ = 1, passes.
  {
    const ScalarFunction on_bound = [&](const Vector& p) { return loss + c * g.dot(p - x); };
    ArmijoParams from_one = params;
    from_one.initial_step = 1.0;
    const WatchedSearch run = watch_search(search, on_bound, x, loss, g, d, from_one, true);
    if (!told && !(run.alpha && *run.alpha == 1.0)) {
      findings.push_back(
          "on f(x + αd) = f(x) + c·α·∇fᵀd, where every trial lies exactly on the bound, from α₀ "
          "= 1 with c = 0.5, the search " +
          run.outcome() +
          ": the condition f(x + αd) ≤ f(x) + c·α·∇fᵀd accepts a value on the bound, so α₀ = 1 "
          "passes; is the comparison strict (<)?");
    }
  }

  // The scale of f: f, f(x) and ∇f multiplied by 1000 scale both sides of the condition alike.
  {
    const ScalarFunction scaled_f = [&](const Vector& p) { return 1000.0 * f(p); };
    const WatchedSearch run =
        watch_search(search, scaled_f, x, 1000.0 * loss, Vector(1000.0 * g), d, params, true);
    if (!told && differ(base, run, 1.0)) {
      findings.push_back(
          "multiplying f by 1000 (f(x) and ∇f with it) changed the search's answer: "
          "it " +
          base.outcome() + ", then " + run.outcome() + ", " + where +
          ": both sides of f(x + αd) ≤ f(x) + cα∇fᵀd scale with f, so α cannot "
          "change; is a term of another scale in the condition (a constant, or the slope "
          "written −‖∇f‖² or −‖d‖², as if d were −∇f; it is ∇fᵀd)?");
    }
  }

  // The scale of d: 2d with α₀/2 tries the same points, so α halves.
  {
    ArmijoParams halved = params;
    halved.initial_step = params.initial_step / 2.0;
    const WatchedSearch run = watch_search(search, f, x, loss, g, Vector(2.0 * d), halved, true);
    // Whether the reading f(x) + c·α²·∇fᵀd (α counted twice) explains `seen`, run along
    // `along` with `with`'s α₀.
    const auto alpha_twice = [&](const WatchedSearch& seen, const Vector& along,
                                 const ArmijoParams& with) {
      const std::optional<Trials> t = trials_of(seen, along, with, x, g, loss);
      return t && explains(reading_saying("c·α²·∇fᵀd"), *t);
    };
    if (!told && differ(base, run, 0.5)) {
      findings.push_back(
          "doubling d and halving α₀ tries the same points x + αd, so α must halve: "
          "the search " +
          base.outcome() + ", then " + run.outcome() + ", " + where +
          (alpha_twice(base, d, params) && alpha_twice(run, Vector(2.0 * d), halved)
               ? "; both stop" +
                     reading_saying("c·α²·∇fᵀd").sentence.substr(std::string("it stops").size())
               : "; is α missing from x + αd, or d normalised?"));
    }
  }

  // A slope between −1 and 0 is a descent direction like any other: the search along d with a
  // gradient (0.1, 0.05), ∇fᵀd = −0.25, must not refuse it.
  {
    const Vector small_gradient{{0.1, 0.05}};
    const WatchedSearch run = watch_search(search, f, x, loss, small_gradient, d, params, true);
    if (run.thrown == "threw std::invalid_argument") {
      findings.push_back(
          "along d = (−2, −1) with ∇f = (0.1, 0.05), ∇fᵀd = −0.25, a descent direction, the "
          "search " +
          run.outcome() +
          ": is the slope truncated to an integer? std::inner_product(…, 0) adds the products "
          "in an int, because its start value 0 is one (start it at 0.0, or use "
          "gradient.dot(direction)); a slope is any double, and only its sign says whether d "
          "descends");
    }
  }
  // Descent is the sign of the sum ∇fᵀd, not of each of its terms: d = (−4, 0.5) raises f along
  // x₁ (∂₁f·d₁ = 2) but ∇fᵀd = −2, and a search that takes d = (−2, −1) must take it too.
  if (base.thrown != "threw std::invalid_argument") {
    const Vector rising{{-4.0, 0.5}};
    const WatchedSearch run = watch_search(search, f, x, loss, g, rising, params, true);
    if (run.thrown == "threw std::invalid_argument") {
      findings.push_back(
          "along d = (−4, 0.5), where ∇fᵀd = −4 + 2 = −2 < 0, the search " + run.outcome() +
          ", but it took d = (−2, −1): d = (−4, 0.5) rises along x₁ (∂₁f·d₁ = 2 > 0); is d "
          "refused unless every coordinate descends? A descent direction needs only the sum "
          "∇fᵀd = Σᵢ ∂ᵢf·dᵢ < 0: the fall along x₀ outweighs the rise along x₁");
    }
  }
  // A direction that does not descend is refused, before any trial, with std::invalid_argument.
  // Neither refused: no check at all, or one that never fires.
  // Both answered with a step and no trial: the check is there, and returns instead of throwing;
  // both refused with another exception and no trial: the check is there, and throws the wrong one.
  std::size_t accepted = 0, answered_untried = 0, refused_otherwise = 0;
  for (const Vector& wrong : {Vector{{2.0, 1.0}}, Vector{{4.0, -1.0}}}) {
    const double s = g.dot(wrong);
    const WatchedSearch run = watch_search(search, f, x, loss, g, wrong, params, true);
    if (run.thrown == "threw std::invalid_argument") continue;
    std::string why = "along d = " + format_vector(wrong) + ", where ∇fᵀd = " + format_number(s) +
                      ", the search " + run.outcome();
    if (run.alpha && run.points.empty()) ++answered_untried;
    if (!run.thrown.empty() && run.points.empty()) ++refused_otherwise;
    if (++accepted == 2) {
      findings.pop_back();  // the ascent direction's, said again here
      why +=
          refused_otherwise == 2
              ? ": the ascent (∇fᵀd = 6) and the flat (∇fᵀd = 0) directions are refused before "
                "any trial, but with the wrong exception: a direction that does not descend is "
                "the caller's mistake, std::invalid_argument; std::runtime_error is the search's "
                "own failure, when no trial passes within max_backtracks shrinks"
          : answered_untried == 2
              ? ": the ascent (∇fᵀd = 6) and the flat (∇fᵀd = 0) directions are noticed, before "
                "any trial, and answered with a step size instead of refused: the check is there, "
                "but it returns where it should throw. A caller reads any returned α as a step "
                "that decreases f; throw std::invalid_argument naming ∇fᵀd, as the contract asks"
              : ": no direction is refused, ascent (∇fᵀd = 6) or flat (∇fᵀd = 0); is the check "
                "missing, or written so that it never fires? `!slope < 0` reads as "
                "`(!slope) < 0`, false for every slope; refuse unless ∇fᵀd < 0, "
                "`!(slope < 0)`, before the first trial, with std::invalid_argument";
    } else if (s == 0.0) {
      why +=
          ": ∇fᵀd = 0 is not a descent direction either; require ∇fᵀd < 0 (not ≤ 0) and "
          "throw std::invalid_argument otherwise";
    } else {
      why +=
          ": no small step decreases f along an ascent direction; check ∇fᵀd < 0 before the "
          "first trial and throw std::invalid_argument";
    }
    findings.push_back(why);
  }
  // The setting is said once: later findings on the same problem say so.
  bool said = false;
  for (std::string& finding : findings) {
    const std::size_t at = finding.find(where);
    if (at == std::string::npos) continue;
    if (said) finding.replace(at, where.size(), "on the same problem");
    said = true;
  }
  return findings;
}

}  // namespace workbook::testing
