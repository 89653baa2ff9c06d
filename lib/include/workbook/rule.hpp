/// \file
/// One contract for every update rule: a kernel, its state and its hyper-parameters.
///
/// An update rule of the notes is three things, kept apart:
///   - `Params`, the hyper-parameters: a plain struct with the notes' names, defaults, and a
///     `validate()` that throws `std::invalid_argument` stating the allowed range;
///   - `State`, what the rule carries from one step to the next: its vectors, named with the
///     symbols of the notes (a velocity, the moments \f$m\f$ and \f$v\f$), and the step counter
///     \f$t\f$;
///   - the *kernel*, a free function that performs one step in place,
///
///         void adam_step(Vector& x, const Vector& gradient, AdamState& state,
///                        const AdamParams& params);
///
///     It moves \f$x_k\f$ to \f$x_{k+1}\f$, updates the state, and counts the step
///     (`++state.t`, so that the first step has \f$t = 1\f$).
///
/// Kernels are what students write (`exercises/`) and what tests and benchmarks step directly, with
/// a State of their own. KernelRule turns (params, state, kernel) into an UpdateRule, so that the
/// driver, minimize(), runs every method the same way.
///
/// A `State` provides
///
///     void reset(Index n, const Params& params);  // sized for n parameters, as before step 1
///     int vectors() const;                        // how many vectors of length n it holds now
///
/// and, when its first step needs the start point (the heavy ball at rest, \f$x_{-1} = x_0\f$),
///
///     void start(const Vector& x0);               // called once, just before the first step
///
/// A kernel has one of three forms, by what it needs besides \f$\nabla f(x_k)\f$:
///
///     kernel(x, gradient, state, params)             // the gradient at x_k: most methods
///     kernel(x, gradient_at, state, params)          // ∇f where it chooses: Nesterov's lookahead
///     kernel(x, loss, gradient, objective, state, params)
///                                                    // f, ∇f, ∇²f anywhere: line searches, Newton
///
/// In the second and third forms every evaluation goes through the driver's Objective and is
/// counted in the run's result.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "workbook/driver.hpp"
#include "workbook/errors.hpp"
#include "workbook/function.hpp"

namespace workbook {

/// How a rule names itself from its parameters: "adam (lr = 0.001)".
template <class Params>
using NameOf = std::function<std::string(const Params&)>;

/// A `State` whose first step needs the start point: it has `start(x0)`.
template <class State>
concept StartsFromX0 = requires(State& state, const Vector& x0) {
  state.start(x0);
};

/// The State a run from `x0` starts its first step with, as KernelRule prepares it: reset for the
/// size of `x0` and, if it has start(), started at `x0`. Tests and benchmarks that step a kernel
/// themselves begin with it:
///
///     AdamState state = start_state<AdamState>(x, params);
///     adam_step(x, gradient, state, params);
template <class State, class Params>
State start_state(const Vector& x0, const Params& params) {
  State state{};
  state.reset(x0.size(), params);
  if constexpr (StartsFromX0<State>) state.start(x0);
  return state;
}

/// An UpdateRule made of a kernel, its `State` and its `Params` (see the file's description).
///
///     KernelRule adam(AdamParams{}, adam_step, [](const AdamParams& p) { return ...; });
///     minimize(problem, adam, x0);
///     adam.state().m;  // the first moment after the run
template <class Params, class State>
class KernelRule final : public UpdateRule {
 public:
  /// The first form: `kernel(x, gradient, state, params)`.
  using GradientKernel = void (*)(Vector&, const Vector&, State&, const Params&);
  /// The second form: `kernel(x, gradient_at, state, params)`.
  using LookaheadKernel = void (*)(Vector&, const GradientFunction&, State&, const Params&);
  /// The third form: `kernel(x, loss, gradient, objective, state, params)`.
  using ObjectiveKernel = void (*)(Vector&, double, const Vector&, Objective&, State&,
                                   const Params&);
  /// How the rule names itself from its parameters.
  using NameFunction = NameOf<Params>;

  /// Throws `std::invalid_argument` if `params` is invalid (`Params::validate()`).
  KernelRule(Params params, GradientKernel kernel, std::type_identity_t<NameFunction> name)
      : KernelRule(std::move(params), std::move(name),
                   [kernel](Vector& x, double, const Vector& gradient, Objective&, State& state,
                            const Params& p) { kernel(x, gradient, state, p); }) {}

  /// Throws `std::invalid_argument` if `params` is invalid.
  KernelRule(Params params, LookaheadKernel kernel, std::type_identity_t<NameFunction> name)
      : KernelRule(std::move(params), std::move(name),
                   [kernel](Vector& x, double, const Vector&, Objective& objective, State& state,
                            const Params& p) {
                     const GradientFunction gradient_at = [&objective](const Vector& y) {
                       Vector g;
                       objective.gradient(y, g);
                       return g;
                     };
                     kernel(x, gradient_at, state, p);
                   }) {}

  /// Throws `std::invalid_argument` if `params` is invalid.
  KernelRule(Params params, ObjectiveKernel kernel, std::type_identity_t<NameFunction> name)
      : KernelRule(std::move(params), std::move(name),
                   [kernel](Vector& x, double loss, const Vector& gradient, Objective& objective,
                            State& state,
                            const Params& p) { kernel(x, loss, gradient, objective, state, p); }) {}

  std::string name() const override { return name_(params_); }

  void reset(Index dimension) override {
    state_ = State{};
    state_.reset(dimension, params_);
    dimension_ = dimension;
    started_ = false;
  }

  /// Throws `std::invalid_argument` naming the sizes if `x` or `gradient` does not have the
  /// dimension of the last reset().
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override {
    if (x.size() != dimension_) {
      throw std::invalid_argument("x has " + std::to_string(x.size()) + " entries but " + name() +
                                  " was reset to " + std::to_string(dimension_) + ": call reset(" +
                                  std::to_string(x.size()) + ") first");
    }
    require_size("gradient", gradient, x.size(), "the size of x");
    if constexpr (StartsFromX0<State>) {
      if (!started_) state_.start(x);
    }
    started_ = true;
    step_(x, loss, gradient, objective, state_, params_);
  }

  int state_vectors() const override { return state_.vectors(); }

  bool has_learning_rate() const override {
    return requires(Params p) {
      p.learning_rate;
    };
  }

  double learning_rate() const override {
    if constexpr (requires(Params p) { p.learning_rate; }) {
      return params_.learning_rate;
    } else {
      return UpdateRule::learning_rate();
    }
  }

  void set_learning_rate(double learning_rate) override {
    if constexpr (requires(Params p) { p.learning_rate; }) {
      Params changed = params_;
      changed.learning_rate = learning_rate;
      changed.validate();
      params_ = changed;
    } else {
      UpdateRule::set_learning_rate(learning_rate);
    }
  }

  /// The hyper-parameters it runs with.
  const Params& params() const { return params_; }
  /// The state after the last step (or reset()).
  const State& state() const { return state_; }

 private:
  using Step =
      std::function<void(Vector&, double, const Vector&, Objective&, State&, const Params&)>;

  KernelRule(Params params, NameFunction name, Step step)
      : params_(std::move(params)), name_(std::move(name)), step_(std::move(step)) {
    params_.validate();
  }

  Params params_;
  NameFunction name_;
  Step step_;
  State state_;
  Index dimension_ = 0;
  bool started_ = false;
};

}  // namespace workbook
