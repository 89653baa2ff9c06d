// Chapter 2: learning-rate schedules, each computing what torch.optim.lr_scheduler 1.13 computes,
// with the same floating-point operations in the same order (the comments quote torch's get_lr()).
#include "workbook/schedules.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <utility>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"

namespace workbook {

namespace {

constexpr double pi = std::numbers::pi;  // Python's math.pi, the same double

// γ in (0, 1]: a decay, the field of StepLR, MultiStepLR and ExponentialLR.
template <class Params>
Field<Params, double> gamma_field(std::string help) {
  return {&Params::gamma, "gamma", "gamma", Range::left_open(0.0, 1.0), std::move(help)};
}

// Milestones m_1 < m_2 < ..., each >= 1.
void require_milestones(const std::vector<long>& milestones) {
  for (std::size_t j = 0; j < milestones.size(); ++j) {
    const std::string name = "milestones[" + std::to_string(j) + "]";
    require_at_least(name, milestones[j], 1);
    if (j > 0 && milestones[j] <= milestones[j - 1]) {
      throw std::invalid_argument(name + " = " + std::to_string(milestones[j]) +
                                  " is invalid: expected milestones strictly increasing, after " +
                                  "milestones[" + std::to_string(j - 1) +
                                  "] = " + std::to_string(milestones[j - 1]));
    }
  }
}

std::string list_text(const std::vector<long>& values) {
  std::string text;
  for (long v : values) text += (text.empty() ? "" : ", ") + std::to_string(v);
  return "[" + text + "]";
}

}  // namespace

// ------------------------------------------------------------------------ LearningRateSchedule

LearningRateSchedule::LearningRateSchedule(double base_learning_rate)
    : base_learning_rate_(base_learning_rate) {
  require_positive("base_learning_rate", base_learning_rate);
}

double LearningRateSchedule::step() {
  ++t_;
  learning_rate_ = next_learning_rate(t_, learning_rate_);
  return learning_rate_;
}

void LearningRateSchedule::reset() {
  t_ = 0;
  learning_rate_ = first_learning_rate();
}

void LearningRateSchedule::restart() {
  t_ = 0;
  learning_rate_ = restart_learning_rate();
}

std::vector<double> learning_rates(LearningRateSchedule& schedule, long steps) {
  require_at_least("steps", steps, 0);
  schedule.reset();
  std::vector<double> rates{schedule.learning_rate()};
  for (long t = 1; t <= steps; ++t) rates.push_back(schedule.step());
  return rates;
}

// ------------------------------------------------------------------------------------ constant

ConstantSchedule::ConstantSchedule(double base_learning_rate)
    : LearningRateSchedule(base_learning_rate) {
  reset();
}

// -------------------------------------------------------------------------------------- StepLR

const Settings<StepLRParams>& StepLRParams::fields() {
  static const auto fields = Settings<StepLRParams>()
                                 .add(&StepLRParams::step_size, "step_size", "step_size",
                                      Range::at_least(1), "steps s between two decays")
                                 .add(gamma_field<StepLRParams>("factor gamma of each decay"));
  return fields;
}

StepLR::StepLR(double base_learning_rate, const StepLRParams& params)
    : ScheduleWithSettings(base_learning_rate, params) {
  reset();
}

std::string StepLR::name() const {
  return "step (step_size = " + std::to_string(params().step_size) +
         ", gamma = " + format_number(params().gamma) + ")";
}

// StepLR::next_learning_rate() is Chapter 2's exercise step_lr (exercises/ch02/step_lr.cpp).

// --------------------------------------------------------------------------------- MultiStepLR

const Settings<MultiStepLRParams>& MultiStepLRParams::fields() {
  static const auto fields =
      Settings<MultiStepLRParams>()
          .add(&MultiStepLRParams::milestones, "milestones", "milestones", Range::at_least(1),
               "steps m_1 < m_2 < ... at which the learning rate decays")
          .add(gamma_field<MultiStepLRParams>("factor gamma of each decay"));
  return fields;
}

void MultiStepLRParams::validate(Naming naming) const {
  const std::string name = fields().name("milestones", naming);
  if (milestones.empty()) {
    throw std::invalid_argument(name + " is empty: expected at least one milestone");
  }
  fields().check(*this, naming);  // each milestone >= 1, gamma
  if (naming == Naming::code) {
    require_milestones(milestones);  // names the milestone that does not increase by its index
    return;
  }
  for (std::size_t j = 1; j < milestones.size(); ++j) {
    if (milestones[j] <= milestones[j - 1]) {
      Range::fail(name + " = " + setting_text(milestones),
                  name + " strictly increasing (" + std::to_string(milestones[j]) +
                      " comes after " + std::to_string(milestones[j - 1]) + ")");
    }
  }
}

MultiStepLR::MultiStepLR(double base_learning_rate, const MultiStepLRParams& params)
    : ScheduleWithSettings(base_learning_rate, params) {
  reset();
}

std::string MultiStepLR::name() const {
  return "multistep (milestones = " + list_text(params().milestones) +
         ", gamma = " + format_number(params().gamma) + ")";
}

double MultiStepLR::next_learning_rate(long t, double previous) {
  // torch: group['lr'] * gamma ** milestones[last_epoch] at a milestone (counted once: gamma ** 1
  // is gamma), else group['lr']
  const bool milestone =
      std::binary_search(params().milestones.begin(), params().milestones.end(), t);
  return milestone ? previous * params().gamma : previous;
}

// ------------------------------------------------------------------------------- ExponentialLR

const Settings<ExponentialLRParams>& ExponentialLRParams::fields() {
  static const auto fields = Settings<ExponentialLRParams>().add(
      gamma_field<ExponentialLRParams>("factor gamma of every step"));
  return fields;
}

ExponentialLR::ExponentialLR(double base_learning_rate, const ExponentialLRParams& params)
    : ScheduleWithSettings(base_learning_rate, params) {
  reset();
}

std::string ExponentialLR::name() const {
  return "exponential (gamma = " + format_number(params().gamma) + ")";
}

double ExponentialLR::next_learning_rate(long, double previous) {
  return previous * params().gamma;  // torch: group['lr'] * gamma
}

// ------------------------------------------------------------------------------- inverse time

const Settings<InverseTimeParams>& InverseTimeParams::fields() {
  static const auto fields =
      Settings<InverseTimeParams>().add(&InverseTimeParams::decay, "decay", "decay",
                                        Range::non_negative(), "decay rate k of lr / (1 + k t)");
  return fields;
}

InverseTimeSchedule::InverseTimeSchedule(double base_learning_rate, const InverseTimeParams& params)
    : ScheduleWithSettings(base_learning_rate, params) {
  reset();
}

std::string InverseTimeSchedule::name() const {
  return "inverse_time (decay = " + format_number(params().decay) + ")";
}

double InverseTimeSchedule::next_learning_rate(long t, double) {
  // torch's LambdaLR: base_lr * lmbda(last_epoch), lmbda(t) = 1.0 / (1.0 + k * t)
  return base_learning_rate() * (1.0 / (1.0 + params().decay * static_cast<double>(t)));
}

// --------------------------------------------------------------------------- CosineAnnealingLR

const Settings<CosineAnnealingLRParams>& CosineAnnealingLRParams::fields() {
  static const auto fields = Settings<CosineAnnealingLRParams>()
                                 .add(&CosineAnnealingLRParams::T_max, "T_max", "t_max",
                                      Range::at_least(1), "steps T_max from lr down to eta_min")
                                 .add(&CosineAnnealingLRParams::eta_min, "eta_min", "eta_min",
                                      Range::non_negative(), "learning rate eta_min at step T_max");
  return fields;
}

CosineAnnealingLR::CosineAnnealingLR(double base_learning_rate,
                                     const CosineAnnealingLRParams& params)
    : ScheduleWithSettings(base_learning_rate, params) {
  reset();
}

std::string CosineAnnealingLR::name() const {
  return "cosine_annealing (T_max = " + std::to_string(params().T_max) +
         ", eta_min = " + format_number(params().eta_min) + ")";
}

double CosineAnnealingLR::next_learning_rate(long t, double previous) {
  const double eta_min = params().eta_min;
  const double T_max = static_cast<double>(params().T_max);
  if ((t - 1 - params().T_max) % (2 * params().T_max) == 0) {
    // torch: group['lr'] + (base_lr - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
    return previous + (base_learning_rate() - eta_min) * (1.0 - std::cos(pi / T_max)) / 2.0;
  }
  // torch: (1 + math.cos(math.pi * last_epoch / T_max)) /
  //        (1 + math.cos(math.pi * (last_epoch - 1) / T_max)) * (group['lr'] - eta_min) + eta_min
  const double now = 1.0 + std::cos(pi * static_cast<double>(t) / T_max);
  const double before = 1.0 + std::cos(pi * static_cast<double>(t - 1) / T_max);
  return now / before * (previous - eta_min) + eta_min;
}

double CosineAnnealingLR::restart_learning_rate() {
  // torch's closed form at last_epoch = 0:
  // eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * 0 / T_max)) / 2
  const double eta_min = params().eta_min;
  const double T_max = static_cast<double>(params().T_max);
  return eta_min + (base_learning_rate() - eta_min) * (1.0 + std::cos(pi * 0.0 / T_max)) / 2.0;
}

// ------------------------------------------------------------------------------------ LinearLR

const Settings<LinearLRParams>& LinearLRParams::fields() {
  static const auto fields =
      Settings<LinearLRParams>()
          .add(&LinearLRParams::start_factor, "start_factor", "start_factor",
               Range::left_open(0.0, 1.0), "factor f_0 of lr at step 0")
          .add(&LinearLRParams::end_factor, "end_factor", "end_factor", Range::closed(0.0, 1.0),
               "factor f_1 of lr from step total_iters on")
          .add(&LinearLRParams::total_iters, "total_iters", "total_iters", Range::at_least(1),
               "steps T from f_0 to f_1");
  return fields;
}

LinearLR::LinearLR(double base_learning_rate, const LinearLRParams& params)
    : ScheduleWithSettings(base_learning_rate, params) {
  reset();
}

std::string LinearLR::name() const {
  return "linear (start_factor = " + format_number(params().start_factor) +
         ", end_factor = " + format_number(params().end_factor) +
         ", total_iters = " + std::to_string(params().total_iters) + ")";
}

double LinearLR::first_learning_rate() {
  return base_learning_rate() * params().start_factor;  // torch: group['lr'] * start_factor
}

double LinearLR::next_learning_rate(long t, double previous) {
  if (t > params().total_iters) return previous;
  // torch: group['lr'] * (1. + (end_factor - start_factor) /
  //        (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor)))
  const double f0 = params().start_factor, f1 = params().end_factor;
  const double T = static_cast<double>(params().total_iters);
  return previous * (1.0 + (f1 - f0) / (T * f0 + static_cast<double>(t - 1) * (f1 - f0)));
}

// -------------------------------------------------------------------------------- SequentialLR

void SequentialLRParams::validate() const {
  require_milestones(milestones);
}

double SequentialLR::common_base(
    const std::vector<std::unique_ptr<LearningRateSchedule>>& schedules) {
  if (schedules.empty())
    throw std::invalid_argument("schedules is empty: expected at least one schedule");
  for (std::size_t j = 0; j < schedules.size(); ++j) {
    if (!schedules[j]) throw std::invalid_argument("schedules[" + std::to_string(j) + "] is null");
    if (schedules[j]->base_learning_rate() != schedules[0]->base_learning_rate()) {
      throw std::invalid_argument(
          "schedules[" + std::to_string(j) +
          "] has base_learning_rate = " + format_number(schedules[j]->base_learning_rate(), 17) +
          ", schedules[0] " + format_number(schedules[0]->base_learning_rate(), 17) +
          ": expected one base learning rate (the optimizer's)");
    }
  }
  return schedules[0]->base_learning_rate();
}

SequentialLR::SequentialLR(std::vector<std::unique_ptr<LearningRateSchedule>> schedules,
                           const SequentialLRParams& params)
    : ScheduleWithSettings(common_base(schedules), params), schedules_(std::move(schedules)) {
  if (params.milestones.size() + 1 != schedules_.size()) {
    throw std::invalid_argument("milestones has " + std::to_string(params.milestones.size()) +
                                " entries for " + std::to_string(schedules_.size()) +
                                " schedules: expected one milestone fewer");
  }
  reset();
}

std::string SequentialLR::name() const {
  std::string text;
  for (const auto& schedule : schedules_) text += (text.empty() ? "" : ", ") + schedule->name();
  return "sequential (" + text + "; milestones = " + list_text(params().milestones) + ")";
}

double SequentialLR::first_learning_rate() {
  // torch: every schedule's counter back, then the first schedule's initial step from base_lr.
  for (auto& schedule : schedules_) schedule->reset();
  current_ = 0;
  return schedules_[0]->learning_rate();
}

double SequentialLR::next_learning_rate(long t, double) {
  // torch: idx = bisect_right(milestones, last_epoch); step(0) at a milestone, else step()
  const auto& m = params().milestones;
  current_ = static_cast<std::size_t>(std::upper_bound(m.begin(), m.end(), t) - m.begin());
  LearningRateSchedule& schedule = *schedules_[current_];
  if (current_ > 0 && m[current_ - 1] == t) {
    schedule.restart();
  } else {
    schedule.step();
  }
  return schedule.learning_rate();
}

}  // namespace workbook
