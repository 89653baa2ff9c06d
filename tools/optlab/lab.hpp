// optlab's three commands: list the registry, run one optimizer, compare several.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "workbook/registry.hpp"

namespace optlab {

/// optlab's exit statuses.
enum ExitStatus : int {
  exit_success = 0,     ///< every run finished (converged, or spent its steps)
  exit_run_failed = 1,  ///< a run diverged, or failed (an exercise not implemented yet, a plot)
  exit_usage = 2,       ///< a mistake on the command line; nothing ran
};

/// What `run` and `compare` share, as given on the command line (checked when a command starts).
struct CommonOptions {
  std::string problem;         ///< --problem NAME
  std::string x0;              ///< --x0 a,b,...; empty: the problem's default start
  std::string steps = "1000";  ///< --steps N
  std::string tol;             ///< --tol T: stop when |grad f| <= T; empty: run every step
  std::string plot;            ///< --plot FILE.svg|FILE.png; empty: no plot
};

/// `optlab run`.
struct RunOptions {
  CommonOptions common;   ///< problem, start, steps, tolerance, plot
  std::string optimizer;  ///< --optimizer NAME
  std::string csv;        ///< --csv FILE; empty: no CSV
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

/// `optlab list [problems|optimizers]`: the registry's problems (dimension, default start, known
/// minimum, settings) and optimizers (each hyper-parameter with its default and allowed range).
void list(std::ostream& out, const workbook::Registry& registry, const std::string& what);

/// `optlab run`: prints a summary to `out`; returns exit_success or exit_run_failed. Throws
/// usage_error for a mistake on the command line, before anything runs or is written.
int run(const RunOptions& options, const GivenSettings& given, std::ostream& out);

/// `optlab compare`: prints a table to `out`; returns exit_success, or exit_run_failed when a run
/// diverged. Throws usage_error for a mistake on the command line, before anything runs.
int compare(const CompareOptions& options, const GivenSettings& given, std::ostream& out);

/// The second file of a plot of a 2-D problem, the trajectories over the contour lines:
/// "out/run.svg" -> "out/run-path.svg".
std::string trajectory_file(const std::string& plot_file);

}  // namespace optlab
