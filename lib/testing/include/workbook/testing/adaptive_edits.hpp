#pragma once
// Chapter 5's steps as the notes' lines (single_edits.hpp), each with the state it reads, and the
// sentence naming the single edit of those lines that a student's step is. Every step is run in a
// few configurations (plain, then each option on), well into a run and then at its first step;
// the first configuration where the step is not the notes' is the one named. The hyper-parameters are chosen so that no symbol's value equals
// another's, nor 1 − another's (η = 0.03, β₁ = 0.7, β₂ = 0.93, ε = 0.02, λ = 0.05, …), and
// β₁/t at t = 4 is none of them either (β₁ = 0.8 made β₁/4 = 1 − β₁).
#include <string>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/testing/single_edits.hpp"

namespace workbook::testing {

namespace detail {

inline constexpr double edit_eta = 0.03, edit_beta1 = 0.7, edit_beta2 = 0.93, edit_epsilon = 0.02,
                        edit_lambda = 0.05, edit_t = 4.0;
// The steps at which the lines are compared: a step well into the run, then the first step (a
// state with t = 0), where a slip that only the first step makes (an initial value added again,
// a buffer started from g) shows.
inline constexpr double edit_steps[] = {edit_t, 1.0};
// What a configuration's name says at the first step.
inline const std::string first_step_suffix = " at its first step (t = 1)";
// `name`, and at the first step what says so.
inline std::string at_step(std::string name, double step_t) {
  return step_t == 1.0 ? name + first_step_suffix : name;
}

// The sentence for the first configuration whose lines the step does not give: the single edit
// that explains it or, when none does, another configuration whose outputs it gives (an option
// not read); when nothing explains it, which outputs differ if `or_difference`, else "". "" when
// every configuration gives the notes' lines.
template <class Configuration>
std::string first_edit(const std::vector<Configuration>& configurations, bool or_difference) {
  // Two hyper-parameters swapped are named as such wherever both are in play: in a configuration
  // where one of them is 0 the swap looks like a term never added.
  for (const auto& [program, situations] : configurations) {
    if (std::string swapped = edits::swapped_parameters(program, situations); !swapped.empty())
      return swapped;
  }
  for (const auto& [program, situations] : configurations) {
    if (edits::gives(program, situations)) continue;
    const bool first_step = program.name.ends_with(first_step_suffix);
    const std::string edit = edits::which_edit(program, situations, first_step);
    // The configurations well into the run come first: at the first step, every one of them
    // gave the notes' lines.
    if (!edit.empty() && first_step) {
      return edit + "; well into the run (t = " + format_number(edit_t) +
             ") every configuration gives the notes' lines, so only the first step is changed: "
             "is a line run only from the second step on (t > 1), or the first step a case of "
             "its own? Every line of " +
             program.section + " runs at every step, the first included";
    }
    if (!edit.empty()) return edit;
    for (const auto& other : configurations) {
      if (&other.first != &program && other.first.name.ends_with(first_step_suffix) == first_step &&
          edits::gives(other.first, situations)) {
        // The other configuration gives this one's lines: the option is read the wrong way round.
        if (edits::gives(program, other.second)) {
          return program.name + ", run beside " + program.section + "'s lines on " +
                 std::to_string(situations.size()) + " " + program.drawn +
                 ": every output is that of " + other.first.name + ", and the other way round: " +
                 "the option that tells them apart is read inverted, its true taken for false; "
                 "check what the flag's true means (the defaults are torch's) against the first "
                 "step";
        }
        return program.name + ", run beside " + program.section + "'s lines on " +
               std::to_string(situations.size()) + " " + program.drawn +
               ": every output is that of " + other.first.name +
               ": the option that tells them apart is not read, or its branch is not taken";
      }
    }
    return or_difference ? edits::differs(program, situations) : "";
  }
  return "";
}

}  // namespace detail

/// Adam's (or AMSGrad's) step, §5.4 (§5.5), as single edits of its lines: plain, with L2 weight
/// decay, with AdamW's decoupled decay, with ε inside the root, without bias correction, and with ε
/// inside the root without bias correction.
inline std::string adam_edit(void (*kernel)(Vector&, const Vector&, AdamState&, const AdamParams&),
                             bool amsgrad, bool or_difference = false) {
  using edits::E;
  std::vector<std::pair<edits::Program, std::vector<edits::Situation>>> configurations;
  for (const double step_t : detail::edit_steps) {
    // The options one at a time, then the two conventions together (configuration 5): each
    // flag is read whatever the other says.
    for (int configuration = 0; configuration < 6; ++configuration) {
      const int decay = configuration < 3 ? configuration : 0;          // none, L2, decoupled
      const bool inside = configuration == 3 || configuration == 5;     // ε inside the root
      const bool corrected = configuration != 4 && configuration != 5;  // bias_correction
      edits::Program p;
      p.name = amsgrad ? "AMSGrad's step" : "Adam's step";
      p.section = amsgrad ? "§5.5" : "§5.4";
      if (decay == 1) p.name += " with weight_decay λ = 0.05 (L2)";
      if (decay == 2) p.name += " with AdamW's decoupled weight_decay λ = 0.05";
      if (inside) p.name += " with epsilon_inside_root";
      if (!corrected) p.name += " with bias_correction = false";
      p.name = detail::at_step(p.name, step_t);
      const E eta = p.parameter("η", detail::edit_eta),
              beta1 = p.parameter("β₁", detail::edit_beta1),
              beta2 = p.parameter("β₂", detail::edit_beta2),
              epsilon = p.parameter("ε", detail::edit_epsilon);
      const E lambda = decay > 0 ? p.parameter("λ", detail::edit_lambda) : E{};
      const E t = p.step_number(step_t);
      const E theta = p.variable("θ", true), g = p.variable("g"), m = p.variable("m", true),
              v = p.variable("v", true);
      const E v_max = amsgrad ? p.variable("v_max", true) : E{};
      const E m_hat = p.variable("m̂"), v_hat = p.variable("v̂");
      if (decay == 1) p.let(g, g + lambda * theta);
      if (decay == 2) p.let(theta, (1.0 - eta * lambda) * theta);
      p.let(m, beta1 * m + (1.0 - beta1) * g);
      p.let(v, beta2 * v + (1.0 - beta2) * edits::square(g));
      if (amsgrad) p.let(v_max, edits::max(v_max, v));
      p.let(m_hat, corrected ? m / (1.0 - edits::pow(beta1, t)) : m);
      p.let(v_hat, corrected ? (amsgrad ? v_max : v) / (1.0 - edits::pow(beta2, t))
                             : (amsgrad ? v_max : v));
      p.let(theta,
            theta - eta * m_hat /
                        (inside ? edits::sqrt(v_hat + epsilon) : edits::sqrt(v_hat) + epsilon));
      p.formula(
          "β₁,t = β₁/t, the decaying first-moment weight of Reddi, Kale and Kumar's analysis; "
          "torch (and the notes) keep β₁ constant, m ← β₁m + (1 − β₁)g",
          m, (beta1 / t) * m + (1.0 - beta1 / t) * g);
      if (corrected) {
        // m's correction moved next to the root: η·m/((1 − β₁ᵗ)·√v̂ + ε), ε not divided by it.
        const E c1 = 1.0 - edits::pow(beta1, t);
        p.formula(
            "the correction of m moved into the denominator next to the root, where it no "
            "longer divides ε: η·m̂/(√v̂ + ε) = η·m/((1 − β₁ᵗ)(√v̂ + ε)), the whole denominator "
            "times 1 − β₁ᵗ",
            theta,
            theta - eta * m /
                        (inside ? c1 * edits::sqrt(v_hat + epsilon)
                                : c1 * edits::sqrt(v_hat) + epsilon));
      }
      if (!inside && corrected) {
        p.formula(
            "ε added before the bias correction of v (Kingma and Ba's efficient form "
            "η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε)): torch adds it to √v̂, after the correction",
            theta,
            theta - eta * m_hat /
                        ((edits::sqrt(amsgrad ? v_max : v) + epsilon) /
                         edits::sqrt(1.0 - edits::pow(beta2, t))));
      }
      // v̂ floored at m̂², "by Jensen": |m̂|/√v̂ then never exceeds 1.
      p.formula(
          "v̂ floored at m̂², as if Jensen's inequality gave v̂ ≥ m̂²: it does for "
          "one average of g and g², but m and v average with different weights (β₁ ≠ β₂), so "
          "|m̂|/√v̂ can exceed 1, up to 7.27 with torch's defaults (§5.4); the floor changes the "
          "step wherever the gradient grows",
          v_hat,
          edits::max(corrected ? (amsgrad ? v_max : v) / (1.0 - edits::pow(beta2, t))
                               : (amsgrad ? v_max : v),
                     edits::square(m_hat)));
      if (amsgrad) {
        // A maximum kept of √v and divided by as it is: v̂ is v_max² (over the correction).
        p.formula(
            "v_max taken for a root, as if it held √v, the running maximum of the root: §5.5's "
            "v_max is the maximum of the second moment v itself, and the root is taken once, in "
            "√v̂ + ε",
            v_hat,
            corrected ? edits::square(v_max) / (1.0 - edits::pow(beta2, t)) : edits::square(v_max));
      }
      if (amsgrad && corrected) {
        p.formula(
            "the maximum decided on the corrected v/(1 − β₂ᵗ) but the raw v stored: the "
            "comparison and the value stored must be of the same quantity; torch keeps "
            "max(v_max, v) of the raw v and corrects it when dividing",
            v_max, edits::if_negative(v_max - v / (1.0 - edits::pow(beta2, t)), v, v_max));
      }
      if (!corrected) {
        // bias_correction = false turns off both corrections; a step that keeps one of them.
        p.formula("v̂ still bias corrected: bias_correction = false turns off both corrections",
                  v_hat, (amsgrad ? v_max : v) / (1.0 - edits::pow(beta2, t)));
        p.formula("m̂ still bias corrected: bias_correction = false turns off both corrections",
                  m_hat, m / (1.0 - edits::pow(beta1, t)));
      }
      if (inside) {
        p.formula(
            "ε both inside and outside the root (AdaBelief has two; Adam's "
            "epsilon_inside_root has only the one inside)",
            theta, theta - eta * m_hat / (edits::sqrt(v_hat + epsilon) + epsilon));
        p.formula(
            "ε added to the bias correction, v/(1 − β₂ᵗ + ε): it is added to v̂ itself, after "
            "the correction, √(v̂ + ε)",
            theta,
            theta -
                eta * m_hat /
                    edits::sqrt((amsgrad ? v_max : v) / (1.0 - edits::pow(beta2, t) + epsilon)));
        p.formula(
            "ε divided by the bias correction too: it is added to v̂, after the correction", theta,
            theta -
                eta * m_hat /
                    edits::sqrt(((amsgrad ? v_max : v) + epsilon) / (1.0 - edits::pow(beta2, t))));
      }
      std::vector<edits::Draw> draws = {edits::uniform(-2, 2), edits::uniform(-2, 2),
                                        edits::uniform(-1, 1), edits::uniform(0.2, 2)};
      // v_max below and above the new v, and above v/(1 − β₂ᵗ) in some coordinates too.
      if (amsgrad) draws.push_back(edits::uniform(0.05, 8));
      draws.resize(p.variable_names.size());
      AdamParams params;
      params.learning_rate = detail::edit_eta;
      params.betas = {detail::edit_beta1, detail::edit_beta2};
      params.epsilon = detail::edit_epsilon;
      params.weight_decay = decay > 0 ? detail::edit_lambda : 0.0;
      params.decoupled_weight_decay = decay == 2;
      params.amsgrad = amsgrad;
      params.epsilon_inside_root = inside;
      params.bias_correction = corrected;
      const std::size_t n_variables = p.variable_names.size();
      auto step = [&](const std::vector<Vector>& before) {
        Vector x = before[0];
        AdamState state;
        state.m = before[2];
        state.v = before[3];
        if (amsgrad) state.v_max = before[4];
        state.t = static_cast<long>(step_t) - 1;
        kernel(x, before[1], state, params);
        std::vector<Vector> after(n_variables, Vector::Constant(3, std::nan("")));
        after[0] = edits::handed_back(x);
        after[2] = edits::handed_back(state.m);
        after[3] = edits::handed_back(state.v);
        if (amsgrad) after[4] = edits::handed_back(state.v_max);
        return after;
      };
      auto s = edits::situations(p, draws, step, 4, true);
      configurations.emplace_back(std::move(p), std::move(s));
    }
  }
  // bias_correction = false read as two symbols changed at once, which no single edit is: β₁ = β₂
  // = 0 (so that 1 − βᵗ = 1), or t = 1 in the corrections (1 − β₁ and 1 − β₂ at every step); said
  // when it is the first configuration the step misses.
  for (const auto& [program, situations] : configurations) {
    if (edits::gives(program, situations)) continue;
    if (program.name.find("bias_correction = false") == std::string::npos) break;
    const std::string run = program.name + ", run beside " + program.section + "'s lines on " +
                            std::to_string(situations.size()) + " " + program.drawn;
    edits::Program averages_off = program;
    for (std::size_t q = 0; q < averages_off.parameters.size(); ++q) {
      if (averages_off.parameter_names[q] == "β₁" || averages_off.parameter_names[q] == "β₂")
        averages_off.parameters[q] = 0.0;
    }
    if (edits::gives(averages_off, situations)) {
      return run +
             ": every output is that of the lines with β₁ = β₂ = 0 (m ← g, v ← g²), which "
             "makes 1 − βᵗ = 1 but switches off the moving averages too; bias_correction = "
             "false drops the corrections only (divide by 1 instead of 1 − β₁ᵗ and 1 − β₂ᵗ), "
             "and m and v average with their β₁ and β₂ as before";
    }
    // The corrections of the first step kept: m̂ = m/(1 − β₁), v̂ = v/(1 − β₂) (or v_max's).
    edits::Program first_corrections = program;
    for (auto& line : first_corrections.lines) {
      const std::string& target =
          first_corrections.variable_names[static_cast<std::size_t>(line.target)];
      if (target != "m̂" && target != "v̂") continue;
      const edits::Expr read = line.value;  // m, or v (v_max): the line without correction
      const std::string beta = target == "m̂" ? "β₁" : "β₂";
      for (std::size_t q = 0; q < program.parameters.size(); ++q) {
        if (program.parameter_names[q] != beta) continue;
        line.value = edits::node(edits::Op::divide, read,
                                 edits::node(edits::Op::subtract, edits::constant(1.0),
                                             edits::detail::parameter_node(static_cast<int>(q))));
      }
    }
    if (edits::gives(first_corrections, situations)) {
      return run +
             ": every output is that of the corrections of the first step kept at every step, "
             "m̂ = m/(1 − β₁) and v̂ = v/(1 − β₂): t read as 1 rather than the corrections as 1; "
             "bias_correction = false divides by 1, m̂ = m and v̂ = v";
    }
    break;
  }
  return detail::first_edit(configurations, or_difference);
}

/// Adagrad's step, §5.2, as single edits of its lines: plain, then with lr_decay δ = 0.13,
/// weight_decay λ = 0.05 and initial_accumulator_value τ = 0.15.
inline std::string adagrad_edit(void (*kernel)(Vector&, const Vector&, AdagradState&,
                                               const AdagradParams&),
                                bool or_difference = false) {
  using edits::E;
  std::vector<std::pair<edits::Program, std::vector<edits::Situation>>> configurations;
  for (const double step_t : detail::edit_steps) {
    for (bool options : {false, true}) {
      edits::Program p;
      p.name = options ? "Adagrad's step with lr_decay δ = 0.13, weight_decay λ = 0.05 and "
                         "initial_accumulator_value τ = 0.15"
                       : "Adagrad's step";
      p.name = detail::at_step(p.name, step_t);
      p.section = "§5.2";
      const E eta = p.parameter("η", detail::edit_eta),
              epsilon = p.parameter("ε", detail::edit_epsilon);
      const E lambda = options ? p.parameter("λ", detail::edit_lambda) : E{};
      const E delta = options ? p.parameter("δ", 0.13) : E{};
      // S's start, which no line of the step reads: given in every configuration, so that a step
      // that reads it where another symbol belongs (√S + τ for √S + ε) is one edit.
      const E tau = p.parameter("τ", 0.15);
      const E t = p.step_number(step_t);
      const E theta = p.variable("θ", true), g = p.variable("g"), S = p.variable("S", true),
              eta_t = p.variable("η_t");
      if (options) {
        p.let(eta_t, eta / (1.0 + (t - 1.0) * delta));
        p.formula(
            "a decay that compounds, η/(1 + δ)^(t − 1); torch's is inverse in t, "
            "η/(1 + (t − 1)·δ)",
            eta_t, eta / edits::pow(1.0 + delta, t - 1.0));
        p.formula("the decay's first-order approximation, which goes negative once (t − 1)·δ > 1",
                  eta_t, eta * (1.0 - (t - 1.0) * delta));
        p.formula(
            "a power law η/t^δ, δ read as an exponent; torch's decay is inverse in t, "
            "η/(1 + (t − 1)·δ)",
            eta_t, eta / edits::pow(t, delta));
        p.let(g, g + lambda * theta);
      }
      p.let(S, S + edits::square(g));
      p.formula(
          "a running maximum of g² (AMSGrad's v_max), not a sum: Adagrad's S adds every g², "
          "so that each step divides by the root of all the squares so far",
          S, edits::max(S, edits::square(g)));
      // §5.2's sum under a constant gradient taken for the rule.
      const std::string constant_sum =
          "a constant gradient's sum (§5.2: S_t = τ + t·g² when every gradient is g) taken for "
          "the rule: the state has to add the square of each gradient actually seen, "
          "S ← S + g², which is why Adagrad never forgets its early large gradients";
      p.formula(constant_sum, S, tau + t * edits::square(g));
      p.formula(constant_sum, S, t * edits::square(g));
      p.let(theta, theta - (options ? eta_t : eta) * g / (edits::sqrt(S) + epsilon));
      // §5.2's √(S_t/t), what S measures, taken for the denominator: at a fixed t a constant
      // factor on √S, named here before that factor is.
      p.formula(
          "the root mean square √(S/t) for √S: §5.2's √(S_t/t) says what Adagrad measures, but "
          "the step divides by √S_t, whose growth with t is Adagrad's decay",
          theta, theta - (options ? eta_t : eta) * g / (edits::sqrt(S / t) + epsilon));
      // S drawn below g² in some coordinates and above it in others, both over decades, so that
      // √S falls below ε in some: a floor max(√S, ε) parts from √S + ε only there.
      const std::vector<edits::Draw> draws = {edits::uniform(-2, 2),
                                              edits::signed_log_uniform(1e-3, 2),
                                              edits::log_uniform(1e-5, 2),
                                              {}};
      AdagradParams params;
      params.learning_rate = detail::edit_eta;
      params.epsilon = detail::edit_epsilon;
      params.lr_decay = options ? 0.13 : 0.0;
      params.weight_decay = options ? detail::edit_lambda : 0.0;
      params.initial_accumulator_value = 0.15;
      auto step = [&](const std::vector<Vector>& before) {
        Vector x = before[0];
        AdagradState state;
        state.sum_of_squares = before[2];
        state.t = static_cast<long>(step_t) - 1;
        kernel(x, before[1], state, params);
        std::vector<Vector> after(4, Vector::Constant(3, std::nan("")));
        after[0] = edits::handed_back(x);
        after[2] = edits::handed_back(state.sum_of_squares);
        return after;
      };
      auto s = edits::situations(p, draws, step, 4, true);
      configurations.emplace_back(std::move(p), std::move(s));
    }
  }
  return detail::first_edit(configurations, or_difference);
}

/// RMSProp's step, §5.3, as single edits of its lines: plain, with weight decay, centered, with
/// momentum, centered with momentum.
inline std::string rmsprop_edit(void (*kernel)(Vector&, const Vector&, RMSpropState&,
                                               const RMSpropParams&),
                                bool or_difference = false) {
  using edits::E;
  struct Options {
    bool decay, centered, momentum;
    const char* name;
  };
  std::vector<std::pair<edits::Program, std::vector<edits::Situation>>> configurations;
  for (const double step_t : detail::edit_steps) {
    for (const Options o :
         {Options{false, false, false, "RMSProp's step"},
          Options{true, false, false, "RMSProp's step with weight_decay λ = 0.05"},
          Options{false, true, false, "RMSProp's centered step"},
          Options{true, true, false, "RMSProp's centered step with weight_decay λ = 0.05"},
          Options{false, false, true, "RMSProp's step with momentum μ = 0.6"},
          Options{false, true, true, "RMSProp's centered step with momentum μ = 0.6"},
          Options{true, false, true,
                  "RMSProp's step with weight_decay λ = 0.05 and momentum μ = 0.6"}}) {
      edits::Program p;
      p.name = detail::at_step(o.name, step_t);
      p.section = "§5.3";
      const E eta = p.parameter("η", detail::edit_eta), alpha = p.parameter("α", 0.85),
              epsilon = p.parameter("ε", detail::edit_epsilon);
      const E lambda = o.decay ? p.parameter("λ", detail::edit_lambda) : E{};
      const E mu = o.momentum ? p.parameter("μ", 0.6) : E{};
      const E theta = p.variable("θ", true), g = p.variable("g"), v = p.variable("v", true),
              g_bar = p.variable("ḡ", o.centered), b = p.variable("b", o.momentum),
              d = p.variable("d");
      if (o.decay) p.let(g, g + lambda * theta);
      p.let(v, alpha * v + (1.0 - alpha) * edits::square(g));
      if (o.decay) {
        // The square taken of two different gradients: the decayed g times the raw ∇f.
        const E raw{edits::detail::variable_node(g.e->index, true)};
        p.formula(
            "v fed g·∇f, the gradient with its decay times the raw one: both factors are the "
            "decayed gradient g + λθ, whose square v averages",
            v, alpha * v + (1.0 - alpha) * g * raw);
      }
      if (o.centered) {
        p.let(g_bar, alpha * g_bar + (1.0 - alpha) * g);
        p.let(d, edits::sqrt(v - edits::square(g_bar)) + epsilon);
      } else {
        p.let(d, edits::sqrt(v) + epsilon);
      }
      // "Centred" read as centring the gradient too: §5.3 centres the variance only.
      const std::string centred_too =
          "the gradient centred too: the centred variant subtracts ḡ² from v, to divide by the "
          "standard deviation of g instead of its root mean square, and still steps along g "
          "itself";
      if (o.momentum) {
        p.let(b, mu * b + g / d);
        p.let(theta, theta - eta * b);
        p.formula(
            "the Nesterov form of momentum (torch's SGD with nesterov = True), which "
            "RMSProp's momentum does not have: θ moves by −η·b alone",
            theta, theta - eta * (g / d + mu * b));
        p.formula(
            "both branches taken: the plain step −η·g/d after the momentum's −η·b (an if "
            "without its else); with momentum θ moves by −η·b alone",
            theta, theta - eta * b - eta * g / d);
        if (o.centered) p.formula(centred_too, b, mu * b + (g - g_bar) / d);
      } else {
        p.let(theta, theta - eta * g / d);
        if (o.centered) p.formula(centred_too, theta, theta - eta * (g - g_bar) / d);
      }
      const std::vector<edits::Draw> draws = {edits::uniform(-2, 2),     edits::uniform(-2, 2),
                                              edits::uniform(0.5, 2),    edits::uniform(-0.4, 0.4),
                                              edits::uniform(-1.0, 1.0), {}};
      RMSpropParams params;
      params.learning_rate = detail::edit_eta;
      params.alpha = 0.85;
      params.epsilon = detail::edit_epsilon;
      params.weight_decay = o.decay ? detail::edit_lambda : 0.0;
      params.momentum = o.momentum ? 0.6 : 0.0;
      params.centered = o.centered;
      auto step = [&](const std::vector<Vector>& before) {
        Vector x = before[0];
        RMSpropState state;
        state.square_average = before[2];
        if (o.centered) state.gradient_average = before[3];
        if (o.momentum) state.momentum_buffer = before[4];
        state.t = static_cast<long>(step_t) - 1;
        kernel(x, before[1], state, params);
        std::vector<Vector> after(6, Vector::Constant(3, std::nan("")));
        after[0] = edits::handed_back(x);
        after[2] = edits::handed_back(state.square_average);
        if (o.centered) after[3] = edits::handed_back(state.gradient_average);
        if (o.momentum) after[4] = edits::handed_back(state.momentum_buffer);
        return after;
      };
      auto s = edits::situations(p, draws, step, 4, true);
      configurations.emplace_back(std::move(p), std::move(s));
    }
  }
  return detail::first_edit(configurations, or_difference);
}

/// AdaBelief's step, §5.7, as single edits of its lines.
///
/// Every `*_edit` here returns "" when the step is its lines' or more than one edit away from
/// them; with `or_difference`, the second case says instead which outputs differ (edits::differs),
/// the last resort of the lines' findings.
inline std::string adabelief_edit(void (*kernel)(Vector&, const Vector&, AdaBeliefState&,
                                                 const AdaBeliefParams&),
                                  bool or_difference = false) {
  using edits::E;
  // The notes' lines, then torch's form of the same step (the corrections folded into a step size
  // and the denominator), in which a slip of the step size is one edit.
  std::vector<std::pair<edits::Program, std::vector<edits::Situation>>> forms;
  for (const double step_t : detail::edit_steps) {
    for (const bool torch : {false, true}) {
      edits::Program p;
      p.name =
          detail::at_step(torch ? "AdaBelief's step in torch's form" : "AdaBelief's step", step_t);
      p.section = "§5.7";
      const E eta = p.parameter("η", detail::edit_eta),
              beta1 = p.parameter("β₁", detail::edit_beta1),
              beta2 = p.parameter("β₂", detail::edit_beta2),
              epsilon = p.parameter("ε", detail::edit_epsilon);
      const E t = p.step_number(step_t);
      const E theta = p.variable("θ", true), g = p.variable("g"), m = p.variable("m", true),
              s = p.variable("s", true);
      p.let(m, beta1 * m + (1.0 - beta1) * g);
      p.let(s, beta2 * s + (1.0 - beta2) * edits::square(g - m) + epsilon);
      if (torch) {
        const E step_size = p.variable("step_size"), d = p.variable("d");
        p.let(step_size, eta / (1.0 - edits::pow(beta1, t)));
        p.let(d, edits::sqrt(s) / edits::sqrt(1.0 - edits::pow(beta2, t)) + epsilon);
        p.let(theta, theta - step_size * m / d);
      } else {
        const E m_hat = p.variable("m̂"), s_hat = p.variable("ŝ");
        p.let(m_hat, m / (1.0 - edits::pow(beta1, t)));
        p.let(s_hat, s / (1.0 - edits::pow(beta2, t)));
        p.let(theta, theta - eta * m_hat / (edits::sqrt(s_hat) + epsilon));
      }
      const std::vector<edits::Draw> draws = {edits::uniform(-2, 2),
                                              edits::uniform(-2, 2),
                                              edits::uniform(-1, 1),
                                              edits::uniform(0.2, 2),
                                              {},
                                              {}};
      AdaBeliefParams params;
      params.learning_rate = detail::edit_eta;
      params.betas = {detail::edit_beta1, detail::edit_beta2};
      params.epsilon = detail::edit_epsilon;
      auto step = [&](const std::vector<Vector>& before) {
        Vector x = before[0];
        AdaBeliefState state;
        state.m = before[2];
        state.s = before[3];
        state.t = static_cast<long>(step_t) - 1;
        kernel(x, before[1], state, params);
        std::vector<Vector> after(6, Vector::Constant(3, std::nan("")));
        after[0] = edits::handed_back(x);
        after[2] = edits::handed_back(state.m);
        after[3] = edits::handed_back(state.s);
        return after;
      };
      auto situations = edits::situations(p, draws, step, 4, true);
      forms.emplace_back(std::move(p), std::move(situations));
    }
  }
  for (const auto& [p, situations] : forms) {
    if (const std::string edit = edits::which_edit(p, situations); !edit.empty()) return edit;
  }
  return or_difference ? edits::differs(forms.front().first, forms.front().second) : "";
}

}  // namespace workbook::testing
