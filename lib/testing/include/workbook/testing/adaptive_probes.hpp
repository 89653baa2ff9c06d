#pragma once
// The probes of probes.hpp for the adaptive steps of Chapter 5: what each state holds, and the
// test every Chapter 5 exercise runs on the student's step.
#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "workbook/adaptive.hpp"
#include "workbook/testing/adaptive_lines.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/probes.hpp"

namespace workbook::testing {

/// Adagrad's state: \f$S\f$ and \f$t\f$; its first step is \f$\eta\f$ whatever the scale of g.
inline StepShape<AdagradState> adagrad_shape() {
  return {"Adagrad's step", 0.0, [](const AdagradState& s) { return vectors_of(s); },
          [](const AdagradState& s) { return s.t; },
          "a division by zero on the first step? Add the current g² to the accumulated squares "
          "before dividing, and ε outside the root"};
}

/// RMSProp's state: \f$v\f$, the momentum buffer \f$b\f$, \f$\bar g\f$ and \f$t\f$.
inline StepShape<RMSpropState> rmsprop_shape() {
  return {"RMSProp's step", 0.0, [](const RMSpropState& s) { return vectors_of(s); },
          [](const RMSpropState& s) { return s.t; },
          "a division by zero on the first step? Add the current g² to the accumulated squares "
          "before dividing, and ε outside the root"};
}

/// Adam's (and AMSGrad's) state: \f$m\f$, \f$v\f$, \f$v_{\max}\f$ and \f$t\f$.
inline StepShape<AdamState> adam_shape(std::string name = "Adam's step") {
  return {std::move(name), 0.0, [](const AdamState& s) { return vectors_of(s); },
          [](const AdamState& s) { return s.t; },
          "a division by zero on the first step? A bias correction 1 − βᵗ is 0 when t = 0: count "
          "the step (t ← t + 1) before using t"};
}

/// AdaBelief's state: \f$m\f$, \f$s\f$ and \f$t\f$.
inline StepShape<AdaBeliefState> adabelief_shape() {
  return {"AdaBelief's step",
          0.0,
          [](const AdaBeliefState& s) { return vectors_of(s); },
          [](const AdaBeliefState& s) { return s.t; },
          "a division by zero on the first step? A bias correction 1 − βᵗ is 0 when t = 0: count "
          "the step (t ← t + 1) before using t",
          "After one step s is (g − m)² + ε with the m just updated, not 0: is the surprise "
          "computed with the corrected m̂ (which equals g after the first step), or is s used "
          "before it is updated?"};
}

/// The state's shape by the step's parameters.
inline StepShape<AdagradState> shape_for(const AdagradParams&) {
  return adagrad_shape();
}
inline StepShape<RMSpropState> shape_for(const RMSpropParams&) {
  return rmsprop_shape();
}
inline StepShape<AdamState> shape_for(const AdamParams& params) {
  return adam_shape(params.amsgrad ? "AMSGrad's step" : "Adam's step");
}
inline StepShape<AdaBeliefState> shape_for(const AdaBeliefParams&) {
  return adabelief_shape();
}

/// The claim of the probe case of every Chapter 5 exercise, `keeps_what_every_adaptive_step_keeps`.
inline constexpr const char* every_adaptive_step_keeps =
    "§5.1: what every adaptive step keeps, whatever slip it has: the gradient, a const input, "
    "comes back bit for bit; finite gradients give no NaN or infinity; t counts the steps; every "
    "coordinate moves downhill, on its own, whatever the order; the step is proportional to η; "
    "the first step does not depend on the scale of the gradient; every β in [0, 1) is taken, "
    "β₁ > √β₂ too, and ε = 0; and (§5.9) the step makes no temporary vector";

/// The lines of each Chapter 5 step, measured (adaptive_lines.hpp), by the step's kernel.
inline std::vector<std::string> step_lines(void (*kernel)(Vector&, const Vector&, AdagradState&,
                                                          const AdagradParams&),
                                           const AdagradParams&) {
  return adagrad_lines(kernel);
}
inline std::vector<std::string> step_lines(void (*kernel)(Vector&, const Vector&, RMSpropState&,
                                                          const RMSpropParams&),
                                           const RMSpropParams&) {
  return rmsprop_lines(kernel);
}
/// Adam's or, with `params.amsgrad`, AMSGrad's.
inline std::vector<std::string> step_lines(void (*kernel)(Vector&, const Vector&, AdamState&,
                                                          const AdamParams&),
                                           const AdamParams& params) {
  return adam_lines(kernel, params.amsgrad);
}
inline std::vector<std::string> step_lines(void (*kernel)(Vector&, const Vector&, AdaBeliefState&,
                                                          const AdaBeliefParams&),
                                           const AdaBeliefParams&) {
  return adabelief_lines(kernel);
}

/// The finding of a step that leaves a coordinate whose gradient is exactly 0 as it was, θ and
/// every state vector bit for bit, where a gradient of 1e-150 (whose square, 1e-300, is still a
/// double) changes them: a zero gradient skipped as a missing one, as a sparse update would.
/// Measured after two steps, so that the averages and the momentum hold something to carry; ""
/// when the step takes every coordinate. Where a zero gradient rightly changes nothing (Adagrad
/// without weight decay: S += 0, θ −= 0) the probe is run again with weight decay λ = 0.1, which
/// gives the coordinate a gradient g = λθ of its own.
template <class Params, class State>
std::string skips_zero_gradients(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                 const Params& params, const StepShape<State>& shape);

/// skips_zero_gradients at `params` only; `with` says what they add (", with weight decay ...").
template <class Params, class State>
std::string skips_zero_gradients_at(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                    const Params& params, const StepShape<State>& shape,
                                    const std::string& with) {
  const Vector x0{{1.0, -2.0, 3.0}}, g0{{0.3, -2.0, 5.0}};
  Vector x = x0;
  State state = start_state<State>(x, params);
  for (int k = 0; k < 2; ++k) kernel(x, g0, state, params);
  const auto step_with = [&](double g1) {
    Vector moved = x;
    State after = state;
    kernel(moved, Vector{{0.4, g1, -1.0}}, after, params);
    return std::pair{moved, after};
  };
  const auto [zero_x, zero_state] = step_with(0.0);
  const auto [tiny_x, tiny_state] = step_with(1e-150);
  std::vector<std::string> changed;  // what a gradient of 1e-150 changes at coordinate 1
  bool kept = zero_x.size() == 3 && zero_x(1) == x(1);
  if (tiny_x.size() == 3 && std::abs(tiny_x(1) - x(1)) > 1e-12 * std::abs(x(1))) {
    changed.push_back("θ");
  }
  const auto before = shape.vectors(state), zero = shape.vectors(zero_state),
             tiny = shape.vectors(tiny_state);
  for (std::size_t k = 0; k < before.size(); ++k) {
    const Vector &b = *before[k].second, &z = *zero[k].second, &m = *tiny[k].second;
    if (b.size() != 3 || z.size() != 3 || m.size() != 3) continue;
    kept = kept && z(1) == b(1);
    if (std::abs(m(1) - b(1)) > 1e-12 * std::abs(b(1))) changed.push_back(before[k].first);
  }
  if (!kept || changed.empty()) return "";
  std::string what;
  for (std::size_t k = 0; k < changed.size(); ++k) {
    what += (k == 0 ? "" : k + 1 == changed.size() ? " and " : ", ") + changed[k];
  }
  return shape.name + with +
         " left coordinate 1, whose gradient is exactly 0, as it was (θ and the state bit for "
         "bit), while a gradient of 1e-150 there changes " +
         what +
         ": is a zero gradient skipped as a missing one, as in a sparse update? A zero gradient "
         "is a value like any other: every coordinate takes the step, so the averages decay "
         "(v ← βv + (1 − β)·0), the momentum carries θ on, and weight decay pulls it";
}

template <class Params, class State>
std::string skips_zero_gradients(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                 const Params& params, const StepShape<State>& shape) {
  std::string skipped = skips_zero_gradients_at(kernel, params, shape, "");
  if constexpr (requires { params.weight_decay; }) {
    if (skipped.empty() && params.weight_decay == 0.0) {
      Params decayed = params;
      decayed.weight_decay = 0.1;
      skipped = skips_zero_gradients_at(kernel, decayed, shape,
                                        ", with weight decay λ = 0.1 (g = ∇f + λθ = λθ there),");
    }
  }
  return skipped;
}

/// What is wrong with a Chapter 5 step: first its lines that are not the notes' (each named by
/// The finding of a step with a bias_correction option that does not move x at all from a fresh
/// state with the correction on, but moves it with the correction off: a correction that makes the
/// step 0 (1 − β₂ᵗ computed as 0, so that v̂ = v/0 = ∞); "" otherwise, and for steps without the
/// option.
template <class Params, class State>
std::string stopped_by_the_correction(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                      const Params& params, const std::string& name) {
  if constexpr (requires { params.bias_correction; }) {
    if (!params.bias_correction) return "";
    const Vector x0{{1.0, -2.0, 3.0}}, g0{{0.3, -2.0, 5.0}};
    const auto first_step = [&](const Params& with) {
      Vector x = x0;
      State state = start_state<State>(x, with);
      kernel(x, g0, state, with);
      return Vector(x - x0);
    };
    Params off = params;
    off.bias_correction = false;
    const Vector on_moved = first_step(params), off_moved = first_step(off);
    if (!on_moved.isZero(0.0) || off_moved.isZero(0.0) || !off_moved.allFinite()) return "";
    const std::string head =
        name + " does not move x at all on its first step with bias_correction on, and moves " +
        "it by " + format_vector(off_moved, 4) + " with it off: the correction stops the step";
    // Stopped at t = 1 only: a correction 1 − β^(t − 1), which is 1 − β⁰ = 0 there alone.
    Vector x = x0;
    State state = start_state<State>(x, params);
    kernel(x, g0, state, params);
    const Vector before = x;
    kernel(x, g0, state, params);
    if (x.allFinite() && !(x - before).isZero(0.0)) {
      return head + ", and the second step moves: is a correction computed with t − 1, " +
             "1 − β^(t − 1), which is 1 − β⁰ = 0 on the first step (v̂ = v/0 = ∞, m̂/√v̂ = 0)? " +
             "Every correction of a step uses that step's t, counted at its start: 1 − β₁ᵗ and " +
             "1 − β₂ᵗ with t = 1 on the first step";
    }
    return head +
           "; is a correction 1 − βᵗ computed as 0, so that v̂ = v/0 = ∞ and m̂/√v̂ = 0? Written "
           "with the option, `1.0 - flag ? a : b` reads as `(1.0 - flag) ? a : b`: the "
           "subtraction binds before the ternary";
  }
  return "";
}

/// The finding of a step that refuses valid settings, each in the range its parameters'
/// validate() allows and each a step of the notes: betas β₁ = 0.99, β₂ = 0.9 (β₁ > √β₂, where
/// Reddi et al.'s convergence theorem for AMSGrad does not apply), β₁ = 0 and β₂ = 0; Adagrad's
/// lr_decay = 2 and initial_accumulator_value = 5; RMSProp's α = 0 and centred with momentum;
/// ε = 0; a weight decay λ = 2. "" when the step takes them all.
template <class Params, class State>
std::string refuses_valid_settings(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                   const Params& params, const std::string& step) {
  struct Valid {
    std::function<void(Params&)> set;
    std::string what, why;
  };
  std::vector<Valid> valid_settings;
  if constexpr (requires { params.betas; }) {
    valid_settings.push_back(
        {[](Params& p) {
           p.betas = {0.99, 0.9};
         },
         "β₁ = 0.99, β₂ = 0.9",
         "β₁ < √β₂ is a hypothesis of Reddi et al.'s convergence theorem, not a condition of the "
         "update, which is defined for every β in [0, 1)"});
    valid_settings.push_back({[](Params& p) {
                                p.betas = {0.0, 0.999};
                              },
                              "β₁ = 0, β₂ = 0.999",
                              "β₁ = 0 is the step without momentum, m = g (the interval is "
                              "closed at 0: 0 ≤ β < 1)"});
    valid_settings.push_back({[](Params& p) {
                                p.betas = {0.9, 0.0};
                              },
                              "β₁ = 0.9, β₂ = 0",
                              "β₂ = 0 keeps only the last squared gradient, v = g² (the interval "
                              "is closed at 0: 0 ≤ β < 1)"});
  }
  if constexpr (requires { params.lr_decay; }) {
    valid_settings.push_back({[](Params& p) { p.lr_decay = 2.0; }, "lr_decay = 2",
                              "any lr_decay ≥ 0 is valid: it is not a rate in [0, 1) but the "
                              "slope of η_t = η/(1 + (t − 1)·lr_decay), a faster decay when "
                              "larger"});
    valid_settings.push_back({[](Params& p) { p.initial_accumulator_value = 5.0; },
                              "initial_accumulator_value = 5",
                              "any S₀ = initial_accumulator_value ≥ 0 is valid"});
  }
  if constexpr (requires { params.alpha; }) {
    valid_settings.push_back({[](Params& p) { p.alpha = 0.0; }, "α = 0",
                              "α = 0 keeps only the last squared gradient, v = g² (the interval "
                              "is closed at 0: 0 ≤ α < 1)"});
    valid_settings.push_back({[](Params& p) {
                                p.centered = true;
                                p.momentum = 0.9;
                              },
                              "centered = true with momentum μ = 0.9",
                              "every combination of the options is a step of §5.3: centred with "
                              "momentum is b ← μb + g/d with d = √(v − ḡ²) + ε, then θ ← θ − η·b"});
  }
  if constexpr (requires { params.epsilon; }) {
    valid_settings.push_back({[](Params& p) { p.epsilon = 0.0; }, "ε = 0",
                              "any ε ≥ 0 is valid (torch takes eps = 0): ε only guards the "
                              "division, which a nonzero gradient makes safe by itself; a zero "
                              "denominator is the step's to meet, as torch's is, not a setting "
                              "to refuse"});
  }
  if constexpr (requires { params.weight_decay; }) {
    valid_settings.push_back({[](Params& p) { p.weight_decay = 2.0; }, "weight_decay = 2",
                              "any λ ≥ 0 is valid; a large one decays θ fast, which is the "
                              "caller's choice"});
  }
  for (const Valid& setting : valid_settings) {
    Params valid = params;
    setting.set(valid);
    valid.validate();
    Vector x{{1.0, -2.0}};
    State state = start_state<State>(x, valid);
    try {
      kernel(x, Vector{{0.5, -1.0}}, state, valid);
    } catch (const std::invalid_argument& refused) {
      return step + " refused " + setting.what + " (\"" + std::string(refused.what()) +
             "\"): each setting may be any value in the range the parameters' validate() "
             "allows; " +
             setting.why;
    }
  }
  return "";
}

/// The finding of a step that, from a fresh state, leaves a coordinate whose gradient is small
/// but not 0 (a hundredth of ε, or 1e-12 when ε = 0) as it was, θ and every state vector bit for
/// bit, while the other coordinates move: ε read as a dead zone for small gradients. Without
/// weight decay, so that the gradient is the one given. "" otherwise.
template <class Params, class State>
std::string skips_small_gradients(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                  const Params& params, const StepShape<State>& shape) {
  Params p = params;
  if constexpr (requires { p.weight_decay; }) p.weight_decay = 0.0;
  const double small = p.epsilon > 0.0 ? p.epsilon / 100.0 : 1e-12;
  const Vector x0{{1.0, -2.0, 3.0}}, g{{0.3, small, 5.0}};
  Vector x = x0;
  const State fresh = start_state<State>(x, p);
  State state = fresh;
  kernel(x, g, state, p);
  if (x.size() != 3 || x(0) == x0(0)) return "";
  bool kept = x(1) == x0(1);
  const auto before = shape.vectors(fresh), after = shape.vectors(state);
  for (std::size_t k = 0; k < before.size(); ++k) {
    const Vector &b = *before[k].second, &a = *after[k].second;
    if (b.size() == 3 && a.size() == 3) kept = kept && a(1) == b(1);
  }
  if (!kept) return "";
  return shape.name + " left coordinate 1, whose gradient is " + format_number(small) +
         " (ε = " + format_number(p.epsilon) +
         "), as it was from a fresh state (θ and the state bit for bit), while the other "
         "coordinates moved: is a gradient below a threshold (|g| ≤ ε, or one that looks like "
         "0) skipped? A small gradient is still a gradient: it enters the averages and moves θ "
         "by η·g over its denominator. ε is added to the denominator to keep the division safe; "
         "it is not a dead zone, and torch has none";
}

/// The finding of a step that turns an exactly zero gradient from a fresh state (every average and
/// sum 0 there) into NaN: a 0/0, the denominator rearranged so that it divides by the root of the
/// state without its ε (g/√S/(1 + ε/√S) for g/(√S + ε)); "" otherwise.
template <class Params, class State>
std::string nan_from_a_zero_gradient(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                     const Params& params, const StepShape<State>& shape) {
  Params p = params;
  if constexpr (requires { p.weight_decay; }) p.weight_decay = 0.0;
  if constexpr (requires { p.initial_accumulator_value; }) p.initial_accumulator_value = 0.0;
  const Vector x0{{1.0, -2.0, 3.0}}, g{{0.3, 0.0, 5.0}};
  Vector x = x0;
  State state = start_state<State>(x, p);
  kernel(x, g, state, p);
  if (x.size() != 3 || std::isfinite(x(1)) || !std::isfinite(x(0)) || !std::isfinite(x(2)))
    return "";
  return shape.name + " made coordinate 1 " +
         (std::isnan(x(1)) ? std::string("NaN") : format_number(x(1))) +
         " on a first step whose gradient there is exactly 0 (from a fresh state, where its "
         "averages and sums are 0), while the other coordinates stayed finite: a 0/0; is the "
         "denominator rearranged so that it divides by the root of the state alone, as "
         "(g/√S)/(1 + ε/√S) does for g/(√S + ε)? ε is there to keep the division away from 0: "
         "compute the step as it stands, which is 0 where the gradient and the state are 0";
}

/// RMSProp with centered and momentum both on that steps as the uncentred step with momentum, while
/// centered alone is centred: the branch for the two options at once sent to the uncentred one.
/// The sentence, or "" (also when the two options are not both on in `params`).
inline std::string centred_dropped_with_momentum(void (*kernel)(Vector&, const Vector&,
                                                                RMSpropState&,
                                                                const RMSpropParams&),
                                                 const RMSpropParams& params) {
  if (!params.centered || !(params.momentum > 0.0)) return "";
  const Vector x0{{1.0, -2.0, 3.0}}, g{{0.3, -2.0, 5.0}};
  const auto one_step = [&](const RMSpropParams& p) {
    Vector x = x0;
    RMSpropState state = start_state<RMSpropState>(x, p);
    kernel(x, g, state, p);
    return std::pair{x, state};
  };
  RMSpropParams uncentred = params, without_momentum = params;
  uncentred.centered = false;
  without_momentum.momentum = 0.0;
  const auto [x_both, both] = one_step(params);
  const Vector x_uncentred = one_step(uncentred).first;
  const RMSpropState alone = one_step(without_momentum).second;
  // θ moved, as the uncentred step moves it, and ḡ left as the fresh state has it.
  const bool as_uncentred = x_both.size() == 3 && x_uncentred.size() == 3 &&
                            x_both == x_uncentred && x_both != x0 &&
                            both.gradient_average.size() == 3 && both.gradient_average.isZero(0.0);
  const bool alone_centred =
      alone.gradient_average.size() == 3 && !alone.gradient_average.isZero(0.0);
  if (!as_uncentred || !alone_centred) return "";
  return "RMSProp's step with centered = true and momentum μ = " + format_number(params.momentum) +
         " took the uncentred step with momentum (θ the same to the last bit, ḡ left at 0), "
         "while with centered = true alone it is centred: does the branch for the two options "
         "at once go to the uncentred step? The centred average ḡ and the denominator "
         "√(v − ḡ²) + ε belong to every centred step, with momentum or without";
}

/// What is wrong with a Chapter 5 step: first its lines that are not the notes' (each named by
/// what it computes), then the properties it breaks (probes.hpp).
template <class Params, class State>
std::vector<std::string> probe_lines_and_step(void (*kernel)(Vector&, const Vector&, State&,
                                                             const Params&),
                                              const Params& params, const StepShape<State>& shape) {
  // Valid settings refused: the lines, measured with other settings, would not say why.
  if (std::string refused = refuses_valid_settings(kernel, params, shape.name); !refused.empty())
    return {refused};
  // Hyper-parameters written into, or a memory outside the state: the lines, measured from chosen
  // states, mean nothing.
  if (std::string written = written_params(kernel, params, shape.name); !written.empty())
    return {written};
  if (std::string hidden = hidden_memory(kernel, params, shape.name); !hidden.empty())
    return {hidden};
  // Two options at once sent to the branch of one: said before the state it leaves unwritten.
  if constexpr (std::is_same_v<Params, RMSpropParams>) {
    if (std::string dropped = centred_dropped_with_momentum(kernel, params); !dropped.empty())
      return {dropped};
  }
  // A state vector never written (bound to another): the lines, reading it back, mean nothing.
  if (std::string unwritten = unwritten_state(kernel, params, shape); !unwritten.empty())
    return {unwritten};
  // A correction that stops the step: the lines' "η made 0" would give the same outputs.
  if (std::string stopped = stopped_by_the_correction(kernel, params, shape.name); !stopped.empty())
    return {stopped};
  // A zero gradient skipped: the lines, measured at g = 0, would read as lines that do not decay.
  if (std::string skipped = skips_zero_gradients(kernel, params, shape); !skipped.empty())
    return {skipped};
  if (std::string skipped = skips_small_gradients(kernel, params, shape); !skipped.empty())
    return {skipped};
  std::vector<std::string> findings = step_lines(kernel, params);
  // A 0/0 from a zero gradient: after the lines, which name a left-out ε more precisely.
  if (findings.empty()) {
    if (std::string nan = nan_from_a_zero_gradient(kernel, params, shape); !nan.empty())
      return {nan};
  }
  // The lines, measured, say what is wrong; the step's probes then only say what they observe,
  // without their guesses at a cause.
  StepShape<State> observing = shape;
  if (!findings.empty()) {
    observing.first_step_nan = "";
    observing.divides_by_epsilon = "";
  }
  for (std::string& finding : probe_step(kernel, params, observing)) findings.push_back(finding);
  if (std::string made = makes_a_temporary(kernel, params, shape.name); !made.empty())
    findings.push_back(made);
  // β₁ = 0 is a first moment without memory, m ← g, and still the state's m.
  if constexpr (requires(Params p, State s) {
                  p.betas;
                  s.m;
                }) {
    Params plain = params;
    plain.betas.first = 0.0;
    if constexpr (requires { plain.weight_decay; }) plain.weight_decay = 0.0;
    const Vector g{{0.3, -2.0, 5.0}};
    Vector x{{1.0, -2.0, 3.0}};
    State state = start_state<State>(x, plain);
    kernel(x, g, state, plain);
    if (state.m.size() == g.size() && !detail::agree(state.m, g, 1e-15)) {
      findings.push_back("with β₁ = 0 " + shape.name + " left m = " + format_vector(state.m) +
                         " after a step with g = " + format_vector(g) +
                         ", expected m ← 0·m + (1 − 0)·g = g: is β₁ = 0 a shortcut that steps "
                         "with g and never stores m? The state's m is the first moment in "
                         "every configuration, for the next step (whose β₁ may differ)");
    }
  }
  return findings;
}

/// What the step's lines, measured, say is wrong, said once per test case: the end of a golden
/// trajectory's diagnosis (adaptive_golden.hpp, check_replays), so that iterates that drift from
/// torch's are named in the notes' words, not only by how far they drift.
template <class Params, class State>
std::function<std::string()> lines_say(void (*kernel)(Vector&, const Vector&, State&,
                                                      const Params&),
                                       const Params& params) {
  return [kernel, params] {
    return once_per_case("the step's lines", [&] {
      const std::string written = written_params(kernel, params, "the step");
      if (!written.empty()) return what_the_probes_found({written});
      const std::string hidden = hidden_memory(kernel, params, "the step");
      if (!hidden.empty()) return what_the_probes_found({hidden});
      const std::string changed = changed_const_input(kernel, params, "the step");
      if (!changed.empty()) return what_the_probes_found({changed});
      const std::string ended = stopped_by_a_zero_gradient(kernel, params, "the step");
      if (!ended.empty()) return what_the_probes_found({ended});
      const std::string skipped = skips_zero_gradients(kernel, params, shape_for(params));
      if (!skipped.empty()) return what_the_probes_found({skipped});
      const std::string small = skips_small_gradients(kernel, params, shape_for(params));
      if (!small.empty()) return what_the_probes_found({small});
      // A state vector never written (a local bound to another), asked with every option of
      // the exercise that uses one (RMSProp's ḡ and b; AMSGrad's maximum is an exercise of its
      // own, asked with params.amsgrad as given): the lines, reading it back, would name a line
      // that keeps its old value.
      Params every = params;
      if constexpr (requires { every.centered; }) {
        every.centered = true;
        every.momentum = 0.9;
      }
      // Only a vector the given options leave unused: one they use, the lines' edits name more
      // precisely (v used but not saved).
      std::string unwritten;
      try {
        if constexpr (std::is_same_v<Params, RMSpropParams>) {
          const std::string dropped = centred_dropped_with_momentum(kernel, every);
          if (!dropped.empty()) return what_the_probes_found({dropped});
        }
        if (unwritten_state(kernel, params, shape_for(params)).empty())
          unwritten = unwritten_state(kernel, every, shape_for(params));
      } catch (const std::exception&) {
        // said by the lines
      }
      if (!unwritten.empty()) return what_the_probes_found({unwritten});
      const std::string stopped =
          stopped_by_the_correction(kernel, params, std::string("the step"));
      if (!stopped.empty()) return what_the_probes_found({stopped});
      // A 0/0 from a zero gradient: after the lines, which name a left-out ε more precisely.
      std::vector<std::string> lines = step_lines(kernel, params);
      if (lines.empty()) {
        const std::string nan = nan_from_a_zero_gradient(kernel, params, shape_for(params));
        if (!nan.empty()) lines.push_back(nan);
      }
      return what_the_probes_found(lines);
    });
  };
}

/// The probes' verdict on a Chapter 5 step, as one test: every finding in the failure message.
template <class Params, class State>
void check_probes(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                  const Params& params, const StepShape<State>& shape) {
  std::vector<std::string> findings;
  try {
    findings = probe_lines_and_step(kernel, params, shape);
  } catch (const eigen_check_failed& failed) {
    // Said as KernelRun says it, from a fresh state: which empty state vector the step wrote.
    const Vector x{{1.0, -2.0, 3.0}}, g{{0.3, -2.0, 5.0}};
    throw_explained(failed,
                    empty_vectors_indexed(kernel, params, x, g, start_state<State>(x, params)),
                    shape.name + ": ");
  }
  BOOST_TEST_INFO(shape.name << what_the_probes_found(findings));
  BOOST_TEST(findings.empty());
}

}  // namespace workbook::testing
