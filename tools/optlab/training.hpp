// Stochastic training in optlab: the flags of a training run (--epochs, --batch-size, --sampler,
// --seed, --schedule and its settings, --warmup-iters, --average and its settings) and the
// sampler, schedule and average they build for workbook::train().
//
// The schedules and averages take their settings from the library's fields (StepLRParams::fields(),
// PolyakAverageParams::fields(), ...): each setting's name, default, range and help are defined
// once, there, and a value out of range is reported by the struct's validate() in command-line
// terms (`--gamma = 0 is invalid: expected --gamma in (0, 1]`).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "workbook/averaging.hpp"
#include "workbook/driver.hpp"
#include "workbook/finite_sum.hpp"
#include "workbook/sampling.hpp"
#include "workbook/schedules.hpp"
#include "workbook/settings.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace optlab {

/// A schedule of `--schedule`: its name, what it is, its settings, and how it is built.
struct ScheduleChoice {
  std::string name;                             ///< "step"
  std::string summary;                          ///< "torch's StepLR: ..."
  std::vector<workbook::SettingInfo> settings;  ///< its settings (`--step-size`, `--gamma`)
  /// The schedule of base learning rate `learning_rate` with the settings given. Throws
  /// `std::invalid_argument` for a setting that does not parse or is out of range, naming its flag.
  std::function<std::unique_ptr<workbook::LearningRateSchedule>(double learning_rate,
                                                                const workbook::Arguments&)>
      make;
};

/// An average of `--average`: its name, what it is, its settings, and how it is built.
struct AverageChoice {
  std::string name;                             ///< "polyak"
  std::string summary;                          ///< "Polyak-Ruppert: ..."
  std::vector<workbook::SettingInfo> settings;  ///< its settings (`--average-start`)
  /// The average with the settings given. Throws `std::invalid_argument` as ScheduleChoice::make.
  std::function<std::unique_ptr<workbook::IterateAveraging>(const workbook::Arguments&)> make;
};

/// The schedules of `--schedule`, with torch's names: constant, step, multistep, exponential,
/// inverse-time, cosine, linear-warmup.
const std::vector<ScheduleChoice>& schedule_choices();

/// The averages of `--average`: polyak, ema.
const std::vector<AverageChoice>& average_choices();

/// The training flags of a command line, as given (an empty text: not given).
struct TrainingOptions {
  std::string epochs;         ///< --epochs E
  std::string batch_size;     ///< --batch-size B; empty: the full batch
  std::string sampler;        ///< --sampler shuffle|replacement; empty: shuffle
  std::string seed;           ///< --seed S; empty: 0
  std::string schedule;       ///< --schedule NAME; empty: none (the optimizer keeps its lr)
  std::string schedule_step;  ///< --schedule-step iteration|epoch; empty: iteration
  std::string warmup_iters;   ///< --warmup-iters N; empty: no warm-up
  std::string average;        ///< --average polyak|ema; empty: none
  bool csv_params = false;    ///< --csv-params
  /// The schedules' and averages' settings given, by setting name: {"gamma": "0.5"}.
  workbook::Arguments settings;
  /// Every training flag given, as spelled on the command line ("--sampler"), in name order.
  std::vector<std::string> given;

  /// Whether the run trains: --epochs or --batch-size was given.
  bool trains() const { return !epochs.empty() || !batch_size.empty(); }
  /// "--epochs", or "--batch-size" when only it turned training on.
  std::string training_flag() const { return !epochs.empty() ? "--epochs" : "--batch-size"; }
};

/// The training flags of one subcommand.
class TrainingFlags {
 public:
  /// Adds to `command` the training flags, listed in a group of their own in its --help, with an
  /// option for every setting of every schedule and average. Add them before the registry's setting
  /// flags (SettingFlags), which refuse a setting that has the name of an option already there.
  explicit TrainingFlags(CLI::App& command);

  /// The training flags given on the command line.
  TrainingOptions options() const;

 private:
  struct Flag {
    CLI::Option* option = nullptr;
    std::string text;  // CLI11 writes the value here; std::map nodes never move
  };
  std::map<std::string, Flag> named_;     // --epochs, --sampler, ...: by setting name
  std::map<std::string, Flag> settings_;  // the schedules' and averages' settings
  CLI::Option* csv_params_ = nullptr;
  bool csv_params_value_ = false;
};

/// What a training run needs, checked and built.
struct TrainingPlan {
  long epochs = 10;                                          ///< \f$E\f$
  std::unique_ptr<workbook::BatchSampler> sampler;           ///< draws the minibatches
  std::unique_ptr<workbook::LearningRateSchedule> schedule;  ///< null: none
  workbook::ScheduleStep schedule_step = workbook::ScheduleStep::per_iteration;
  std::unique_ptr<workbook::IterateAveraging> average;  ///< null: none
  bool csv_params = false;                              ///< write x0, x1, ... in the CSV files

  /// The settings for workbook::train(), pointing into this plan.
  workbook::Training training() const;
  /// "shuffled, 15 batches of 32 per epoch (the last of 8), seed 0"
  std::string sampler_text() const;
};

/// Checks `options` for training `problem` with `rule`, and builds the sampler, the schedule (whose
/// base learning rate is the rule's) and the average. Throws usage_error for a value that does not
/// parse or is out of range (naming the flag, the value and what was expected), an unknown name, a
/// setting that the chosen schedule or average does not take, or a schedule for a rule without a
/// learning rate.
TrainingPlan plan_training(const TrainingOptions& options,
                           const workbook::FiniteSumProblem& problem,
                           const workbook::UpdateRule& rule);

/// Throws usage_error if `options` has a training flag although the run does not train (no
/// --epochs, no --batch-size).
void refuse_training_flags(const TrainingOptions& options);

}  // namespace optlab
