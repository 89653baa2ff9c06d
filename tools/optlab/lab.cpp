#include "lab.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "run_observers.hpp"
#include "settings_flags.hpp"
#include "workbook/errors.hpp"
#include "workbook/finite_sum.hpp"
#include "workbook/format.hpp"
#include "workbook/observers.hpp"
#include "workbook/plotting.hpp"

namespace optlab {

namespace fs = std::filesystem;
using workbook::Index;
using workbook::Vector;

namespace {

// workbook::format_number, but 0 rather than -0 (the minimum of a quadratic, -1/2 b'A^-1 b, is -0
// when b = 0).
std::string format_number(double value, int digits = 3) {
  return workbook::format_number(value == 0.0 ? 0.0 : value, digits);
}

// "rosenbrock (n = 2)"
std::string describe(const workbook::Problem& problem) {
  return problem.name() + " (n = " + std::to_string(problem.dimension()) + ")";
}

// A vector as format_vector writes it, but a long one shortened to its first three entries and
// its last: "(0, 0, 0, ..., 0) [650 entries]".
std::string vector_text(const Vector& x, int digits = 3) {
  if (x.size() <= 10) return workbook::format_vector(x, digits);
  std::string text = "(";
  for (Index i = 0; i < 3; ++i) text += format_number(x(i), digits) + ", ";
  return text + "..., " + format_number(x(x.size() - 1), digits) + ") [" +
         std::to_string(x.size()) + " entries]";
}

// N, the examples of a problem that is a finite sum; 0 for the others.
Index examples_of(const workbook::Problem& problem) {
  const auto* finite_sum = dynamic_cast<const workbook::FiniteSumProblem*>(&problem);
  return finite_sum != nullptr ? finite_sum->examples() : 0;
}

// ----------------------------------------------------------------- checking the command line

// The files a plot writes: the convergence plot, and for a 2-D problem the trajectories.
struct PlotFiles {
  fs::path convergence;
  std::optional<fs::path> trajectory;
};

}  // namespace

void check_writable(const fs::path& file, const std::string& what) {
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw usage_error("cannot write the " + what + " " + file.string() + ": its folder " +
                      folder.string() + " does not exist");
  }
  if (access(folder.c_str(), W_OK) != 0) {
    throw usage_error("cannot write the " + what + " " + file.string() + ": its folder " +
                      folder.string() + " is not writable");
  }
  if (fs::is_directory(file, error)) {
    throw usage_error("cannot write the " + what + " " + file.string() + ": it is a folder");
  }
}

namespace {

PlotFiles plot_files(const std::string& plot, Index dimension) {
  const fs::path file(plot);
  if (file.extension() != ".svg" && file.extension() != ".png") {
    throw usage_error("--plot: '" + plot + "' must end in .svg or .png");
  }
  PlotFiles files{file, std::nullopt};
  check_writable(files.convergence, "plot");
  if (dimension == 2) files.trajectory = trajectory_file(plot);
  return files;
}

// What a run or a comparison needs, checked: the problem (and its test split, if it has one), the
// start, the stopping rules, the plot.
struct Session {
  std::unique_ptr<workbook::Problem> problem;
  std::optional<workbook::TestSplit> test;
  Vector x0;
  workbook::StoppingRules stopping;
  bool has_tolerance = false;           // --tol was given
  bool has_relative_tolerance = false;  // --rtol was given
  std::optional<PlotFiles> plot;
};

Vector start_point(const std::string& text, const workbook::Problem& problem,
                   const workbook::ProblemEntry& entry) {
  if (text.empty()) return problem.default_start();
  std::vector<double> values;
  workbook::parse_setting("x0", text, values);  // "--x0: 'a' is not a number (in '1,a')"
  const Index n = problem.dimension();
  if (static_cast<Index>(values.size()) != n) {
    throw usage_error("--x0 has " + std::to_string(values.size()) + " numbers, but " +
                      problem.name() + " has dimension " + std::to_string(n) + ": give " +
                      std::to_string(n) + " numbers" +
                      (takes(entry.settings, "dim") ? " or set --dim" : ""));
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw usage_error("--x0: entry " + std::to_string(i + 1) + " of '" + text + "' is " +
                        format_number(values[i]) + ": expected finite numbers");
    }
  }
  return Eigen::Map<const Vector>(values.data(), n);
}

// The problem with its test split. A data file that is missing or does not read is a setup_error:
// nothing runs with a data set half loaded.
workbook::BuiltProblem build(const workbook::ProblemEntry& entry,
                             const workbook::Arguments& problem_settings) {
  try {
    return checked("", [&] { return entry.build(problem_settings); });
  } catch (const usage_error&) {
    throw;
  } catch (const std::runtime_error& error) {
    throw setup_error("cannot build the problem " + entry.name + ": " + error.what());
  }
}

Session prepare(const CommonOptions& options, const workbook::ProblemEntry& entry,
                const workbook::Arguments& problem_settings) {
  Session session;
  workbook::BuiltProblem built = build(entry, problem_settings);
  session.problem = std::move(built.problem);
  session.test = std::move(built.test);
  session.x0 = checked("", [&] { return start_point(options.x0, *session.problem, entry); });

  // Exactly --steps steps, unless --tol stops the run earlier. (The driver also stops at an exact
  // stationary point, |grad f| = 0, where no optimizer without momentum would move.)
  long steps = 0;
  checked("", [&] {
    workbook::parse_setting("steps", options.steps, steps);
    workbook::require_at_least("--steps", steps, 0);
  });
  session.stopping.max_iterations = steps;
  session.stopping.gradient_tolerance = 0.0;
  session.stopping.relative_loss_tolerance = 0.0;
  // --tol and --rtol: a tolerance on |grad f|, absolute or relative to |grad f(x0)|.
  auto tolerance = [&](const std::string& name, const std::string& text, double& into,
                       bool& given) {
    if (text.empty()) return;
    checked("", [&] {
      workbook::parse_setting(name, text, into);
      workbook::require_non_negative("--" + name, into);
    });
    given = true;
  };
  tolerance("tol", options.tol, session.stopping.gradient_tolerance, session.has_tolerance);
  tolerance("rtol", options.rtol, session.stopping.relative_gradient_tolerance,
            session.has_relative_tolerance);
  if (!options.plot.empty()) session.plot = plot_files(options.plot, session.problem->dimension());
  return session;
}

// -------------------------------------------------------------------------------------- running

struct Outcome {
  std::string label;
  workbook::Result result;
  std::vector<workbook::TracePoint> trace;  // thinned; empty unless a plot was asked for
};

Outcome execute(const Session& session, workbook::UpdateRule& rule, const std::string& label,
                workbook::Observer* csv = nullptr) {
  std::vector<workbook::Observer*> observers;
  if (csv != nullptr) observers.push_back(csv);
  std::optional<ThinnedTrace> trace;
  if (session.plot) observers.push_back(&trace.emplace());
  std::optional<ProgressBar> bar;
  if (stderr_is_terminal()) {
    observers.push_back(&bar.emplace(std::cerr, label, session.stopping.max_iterations));
  }
  Outcome outcome{
      label,
      workbook::minimize(*session.problem, rule, session.x0, session.stopping, observers),
      {}};
  if (trace) outcome.trace = trace->points();
  return outcome;
}

// The box the trajectories are drawn in: the problem's own, grown to hold the start and every
// iterate of the runs that did not diverge (a diverged run leaves the box where it escapes).
workbook::Box trajectory_box(const Session& session, const std::vector<Outcome>& outcomes) {
  workbook::Box box = session.problem->plot_box();
  const workbook::Box original = box;
  auto hold = [&box](const Vector& x) {
    box.x_min = std::min(box.x_min, x(0));
    box.x_max = std::max(box.x_max, x(0));
    box.y_min = std::min(box.y_min, x(1));
    box.y_max = std::max(box.y_max, x(1));
  };
  hold(session.x0);
  for (const Outcome& outcome : outcomes) {
    if (outcome.result.reason == workbook::StopReason::diverged) continue;
    for (const workbook::TracePoint& point : outcome.trace) hold(point.x);
  }
  if (box.x_min < original.x_min || box.x_max > original.x_max || box.y_min < original.y_min ||
      box.y_max > original.y_max) {
    const double margin = 0.05 * std::max(box.x_max - box.x_min, box.y_max - box.y_min);
    box = {box.x_min - margin, box.x_max + margin, box.y_min - margin, box.y_max + margin};
  }
  return box;
}

// The convergence plot of minimization runs: f(x_k) - f* (or f) against k.
workbook::plot::Figure convergence_of(const Session& session, const std::vector<Outcome>& outcomes,
                                      const std::string& title) {
  std::vector<workbook::plot::LabelledTrace> runs;
  for (const Outcome& outcome : outcomes) runs.push_back({outcome.label, outcome.trace});
  const std::optional<double> minimum = session.problem->minimum();
  return workbook::plot::convergence_figure(
      title, runs, minimum ? workbook::plot::Measure::loss_gap : workbook::plot::Measure::loss,
      minimum.value_or(0.0));
}

// Draws `convergence`, and for a 2-D problem the trajectories; returns the files written.
std::vector<std::string> draw(const Session& session, const workbook::plot::Figure& convergence,
                              const std::vector<Outcome>& outcomes, const std::string& title) {
  std::vector<workbook::plot::LabelledTrace> runs;
  for (const Outcome& outcome : outcomes) runs.push_back({outcome.label, outcome.trace});
  convergence.save(session.plot->convergence);
  std::vector<std::string> written{session.plot->convergence.string()};
  if (session.plot->trajectory) {
    // Only finite iterates can be drawn; a diverged run's path ends where it left them.
    for (auto& run : runs) {
      std::erase_if(run.points,
                    [](const workbook::TracePoint& point) { return !point.x.allFinite(); });
    }
    workbook::plot::trajectory_figure(title, *session.problem, runs,
                                      trajectory_box(session, outcomes))
        .save(*session.plot->trajectory);
    written.push_back(session.plot->trajectory->string());
  }
  return written;
}

// Draws the plot if one was asked for: the figure `convergence` returns and, for a 2-D problem, the
// trajectories of `outcomes`. A plot that fails is reported, and fails the command.
bool draw_if_asked(const Session& session, const std::vector<Outcome>& outcomes,
                   const std::string& title, std::ostream& out,
                   const std::function<workbook::plot::Figure()>& convergence) {
  if (!session.plot) return true;
  try {
    std::string files;
    for (const std::string& file : draw(session, convergence(), outcomes, title)) {
      files += (files.empty() ? "" : ", ") + file;
    }
    out << "  plot         " << files << '\n';
    return true;
  } catch (const std::exception& error) {
    std::cerr << "optlab: could not draw the plot: " << error.what() << '\n';
    return false;
  }
}

// The tolerances of --tol and --rtol: "|grad f| <= 1e-05", "|grad f| <= 1e-08 |grad f(x0)|";
// empty when neither was given.
std::string tolerance_text(const Session& session) {
  std::vector<std::string> parts;
  if (session.has_tolerance) {
    parts.push_back("|grad f| <= " + format_number(session.stopping.gradient_tolerance));
  }
  if (session.has_relative_tolerance) {
    parts.push_back("|grad f| <= " + format_number(session.stopping.relative_gradient_tolerance) +
                    " |grad f(x0)|");
  }
  return join(parts, " or ");
}

// "12 of f, 12 of grad f", with the Hessians and the Hessian-vector products a run evaluated.
std::string evaluations_text(const workbook::Result& result) {
  std::string text = std::to_string(result.function_evaluations) + " of f, " +
                     std::to_string(result.gradient_evaluations) + " of grad f";
  if (result.hessian_evaluations > 0) {
    text += ", " + std::to_string(result.hessian_evaluations) + " of the Hessian";
  }
  if (result.hessian_vector_products > 0) {
    text += ", " + std::to_string(result.hessian_vector_products) + " Hessian-vector products";
  }
  return text;
}

// Whether a run failed: it diverged, or its rule could not step (a breakdown).
bool failed(const workbook::Result& result) {
  return result.reason == workbook::StopReason::diverged ||
         result.reason == workbook::StopReason::breakdown;
}

// Left-aligned columns, two spaces apart.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t j = 0; j < row.size(); ++j) widths[j] = std::max(widths[j], row[j].size());
  }
  for (const auto& row : rows) {
    std::string line = "  ";
    for (std::size_t j = 0; j < row.size(); ++j) {
      line += row[j];
      if (j + 1 < row.size()) line += std::string(widths[j] - row[j].size() + 2, ' ');
    }
    out << line << '\n';
  }
}

}  // namespace

std::string trajectory_file(const std::string& plot_file) {
  fs::path file(plot_file);
  file.replace_filename(file.stem().string() + "-path" + file.extension().string());
  return file.string();
}

std::string epochs_file(const std::string& csv_file) {
  fs::path file(csv_file);
  file.replace_filename(file.stem().string() + "-epochs" + file.extension().string());
  return file.string();
}

// ------------------------------------------------------------------------------------------ list

void list(std::ostream& out, const workbook::Registry& registry, const std::string& what) {
  auto settings_table = [&out](const std::vector<workbook::SettingInfo>& settings) {
    std::vector<std::vector<std::string>> rows;
    for (const workbook::SettingInfo& info : settings) {
      rows.push_back({"  " + flag_of(info.name) + " " + value_placeholder(info.kind),
                      "default " + (info.default_value.empty() ? "unset" : info.default_value),
                      info.range, info.help});
    }
    print_table(out, rows);
  };

  if (what.empty() || what == "problems") {
    out << "Problems (optlab run --problem NAME [settings]); dimension, start and minimum with the "
           "default settings:\n";
    for (const workbook::ProblemEntry& entry : registry.problems()) {
      workbook::BuiltProblem built;
      try {
        built = entry.build({});
      } catch (const std::exception& error) {  // a data file missing: say so, list the others
        out << "\n"
            << entry.name << ": " << entry.summary << "\n  cannot be built: " << error.what()
            << '\n';
        settings_table(entry.settings);
        continue;
      }
      const std::unique_ptr<workbook::Problem>& problem = built.problem;
      const std::optional<double> minimum = problem->minimum();
      const std::vector<Vector> minimisers = problem->minimisers();
      std::string known = "minimum unknown";
      if (minimum) {
        known = "minimum " + format_number(*minimum, 6);
        if (minimisers.size() == 1) known += " at " + workbook::format_vector(minimisers[0], 6);
        if (minimisers.size() > 1) known += " at " + std::to_string(minimisers.size()) + " points";
      }
      std::string examples;
      if (examples_of(*problem) > 0) {
        examples = ", N = " + std::to_string(examples_of(*problem)) + " examples";
        if (built.test) {
          examples += " and " + std::to_string(examples_of(*built.test->problem)) + " to test on";
        }
        examples += " (train with --epochs)";
      }
      out << "\n"
          << entry.name << ": " << entry.summary << "\n  dimension " << problem->dimension()
          << ", start " << vector_text(problem->default_start()) << ", " << known << examples
          << '\n';
      settings_table(entry.settings);
    }
  }
  if (what.empty()) out << '\n';
  if (what.empty() || what == "optimizers") {
    out << "Optimizers (optlab run --optimizer NAME [hyper-parameters]):\n";
    for (const workbook::OptimizerEntry& entry : registry.optimizers()) {
      out << "\n" << entry.name << ": " << entry.summary << '\n';
      settings_table(entry.settings);
    }
  }
  if (what.empty()) out << '\n';
  if (what.empty() || what == "training") {
    out << "Training (optlab run --problem NAME --optimizer NAME --epochs E [--batch-size B] "
           "[flags]) on a problem that is a sum over N examples:\n\n"
           "--sampler shuffle: every example once per epoch, in a new order each epoch "
           "(the default)\n"
           "--sampler replacement: each example of a batch drawn uniformly, with replacement\n";
    for (const ScheduleChoice& choice : schedule_choices()) {
      out << "\n--schedule " << choice.name << ": " << choice.summary << '\n';
      settings_table(choice.settings);
    }
    out << "\n--warmup-iters N: a linear warm-up from --start-factor * lr to lr over N schedule "
           "steps, then --schedule\n";
    for (const AverageChoice& choice : average_choices()) {
      out << "\n--average " << choice.name << ": " << choice.summary << '\n';
      settings_table(choice.settings);
    }
  }
}

// ------------------------------------------------------------------------------------------- run

namespace {

// The training plot: the full training loss (f - f* when f* is known) and the test loss after
// each epoch, of the iterate and of the average.
workbook::plot::Figure epochs_figure(const Session& session, const EpochTable& table,
                                     const std::string& title) {
  const std::optional<double> minimum = session.problem->minimum();
  workbook::plot::Figure figure(title);
  figure.x_label("epoch").y_label(minimum ? "f - f* (full training loss)" : "loss").log_y();
  auto curve = [&](const std::vector<workbook::EpochRecord>& records, const std::string& label,
                   bool test) {
    std::vector<double> epochs, losses;
    for (const workbook::EpochRecord& record : records) {
      epochs.push_back(static_cast<double>(record.epoch));
      losses.push_back(test ? record.test_loss : record.train_loss - minimum.value_or(0.0));
    }
    figure.add(label, epochs, losses, workbook::plot::Style::lines_points);
  };
  curve(table.records(), "training loss", false);
  if (session.test) curve(table.records(), "test loss", true);
  if (const auto* average = table.average_records()) {
    curve(*average, "average: training loss", false);
    if (session.test) curve(*average, "average: test loss", true);
  }
  return figure;
}

// "loss 0.0823, accuracy 0.9737" of `x` on the test split.
std::string test_text(const workbook::TestSplit& test, const Vector& x) {
  return "loss " + format_number(test.problem->value(x), 6) + ", accuracy " +
         format_number(test.accuracy(x), 4);
}

// `optlab run` with --epochs or --batch-size: minibatch training by workbook::train().
int run_training(const RunOptions& options, const Session& session, workbook::UpdateRule& rule,
                 const NetworkFigures& figures, std::ostream& out) {
  const TrainingOptions& given = options.training;
  const auto* problem = dynamic_cast<const workbook::FiniteSumProblem*>(session.problem.get());
  if (problem == nullptr) {
    throw usage_error(given.training_flag() + " trains on minibatches of examples, but " +
                      session.problem->name() +
                      " is not a sum over examples: `optlab list problems` shows which are");
  }
  const TrainingPlan plan = plan_training(given, *problem, rule);
  if (plan.csv_params && options.csv.empty()) {
    throw usage_error("--csv-params adds the parameters to the CSV files: give --csv FILE");
  }
  const workbook::TestSplit* test = session.test ? &*session.test : nullptr;
  EpochTable table(test, plan.average != nullptr);
  std::optional<TrainingCsv> steps_csv;
  const std::string epochs_csv = options.csv.empty() ? "" : epochs_file(options.csv);
  if (!options.csv.empty()) {
    check_writable(options.csv, "CSV file");
    check_writable(epochs_csv, "CSV file");
    try {
      steps_csv.emplace(options.csv, plan.csv_params);  // throws if a file cannot be written
      table.write_to(epochs_csv, plan.csv_params);
    } catch (const std::runtime_error& error) {
      throw usage_error(error.what());
    }
  }

  const std::string label = rule.name();
  std::vector<workbook::Observer*> observers{&table};
  if (steps_csv) observers.push_back(&*steps_csv);
  std::optional<ThinnedTrace> trace;
  if (session.plot && session.plot->trajectory) observers.push_back(&trace.emplace());
  std::optional<ProgressBar> bar;
  if (stderr_is_terminal()) {
    observers.push_back(
        &bar.emplace(std::cerr, label, plan.epochs * plan.sampler->batches_per_epoch()));
  }
  Outcome outcome{label,
                  workbook::train(*problem, rule, session.x0, plan.training(),
                                  workbook::StoppingRules::epochs_only(), observers),
                  {}};
  if (trace) outcome.trace = trace->points();
  const workbook::Result& result = outcome.result;

  out << label << " on " << describe(*problem) << " from " << vector_text(session.x0) << '\n';
  out << "  training     " << plan.epochs << (plan.epochs == 1 ? " epoch" : " epochs")
      << " of N = " << problem->examples() << " examples, " << plan.sampler_text() << '\n';
  if (plan.schedule) {
    out << "  schedule     " << plan.schedule->name() << ", stepped every "
        << (plan.schedule_step == workbook::ScheduleStep::per_epoch ? "epoch" : "iteration")
        << '\n';
  }
  out << "  stopped      " << result.message << '\n';
  out << "  final loss   " << format_number(result.loss, 10) << " (full training loss)";
  if (problem->minimum()) out << "   (known minimum " << format_number(*problem->minimum()) << ")";
  out << '\n';
  out << "  |grad f|     " << format_number(result.gradient_norm, 10) << '\n';
  // A diverged run's last iterate is not a model: it is not evaluated further.
  const bool diverged = result.reason == workbook::StopReason::diverged;
  if (test != nullptr && !diverged) {
    out << "  test         " << test_text(*test, result.x) << " (" << examples_of(*test->problem)
        << " examples)\n";
  }
  if (plan.average && result.average.size() > 0 && !diverged) {
    out << "  average      " << plan.average->name() << ": training loss "
        << format_number(problem->value(result.average), 10);
    if (test != nullptr) out << "; test " << test_text(*test, result.average);
    out << '\n';
  }
  out << "  iterations   " << result.iterations << ", " << result.examples_seen
      << " examples seen\n";
  out << "  x            " << vector_text(result.x, 6) << '\n';
  out << "  evaluations  " << result.function_evaluations << " of f, "
      << result.gradient_evaluations << " of grad f (on minibatches, and the full f at the end)\n";
  if (steps_csv) out << "  csv          " << options.csv << ", " << epochs_csv << '\n';
  const std::string title = label + " on " + describe(*problem);
  const bool drawn = draw_if_asked(session, {outcome}, title, out,
                                   [&] { return epochs_figure(session, table, title); });
  const bool figured = diverged || draw_network_figures(figures, result.x, title, out);

  if (diverged) {
    std::cerr << "optlab: the run diverged (" << result.message << ")\n";
    return exit_run_failed;
  }
  return drawn && figured ? exit_success : exit_run_failed;
}

}  // namespace

int run(const RunOptions& options, const GivenSettings& given, std::ostream& out) {
  const workbook::Registry& registry = workbook::registry();

  // Everything the command line says is checked before anything runs or is written.
  const TrainingOptions& training = options.training;
  const workbook::ProblemEntry& problem_entry =
      *checked("", [&] { return &registry.problem(options.common.problem); });
  // --seed seeds the sampler of a training run and, for a problem that takes a seed (a network's
  // initialisation), the problem too: then it applies without training as well.
  const bool problem_takes_seed = takes(problem_entry.settings, "seed");
  if (training.trains()) {
    if (options.common.steps_given) {
      throw usage_error("--steps and " + training.training_flag() +
                        " cannot be given together: a training run lasts --epochs epochs, a "
                        "minimization run --steps steps");
    }
    for (const auto& [flag, text] :
         {std::pair{"--tol", &options.common.tol}, std::pair{"--rtol", &options.common.rtol}}) {
      if (text->empty()) continue;
      throw usage_error(std::string(flag) +
                        " stops a minimization run at a small gradient; a training run "
                        "lasts --epochs epochs (its minibatch gradients never vanish): drop " +
                        flag);
    }
  } else {
    TrainingOptions flags = training;
    if (problem_takes_seed) std::erase(flags.given, std::string("--seed"));
    refuse_training_flags(flags);
  }
  const workbook::OptimizerEntry& optimizer_entry =
      *checked("", [&] { return &registry.optimizer(options.optimizer); });
  RoutedSettings settings = route(given.flags, given.extras, problem_entry, {&optimizer_entry});
  if (problem_takes_seed && !training.seed.empty()) settings.problem["seed"] = training.seed;
  Session session = prepare(options.common, problem_entry, settings.problem);
  const NetworkFigures figures =
      plan_network_figures(options.figures, *session.problem, session.test);
  const std::unique_ptr<workbook::UpdateRule> rule =
      checked("invalid hyper-parameters for " + optimizer_entry.name + ": ",
              [&] { return optimizer_entry.make(settings.optimizers[0]); });
  checked("", [&] { optimizer_entry.check(*session.problem); });
  if (training.trains()) return run_training(options, session, *rule, figures, out);
  std::optional<workbook::CsvWriter> csv;
  if (!options.csv.empty()) {
    try {
      csv.emplace(options.csv);  // throws if the file cannot be written
    } catch (const std::runtime_error& error) {
      throw usage_error(error.what());
    }
  }

  const workbook::Problem& problem = *session.problem;
  const std::string label = rule->name();
  const Outcome outcome = execute(session, *rule, label, csv ? &*csv : nullptr);
  const workbook::Result& result = outcome.result;

  out << label << " on " << describe(problem) << " from " << vector_text(session.x0) << '\n';
  out << "  stopped      " << result.message << '\n';
  out << "  final loss   " << format_number(result.loss, 10);
  if (problem.minimum()) out << "   (known minimum " << format_number(*problem.minimum()) << ")";
  out << '\n';
  out << "  |grad f|     " << format_number(result.gradient_norm, 10) << '\n';
  if (session.test && result.reason != workbook::StopReason::diverged) {
    out << "  test         " << test_text(*session.test, result.x) << " ("
        << examples_of(*session.test->problem) << " examples)\n";
  }
  out << "  iterations   " << result.iterations << '\n';
  out << "  x            " << vector_text(result.x, 6) << '\n';
  out << "  evaluations  " << evaluations_text(result) << '\n';
  if (csv) out << "  csv          " << options.csv << '\n';
  const std::string title = label + " on " + describe(problem);
  const bool drawn = draw_if_asked(session, {outcome}, title, out,
                                   [&] { return convergence_of(session, {outcome}, title); });
  const bool figured = result.reason == workbook::StopReason::diverged ||
                       draw_network_figures(figures, result.x, title, out);

  if (result.reason == workbook::StopReason::diverged) {
    std::cerr << "optlab: the run diverged (" << result.message << ")\n";
    return exit_run_failed;
  }
  if (result.reason == workbook::StopReason::breakdown) {
    std::cerr << "optlab: the run broke down (" << result.message << ")\n";
    return exit_run_failed;
  }
  return drawn && figured ? exit_success : exit_run_failed;
}

// --------------------------------------------------------------------------------------- compare

int compare(const CompareOptions& options, const GivenSettings& given, std::ostream& out) {
  const workbook::Registry& registry = workbook::registry();

  // Everything the command line says is checked before anything runs or is written.
  const workbook::ProblemEntry& problem_entry =
      *checked("", [&] { return &registry.problem(options.common.problem); });
  const std::vector<OptimizerSpec> specs = parse_optimizer_list(options.optimizers);
  std::vector<const workbook::OptimizerEntry*> entries;
  for (const OptimizerSpec& spec : specs) {
    entries.push_back(checked("--optimizers: ", [&] { return &registry.optimizer(spec.name); }));
    check_spec_settings(spec, *entries.back());
  }
  const RoutedSettings settings = route(given.flags, given.extras, problem_entry, entries);
  Session session = prepare(options.common, problem_entry, settings.problem);
  std::vector<std::unique_ptr<workbook::UpdateRule>> rules;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    // The shared flags, then this optimizer's own settings, which win.
    workbook::Arguments arguments = settings.optimizers[i];
    for (const auto& [name, text] : specs[i].settings) arguments[name] = text;
    rules.push_back(checked("invalid hyper-parameters for " + specs[i].text + ": ",
                            [&] { return entries[i]->make(arguments); }));
    checked("--optimizers: ", [&] { entries[i]->check(*session.problem); });
  }

  // Legends name each run by its rule; two runs that would read the same show what was written.
  std::vector<std::string> names, labels;
  for (const auto& rule : rules) names.push_back(rule->name());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool shared = std::count(names.begin(), names.end(), names[i]) > 1;
    labels.push_back(shared ? names[i] + " [" + specs[i].text + "]" : names[i]);
  }

  std::vector<Outcome> outcomes;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    outcomes.push_back(execute(session, *rules[i], labels[i]));
  }

  const workbook::Problem& problem = *session.problem;
  const std::string tolerance = tolerance_text(session);
  const bool has_tolerance = !tolerance.empty();
  out << describe(problem) << " from " << vector_text(session.x0) << ", "
      << session.stopping.max_iterations << " steps"
      << (has_tolerance ? " at most, stopping at " + tolerance : "") << "\n\n";
  std::vector<std::vector<std::string>> rows{{"optimizer", "final loss", "|grad f|",
                                              has_tolerance ? "iterations to reach " : "iterations",
                                              "stopped"}};
  if (has_tolerance) rows[0][3] += tolerance;
  bool diverged = false, broke_down = false;
  for (const Outcome& outcome : outcomes) {
    const workbook::Result& result = outcome.result;
    diverged = diverged || result.reason == workbook::StopReason::diverged;
    broke_down = broke_down || result.reason == workbook::StopReason::breakdown;
    std::string iterations = std::to_string(result.iterations);
    if (has_tolerance && !result.converged()) iterations = "not reached";
    rows.push_back({outcome.label, format_number(result.loss, 8),
                    format_number(result.gradient_norm, 8), iterations, to_string(result.reason)});
  }
  print_table(out, rows);
  for (const Outcome& outcome : outcomes) {
    if (failed(outcome.result))
      out << "  " << outcome.label << ": " << outcome.result.message << '\n';
  }
  if (problem.minimum()) out << "  (known minimum " << format_number(*problem.minimum()) << ")\n";
  const std::string title = describe(problem) + " from " + vector_text(session.x0);
  const bool drawn = draw_if_asked(session, outcomes, title, out,
                                   [&] { return convergence_of(session, outcomes, title); });

  if (diverged || broke_down) {
    std::cerr << "optlab: a run " << (diverged ? "diverged" : "broke down") << '\n';
    return exit_run_failed;
  }
  return drawn ? exit_success : exit_run_failed;
}

}  // namespace optlab
