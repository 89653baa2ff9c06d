#include "training.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <limits>

#include "settings_flags.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"

namespace optlab {

using workbook::Arguments;
using workbook::Index;
using workbook::SettingInfo;

namespace {

// A schedule whose settings are the fields of `Params`, but for those in `fixed`, which keep their
// defaults (linear-warmup ends at the optimizer's lr: its end_factor is 1).
template <class Schedule, class Params>
ScheduleChoice schedule_choice(std::string name, std::string summary,
                               const std::vector<std::string>& fixed = {}) {
  std::vector<SettingInfo> settings = Params::fields().infos();
  std::erase_if(settings, [&](const SettingInfo& info) {
    return std::find(fixed.begin(), fixed.end(), info.name) != fixed.end();
  });
  return {name, std::move(summary), std::move(settings),
          [name](double learning_rate, const Arguments& arguments) {
            const Params params = Params::fields().read(arguments, name);
            params.validate(workbook::Naming::flag);
            return std::unique_ptr<workbook::LearningRateSchedule>(
                std::make_unique<Schedule>(learning_rate, params));
          }};
}

template <class Average, class Params>
AverageChoice average_choice(std::string name, std::string summary) {
  return {name, std::move(summary), Params::fields().infos(), [name](const Arguments& arguments) {
            const Params params = Params::fields().read(arguments, name);
            params.validate(workbook::Naming::flag);
            return std::unique_ptr<workbook::IterateAveraging>(std::make_unique<Average>(params));
          }};
}

// The entry of `choices` called `name`; throws usage_error listing the others.
template <class Choice>
const Choice& find_choice(const std::vector<Choice>& choices, const std::string& name,
                          const std::string& flag) {
  std::vector<std::string> names;
  for (const Choice& choice : choices) {
    if (choice.name == name) return choice;
    names.push_back(choice.name);
  }
  throw usage_error("unknown " + flag + " '" + name + "': expected one of " + join(names));
}

// The index of `text` in `words` (the first when `text` is empty, the default); throws
// usage_error naming the flag and the words it takes.
std::size_t find_word(const std::string& text, const std::vector<std::string>& words,
                      const std::string& flag) {
  if (text.empty()) return 0;
  const auto found = std::find(words.begin(), words.end(), text);
  if (found == words.end()) {
    throw usage_error("unknown " + flag + " '" + text + "': expected " + join(words, " or "));
  }
  return static_cast<std::size_t>(found - words.begin());
}

// Why a schedule's or an average's setting cannot go where it was given.
std::string not_taken(const std::string& name, const ScheduleChoice* schedule,
                      const AverageChoice* average) {
  std::vector<std::string> schedules, averages;
  for (const ScheduleChoice& choice : schedule_choices()) {
    if (takes(choice.settings, name)) schedules.push_back(choice.name);
  }
  for (const AverageChoice& choice : average_choices()) {
    if (takes(choice.settings, name)) averages.push_back(choice.name);
  }
  const std::string flag = flag_of(name);
  if (!averages.empty()) {
    const std::string owners = "--average " + join(averages, ", ");
    if (average == nullptr) {
      return flag + " is given without --average: it belongs to " + owners;
    }
    return flag + " is not a setting of --average " + average->name +
           " (its settings: " + flags_text(average->settings) + "): it belongs to " + owners;
  }
  std::string owners = "--schedule " + join(schedules, ", ");
  if (name == "start_factor") owners += " and to the warm-up of --warmup-iters";
  if (schedule == nullptr) {
    return flag + " is given without --schedule: it belongs to " + owners;
  }
  return flag + " is not a setting of --schedule " + schedule->name + " (" +
         (schedule->settings.empty() ? "it takes none"
                                     : "its settings: " + flags_text(schedule->settings)) +
         "): it belongs to " + owners;
}

// The flags of TrainingFlags other than the settings, with their help.
struct NamedFlag {
  const char* name;  // the setting's name: batch_size is --batch-size
  const char* placeholder;
  const char* help;
};

const NamedFlag named_flags[] = {
    {"epochs", "E",
     "train on minibatches for E epochs (default 10 when only --batch-size is given)"},
    {"batch_size", "B", "examples per minibatch (default: all of them, the full batch)"},
    {"sampler", "shuffle|replacement",
     "shuffle: every example once per epoch (default); replacement: drawn uniformly"},
    {"seed", "S",
     "seed of the sampler, and of the initialisation of a network problem's parameters (default "
     "0)"},
    {"schedule", "NAME",
     "learning-rate schedule, as torch.optim.lr_scheduler: constant, step, multistep, "
     "exponential, inverse-time, cosine, linear-warmup (default: none, the optimizer's lr)"},
    {"schedule_step", "iteration|epoch",
     "when the schedule steps: after every iteration (default) or every epoch"},
    {"warmup_iters", "N",
     "prepend a linear warm-up of N schedule steps from --start-factor * lr to lr (torch's "
     "SequentialLR of LinearLR and --schedule)"},
    {"average", "polyak|ema", "also average the iterates (default: none)"},
};

}  // namespace

// ---------------------------------------------------------------------------------- the choices

const std::vector<ScheduleChoice>& schedule_choices() {
  static const std::vector<ScheduleChoice> choices = [] {
    std::vector<ScheduleChoice> c;
    c.push_back({"constant",
                 "lr at every step (torch: no scheduler)",
                 {},
                 [](double learning_rate, const Arguments&) {
                   return std::unique_ptr<workbook::LearningRateSchedule>(
                       std::make_unique<workbook::ConstantSchedule>(learning_rate));
                 }});
    c.push_back(schedule_choice<workbook::StepLR, workbook::StepLRParams>(
        "step", "torch's StepLR: lr * gamma^floor(t / step_size)"));
    c.push_back(schedule_choice<workbook::MultiStepLR, workbook::MultiStepLRParams>(
        "multistep", "torch's MultiStepLR: lr times gamma at each milestone"));
    c.push_back(schedule_choice<workbook::ExponentialLR, workbook::ExponentialLRParams>(
        "exponential", "torch's ExponentialLR: lr * gamma^t"));
    c.push_back(schedule_choice<workbook::InverseTimeSchedule, workbook::InverseTimeParams>(
        "inverse-time", "lr / (1 + decay * t), as torch's LambdaLR"));
    c.push_back(schedule_choice<workbook::CosineAnnealingLR, workbook::CosineAnnealingLRParams>(
        "cosine", "torch's CosineAnnealingLR: from lr down to eta_min in t_max steps"));
    c.push_back(schedule_choice<workbook::LinearLR, workbook::LinearLRParams>(
        "linear-warmup",
        "torch's LinearLR: from start_factor * lr up to lr in total_iters steps, then lr",
        {"end_factor"}));
    return c;
  }();
  return choices;
}

const std::vector<AverageChoice>& average_choices() {
  static const std::vector<AverageChoice> choices = {
      average_choice<workbook::PolyakAverage, workbook::PolyakAverageParams>(
          "polyak", "Polyak-Ruppert: the mean of the iterates after the first average_start"),
      average_choice<workbook::ExponentialAverage, workbook::ExponentialAverageParams>(
          "ema", "exponential moving average of the iterates: weight ema_decay on the past"),
  };
  return choices;
}

// --------------------------------------------------------------------------------- TrainingFlags

TrainingFlags::TrainingFlags(CLI::App& command) {
  const std::string group = "Training (see `optlab list training`)";
  for (const NamedFlag& named : named_flags) {
    Flag& flag = named_[named.name];
    flag.option = command.add_option(flag_of(named.name), flag.text, named.help);
    flag.option->type_name(named.placeholder)->group(group);
  }
  csv_params_ =
      command.add_flag("--csv-params", csv_params_value_,
                       "training runs: also write the parameters x0, x1, ... in the CSV files");
  csv_params_->group(group);

  // One option per setting of the schedules and the averages, saying which of them take it.
  struct Description {
    std::string kind, help;
    std::vector<std::string> takers;
  };
  std::map<std::string, Description> descriptions;
  std::vector<std::string> order;
  auto gather = [&](const std::string& owner, const std::vector<SettingInfo>& settings) {
    for (const SettingInfo& info : settings) {
      auto [it, added] = descriptions.try_emplace(info.name);
      if (added) {
        it->second.kind = info.kind;
        it->second.help = info.help;
        order.push_back(info.name);
      }
      it->second.takers.push_back(owner);
    }
  };
  for (const ScheduleChoice& choice : schedule_choices()) gather(choice.name, choice.settings);
  descriptions.at("start_factor").takers.push_back("--warmup-iters");
  for (const AverageChoice& choice : average_choices()) gather(choice.name, choice.settings);
  for (const std::string& name : order) {
    const Description& description = descriptions.at(name);
    Flag& flag = settings_[name];
    flag.option = command.add_option(flag_of(name), flag.text,
                                     description.help + " [" + join(description.takers) + "]");
    flag.option->type_name(value_placeholder(description.kind))->group(group);
  }
}

TrainingOptions TrainingFlags::options() const {
  TrainingOptions options;
  std::map<std::string, std::string*> fields = {{"epochs", &options.epochs},
                                                {"batch_size", &options.batch_size},
                                                {"sampler", &options.sampler},
                                                {"seed", &options.seed},
                                                {"schedule", &options.schedule},
                                                {"schedule_step", &options.schedule_step},
                                                {"warmup_iters", &options.warmup_iters},
                                                {"average", &options.average}};
  for (const auto& [name, flag] : named_) {
    if (flag.option->count() == 0) continue;
    // An empty text stands for "not given" in TrainingOptions: refuse it as a value.
    if (flag.text.empty()) throw usage_error(flag_of(name) + ": '' is not a value");
    *fields.at(name) = flag.text;
    options.given.push_back(flag_of(name));
  }
  for (const auto& [name, flag] : settings_) {
    if (flag.option->count() == 0) continue;
    options.settings[name] = flag.text;
    options.given.push_back(flag_of(name));
  }
  if (csv_params_->count() > 0) {
    options.csv_params = csv_params_value_;
    options.given.push_back("--csv-params");
  }
  return options;
}

// ---------------------------------------------------------------------------------- the plan

workbook::Training TrainingPlan::training() const {
  return {.sampler = sampler.get(),
          .epochs = epochs,
          .schedule = schedule.get(),
          .schedule_step = schedule_step,
          .average = average.get()};
}

std::string TrainingPlan::sampler_text() const {
  const Index n = sampler->examples(), b = sampler->params().batch_size;
  const long batches = sampler->batches_per_epoch();
  const bool shuffled = dynamic_cast<const workbook::ShuffledSampler*>(sampler.get()) != nullptr;
  std::string text = shuffled ? "shuffled" : "drawn with replacement";
  text += ", " + std::to_string(batches) + (batches == 1 ? " batch" : " batches") + " of " +
          std::to_string(b) + " per epoch";
  if (shuffled && n % b != 0) text += " (the last of " + std::to_string(n % b) + ")";
  return text + ", seed " + std::to_string(sampler->params().seed);
}

void refuse_training_flags(const TrainingOptions& options) {
  if (options.trains() || options.given.empty()) return;
  throw usage_error(options.given.front() +
                    " applies to training runs: give --epochs (or --batch-size) to train on "
                    "minibatches");
}

TrainingPlan plan_training(const TrainingOptions& options,
                           const workbook::FiniteSumProblem& problem,
                           const workbook::UpdateRule& rule) {
  TrainingPlan plan;
  plan.csv_params = options.csv_params;
  if (!options.epochs.empty()) {
    checked("", [&] {
      workbook::parse_setting("epochs", options.epochs, plan.epochs);
      workbook::require_at_least("--epochs", plan.epochs, 1);
    });
  }

  // The sampler: the full batch by default.
  const Index examples = problem.examples();
  workbook::SamplerParams sampling{.batch_size = examples};
  checked("", [&] {
    if (!options.batch_size.empty()) {
      workbook::parse_setting("batch_size", options.batch_size, sampling.batch_size);
    }
    sampling.validate(examples, workbook::Naming::flag);
    if (!options.seed.empty()) workbook::parse_setting("seed", options.seed, sampling.seed);
  });
  if (find_word(options.sampler, {"shuffle", "replacement"}, "--sampler") == 0) {
    plan.sampler = std::make_unique<workbook::ShuffledSampler>(examples, sampling);
  } else {
    plan.sampler = std::make_unique<workbook::UniformSampler>(examples, sampling);
  }
  if (plan.epochs > std::numeric_limits<long>::max() / plan.sampler->batches_per_epoch()) {
    throw usage_error("--epochs = " + std::to_string(plan.epochs) +
                      " is too many: " + std::to_string(plan.sampler->batches_per_epoch()) +
                      " steps an epoch would overflow the count of steps");
  }

  // Each setting to the schedule, the warm-up or the average that takes it.
  const ScheduleChoice* schedule =
      options.schedule.empty() ? nullptr
                               : &find_choice(schedule_choices(), options.schedule, "--schedule");
  const AverageChoice* average =
      options.average.empty() ? nullptr
                              : &find_choice(average_choices(), options.average, "--average");
  const bool warmup = !options.warmup_iters.empty();
  Arguments schedule_settings, warmup_settings, average_settings;
  for (const auto& [name, text] : options.settings) {
    if (average != nullptr && takes(average->settings, name)) {
      average_settings[name] = text;
    } else if (warmup && name == "start_factor") {
      warmup_settings[name] = text;
    } else if (schedule != nullptr && takes(schedule->settings, name)) {
      schedule_settings[name] = text;
    } else {
      throw usage_error(not_taken(name, schedule, average));
    }
  }

  if (schedule != nullptr || warmup) {
    const std::string what =
        schedule != nullptr ? "--schedule " + schedule->name : "--warmup-iters";
    if (!rule.has_learning_rate()) {
      throw usage_error(what + " sets the learning rate of the optimizer, but " + rule.name() +
                        " has none: choose an optimizer with --lr");
    }
    if (warmup && schedule != nullptr && schedule->name == "linear-warmup") {
      throw usage_error(
          "--warmup-iters prepends a linear warm-up to --schedule, and --schedule linear-warmup "
          "is one already: give its length with --total-iters");
    }
    const double learning_rate = rule.learning_rate();
    if (schedule != nullptr) {
      plan.schedule = checked("invalid settings for " + what + ": ",
                              [&] { return schedule->make(learning_rate, schedule_settings); });
    }
    if (warmup) {
      plan.schedule = checked("invalid settings for the warm-up: ", [&] {
        long iterations = 0;
        workbook::parse_setting("warmup_iters", options.warmup_iters, iterations);
        workbook::require_at_least("--warmup-iters", iterations, 1);
        workbook::LinearLRParams ramp =
            workbook::LinearLRParams::fields().read(warmup_settings, "the warm-up");
        ramp.end_factor = 1.0;
        ramp.total_iters = iterations;
        ramp.validate(workbook::Naming::flag);
        std::vector<std::unique_ptr<workbook::LearningRateSchedule>> parts;
        parts.push_back(std::make_unique<workbook::LinearLR>(learning_rate, ramp));
        parts.push_back(plan.schedule
                            ? std::move(plan.schedule)
                            : std::make_unique<workbook::ConstantSchedule>(learning_rate));
        return std::make_unique<workbook::SequentialLR>(
            std::move(parts), workbook::SequentialLRParams{.milestones = {iterations}});
      });
    }
  }
  if (!options.schedule_step.empty() && !plan.schedule) {
    throw usage_error(
        "--schedule-step says when the schedule steps: give --schedule (or "
        "--warmup-iters)");
  }
  const bool per_epoch =
      find_word(options.schedule_step, {"iteration", "epoch"}, "--schedule-step") == 1;
  if (per_epoch) plan.schedule_step = workbook::ScheduleStep::per_epoch;
  if (plan.schedule) {
    // The optimizers take lr > 0 only: a schedule that reaches 0 before the run's last step (a
    // cosine down to --eta-min 0 in fewer steps than the run takes) is refused now rather than
    // failing during the run. The rate after the last step is never used.
    const long steps = per_epoch ? plan.epochs : plan.epochs * plan.sampler->batches_per_epoch();
    plan.schedule->reset();
    for (long t = 1; t < steps; ++t) {
      const double learning_rate = plan.schedule->step();
      if (!(learning_rate > 0.0)) {
        throw usage_error("the learning rate of " + plan.schedule->name() + " reaches " +
                          workbook::format_number(learning_rate) + " at its step " +
                          std::to_string(t) + " of the " + std::to_string(steps) +
                          " this run takes (one per " + (per_epoch ? "epoch" : "iteration") +
                          "), but the optimizers take lr > 0: keep it positive (--eta-min > 0, a "
                          "--t-max of at least the run's steps) or train for fewer --epochs");
      }
    }
    plan.schedule->reset();
  }

  if (average != nullptr) {
    plan.average = checked("invalid settings for --average " + average->name + ": ",
                           [&] { return average->make(average_settings); });
  }
  return plan;
}

}  // namespace optlab
