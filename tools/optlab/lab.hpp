// optlab's three commands: list the registry, run one optimizer, compare several.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "network_figures.hpp"
#include "training.hpp"
#include "workbook/registry.hpp"

namespace optlab {

/// optlab's exit statuses.
enum ExitStatus : int {
  exit_success = 0,     ///< every run finished (converged, or spent its steps)
  exit_run_failed = 1,  ///< a run diverged, or failed (an exercise not implemented yet, a plot,
                        ///< a data file missing)
  exit_usage = 2,       ///< a mistake on the command line; nothing ran
};

/// A run could not be set up although the command line is right (a data file is missing): optlab
/// prints it and exits with status 1; nothing ran.
class setup_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What `run` and `compare` share, as given on the command line (checked when a command starts).
struct CommonOptions {
  std::string problem;         ///< --problem NAME
  std::string x0;              ///< --x0 a,b,...; empty: the problem's default start
  std::string steps = "1000";  ///< --steps N
  bool steps_given = false;    ///< whether --steps was given (a training run takes --epochs)
  std::string tol;             ///< --tol T: stop when |grad f| <= T; empty: run every step
  std::string rtol;  ///< --rtol R: stop when |grad f| <= R |grad f(x0)|; empty: run every step
  std::string plot;  ///< --plot FILE.svg|FILE.png; empty: no plot
};

/// `optlab run`.
struct RunOptions {
  CommonOptions common;          ///< problem, start, steps, tolerance, plot
  std::string optimizer;         ///< --optimizer NAME
  std::string csv;               ///< --csv FILE; empty: no CSV
  TrainingOptions training;      ///< --epochs, --batch-size, --schedule, ... (see training.hpp)
  NetworkFigureOptions figures;  ///< --plot-filters, ... (see network_figures.hpp)
};

/// `optlab compare`.
struct CompareOptions {
  CommonOptions common;    ///< problem, start, steps, tolerance, plot
  std::string optimizers;  ///< --optimizers a,b:lr=0.1,... (see parse_optimizer_list())
};

/// The setting flags of a command line and the words no option claimed (see SettingFlags).
struct GivenSettings {
  workbook::Arguments flags;        ///< {"lr": "0.01"}
  std::vector<std::string> extras;  ///< unknown flags and stray words
};

/// `optlab list [problems|optimizers|training]`: the registry's problems (dimension, default start,
/// known minimum, examples for a finite sum, settings), its optimizers (each hyper-parameter with
/// its default and allowed range), and the samplers, schedules and averages of training runs.
void list(std::ostream& out, const workbook::Registry& registry, const std::string& what);

/// `optlab run`: minimizes for --steps steps, or with --epochs (or --batch-size) trains on
/// minibatches (workbook::train()); prints a summary to `out`; returns exit_success or
/// exit_run_failed. Throws usage_error for a mistake on the command line, before anything runs or
/// is written, and setup_error when a data file is missing.
int run(const RunOptions& options, const GivenSettings& given, std::ostream& out);

/// `optlab compare`: prints a table to `out`; returns exit_success, or exit_run_failed when a run
/// diverged. Throws usage_error for a mistake on the command line, before anything runs.
int compare(const CompareOptions& options, const GivenSettings& given, std::ostream& out);

/// Throws usage_error unless `file` can be created: its folder exists and is writable, and it is
/// not a folder. `what` names it in the message: "plot", "CSV file".
void check_writable(const std::filesystem::path& file, const std::string& what);

/// The second file of a plot of a 2-D problem, the trajectories over the contour lines:
/// "out/run.svg" -> "out/run-path.svg".
std::string trajectory_file(const std::string& plot_file);

/// The second CSV file of a training run, a row per epoch: "out/run.csv" -> "out/run-epochs.csv".
std::string epochs_file(const std::string& csv_file);

}  // namespace optlab
