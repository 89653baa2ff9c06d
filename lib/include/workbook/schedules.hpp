/// \file
/// Chapter 2: learning-rate schedules \f$\eta_t\f$, each giving exactly the learning rates of
/// torch.optim.lr_scheduler 1.13, step after step.
///
/// A schedule starts at \f$t = 0\f$ with \f$\eta_0\f$ (what torch's constructor sets) and step()
/// moves to \f$t + 1\f$ (torch's `scheduler.step()`, whose counter torch calls `last_epoch`). The
/// caller decides what a step is: one per iteration, or one per epoch (BatchSampler::end_of_epoch()).
/// The equations below are the schedules' closed forms; several torch schedulers compute them
/// *recursively*, from \f$\eta_{t-1}\f$, and so does each class here, with the same floating-point
/// operations in the same order, so that the doubles agree bit for bit (`lib/tests/test_schedules.cpp`
/// against `lib/testing/golden/`, written by `tools/golden/torch_schedules.py`). A recursive schedule
/// therefore has explicit state: the step count \f$t\f$ and the current \f$\eta_t\f$.
///
/// Symbols: \f$\eta_0\f$ (`base_learning_rate`, torch's initial `lr`), \f$t\f$ the step count,
/// \f$\gamma\f$ (`gamma`) a decay factor.
///
/// The settings of each schedule are fields (settings.hpp): one definition of each name and range
/// serves validate(), the help of command lines and their messages (`--gamma = 0 is invalid:
/// expected --gamma in (0, 1]`).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "workbook/settings.hpp"

namespace workbook {

/// A learning-rate schedule: the step count \f$t\f$ and the learning rate \f$\eta_t\f$.
class LearningRateSchedule {
 public:
  virtual ~LearningRateSchedule() = default;

  /// "cosine_annealing (T_max = 50, eta_min = 0)", for legends.
  virtual std::string name() const = 0;

  /// \f$\eta_0\f$, the learning rate the schedule scales.
  double base_learning_rate() const { return base_learning_rate_; }
  /// \f$\eta_t\f$, the learning rate of the current step.
  double learning_rate() const { return learning_rate_; }
  /// \f$t\f$: the steps taken since construction or the last reset() (torch's `last_epoch`).
  long step_count() const { return t_; }

  /// \f$t \leftarrow t + 1\f$ and \f$\eta_t\f$ as torch's `scheduler.step()` computes it; returns it.
  double step();
  /// Back to \f$t = 0\f$ and \f$\eta_0\f$, the state after construction.
  void reset();

 protected:
  /// Throws `std::invalid_argument` unless `base_learning_rate` \f$> 0\f$.
  explicit LearningRateSchedule(double base_learning_rate);

  /// \f$\eta_0\f$, as torch's constructor sets it (its `get_lr()` at `last_epoch = 0`).
  virtual double first_learning_rate() = 0;
  /// \f$\eta_t\f$ for \f$t \ge 1\f$ from \f$\eta_{t-1}\f$ = `previous`, as torch's `get_lr()` at
  /// `last_epoch = t`.
  virtual double next_learning_rate(long t, double previous) = 0;
  /// The learning rate torch's `scheduler.step(0)` sets: its closed form at \f$t = 0\f$. It differs
  /// from first_learning_rate() only for CosineAnnealingLR. SequentialLR restarts its schedules so.
  virtual double restart_learning_rate() { return first_learning_rate(); }

 private:
  friend class SequentialLR;
  // t = 0 and η = restart_learning_rate(): torch's step(0).
  void restart();

  double base_learning_rate_;
  double learning_rate_ = 0.0;  // η_t
  long t_ = 0;
};

/// A schedule with settings of type `Params`: it checks them once, on construction, and keeps them.
template <class Params>
class ScheduleWithSettings : public LearningRateSchedule {
 public:
  /// The settings it runs with.
  const Params& params() const { return params_; }

 protected:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid
  /// (`params.validate()`).
  ScheduleWithSettings(double base_learning_rate, const Params& params)
      : LearningRateSchedule(base_learning_rate), params_(params) {
    params_.validate();
  }

 private:
  Params params_;
};

/// The learning rates \f$\eta_0, \eta_1, \dots, \eta_{\text{steps}}\f$ of `schedule` from its start
/// (it is reset first, and left at \f$t\f$ = `steps`).
std::vector<double> learning_rates(LearningRateSchedule& schedule, long steps);

// ---------------------------------------------------------------------------------- constant

/// The constant schedule \f$\eta_t = \eta_0\f$ (torch: no scheduler, or `LambdaLR` with
/// \f$\lambda(t) = 1\f$).
class ConstantSchedule final : public LearningRateSchedule {
 public:
  /// Throws `std::invalid_argument` unless `base_learning_rate` \f$> 0\f$.
  explicit ConstantSchedule(double base_learning_rate);
  std::string name() const override { return "constant"; }

 protected:
  double first_learning_rate() override { return base_learning_rate(); }
  double next_learning_rate(long, double) override { return base_learning_rate(); }
};

// ------------------------------------------------------------------------------------- StepLR

/// torch.optim.lr_scheduler.StepLR's settings (`step_size` has no default in torch).
struct StepLRParams {
  /// \f$s\f$, the steps between two decays; \f$\ge 1\f$.
  long step_size = 10;
  /// \f$\gamma\f$, the factor of each decay; in \f$(0, 1]\f$ (torch does not check; a factor above 1
  /// is no decay, and its learning rates overflow).
  double gamma = 0.1;
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<StepLRParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// Decay by \f$\gamma\f$ every \f$s\f$ steps, torch's StepLR:
/// \f[ \eta_t = \eta_0\, \gamma^{\lfloor t/s \rfloor}, \f]
/// computed as torch does, recursively: \f$\eta_t = \gamma\,\eta_{t-1}\f$ when \f$s\f$ divides
/// \f$t\f$, else \f$\eta_t = \eta_{t-1}\f$.
class StepLR final : public ScheduleWithSettings<StepLRParams> {
 public:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid.
  StepLR(double base_learning_rate, const StepLRParams& params);
  std::string name() const override;

 protected:
  double first_learning_rate() override { return base_learning_rate(); }
  /// \f$\eta_t\f$ from \f$\eta_{t-1}\f$ = `previous`, for \f$t \ge 1\f$. Chapter 2's exercise
  /// step_lr (\ref exercises/ch02/step_lr.cpp "the stub").
  double next_learning_rate(long t, double previous) override;
};

// -------------------------------------------------------------------------------- MultiStepLR

/// torch.optim.lr_scheduler.MultiStepLR's settings.
struct MultiStepLRParams {
  /// \f$m_1 < m_2 < \dots\f$, the steps at which the learning rate decays; at least one, each
  /// \f$\ge 1\f$, strictly increasing.
  std::vector<long> milestones = {30, 80};
  /// \f$\gamma\f$, the factor of each decay; in \f$(0, 1]\f$.
  double gamma = 0.1;
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<MultiStepLRParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, or the first
  /// milestone that does not increase, as `naming` says.
  void validate(Naming naming = Naming::code) const;
};

/// Decay by \f$\gamma\f$ at each milestone, torch's MultiStepLR:
/// \f[ \eta_t = \eta_0\, \gamma^{\#\{j \,:\, m_j \le t\}}, \f]
/// computed as torch does, recursively: \f$\eta_t = \gamma\,\eta_{t-1}\f$ when \f$t\f$ is a
/// milestone, else \f$\eta_t = \eta_{t-1}\f$.
class MultiStepLR final : public ScheduleWithSettings<MultiStepLRParams> {
 public:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid.
  MultiStepLR(double base_learning_rate, const MultiStepLRParams& params);
  std::string name() const override;

 protected:
  double first_learning_rate() override { return base_learning_rate(); }
  double next_learning_rate(long t, double previous) override;
};

// ------------------------------------------------------------------------------ ExponentialLR

/// torch.optim.lr_scheduler.ExponentialLR's settings (`gamma` has no default in torch).
struct ExponentialLRParams {
  /// \f$\gamma\f$, the factor of every step; in \f$(0, 1]\f$.
  double gamma = 0.95;
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<ExponentialLRParams>& fields();
  /// Throws `std::invalid_argument` unless gamma is in \f$(0, 1]\f$, naming it as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// Decay by \f$\gamma\f$ at every step, torch's ExponentialLR:
/// \f[ \eta_t = \eta_0\, \gamma^t, \f]
/// computed as torch does, recursively: \f$\eta_t = \gamma\,\eta_{t-1}\f$ (which rounds differently
/// from \f$\eta_0\gamma^t\f$).
class ExponentialLR final : public ScheduleWithSettings<ExponentialLRParams> {
 public:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid.
  ExponentialLR(double base_learning_rate, const ExponentialLRParams& params);
  std::string name() const override;

 protected:
  double first_learning_rate() override { return base_learning_rate(); }
  double next_learning_rate(long t, double previous) override;
};

// ---------------------------------------------------------------------------- inverse time

/// The inverse-time schedule's setting.
struct InverseTimeParams {
  /// \f$k\f$, the decay rate; \f$\ge 0\f$ (0: constant).
  double decay = 0.01;
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<InverseTimeParams>& fields();
  /// Throws `std::invalid_argument` unless decay \f$\ge 0\f$, naming it as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// The inverse-time decay of stochastic approximation (Robbins–Monro: \f$\sum_t\eta_t = \infty\f$,
/// \f$\sum_t\eta_t^2 < \infty\f$),
/// \f[ \eta_t = \frac{\eta_0}{1 + k t}, \f]
/// computed as torch's `LambdaLR` with \f$\lambda(t) = 1/(1 + kt)\f$ does: \f$\eta_0 \cdot \lambda(t)\f$.
class InverseTimeSchedule final : public ScheduleWithSettings<InverseTimeParams> {
 public:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid.
  InverseTimeSchedule(double base_learning_rate, const InverseTimeParams& params);
  std::string name() const override;

 protected:
  double first_learning_rate() override { return next_learning_rate(0, 0.0); }
  double next_learning_rate(long t, double previous) override;
};

// -------------------------------------------------------------------------- CosineAnnealingLR

/// torch.optim.lr_scheduler.CosineAnnealingLR's settings (`T_max` has no default in torch).
struct CosineAnnealingLRParams {
  /// \f$T_{\max}\f$, the steps from \f$\eta_0\f$ down to \f$\eta_{\min}\f$; \f$\ge 1\f$.
  long T_max = 100;
  /// \f$\eta_{\min}\f$, the learning rate at \f$t = T_{\max}\f$; \f$\ge 0\f$.
  double eta_min = 0.0;
  /// Its fields: names, ranges and help (settings.hpp); \f$T_{\max}\f$ is the setting `t_max`.
  static const Settings<CosineAnnealingLRParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// Cosine annealing, torch's CosineAnnealingLR (the annealing of SGDR, without restarts):
/// \f[ \eta_t = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})\Big(1 + \cos\frac{\pi t}{T_{\max}}\Big), \f]
/// from \f$\eta_0\f$ at \f$t = 0\f$ to \f$\eta_{\min}\f$ at \f$t = T_{\max}\f$, and back up after (the
/// cosine is periodic; torch does not stop at \f$T_{\max}\f$).
///
/// torch 1.13 computes it recursively, and so does this class:
/// \f[ \eta_t = \frac{1 + \cos(\pi t/T_{\max})}{1 + \cos(\pi (t - 1)/T_{\max})}\,(\eta_{t-1} - \eta_{\min})
///              + \eta_{\min}, \f]
/// except where the denominator vanishes, \f$t - 1 - T_{\max}\f$ a multiple of \f$2T_{\max}\f$, where
/// \f$\eta_t = \eta_{t-1} + \tfrac12(\eta_0 - \eta_{\min})(1 - \cos(\pi/T_{\max}))\f$. The two agree
/// with the closed form up to rounding; the recursion is what torch's learning rates are.
class CosineAnnealingLR final : public ScheduleWithSettings<CosineAnnealingLRParams> {
 public:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid.
  CosineAnnealingLR(double base_learning_rate, const CosineAnnealingLRParams& params);
  std::string name() const override;

 protected:
  double first_learning_rate() override { return base_learning_rate(); }
  double next_learning_rate(long t, double previous) override;
  /// The closed form at \f$t = 0\f$, \f$\eta_{\min} + (\eta_0 - \eta_{\min})\f$ as rounded.
  double restart_learning_rate() override;
};

// ------------------------------------------------------------------------------------ LinearLR

/// torch.optim.lr_scheduler.LinearLR's settings, with its defaults.
struct LinearLRParams {
  /// \f$f_0\f$, the factor of \f$\eta_0\f$ at \f$t = 0\f$; in \f$(0, 1]\f$.
  double start_factor = 1.0 / 3.0;
  /// \f$f_1\f$, the factor from \f$t = T\f$ on; in \f$[0, 1]\f$.
  double end_factor = 1.0;
  /// \f$T\f$, the steps from \f$f_0\f$ to \f$f_1\f$; \f$\ge 1\f$.
  long total_iters = 5;
  /// Its fields: names, ranges and help (settings.hpp).
  static const Settings<LinearLRParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// A linear change of the factor, torch's LinearLR; with \f$f_0 < f_1 = 1\f$, a warm-up:
/// \f[ \eta_t = \eta_0\Big(f_0 + (f_1 - f_0)\frac{\min(t, T)}{T}\Big), \f]
/// computed as torch does, recursively: \f$\eta_0 \cdot f_0\f$ at \f$t = 0\f$, then
/// \f$\eta_t = \eta_{t-1}\Big(1 + \dfrac{f_1 - f_0}{T f_0 + (t - 1)(f_1 - f_0)}\Big)\f$ for
/// \f$1 \le t \le T\f$, and \f$\eta_t = \eta_{t-1}\f$ after.
class LinearLR final : public ScheduleWithSettings<LinearLRParams> {
 public:
  /// Throws `std::invalid_argument` if `base_learning_rate` \f$\le 0\f$ or `params` is invalid.
  LinearLR(double base_learning_rate, const LinearLRParams& params);
  std::string name() const override;

 protected:
  double first_learning_rate() override;
  double next_learning_rate(long t, double previous) override;
};

// -------------------------------------------------------------------------------- SequentialLR

/// torch.optim.lr_scheduler.SequentialLR's settings.
struct SequentialLRParams {
  /// \f$M_1 < M_2 < \dots\f$: schedule \f$j\f$ (from 0) runs from step \f$M_j\f$ (\f$M_0 = 0\f$) on;
  /// one fewer than the schedules, each \f$\ge 1\f$, strictly increasing.
  std::vector<long> milestones = {5};
  /// Throws `std::invalid_argument` naming the first value out of its range (SequentialLR also
  /// checks that there is one milestone fewer than schedules).
  void validate() const;
};

/// Schedules one after another, torch's SequentialLR: typically a warm-up (LinearLR) followed by
/// a decay.
///
/// Schedule 0 runs from \f$t = 0\f$; at a milestone \f$t = M_j\f$, schedule \f$j\f$ *restarts*: its
/// own count returns to 0 and its learning rate is its closed form at 0 (torch calls its
/// `step(0)`), so that from there on \f$\eta_t\f$ is schedule \f$j\f$'s \f$\eta_{t - M_j}\f$:
/// \f[ \eta_t = \eta^{(j)}_{t - M_j} \quad\text{for } M_j \le t < M_{j+1}. \f]
/// The value just before a milestone plays no part: a warm-up that has not reached \f$\eta_0\f$ at
/// the milestone jumps to the next schedule's start, and one that reached it early stays flat. For
/// CosineAnnealingLR the restart value is \f$\eta_{\min} + (\eta_0 - \eta_{\min})\f$ as rounded,
/// which may differ from \f$\eta_0\f$ in the last bit, as in torch 1.13.
class SequentialLR final : public ScheduleWithSettings<SequentialLRParams> {
 public:
  /// Takes ownership of `schedules`. Throws `std::invalid_argument` if there is none, `params` is
  /// invalid, the milestones are not one fewer than the schedules, or the schedules do not share
  /// one base learning rate (torch: they must belong to one optimizer).
  SequentialLR(std::vector<std::unique_ptr<LearningRateSchedule>> schedules,
               const SequentialLRParams& params);
  std::string name() const override;
  /// The schedule in charge of the current step.
  const LearningRateSchedule& current() const { return *schedules_[current_]; }

 protected:
  double first_learning_rate() override;
  double next_learning_rate(long t, double previous) override;

 private:
  static double common_base(const std::vector<std::unique_ptr<LearningRateSchedule>>& schedules);

  std::vector<std::unique_ptr<LearningRateSchedule>> schedules_;
  std::size_t current_ = 0;
};

}  // namespace workbook
