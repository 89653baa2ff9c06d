// Chapter 5, §5.4: an experiment the student designs. Exercise: adam_heuristic_counterexample
// (exercises/ch05/adam_heuristic_counterexample.cpp): the gradients that, fed one per step to
// torch's default Adam on one parameter, make a step larger than Kingma and Ba's heuristic
// η(1 − β₁)/√(1 − β₂) = 3.16η, as close to the bound of Cauchy–Schwarz, 7.27η, as they can. Graded
// by running them through Adam, written out below: not adam_step(), so that this grade does not
// depend on the Adam exercise.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/step_lines.hpp"

using namespace workbook;

namespace {
// The judge: every name in it is this file's alone (the chapter's test files may share a translation
// unit, cmake/WorkbookUnity.cmake).
namespace adam_judge {

// torch.optim.Adam's defaults.
constexpr double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
// Kingma and Ba's heuristic and the bound of Cauchy–Schwarz (§5.4), in units of η.
const double heuristic = (1.0 - beta1) / std::sqrt(1.0 - beta2);
const double bound = (1.0 - beta1) / std::sqrt((1.0 - beta2) * (1.0 - beta1 * beta1 / beta2));

// "" when the gradients keep the contract of adam_heuristic_counterexample(), else why not, naming
// the value and where it is.
std::string breaks_contract(const std::vector<double>& g) {
  if (g.empty()) return "no gradients: return at least one (and at most 100 000)";
  if (static_cast<long>(g.size()) > adam_counterexample_max_length) {
    std::string why = std::to_string(g.size()) + " gradients: at most 100 000 " +
                      "(adam_counterexample_max_length) are allowed";
    // Zeros, then a run behind them that reaches past the length: a vector made with n elements
    // (std::vector<double> g(n) holds n zeros) and the run push_back'ed after them.
    const auto zeros = std::find_if(g.begin(), g.end(), [](double value) { return value != 0.0; });
    const auto after = std::find(zeros, g.end(), 0.0);
    // One too many, a 0 in front: g_t stored in g[t] for t = 1 … T, in a vector of T + 1.
    if (static_cast<long>(g.size()) == adam_counterexample_max_length + 1 && g.front() == 0.0) {
      return why +
             ": one too many, and the first is 0: is the vector indexed from 1, made with T + 1 "
             "elements so that g_t sits in gradients[t]? std::vector is indexed from 0: g_1 "
             "belongs in gradients[0], and the vector returned is the whole sequence, element 0 "
             "included (an extra 0 in front is one more step)";
    }
    if (zeros != g.begin() && zeros != g.end() && after == g.end() &&
        zeros - g.begin() <= adam_counterexample_max_length) {
      why += ": the first " + std::to_string(zeros - g.begin()) + " are 0 and the " +
             std::to_string(g.end() - zeros) +
             " after them are not: the zeros and the run must fit in 100 000 together "
             "(std::vector<double> g(n) already holds n zeros, and push_back appends after "
             "them)";
    }
    return why;
  }
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (!std::isfinite(g[i]) || std::abs(g[i]) > adam_counterexample_max_gradient) {
      const auto infinite =
          std::count_if(g.begin(), g.end(), [](double value) { return !std::isfinite(value); });
      // A value just past the cap prints as the cap at the usual precision: say it in full, and by how
      // much it is over.
      const bool just_over =
          std::isfinite(g[i]) &&
          format_number(std::abs(g[i])) == format_number(adam_counterexample_max_gradient);
      // The first gradient after the zeros is already out of range: a run that grows from its
      // own start begins at its first value.
      const bool run_starts_over = i > 0 && std::all_of(g.begin(), g.begin() + static_cast<long>(i),
                                                        [](double value) { return value == 0.0; });
      const std::string over =
          just_over
              ? format_number(g[i], 17) + ", " +
                    format_number(std::abs(g[i]) / adam_counterexample_max_gradient - 1.0, 2) +
                    " relative above the cap"
              : format_number(g[i]);
      return "gradients[" + std::to_string(i) + "] (step t = " + std::to_string(i + 1) + ") is " +
             over +
             ", outside the allowed range: every gradient finite, with |g| ≤ 1e100 "
             "(adam_counterexample_max_gradient), so that g² cannot overflow in v" +
             (just_over ? std::string("; a value computed to land on the cap ends past it "
                                      "after rounding (a run scaled by many multiplications): "
                                      "keep a margin below the cap, or clamp")
                        : std::string()) +
             (run_starts_over
                  ? "; it is the first gradient after the " + std::to_string(i) +
                        " zeros, the run's first: is the run's growth counted from the start of "
                        "the vector (an exponent t, here " +
                        std::to_string(i) +
                        ") rather than from the run's own first gradient (t − the number of "
                        "zeros)? The zeros are not part of the run; check the run's first and "
                        "last gradient against the cap"
                  : std::string()) +
             " (NaN or infinite: " + std::to_string(infinite) + " of the " +
             std::to_string(g.size()) + ")";
    }
  }
  return "";
}

// What Adam did with the gradients.
struct Run {
  std::vector<double> g;      // the gradients, g[t − 1] at step t
  std::string broken;         // how they break the contract ("" when they keep it)
  std::vector<double> steps;  // |Δθ|/η at each step
  double largest = 0.0;       // the largest |Δθ|/η
  std::size_t at = 0;         // its step t (1 for the first; 0 when θ never moved)
  double m = 0.0, v = 0.0;    // the raw moments after that step
};

// torch.optim.Adam (torch 1.13, _single_tensor_adam, without weight decay and amsgrad; here in
// double) fed the gradient g_t at step t, written out:
//   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  θ ← θ − η/(1 − β₁ᵗ) · m/(√v/√(1 − β₂ᵗ) + ε).
Run run_adam(std::vector<double> gradients) {
  Run run;
  run.g = std::move(gradients);
  run.broken = breaks_contract(run.g);
  if (!run.broken.empty()) return run;
  double m = 0.0, v = 0.0, theta = 0.0;
  for (std::size_t i = 0; i < run.g.size(); ++i) {
    const double t = static_cast<double>(i + 1), g = run.g[i];
    m = beta1 * m + (1.0 - beta1) * g;
    v = beta2 * v + (1.0 - beta2) * g * g;
    const double step_size = lr / (1.0 - std::pow(beta1, t));
    const double denominator = std::sqrt(v) / std::sqrt(1.0 - std::pow(beta2, t)) + eps;
    const double delta = step_size * m / denominator;  // θ_t − θ_{t−1} = −delta
    theta -= delta;
    run.steps.push_back(std::abs(delta) / lr);
    if (run.steps.back() > run.largest) {
      run.largest = run.steps.back();
      run.at = i + 1;
      run.m = m;
      run.v = v;
    }
  }
  return run;
}

// The probable reason why the largest step fell short, from the three factors of
// largest/bound = c·a·e: the bias corrections' factor c = √(1 − β₂ᵗ)/(1 − β₁ᵗ), the alignment
// a = (|m|/√v)/(its supremum), which Cauchy–Schwarz bounds by √(1 − (β₁²/β₂)^k) after k nonzero
// gradients, and ε's share e = √v̂/(√v̂ + ε).
std::string why_short(const Run& run, double c, double a, double e) {
  const std::size_t t = run.at;
  const std::vector<double>& g = run.g;
  std::size_t first = 0;
  while (first < t && g[first] == 0.0) ++first;  // the first nonzero gradient, g[first]
  const bool constant =
      std::all_of(g.begin(), g.end(), [&](double value) { return value == g[0]; });
  const long nonzero =
      std::count_if(g.begin(), g.begin() + static_cast<long>(t), [](double x) { return x != 0.0; });
  // (n, 0, run…): zeros meant as std::vector<double>(n, 0.0), written with braces, which hold the
  // two numbers n and 0.
  if (g.size() >= 3 && g[0] >= 2.0 && g[0] == std::floor(g[0]) && g[1] == 0.0 && g[2] != 0.0) {
    return "the sequence begins (" + format_number(g[0]) + ", 0, " + format_number(g[2]) +
           ", …): one gradient " + format_number(g[0]) + " and a single zero, where " +
           format_number(g[0]) +
           " zeros were meant? std::vector<double>{n, 0.0} holds the two numbers n and 0 (braces "
           "choose the list of values); n zeros are std::vector<double>(n, 0.0), with "
           "parentheses. Without the zeros the bias corrections hold the step back";
  }
  if (constant) {
    return "a constant gradient: m̂ = g and v̂ = g², so every step is η|g|/(|g| + ε) ≈ η; Adam's "
           "step does not grow with a gradient that stays the same";
  }
  // Signs that alternate anywhere in the run cancel in m, however large the gradients grow.
  for (std::size_t i = 1; i < g.size(); ++i) {
    if (g[i] * g[i - 1] < 0.0) {
      // §5.5's sequence C, −1, −1, repeated (Reddi, Kale and Kumar).
      bool reddi = g.size() >= 6 && g[0] > 0.0 && g[1] < 0.0 && g[1] == g[2];
      for (std::size_t k = 3; reddi && k < g.size(); ++k) reddi = g[k] == g[k % 3];
      return "the gradients change sign (g = " + format_number(g[i - 1]) + ", then " +
             format_number(g[i]) + " at step " + std::to_string(i + 1) +
             "): m averages them away while v adds up their squares; Cauchy–Schwarz is an "
             "equality only for gradients of one sign, each proportional to its weight" +
             (reddi ? ". The run is §5.5's sequence C, −1, −1 of Reddi, Kale and Kumar: it "
                      "makes Adam converge to the wrong point, a failure of convergence; its "
                      "steps stay near η, and it does not break the step-size heuristic"
                    : "");
    }
  }
  // A large gradient first, then zeros meant to make v forget it: β₂ᵏ never reaches 0.
  std::size_t zeros = 0;
  while (1 + zeros < g.size() && g[1 + zeros] == 0.0) ++zeros;
  if (t == 1 && g[0] != 0.0 && zeros > 0 && 1 + zeros < g.size()) {
    const double forgotten = std::pow(beta2, static_cast<double>(zeros));
    const double kept = (1.0 - beta2) * g[0] * g[0] * forgotten;
    return "the largest step is the first one, η (m̂ = g and √v̂ = |g| there), at g₁ = " +
           format_number(g[0]) + "; the " + std::to_string(zeros) +
           " zeros after it shrink v by β₂ᵏ = " + format_number(forgotten, 3) +
           ", never to 0: v still holds (1 − β₂)·g₁²·β₂ᵏ = " + format_number(kept, 3) +
           " when the next gradient (" + format_number(g[1 + zeros]) +
           ") comes, and √v̂ dwarfs every later m̂: zeros make v forget geometrically, too "
           "slowly for a gradient that large. The zeros belong before the run, to let the bias "
           "correction die out; the largest gradient comes last, just before the step it makes "
           "large";
  }
  if (t == 1 && g.size() > 1 && g[0] != 0.0 && std::abs(g[1]) < std::abs(g[0])) {
    return "the largest step is the first one, η whatever g (m̂ = g and √v̂ = |g| there), and the "
           "gradients after it shrink (g₂/g₁ = " +
           format_number(g[1] / g[0], 6) +
           "): is the run reversed? m and v weight the newest gradient most; the growing run "
           "comes oldest first, its largest gradient last, just before the step it makes large";
  }
  if (nonzero == 1) {
    return "one gradient after zeros moves (1 − β₁)/√(1 − β₂) = 3.16η at most: that is exactly "
           "the heuristic's case, m = (1 − β₁)g and v = (1 − β₂)g². The bound needs v̂ to lag "
           "behind a growing m̂: more than one gradient";
  }
  const double loss_c = -std::log(c), loss_a = -std::log(a), loss_e = -std::log(e);
  std::ostringstream out;
  if (loss_e >= loss_c && loss_e >= loss_a) {
    out << "ε held the step back: √v̂ = " << format_number(e * eps / (1.0 - e))
        << " next to ε = 1e-8; larger gradients make ε negligible";
  } else if (loss_c >= loss_a) {
    if (first == 0) out << "the gradients start at step 1, and ";
    out << "the bias corrections held the step back: at step t = " << t
        << " their factor √(1 − β₂ᵗ)/(1 − β₁ᵗ) is " << format_number(c, 7)
        << ", and it nears 1 only when β₂ᵗ = 0.999ᵗ is negligible";
  } else {
    const double ratio = g[t - 2] != 0.0 ? g[t - 1] / g[t - 2] : 0.0;
    const bool sign_changes = std::any_of(g.begin(), g.begin() + static_cast<long>(t),
                                          [&](double x) { return x * g[t - 1] < 0.0; });
    const double best =
        std::sqrt(1.0 - std::pow(beta1 * beta1 / beta2, static_cast<double>(t - first)));
    // The run stops growing at the largest step and stays there: a limit of the run's own.
    const bool plateau = t < g.size() && g[t] == g[t - 1] && g[t - 1] != 0.0 && ratio > 1.0;
    if (sign_changes) {
      out << "the gradients change sign: m averages them away while v adds up their squares";
    } else if (plateau) {
      out << "the run grows until g = " << format_number(g[t - 1]) << " at step " << t
          << " and then stays there: clipped, or capped at a limit of your own? With the "
             "gradients constant after it, √v̂ catches up with m̂; the bound is approached "
             "only by a run that keeps growing by one factor up to the step it makes large, and "
             "the allowed range, up to 1e100, leaves room for about "
          << static_cast<long>(std::log(1e100 / std::abs(g[first])) / std::log(beta2 / beta1))
          << " steps of β₂/β₁ from g = " << format_number(g[first]);
    } else if (ratio == 0.0 && t >= 5 && g[t - 3] != 0.0 && g[t - 4] == 0.0 && g[t - 5] != 0.0 &&
               std::abs(g[t - 1]) > std::abs(g[t - 3])) {
      // A zero between each two gradients of a growing run: the sum of Cauchy–Schwarz over the
      // even lags only, (1 − β₁)²/((1 − β₂)(1 − β₁⁴/β₂²)), the bound over √(1 + β₁²/β₂).
      const double interleaved =
          (1.0 - beta1) / std::sqrt((1.0 - beta2) * (1.0 - std::pow(beta1 * beta1 / beta2, 2)));
      out << "the growing gradients have a zero between each two (g_{t−2} = "
          << format_number(g[t - 3]) << ", g_{t−1} = 0, g_t = " << format_number(g[t - 1])
          << " at the largest step): Cauchy–Schwarz is an equality only when every term of the "
             "sum follows the last by one fixed factor, and a zero between them breaks it; with "
             "zeros between, m/√v stays below "
          << format_number(interleaved, 4)
          << "η, the bound over √(1 + β₁²/β₂). The growing gradients must follow one another";
    } else if (ratio == 0.0) {
      out << "the largest step came at a gradient after a zero (g_{t−1} = 0): a lone gradient "
             "after zeros is the heuristic's own case, which moves at most (1 − β₁)/√(1 − β₂) = "
             "3.16η, and less when v still remembers earlier gradients; exceeding it needs a run "
             "of several gradients that grows, each the last times one fixed factor";
    } else if (ratio <= 1.0) {
      const std::string shrink = testing::as_product(ratio, {{"β₁", beta1}, {"β₂", beta2}});
      out << "the gradients stopped growing (g_t/g_{t−1} = " << format_number(ratio, 6)
          << (shrink.empty() ? "" : " = " + shrink)
          << " at the largest step): with gradients that stay the same or shrink, √v̂ catches up "
             "with m̂";
      if (testing::close(ratio, beta1 / beta2, 1e-6)) {
        out << "; β₁/β₂ is the inverse of the growth β₂/β₁ that keeps v̂ lagging behind m̂: the "
               "ratio turned upside down";
      }
    } else if (ratio >= 1.5) {
      out << "the gradients grew too fast (g_t/g_{t−1} = " << format_number(ratio, 6)
          << " at the largest step): each new g² dominates v, √v̂ catches up with the newest "
             "gradient and the step falls back toward a lone gradient's 3.16η; v̂ must lag behind "
             "m̂";
    } else if (first + 1 < t && g[first] != 0.0 &&
               !testing::close(g[first + 1] / g[first], ratio, 1e-6)) {
      out << "the growth factor changes along the run (g_t/g_{t−1} = "
          << format_number(g[first + 1] / g[first], 6) << " at its start, "
          << format_number(ratio, 6)
          << " at the largest step): is each gradient the last plus a constant, not the last "
             "times one? Cauchy–Schwarz is an equality only for gradients in a geometric "
             "progression, one fixed factor per step";
    } else if (a >= best * (1.0 - 1e-9)) {
      out << "the " << t - first << " gradients since the first nonzero one are as well aligned as "
          << t - first << " gradients can be (Cauchy–Schwarz over them: " << format_number(best, 10)
          << " of the supremum): more of them come closer";
    } else {
      // The growth in the notes' symbols, when it is a product of powers of β₁ and β₂.
      const std::vector<testing::Named> betas = {{"β₁", beta1}, {"β₂", beta2}};
      const std::string growth = testing::as_product(ratio, betas);
      const std::string squared = testing::as_product(ratio * ratio, betas);
      out << "the gradients grew by g_t/g_{t−1} = " << format_number(ratio, 6)
          << (growth.empty() ? "" : " = " + growth) << " per step";
      if (testing::close(ratio, beta2 / (beta1 * beta1), 1e-9)) {
        out << ": that follows the terms (β₁²/β₂)ʲ of the bound's sum, which is what "
               "Cauchy–Schwarz leaves after the equality; the equality itself needs the "
               "gradients proportional to the weights' ratio, g_i ∝ (β₁/β₂)^{t−i}, growing by "
               "β₂/β₁";
        return out.str();
      } else if (testing::close(ratio, 1.0 / std::sqrt(beta2), 1e-9)) {
        out << ": that keeps √(β₂^{t−i})·g_i the same for every i, one of the two sequences that "
               "Cauchy–Schwarz compares made constant; it is an equality when the two are "
               "proportional, g_i ∝ β₁^{t−i}/β₂^{t−i}, the gradients growing by β₂/β₁";
        return out.str();
      } else if (testing::close(ratio, std::sqrt(beta2) / beta1, 1e-9)) {
        out << ": that makes g_i ∝ (β₁/√β₂)^{t−i}, proportional to the first factor of §5.4's "
               "split β₁^{t−i}g_i = (β₁/√β₂)^{t−i}·√β₂^{t−i}g_i; Cauchy–Schwarz is an equality "
               "when the second factor, √β₂^{t−i}g_i with its √β₂^{t−i}, is proportional to the "
               "first: g_i ∝ (β₁/β₂)^{t−i}, the gradients growing by β₂/β₁";
        return out.str();
      } else if (growth.find("√") != std::string::npos && !squared.empty()) {
        out << ", so that g² grows by " << squared
            << ": is a growth worked out for g applied to g², or the other way round?";
      }
      // β₂/β₁ with a β misremembered: another common value in place of torch's default.
      for (const double other : {0.99, 0.9, 0.9999, 0.95}) {
        if (growth.empty() && testing::close(ratio, other / beta1, 1e-9)) {
          out << " = " << format_number(other) << "/β₁: β₂/β₁ with β₂ = " << format_number(other)
              << ", but the step runs with torch's default β₂ = " << format_number(beta2);
        } else if (growth.empty() && testing::close(ratio, beta2 / other, 1e-9)) {
          out << " = β₂/" << format_number(other) << ": β₂/β₁ with β₁ = " << format_number(other)
              << ", but the step runs with torch's default β₁ = " << format_number(beta1);
        }
      }
      // β₂/β₁ raised to a logarithm's change of base: exp of a log10 (or 10^ of a ln, 2^ ...).
      for (const auto& [power, mixed] :
           {std::pair{1.0 / std::log(10.0),
                      "exp(k·log10(β₂/β₁)): a base-10 logarithm undone by "
                      "the natural exponential"},
            std::pair{std::log(10.0),
                      "10^(k·ln(β₂/β₁)): a natural logarithm undone by a power "
                      "of 10"},
            std::pair{1.0 / std::log(2.0),
                      "exp(k·log2(β₂/β₁)): a base-2 logarithm undone by the "
                      "natural exponential"},
            std::pair{std::log(2.0),
                      "2^(k·ln(β₂/β₁)): a natural logarithm undone by a power of 2"}}) {
        if (testing::close(ratio, std::pow(beta2 / beta1, power), 1e-9)) {
          out << " = (β₂/β₁)^" << format_number(power, 4) << ", as " << mixed
              << ": exp undoes ln, and (β₂/β₁)ᵏ = exp(k·ln(β₂/β₁)), or std::pow";
          return out.str();
        }
      }
      // A growth β₂^a/β₁^b: the gradients follow (β₁^b/β₂^a)^{t−i}, where the equality needs
      // one β₂ for each β₁, g_i ∝ (β₁/β₂)^{t−i}.
      const std::vector<std::pair<double, std::string>> exponents = {
          {0.0, ""}, {0.5, "^½"}, {1.0, ""}, {1.5, "^{3/2}"}, {2.0, "²"}};
      for (const auto& [a, a_text] : exponents) {
        for (const auto& [b, b_text] : exponents) {
          if ((a == 1.0 && b == 1.0) || (a == 0.0 && b == 0.0) ||
              !testing::close(ratio, std::pow(beta2, a) / std::pow(beta1, b), 1e-9))
            continue;
          const std::string m_part = b == 0.0 ? "1" : "β₁" + b_text;
          const std::string v_part = a == 0.0 ? "" : "/β₂" + a_text;
          out << ": that makes g_i ∝ (" << m_part << v_part
              << ")^{t−i}; Cauchy–Schwarz compares m's weights β₁^{t−i} with v's β₂^{t−i} "
                 "(§5.4) and is an equality for g_i ∝ (β₁/β₂)^{t−i}, one β₂ for each β₁, the "
                 "gradients growing by β₂/β₁"
              << (a == 0.0   ? ": v's weights are left out"
                  : b == 0.0 ? ": m's weights are left out"
                             : "");
          return out.str();
        }
      }
      out << ": Cauchy–Schwarz is an equality only for gradients proportional to the weights "
             "it compares (§5.4): which growth is that?";
    }
  }
  return out.str();
}

// What the largest step was, where, with which moments, how far from the bound and why.
std::string explain(const Run& run, double needed) {
  if (!run.broken.empty()) return run.broken;
  if (run.at == 0) {
    return "θ never moved: every gradient is 0, all " + std::to_string(run.g.size()) +
           " of them: a run that grows by multiplying (g ← g·r) from a start of 0 stays at 0, "
           "so its first value must not be 0; or are the values never written into the vector "
           "(push_back, or resize before indexing; reserve() changes the capacity, not the "
           "size), or written and then replaced (assign(n, 0.0) after the run refills it with "
           "zeros)?";
  }
  const auto t = static_cast<double>(run.at);
  const double c1 = 1.0 - std::pow(beta1, t), c2 = 1.0 - std::pow(beta2, t);
  const double m_hat = run.m / c1, root_v_hat = std::sqrt(run.v / c2);
  const double c = std::sqrt(c2) / c1;
  const double a = std::abs(run.m) / std::sqrt(run.v) / bound;
  const double e = root_v_hat / (root_v_hat + eps);
  std::ostringstream out;
  out << "the largest step moved θ by " << format_number(run.largest, 10)
      << "·η, at step t = " << run.at << " of " << run.g.size()
      << " (g = " << format_number(run.g[run.at - 1]) << ", m̂ = " << format_number(m_hat)
      << ", √v̂ = " << format_number(root_v_hat) << "); needed " << format_number(needed, 10)
      << "·η. Of the bound " << format_number(bound, 8) << "·η it is "
      << format_number(run.largest / bound, 10) << " = " << format_number(c, 10)
      << " (the bias corrections, √(1 − β₂ᵗ)/(1 − β₁ᵗ)) × " << format_number(a, 10)
      << " (|m|/√v over its supremum) × " << format_number(e, 10) << " (√v̂/(√v̂ + ε))";
  if (run.largest < needed) out << ": " << why_short(run, c, a, e);
  return out.str();
}

// Runs the student's gradients and checks that the largest step is at least `needed`·η.
void check_largest_step(double needed) {
  const Run run = run_adam(workbook::adam_heuristic_counterexample());
  BOOST_TEST_REQUIRE(run.broken.empty(), run.broken);
  BOOST_TEST_INFO(explain(run, needed));
  BOOST_TEST(run.largest >= needed);
}

}  // namespace adam_judge
}  // namespace

BOOST_AUTO_TEST_SUITE(adam_heuristic_counterexample)

using namespace adam_judge;

BOOST_AUTO_TEST_CASE(
    the_gradients_keep_the_contract_and_the_bound,
    *utf::description("§5.4: between 1 and 100 000 gradients, each finite with |g| ≤ 1e100 (its "
                      "square added to v cannot overflow); whatever they are, no step of Adam "
                      "exceeds the bound of Cauchy–Schwarz, 7.2703η")) {
  const Run run = run_adam(workbook::adam_heuristic_counterexample());
  BOOST_TEST(run.broken.empty(), run.broken);
  BOOST_TEST_INFO(explain(run, 0.0));
  BOOST_TEST(run.largest <= bound * (1.0 + 1e-12));
}

BOOST_AUTO_TEST_CASE(
    a_step_breaks_the_heuristic,
    *utf::description("§5.4: Kingma and Ba's η(1 − β₁)/√(1 − β₂) = 3.16η is a heuristic, not a "
                      "bound: fed the gradients, torch's default Adam takes a step of at least "
                      "3.5η. The heuristic's own case, a single nonzero gradient, moves 3.1623η "
                      "at most (its bias corrections only shrink it): 3.5η takes more than that "
                      "case, and more than rounding")) {
  BOOST_TEST(heuristic == 3.16227766, tt::tolerance(1e-9));
  check_largest_step(3.5);
}

BOOST_AUTO_TEST_CASE(
    a_step_within_ten_percent_of_the_bound,
    *utf::description("§5.4: a step of at least 0.9 times the bound of Cauchy–Schwarz, "
                      "η(1 − β₁)/√((1 − β₂)(1 − β₁²/β₂)) = 7.2703η: 6.5433η")) {
  BOOST_TEST(bound == 7.2702918, tt::tolerance(1e-7));
  check_largest_step(0.9 * bound);
}

BOOST_AUTO_TEST_CASE(a_step_within_one_percent_of_the_bound,
                     *utf::description("§5.4: a step of at least 0.99 times the bound, 7.1976η")) {
  check_largest_step(0.99 * bound);
}

BOOST_AUTO_TEST_CASE(
    a_step_within_a_millionth_of_the_bound,
    *utf::description("§5.4: a step of at least (1 − 10⁻⁶) times the bound, 7.2702845η: the "
                      "gradients make Cauchy–Schwarz an equality, and the bias corrections 1, "
                      "to a millionth")) {
  check_largest_step((1.0 - 1e-6) * bound);
}

BOOST_AUTO_TEST_SUITE_END()
