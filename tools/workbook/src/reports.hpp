// What grading writes: results.json (Gradescope), junit.xml, feedback.html, the terminal table, and
// the gradebook and class report of a batch.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "grading.hpp"

namespace workbook::tool {

struct ReportSettings {
  std::string
      course_url;    ///< the HTML course's address; empty: the course built in <root>/build/html
  fs::path out_dir;  ///< where the files go (links to the course are relative to it)
};

/// The notes' section a case is about: the exercise's section from the manifest when the failure
/// names that section's lines ("§5.5's lines"), else the section the case's description names
/// ("§1.4: ..."), else the exercise's section.
std::optional<Section> section_of(const Workbook& workbook, const Exercise& exercise,
                                  const CaseResult* result);
/// The address of a section in the HTML course.
std::string section_url(const Workbook& workbook, const Exercise& exercise, const Section& section,
                        const ReportSettings& settings);

/// The text shown for a case: its claim, what went wrong, where to read.
std::string case_output(const Workbook& workbook, const ExerciseResult& exercise,
                        const CaseResult& result, bool first_of_exercise,
                        const ReportSettings& settings);

std::string results_json(const Workbook& workbook, const Grade& grade,
                         const ReportSettings& settings);
std::string junit_xml(const Workbook& workbook, const Grade& grade, const ReportSettings& settings);
std::string feedback_html(const Workbook& workbook, const Grade& grade,
                          const ReportSettings& settings);
/// The table printed on the terminal: chapter, exercise, points, status, and the diagnosis of
/// each failure.
std::string terminal_table(const Grade& grade);

/// Writes results.json, junit.xml and feedback.html into settings.out_dir.
void write_reports(const Workbook& workbook, const Grade& grade, const ReportSettings& settings);

/// A gradebook row: the student and, per exercise, the points (empty when not graded).
struct GradebookRow {
  std::string student;
  std::vector<std::string> points;
  std::string total;
  std::string status;
};
std::string gradebook_csv(const Workbook& workbook, const std::vector<GradebookRow>& rows);

// --- The class report of a batch: what to teach again ---------------------------------------------

/// A case a student did not pass, as their results.json records it.
struct FailedCase {
  std::string name;    ///< the case, "one_step_moves_against_the_gradient"
  std::string result;  ///< "failed", "crashed", "timed out", "no report", "output limit", ...
  /// The failed checks (at most three, as the feedback shows them): each message and its
  /// BOOST_TEST_INFO context, one a line. The known mistakes' diagnoses are matched against it.
  std::string text;
  /// The first failed check's diagnosis: its context (frames joined by "; "), else its message.
  std::string sentence;
  bool not_implemented = false;  ///< the stub's "not implemented yet"
};

/// An exercise of a student's results.json.
struct StudentExercise {
  std::string status;  ///< "passed", "2 of 5 failed", "missing", "does not compile", ...
  double score = 0;
  double max_score = 0;
  std::vector<FailedCase> failures;
};

/// A student of a batch: their results, or why there are none.
struct ClassEntry {
  std::string student;
  std::string not_graded;  ///< non-empty: why there are no results (the gradebook's status)
  std::map<std::string, StudentExercise> exercises;  ///< by id, "ch01/gradient_descent_step"
};

/// Reads a student's results.json (as written by results_json). Results it cannot read make an
/// entry whose `not_graded` says what is wrong with them.
ClassEntry class_entry(const std::string& student, const nlohmann::json& results);

/// What several students have in common on one exercise: a known mistake of the manifest, a
/// diagnosis of the tests, or a way of not passing at all.
struct Misconception {
  enum class Kind {
    known_mistake,    ///< a manifest's mistake, whose `diagnosis` matches the failure
    diagnosis,        ///< the tests' diagnosis, grouped by its text (numbers aside)
    not_implemented,  ///< the stub, untouched
    crashed,
    timed_out,
    no_report,
    output_limit,
    other,  ///< any other result (a case that could not start)
  };
  Kind kind = Kind::diagnosis;
  std::string text;    ///< the mistakes' names ("sign"), the diagnosis (a number that varies
                       ///< shown as …), the category ("crashed")
  std::string detail;  ///< what it means: the mistake's file and diagnosis, the category's cause
  std::map<std::string, std::vector<std::string>> students;  ///< student -> their cases
};

/// One exercise over the class.
struct ExerciseSummary {
  const Exercise* exercise = nullptr;
  double max_points = 0;
  std::map<std::string, double> points;    ///< of each graded student
  std::vector<std::string> missing;        ///< students whose submission lacks the exercise
  std::vector<std::string> not_compiling;  ///< ... whose file does not compile (or link)
  std::vector<std::string> not_run;  ///< ... whose cases did not run (the grader refused the code)
  std::vector<Misconception> misconceptions;  ///< the most students first

  double mean() const;
  double median() const;
};

struct ClassReport {
  std::size_t students = 0;
  std::vector<std::pair<std::string, std::string>> not_graded;  ///< student, why
  std::vector<ExerciseSummary> exercises;                       ///< in the workbook's order
};

/// Counts, for each exercise, the points, and the students who made each misconception: a failure
/// is named by the known mistakes of its exercise whose diagnosis matches it (all of them: two
/// mistakes may earn the same feedback), else by its diagnosis sentence; crashes, timeouts, a missing report, the output limit and the untouched
/// stub are categories of their own. A student counts once per misconception, however many of
/// their cases show it.
ClassReport class_report(const Workbook& workbook, const std::vector<ClassEntry>& entries);

/// The class report as a page in the course's look, with inline SVG plots; it needs no network
/// and no script. Links lead to each student's feedback.html (DIR/<student>/) and to the notes.
std::string class_report_html(const Workbook& workbook, const ClassReport& report,
                              const ReportSettings& settings);

}  // namespace workbook::tool
