/// \file
/// The one iteration loop every optimizer runs in: update rules, stopping rules, observers, results.
///
/// An optimizer is split in two, as in the notes. The *update rule* is the small stateful object
/// that maps \f$x_k\f$ to \f$x_{k+1}\f$ (gradient descent, momentum, Adam, ...). The *driver*,
/// minimize(), owns everything around it: evaluating \f$f\f$ and \f$\nabla f\f$, the stopping rules,
/// detecting divergence, notifying observers (traces, CSV files, progress lines, early stopping)
/// and reporting why the run stopped.
///
/// Minibatch training (Chapter 2) is the same loop: train() draws the minibatch \f$B_k\f$ of
/// every step from a sampler, lets a schedule set \f$\eta\f$, feeds an average of the iterates
/// and tells the observers when an epoch ends.
#pragma once

#include <initializer_list>
#include <iosfwd>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "workbook/problem.hpp"

namespace workbook {

class BatchSampler;
class FiniteSumProblem;
class IterateAveraging;
class LearningRateSchedule;

/// An update rule: the state an optimizer carries between steps, and the step itself.
///
/// Implementations document their update equation in \f$\LaTeX\f$ and name their state with the
/// symbols of the notes (a velocity \f$v\f$, moments \f$m, v\f$, a step counter \f$t\f$).
class UpdateRule {
 public:
  virtual ~UpdateRule() = default;

  /// The rule's name, as in plot legends: "gd (lr = 0.1)".
  virtual std::string name() const = 0;

  /// Forgets all state and sizes it for \f$n\f$ = `dimension` parameters. The driver calls it
  /// before the first step of every run.
  virtual void reset(Index dimension) = 0;

  /// Moves \f$x_k\f$ (in `x`) to \f$x_{k+1}\f$.
  ///
  /// \param x          \f$x_k\f$ on entry, \f$x_{k+1}\f$ on exit.
  /// \param loss       \f$f(x_k)\f$, already evaluated by the driver.
  /// \param gradient   \f$\nabla f(x_k)\f$, already evaluated by the driver.
  /// \param objective  for rules that need more: a line search's trial values, a lookahead
  ///                   gradient, a Hessian. Every such evaluation is counted.
  virtual void step(Vector& x, double loss, const Vector& gradient, Objective& objective) = 0;

  /// How many vectors of length \f$n\f$ the rule keeps between steps, as reset() sized them: its
  /// memory per parameter.
  virtual int state_vectors() const = 0;

  /// Whether the rule has a learning rate \f$\eta\f$ that a schedule may change between steps.
  virtual bool has_learning_rate() const { return false; }
  /// \f$\eta\f$. Throws `std::logic_error` when has_learning_rate() is false.
  virtual double learning_rate() const;
  /// Sets \f$\eta\f$ for the next steps, as assigning `param_groups[0]["lr"]` does in torch.
  /// Throws `std::invalid_argument` for a value out of range and `std::logic_error` when
  /// has_learning_rate() is false.
  virtual void set_learning_rate(double learning_rate);
};

/// When the driver stops a run. A rule is disabled by setting it to 0.
struct StoppingRules {
  /// Converged when \f$\|\nabla f(x_k)\|_2 \le\f$ `gradient_tolerance`: with 0, only at a gradient
  /// that is exactly 0 — and in train(), where a minibatch gradient of 0 only says that the batch
  /// is fitted, not at all.
  double gradient_tolerance = 1e-8;
  /// Converged when \f$|f_k - f_{k-1}| \le\f$ `relative_loss_tolerance`
  /// \f$\cdot \max(|f_k|, |f_{k-1}|)\f$. Off (0) by default.
  double relative_loss_tolerance = 0.0;
  /// Converged when \f$\|\nabla f(x_k)\|_2 \le\f$ `relative_gradient_tolerance`
  /// \f$\cdot \|\nabla f(x_0)\|_2\f$: on a quadratic \f$\tfrac12 x^\top A x - b^\top x\f$, where
  /// \f$\nabla f = Ax - b = -r\f$, the relative residual \f$\|r_k\| / \|r_0\|\f$ of a linear
  /// solver (\f$\|r_k\|/\|b\|\f$ from \f$x_0 = 0\f$, as Eigen's ConjugateGradient measures it).
  /// Off (0) by default.
  double relative_gradient_tolerance = 0.0;
  /// Stop after this many steps.
  long max_iterations = 10000;
  /// Diverged when \f$f_k - f_0 >\f$ `divergence_factor` \f$\cdot \max(1, |f_0|)\f$ (runaway growth),
  /// or as soon as \f$f\f$, \f$\nabla f\f$ or \f$x\f$ is NaN or infinite.
  double divergence_factor = 1e10;

  /// The stopping rules of a training run that only its epoch budget ends (train()): no gradient
  /// test (a minibatch gradient is noise, not a measure of convergence), no iteration budget.
  static StoppingRules epochs_only() {
    return {.gradient_tolerance = 0.0, .max_iterations = std::numeric_limits<long>::max()};
  }

  /// Throws `std::invalid_argument` for a negative tolerance, a negative iteration budget or a
  /// divergence factor that is not positive.
  void validate() const;
};

/// Why a run stopped.
enum class StopReason {
  gradient_converged,   ///< \f$\|\nabla f\| \le\f$ gradient_tolerance
  loss_converged,       ///< relative loss change \f$\le\f$ relative_loss_tolerance
  max_iterations,       ///< the iteration budget is spent
  diverged,             ///< NaN, infinity, or runaway growth of \f$f\f$
  stopped_by_observer,  ///< an observer (early stopping, a target reached) ended the run
  max_epochs,           ///< train(): the epoch budget is spent
  breakdown  ///< the rule could not step from \f$x_k\f$ (Newton at an indefinite Hessian): Breakdown
};

/// What an update rule throws when it cannot take its step from \f$x_k\f$, for a reason that is a
/// fact about the problem at \f$x_k\f$ and not a bug: plain Newton at a Hessian that is not
/// positive definite, a line search that finds no acceptable step. The driver ends the run with
/// StopReason::breakdown at \f$x_k\f$ (not a crash, not a NaN), and the result's message is the
/// exception's, with the numbers: "the Hessian is not positive definite: ...".
class Breakdown : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "converged", "max iterations", "diverged", "stopped", "max epochs", "breakdown".
std::string to_string(StopReason reason);
/// Writes to_string(reason).
std::ostream& operator<<(std::ostream& out, StopReason reason);

/// What a run returns.
struct Result {
  Vector x;                       ///< the final iterate \f$x_k\f$
  double loss = 0.0;              ///< \f$f(x_k)\f$
  double gradient_norm = 0.0;     ///< \f$\|\nabla f(x_k)\|_2\f$
  long iterations = 0;            ///< steps taken, \f$k\f$
  long function_evaluations = 0;  ///< the rule's and the driver's, each point evaluated once
  long gradient_evaluations = 0;  ///< of \f$\nabla f\f$, the rule's and the driver's
  long hessian_evaluations = 0;   ///< of \f$\nabla^2 f\f$
  /// of \f$\nabla^2 f(x)\,v\f$ without the matrix (Problem::hessian_vector_product())
  long hessian_vector_products = 0;
  StopReason reason = StopReason::max_iterations;  ///< why the run stopped
  /// Why, with the numbers: "converged: |g| = 3.1e-9 <= 1e-8 after 412 iterations".
  std::string message;
  /// train(): the epochs completed (an epoch is one pass of the sampler over the data); 0 for
  /// minimize().
  long epochs = 0;
  /// train(): \f$\sum_k |B_k|\f$, the examples whose gradients the steps used; the measure of cost
  /// at which runs with different batch sizes compare. 0 for minimize().
  long examples_seen = 0;
  /// train() with an average: its final value \f$\bar\theta\f$; empty otherwise.
  Vector average;

  /// True for gradient_converged and loss_converged.
  bool converged() const;
};

/// What an observer sees after each step (and once for the start point, iteration 0).
struct IterationInfo {
  long iteration;          ///< \f$k\f$
  const Vector& x;         ///< \f$x_k\f$
  double loss;             ///< \f$f(x_k)\f$
  const Vector& gradient;  ///< \f$\nabla f(x_k)\f$
  double gradient_norm;    ///< \f$\|\nabla f(x_k)\|_2\f$
  double step_length;      ///< \f$\|x_k - x_{k-1}\|_2\f$ (0 at iteration 0)
  /// \f$\eta\f$ of the step from \f$x_k\f$, for a rule with a learning rate; NaN otherwise.
  double learning_rate = std::numeric_limits<double>::quiet_NaN();
  /// train(): the epoch of the batch \f$B_k\f$ (1 for the first); 0 for minimize().
  long epoch = 0;
  /// train(): the examples used by the steps to \f$x_k\f$, \f$|B_0| + \dots + |B_{k-1}|\f$.
  long examples_seen = 0;
};

/// What an observer sees when train() ends an epoch: the iterate after its last step.
struct EpochInfo {
  long epoch;             ///< \f$e\f$, the epoch just completed (1 for the first)
  long iteration;         ///< \f$k\f$, the steps taken so far
  long examples_seen;     ///< \f$|B_0| + \dots + |B_{k-1}|\f$
  const Vector& x;        ///< \f$x_k\f$
  const Vector* average;  ///< \f$\bar\theta\f$ when the run averages its iterates; null otherwise
  double learning_rate;   ///< \f$\eta\f$ of the next step (NaN for a rule without one)
};

/// Watches a run: records it, writes it out, shows progress, or ends it early.
class Observer {
 public:
  virtual ~Observer() = default;
  /// Before iteration 0.
  virtual void on_start(const Problem& /*problem*/, const UpdateRule& /*rule*/) {}
  /// After every iterate, including the start point. Return false to stop the run; the result
  /// then says stop_message().
  virtual bool on_iteration(const IterationInfo& /*info*/) { return true; }
  /// train(): after the last step of every epoch, before the first batch of the next. Return false
  /// to stop the run.
  virtual bool on_epoch(const EpochInfo& /*info*/) { return true; }
  /// Once, with the result.
  virtual void on_finish(const Result& /*result*/) {}
  /// Why this observer stopped the run, for Result::message.
  virtual std::string stop_message() const { return "stopped by an observer"; }
};

/// Runs `rule` on `problem` from `x0` until a stopping rule fires.
///
/// The loop, for \f$k = 0, 1, \dots\f$: evaluate \f$f(x_k)\f$ and \f$\nabla f(x_k)\f$ (Objective::at_iterate():
/// what the rule's last step already evaluated at exactly \f$x_k\f$ is not evaluated again); stop if they are not
/// finite or \f$f\f$ ran away (diverged); tell the observers; stop if \f$\|\nabla f(x_k)\|\f$ or the
/// loss change is small enough (converged), or if \f$k\f$ reached the budget; otherwise let the rule
/// step to \f$x_{k+1}\f$.
///
/// Throws `std::invalid_argument` if `x0` has the wrong size or a non-finite entry, or if the
/// stopping rules are invalid.
Result minimize(const Problem& problem, UpdateRule& rule, const Vector& x0,
                const StoppingRules& stopping = {},
                std::initializer_list<Observer*> observers = {});

/// As above, with the observers in a vector.
Result minimize(const Problem& problem, UpdateRule& rule, const Vector& x0,
                const StoppingRules& stopping, const std::vector<Observer*>& observers);

/// When a learning-rate schedule steps: after every step, or after the last step of every epoch
/// (what torch's `scheduler.step()` does when it is called in the batch loop, or after it).
enum class ScheduleStep { per_iteration, per_epoch };

/// What makes minimize() minibatch training (Chapter 2).
struct Training {
  /// Draws \f$B_k\f$ for every step; required. Its batch size, sampling (with or without
  /// replacement) and seed are its own; train() resets it, so a run starts from its seed.
  BatchSampler* sampler = nullptr;
  /// The epoch budget \f$E \ge 1\f$: the run stops when \f$E\f$ epochs are done.
  long epochs = 1;
  /// Sets \f$\eta\f$ before every step (torch: the scheduler after `optimizer.step()`); none: the
  /// rule keeps its own. train() resets it.
  LearningRateSchedule* schedule = nullptr;
  /// When the schedule steps.
  ScheduleStep schedule_step = ScheduleStep::per_iteration;
  /// Fed \f$x_{k+1}\f$ after every step (Polyak–Ruppert, EMA); none: no average. train() resets
  /// it.
  IterateAveraging* average = nullptr;

  /// Throws `std::invalid_argument` without a sampler, or for epochs < 1.
  void validate() const;
};

/// Minibatch training of `problem` by `rule` from `x0`: minimize()'s loop with
/// \f$f = L_{B_k}\f$, the loss of the minibatch \f$B_k\f$ the sampler draws for step \f$k\f$.
///
/// Step \f$k\f$: draw \f$B_k\f$; evaluate \f$L_{B_k}(x_k)\f$ and \f$\nabla L_{B_k}(x_k)\f$ (every
/// evaluation the rule makes is on \f$B_k\f$ too); the observers see them; the stopping rules
/// apply to them as in minimize(); the rule steps to \f$x_{k+1}\f$; the average is fed
/// \f$x_{k+1}\f$; the schedule steps (per iteration, or at the end of an epoch). The rule gets the
/// schedule's \f$\eta\f$ just before each step, so the rate after the last step is never set. At
/// the end of an epoch the observers' on_epoch() sees \f$x_{k+1}\f$; after `training.epochs`
/// epochs the run stops (StopReason::max_epochs). on_iteration() sees every \f$x_k\f$ that a batch
/// steps from, with that batch's loss; the final iterate, from which no batch steps, is seen by
/// on_epoch() and on_finish().
///
/// The result's loss and gradient norm are those of the full \f$L\f$ at the final iterate (not of
/// a batch), and it reports the epochs, the examples seen and the average.
///
/// Throws `std::invalid_argument` for invalid training settings, a sampler over another number of
/// examples than the problem's, a rule without a learning rate when there is a schedule, and
/// whatever minimize() throws for.
Result train(const FiniteSumProblem& problem, UpdateRule& rule, const Vector& x0,
             const Training& training, const StoppingRules& stopping = StoppingRules::epochs_only(),
             const std::vector<Observer*>& observers = {});

}  // namespace workbook
