#include "workbook/driver.hpp"

#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"

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

// Why the run diverged at iteration k, or an empty string if it did not.
std::string divergence(long k, double f, double f0, const Vector& x, const Vector& g,
                       const StoppingRules& stopping) {
  auto at = [k] { return " at iteration " + std::to_string(k); };
  if (!std::isfinite(f)) return "diverged: loss = " + format_number(f) + at();
  if (!g.allFinite()) return "diverged: the gradient has a NaN or infinite entry" + at();
  if (!x.allFinite()) return "diverged: x has a NaN or infinite entry" + at();
  const double allowed = stopping.divergence_factor * std::max(1.0, std::abs(f0));
  if (f - f0 > allowed) {
    return "diverged: loss = " + format_number(f) + at() + ", up from " + format_number(f0) +
           " at the start (runaway growth: more than " + format_number(allowed) + ")";
  }
  return {};
}

}  // namespace

Result minimize(const Problem& problem, UpdateRule& rule, const Vector& x0,
                const StoppingRules& stopping, std::initializer_list<Observer*> observers) {
  return minimize(problem, rule, x0, stopping, std::vector<Observer*>(observers));
}

Result minimize(const Problem& problem, UpdateRule& rule, const Vector& x0,
                const StoppingRules& stopping, const std::vector<Observer*>& observers) {
  stopping.validate();
  const Index n = problem.dimension();
  require_size("x0", x0, n, "the dimension of " + problem.name());
  require_finite("x0", x0);

  Objective objective(problem);
  rule.reset(n);
  for (Observer* observer : observers) observer->on_start(problem, rule);

  Vector x = x0, x_previous(n), g(n);
  double f = objective.at_iterate(x, g);
  const double f0 = f;
  double f_previous = f;
  double step_length = 0.0;

  Result result;
  auto finish = [&](long k, StopReason reason, std::string message) {
    result.x = x;
    result.loss = f;
    result.gradient_norm = g.norm();
    result.iterations = k;
    result.function_evaluations = objective.function_evaluations();
    result.gradient_evaluations = objective.gradient_evaluations();
    result.hessian_evaluations = objective.hessian_evaluations();
    result.reason = reason;
    result.message = std::move(message);
    for (Observer* observer : observers) observer->on_finish(result);
    return result;
  };

  for (long k = 0;; ++k) {
    const double gradient_norm = g.norm();
    const std::string diverged = divergence(k, f, f0, x, g, stopping);

    // Observers see every iterate, the diverged one included (a trace ends where the run did).
    const IterationInfo info{k, x, f, g, gradient_norm, step_length};
    Observer* stopper = nullptr;
    for (Observer* observer : observers) {
      if (!observer->on_iteration(info) && stopper == nullptr) stopper = observer;
    }

    if (!diverged.empty()) return finish(k, StopReason::diverged, diverged);
    if (stopper != nullptr)
      return finish(k, StopReason::stopped_by_observer, stopper->stop_message());
    if (gradient_norm <= stopping.gradient_tolerance) {
      return finish(k, StopReason::gradient_converged,
                    "converged: |g| = " + format_number(gradient_norm) +
                        " <= " + format_number(stopping.gradient_tolerance) + " after " +
                        iterations_text(k));
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
    rule.step(x, f, g, objective);
    if (x.size() != n) {
      throw std::logic_error("the update rule " + rule.name() + " changed the size of x from " +
                             std::to_string(n) + " to " + std::to_string(x.size()));
    }
    step_length = (x - x_previous).norm();
    f_previous = f;
    f = objective.at_iterate(x, g);  // reuses what the rule evaluated at exactly x_{k+1}
  }
}

}  // namespace workbook
