#pragma once
// The lines of Chapter 5's steps, each checked on its own (step_lines.hpp): the moments' lines by
// their coefficients, the step's line by its bias-correction factor, the weight decay by what it
// does to θ. One sentence per wrong line, in the notes' symbols.
#include <array>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/rule.hpp"
#include "workbook/testing/adaptive_edits.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/step_lines.hpp"

namespace workbook::testing {

namespace detail {

// What an L2 weight decay added to the gradient at θ = 3 with g = 0 (`added`, expected λθ) says,
// when it is another function of θ: the penalty itself, or an L1 pull; "" otherwise. At θ = 3
// they part (λθ = 0.3, ½λθ² = 0.45, λ·sign θ = 0.1 for λ = 0.1).
inline std::string decay_shape(const std::string& setting, double added, double lambda) {
  const double theta = 3.0;
  auto is = [](double got, double expected) {
    return std::abs(got - expected) <= 1e-9 * std::abs(expected);
  };
  if (!std::isfinite(added) || is(std::abs(added), lambda * theta)) return "";
  std::string what;
  if (is(std::abs(added), 0.5 * lambda * theta * theta)) {
    what =
        "½λθ², the L2 penalty itself; the gradient of the penalty ½λ‖θ‖² is λθ, and that is "
        "what g ← g + λθ adds";
  } else if (is(std::abs(added), lambda)) {
    what =
        "λ·sign(θ), a pull of the same size wherever θ is (L1's); L2's weight decay adds λθ, "
        "proportional to θ";
  } else if (is(std::abs(added), lambda * theta * theta)) {
    what = "λθ², a square too many; L2's weight decay adds λθ";
  } else {
    return "";
  }
  return setting + " the weight decay added " + format_number(std::abs(added), 6) +
         " to the gradient, expected λθ = " + format_number(lambda * theta, 6) + ": that is " +
         what;
}

// The first entry of a state vector, NaN if the step left it empty or resized it.
inline double entry(const Vector& v) {
  return v.size() == 1 ? v(0) : std::nan("");
}

// The suspects of a step θ ← θ − η/(1 − β₁ᵗ) · m/(√(d/(1 − β₂ᵗ)) + ε) at step t, as factors of
// −η·m/√d: what a wrong bias correction or a wrong t gives. `d` names the second moment (v, s).
inline std::vector<Suspect> bias_correction_suspects(double beta1, double beta2, long t,
                                                     const std::string& d) {
  auto c1 = [&](long k) { return 1.0 - std::pow(beta1, double(k)); };
  auto c2 = [&](long k) { return 1.0 - std::pow(beta2, double(k)); };
  const double expected = std::sqrt(c2(t)) / c1(t);
  return {
      {-expected, "θ moved along m̂, uphill: θ ← θ − η·m̂/(√" + d + "̂ + ε)"},
      {1.0 / c1(t), "√" + d + " is not divided by √(1 − β₂ᵗ): " + d + "̂ is not bias corrected"},
      {std::sqrt(c2(t)), "m is not divided by 1 − β₁ᵗ: m̂ is not bias corrected"},
      {1.0, "neither moment is bias corrected: m̂ = m/(1 − β₁ᵗ), " + d + "̂ = " + d + "/(1 − β₂ᵗ)"},
      {c2(t) / c1(t), "√" + d + " is divided by 1 − β₂ᵗ, not by its root √(1 − β₂ᵗ)"},
      {std::sqrt(c1(t)) / c1(t),
       "the bias correction of " + d + " uses β₁; " + d + "̂ = " + d + "/(1 − β₂ᵗ)"},
      {std::sqrt(c2(t)) / c2(t), "the bias correction of m uses β₂; m̂ = m/(1 − β₁ᵗ)"},
      {std::sqrt(c1(t)) / c2(t),
       "the two bias corrections are exchanged, 1 − β₂ᵗ for m and "
       "1 − β₁ᵗ for " +
           d + ": m̂ = m/(1 − β₁ᵗ), " + d + "̂ = " + d +
           "/(1 − β₂ᵗ), each average corrected by its own β"},
      {std::sqrt(c2(t - 1)) / c1(t - 1), "the bias corrections use t = " + std::to_string(t - 1) +
                                             " at step " + std::to_string(t) +
                                             ": count the step (t ← t + 1) before using t"},
      {std::sqrt(c2(t + 1)) / c1(t + 1), "the bias corrections use t = " + std::to_string(t + 1) +
                                             " at step " + std::to_string(t) +
                                             ": is t counted twice, or the power made by a "
                                             "loop that runs t + 1 times (k <= t from 0)?"},
      {std::sqrt(1.0 - std::exp(-double(t) * (1.0 - beta2))) /
           (1.0 - std::exp(-double(t) * (1.0 - beta1))),
       "the corrections use βᵗ ≈ e^(−t(1 − β)), the moving average's time constant 1/(1 − β) "
       "taken for the power: close, but not the weight the average gives its start; the "
       "corrections are exactly 1 − β₁ᵗ and 1 − β₂ᵗ (std::pow)"},
  };
}

// The end of a finding about θ's line when no suspect matched: how far the step went relative
// to the notes' (`ratio`), and that ratio in the notes' symbols when it is a product of powers
// of `quantities`, or a float's precision.
// The bias correction applied to the newest term only, inside the average.
inline std::string correction_inside(const std::string& average, const std::string& beta,
                                     const std::string& term) {
  return ": the newest term is divided by 1 − " + beta + "ᵗ inside the average, " + average +
         " ← " + beta + "·" + average + " + (1 − " + beta + ")·" + term + "/(1 − " + beta +
         "ᵗ): right at t = 1 only, since the older terms keep the correction of their own step "
         "(for a constant gradient the average overshoots it from t = 2); the state stays the "
         "raw average, and the correction divides the whole of it after its update, " +
         average + "̂ = " + average + "_t/(1 − " + beta + "ᵗ)";
}

inline std::string how_far(double ratio, const std::vector<Named>& quantities) {
  const std::string precision = float_precision(ratio, 1.0);
  if (!precision.empty()) return ": " + precision;
  const std::string product = as_product(ratio, quantities);
  // The square of a quantity the notes divide by: multiplied where it should divide.
  std::string turned;
  for (const Named& q : quantities) {
    const bool divides = q.name.starts_with("1 + (t − 1)") || q.name.starts_with("1 − β");
    if (divides && !agrees(q.value, 1.0) && agrees(ratio, q.value * q.value, 1e-9)) {
      turned = ": is η multiplied by " + q.name + " where the notes divide by it?";
      break;
    }
  }
  return " (" + format_number(ratio, 4) + " times as far" +
         (product.empty() ? ")"
                          : ", a factor " + product + " that the notes' step does not have)") +
         turned;
}

// θ's line as θ ← θ − η·K·m/(P·√d + ε): the step size's factor K and the denominator's P,
// measured apart. `moved(ε)` is how far one step from the same state moves θ with that ε; with ε
// tiny the step is −ηK·m/(P√d), with ε = E comparable to √d it is −ηK·m/(P√d + E), which gives P.
// A third ε checks that the line has this form at all (ε inside the root has not).
struct StepFactors {
  double size = 0.0, root = 0.0;  // K and P
  bool fits = false;
};
template <class Moved>
StepFactors step_factors(Moved moved, double eta, double m, double d) {
  StepFactors f;
  const double root_d = std::sqrt(d);
  const double ratio = moved(1e-300) / (-eta * m / root_d);  // K/P
  const double big = 2.0 * root_d;
  const double q = -eta * ratio * m / moved(big);  // P·√d + E = P·q
  f.root = big / (q - root_d);
  f.size = ratio * f.root;
  const double bigger = 7.0 * root_d;
  const double predicted = -eta * f.size * m / (f.root * root_d + bigger);
  f.fits = std::isfinite(f.size) && std::isfinite(f.root) && f.root > 0.0 &&
           agrees(moved(bigger), predicted, 1e-7);
  return f;
}

// What a θ line whose step size has the factor `size` (§: `wanted_size`) and whose root of the
// second moment `d` is scaled by `root` (§: `wanted_root`) does wrong, in the notes' symbols; ""
// if both are the notes'.
inline std::string step_factors_sentence(const StepFactors& f, double wanted_size,
                                         double wanted_root, const std::string& d, double c2,
                                         const std::vector<Named>& quantities) {
  // A factor in the symbols of `names`.
  const auto as = [](double value, const std::vector<Named>& names) {
    if (agrees(value, 1.0, 1e-12)) return std::string("1");
    const std::string product = as_product(value, names);
    return product.empty() ? format_number(value, 4) : product;
  };
  // The denominator's factor is written without η, which only the step size carries.
  std::vector<Named> without_eta;
  for (const Named& q : quantities)
    if (q.name != "η") without_eta.push_back(q);
  std::string why;
  if (!agrees(f.size, wanted_size, 1e-6)) {
    why += "the step size is η·" + as(f.size, quantities) + ", the notes' η/(1 − β₁ᵗ)";
    if (const std::string factor = as(f.size, quantities);
        factor.find("√t") != std::string::npos && factor.find('/') < factor.find("√t")) {
      why +=
          ": the step shrinks like 1/√t; is the learning rate decayed inside the step, "
          "η/√t, the step size of Reddi et al.'s analysis? The step keeps the η it is given "
          "(torch's does), and a schedule is the driver's";
    }
    if (agrees(f.size / wanted_size, std::sqrt(c2), 1e-6) && agrees(f.root, wanted_root, 1e-6)) {
      why += ": it carries √(1 − β₂ᵗ), Kingma and Ba's α_t = η√(1 − β₂ᵗ)/(1 − β₁ᵗ), while √" + d +
             " is also divided by √(1 − β₂ᵗ) as in torch's √" + d +
             "̂: the two forms are mixed and the correction of " + d + " is applied twice; use one";
    } else if (agrees(f.size * wanted_size, 1.0, 1e-6)) {
      why += ": it multiplies by 1 − β₁ᵗ where it should divide";
    } else if (agrees(f.size / wanted_size, 1.0 / std::sqrt(c2), 1e-6) &&
               agrees(f.root, 1.0, 1e-9)) {
      return why + ", and √" + d +
             " is left uncorrected in the denominator: the correction √(1 − β₂ᵗ) was moved out "
             "of the denominator into the step size as a division. √" +
             d + "̂ = √" + d +
             "/√(1 − β₂ᵗ) sits in the denominator, so taken out of it, it multiplies the step: "
             "η√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√" +
             d + " + ε√(1 − β₂ᵗ)), Kingma and Ba's form";
    }
  }
  if (!agrees(f.root, wanted_root, 1e-6)) {
    why += std::string(why.empty() ? "" : "; ") + "√" + d + " is multiplied by " +
           as(f.root, without_eta) + " in the denominator, the notes' 1/√(1 − β₂ᵗ) (√" + d +
           "̂ = √(" + d + "/(1 − β₂ᵗ)))";
    // 1 − β₂ᵗ = c2, so β₂^(t/2) = √(1 − c2).
    if (agrees(f.root, 1.0 / (1.0 - std::sqrt(1.0 - c2)), 1e-6)) {
      why +=
          ": that is 1/(1 − β₂^(t/2)): √(1 − β₂ᵗ) is taken as 1 − √(β₂ᵗ), the root of a "
          "difference as the difference of the roots; take the root of the whole, "
          "√(1 − β₂ᵗ)";
    }
  }
  // Both corrections as t(1 − β), the first-order value of 1 − βᵗ.
  const auto value_of = [&](const std::string& name) {
    for (const Named& q : quantities)
      if (q.name == name) return q.value;
    return std::numeric_limits<double>::quiet_NaN();
  };
  const double t = value_of("t");
  if (t > 1.0 && agrees(f.size, 1.0 / (value_of("1 − β₁") * t), 1e-6) &&
      agrees(f.root, 1.0 / std::sqrt(value_of("1 − β₂") * t), 1e-6)) {
    why +=
        ": the corrections are t(1 − β₁) and t(1 − β₂), the first-order value of 1 − βᵗ, right "
        "at t = 1 and too large after it (above 1 once t > 1/(1 − β)); 1 − βᵗ is the sum of the "
        "weights (1 − β)βᵗ⁻ᵏ, which shrink by β each step back";
  }
  return why;
}

// An accumulator's line run with ε = 0.1 and g = 0 from 0.2: it must give `kept` (its decay times
// 0.2, `kept_text`), ε playing no part; the sentence when ε entered it, "" otherwise.
inline std::string epsilon_entered(const std::string& line, const std::string& symbol, double got,
                                   double kept, const std::string& kept_text,
                                   const std::string& denominator) {
  if (agrees(got, kept, 1e-12)) return "";
  return "with ε = 0.1 and g = 0 the " + line + " took " + symbol + " from 0.2 to " +
         format_number(got, 6) + ", expected " + (kept_text.empty() ? "" : kept_text + " = ") +
         format_number(kept) + ": ε enters " + symbol +
         " at every step; it belongs to the denominator only, " + denominator;
}

}  // namespace detail

/// The lines of Adam's step, or AMSGrad's when `amsgrad`: m's, v's (and v_max's), θ's, and the
/// weight decay, L2 and decoupled. One sentence per wrong line; empty when every line is the
/// notes'.
inline std::vector<std::string> adam_lines(void (*kernel)(Vector&, const Vector&, AdamState&,
                                                          const AdamParams&),
                                           bool amsgrad) {
  if (std::string left = unstepped_coordinates(kernel, AdamParams{}, "Adam's step"); !left.empty())
    return {left};
  if (std::string theta = theta_in_the_gradient(
          kernel,
          [&] {
            AdamParams with;
            with.amsgrad = amsgrad;
            return with;
          }(),
          amsgrad ? "AMSGrad's step" : "Adam's step");
      !theta.empty())
    return {theta};
  std::vector<std::string> findings = edits::as_findings(adam_edit(kernel, amsgrad));
  const std::string section = amsgrad ? "§5.5" : "§5.4";
  AdamParams params;
  params.learning_rate = 0.01;
  params.betas = {0.7, 0.95};
  params.epsilon = 1e-12;
  params.amsgrad = amsgrad;
  const double beta1 = params.betas.first, beta2 = params.betas.second;
  const double eta = params.learning_rate;
  const long t0 = 4, t = t0 + 1;  // the probed step is the fifth
  // The step counter counts every step, whatever the options: t is state, not a part of the
  // corrections (bias_correction = false, AdamW, ε inside the root all count it).
  struct Option {
    const char* name;
    void (*set)(AdamParams&);
  };
  for (const Option& option :
       {Option{"bias_correction = false", [](AdamParams& p) { p.bias_correction = false; }},
        Option{"decoupled_weight_decay (AdamW)",
               [](AdamParams& p) {
                 p.decoupled_weight_decay = true;
                 p.weight_decay = 0.1;
               }},
        Option{"epsilon_inside_root", [](AdamParams& p) { p.epsilon_inside_root = true; }}}) {
    AdamParams p = params;
    option.set(p);
    Vector theta{{1.0, -2.0, 3.0}};
    AdamState state = start_state<AdamState>(theta, p);
    kernel(theta, Vector{{0.3, -2.0, 5.0}}, state, p);
    if (state.t != 1) {
      findings.push_back(
          std::string("with ") + option.name + " the step counter t is " + std::to_string(state.t) +
          " after one step from a fresh state, expected 1: t counts every step, whatever the "
          "options; it is the state's count of the steps taken, not a part of the bias "
          "corrections (count it first, t = ++state.t, in every branch)");
      break;
    }
  }
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  // §5.4's denominator from the v (v_max) a step stored and v's correction c2: √v̂ + ε, or
  // √(v̂ + ε) with epsilon_inside_root.
  const auto denominator = [](const AdamParams& p, double d, double c2) {
    const double v_hat = d / c2;
    return p.epsilon_inside_root ? std::sqrt(v_hat + p.epsilon) : std::sqrt(v_hat) + p.epsilon;
  };
  const std::vector<Named> constants = {{"β₁", beta1},
                                        {"1 − β₁", 1.0 - beta1},
                                        {"β₂", beta2},
                                        {"1 − β₂", 1.0 - beta2},
                                        {"1", 1.0},
                                        {"0", 0.0},
                                        {"η", eta},
                                        {"1/(1 − β₁ᵗ)", 1.0 / c1},
                                        {"1/(1 − β₂ᵗ)", 1.0 / c2}};
  // What a step that is off by a factor might multiply by, to name the factor.
  // 1 − β₁ before t: with β₁ = 0.8 at t = 5, 1/(1 − β₁) = t, and the correction without its
  // exponent is the likelier slip.
  const std::vector<Named> quantities = {
      {"1 − β₁ᵗ", c1},  {"1 − β₂ᵗ", c2}, {"1 − β₁", 1.0 - beta1}, {"1 − β₂", 1.0 - beta2},
      {"t", double(t)}, {"β₁", beta1},   {"β₂", beta2},           {"η", eta}};

  struct After {
    double x, m, v, v_max;
  };
  // One step, the fifth, from θ = x and the state (m, v, v_max), with gradient g.
  auto step = [&](double x, double g, double m, double v, double v_max, const AdamParams& p) {
    Vector theta{{x}};
    AdamState state = start_state<AdamState>(theta, p);
    state.m(0) = m;
    state.v(0) = v;
    if (state.v_max.size() == 1) state.v_max(0) = v_max;
    state.t = t0;
    kernel(theta, Vector{{g}}, state, p);
    return After{detail::entry(theta), detail::entry(state.m), detail::entry(state.v),
                 amsgrad ? detail::entry(state.v_max) : 0.0};
  };

  // Each coordinate reads its own gradient: changing coordinate 2's gradient alone leaves
  // coordinate 0's θ, m and v as they were.
  {
    const auto three = [&](const Vector& gradient) {
      Vector theta{{1.0, -2.0, 3.0}};
      AdamState state = start_state<AdamState>(theta, params);
      state.m = Vector{{0.1, -0.2, 0.3}};
      state.v = Vector{{0.5, 0.4, 0.6}};
      if (state.v_max.size() == 3) state.v_max = Vector{{0.6, 0.5, 0.7}};
      state.t = t0;
      kernel(theta, gradient, state, params);
      return std::array<double, 3>{theta(0), state.m(0), state.v(0)};
    };
    const auto before = three(Vector{{0.3, -2.0, 5.0}}), after = three(Vector{{0.3, -2.0, 50.0}});
    const char* names[] = {"θ", "m", "v"};
    for (std::size_t k = 0; k < 3; ++k) {
      if (std::isfinite(before[k]) && std::isfinite(after[k]) &&
          !agrees(before[k], after[k], 1e-12)) {
        findings.push_back(
            "multiplying only coordinate 2's gradient by 10 changed coordinate 0's " +
            std::string(names[k]) + ", from " + format_number(before[k], 6) + " to " +
            format_number(after[k], 6) +
            ": each coordinate's moments average its own gradient, and its step divides by its "
            "own √v̂; is the gradient normalised by its norm over all coordinates (g/‖g‖), a sum "
            "carried across the loop, or a reduction over the coordinates (a norm, a sum, "
            "maxCoeff()) used where the coordinate's own value belongs? " +
            section +
            "'s invariance to the gradient's scale is a consequence of m/√v, not a "
            "normalisation to add");
        return findings;
      }
    }
  }
  // θ is not bounded: from θ = ±5 with m = 0 and a zero gradient the step leaves it where it is.
  {
    const After right = step(5.0, 0.0, 0.0, 1.0, 1.0, params);
    const After left = step(-5.0, 0.0, 0.0, 1.0, 1.0, params);
    if (std::abs(right.x) < 5.0 && std::abs(left.x) < 5.0 && agrees(right.x, -left.x, 1e-12) &&
        right.x > 0.0) {
      findings.push_back(
          "from θ = 5 and θ = −5, with m = 0 and a zero gradient, the step returned θ = " +
          format_number(right.x) + " and " + format_number(left.x) + ": θ is clamped to [−" +
          format_number(right.x) + ", " + format_number(right.x) +
          "]; a projection onto a box belongs to a constrained problem (§5.5's example of Reddi, "
          "Kale and Kumar lives on [−1, 1]), not to " +
          section + "'s step, which leaves θ where the moments send it");
      return findings;
    }
  }
  // AMSGrad's step skipped where the maximum is kept: θ stays put when v stays below v_max and
  // moves when v rises above it. Said alone: every reading of the lines (η made 0 on states whose
  // v_max is above v) is its consequence.
  if (amsgrad) {
    const After kept = step(1.0, 0.5, 0.3, 0.2, 0.6, params);
    const After raised = step(1.0, 0.5, 0.3, 0.2, 0.1, params);
    if (kept.x == 1.0 && std::isfinite(raised.x) && raised.x != 1.0 && kept.v < 0.6 &&
        raised.v > 0.1) {
      return {"θ did not move when this step's v (" + format_number(kept.v) +
              ") stayed below v_max = 0.6, and moved (by " + format_number(raised.x - 1.0) +
              ") when v rose above v_max = 0.1: the step is skipped where the maximum is kept; "
              "is there a `continue` (or a return) in the branch where v ≤ v_max? That branch "
              "is AMSGrad's own case: θ moves with the kept maximum, θ ← θ − η·m̂/(√v̂_max + ε)"};
    }
  }
  // m ← β₁m + (1 − β₁)g.
  double weight_of_g = 1.0 - beta1;  // as the step's m line has it, for the L2 check below
  // The weight decays are read through m and θ after a zero gradient: only with m's own line
  // right (a wrong one, already said, would be read again as a wrong decay).
  bool m_line_right = true;
  {
    const MeasuredLine line =
        measure_line([&](double m, double g) { return step(0.0, g, m, 1.0, 1.0, params).m; });
    std::string why = check_line("the first moment's line", "m", line,
                                 {{beta1, "m"}, {1.0 - beta1, "g"}}, constants, section);
    m_line_right = why.empty();
    if (line.linear && line.b != 0.0) weight_of_g = line.b;
    if (!why.empty()) {
      if (agrees(line.a / beta1, 1.0 / c1, 1e-7))
        why += ": is m̂ = m/(1 − β₁ᵗ) written back into m?";
      else if (line.linear && agrees(line.a, beta1, 1e-9) &&
               agrees(line.b, (1.0 - beta1) / c1, 1e-7))
        why += detail::correction_inside("m", "β₁", "g");
      // m that averages the gradient already divided by √v̂ + ε (RMSProp's momentum order).
      const double m0 = 0.3, g = 0.7;
      const double v_new = beta2 * 1.0 + (1.0 - beta2) * g * g;
      const double got = step(0.0, g, m0, 1.0, 1.0, params).m;
      for (const double d :
           {std::sqrt(v_new / c2) + params.epsilon, std::sqrt(v_new) + params.epsilon}) {
        if (!line.linear && agrees(got, beta1 * m0 + (1.0 - beta1) * g / d, 1e-9)) {
          why =
              "the first moment's line averages g/d, the gradient already divided by √v̂ + ε: "
              "from m = 0.3 and g = 0.7 it gave m = " +
              format_number(got, 6) +
              " = β₁·m + (1 − β₁)·g/d; that is RMSProp's momentum "
              "order (§5.3: the buffer holds g/d). Adam averages the raw gradient, " +
              section + "'s m ← β₁m + (1 − β₁)g, and divides the average by √v̂ + ε in the step";
          break;
        }
      }
      findings.push_back(why);
    }
  }
  // v ← β₂v + (1 − β₂)g² (and v stays the average in AMSGrad).
  bool v_kept_the_maximum = false;
  if (amsgrad) {
    const After after = step(0.0, 0.0, 0.0, 1.0, 10.0, params);
    if (agrees(after.v, 10.0)) {
      v_kept_the_maximum = true;
      findings.push_back(
          "the second moment's line wrote the maximum into v (v = v_max = 10 after the step, "
          "expected β₂·1 = " +
          format_number(beta2) +
          "): v stays the moving average of g²; only the denominator uses the maximum");
    }
  }
  // v knows nothing of m: from the same v and g, a different m must give the same v.
  bool v_reads_m = false;
  if (!v_kept_the_maximum) {
    const double v0 = 0.5, g = 0.7, m0 = 0.4;
    const double without_m = step(0.0, g, 0.0, v0, 0.0, params).v;
    const double with_m = step(0.0, g, m0, v0, 0.0, params).v;
    if (std::isfinite(without_m) && std::isfinite(with_m) && !agrees(without_m, with_m, 1e-12)) {
      v_reads_m = true;  // named here; its weights measured with m = 0 would say less
      const double m_new = beta1 * m0 + (1.0 - beta1) * g;
      std::string why = "the second moment's line reads m: from v = 0.5 and g = 0.7 it gave v = " +
                        format_number(without_m, 6) + " with m = 0 and " +
                        format_number(with_m, 6) + " with m = 0.4; " + section +
                        "'s v ← β₂·v + (1 − β₂)·g² averages the raw g², whatever m is";
      if (agrees(with_m, beta2 * v0 + (1.0 - beta2) * (g - m_new) * (g - m_new), 1e-9) ||
          agrees(with_m, beta2 * v0 + (1.0 - beta2) * (g - m0) * (g - m0), 1e-9)) {
        why +=
            ": it averages (g − m)², the square of the gradient's surprise, which is "
            "AdaBelief's s (§5.7); Adam's v is the second moment about 0, so that √v̂ is the "
            "gradient's typical size";
      }
      findings.push_back(why);
    }
  }
  if (!v_kept_the_maximum && !v_reads_m) {
    const MeasuredLine line = measure_line(
        [&](double v, double g2) { return step(0.0, std::sqrt(g2), 0.0, v, 0.0, params).v; });
    std::string why = check_line("the second moment's line", "v", line,
                                 {{beta2, "v"}, {1.0 - beta2, "g²"}}, constants, section);
    if (!why.empty()) {
      if (!line.linear && !multiplies(line)) why += " (does v accumulate g or |g| instead of g²?)";
      if (line.linear && agrees(line.a, beta2, 1e-9) && agrees(line.b, (1.0 - beta2) / c2, 1e-7))
        why += detail::correction_inside("v", "β₂", "g²");
      findings.push_back(why);
    } else {
      AdamParams p = params;
      p.epsilon = 0.1;
      std::string entered =
          detail::epsilon_entered("second moment's line", "v", step(0.0, 0.0, 0.0, 0.2, 0.0, p).v,
                                  beta2 * 0.2, "β₂·0.2", "√v̂ + ε");
      if (entered.empty()) {  // the other place of ε: inside the root
        p.epsilon_inside_root = true;
        entered =
            detail::epsilon_entered("second moment's line", "v", step(0.0, 0.0, 0.0, 0.2, 0.0, p).v,
                                    beta2 * 0.2, "β₂·0.2", "√(v̂ + ε), added there, not to v");
        if (!entered.empty()) entered = "with epsilon_inside_root, " + entered;
      }
      if (!entered.empty()) findings.push_back(entered);
    }
  }
  // The maximum is per coordinate, over the steps: from a fresh state, g = (2, 0.1, 1) gives
  // v_max = v in every coordinate; a maximum over the coordinates gives coordinate 0's v to all.
  if (amsgrad) {
    Vector theta{{0.0, 0.0, 0.0}};
    AdamState state = start_state<AdamState>(theta, params);
    kernel(theta, Vector{{2.0, 0.1, 1.0}}, state, params);
    if (state.v.size() == 3 && state.v_max.size() == 3 && agrees(state.v_max(1), state.v(0)) &&
        !agrees(state.v(1), state.v(0))) {
      findings.push_back(
          "the maximum's line: from a fresh state with g = (2, 0.1, 1), v_max became " +
          format_vector(state.v_max, 4) + " while v is " + format_vector(state.v, 4) +
          ": coordinate 1 holds coordinate 0's v; is the maximum taken over the coordinates? "
          "It is over the steps, one per coordinate: v_max_i ← max(v_max_i, v_i)");
    }
  }
  // The first step's maximum is the maximum too: a v_max handed in (5) above this step's v is
  // kept at t = 1 as at t = 5.
  if (amsgrad) {
    const auto v_max_after = [&](long steps_before) {
      Vector theta{{0.0}};
      AdamState state = start_state<AdamState>(theta, params);
      state.v_max(0) = 5.0;
      state.t = steps_before;
      kernel(theta, Vector{{1.0}}, state, params);
      return std::pair{state.v_max(0), state.v(0)};
    };
    const auto [first, v_first] = v_max_after(0);
    const auto [later, v_later] = v_max_after(t0);
    if (agrees(later, 5.0) && !agrees(first, 5.0) && agrees(first, v_first, 1e-12)) {
      // The lines, run at t = 1 only, read the same outputs as a minimum: said instead.
      std::erase_if(findings, [](const std::string& f) {
        return f.find("min(v_max, v)") != std::string::npos;
      });
      findings.insert(
          findings.begin(),
          "at t = 1 the maximum's line set v_max to this step's v (" + format_number(v_first) +
              ") from a v_max of 5 handed in, while at t = 5 it kept 5: is the first step "
              "special-cased, v_max = v when t == 1? max(v_max, v) already gives v when v_max "
              "starts at 0, and keeps a v_max the state holds: the first step needs no case of "
              "its own");
    }
  }
  // v_max knows nothing of m: from the same v_max, v and g, a different m gives the same v_max.
  bool v_max_reads_m = false;
  if (amsgrad && !v_kept_the_maximum) {
    const double m0 = 0.5;
    const After without_m = step(0.0, 0.0, 0.0, 1.0, 0.1, params);
    const After with_m = step(0.0, 0.0, m0, 1.0, 0.1, params);
    if (std::isfinite(without_m.v_max) && std::isfinite(with_m.v_max) &&
        !agrees(without_m.v_max, with_m.v_max, 1e-12)) {
      v_max_reads_m = true;
      const double m_new = beta1 * m0;
      std::string why =
          "the maximum's line reads m: from v_max = 0.1 and v = 1 with g = 0 it gave v_max = " +
          format_number(without_m.v_max, 6) + " with m = 0 and " + format_number(with_m.v_max, 6) +
          " with m = 0.5";
      why += agrees(with_m.v_max, std::max(0.1, m_new), 1e-9)
                 ? ": that is max(v_max, m) = max(0.1, " + format_number(m_new) +
                       "), a maximum of the first moment; AMSGrad's v_max is the running "
                       "maximum of the second moment, v_max ← max(v_max, v), so that the "
                       "denominator never shrinks"
                 : "; v_max ← max(v_max, v) compares second moments only";
      findings.push_back(why);
    }
  }
  // v_max ← max(v_max, v), of the raw v.
  if (amsgrad && !v_kept_the_maximum && !v_max_reads_m) {
    const After up = step(0.0, 0.0, 0.0, 1.0, 0.1, params);
    const After kept = step(0.0, 0.0, 0.0, 1.0, 5.0, params);
    // v_max left as it was in all three: never written back.
    const bool never_written = agrees(up.v_max, 0.1) && agrees(kept.v_max, 5.0) &&
                               step(0.0, 0.0, 0.0, 1.0, 0.0, params).v_max == 0.0;
    // v_max that follows v whenever v rises over its previous value: compared with v, not v_max.
    const After rose = step(0.0, 1.0, 0.0, 0.1, 5.0, params);
    if (rose.v > 0.1 && !agrees(rose.v_max, 5.0, 1e-12) &&
        agrees(rose.v_max, 5.0 + (rose.v - 0.1), 1e-9)) {
      findings.push_back(
          "the maximum's line adds every rise of v to v_max: from v_max = 5, a v that rose from "
          "0.1 to " +
          format_number(rose.v, 6) + " made v_max " + format_number(rose.v_max, 8) +
          ", 5 plus the rise, and a v that fell left it as it was; a ratchet that adds each "
          "rise counts again the ground v had covered before it fell, and climbs above every v "
          "ever seen. The running maximum rises only when v exceeds it: v_max ← max(v_max, v)");
    } else if (never_written && rose.v > 0.1 && agrees(rose.v_max, rose.v, 1e-12)) {
      findings.push_back(
          "the maximum's line compares the new v with the previous v, not with v_max: when v rose "
          "from 0.1 to " +
          format_number(rose.v, 6) + ", v_max fell from 5 to it, and when v fell from 1 to " +
          format_number(beta2) +
          ", v_max stayed 0.1 below it; the running maximum is v_max ← max(v_max, v), the "
          "largest v so far, whatever the last v was");
    } else if (never_written) {
      findings.push_back(
          "the maximum's line never writes v_max: it stays 0.1 when v = " + format_number(beta2) +
          " exceeds it, and 0 from 0; the running maximum is state, "
          "v_max ← max(v_max, v) stored back for the next step");
    } else if (!agrees(up.v_max, beta2)) {
      std::string why = which_suspect(
          up.v_max,
          {{beta2 / c2,
            "v_max holds a corrected value, max(v_max, v)/(1 − β₂ᵗ) or the maximum of the "
            "corrected v̂, written back into the state; torch keeps the maximum of the raw v, "
            "v_max ← max(v_max, v), and corrects only the value it divides by"},
           {1.0, "the maximum is taken with v from before this step's update: update v first"},
           {std::sqrt(beta2),
            "v_max holds √v, the running maximum of the root: §5.5's v_max is the maximum of "
            "the second moment v itself, and the root is taken once, in the denominator "
            "√v̂ + ε"},
           {0.1, "v_max does not take the larger v"},
           {0.1 + beta2,
            "v_max ← v_max + v, a sum: it never decreases, as the maximum does not, but grows "
            "at every step like Adagrad's S; the running maximum is max(v_max, v)"},
           {0.0, "v_max is the maximum of g², not of v"}});
      findings.push_back(
          "the maximum's line: from v_max = 0.1 and a new v = " + format_number(beta2) +
          ", v_max became " + format_number(up.v_max) +
          ", expected max(v_max, v) = " + format_number(beta2) + (why.empty() ? "" : ": " + why));
    } else if (!agrees(kept.v_max, 5.0)) {
      findings.push_back("the maximum's line: v_max fell from 5 to " + format_number(kept.v_max) +
                         " when v was " + format_number(kept.v) +
                         ": it is the running maximum, v_max ← max(v_max, v), never smaller");
    } else {
      // A rise of v smaller than ε (1e-12 here): from v = v_max = 0 a gradient of 1e-6 gives
      // v = (1 − β₂)·1e-12 = 5e-14, which the maximum must take.
      const After small = step(0.0, 1e-6, 0.0, 0.0, 0.0, params);
      // The maximum is one of its two arguments, bit for bit: an arithmetic form such as
      // (a + b + |a − b|)/2 rounds, and overflows near the largest double.
      std::string inexact;
      for (const auto& [v_max0, v0] : std::vector<std::pair<double, double>>{
               {0.1, 0.3}, {0.7, 0.2}, {1.0 / 3.0, 0.37}, {2.9, 3.1}, {1e308, 1.7e308}}) {
        const After after = step(0.0, 0.0, 0.0, v0, v_max0, params);
        if (!std::isfinite(after.v) || after.v_max == std::max(v_max0, after.v)) continue;
        inexact =
            "from v_max = " + format_number(v_max0, 17) + " and v = " + format_number(after.v, 17) +
            " it gave v_max = " + format_number(after.v_max, 17) + ", not max(v_max, v) exactly";
        break;
      }
      if (!inexact.empty()) {
        findings.push_back(
            "the maximum's line: " + inexact +
            ": the maximum is one of its two arguments, bit for bit; is it computed by "
            "arithmetic, such as (a + b + |a − b|)/2, which rounds (and overflows near the "
            "largest double, 1.8e308)? std::max(v_max, v) is exact");
      } else if (small.v > 0.0 && small.v_max < small.v) {
        findings.push_back(
            "the maximum's line: from v = v_max = 0 and a gradient of 1e-6, v rose to " +
            format_number(small.v) + " and v_max stayed " + format_number(small.v_max) +
            ", below the v it has just seen: a rise smaller than ε = " +
            format_number(params.epsilon) +
            " did not enter the maximum; is ε a tolerance in the comparison? The maximum is "
            "exact, v_max ← max(v_max, v), however small v is; ε's one place is the "
            "denominator √v̂ + ε");
      }
    }
  }
  // The corrections apply at every step, however late: at t = 3000 with β₂ = 0.999, 1 − β₂ᵗ =
  // 0.950 still divides v (it reaches 1 only as t → ∞). A step that drops them after some step
  // moves θ by exactly the uncorrected −η·m/(√v + ε) there.
  bool weights_powered = false;  // corrections 1 − (1 − β)ᵗ, which θ's line below would repeat
  if (params.bias_correction) {
    const double beta2_late = 0.999;
    const long t_late = 3000;
    const double c2_late = 1.0 - std::pow(beta2_late, double(t_late));
    AdamParams late = params;
    late.betas = {beta1, beta2_late};
    late.weight_decay = 0.0;
    // θ's move at step t, and the moves the stored m and v (v_max) give with and without the
    // corrections.
    struct Moves {
      double moved, uncorrected, corrected, weights_powered;
    };
    const auto moves_at = [&](long t) {
      Vector theta{{1.0}};
      AdamState state = start_state<AdamState>(theta, late);
      state.m(0) = 0.3;
      state.v(0) = 0.2;
      if (state.v_max.size() == 1) state.v_max(0) = 0.2;
      state.t = t - 1;
      kernel(theta, Vector{{0.5}}, state, late);
      const double m = detail::entry(state.m);
      const double d = amsgrad ? detail::entry(state.v_max) : detail::entry(state.v);
      auto step_with = [&](double c1, double c2) {
        return -eta / c1 * m / denominator(late, d, c2);
      };
      return Moves{
          detail::entry(theta) - 1.0, step_with(1.0, 1.0),
          step_with(1.0 - std::pow(beta1, double(t)), 1.0 - std::pow(beta2_late, double(t))),
          step_with(1.0 - std::pow(1.0 - beta1, double(t)),
                    1.0 - std::pow(1.0 - beta2_late, double(t)))};
    };
    const Moves at_late = moves_at(t_late), at_five = moves_at(5);
    // The corrections as powers of the weights, 1 − (1 − β)ᵗ: 1 within a few steps, and so
    // indistinguishable from no correction at t = 3000; at t = 2 and 3 they are not.
    weights_powered = true;
    for (const long t : {2L, 3L}) {
      const Moves at = moves_at(t);
      weights_powered = weights_powered && std::isfinite(at.moved) &&
                        agrees(at.moved, at.weights_powered, 1e-9) &&
                        !agrees(at.moved, at.corrected, 1e-6);
    }
    if (weights_powered) {
      findings.push_back(
          "the bias corrections are 1 − (1 − β₁)ᵗ and 1 − (1 − β₂)ᵗ, powers of the weights "
          "1 − β, instead of 1 − β₁ᵗ and 1 − β₂ᵗ (at t = 2 with β₁ = " +
          format_number(beta1) + " that divides m by " +
          format_number(1.0 - std::pow(1.0 - beta1, 2.0)) + " instead of " +
          format_number(1.0 - beta1 * beta1) +
          "): 1 − β is only the weight of the newest term; the correction is the sum of all of "
          "m's weights, (1 − β₁)(1 + β₁ + … + β₁ᵗ⁻¹) = 1 − β₁ᵗ, a power of β₁ itself. "
          "(1 − β)ᵗ vanishes within a few steps, and the step is soon the uncorrected one");
    }
    // Not corrected right at t = 5 either (uncorrected, or one correction missing): never
    // corrected, which the lines say (a flag not read, or read inverted, a v̂ left out), not a
    // correction that stops.
    const bool early_uncorrected =
        std::isfinite(at_five.moved) && !agrees(at_five.moved, at_five.corrected, 1e-6);
    if (std::isfinite(at_late.moved) && agrees(at_late.moved, at_late.uncorrected, 1e-9) &&
        !agrees(at_late.moved, at_late.corrected, 1e-6) && !early_uncorrected && !weights_powered) {
      findings.push_back(
          "at t = 3000 with β₂ = 0.999 the step was taken without the bias corrections, though "
          "bias_correction is on: do they stop after some step (1/(1 − β₂) = 1000, v's "
          "averaging window?)? 1 − β₂ᵗ = " +
          format_number(c2_late) +
          " still divides v there; it reaches 1 only as t → ∞, and both corrections apply at "
          "every step");
    }
  }
  // θ ← θ − η/(1 − β₁ᵗ) · m/(√(v/(1 − β₂ᵗ)) + ε), from the m and v (v_max) the step stored.
  {
    // AMSGrad's twice: with a v_max above the new v (the step must divide by v_max) and below
    // it (by the v_max this step just raised).
    const std::vector<double> previous_maxima =
        amsgrad ? std::vector<double>{0.6, 0.1} : std::vector<double>{0.6};
    for (const double v_max0 : previous_maxima) {
      const double m0 = 0.3, v0 = 0.2;
      const After after = step(1.0, 0.5, m0, v0, v_max0, params);
      const double d = amsgrad ? after.v_max : after.v;
      const double moved = after.x - 1.0;
      const double base = -eta * after.m / std::sqrt(d);
      const double factor = moved / base, expected = std::sqrt(c2) / c1;
      if (std::isfinite(moved) && std::isfinite(base) && !agrees(factor, expected, 1e-6) &&
          !weights_powered) {
        std::vector<Suspect> suspects = detail::bias_correction_suspects(beta1, beta2, t, "v");
        suspects.push_back({c2 / c1 / std::sqrt(d), "θ's step divides by v̂, not by √v̂"});
        // θ moved with the moments from before this step's update, both or one of them.
        const double d0 = amsgrad ? v_max0 : v0;
        auto moved_with = [&](double m, double v) {
          return (-eta / c1 * m / std::sqrt(v / c2)) / base;
        };
        suspects.push_back({moved_with(m0, d0),
                            "θ moved with m and v from before this step's update: update the "
                            "moments first, then θ"});
        suspects.push_back({moved_with(m0, d),
                            "θ moved with the m from before this step's update: update m first, "
                            "then θ"});
        suspects.push_back({moved_with(after.m, d0),
                            amsgrad
                                ? "θ moved with the v_max from before this step's maximum: take "
                                  "the maximum first, then divide"
                                : "θ moved with the v from before this step's update: update v "
                                  "first, then θ"});
        suspects.push_back(
            {expected * (1.0 - beta1),
             "θ moves as the notes' step of an m scaled by 1 − β₁: is the weight 1 − β₁ moved "
             "from m's line into the step (m ← β₁m + g, θ ← θ − η(1 − β₁)m̂/…)? The iterates "
             "agree, but the state then holds m/(1 − β₁), which torch's exp_avg does not: keep "
             "m ← β₁m + (1 − β₁)g"});
        // The corrections added instead of divided: the missing weight βᵗ given to this g.
        const double g_now = 0.5, beta1_t = std::pow(beta1, double(t)),
                     beta2_t = std::pow(beta2, double(t));
        suspects.push_back(
            {(-eta * (after.m + beta1_t * g_now) / std::sqrt(d + beta2_t * g_now * g_now)) / base,
             "the corrections are added, m̂ = m + β₁ᵗg and v̂ = v + β₂ᵗg²: the weight βᵗ the "
             "average lacks is given to this step's g, which is right only while every g is the "
             "same; the bias is a factor, E[m_t] = (1 − β₁ᵗ)E[g], and the correction divides: "
             "m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)"});
        if (amsgrad) {
          suspects.push_back({expected * std::sqrt(d / after.v),
                              "the step divides by √v̂, not by √v̂_max: AMSGrad's denominator is "
                              "the running maximum"});
        }
        std::string why = which_suspect(factor, suspects);
        // v_max corrected only when this step's v set it: right from v_max = 0.1 (below the new
        // v), uncorrected from v_max = 0.6 (above it).
        if (amsgrad && v_max0 > after.v && agrees(factor, 1.0 / c1, 1e-6) && [&] {
              const After raised = step(1.0, 0.5, m0, v0, 0.1, params);
              const double r = (raised.x - 1.0) / (-eta * raised.m / std::sqrt(raised.v_max));
              return agrees(r, expected, 1e-6);
            }()) {
          why =
              "v_max is bias corrected only when this step's v is the maximum: from v_max = 0.1, "
              "which the new v raises, the step is the notes'; from v_max = 0.6, above the new v, "
              "√v_max is not divided by √(1 − β₂ᵗ); the running maximum is corrected at every "
              "step, whichever step's v set it, v̂ = v_max/(1 − β₂ᵗ)";
        }
        // A wrong factor in the step size and one in the denominator can give the same step at
        // tiny ε: an ε as large as √v tells them apart.
        if (why.empty() || agrees(factor, c2 / c1, 1e-6)) {
          const detail::StepFactors f = detail::step_factors(
              [&](double epsilon) {
                AdamParams p = params;
                p.epsilon = epsilon;
                return step(1.0, 0.5, m0, v0, v_max0, p).x - 1.0;
              },
              eta, after.m, d);
          const std::string split = detail::step_factors_sentence(
              f, 1.0 / c1, 1.0 / std::sqrt(c2), amsgrad ? "v_max" : "v", c2, quantities);
          if (f.fits && !split.empty()) why = split;
        }
        findings.push_back(
            "θ's line moved θ by " + format_number(moved) + "; from the m and " +
            std::string(amsgrad ? "v_max" : "v") + " the step stored, " + section +
            "'s θ ← θ − η·m̂/(√v̂ + ε) moves it by " + format_number(expected * base) +
            (why.empty() ? detail::how_far(factor / expected, quantities) : ": " + why));
        break;
      }
    }
  }
  // ε's place in θ's line, with ε as large as √v̂: θ ← θ − η/(1 − β₁ᵗ)·m/(√v̂ + ε). Said first
  // when the line is right at a tiny ε and ε enters it scaled (the lines' single edit cannot say
  // it: no one change of a line gives it).
  if (!params.epsilon_inside_root) {
    AdamParams p = params;
    const double m0 = 0.3, v0 = 0.2;
    p.epsilon = 1e-300;
    const After tiny = step(1.0, 0.5, m0, v0, 0.6, p);
    const double d = amsgrad ? tiny.v_max : tiny.v;
    const bool right_at_tiny = agrees(tiny.x - 1.0, -eta / c1 * tiny.m / std::sqrt(d / c2), 1e-9);
    p.epsilon = std::sqrt(d / c2);
    const After after = step(1.0, 0.5, m0, v0, 0.6, p);
    const double moved = after.x - 1.0;
    const double expected = -eta / c1 * after.m / (std::sqrt(d / c2) + p.epsilon);
    if (right_at_tiny && std::isfinite(moved) && moved != 0.0 && !agrees(moved, expected, 1e-9)) {
      // moved = −η/(1 − β₁ᵗ)·m/(√v̂ + ε'): the ε the line used, as a multiple of ε.
      const double used = (-eta / c1 * after.m / moved - std::sqrt(d / c2)) / p.epsilon;
      const std::string product = as_product(used, quantities);
      if (!product.empty()) {
        findings.insert(
            findings.begin(),
            "θ's line is the notes' at a tiny ε, but with ε = √v̂ it takes ε as ε·" + product +
                ": ε is scaled where it should not be" +
                (product.find("1 − β₂ᵗ") != std::string::npos
                     ? "; moving 1/√(1 − β₂ᵗ) out of the denominator into the step size (Kingma "
                       "and Ba's α_t = η√(1 − β₂ᵗ)/(1 − β₁ᵗ)) turns ε into ε√(1 − β₂ᵗ), "
                       "multiplied, not divided"
                     : "") +
                "; §5.4's line keeps ε beside √v̂");
      }
    }
  }
  // L2: g ← g + λθ before the moments.
  if (m_line_right) {
    AdamParams p = params;
    p.weight_decay = 0.1;
    const double lambda = p.weight_decay;
    const After after = step(2.0, 0.0, 0.0, 1.0, 1.0, p);
    const double added = after.m / (weight_of_g * 2.0);  // what the step added to g, per θ
    if (!agrees(added, lambda, 1e-9)) {
      // λθ added beside m̂ in the step, θ ← θ − η(m̂ + λθ)/(√v̂ + ε): the moments never see it.
      const double beside = 2.0 - eta * (after.m / c1 + lambda * 2.0) /
                                      denominator(p, amsgrad ? after.v_max : after.v, c2);
      const bool in_the_step = agrees(added, 0.0) && agrees(after.x, beside, 1e-9);
      const std::string why =
          in_the_step
              ? "λθ is added beside m̂ in the step, θ ← θ − η(m̂ + λθ)/(√v̂ + ε), not to the "
                "gradient: the moments never see it, so where ∇f = 0 it is divided by a √v̂ that "
                "it never entered (by ε alone from a fresh state); L2 adds λθ to the gradient, "
                "g ← ∇f + λθ, before the moments, and the step divides it like the rest"
              : which_suspect(
                    added,
                    {{-lambda, "the L2 term has the wrong sign: g ← g + λθ pulls θ toward 0"},
                     {0.0,
                      "weight_decay is ignored: L2 adds λθ to the gradient, before the "
                      "moments"},
                     {eta * lambda, "the L2 term is ηλθ: g ← g + λθ, without η"},
                     {lambda * (1.0 - eta * lambda),
                      "λ(1 − ηλ): θ was shrunk by 1 − ηλ before λθ was added, both decays at "
                      "once; with decoupled_weight_decay off only L2's g ← g + λθ applies, and "
                      "the shrink θ ← (1 − ηλ)θ is AdamW's (decoupled_weight_decay = true)"}});
      findings.push_back("the weight decay's line (L2, decoupled_weight_decay off) added " +
                         format_number(added, 4) + "·θ to the gradient, expected λθ = 0.1·θ" +
                         (why.empty() ? "" : ": " + why));
    } else if (const double moved =
                   2.0 - eta / c1 * after.m / denominator(p, amsgrad ? after.v_max : after.v, c2);
               !agrees(after.x, moved, 1e-9) && agrees(after.x, moved - 2.0 * eta * lambda, 1e-9)) {
      // λθ entered the gradient, and θ was also shrunk by 1 − ηλ: both decays.
      findings.push_back(
          "with L2 weight decay (decoupled_weight_decay off) θ was also shrunk by 1 − ηλ: both "
          "decays at once; L2 only adds λθ to the gradient, and the shrink θ ← (1 − ηλ)θ is "
          "AdamW's (decoupled_weight_decay = true)");
    } else if (!v_reads_m && !agrees(after.v, beta2 + (1.0 - beta2) * 0.04, 1e-9)) {
      // g = 0 at θ = 2: the gradient with its decay is λθ = 0.2, and v gains (1 − β₂)·0.04.
      findings.push_back(
          "with L2 weight decay λ = 0.1 at θ = 2 and g = 0, m saw the decayed gradient λθ = 0.2 "
          "but v became " +
          format_number(after.v, 6) +
          ", expected β₂·1 + (1 − β₂)·0.2² = " + format_number(beta2 + (1.0 - beta2) * 0.04, 6) +
          (agrees(after.v, beta2, 1e-12)
               ? ": v saw the raw gradient; g ← g + λθ comes first and feeds both moments"
               : ""));
    }
  }
  // AdamW: θ ← (1 − ηλ)θ, and the gradient left alone.
  if (m_line_right) {
    AdamParams p = params;
    p.weight_decay = 0.1;
    p.decoupled_weight_decay = true;
    const double lambda = p.weight_decay;
    const After after = step(2.0, 0.0, 0.0, 1.0, 1.0, p);
    const double shrink = after.x / 2.0;
    if (!agrees(after.m, 0.0, 1e-12) && std::abs(after.m) > 1e-15) {
      findings.push_back(
          "decoupled weight decay (AdamW) entered the moments (m = " + format_number(after.m) +
          " after a zero gradient)" +
          (from_unset_pattern(after.m)
               ? std::string(": that is (1 − β₁) times the value these tests give a variable "
                             "read before it is set (−5.31401e+303): in AdamW's branch the "
                             "gradient the moments read is left unset; is it assigned only in "
                             "the L2 branch (g ← g + λθ)? Set it to ∇f in both")
               : std::string(": it leaves the gradient alone and shrinks θ ← (1 − ηλ)θ")));
    } else if (std::isnan(shrink)) {
      // NaN from the step itself, which the NaN probe traces; the decay says nothing here.
    } else if (agrees(shrink, 1.0) && [&] {
                 // 1 − ηλ multiplying the update instead of θ: no shrink where the step is 0, and
                 // a step (1 − ηλ) times the notes' where it is not.
                 const After moving = step(2.0, 0.5, 0.3, 0.2, 0.2, p);
                 const double update =
                     -eta / c1 * moving.m / denominator(p, amsgrad ? moving.v_max : moving.v, c2);
                 return agrees(moving.x - 2.0, (1.0 - eta * lambda) * update, 1e-9);
               }()) {
      findings.push_back(
          "decoupled weight decay (AdamW) multiplied the update by 1 − ηλ and left θ unshrunk: "
          "from a zero gradient θ stayed where it was, and elsewhere the step was (1 − ηλ) times "
          "the notes'; AdamW shrinks the weight itself, θ ← (1 − ηλ)θ, before the step, which "
          "pulls every weight towards 0 by ηλθ even where the gradient is 0");
    } else if (agrees(shrink, 1.0) && [&] {
                 // 1 − ηλ multiplying the gradient the moments read instead of θ.
                 const After moving = step(2.0, 0.5, 0.3, 0.2, 0.2, p);
                 const double g = (1.0 - eta * lambda) * 0.5;
                 return agrees(moving.m, beta1 * 0.3 + (1.0 - beta1) * g, 1e-12) &&
                        agrees(moving.v, beta2 * 0.2 + (1.0 - beta2) * g * g, 1e-12);
               }()) {
      findings.push_back(
          "decoupled weight decay (AdamW) multiplied the gradient by 1 − ηλ and left θ "
          "unshrunk: m and v averaged (1 − ηλ)g, and from a zero gradient θ stayed where it "
          "was; AdamW shrinks the weight itself, θ ← (1 − ηλ)θ, before the step and apart from "
          "the moments (scaling g by a constant hardly changes m̂/√v̂, so the decay vanishes)");
    } else if (!agrees(shrink, 1.0 - eta * lambda, 1e-12)) {
      const std::string why = which_suspect(
          shrink,
          {{1.0 + eta * lambda, "AdamW's decay grows θ: θ ← (1 − ηλ)θ"},
           {1.0 - lambda, "AdamW's decay multiplies θ by 1 − λ; torch's is 1 − ηλ"},
           {1.0 - eta / c1 * lambda,
            "the shrink uses the corrected step size η/(1 − β₁ᵗ); AdamW's is "
            "1 − ηλ, with the plain η: the bias correction belongs to m̂ only"},
           {1.0, "decoupled weight decay is not applied: θ ← (1 − ηλ)θ"},
           {1.0 / (1.0 + eta * lambda),
            "θ is divided by 1 + ηλ, the implicit (proximal) form of the decay; "
            "torch's AdamW multiplies by 1 − ηλ, the explicit one"},
           {std::exp(-eta * lambda),
            "θ is multiplied by e^(−ηλ), the exact decay of dθ/dt = −λθ over a time η; torch's "
            "AdamW takes the explicit step 1 − ηλ, which differs from it by (ηλ)²/2"},
           {std::pow(1.0 - eta * lambda, double(t)),
            "(1 − ηλ)ᵗ at step t = 5: the shrink of all t steps applied again at "
            "each one; one step shrinks by 1 − ηλ, and the steps compound it by "
            "themselves"},
           {1.0 - eta / c1 * lambda / (std::sqrt(after.v / c2) + p.epsilon),
            "the decay λθ added to the update and divided by √v̂ + ε with it: kept out of m and "
            "v, but not out of the adaptive step; AdamW's shrink θ ← (1 − ηλ)θ is "
            "apart from the step, the same whatever v is"},
           {1.0 - eta * lambda / (std::sqrt(after.v / c2) + p.epsilon),
            "the decay λθ added to the update and divided by √v̂ + ε with it: kept out of m and "
            "v, but not out of the adaptive step; AdamW's shrink θ ← (1 − ηλ)θ is "
            "apart from the step, the same whatever v is"}},
          1e-9);
      // Not applied at t = 5: is it applied at the first step only?
      std::string first_only;
      if (agrees(shrink, 1.0, 1e-15)) {
        Vector theta{{2.0}};
        AdamState first = start_state<AdamState>(theta, p);
        kernel(theta, Vector{{0.0}}, first, p);
        if (agrees(detail::entry(theta) / 2.0, 1.0 - eta * lambda, 1e-12)) {
          first_only =
              " at step t = 5, though the first step shrank θ by 1 − ηλ: the decay is applied "
              "at the first step only? \"θ ← (1 − ηλ)θ first\" means before this step's "
              "update, at every step: AdamW shrinks θ at each step, and over k steps the "
              "shrinks compound to (1 − ηλ)ᵏ";
        }
      }
      findings.push_back("decoupled weight decay (AdamW) multiplied θ by " +
                         format_number(shrink, 12) +
                         ", expected 1 − ηλ = " + format_number(1.0 - eta * lambda, 12) +
                         first_only + (why.empty() ? "" : ": " + why));
    } else {
      // ηλ = 2: the shrink is 1 − ηλ = −1 whatever its sign, not clamped at 0.
      AdamParams large = p;
      large.weight_decay = 2.0 / eta;
      const double large_shrink = step(2.0, 0.0, 0.0, 1.0, 1.0, large).x / 2.0;
      if (!agrees(large_shrink, -1.0, 1e-12)) {
        findings.push_back(
            "with ηλ = 2, decoupled weight decay (AdamW) multiplied θ by " +
            format_number(large_shrink, 6) + ", expected 1 − ηλ = −1" +
            (large_shrink == 0.0
                 ? ": is the shrink clamped, max(0, 1 − ηλ)? torch's (and §5.4's) θ ← (1 − ηλ)θ "
                   "takes the factor as it is; a negative one says that ηλ > 1 is too large, "
                   "which a clamp hides"
                 : ""));
      }
      // With a step to take: θ ← (1 − ηλ)θ − Δ, the shrink of the old θ, where Δ is the step
      // without decay.
      AdamParams plain = p;
      plain.weight_decay = 0.0;
      AdamParams no_decay = plain;
      no_decay.decoupled_weight_decay = false;
      const After undecayed = step(2.0, 0.5, 0.3, 0.2, 0.6, plain);
      const After decayed = step(2.0, 0.5, 0.3, 0.2, 0.6, p);
      const After l2_free = step(2.0, 0.5, 0.3, 0.2, 0.6, no_decay);
      const double delta = undecayed.x - 2.0;
      const double got = decayed.x;
      const double wanted = (1.0 - eta * lambda) * 2.0 + delta;
      // λ = 0 is no decay under either option: the step with decoupled_weight_decay on and
      // λ = 0 is the step with it off. θ ← (1 − ηλ')θ + Δ gives the λ' used instead.
      const double used = (2.0 + (l2_free.x - 2.0) - undecayed.x) / (2.0 * eta);
      if (std::isfinite(undecayed.x) && std::isfinite(l2_free.x) &&
          !agrees(undecayed.x, l2_free.x, 1e-12) && agrees(undecayed.m, l2_free.m, 1e-12) &&
          agrees(undecayed.v, l2_free.v, 1e-12)) {
        findings.push_back(
            "with decoupled weight decay (AdamW) and weight_decay λ = 0 the step moved θ from 2 "
            "to " +
            format_number(undecayed.x, 10) +
            ", where with the option off (λ = 0 too) it moves to " + format_number(l2_free.x, 10) +
            ": θ was shrunk as if λ = " + format_number(used, 4) +
            ": is λ = 0 replaced by a default (AdamWParams's λ = 1e-2)? λ = 0 is a valid "
            "setting, no decay, in AdamW as in Adam; the step uses the λ it is given");
      } else if (decayed.m == 0.3 && decayed.v == 0.2 && l2_free.m != 0.3) {
        findings.push_back(
            "with decoupled weight decay (AdamW) the step left m = 0.3 and v = 0.2 as they "
            "were, where without it they become " +
            format_number(l2_free.m, 6) + " and " + format_number(l2_free.v, 6) +
            ": are the moments' lines inside the branch of the L2 decay (the else of the "
            "decay's choice)? Whichever the decay, every step updates m ← β₁m + (1 − β₁)g and "
            "v ← β₂v + (1 − β₂)g²; AdamW only keeps λθ out of g");
      } else if (!agrees(decayed.m, l2_free.m, 1e-12) || !agrees(decayed.v, l2_free.v, 1e-12)) {
        // The gradient m's line averaged: m = β₁·0.3 + (1 − β₁)·g_seen.
        const double seen = (decayed.m - beta1 * 0.3) / (1.0 - beta1);
        findings.push_back(
            "with decoupled weight decay (AdamW) and g = 0.5 the moments became m = " +
            format_number(decayed.m, 6) + ", v = " + format_number(decayed.v, 6) +
            ", where without decay (λ = 0) they become " + format_number(l2_free.m, 6) + " and " +
            format_number(l2_free.v, 6) + ": m's line averaged a gradient of " +
            format_number(seen, 6) + ", not g = 0.5" +
            (from_unset_pattern(seen) ? std::string(", the value these tests give a variable read "
                                                    "before it is set (−5.31401e+303)")
                                      : std::string()) +
            ": in AdamW's branch the moments read the gradient itself; is the "
            "gradient the moments read assigned only in the L2 branch (g ← g + λθ), and left "
            "unset (an uninitialised double) or stale in the other?");
      } else if (std::isfinite(delta) && !agrees(got, wanted, 1e-12)) {
        findings.push_back(
            "decoupled weight decay (AdamW) with a step to take moved θ from 2 to " +
            format_number(got, 10) + ", expected (1 − ηλ)·2 + Δ = " + format_number(wanted, 10) +
            (agrees(got, (1.0 - eta * lambda) * (2.0 + delta), 1e-12)
                 ? ": the shrink is applied after the step, to the new θ; AdamW shrinks the old "
                   "θ, θ ← (1 − ηλ)θ, and then takes the step"
                 : ""));
      }
    }
  }
  // Nothing named: which outputs differ from the lines', if any.
  if (findings.empty()) findings = edits::as_findings(adam_edit(kernel, amsgrad, true));
  return findings;
}

/// The lines of AdaBelief's step: m's, s's (the surprise, with the m just updated) and θ's.
inline std::vector<std::string> adabelief_lines(void (*kernel)(Vector&, const Vector&,
                                                               AdaBeliefState&,
                                                               const AdaBeliefParams&)) {
  if (std::string left = unstepped_coordinates(kernel, AdaBeliefParams{}, "AdaBelief's step");
      !left.empty())
    return {left};
  if (std::string theta = theta_in_the_gradient(kernel, AdaBeliefParams{}, "AdaBelief's step");
      !theta.empty())
    return {theta};
  std::vector<std::string> findings = edits::as_findings(adabelief_edit(kernel));
  // Under a constant gradient m → g and the surprise (g − m)² → 0: s, an average of squares plus
  // ε, never goes below 0, however the difference rounds.
  if (findings.empty()) {
    AdaBeliefParams steady;
    steady.betas = {0.9, 0.5};
    Vector theta{{1.0}};
    AdaBeliefState state = start_state<AdaBeliefState>(theta, steady);
    for (int k = 1; k <= 400; ++k) {
      kernel(theta, Vector{{1000.0}}, state, steady);
      const double s = detail::entry(state.s);
      if (!(s >= 0.0)) {
        findings.push_back(
            "under a constant gradient g = 1000 (β₂ = 0.5) s became " + format_number(s) +
            " at step " + std::to_string(k) +
            ": s averages (g − m)² + ε and is never negative; is the square expanded, "
            "g² − 2gm + m², which cancels as m → g and rounds below 0? Square the difference "
            "itself, (g − m)·(g − m)");
        break;
      }
      if (!std::isfinite(detail::entry(theta))) {
        findings.push_back(
            "under a constant gradient g = 1000 (β₂ = 0.5) θ became " +
            format_number(detail::entry(theta)) + " at step " + std::to_string(k) +
            " while s = " + format_number(s) +
            " is not negative: the denominator went to 0, or below 0 under its root; is it built "
            "from a difference that a steady gradient cancels, such as ŝ − m̂², the variance "
            "E[g²] − E[g]²? AdaBelief's s is itself the average of the squared surprise, and "
            "the step divides by √ŝ + ε");
        break;
      }
    }
  }
  AdaBeliefParams params;
  params.learning_rate = 0.01;
  params.betas = {0.8, 0.95};
  params.epsilon = 1e-12;
  const double beta1 = params.betas.first, beta2 = params.betas.second;
  const double eta = params.learning_rate;
  const long t0 = 4, t = t0 + 1;
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  const std::vector<Named> constants = {
      {"β₁", beta1}, {"1 − β₁", 1.0 - beta1},  {"β₂", beta2}, {"1 − β₂", 1.0 - beta2}, {"1", 1.0},
      {"0", 0.0},    {"1/(1 − β₁ᵗ)", 1.0 / c1}};
  // 1 − β₁ before t: with β₁ = 0.8 at t = 5, 1/(1 − β₁) = t, and the correction without its
  // exponent is the likelier slip.
  const std::vector<Named> quantities = {
      {"1 − β₁ᵗ", c1},  {"1 − β₂ᵗ", c2}, {"1 − β₁", 1.0 - beta1}, {"1 − β₂", 1.0 - beta2},
      {"t", double(t)}, {"β₁", beta1},   {"β₂", beta2},           {"η", eta}};
  struct After {
    double x, m, s;
  };
  auto step = [&](double x, double g, double m, double s) {
    Vector theta{{x}};
    AdaBeliefState state = start_state<AdaBeliefState>(theta, params);
    state.m(0) = m;
    state.s(0) = s;
    state.t = t0;
    kernel(theta, Vector{{g}}, state, params);
    return After{detail::entry(theta), detail::entry(state.m), detail::entry(state.s)};
  };
  // Every step divides by √ŝ: scaling g and m by c and s by c² leaves it as it is (ε aside), at
  // t = 2 as at t = 300. A step that scales with c at some t and not at others changes its form
  // with t: a warm-up without the denominator.
  {
    const auto ratio_at = [&](long at) {
      const auto moved = [&](double c) {
        Vector theta{{0.0}};
        AdaBeliefState state = start_state<AdaBeliefState>(theta, params);
        state.m(0) = 0.3 * c;
        state.s(0) = 0.2 * c * c;
        state.t = at - 1;
        kernel(theta, Vector{{0.5 * c}}, state, params);
        return detail::entry(theta);
      };
      return moved(100.0) / moved(1.0);
    };
    std::vector<long> scaling, invariant;
    for (long at : {2L, 4L, 8L, 300L}) {
      const double r = ratio_at(at);
      if (agrees(r, 100.0, 1e-6)) scaling.push_back(at);
      if (agrees(r, 1.0, 1e-6)) invariant.push_back(at);
    }
    if (!scaling.empty() && !invariant.empty()) {
      findings.insert(
          findings.begin(),
          "the step changes its form with t: at step t = " + std::to_string(scaling.front()) +
              " it grows with the gradient (g, m × 100 and s × 10⁴ move θ 100 times as far), "
              "at t = " +
              std::to_string(invariant.back()) +
              " it does not: the early steps leave out the division by √ŝ + ε, as a warm-up "
              "does (RAdam's rectification, an option of AdaBelief's published code); §5.7's "
              "AdaBelief divides by √ŝ + ε at every step, the first one included");
    }
  }
  bool m_line_right = true;  // the ε check below sets m = g, which needs it
  {
    const MeasuredLine line =
        measure_line([&](double m, double g) { return step(0.0, g, m, 1.0).m; });
    std::string why = check_line("the first moment's line", "m", line,
                                 {{beta1, "m"}, {1.0 - beta1, "g"}}, constants, "§5.7");
    m_line_right = why.empty();
    if (!why.empty()) {
      if (agrees(line.a / beta1, 1.0 / c1, 1e-7))
        why += ": is m̂ = m/(1 − β₁ᵗ) written back into m?";
      else if (line.linear && agrees(line.a, beta1, 1e-9) &&
               agrees(line.b, (1.0 - beta1) / c1, 1e-7))
        why += detail::correction_inside("m", "β₁", "g");
      if (line.linear && agrees(line.a, beta1 * beta1, 1e-9) &&
          agrees(line.b, 1.0 - beta1 * beta1, 1e-9)) {
        why += ": β₁² = " + format_number(beta1 * beta1) +
               " on m and 1 − β₁² on g are the average applied twice: is m updated twice in "
               "one step (once for the surprise, once again for the step)? It is updated once, "
               "and that m_t serves both the belief (g − m_t)² and the step";
      }
      findings.push_back(why);
    }
  }
  {
    // m = 0.2: at m = 0.5 the change of the prediction and the innovation taken from m_t,
    // (g − m_{t−1}) − m_t, have the same square for β₁ = 0.9.
    const double m0 = 0.2, s0 = 1.0, g = 1.0;
    const After after = step(0.0, g, m0, s0);
    const auto s_with = [&](double surprise_term) {
      return beta2 * s0 + (1.0 - beta2) * surprise_term + params.epsilon;
    };
    const double surprise = g - after.m;
    // s that kept its old value, where §5.7's s falls: a running maximum if, from a small s, it
    // rises as §5.7's does.
    std::string kept_maximum;
    if (after.s == s0 && s_with(surprise * surprise) < s0) {
      const double small = 0.01;
      const After rising = step(0.0, g, m0, small);
      const double expected_rise =
          beta2 * small + (1.0 - beta2) * (g - rising.m) * (g - rising.m) + params.epsilon;
      if (agrees(rising.s, expected_rise, 1e-9)) {
        kept_maximum =
            "s did not fall: from s = 1 it stayed 1 where §5.7's average gives " +
            format_number(s_with(surprise * surprise), 6) +
            ", while from s = 0.01 it rose as "
            "the average does: s is a running maximum, max(s, β₂s + (1 − β₂)(g − m)² + ε) (the "
            "paper's optional AMSGrad line); §5.7's AdaBelief (torch's default, amsgrad = "
            "False) lets s fall when the gradient becomes predictable, which is what makes its "
            "steps large";
      }
    }
    // A square written as a product with one factor from another line: (g − m)·g, (g − m)·m.
    // At g = 1 from m = 0.2, (g − m)·g = 0.64 is also (g − m_{t−1})²; g = 2 tells them apart.
    std::string half_square;
    if (m_line_right && !agrees(after.s, s_with(surprise * surprise), 1e-9)) {
      const double g2 = 2.0;
      const After other = step(0.0, g2, m0, s0);
      const double surprise2 = g2 - other.m;
      const auto s2_with = [&](double term) {
        return beta2 * s0 + (1.0 - beta2) * term + params.epsilon;
      };
      for (const auto& [factor, factor2, name] :
           {std::tuple{g, g2, "g"}, std::tuple{after.m, other.m, "m"}}) {
        if (agrees(after.s, s_with(surprise * factor), 1e-9) &&
            agrees(other.s, s2_with(surprise2 * factor2), 1e-9)) {
          half_square = "the belief's line gave s = " + format_number(after.s, 6) +
                        " from s = 1, m = 0.2 and g = 1, and " + format_number(other.s, 6) +
                        " with g = 2: it averages (g − m)·" + name +
                        ", not the squared surprise (g − m)²; a square written as a product "
                        "has the same factor twice, (g − m)·(g − m) (Adam's g·g became "
                        "(g − m)·g?)";
          break;
        }
      }
    }
    // The surprise taken from the gradient already scaled for m's line: (1 − β₁)g − m_t =
    // −β₁m_{t−1}, whatever g. At g = 1 from m = 0.2 it can equal the change of the prediction
    // (for β₁ = 0.8); g = 2 tells them apart.
    std::string scaled_gradient;
    if (m_line_right && !agrees(after.s, s_with(surprise * surprise), 1e-9)) {
      const double g2 = 2.0;
      const After other = step(0.0, g2, m0, s0);
      const double scaled = (1.0 - beta1) * g - after.m, scaled2 = (1.0 - beta1) * g2 - other.m;
      if (agrees(after.s, s_with(scaled * scaled), 1e-9) &&
          agrees(other.s, beta2 * s0 + (1.0 - beta2) * scaled2 * scaled2 + params.epsilon, 1e-9)) {
        scaled_gradient =
            "the belief's line gave s = " + format_number(after.s, 6) +
            " from s = 1, m = 0.2 and g = 1, and " + format_number(other.s, 6) +
            " with g = 2: its surprise is (1 − β₁)g − m_t = −β₁m_{t−1}, the same for every g: "
            "the gradient scaled by 1 − β₁ for m's line was read again by the belief; the "
            "surprise is the gradient's own distance from the m just updated, g − m_t: keep g as "
            "it came";
      }
    }
    // The surprise written β₁g, which g − m_t is only from m = 0 (the first step). At g = 1 from
    // m = 0.2 and β₁ = 0.8 it equals g − m_{t−1}; g = 2 tells them apart.
    std::string first_step_surprise;
    if (m_line_right && !agrees(after.s, s_with(surprise * surprise), 1e-9)) {
      const After other = step(0.0, 2.0, m0, s0);
      if (agrees(after.s, s_with(beta1 * beta1 * g * g), 1e-9) &&
          agrees(other.s, beta2 * s0 + (1.0 - beta2) * beta1 * beta1 * 4.0 + params.epsilon,
                 1e-9)) {
        first_step_surprise =
            "the belief's line gave s = " + format_number(after.s, 6) +
            " from s = 1, m = 0.2 and g = 1, and " + format_number(other.s, 6) +
            " with g = 2: its surprise is β₁g, whatever m was: g − m_t = β₁(g − m_{t−1}) is β₁g "
            "only from m = 0, at the first step; the surprise is g's distance from the m just "
            "updated, so that a gradient the prediction matches is no surprise";
      }
    }
    if (!kept_maximum.empty()) {
      findings.push_back(kept_maximum);
    } else if (!first_step_surprise.empty()) {
      findings.push_back(first_step_surprise);
    } else if (!half_square.empty()) {
      findings.push_back(half_square);
    } else if (!scaled_gradient.empty()) {
      findings.push_back(scaled_gradient);
    } else if (m_line_right && after.s == s0 && step(0.0, 2.0, m0, s0).s == s0) {
      // At g = 1 from s = 1 Adam's average of g² is 1 too; at g = 2 it is not.
      findings.push_back(
          "the belief's line left s = 1 as it was, from m = 0.2 and g = 1 and from g = 2 alike; "
          "§5.7's s ← β₂s + (1 − β₂)(g − m)² + ε gives " +
          format_number(s_with(surprise * surprise), 6) +
          ": s is not updated, or updated in a copy (a Vector declared without & beside a "
          "reference, `Vector& m = state.m, s = state.s;` makes only m a reference)");
    } else if (m_line_right && !agrees(after.s, s_with(surprise * surprise), 1e-9)) {
      // Each suspect's s at g = 1 and at g = 2: a suspect is named only when it gives both (at
      // g = 1 from m = 0.2 with β₁ = 0.8, |g − m_t| equals (g − m_{t−1})², for one).
      const auto suspects_at = [&](double g_in, const After& a) {
        return std::vector<Suspect>{
            {s_with((g_in - m0) * (g_in - m0)),
             "the surprise g − m uses the m from before this step: use the m just updated"},
            {s_with(g_in * g_in),
             "s averages g², which is Adam's v: AdaBelief's s averages the "
             "surprise (g − m)²"},
            {s_with(std::abs(g_in - a.m)), "s averages |g − m|, not its square (g − m)²"},
            {s_with(g_in * g_in - a.m * a.m),
             "s averages g² − m², the variance formula E[g²] − m²; the belief is the squared "
             "surprise (g − m)², with the m just updated"},
            {s_with((g_in - a.m / c1) * (g_in - a.m / c1)),
             "the surprise uses the corrected m̂; it is g − m with the raw m just updated"},
            {s_with((g_in - m0 - a.m) * (g_in - m0 - a.m)),
             "the surprise is (g − m_{t−1}) − m_t: g was overwritten by the innovation "
             "g − m_{t−1} to update m (m ← m + (1 − β₁)(g − m)), and the belief then read the "
             "overwritten g; the surprise is the gradient's own distance from the m just "
             "updated, g − m_t: keep g as it came"},
            {s_with((a.m - m0) * (a.m - m0)),
             "the surprise is the change of the prediction, m_t − m_{t−1} = (1 − β₁)(g − "
             "m_{t−1}), not the distance of g from it, g − m_t = β₁(g − m_{t−1}): the belief "
             "measures how far the gradient is from what m predicted"},
            {s_with((g_in - m0) * (g_in - a.m)),
             "the surprise is squared as (g − m_{t−1})(g − m_t) = β₁(g − m_{t−1})², the product "
             "of the gradient's distances from m before and after this step's update (an "
             "online-variance update, Welford's), or β₁(g − m_{t−1})² written from the identity "
             "g − m_t = β₁(g − m_{t−1}) with the square left off β₁; AdaBelief's belief is "
             "(g − m_t)² = β₁²(g − m_{t−1})²: the square covers the factor β₁ too"},
            {s_with(beta1 * beta1 * (g_in - a.m) * (g_in - a.m)),
             "the surprise is β₁(g − m_t) = β₁²(g − m_{t−1}): the identity g − m_t = "
             "β₁(g − m_{t−1}), which turns the error against the old m into the error against "
             "the new one, applied to the m just updated, so that β₁ enters twice; with m_t in "
             "hand, g − m_t is already the surprise"},
            {s_with((g_in - s0) * (g_in - s0)),
             "the surprise is g − s, the gradient minus the belief: g's prediction is the "
             "first moment m, and s is the average of the squared surprise, in g²'s units; the "
             "surprise is g − m_t, with the m just updated"},
            {s0, "s is not updated"}};
      };
      const After at_two = step(0.0, 2.0, m0, s0);
      const std::vector<Suspect> at_one = suspects_at(g, after), at_g2 = suspects_at(2.0, at_two);
      std::string why;
      for (std::size_t k = 0; k < at_one.size() && why.empty(); ++k) {
        if (agrees(after.s, at_one[k].value, 1e-9) && agrees(at_two.s, at_g2[k].value, 1e-9))
          why = at_one[k].sentence;
      }
      // No suspect: the line's weights, measured. From m = 0 the m just updated is (1 − β₁)g,
      // so the surprise is β₁g and g = √w/β₁ gives (g − m)² = w.
      std::string weights;
      if (why.empty()) {
        const MeasuredLine line = measure_line([&](double s_in, double w) {
          return step(0.0, std::sqrt(w) / beta1, 0.0, s_in).s - params.epsilon;
        });
        weights = check_line("the belief's line", "s", line,
                             {{beta2, "s"}, {1.0 - beta2, "(g − m)²"}}, constants, "§5.7");
      }
      findings.push_back("the belief's line gave s = " + format_number(after.s, 6) +
                         " from s = 1, m = 0.2 and g = 1; §5.7's s ← β₂s + (1 − β₂)(g − m)² + ε "
                         "gives " +
                         format_number(s_with(surprise * surprise), 6) +
                         (!why.empty()      ? ": " + why
                          : weights.empty() ? ""
                                            : ": " + weights));
    } else if (m_line_right) {
      // ε is added to s at every step, outside the (1 − β₂) weight: with no surprise (m = g)
      // and a large ε the belief's line adds ε itself.
      AdaBeliefParams p = params;
      p.epsilon = 0.1;
      const auto s_after = [&](double s_start) {
        Vector theta{{0.0}};
        AdaBeliefState state = start_state<AdaBeliefState>(theta, p);
        state.m(0) = 1.0;
        state.s(0) = s_start;
        state.t = t0;
        kernel(theta, Vector{{1.0}}, state, p);
        return detail::entry(state.s);
      };
      const double added = s_after(s0) - beta2 * s0;
      // From s = 0 a floor max(·, ε) gives ε, as the right line does; from a larger s, nothing.
      if (added == 0.0 && agrees(s_after(0.0), p.epsilon, 1e-12)) {
        findings.push_back(
            "with ε = 0.1 and no surprise (m = g = 1) the belief's line left s at β₂s where β₂s "
            "= " +
            format_number(beta2 * s0, 6) +
            " is above ε, and made it ε from s = 0: ε is a floor, s ← max(β₂s + (1 − β₂)(g − "
            "m)², ε), not a term; AdaBelief adds ε to s at every step, s ← β₂s + (1 − β₂)(g − "
            "m)² + ε, so that it accumulates in s as the steps go on");
      } else if (!agrees(added, p.epsilon, 1e-9)) {
        // No ε at t = 5, but some at the first step (from a fresh state, g = 0): ε a start value.
        Vector zero{{0.0}};
        AdaBeliefState fresh = start_state<AdaBeliefState>(zero, p);
        kernel(zero, Vector{{0.0}}, fresh, p);
        const double first = detail::entry(fresh.s);
        const std::string without =
            first > 0.0 && std::isfinite(first)
                ? "ε enters at the first step only (from a fresh state with g = 0, s₁ = " +
                      format_number(first, 6) +
                      ", and none later): is s started from ε, or ε added when t = 1? Algorithm "
                      "2 adds ε at every step, s ← β₂s + (1 − β₂)(g − m)² + ε, inside the "
                      "recursion, so that it builds up to ε/(1 − β₂); a one-off ε decays by β₂ "
                      "at every step"
                : "ε missing from the stored s: is it added in the denominator only (as if "
                  "torch's in-place exp_avg_var.add_(eps) returned a copy)? AdaBelief adds ε "
                  "to s at every step and the state keeps it, s ← β₂s + (1 − β₂)(g − m)² + ε, "
                  "so that it builds up to ε/(1 − β₂)";
        const std::string why = which_suspect(
            added, {{(1.0 - beta2) * p.epsilon,
                     "ε is inside the (1 − β₂) weight, so s gains (1 − β₂)ε: add ε after the "
                     "(1 − β₂)(g − m)² term, s ← β₂s + (1 − β₂)(g − m)² + ε"},
                    {(1.0 - beta2) * p.epsilon * p.epsilon,
                     "s gains (1 − β₂)ε², as if ε were inside the squared surprise, (g − m + "
                     "ε)²: ε is added to s itself at every step, s ← β₂s + (1 − β₂)(g − m)² + ε"},
                    {0.0, without},
                    {beta2 * p.epsilon,
                     "s gains β₂ε: ε is added before the average, s ← β₂(s + ε) + (1 − β₂)(g − "
                     "m)², so each step's ε enters shrunk by β₂; Algorithm 2 adds it after, "
                     "s ← β₂s + (1 − β₂)(g − m)² + ε, each ε whole, and only the older ones "
                     "decay: the order of the two lines is part of the formula"},
                    {p.epsilon / (1.0 - beta2),
                     "s gains ε/(1 − β₂): §5.7's ε/(1 − β₂) is what the bias correction makes "
                     "of the ε added at the first step, ŝ₁ = s₁/(1 − β₂); the line adds ε "
                     "itself, and the correction then divides the whole of s"}});
        findings.push_back("with ε = 0.1 and no surprise (m = g = 1) the belief's line added " +
                           format_number(added, 6) + " to β₂s, expected ε = 0.1" +
                           (why.empty() ? "" : ": " + why));
      }
    }
  }
  {
    const double m0 = 0.3, s0 = 0.2, g = 0.5;
    const After after = step(1.0, g, m0, s0);
    const double moved = after.x - 1.0;
    const double base = -eta * after.m / std::sqrt(after.s);
    const double factor = moved / base, expected = std::sqrt(c2) / c1;
    if (std::isfinite(moved) && std::isfinite(base) && !agrees(factor, expected, 1e-6)) {
      std::vector<Suspect> suspects = detail::bias_correction_suspects(beta1, beta2, t, "s");
      suspects.push_back({c2 / c1 / std::sqrt(after.s), "θ's step divides by ŝ, not by √ŝ"});
      // θ moved along the surprise g − m_t instead of m̂.
      suspects.push_back({expected * (g - after.m) / after.m,
                          "θ moves along the surprise g − m over √ŝ: AdaBelief keeps Adam's "
                          "direction, θ ← θ − η·m̂/(√ŝ + ε) with m̂ = m/(1 − β₁ᵗ), the "
                          "prediction; the surprise g − m only feeds the belief s"});
      // The squared prediction added back: √(ŝ + m̂²), the root of a second moment.
      if (const double m_hat = after.m / c1; after.s > 0.0) {
        suspects.push_back(
            {std::sqrt(after.s) / c1 / std::sqrt(after.s / c2 + m_hat * m_hat),
             "θ's step divides by √(ŝ + m̂²), the belief with the squared prediction added "
             "back (E[g²] = Var + mean²), which is Adam's normalisation by a second moment "
             "again: AdaBelief divides by √ŝ + ε, the spread of g around its prediction, so "
             "that a gradient m predicts well gets a large step"});
      }
      if (const double m_hat = after.m / c1, variance = after.s / c2 - m_hat * m_hat;
          variance > 0.0) {
        suspects.push_back(
            {std::sqrt(after.s) / c1 / std::sqrt(variance),
             "θ's step divides by √(ŝ − m̂²), the variance formula E[g²] − E[g]² built from two "
             "averages: AdaBelief's s is already the belief, the average of the squared surprise "
             "(g − m)², and the step divides by √ŝ + ε; ŝ − m̂² is another quantity, not even "
             "sure to be positive, and under a gradient that m predicts it leaves only ε"});
      }
      const std::string why = which_suspect(factor, suspects);
      findings.push_back(
          "θ's line moved θ by " + format_number(moved) +
          "; from the m and s the step stored, §5.7's θ ← θ − η·m̂/(√ŝ + ε) "
          "moves it by " +
          format_number(expected * base) +
          (why.empty() ? detail::how_far(factor / expected, quantities) : ": " + why));
    }
  }
  // Nothing named: which outputs differ from the lines', if any.
  if (findings.empty()) findings = edits::as_findings(adabelief_edit(kernel, true));
  return findings;
}

namespace detail {

// Adagrad is a diagonal preconditioner (§5.2): multiplying only coordinate 2's gradient by 10
// leaves coordinate 0's θ and S as they were. The sentence when it does not, naming the one
// denominator every coordinate was divided by when there is one; "" otherwise.
inline std::string adagrad_coupling(void (*kernel)(Vector&, const Vector&, AdagradState&,
                                                   const AdagradParams&)) {
  AdagradParams params;
  params.learning_rate = 0.01;
  params.epsilon = 1e-12;
  const Vector start{{1.0, -2.0, 3.0}}, g{{0.3, -2.0, 5.0}};
  const auto three = [&](const Vector& gradient) {
    Vector theta = start;
    AdagradState state = start_state<AdagradState>(theta, params);
    state.sum_of_squares = Vector{{0.5, 0.4, 0.6}};
    state.t = 4;
    kernel(theta, gradient, state, params);
    return std::pair{theta, state.sum_of_squares};
  };
  const auto [theta, sums] = three(g);
  const auto [theta_scaled, sums_scaled] = three(Vector{{0.3, -2.0, 50.0}});
  if (theta.size() != 3 || sums.size() != 3 || theta_scaled.size() != 3 ||
      sums_scaled.size() != 3 || !theta.allFinite() || !theta_scaled.allFinite() ||
      !sums.allFinite() || !sums_scaled.allFinite())
    return "";
  std::string changed;
  if (!agrees(theta(0), theta_scaled(0), 1e-12)) {
    changed = "θ, from " + format_number(theta(0), 6) + " to " + format_number(theta_scaled(0), 6);
  } else if (!agrees(sums(0), sums_scaled(0), 1e-12)) {
    changed = "S, from " + format_number(sums(0), 6) + " to " + format_number(sums_scaled(0), 6);
  }
  if (changed.empty()) return "";
  std::string why = "multiplying only coordinate 2's gradient by 10 changed coordinate 0's " +
                    changed +
                    ": Adagrad is a diagonal preconditioner (§5.2), each coordinate's S_i the sum "
                    "of its own squared gradients and its step divided by its own √S_i + ε";
  // The denominator each coordinate's step was divided by: η·g_i over the distance it moved.
  const Vector denominators = (params.learning_rate * g.array() / (start - theta).array()).matrix();
  const bool one_number =
      denominators.allFinite() && denominators.maxCoeff() - denominators.minCoeff() <=
                                      1e-9 * denominators.cwiseAbs().maxCoeff();
  if (!one_number) {
    return why +
           "; is a reduction over the coordinates (a norm, a sum, a maximum) used where "
           "the coordinate's own value belongs?";
  }
  const double d = denominators(0);
  const std::string reduction =
      agrees(d, sums.norm(), 1e-9) ? "‖S‖, the norm of the whole vector S (S.norm())"
      : agrees(d, std::sqrt(sums.sum()), 1e-9) ? "√(Σ_i S_i), the root of S summed over the "
                                                 "coordinates (std::sqrt(S.sum()))"
      : agrees(d, sums.cwiseSqrt().sum(), 1e-9) ? "Σ_i √S_i, the roots summed over the coordinates"
      : agrees(d, std::sqrt(sums.maxCoeff()), 1e-9) ? "√(max_i S_i), the largest coordinate's root"
                                                    : "";
  return why + "; every coordinate was divided by the same number, " + format_number(d, 6) +
         (reduction.empty() ? "" : " = " + reduction) +
         ": a reduction over the coordinates where §5.2 has each coordinate's own √S_i "
         "(S.cwiseSqrt(), or S.array().sqrt())";
}

}  // namespace detail

/// The lines of Adagrad's step: S's (with the weight decay in g) and θ's (with the lr decay).
inline std::vector<std::string> adagrad_lines(void (*kernel)(Vector&, const Vector&, AdagradState&,
                                                             const AdagradParams&)) {
  if (std::string left = unstepped_coordinates(kernel, AdagradParams{}, "Adagrad's step");
      !left.empty())
    return {left};
  if (std::string theta = theta_in_the_gradient(kernel, AdagradParams{}, "Adagrad's step");
      !theta.empty())
    return {theta};
  if (std::string coupled = detail::adagrad_coupling(kernel); !coupled.empty()) return {coupled};
  std::vector<std::string> findings = edits::as_findings(adagrad_edit(kernel));
  AdagradParams params;
  params.learning_rate = 0.01;
  params.lr_decay = 0.1;
  params.epsilon = 1e-12;
  const double eta = params.learning_rate;
  const long t0 = 4, t = t0 + 1;
  const std::vector<Named> constants = {{"1", 1.0}, {"0", 0.0}, {"2", 2.0}, {"½", 0.5}};
  const std::vector<Named> quantities = {
      {"t", double(t)},
      {"1 + (t − 1)·lr_decay", 1.0 + double(t - 1) * params.lr_decay},
      {"η", eta}};
  struct After {
    double x, s;
  };
  auto step = [&](double x, double g, double s, const AdagradParams& p) {
    Vector theta{{x}};
    AdagradState state = start_state<AdagradState>(theta, p);
    state.sum_of_squares(0) = s;
    state.t = t0;
    kernel(theta, Vector{{g}}, state, p);
    return After{detail::entry(theta), detail::entry(state.sum_of_squares)};
  };
  // With lr_decay = 0 the learning rate is η at every step: from the same θ, g and S, the step
  // at t = 5 is the step at t = 1.
  {
    AdagradParams plain = params;
    plain.lr_decay = 0.0;
    const auto moved_at = [&](long at, const AdagradParams& p) {
      Vector theta{{1.0}};
      AdagradState state = start_state<AdagradState>(theta, p);
      state.sum_of_squares(0) = 0.7;
      state.t = at - 1;
      kernel(theta, Vector{{0.5}}, state, p);
      return detail::entry(theta) - 1.0;
    };
    const double first = moved_at(1, plain), fifth = moved_at(5, plain), ratio = fifth / first;
    // The first step reading the S it is given, as every other step does: from S = 0.7 and from
    // S = 40 it moves θ differently (by −η·g/√(S + g²)).
    {
      const auto moved_from = [&](long at, double sum) {
        Vector theta{{1.0}};
        AdagradState state = start_state<AdagradState>(theta, plain);
        state.sum_of_squares(0) = sum;
        state.t = at - 1;
        kernel(theta, Vector{{0.5}}, state, plain);
        return detail::entry(theta) - 1.0;
      };
      const double first_small = moved_from(1, 0.7), first_large = moved_from(1, 40.0);
      const double fifth_small = moved_from(5, 0.7), fifth_large = moved_from(5, 40.0);
      if (std::isfinite(first_small) && first_small == first_large &&
          !agrees(fifth_small, fifth_large, 1e-9)) {
        return {"at t = 1 the step moved θ by " + format_number(first_small) +
                " from S = 0.7 and from S = 40 alike, while at t = 5 the two differ: the first "
                "step does not read the S it is given; is S set at t = 1 (to "
                "initial_accumulator_value, or to g²)? S₀ is the state's, set by reset(), and "
                "every step, the first too, adds g² to the S it is given: S_t = S_{t−1} + g²"};
      }
    }
    // No decay read as a decay factor 0: θ stays put with lr_decay = 0 and moves with 0.1.
    if (const double decayed = first == 0.0 && fifth == 0.0 ? moved_at(5, params) : 0.0;
        std::isfinite(decayed) && decayed != 0.0) {
      // learning_rate and lr_decay exchanged: η_t = lr_decay/(1 + (t − 1)·η), 0 without decay.
      const double swapped = -params.lr_decay / (1.0 + 4.0 * eta) * 0.5 / std::sqrt(0.7 + 0.25);
      if (agrees(decayed, swapped, 1e-6)) {
        return {
            "with lr_decay = 0 θ did not move at all (at t = 1 and at t = 5, from S = 0.7 and "
            "g = 0.5), and with lr_decay = 0.1 and η = 0.01 it moved by " +
            format_number(decayed) +
            " = −lr_decay/(1 + (t − 1)·η)·g/√S: learning_rate and "
            "lr_decay are exchanged; torch's η_t = η/(1 + (t − 1)·lr_decay) has the learning "
            "rate on top and the decay in the denominator"};
      }
      return {
          "with lr_decay = 0 θ did not move at all (at t = 1 and at t = 5, from S = 0.7 and "
          "g = 0.5), while with lr_decay = 0.1 it moved by " +
          format_number(decayed) +
          ": is lr_decay = 0 taken as a factor 0 on the learning rate? lr_decay = 0 is no "
          "decay: torch's η_t = η/(1 + (t − 1)·lr_decay) is η at every step"};
    }
    // The sum the step stored at t = 1 and t = 5: a sum's line that reads t (S = τ + t·g²)
    // changes the step with t by itself, and is said by the sum's line below.
    const auto stored_at = [&](long at) {
      Vector theta{{1.0}};
      AdagradState state = start_state<AdagradState>(theta, plain);
      state.sum_of_squares(0) = 0.7;
      state.t = at - 1;
      kernel(theta, Vector{{0.5}}, state, plain);
      return detail::entry(state.sum_of_squares);
    };
    if (std::isfinite(ratio) && first != 0.0 && !agrees(ratio, 1.0, 1e-9) &&
        agrees(stored_at(1), stored_at(5), 1e-12)) {
      std::string why = "with lr_decay = 0 the step at t = 5 moved θ " +
                        format_number(std::abs(ratio), 4) +
                        " times as far as the step at t = 1 from the same θ, g and S";
      if (agrees(ratio, std::sqrt(5.0), 1e-6)) {
        why +=
            ", √5 = √(5/1), as dividing by √(S/t) gives: is θ's denominator the root mean square "
            "√(S_t/t) of the gradients? §5.2 uses √(S_t/t) to say what Adagrad measures (near "
            "the optimum, √diag H), but the step divides by √S_t itself, whose growth with t is "
            "Adagrad's decay";
        findings.insert(findings.begin(), why);
        return findings;
      }
      why +=
          ": the learning rate changes with t by itself, and η_t = η/(1 + (t − 1)·δ) is η at "
          "every t when δ = 0";
      if (agrees(ratio, 2.0 / 6.0, 1e-9)) {
        why +=
            ": the ratio is (1 + 1)/(1 + 5), as η/(1 + t − 1·δ) gives; are the parentheses "
            "around t − 1 missing? (t − 1)·δ, not t − 1·δ";
      } else if (ratio == 0.0) {
        why +=
            ": with δ = 0 every step after the first is 0, as η·δ^(t − 1) gives: is lr_decay a "
            "factor per step? torch's decay divides, η/(1 + (t − 1)·δ), and δ = 0 is no decay";
      }
      // Said first: the lines' single edit, measured at one t, cannot see a change with t.
      findings.insert(findings.begin(), why);
    }
  }
  bool decay_on_the_gradient = false;  // the lr decay found in S: the weight decay's S says no more
  {
    const MeasuredLine line =
        measure_line([&](double s, double g2) { return step(0.0, std::sqrt(g2), s, params).s; });
    std::string why =
        check_line("the sum's line", "S", line, {{1.0, "S"}, {1.0, "g²"}}, constants, "§5.2");
    if (!why.empty()) {
      if (!line.linear && agrees(step(0.0, 0.6, 0.8, params).s, 1.0, 1e-9)) {
        why +=
            ": from S = 0.8 and g = 0.6 it gave 1 = √(0.8² + 0.6²): S is kept as the root of "
            "the sum, √(S² + g²) (std::hypot?); §5.2's S is the sum of squares itself, "
            "S ← S + g², and θ's line takes its root";
      } else if (!line.linear && agrees(step(0.0, 0.6, 0.8, params).s,
                                        std::sqrt(0.8 + 0.36) + params.epsilon, 1e-9)) {
        why += ": from S = 0.8 and g = 0.6 it left S = √(S + g²) + ε = " +
               format_number(std::sqrt(0.8 + 0.36) + params.epsilon, 6) +
               ", the denominator: is the root written back into S (an in-place square root, as "
               "torch's sqrt_() would do to S itself)? S keeps the sum of squares; θ's line takes "
               "√S + ε as a value of its own";
      } else if (!line.linear && !multiplies(line)) {
        why += " (does S accumulate g or |g| instead of g²?)";
      }
      if (line.linear && agrees(line.a, 0.0))
        why += ": S forgets the past; does S accumulate the squared gradients (S ← S + g²)?";
      if (line.linear && params.lr_decay > 0.0 && agrees(line.a, 1.0 - params.lr_decay) &&
          agrees(line.b, 1.0))
        why += ": S's weight 1 − δ = " + format_number(1.0 - params.lr_decay) +
               ", with lr_decay δ = " + format_number(params.lr_decay) +
               ": is lr_decay read as a forgetting factor of S, as RMSProp's α is? S is "
               "the plain sum, S ← S + g², and lr_decay decays the learning rate, "
               "η_t = η/(1 + (t − 1)·lr_decay)";
      // The lr decay 1/(1 + (t − 1)·δ) carried into S: put on g, it enters S squared.
      const double decay = 1.0 / (1.0 + double(t - 1) * params.lr_decay);
      decay_on_the_gradient = line.linear && agrees(line.a, 1.0) &&
                              (agrees(line.b, decay * decay) || agrees(line.b, decay));
      if (decay_on_the_gradient) {
        why += ": the weight of g² is " +
               std::string(agrees(line.b, decay) ? "" : "the square of ") +
               "1/(1 + (t − 1)·lr_decay) = " + format_number(decay, 4) +
               " at t = 5: is the lr decay applied to the gradient? It divides η alone, "
               "η_t = η/(1 + (t − 1)·lr_decay); S sums the squares of the gradient itself";
      }
      findings.push_back(why);
    } else {
      AdagradParams p = params;
      p.epsilon = 0.1;
      const std::string entered =
          detail::epsilon_entered("sum's line", "S", step(0.0, 0.0, 0.2, p).s, 0.2, "", "√S + ε");
      if (!entered.empty()) findings.push_back(entered);
    }
  }
  {
    AdagradParams p = params;
    p.weight_decay = 0.1;
    const double s = step(2.0, 1.0, 0.0, p).s, expected = 1.2 * 1.2;
    // With g = 0 the L2 term is the whole gradient: S gains (λθ)² and θ steps; a decoupled
    // decay leaves S alone and shrinks θ itself.
    const After resting = step(2.0, 0.0, 0.2, p);
    const double decayed_rate = eta / (1.0 + double(t - 1) * params.lr_decay);
    if (decay_on_the_gradient) {
      // Said by the sum's line: S gained (g + λθ)² times the decay's weight.
    } else if (!agrees(s, expected, 1e-9) && agrees(resting.s, 0.2, 1e-12) &&
               agrees(resting.x, 2.0 * (1.0 - decayed_rate * p.weight_decay), 1e-9)) {
      findings.push_back(
          "with weight decay λ = 0.1 at θ = 2 and g = 0, S stayed 0.2 and θ became " +
          format_number(resting.x, 8) +
          " = (1 − η_tλ)θ: that is decoupled decay, AdamW's; Adagrad's weight decay is L2, "
          "g ← g + λθ, which enters both S and the step");
    } else if (const std::string precision = float_precision(s, expected);
               !agrees(s, expected, 1e-9) && !precision.empty()) {
      findings.push_back("with weight decay λ = 0.1 at θ = 2 and g = 1 the sum's line added " +
                         format_number(s, 10) + " to S, expected (g + λθ)² = 1.44: " + precision);
    } else if (!agrees(s, expected, 1e-9)) {
      const std::string why = which_suspect(
          s, {{1.0,
               "S accumulates the gradient without its weight decay: g ← g + λθ comes "
               "first, and enters both S and the step"},
              {0.8 * 0.8, "the weight decay has the wrong sign: g ← g + λθ"},
              {1.0 + 0.2 * 0.2,
               "S gained ∇f² + (λθ)², the two squares apart: (∇f + λθ)² also has the cross "
               "term 2λθ∇f; S accumulates the square of the gradient the step uses, "
               "g = ∇f + λθ"}});
      findings.push_back("with weight decay λ = 0.1 at θ = 2 and g = 1 the sum's line added " +
                         format_number(s) + " to S, expected (g + λθ)² = 1.44" +
                         (why.empty() ? "" : ": " + why));
    } else {
      // With g = 0, S gains the square of what the decay added.
      const std::string shape =
          detail::decay_shape("with weight decay λ = 0.1 at θ = 3 and g = 0",
                              std::sqrt(step(3.0, 0.0, 0.0, p).s), p.weight_decay);
      if (!shape.empty()) findings.push_back(shape);
      // S is right: the step divides the same g = ∇f + λθ by √S + ε.
      const After after = step(2.0, 1.0, 0.0, p);
      const double root = std::sqrt(after.s) + p.epsilon;
      const double moved = after.x - 2.0, expected = -decayed_rate * 1.2 / root;
      if (shape.empty() && std::isfinite(moved) && !agrees(moved, expected, 1e-9)) {
        const std::string why = which_suspect(
            moved, {{-decayed_rate * (1.0 / root + 0.2),
                     "the weight decay λθ is added after the division, outside the "
                     "preconditioner: it is part of the gradient, g = ∇f + λθ, which √S + ε "
                     "divides: θ ← θ − η_t·(∇f + λθ)/(√S + ε)"},
                    {-decayed_rate / root,
                     "the step divides ∇f alone, without its weight decay, while S accumulates "
                     "g = ∇f + λθ: the same g enters both"}});
        if (!why.empty()) {
          findings.push_back(
              "with weight decay λ = 0.1 at θ = 2 and g = 1, S gained (g + λθ)² = "
              "1.44 as it should, and θ moved by " +
              format_number(moved) +
              ", expected −η_t·(g + λθ)/(√S + ε) = " + format_number(expected) + ": " + why);
        }
      }
    }
  }
  // The decay is one number per step: three coordinates with the same θ, g and S move alike.
  {
    Vector theta = Vector::Constant(3, 1.0);
    AdagradState state = start_state<AdagradState>(theta, params);
    state.sum_of_squares.setConstant(0.2);
    state.t = t0;
    kernel(theta, Vector::Constant(3, 0.5), state, params);
    const Vector moved = theta - Vector::Constant(3, 1.0);
    if (moved.allFinite() && moved(0) != 0.0 &&
        (!agrees(moved(1), moved(0), 1e-12) || !agrees(moved(2), moved(0), 1e-12))) {
      std::string why = "three coordinates with the same θ = 1, g = 0.5 and S = 0.2 moved by " +
                        format_vector(moved, 6) + " at step t = " + std::to_string(t) +
                        ": the same values give the same step in every coordinate";
      bool by_index = true;
      for (Index i = 1; i < 3; ++i) {
        by_index = by_index &&
                   agrees(moved(i) / moved(0), 1.0 / (1.0 + double(i) * params.lr_decay), 1e-9);
      }
      why += by_index ? "; coordinate i moved as if decayed by 1/(1 + i·lr_decay): the decay is "
                        "counted with the coordinate's index i, not the step number; η_t = "
                        "η/(1 + (t − 1)·lr_decay) is one number per step, the same for every "
                        "coordinate"
                      : "; is something counted or accumulated across the loop over the "
                        "coordinates?";
      findings.push_back(why);
      return findings;
    }
  }
  {
    const double s0 = 0.2, g = 0.5;
    const After after = step(1.0, g, s0, params);
    const double moved = after.x - 1.0;
    const double base = -eta * g / std::sqrt(after.s);
    const double decay = [&](long k) { return 1.0 / (1.0 + double(k - 1) * params.lr_decay); }(t);
    const double factor = moved / base;
    if (std::isfinite(moved) && std::isfinite(base) && !agrees(factor, decay, 1e-6)) {
      // Ignored here, without weight decay: is it applied with some?
      AdagradParams decaying = params;
      decaying.weight_decay = 0.1;
      const After with_decay = step(1.0, g, s0, decaying);
      const double wanted_with_decay =
          -eta * decay * (g + 0.1) / (std::sqrt(with_decay.s) + params.epsilon);
      const std::string ignored =
          agrees(with_decay.x - 1.0, wanted_with_decay, 1e-9)
              ? "lr_decay is applied only when weight_decay > 0 (with λ = 0.1 the same step is "
                "decayed right): the two are independent settings; η_t = η/(1 + (t − 1)·"
                "lr_decay) at every step, whatever λ, and λ only adds λθ to the gradient"
              : "lr_decay is ignored: η_t = η/(1 + (t − 1)·lr_decay)";
      const std::string why = which_suspect(
          factor, {{-decay, "θ moved along the gradient, uphill: θ ← θ − η_t·g/(√S + ε)"},
                   {1.0 / (1.0 + double(t) * params.lr_decay),
                    "the lr decay is counted from t, not t − 1: torch's first step is not decayed"},
                   {1.0, ignored},
                   {std::pow(1.0 - params.lr_decay, double(t - 1)),
                    "the lr decay is exponential, η(1 − lr_decay)^(t−1); torch's is inverse in "
                    "t, η_t = η/(1 + (t − 1)·lr_decay)"},
                   {1.0 / (1.0 + double(t - 2) * params.lr_decay),
                    "the lr decay uses t − 2 at step t: count the step (t ← t + 1) before using t"},
                   {decay * std::sqrt(after.s / s0),
                    "θ's step divides by the sum from before this step's g² was added"},
                   {decay / std::sqrt(after.s), "θ's step divides by S, not by √S"}});
      findings.push_back("θ's line moved θ by " + format_number(moved) +
                         "; from the S the step stored, §5.2's θ ← θ − η_t·g/(√S + ε) moves it "
                         "by " +
                         format_number(decay * base) +
                         (why.empty() ? detail::how_far(factor / decay, quantities) : ": " + why));
    }
  }
  // ε's place in θ's line, with ε as large as √S: θ ← θ − η_t·g/(√S + ε). Said first when the
  // line is right at a tiny ε and ε enters it scaled (the decay put beside √S alone:
  // η·g/((1 + (t − 1)δ)√S + ε)); no one change of a line gives it.
  {
    const double s0 = 0.2, g = 0.5;
    const double decay = 1.0 / (1.0 + double(t - 1) * params.lr_decay);
    AdagradParams p = params;
    p.epsilon = 1e-300;
    const After tiny = step(1.0, g, s0, p);
    const bool right_at_tiny = agrees(tiny.x - 1.0, -eta * decay * g / std::sqrt(tiny.s), 1e-9);
    p.epsilon = std::sqrt(tiny.s);
    const After after = step(1.0, g, s0, p);
    const double moved = after.x - 1.0;
    const double expected = -eta * decay * g / (std::sqrt(after.s) + p.epsilon);
    if (right_at_tiny && std::isfinite(moved) && moved != 0.0 && !agrees(moved, expected, 1e-9)) {
      // moved = −η_t·g/(√S + ε'): the ε the line used, as a multiple of ε.
      const double used = (-eta * decay * g / moved - std::sqrt(after.s)) / p.epsilon;
      const std::string product = as_product(used, quantities);
      if (!product.empty()) {
        findings.insert(findings.begin(),
                        "θ's line is the notes' at a tiny ε, but with ε = √S it takes ε as ε·" +
                            product + ": ε is scaled where it should not be" +
                            (product.find("lr_decay") != std::string::npos
                                 ? "; the decay 1 + (t − 1)·lr_decay is put beside √S alone, "
                                   "η·g/((1 + (t − 1)·lr_decay)·√S + ε); it divides the learning "
                                   "rate, η_t = η/(1 + (t − 1)·lr_decay), which multiplies the "
                                   "whole g/(√S + ε)"
                                 : "") +
                            "; §5.2's line keeps ε beside √S");
      }
    }
  }
  // Nothing named: which outputs differ from the lines', if any.
  if (findings.empty()) findings = edits::as_findings(adagrad_edit(kernel, true));
  return findings;
}

/// The lines of RMSprop's step: v's, ḡ's (centred), the momentum buffer's and θ's, and the
/// weight decay.
inline std::vector<std::string> rmsprop_lines(void (*kernel)(Vector&, const Vector&, RMSpropState&,
                                                             const RMSpropParams&)) {
  if (std::string left = unstepped_coordinates(kernel, RMSpropParams{}, "RMSProp's step");
      !left.empty())
    return {left};
  if (std::string theta = theta_in_the_gradient(kernel, RMSpropParams{}, "RMSProp's step");
      !theta.empty())
    return {theta};
  std::vector<std::string> findings = edits::as_findings(rmsprop_edit(kernel));
  RMSpropParams params;
  params.learning_rate = 0.01;
  params.alpha = 0.9;
  params.epsilon = 1e-12;
  const double alpha = params.alpha, eta = params.learning_rate;
  const std::vector<Named> constants = {
      {"α", alpha}, {"1 − α", 1.0 - alpha}, {"1", 1.0}, {"0", 0.0}};
  const std::vector<Named> quantities = {{"t", 5.0},
                                         {"1 − αᵗ", 1.0 - std::pow(alpha, 5.0)},
                                         {"α", alpha},
                                         {"1 − α", 1.0 - alpha},
                                         {"η", eta}};
  struct After {
    double x, v, b, g_bar;
  };
  auto step = [&](double x, double g, double v, double b, double g_bar, const RMSpropParams& p) {
    Vector theta{{x}};
    RMSpropState state = start_state<RMSpropState>(theta, p);
    state.square_average(0) = v;
    if (state.momentum_buffer.size() == 1) state.momentum_buffer(0) = b;
    if (state.gradient_average.size() == 1) state.gradient_average(0) = g_bar;
    state.t = 4;
    explained_step(kernel, theta, Vector{{g}}, state, p);
    return After{detail::entry(theta), detail::entry(state.square_average),
                 p.momentum > 0.0 ? detail::entry(state.momentum_buffer) : 0.0,
                 p.centered ? detail::entry(state.gradient_average) : 0.0};
  };
  // The buffer's first value: from b = 0, b₁ = g/d. SGD's rule (torch.optim.SGD starts its buffer
  // at g) carried over gives b₁ = g, the first step not preconditioned; said alone, as the cause
  // of every first-step difference the lines' edits see.
  {
    RMSpropParams p = params;
    p.momentum = 0.6;
    const double g = 0.5, d = std::sqrt((1.0 - alpha) * g * g) + p.epsilon;
    Vector theta{{1.0}};
    RMSpropState state = start_state<RMSpropState>(theta, p);
    explained_step(kernel, theta, Vector{{g}}, state, p);
    const double b = state.momentum_buffer.size() == 1 ? state.momentum_buffer(0) : std::nan("");
    const After later = step(1.0, g, 0.2, 0.4, 0.0, p);
    const double later_d = std::sqrt(later.v) + p.epsilon;
    if (agrees(b, g, 1e-12) && !agrees(g, g / d, 1e-6)) {
      return {
          "with momentum μ = 0.6, the first step (t = 1) from a fresh state with g = 0.5 "
          "left the buffer b = 0.5, the raw gradient, where b ← μ·0 + g/d gives " +
          format_number(g / d) +
          (agrees(later.b, 0.6 * 0.4 + g / later_d, 1e-9) ? " (later steps are right)" : "") +
          ": is torch.optim.SGD's first-step rule (its buffer starts as the gradient) "
          "carried over? RMSprop's buffer starts at 0 and b ← μb + g/d at every step, the "
          "first included, so the first step is preconditioned like the others"};
    }
  }
  {
    const MeasuredLine line = measure_line(
        [&](double v, double g2) { return step(0.0, std::sqrt(g2), v, 0.0, 0.0, params).v; });
    std::string why = check_line("the square average's line", "v", line,
                                 {{alpha, "v"}, {1.0 - alpha, "g²"}}, constants, "§5.3");
    if (!why.empty()) {
      // v = 0 a case of its own: v set to g² there, the average elsewhere.
      const double g = 0.5;
      const bool zero_special =
          !line.linear && agrees(step(1.0, g, 0.0, 0.0, 0.0, params).v, g * g, 1e-12) &&
          agrees(step(1.0, g, 0.2, 0.0, 0.0, params).v, alpha * 0.2 + (1.0 - alpha) * g * g,
                 1e-12) &&
          agrees(step(1.0, g, 0.7, 0.0, 0.0, params).v, alpha * 0.7 + (1.0 - alpha) * g * g, 1e-12);
      if (zero_special) {
        why =
            "the square average's line: from v = 0 and g = 0.5 it gave v = g² = 0.25, and from "
            "v = 0.2 or 0.7 the average αv + (1 − α)g²: v = 0 is a case of its own that starts "
            "the average at g² (the first step's square taken whole); §5.3's v starts at 0 and "
            "the first step gives (1 − α)g², which is why RMSProp's first step is "
            "η/(√(1 − α) + ε) times the gradient's sign";
      } else if (!line.linear && !multiplies(line)) {
        why += " (does v accumulate g or |g| instead of g²?)";
      }
      findings.push_back(why);
    } else {
      RMSpropParams p = params;
      p.epsilon = 0.1;
      const std::string entered =
          detail::epsilon_entered("square average's line", "v", step(1.0, 0.0, 0.2, 0.0, 0.0, p).v,
                                  alpha * 0.2, "α·0.2", "√v + ε");
      if (!entered.empty()) findings.push_back(entered);
    }
  }
  {
    const double v0 = 0.2, g = 0.5;
    const After after = step(1.0, g, v0, 0.0, 0.0, params);
    const double moved = after.x - 1.0, base = -eta * g / std::sqrt(after.v);
    const double factor = moved / base;
    // A denominator held in an integer: √v + ε cut to a whole number, 0 (a step of ∞) below 1.
    // The denominator each step implies, −ηg/Δθ, against ⌊√v + ε⌋, from v of 0.2, 3 and 40.
    bool whole_denominators = !agrees(factor, 1.0, 1e-6);
    std::string implied;
    for (const double v_start : {v0, 3.0, 40.0}) {
      const After a = v_start == v0 ? after : step(1.0, g, v_start, 0.0, 0.0, params);
      const double d = -eta * g / (a.x - 1.0), cut = std::floor(std::sqrt(a.v) + params.epsilon);
      whole_denominators = whole_denominators && std::isfinite(a.v) &&
                           (cut == 0.0 ? d == 0.0 : agrees(d, cut, 1e-9));
      implied += (implied.empty() ? "" : ", ") + format_number(d) +
                 " where √v + ε = " + format_number(std::sqrt(a.v) + params.epsilon, 6);
    }
    if (whole_denominators) {
      findings.push_back(
          "θ's line divided by whole numbers: the denominators its steps imply, −ηg/Δθ, are " +
          implied +
          ": √v + ε is cut to an integer (0 below 1, which makes the step infinite): is the "
          "denominator held in an int? `auto d = 0;` deduces int, and d = √v + ε then drops the "
          "fraction; declare it double (or write 0.0)");
    } else if (std::isfinite(moved) && std::isfinite(base) && !agrees(factor, 1.0, 1e-6)) {
      const std::string why = which_suspect(
          factor, {{-1.0, "θ moved along the gradient, uphill: θ ← θ − η·g/(√v + ε)"},
                   {1.0 / std::sqrt(after.v), "θ's step divides by v, not by √v"},
                   {std::sqrt(after.v / v0),
                    "θ's step divides by v from before this step's update: update v first"},
                   {std::sqrt(1.0 - std::pow(alpha, 5.0)),
                    "v is bias corrected: torch's RMSprop has no bias correction"}});
      findings.push_back("θ's line moved θ by " + format_number(moved) +
                         "; from the v the step stored, §5.3's θ ← θ − η·g/(√v + ε) moves it "
                         "by " +
                         format_number(base) +
                         (why.empty() ? detail::how_far(factor, quantities) : ": " + why));
    }
  }
  bool centred_step_wrong = false;  // said once: the momentum buffer below would repeat it
  {
    RMSpropParams p = params;
    p.centered = true;
    const MeasuredLine line = measure_line(
        [&](double g_bar, double g) { return step(0.0, g, 5.0, 0.0, g_bar, p).g_bar; });
    std::string why = check_line("the centred average's line", "ḡ", line,
                                 {{alpha, "ḡ"}, {1.0 - alpha, "g"}}, constants, "§5.3");
    if (!why.empty()) {
      centred_step_wrong = true;
      if (line.linear && agrees(line.a, 1.0 - 1.0 / 5.0) && agrees(line.b, 1.0 / 5.0)) {
        why +=
            ": at step t = 5 the weights are 1 − 1/t and 1/t, a running mean of every gradient "
            "so far, ḡ ← ḡ + (g − ḡ)/t; §5.3's ḡ is a moving average with α, like v, so that "
            "both forget old gradients at the same rate and v − ḡ² is a variance of the same "
            "recent gradients";
      } else if (line.linear && agrees(line.a, 0.0) && agrees(line.b, 1.0) && p.momentum == 0.0) {
        why +=
            ": ḡ keeps nothing of its past, as an average whose weight is 0 would: is it "
            "averaged with the momentum μ (0 here) instead of α? Both of RMSProp's averages, v "
            "and ḡ, forget with α";
      }
      findings.push_back(why);
    } else if (const double negative = step(0.0, -0.5, 5.0, 0.0, 0.3, p).g_bar,
               wanted = alpha * 0.3 + (1.0 - alpha) * -0.5;
               !agrees(negative, wanted, 1e-9)) {
      // The weights, measured with g ≥ 0, are right: the sign of g is lost.
      centred_step_wrong = true;
      const std::string why = which_suspect(
          negative,
          {{alpha * 0.3 + (1.0 - alpha) * 0.5,
            "ḡ averages |g|, the gradient's size: ḡ is the mean of the gradient itself, signs "
            "included, so that v − ḡ² is its variance (for a gradient alternating ±1, the mean "
            "of |g| makes that variance 0 instead of 1)"},
           {alpha * 0.3 + (1.0 - alpha) * 0.25,
            "ḡ averages g², which is v: ḡ is the mean of the gradient itself, signs included"}},
          1e-9);
      findings.push_back(
          "the centred average's line is right for g ≥ 0, but from ḡ = 0.3 and g = −0.5 it gave "
          "ḡ = " +
          format_number(negative, 6) + ", expected αḡ + (1 − α)g = " + format_number(wanted, 6) +
          (why.empty() ? ": the sign of g is lost; ḡ is the mean of the gradient itself"
                       : ": " + why));
    } else {
      const double g = 0.5, v0 = 0.5, g_bar0 = 0.3;
      const After after = step(1.0, g, v0, 0.0, g_bar0, p);
      const double variance = after.v - after.g_bar * after.g_bar;
      const double moved = after.x - 1.0, expected = -eta * g / std::sqrt(variance);
      const double v_expected = alpha * v0 + (1.0 - alpha) * g * g;
      if (!agrees(after.v, v_expected, 1e-9)) {
        // The centred form changes the denominator only: v is the same average of g².
        const std::string what = which_suspect(
            after.v, {{alpha * v0 + (1.0 - alpha) * (g - after.g_bar) * (g - after.g_bar),
                       "v averages (g − ḡ)², the squared deviation from the new ḡ"},
                      {alpha * v0 + (1.0 - alpha) * (g - g_bar0) * (g - g_bar0),
                       "v averages (g − ḡ)², the squared deviation from the ḡ before this step"},
                      {v_expected - after.g_bar * after.g_bar,
                       "v holds v − ḡ², the variance written back into the state: the next "
                       "step averages from it and subtracts ḡ² once more (the variance is a "
                       "local of this step's denominator, d = √(v − ḡ²) + ε)"},
                      {v0, "v is not updated"}});
        centred_step_wrong = true;
        findings.push_back(
            "with centered = true the square average's line gave v = " + format_number(after.v) +
            ", expected αv + (1 − α)g² = " + format_number(v_expected) +
            (what.empty() ? "" : ": " + what) +
            "; the centred RMSProp keeps the same v, the average of g², and centres in the "
            "denominator: d = √(v − ḡ²) + ε (v − ḡ² is the variance)");
      } else if (!agrees(moved, expected, 1e-6)) {
        const std::string what = which_suspect(
            moved, {{-eta * g / std::sqrt(after.v), "centered is ignored: d = √(v − ḡ²) + ε"},
                    {-eta * (g - after.g_bar) / std::sqrt(after.v),
                     "that is −η·(g − ḡ)/(√v + ε): the centring moved from the denominator to the "
                     "numerator, the step along the gradient's deviation from its mean divided by "
                     "its root mean square; §5.3's centred step keeps g in the numerator and "
                     "subtracts ḡ² under the root, d = √(v − ḡ²) + ε, the standard deviation"},
                    {-eta * g / std::sqrt(after.v - after.g_bar),
                     "d subtracts ḡ, not ḡ²: v − ḡ² is the variance, never negative; v − ḡ can "
                     "be, and its root is NaN"},
                    {-eta * g / std::sqrt(after.v + after.g_bar * after.g_bar),
                     "d adds ḡ²: the centred denominator is the standard deviation, "
                     "√(v − ḡ²)"},
                    {-eta * g / std::sqrt(after.v - 0.3 * 0.3),
                     "d pairs the new v with the ḡ from before this step: update ḡ first, then "
                     "d = √(v − ḡ²) + ε with both averages at step t"},
                    {-eta * g / std::sqrt(variance * 5.0 / 4.0),
                     "the variance is multiplied by Bessel's correction t/(t − 1) (5/4 at t = 5): "
                     "that unbiases the variance of t equally weighted samples, and v and ḡ are "
                     "moving averages, neither equally weighted nor counted by t; torch's centred "
                     "denominator is √(v − ḡ²) + ε as it stands"}});
        // ḡ divided by 1 − αᵗ (here t = 5) and v not: v − ḡ̂² can be negative, and its root NaN.
        const double corrected = after.g_bar / (1.0 - std::pow(alpha, 5.0));
        const double with_corrected = -eta * g / std::sqrt(after.v - corrected * corrected);
        const bool corrected_mean =
            (std::isnan(moved) && after.v - corrected * corrected < 0.0) ||
            (std::isfinite(with_corrected) && agrees(moved, with_corrected, 1e-6));
        centred_step_wrong = true;
        findings.push_back("the centred step moved θ by " + format_number(moved) +
                           ", expected −η·g/(√(v − ḡ²) + ε) = " + format_number(expected) +
                           (!what.empty() ? ": " + what
                            : corrected_mean
                                ? ": that is the step with ḡ divided by 1 − αᵗ and v not, whose "
                                  "v − ḡ̂² can fall below 0 (its root NaN): is the mean bias "
                                  "corrected? torch's centred RMSprop corrects neither average; "
                                  "d = √(v − ḡ²) + ε with both as they are"
                                : ""));
      } else {
        // A steady gradient: g = ḡ = 1 and v = 1 stay so, the variance v − ḡ² is 0 and the step
        // is η·g/ε, as large as ε lets it be (§5.3).
        const After steady = step(1.0, 1.0, 1.0, 0.0, 1.0, p);
        const double steady_moved = steady.x - 1.0;
        const double steady_expected =
            -eta / (std::sqrt(std::max(steady.v - steady.g_bar * steady.g_bar, 0.0)) + p.epsilon);
        if (steady.v == 1.0 && steady.g_bar == 1.0 &&
            !agrees(steady_moved, steady_expected, 1e-6)) {
          centred_step_wrong = true;
          findings.push_back(
              "on a steady gradient (g = ḡ = 1, v = 1, so that the variance v − ḡ² is 0) the "
              "centred step moved θ by " +
              format_number(steady_moved) +
              ", expected −η·g/(√(v − ḡ²) + ε) = −η/ε = " + format_number(steady_expected) +
              (agrees(steady_moved, -eta / (1.0 + p.epsilon), 1e-6) ||
                       agrees(steady_moved, -eta, 1e-6)
                   ? ": the denominator fell back on √v where the variance is small; §5.3's "
                     "centred step divides by √(v − ḡ²) + ε always, and where the variance "
                     "vanishes its step is g/ε: that is why its steps grow without bound on a "
                     "constant gradient"
                   : ": the centred denominator is √(v − ḡ²) + ε whatever the variance, 0 "
                     "included"));
        }
      }
    }
  }
  // The momentum buffer, plain and centred: every combination of the flags has it.
  for (const bool centered : {false, true}) {
    if (centered && centred_step_wrong) continue;
    RMSpropParams p = params;
    p.momentum = 0.6;  // not 0.5, where μ and 1 − μ could not be told apart
    p.centered = centered;
    const std::string setting = centered ? "with centered = true, " : "";
    const double g = 0.5, b0 = 0.4, v0 = 0.2;
    const After after = step(1.0, g, v0, b0, 0.0, p);
    // d from ḡ's line (checked above, from ḡ = 0), not from the state the step left: a step
    // that swaps b and ḡ must not make the expected b NaN.
    const double g_bar = (1.0 - alpha) * g;
    const double d = std::sqrt(after.v - (centered ? g_bar * g_bar : 0.0));
    const double b_expected = p.momentum * b0 + g / d;
    // b and ḡ exchanged: only where they are stored, or also where they are read from (ḡ's
    // line then starts from b₀, and b's from ḡ₀ = 0).
    const double g_bar_from_b = alpha * b0 + (1.0 - alpha) * g;
    const double b_from_g_bar = g / std::sqrt(after.v - g_bar_from_b * g_bar_from_b);
    if (centered &&
        ((agrees(after.b, g_bar, 1e-9) && agrees(after.g_bar, b_expected, 1e-9)) ||
         (agrees(after.b, g_bar_from_b, 1e-9) && agrees(after.g_bar, b_from_g_bar, 1e-9)))) {
      findings.push_back(
          "with centered = true and momentum μ = 0.6 the state's b (momentum_buffer) holds " +
          format_number(after.b) + ", what ḡ's line gives, and its ḡ (gradient_average) " +
          format_number(after.g_bar) +
          ", what b's line gives: the two buffers are swapped (passed in the wrong order?); "
          "state.momentum_buffer is b, state.gradient_average is ḡ");
      break;
    }
    if (centered && agrees(after.b, b0, 1e-12) && agrees(after.x - 1.0, -eta * g / d, 1e-6)) {
      findings.push_back(
          "with centered = true and momentum μ = 0.6 the buffer stayed b = " + format_number(b0) +
          " and θ moved by −η·g/d: the centred step ignores "
          "the momentum; every combination of centered and momentum keeps "
          "b ← μb + g/d, θ ← θ − η·b");
      break;
    }
    // v with both flags on (each alone was checked above): a step that runs each option as a
    // pass of its own averages v twice.
    if (const double v_once = alpha * v0 + (1.0 - alpha) * g * g;
        centered && std::isfinite(after.v) && !agrees(after.v, v_once, 1e-9)) {
      const bool twice = agrees(after.v, alpha * v_once + (1.0 - alpha) * g * g, 1e-9);
      findings.push_back(
          "with centered = true and momentum μ = 0.6 the square average's line gave v = " +
          format_number(after.v, 6) + ", expected αv + (1 − α)g² = " + format_number(v_once, 6) +
          " (right with either option alone)" +
          (twice ? ": v was averaged twice in one step, α(αv + (1 − α)g²) + (1 − α)g²; are the "
                   "two options run as two passes, one centred and one with momentum?"
                 : ": the step takes another path when both options are on") +
          " One step updates v, ḡ, b and θ once each, whatever the options: centred with "
          "momentum is b ← μb + g/d with d = √(v − ḡ²) + ε, then θ ← θ − η·b");
      break;
    }
    if (!agrees(after.b, b_expected, 1e-9)) {
      const std::string why = which_suspect(
          after.b, {{p.momentum * b0 + g, "the buffer accumulates g, not g/d: b ← μb + g/(√v + ε)"},
                    {p.momentum * b0 + (1.0 - p.momentum) * g / d,
                     "the buffer damps g/d by 1 − μ: torch's RMSprop momentum has no dampening, "
                     "b ← μb + g/(√v + ε)"},
                    {p.momentum * (b0 + g / d),
                     "b ← μ(b + g/d): μ multiplies the new g/d too; torch's "
                     "buf.mul_(μ).addcdiv_(g, d) multiplies the old buffer first, then adds g/d, "
                     "b ← μb + g/d"},
                    {b0 + p.momentum * g / d,
                     "b ← b + μ·g/d: μ multiplies the new term instead of the old buffer, so "
                     "the buffer never forgets; torch's buf.mul_(μ).addcdiv_(g, d) is "
                     "b ← μb + g/d"},
                    {b0, "the buffer is not updated"},
                    {1.0,
                     "the buffer holds θ_t = 1, the position before the step: is the momentum "
                     "Polyak's heavy ball, θ ← θ − η·g/d + μ(θ − θ_prev), with the buffer kept "
                     "as θ_prev? torch's RMSprop keeps a velocity, b ← μb + g/d from b = 0, and "
                     "steps θ ← θ − η·b; a buffer that starts at 0 is no previous position"},
                    {g / d,
                     "b holds this step's g/d alone, the old buffer forgotten: the buffer "
                     "accumulates, b ← μb + g/d, and θ steps by η·b"},
                    {(p.momentum * b0 + g) / d,
                     "b ← (μb + g)/d: the old buffer is divided by d again at every step, though "
                     "each g/d in it was divided by its own d when it came in; torch's "
                     "buf.mul_(μ).addcdiv_(g, d) adds g/d to μb, b ← μb + g/d"}});
      findings.push_back(setting + "the momentum buffer's line gave b = " + format_number(after.b) +
                         ", expected μb + g/d = " + format_number(b_expected) +
                         (why.empty() ? "" : ": " + why));
      break;
    }
    if (!agrees(after.x - 1.0, -eta * after.b, 1e-9)) {
      const std::string why = which_suspect(
          after.x - 1.0, {{-eta * g / d, "the step does not use the buffer: θ ← θ − η·b"},
                          {-eta * after.b / d,
                           "θ ← θ − η·b/d: b already holds g/d (b ← μb + g/d), so the step is "
                           "θ ← θ − η·b, divided once"},
                          // The step is the fifth (t = 5): corrected by 1 − μ⁵.
                          {-eta * after.b / (1.0 - std::pow(p.momentum, 5.0)),
                           "θ ← θ − η·b/(1 − μᵗ) (t = 5 here): the buffer bias-corrected as Adam "
                           "corrects m; torch's buffer is not an average biased toward 0 but a "
                           "sum, b_t = Σ μ^{t−k}·g_k/d_k, whose first value g/d is already the "
                           "whole scaled gradient, and RMSProp has no bias correction anywhere "
                           "(§5.3): the step is θ ← θ − η·b"}});
      findings.push_back(
          setting + "with momentum the step moved θ by " + format_number(after.x - 1.0) +
          ", expected −η·b = " + format_number(-eta * after.b) + (why.empty() ? "" : ": " + why));
      break;
    }
  }
  {
    RMSpropParams p = params;
    p.weight_decay = 0.1;
    const After after = step(2.0, 0.0, 1.0, 0.0, 0.0, p);
    const double moved = after.x - 2.0, expected = -eta * 0.2 / std::sqrt(after.v);
    // With g = 0 and v = 1, v becomes α + (1 − α)·(what the decay added)².
    const std::string shape = detail::decay_shape(
        "with weight decay λ = 0.1 at θ = 3 and g = 0",
        std::sqrt((step(3.0, 0.0, 1.0, 0.0, 0.0, p).v - p.alpha) / (1.0 - p.alpha)),
        p.weight_decay);
    if (!shape.empty()) {
      findings.push_back(shape);
    } else if (!agrees(moved, expected, 1e-6)) {
      const std::string why =
          which_suspect(moved, {{-expected, "the weight decay pulls θ away from 0: g ← g + λθ"},
                                {0.0, "weight_decay is ignored: g ← g + λθ"},
                                {-eta * p.weight_decay * 2.0,
                                 "θ moved by −ηλθ exactly, AdamW's decoupled decay "
                                 "θ ← (1 − ηλ)θ: RMSProp's weight_decay is L2 (torch's "
                                 "RMSprop has no decoupled form), g ← ∇f + λθ, which enters v "
                                 "and is divided by √v + ε like the gradient"}});
      findings.push_back(
          "with weight decay λ = 0.1, θ = 2 and a zero gradient the step moved θ "
          "by " +
          format_number(moved) + ", expected −η·λθ/(√v + ε) = " + format_number(expected) +
          (why.empty() ? "" : ": " + why));
    }
  }
  // Nothing named: which outputs differ from the lines', if any.
  if (findings.empty()) findings = edits::as_findings(rmsprop_edit(kernel, true));
  return findings;
}

}  // namespace workbook::testing
