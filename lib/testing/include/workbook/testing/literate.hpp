/// \file
/// What every literate test includes: Boost.Test, the library, and a few helpers.
///
/// A test case states the claim of the notes it checks (its description), checks it with an
/// honest tolerance, and on failure says what probably went wrong in the notes' terms:
///
///     const std::string why = "x moved uphill, to x + η∇f: the step is x − η∇f";
///     BOOST_TEST_INFO(why);
///     BOOST_TEST(x(0) == 6.0, tt::tolerance(1e-15));
#pragma once

#include <algorithm>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/driver.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/observers.hpp"
#include "workbook/plotting.hpp"
#include "workbook/rule.hpp"

namespace tt = boost::test_tools;
namespace utf = boost::unit_test;

namespace workbook::testing {

/// True when `a` and `b` agree to `relative` (relative to the larger), or both are tiny.
inline bool close(double a, double b, double relative = 1e-9) {
  return std::abs(a - b) <= relative * std::max({std::abs(a), std::abs(b), 1e-300});
}

/// The value a local double holds in the Debug builds when it is read before it is set: every
/// byte 0xFE (GCC's -ftrivial-auto-var-init=pattern, cmake/WorkbookFlags.cmake), −5.31401e+303.
inline double unset_pattern() {
  return std::bit_cast<double>(std::uint64_t{0xFEFEFEFEFEFEFEFE});
}

/// True when `value` is the unset pattern times a factor of at most 10⁴ either way (a moving
/// average's weight, a sign): a value that came from a variable never set.
inline bool from_unset_pattern(double value) {
  const double ratio = std::abs(value / unset_pattern());
  return std::isfinite(value) && ratio >= 1e-4 && ratio <= 1e4;
}

/// For BOOST_CHECK_EXCEPTION: true when the exception's message contains every one of `parts`
/// (and logs the message when it does not).
inline auto message_has(std::vector<std::string> parts) {
  return [parts](const std::exception& error) {
    const std::string what = error.what();
    for (const std::string& part : parts) {
      if (what.find(part) == std::string::npos) {
        BOOST_TEST_MESSAGE("the message \"" << what << "\" does not contain \"" << part << "\"");
        return false;
      }
    }
    return true;
  };
}

/// Whether the tests draw their figures: yes, unless the environment variable WORKBOOK_FIGURES is
/// `off`. The runs whose figures nobody looks at set it: `workbook` (check, progress, grade and
/// validate run each case in a scratch folder that is then removed), the diagnosis tests of the
/// known mistakes and the sanitizer build. The claims are checked all the same. Throws
/// std::invalid_argument for a value other than `on` or `off`.
inline bool figures_drawn() {
  const char* value = std::getenv("WORKBOOK_FIGURES");
  if (value == nullptr || *value == '\0' || std::string(value) == "on") return true;
  if (std::string(value) == "off") return false;
  throw std::invalid_argument("WORKBOOK_FIGURES = '" + std::string(value) +
                              "' is invalid: expected 'on' (draw the figures, the default) or "
                              "'off'");
}

/// Draws `figure` as <plot dir>/<name>.svg and .png and logs where (nothing when figures_drawn()
/// is false).
inline void draw(const plot::Figure& figure, const std::string& name) {
  if (!figures_drawn()) {
    BOOST_TEST_MESSAGE("figure " << name << " not drawn (WORKBOOK_FIGURES=off)");
    return;
  }
  const auto file = plot::save_figure(figure, name);
  BOOST_TEST_MESSAGE("figure: " << file.string());
}

/// Draws `heatmap` as <plot dir>/<name>.svg and .png and logs where (nothing when figures_drawn()
/// is false).
inline void draw(const plot::Heatmap& heatmap, const std::string& name) {
  if (!figures_drawn()) {
    BOOST_TEST_MESSAGE("figure " << name << " not drawn (WORKBOOK_FIGURES=off)");
    return;
  }
  const auto file = plot::save_figure(heatmap, name);
  BOOST_TEST_MESSAGE("figure: " << file.string());
}

/// Runs `rule` from `x0` for exactly `steps` steps (no other stopping rule) and records the trace.
inline Result run_steps(const Problem& problem, UpdateRule& rule, const Vector& x0, long steps,
                        TraceRecorder* trace = nullptr) {
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = steps;
  std::vector<Observer*> observers;
  if (trace != nullptr) observers.push_back(trace);
  return minimize(problem, rule, x0, stopping, observers);
}

/// A stability bound, checked from both sides: on `problem` from `x0`, with at most `budget`
/// iterations, `stable` (below the bound: `below` says how) converges and `unstable` (above it)
/// diverges.
inline void check_stability_bound(const Problem& problem, const Vector& x0, long budget,
                                  UpdateRule& stable, const std::string& below,
                                  UpdateRule& unstable, const std::string& above) {
  StoppingRules stopping;
  stopping.max_iterations = budget;
  const Result converging = minimize(problem, stable, x0, stopping);
  BOOST_TEST_INFO(below << ": " << converging.message);
  BOOST_TEST(converging.converged());
  const Result diverging = minimize(problem, unstable, x0, stopping);
  BOOST_TEST_INFO(above << ": " << diverging.message);
  BOOST_TEST(diverging.reason == StopReason::diverged);
}

/// A problem that counts the calls that reach it: what an Objective's counts must agree with.
class CountedProblem final : public Problem {
 public:
  /// Counts the calls to `problem`, which must outlive it.
  explicit CountedProblem(const Problem& problem) : problem_(problem) {}
  std::string name() const override { return problem_.name(); }
  Index dimension() const override { return problem_.dimension(); }
  double value(const Vector& x) const override {
    ++values;
    return problem_.value(x);
  }
  void gradient(const Vector& x, Vector& g) const override {
    ++gradients;
    problem_.gradient(x, g);
  }
  double value_and_gradient(const Vector& x, Vector& g) const override {
    ++both;
    return problem_.value_and_gradient(x, g);
  }
  Vector default_start() const override { return problem_.default_start(); }

  mutable long values = 0;     ///< calls of value()
  mutable long gradients = 0;  ///< calls of gradient()
  mutable long both = 0;       ///< calls of value_and_gradient()

 private:
  const Problem& problem_;
};

/// Recomputes \f$f\f$ and \f$\nabla f\f$ at every iterate the driver reports and compares them
/// bit for bit with what it reports: a rule that hands the driver the values of its accepted trial
/// point (Objective::hand_over()) instead of letting it evaluate \f$x_{k+1}\f$ must hand over the
/// right ones.
class RecomputesEveryIterate final : public Observer {
 public:
  /// Evaluates `problem`, which must outlive it.
  explicit RecomputesEveryIterate(const Problem& problem) : problem_(problem) {}
  bool on_iteration(const IterationInfo& info) override {
    problem_.gradient(info.x, g_);
    if (!(problem_.value(info.x) == info.loss && g_ == info.gradient) && first_wrong_ < 0) {
      first_wrong_ = info.iteration;
    }
    return true;
  }
  /// The first iteration whose reported \f$f\f$ or \f$\nabla f\f$ is not the problem's; −1 if none.
  long first_wrong() const { return first_wrong_; }

 private:
  const Problem& problem_;
  Vector g_;
  long first_wrong_ = -1;
};

/// Sets the learning rate of `rule` to `after` once iterate `k` (\f$k > 0\f$) has been seen, so
/// that step \f$k + 1\f$ uses it: what assigning `optimizer.param_groups[0]["lr"]` between steps
/// does in torch.
class ChangeLearningRate : public Observer {
 public:
  /// `k` = 0 never changes it.
  ChangeLearningRate(UpdateRule& rule, long k, double after) : rule_(rule), k_(k), after_(after) {}
  bool on_iteration(const IterationInfo& info) override {
    if (k_ > 0 && info.iteration == k_) rule_.set_learning_rate(after_);
    return true;
  }

 private:
  UpdateRule& rule_;
  long k_;
  double after_;
};

/// A state vector that a setting turns on: empty unless `used`.
struct OptionalVector {
  std::string name;     ///< in the notes' words: "the momentum buffer b"
  Vector* vector;       ///< in the state
  std::string setting;  ///< what turns it on, with the value in force: "momentum > 0 (here 0)"
  bool used;            ///< whether the setting is on
};

/// The state vectors of `state` that a setting of `params` turns on; none for most states.
template <class State, class Params>
std::vector<OptionalVector> optional_vectors(State&, const Params&) {
  return {};
}
inline std::vector<OptionalVector> optional_vectors(RMSpropState& state,
                                                    const RMSpropParams& params) {
  return {{"the momentum buffer b", &state.momentum_buffer,
           "momentum > 0 (here momentum = " + format_number(params.momentum) + ")",
           params.momentum > 0.0},
          {"the average gradient ḡ", &state.gradient_average,
           std::string("centered (here ") + (params.centered ? "true" : "false") + ")",
           params.centered}};
}
inline std::vector<OptionalVector> optional_vectors(AdamState& state, const AdamParams& params) {
  return {{"v_max", &state.v_max,
           std::string("amsgrad (here ") + (params.amsgrad ? "true" : "false") + ")",
           params.amsgrad}};
}

/// One state vector: its symbol in the notes (v), its field in the state (square_average), and
/// where it is.
struct StateVector {
  std::string symbol, field;
  const Vector* vector;
  /// "v (state.square_average)": the symbol and where the code keeps it.
  std::string named() const { return symbol + " (state." + field + ")"; }
};
/// Every state vector of `state` (S, v, b, ḡ, m, v_max, s); none for a state this file does not
/// know. The one list of them: the probes' StepShape of each step, the resized-state check and
/// the θ-in-the-gradient check read it.
template <class State>
std::vector<StateVector> state_vectors(const State&) {
  return {};
}
inline std::vector<StateVector> state_vectors(const AdagradState& s) {
  return {{"S", "sum_of_squares", &s.sum_of_squares}};
}
inline std::vector<StateVector> state_vectors(const RMSpropState& s) {
  return {{"v", "square_average", &s.square_average},
          {"b", "momentum_buffer", &s.momentum_buffer},
          {"ḡ", "gradient_average", &s.gradient_average}};
}
inline std::vector<StateVector> state_vectors(const AdamState& s) {
  return {{"m", "m", &s.m}, {"v", "v", &s.v}, {"v_max", "v_max", &s.v_max}};
}
inline std::vector<StateVector> state_vectors(const NAdamState& s) {
  return {{"m", "m", &s.m}, {"v", "v", &s.v}};
}
inline std::vector<StateVector> state_vectors(const AdaBeliefState& s) {
  return {{"m", "m", &s.m}, {"s", "s", &s.s}};
}
/// The state vectors by their symbols, as a StepShape lists them.
using NamedVectors = std::vector<std::pair<std::string, const Vector*>>;
template <class State>
NamedVectors vectors_of(const State& state) {
  NamedVectors named;
  for (const StateVector& v : state_vectors(state)) named.emplace_back(v.symbol, v.vector);
  return named;
}

/// The sentence for a step that returned with a state vector of another size than it had: moved
/// out of the state (std::move), swapped with a local, or resized; "" if every vector kept its
/// size. A vector that was empty (a setting leaves it unused) may stay empty.
template <class State>
std::string resized_state_vectors(const State& before, const State& after) {
  const std::vector<StateVector> old_vectors = state_vectors(before),
                                 new_vectors = state_vectors(after);
  std::string why;
  for (std::size_t k = 0; k < old_vectors.size(); ++k) {
    const Index had = old_vectors[k].vector->size(), has = new_vectors[k].vector->size();
    if (had == has) continue;
    why += (why.empty() ? "" : "; ") + old_vectors[k].named() + " had " + std::to_string(had) +
           " coordinates before the step and " + std::to_string(has) + " after it";
  }
  if (why.empty()) return "";
  return "the step changed the size of the state: " + why +
         ": is a state vector moved out of the state (std::move leaves it empty), swapped with a "
         "local vector, or resized? The state is the method's memory, kept from one call to the "
         "next: update its vectors in place, and leave their sizes as they are";
}

/// Why `kernel` failed one of Eigen's index or size checks when it stepped `x` with `gradient`
/// from `state`: the state vectors that this configuration leaves empty and the step wrote (run
/// again with them sized, filled with 0), or a loop bound if it fails with every vector sized; ""
/// if no state vector was empty and the step does not fail from `state`. A zero gradient may
/// leave the vector written at 0, so when none of them changed the step is run once more with a
/// gradient of ones: what it writes then is the vector it indexed.
template <class Params, class State>
std::string empty_vectors_indexed(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                  const Params& params, const Vector& x, const Vector& gradient,
                                  const State& state) {
  std::vector<std::string> unused;   // the empty vectors, sized on each run
  std::vector<std::string> written;  // those of them the step changed
  for (const Vector& g : {gradient, Vector(Vector::Ones(gradient.size()))}) {
    State sized = state;
    unused.clear();
    for (OptionalVector& optional : optional_vectors(sized, params)) {
      if (optional.vector->size() == 0 && x.size() > 0) {
        *optional.vector = Vector::Zero(x.size());
        unused.push_back(optional.name);
      }
    }
    Vector moved = x;
    try {
      kernel(moved, g, sized, params);
    } catch (const std::exception&) {
      return "the step fails Eigen's check with every state vector sized too: is a loop bound "
             "off (i <= n instead of i < n), or an index read from the wrong vector?";
    }
    if (unused.empty()) return "";
    for (OptionalVector& optional : optional_vectors(sized, params)) {
      if (!optional.used && optional.vector->size() > 0 && !optional.vector->isZero(0.0))
        written.push_back(optional.name + ", used only when " + optional.setting);
    }
    if (!written.empty()) break;
  }
  std::string why = "the step indexed a state vector that this configuration leaves empty";
  for (std::size_t k = 0; k < written.size(); ++k)
    why += (k == 0 ? ", and writes it: " : "; ") + written[k];
  return why + ". A state vector is touched only when the setting that turns it on is on";
}

/// Throws `failed` again, with `why` (empty_vectors_indexed) in front of its message when there is
/// one; `context` names the step ("RMSProp's step: ").
[[noreturn]] inline void throw_explained(const eigen_check_failed& failed, const std::string& why,
                                         const std::string& context = "") {
  if (why.empty()) throw failed;
  throw eigen_check_failed(context + why + " (" + failed.what() + ")", failed.check);
}

/// The sentence for a step that refused (std::invalid_argument) the start state of `params`
/// because of a state vector these settings leave empty: it goes through once the empty vectors
/// are sized. "" if no vector is empty, or the step refuses the sized state too.
template <class Params, class State>
std::string empty_vectors_refused(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                  const Params& params, const Vector& x, const Vector& gradient,
                                  const State& state) {
  State sized = state;
  std::string empty;
  for (OptionalVector& optional : optional_vectors(sized, params)) {
    if (optional.vector->size() == 0 && x.size() > 0 && !optional.used) {
      *optional.vector = Vector::Zero(x.size());
      empty += (empty.empty() ? "" : "; ") + optional.name + ", empty unless " + optional.setting;
    }
  }
  if (empty.empty()) return "";
  Vector moved = x;
  try {
    kernel(moved, gradient, sized, params);
  } catch (const std::exception&) {
    return "";
  }
  return "the step refused the state these settings start from, and takes it once the vectors "
         "they leave empty are sized (" +
         empty +
         "): is a size checked of a vector the step does not use? A state vector is empty until "
         "the setting that uses it is on, and is checked, or touched, only then";
}

/// `kernel(x, gradient, state, params)`; a step that fails one of Eigen's checks throws it again
/// with which empty state vector it wrote (empty_vectors_indexed), from the state it started with;
/// one that refuses an empty state vector it does not use says so (empty_vectors_refused); one
/// that returns with a state vector of another size throws std::logic_error saying which
/// (resized_state_vectors).
template <class Params, class State>
void explained_step(void (*kernel)(Vector&, const Vector&, State&, const Params&), Vector& x,
                    const Vector& gradient, State& state, const Params& params) {
  const Vector before = x;
  const State state_before = state;
  try {
    kernel(x, gradient, state, params);
  } catch (const eigen_check_failed& failed) {
    throw_explained(failed, empty_vectors_indexed(kernel, params, before, gradient, state_before));
  } catch (const std::invalid_argument& refused) {
    const std::string why = empty_vectors_refused(kernel, params, before, gradient, state_before);
    if (why.empty()) throw;
    throw std::invalid_argument(std::string(refused.what()) + ": " + why);
  }
  if (const std::string resized = resized_state_vectors(state_before, state); !resized.empty())
    throw std::logic_error(resized);
}

/// The finding of a step whose state, with no weight decay, depends on θ: one fresh step with
/// g = 0.5 from θ = 0 and from θ = 3, weight_decay = 0. The moments average the gradient, and
/// without decay the gradient is ∇f alone; a state that differs says that θ entered it, as in
/// g ← λ∇f + θ (std::fma(∇f, λ, θ) read as ∇f + λθ). "" if the two states agree, or the step
/// throws. `step` names the step.
template <class Params, class State>
std::string theta_in_the_gradient(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                  Params params, const std::string& step) {
  if constexpr (requires { params.weight_decay; }) {
    params.weight_decay = 0.0;
    std::vector<State> states;
    for (const double theta : {0.0, 3.0}) {
      Vector x{{theta}};
      State state = start_state<State>(x, params);
      try {
        kernel(x, Vector{{0.5}}, state, params);
      } catch (const std::exception&) {
        return "";
      }
      states.push_back(state);
    }
    const std::vector<StateVector> at_0 = state_vectors(states[0]), at_3 = state_vectors(states[1]);
    for (std::size_t k = 0; k < at_0.size(); ++k) {
      const Vector &a = *at_0[k].vector, &b = *at_3[k].vector;
      if (a.size() != 1 || b.size() != 1 || a(0) == b(0)) continue;
      // Faintly: a decay read from a small parameter of another name (λ = params.epsilon), not θ
      // in the gradient's place.
      const double change = std::abs(b(0) - a(0)) / std::max(std::abs(a(0)), std::abs(b(0)));
      if (change < 1e-6) {
        std::string small;
        if constexpr (requires { params.epsilon; })
          small = " such as ε (params.epsilon = " + format_number(params.epsilon) + ")";
        return step + " with weight_decay = 0 and g = 0.5 left " + at_0[k].named() + " = " +
               format_number(a(0), 17) + " from θ = 0 and " + format_number(b(0), 17) +
               " from θ = 3: without decay the state cannot depend on θ, yet it does, by " +
               format_number(change, 3) +
               " relative: a decay term λθ whose λ is read from a small parameter of another "
               "name," +
               small +
               "? Is λ declared from the wrong field, a line copied from the one above "
               "(lambda = params.epsilon)? λ is params.weight_decay";
      }
      return step + " with weight_decay = 0 and g = 0.5 left " + at_0[k].named() + " = " +
             format_number(a(0), 6) + " from θ = 0 and " + format_number(b(0), 6) +
             " from θ = 3: without decay the state cannot depend on θ, whose gradient ∇f alone "
             "feeds it; θ entered the gradient: is the decayed gradient written g ← λ∇f + θ? "
             "(std::fma(a, b, c) is a·b + c: ∇f + λθ is std::fma(λ, θ, ∇f))";
    }
  }
  return "";
}

/// The finding of a step that leaves coordinates of x where they were though their gradient is
/// not 0: one fresh step on x of 1 to 5 coordinates, every one with θ = 1 and g = 0.5, so that
/// every coordinate must move alike. Says which were left, and the loop that leaves them (a bound
/// one short, an unrolled loop without its tail, a start at 1); "" if every coordinate moved, if
/// none moved for any n, or if the coordinates left follow none of these loops (each said by the
/// other probes). `step` names the step.
template <class Params, class State>
std::string unstepped_coordinates(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                  const Params& params, const std::string& step) {
  std::vector<std::vector<Index>> left(6);  // left[n]: the coordinates that stayed, for n
  bool any_moved = false;
  for (Index n = 1; n <= 5; ++n) {
    Vector x = Vector::Constant(n, 1.0);
    const Vector g = Vector::Constant(n, 0.5);
    State state = start_state<State>(x, params);
    try {
      kernel(x, g, state, params);
    } catch (const std::exception&) {
      return "";
    }
    if (x.size() != n || !x.allFinite()) return "";
    for (Index i = 0; i < n; ++i) {
      if (x(i) == 1.0) {
        left[std::size_t(n)].push_back(i);
      } else {
        any_moved = true;
      }
    }
  }
  bool none_left = true, last_of_odd = true, last_of_every = true, first_of_every = true;
  for (Index n = 1; n <= 5; ++n) {
    const std::vector<Index>& stayed = left[std::size_t(n)];
    none_left = none_left && stayed.empty();
    const bool only_last = stayed.size() == 1 && stayed.front() == n - 1;
    last_of_odd = last_of_odd && (n % 2 == 1 ? only_last : stayed.empty());
    last_of_every = last_of_every && only_last;
    first_of_every = first_of_every && stayed.size() == 1 && stayed.front() == 0;
  }
  if (none_left || !any_moved) return "";
  std::string which;
  for (Index n = 1; n <= 5; ++n) {
    const std::vector<Index>& stayed = left[std::size_t(n)];
    if (stayed.empty()) continue;
    std::string list;
    for (Index i : stayed) list += (list.empty() ? "" : ", ") + std::to_string(i);
    which += (which.empty() ? "" : "; ") + std::string("n = ") + std::to_string(n) + ": " +
             (stayed.size() == 1 ? "coordinate " : "coordinates ") + list;
  }
  const std::string head = step +
                           " left coordinates of x where they were, though each had "
                           "θ = 1 and g = 0.5 like the others (" +
                           which + ")";
  if (last_of_odd) {
    return head +
           ": the last coordinate of every odd n, none of an even n; is the loop "
           "unrolled by two (i + 1 < n, two coordinates per pass) without the tail that "
           "steps the last coordinate of an odd n? One plain loop, i < n, steps them all";
  }
  if (last_of_every) {
    return head +
           ": the last coordinate, whatever n; does the loop stop one short (i < n − 1, or "
           "i + 1 < n)? It runs over i = 0, …, n − 1";
  }
  if (first_of_every) {
    return head +
           ": coordinate 0, whatever n; does the loop start at 1? Coordinates are "
           "numbered from 0";
  }
  return "";  // another pattern: said by the probes of the coordinates (probes.hpp)
}

/// A kernel of the first form (rule.hpp) stepped by hand on gradients the test chooses, with its
/// own `State`: no problem, no driver.
///
///     KernelRun adam(adam_step, AdamParams{}, Vector{{0.0}});
///     adam.step(1.0);  // one step with g = 1; returns the displacement
///     adam.state.m;    // the first moment
template <class Params, class State>
struct KernelRun {
  /// `kernel(x, gradient, state, params)`.
  using Kernel = void (*)(Vector&, const Vector&, State&, const Params&);
  /// Starts at `x0` with start_state().
  KernelRun(void (*step_kernel)(Vector&, const Vector&, State&, const Params&), Params p, Vector x0)
      : kernel(step_kernel), params(p), x(std::move(x0)), state(start_state<State>(x, params)) {}
  /// One step with gradient `g`; returns the displacement \f$x_t - x_{t-1}\f$.
  /// A step that fails one of Eigen's checks throws it again with why (explained_step).
  Vector step(const Vector& g) {
    const Vector before = x;
    explained_step(kernel, x, g, state, params);
    return x - before;
  }
  /// One step of a one-parameter run; returns the displacement.
  double step(double g) { return step(Vector{{g}})(0); }

  Kernel kernel;  ///< the step
  Params params;  ///< its hyper-parameters
  Vector x;       ///< \f$x_t\f$
  State state;    ///< its state after the last step
};

}  // namespace workbook::testing
