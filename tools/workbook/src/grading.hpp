// Grading a submission: the student's exercises built against the instructor's tests (a grading
// build that reuses the instructor's compiled tests and reference solutions), each graded test case
// run in its own process, points from the manifests.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "boost_test.hpp"
#include "manifest.hpp"

namespace workbook::tool {

/// One graded test case and what it earned.
struct CaseResult {
  TestCase test;
  Verdict verdict;
  bool hidden = false;
  bool ran = false;  ///< false: declared hidden but not in this copy, or the exercise was not built
  double points = 0;
  double max_points = 0;
};

enum class ExerciseState {
  graded,         ///< built and run
  missing,        ///< not in the submission
  compile_error,  ///< its file does not compile
  link_error,     ///< its test program does not link
  refused,        ///< its compiled code does what an exercise may not (object_check.hpp)
};

struct ExerciseResult {
  const Exercise* exercise = nullptr;
  ExerciseState state = ExerciseState::graded;
  std::string problem;  ///< the compiler's or linker's first lines, or why it is missing
  std::vector<CaseResult> cases;

  double points() const;
  double max_points() const;
  int passed() const;
  int run() const;
  /// "passed", "3 of 10 failed", "not implemented", "does not compile", "missing", ...
  std::string status() const;
  bool complete() const { return state == ExerciseState::graded && passed() == run() && run() > 0; }
};

/// The points of an exercise's cases: each case's manifest points (1 by default), scaled to the
/// exercise's points when the manifest gives them. `listed` are the cases of the test program;
/// hidden cases the manifest declares but the program lacks are added (not run) when
/// `add_declared_hidden` (a student edition has no hidden tests, but they count).
std::vector<CaseResult> score_cases(const Exercise& exercise, const std::vector<TestCase>& listed,
                                    const std::vector<std::optional<Verdict>>& verdicts,
                                    bool add_declared_hidden);

struct Grade {
  std::string submission;  ///< its name: the student
  fs::path path;
  std::vector<ExerciseResult> exercises;
  double seconds = 0;
  std::vector<std::string> notes;  ///< what the grader noticed (files left out, ...)

  double points() const;
  double max_points() const;
};

struct GradeOptions {
  fs::path out;  ///< where results.json and the others go
  /// The grading build; empty: <temp>/workbook-grading-<user>/<name>-<random>, outside the
  /// instructor's copy.
  fs::path work_dir;
  /// The instructor's build, whose compiled tests and reference solutions the grading build
  /// reuses; empty: <root>/build, the default preset's.
  fs::path instructor_build;
  bool keep_build = false;
  unsigned jobs = 1;
  std::optional<double> time_limit;
  std::string course_url;
  std::string name;  ///< empty: from the submission's folder
  bool quiet = false;
};

/// The student's files, found in a submission folder.
struct Submission {
  std::string name;
  fs::path path;
  fs::path exercises_dir;                 ///< the folder holding <chapter>/<file>, if any
  std::map<std::string, fs::path> files;  ///< exercise id -> the student's file
  std::vector<std::string> notes;
};

/// Finds the exercises in `path`: a copy of the workbook (PATH/exercises/<chapter>/<file>), its
/// exercises folder (PATH/<chapter>/<file>), either inside a single top folder (an unpacked
/// archive), or the files alone (PATH/<file>). Throws BadInput when there are none.
Submission locate_submission(const Workbook& workbook, const fs::path& path);

/// Grades a submission in a grading build of its own. Throws BadInput (the submission or the
/// manifests are unusable) or Failure (the instructor's code does not build).
Grade grade_submission(const Workbook& workbook, const Submission& submission,
                       const GradeOptions& options);

/// The time limit of a chapter's cases: the option, else the manifest's, else 20 s.
double case_time_limit(const Chapter& chapter, const std::optional<double>& option);

/// Where grading builds go unless told: a folder of the user's own in the system's temporary
/// folder, outside the instructor's copy, so that no path relative to a student's file reaches
/// the copy.
fs::path grading_builds_folder();

/// The names of the result files, removed before grading and written at the end.
const std::vector<std::string>& result_file_names();

}  // namespace workbook::tool
