#include "workbook/driver.hpp"

#include <cmath>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>

#include "workbook/averaging.hpp"
#include "workbook/errors.hpp"
#include "workbook/finite_sum.hpp"
#include "workbook/format.hpp"
#include "workbook/sampling.hpp"
#include "workbook/schedules.hpp"

namespace workbook {

double UpdateRule::learning_rate() const {
  throw std::logic_error(name() + " has no learning rate");
}

void UpdateRule::set_learning_rate(double) {
  throw std::logic_error(name() + " has no learning rate that a schedule could set");
}

void StoppingRules::validate() const {
  require_non_negative("gradient_tolerance", gradient_tolerance);
  require_non_negative("relative_loss_tolerance", relative_loss_tolerance);
  require_non_negative("relative_gradient_tolerance", relative_gradient_tolerance);
  require_at_least("max_iterations", max_iterations, 0);
  require_positive("divergence_factor", divergence_factor);
}

std::string to_string(StopReason reason) {
  switch (reason) {
    case StopReason::gradient_converged:
    case StopReason::loss_converged:
      return "converged";
    case StopReason::max_iterations:
      return "max iterations";
    case StopReason::diverged:
      return "diverged";
    case StopReason::stopped_by_observer:
      return "stopped";
    case StopReason::breakdown:
      return "breakdown";
    case StopReason::max_epochs:
      return "max epochs";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& out, StopReason reason) {
  return out << to_string(reason);
}

bool Result::converged() const {
  return reason == StopReason::gradient_converged || reason == StopReason::loss_converged;
}

namespace {

std::string iterations_text(long k) {
  return std::to_string(k) + (k == 1 ? " iteration" : " iterations");
}

std::string epochs_text(long e) {
  return std::to_string(e) + (e == 1 ? " epoch" : " epochs");
}

double learning_rate_of(const UpdateRule& rule) {
  return rule.has_learning_rate() ? rule.learning_rate() : std::numeric_limits<double>::quiet_NaN();
}

// Why the run diverged at iteration k, or an empty string if it did not. ‖g‖ and the length of
// the last step ‖x_k − x_{k−1}‖ (0 at k = 0) come from the loop: when they are finite, every entry
// of g and of x_k is (x_{k−1} was checked at k − 1, x₀ by run()), and neither is read again; only
// a NaN, an infinity or an overflowing norm sends the check to the entries.
std::string divergence(long k, double f, double f0, const Vector& x, double step_length,
                       const Vector& g, double gradient_norm, const StoppingRules& stopping) {
  auto at = [k] { return " at iteration " + std::to_string(k); };
  if (!std::isfinite(f)) return "diverged: loss = " + format_number(f) + at();
  if (!std::isfinite(gradient_norm) && !g.allFinite()) {
    return "diverged: the gradient has a NaN or infinite entry" + at();
  }
  if (!std::isfinite(step_length) && !x.allFinite()) {
    return "diverged: x has a NaN or infinite entry" + at();
  }
  const double allowed = stopping.divergence_factor * std::max(1.0, std::abs(f0));
  if (f - f0 > allowed) {
    return "diverged: loss = " + format_number(f) + at() + ", up from " + format_number(f0) +
           " at the start (runaway growth: more than " + format_number(allowed) + ")";
  }
  return {};
}

// The one loop of minimize() and train(); `training` is null for minimize().
Result run(const Problem& problem, UpdateRule& rule, const Vector& x0,
           const StoppingRules& stopping, const std::vector<Observer*>& observers,
           const Training* training) {
  stopping.validate();
  const Index n = problem.dimension();
  require_size("x0", x0, n, "the dimension of " + problem.name());
  require_finite("x0", x0);

  Objective objective(problem);
  rule.reset(n);
  BatchSampler* sampler = training != nullptr ? training->sampler : nullptr;
  LearningRateSchedule* schedule = training != nullptr ? training->schedule : nullptr;
  IterateAveraging* average = training != nullptr ? training->average : nullptr;
  if (sampler != nullptr) sampler->reset();
  if (schedule != nullptr) schedule->reset();
  // η of the next step: the schedule's, which the rule is given just before the step (so that a
  // schedule's rate after the last step, 0 for a cosine down to η_min = 0, is never set).
  auto next_learning_rate = [&] {
    return schedule != nullptr ? schedule->learning_rate() : learning_rate_of(rule);
  };
  if (average != nullptr) average->reset();
  for (Observer* observer : observers) observer->on_start(problem, rule);

  Vector x = x0, x_previous(n), g(n);
  double f = 0.0, f0 = 0.0, f_previous = 0.0, gradient_norm0 = 0.0;
  double step_length = 0.0;
  long examples_seen = 0;  // |B_0| + ... + |B_{k-1}|
  long epochs_done = 0;

  Result result;
  auto finish = [&](long k, StopReason reason, std::string message) {
    if (sampler != nullptr && reason != StopReason::diverged) {
      objective.use_batch({});  // a training run reports the full loss at its final iterate
      f = objective.value_and_gradient(x, g);
    }
    result.x = x;
    result.loss = f;
    result.gradient_norm = g.norm();
    result.iterations = k;
    result.function_evaluations = objective.function_evaluations();
    result.gradient_evaluations = objective.gradient_evaluations();
    result.hessian_evaluations = objective.hessian_evaluations();
    result.hessian_vector_products = objective.hessian_vector_products();
    result.reason = reason;
    result.message = std::move(message);
    result.epochs = epochs_done;
    result.examples_seen = examples_seen;
    if (average != nullptr && k > 0) result.average = average->value();
    for (Observer* observer : observers) observer->on_finish(result);
    return result;
  };

  for (long k = 0;; ++k) {
    if (sampler != nullptr) {
      if (k > 0 && sampler->end_of_epoch()) {
        // x_k ends an epoch: the observers see it before the next batch is drawn.
        epochs_done = sampler->epoch();
        const EpochInfo epoch{epochs_done,
                              k,
                              examples_seen,
                              x,
                              average != nullptr ? &average->value() : nullptr,
                              next_learning_rate()};
        Observer* stopper = nullptr;
        for (Observer* observer : observers) {
          if (!observer->on_epoch(epoch) && stopper == nullptr) stopper = observer;
        }
        if (stopper != nullptr) {
          return finish(k, StopReason::stopped_by_observer, stopper->stop_message());
        }
        if (epochs_done >= training->epochs) {
          return finish(k, StopReason::max_epochs,
                        "max epochs: " + epochs_text(epochs_done) + " (" + iterations_text(k) +
                            ", " + std::to_string(examples_seen) + " examples) done");
        }
      }
      objective.use_batch(sampler->next_batch());  // B_k
    }
    f = objective.at_iterate(x, g);  // reuses what the rule evaluated at exactly x_k
    const double gradient_norm = g.norm();
    if (k == 0) {
      f0 = f_previous = f;
      gradient_norm0 = gradient_norm;
    }
    const std::string diverged = divergence(k, f, f0, x, step_length, g, gradient_norm, stopping);

    // Observers see every iterate, the diverged one included (a trace ends where the run did).
    const IterationInfo info{k,
                             x,
                             f,
                             g,
                             gradient_norm,
                             step_length,
                             next_learning_rate(),
                             sampler != nullptr ? sampler->epoch() : 0,
                             examples_seen};
    Observer* stopper = nullptr;
    for (Observer* observer : observers) {
      if (!observer->on_iteration(info) && stopper == nullptr) stopper = observer;
    }

    if (!diverged.empty()) return finish(k, StopReason::diverged, diverged);
    if (stopper != nullptr)
      return finish(k, StopReason::stopped_by_observer, stopper->stop_message());
    // A minibatch gradient of exactly 0 (a batch the model already fits) says nothing of the loss:
    // in training only a positive tolerance stops the run.
    const bool gradient_test = sampler == nullptr || stopping.gradient_tolerance > 0.0;
    if (gradient_test && gradient_norm <= stopping.gradient_tolerance) {
      return finish(k, StopReason::gradient_converged,
                    "converged: |g| = " + format_number(gradient_norm) +
                        " <= " + format_number(stopping.gradient_tolerance) + " after " +
                        iterations_text(k));
    }
    if (gradient_test && stopping.relative_gradient_tolerance > 0.0 &&
        gradient_norm <= stopping.relative_gradient_tolerance * gradient_norm0) {
      return finish(
          k, StopReason::gradient_converged,
          "converged: |g| / |g_0| = " +
              format_number(gradient_norm0 == 0.0 ? 0.0 : gradient_norm / gradient_norm0) + " <= " +
              format_number(stopping.relative_gradient_tolerance) + " after " + iterations_text(k));
    }
    if (k > 0 && stopping.relative_loss_tolerance > 0.0) {
      const double change = std::abs(f - f_previous);
      const double scale = std::max(std::abs(f), std::abs(f_previous));
      if (change <= stopping.relative_loss_tolerance * scale) {
        return finish(k, StopReason::loss_converged,
                      "converged: relative loss change " +
                          format_number(scale == 0.0 ? 0.0 : change / scale) +
                          " <= " + format_number(stopping.relative_loss_tolerance) + " after " +
                          iterations_text(k));
      }
    }
    if (k >= stopping.max_iterations) {
      return finish(k, StopReason::max_iterations,
                    "max iterations: " + iterations_text(k) + " reached; loss = " +
                        format_number(f) + ", |g| = " + format_number(gradient_norm));
    }

    x_previous = x;
    if (schedule != nullptr) rule.set_learning_rate(schedule->learning_rate());
    try {
      rule.step(x, f, g, objective);
    } catch (const Breakdown& breakdown) {
      x = x_previous;  // the run ends at x_k, whatever the rule left in x
      return finish(k, StopReason::breakdown,
                    "breakdown at iteration " + std::to_string(k) + ": " + breakdown.what());
    }
    if (x.size() != n) {
      throw std::logic_error("the update rule " + rule.name() + " changed the size of x from " +
                             std::to_string(n) + " to " + std::to_string(x.size()));
    }
    step_length = (x - x_previous).norm();
    f_previous = f;
    if (sampler != nullptr) {
      examples_seen += static_cast<long>(objective.batch().size());
      // A non-finite x_{k+1} ends the run at the next iteration (diverged); it is not averaged.
      if (average != nullptr && x.allFinite()) average->update(x);
      const bool per_epoch = training->schedule_step == ScheduleStep::per_epoch;
      if (schedule != nullptr && (!per_epoch || sampler->end_of_epoch())) schedule->step();
    }
  }
}

}  // namespace

Result minimize(const Problem& problem, UpdateRule& rule, const Vector& x0,
                const StoppingRules& stopping, std::initializer_list<Observer*> observers) {
  return run(problem, rule, x0, stopping, std::vector<Observer*>(observers), nullptr);
}

Result minimize(const Problem& problem, UpdateRule& rule, const Vector& x0,
                const StoppingRules& stopping, const std::vector<Observer*>& observers) {
  return run(problem, rule, x0, stopping, observers, nullptr);
}

void Training::validate() const {
  if (sampler == nullptr) {
    throw std::invalid_argument("training has no sampler: expected one to draw the minibatches");
  }
  require_at_least("epochs", epochs, 1);
}

Result train(const FiniteSumProblem& problem, UpdateRule& rule, const Vector& x0,
             const Training& training, const StoppingRules& stopping,
             const std::vector<Observer*>& observers) {
  training.validate();
  if (training.sampler->examples() != problem.examples()) {
    throw std::invalid_argument(
        "the sampler draws from N = " + std::to_string(training.sampler->examples()) +
        " examples: expected the " + std::to_string(problem.examples()) + " of " + problem.name());
  }
  if (training.schedule != nullptr && !rule.has_learning_rate()) {
    throw std::invalid_argument("a schedule was given, but the rule " + rule.name() +
                                " has no learning rate for it to set");
  }
  return run(problem, rule, x0, stopping, observers, &training);
}

}  // namespace workbook
