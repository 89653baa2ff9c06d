// What grading writes: results.json (Gradescope), junit.xml, feedback.html, the terminal table and
// the gradebook of a batch.
#pragma once

#include <string>
#include <vector>

#include "grading.hpp"

namespace workbook::tool {

struct ReportSettings {
  std::string
      course_url;    ///< the HTML course's address; empty: the course built in <root>/build/html
  fs::path out_dir;  ///< where the files go (links to the course are relative to it)
};

/// The notes' section a case is about: the section its description names ("§1.4: ..."), else the
/// exercise's section from the manifest.
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

}  // namespace workbook::tool
