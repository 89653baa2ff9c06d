// The one way exercises are run and scored, by `check`, `grade` and `validate` alike: list the
// graded cases of each exercise, run each case in its own process, score the results with the
// manifest's points.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grading.hpp"

namespace workbook::tool {

/// One exercise to run: which program lists its cases, which program runs them.
struct ExerciseRun {
  const Exercise* exercise = nullptr;
  /// Lists the graded cases (a program with the instructor's code only, when grading).
  fs::path listing;
  /// Runs them; unused when `state` says the exercise was not built.
  fs::path program;
  ExerciseState state = ExerciseState::graded;
  std::string problem;  ///< why it was not built (the compiler's first lines), or is missing
};

struct PipelineSettings {
  RunSettings run;                   ///< jobs, scratch folder, limits, the tests' environment
  std::optional<double> time_limit;  ///< per case; else the chapter's, else 20 s
  /// Add the hidden cases the manifest declares but the program lacks (a student edition has no
  /// hidden tests; their points count, as not run).
  bool add_declared_hidden = false;
  /// When set, called as each case of `runs[e]` ends: true, and the cases of that exercise not yet
  /// started are not run (they score nothing). `workbook validate` stops a known mistake at the
  /// first failure that names it.
  std::function<bool(std::size_t e, const Verdict&)> enough;
  /// When set (the student's loop: check, watch, progress), a file that keeps verdicts between
  /// runs: a case whose program has not changed since it ran (the same size and modification
  /// time, the same environment) is not run again, and its kept verdict is marked `kept`. Only
  /// the verdicts a second run would repeat are kept: passed and failed, not a crash, a time-out
  /// or an output limit. Grading never sets it.
  fs::path kept_verdicts;
};

/// Lists, runs (every case of every exercise at once, `settings.run.jobs` at a time) and scores.
/// The results come in the order of `runs`. Throws Failure when a program cannot list its cases.
std::vector<ExerciseResult> run_exercises(const Workbook& workbook,
                                          const std::vector<ExerciseRun>& runs,
                                          const PipelineSettings& settings);

}  // namespace workbook::tool
