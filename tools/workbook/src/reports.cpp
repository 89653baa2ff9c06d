#include "reports.hpp"

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#ifndef WORKBOOK_FEEDBACK_THEME_CSS
#define WORKBOOK_FEEDBACK_THEME_CSS ""
#endif

namespace workbook::tool {

using json = nlohmann::ordered_json;

namespace {

std::string case_title(const ExerciseResult& exercise, const CaseResult& result) {
  return exercise.exercise->id() + "/" + result.test.name + (result.hidden ? " (hidden test)" : "");
}

std::string one_line(std::string text, std::size_t width = 160) {
  text = text.substr(0, text.find('\n'));
  if (display_width(text) > width) {
    std::size_t cut = 0, columns = 0;
    while (cut < text.size() && columns < width - 3) {
      ++cut;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
      ++columns;
    }
    text = text.substr(0, cut) + "...";
  }
  return text;
}

bool is_error(const CaseResult& result) {
  return result.verdict.status != "failed" && result.verdict.status != "passed";
}

// The theme of the HTML course: doxygen-awesome, and the course's own adjustments.
std::string course_css(const Workbook& workbook) {
  std::string css = read_file(WORKBOOK_FEEDBACK_THEME_CSS);
  css += read_file(workbook.root() / "docs" / "workbook.css");
  css += R"css(
/* Feedback page */
#top { padding: 16px var(--spacing-large, 24px); border-bottom: 1px solid var(--separator-color, #ddd); }
#projectname { font-size: 20px; font-weight: 600; }
#projectbrief { color: var(--page-secondary-foreground-color, #666); }
#doc-content { max-width: 1050px; margin: 0 auto; padding: 0 var(--spacing-large, 24px); }
div.contents { padding-bottom: 40px; }
td.points, th.points { text-align: right; white-space: nowrap; }
.passed { color: #2e7d32; font-weight: 600; }
.failed { color: #c62828; font-weight: 600; }
pre.fragment { white-space: pre-wrap; word-break: break-word; }
p.claim { color: var(--page-secondary-foreground-color, #555); font-style: italic; margin: 4px 0; }
dl.section dt { font-weight: 600; }
)css";
  return css;
}

std::string project_name(const Workbook& workbook) {
  const std::string doxyfile = read_file(workbook.root() / "docs" / "Doxyfile.in");
  std::smatch match;
  static const std::regex name(R"re(PROJECT_NAME\s*=\s*"([^"]+)")re");
  if (std::regex_search(doxyfile, match, name)) return match[1];
  return "The workbook";
}

std::string chapter_heading(const Workbook& workbook, const Exercise& exercise) {
  const Chapter& chapter = workbook.chapter_of(exercise);
  return "Chapter " + std::to_string(chapter.number) + ": " + chapter.title;
}

}  // namespace

std::optional<Section> section_of(const Workbook& workbook, const Exercise& exercise,
                                  const CaseResult* result) {
  if (result != nullptr) {
    static const std::regex numbered(R"(^§([0-9]+\.[0-9]+))");
    std::smatch match;
    if (std::regex_search(result->test.description, match, numbered)) {
      if (auto section = workbook.numbered_section(workbook.chapter_of(exercise), match[1])) {
        return section;
      }
    }
  }
  if (auto section = workbook.section(exercise.section)) return section;
  if (!exercise.section.empty()) return Section{exercise.section, exercise.title, {}};
  return std::nullopt;
}

std::string section_url(const Workbook& workbook, const Exercise& exercise, const Section& section,
                        const ReportSettings& settings) {
  const std::string page = workbook.chapter_of(exercise).page + ".html#" + section.anchor;
  if (!settings.course_url.empty()) {
    std::string base = settings.course_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/" + page;
  }
  const fs::path html = workbook.root() / "build" / "html";
  if (settings.out_dir.empty()) return (html / page).string();
  std::error_code error;
  const fs::path from = fs::weakly_canonical(fs::absolute(settings.out_dir), error);
  return (html.lexically_relative(from) / page).string();
}

std::string case_output(const Workbook& workbook, const ExerciseResult& exercise,
                        const CaseResult& result, bool first_of_exercise,
                        const ReportSettings& settings) {
  std::string text;
  if (!result.test.description.empty()) text = result.test.description + "\n\n";
  if (exercise.state != ExerciseState::graded) {
    text += first_of_exercise ? "Not graded: " + exercise.problem
                              : "Not graded: " + result.verdict.reason.substr(12);
  } else if (!result.ran) {
    text += result.verdict.reason;
  } else if (result.verdict.passed) {
    text += "Passed.";
  } else {
    text += result.verdict.diagnosis(result.hidden);
  }
  if (!result.verdict.passed) {
    if (const auto section = section_of(workbook, *exercise.exercise, &result)) {
      text += "\n\nRead §" + section->title + ": " +
              section_url(workbook, *exercise.exercise, *section, settings);
    }
  }
  return text;
}

std::string results_json(const Workbook& workbook, const Grade& grade,
                         const ReportSettings& settings) {
  json tests = json::array();
  json exercises = json::array();
  std::size_t exercise_number = 0;
  std::string summary;
  for (const ExerciseResult& exercise : grade.exercises) {
    ++exercise_number;
    const Chapter& chapter = workbook.chapter_of(*exercise.exercise);
    std::size_t case_number = 0;
    for (const CaseResult& result : exercise.cases) {
      ++case_number;
      json test;
      test["name"] = case_title(exercise, result);
      test["number"] = std::to_string(chapter.number) + "." + std::to_string(exercise_number) +
                       "." + std::to_string(case_number);
      test["score"] = result.points;
      test["max_score"] = result.max_points;
      test["status"] = result.verdict.passed ? "passed" : "failed";
      test["output"] = case_output(workbook, exercise, result, case_number == 1, settings);
      test["output_format"] = "text";
      test["visibility"] = "visible";
      test["tags"] = {chapter.id, exercise.exercise->name};
      test["extra_data"] = {{"chapter", chapter.id},    {"exercise", exercise.exercise->name},
                            {"case", result.test.name}, {"result", result.verdict.status},
                            {"hidden", result.hidden},  {"seconds", result.verdict.seconds}};
      tests.push_back(std::move(test));
    }
    exercises.push_back({{"chapter", chapter.id},
                         {"exercise", exercise.exercise->name},
                         {"title", exercise.exercise->title},
                         {"score", exercise.points()},
                         {"max_score", exercise.max_points()},
                         {"status", exercise.status()}});
    summary += exercise.exercise->id() + ": " + format_points(exercise.points()) + " / " +
               format_points(exercise.max_points()) + " (" + exercise.status() + ")\n";
  }
  json results;
  results["score"] = grade.points();
  results["execution_time"] = grade.seconds;
  results["output"] = "Graded " + grade.submission + ": " + format_points(grade.points()) + " / " +
                      format_points(grade.max_points()) + " points.\n" + summary +
                      (grade.notes.empty() ? "" : "\n" + join(grade.notes, "\n"));
  results["output_format"] = "text";
  results["test_output_format"] = "text";
  results["visibility"] = "visible";
  results["stdout_visibility"] = "hidden";
  results["extra_data"] = {{"submission", grade.submission},
                           {"max_score", grade.max_points()},
                           {"exercises", exercises}};
  results["tests"] = std::move(tests);
  return results.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string junit_xml(const Workbook& workbook, const Grade& grade,
                      const ReportSettings& settings) {
  std::size_t total = 0, failures = 0, errors = 0;
  std::ostringstream suites;
  for (const ExerciseResult& exercise : grade.exercises) {
    std::size_t suite_failures = 0, suite_errors = 0;
    double seconds = 0;
    std::ostringstream cases;
    std::size_t index = 0;
    for (const CaseResult& result : exercise.cases) {
      ++index;
      seconds += result.verdict.seconds;
      cases << "    <testcase classname=\"" << xml_escape(exercise.exercise->chapter) << "."
            << xml_escape(exercise.exercise->name) << "\" name=\"" << xml_escape(result.test.name)
            << "\" time=\"" << result.verdict.seconds << "\"";
      if (result.verdict.passed) {
        cases << "/>\n";
        continue;
      }
      const std::string element = is_error(result) ? "error" : "failure";
      (is_error(result) ? suite_errors : suite_failures) += 1;
      cases << ">\n      <" << element << " type=\"" << xml_escape(result.verdict.status)
            << "\" message=\"" << xml_escape(one_line(result.verdict.reason)) << "\">"
            << xml_escape(case_output(workbook, exercise, result, index == 1, settings)) << "</"
            << element << ">\n    </testcase>\n";
    }
    total += exercise.cases.size();
    failures += suite_failures;
    errors += suite_errors;
    suites << "  <testsuite name=\"" << xml_escape(exercise.exercise->id()) << "\" tests=\""
           << exercise.cases.size() << "\" failures=\"" << suite_failures << "\" errors=\""
           << suite_errors << "\" skipped=\"0\" time=\"" << seconds << "\">\n"
           << "    <properties>\n"
           << "      <property name=\"points\" value=\"" << format_points(exercise.points())
           << "\"/>\n"
           << "      <property name=\"max_points\" value=\"" << format_points(exercise.max_points())
           << "\"/>\n"
           << "      <property name=\"status\" value=\"" << xml_escape(exercise.status())
           << "\"/>\n"
           << "    </properties>\n"
           << cases.str() << "  </testsuite>\n";
  }
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"workbook grading: " << xml_escape(grade.submission) << "\" tests=\""
      << total << "\" failures=\"" << failures << "\" errors=\"" << errors << "\" time=\""
      << grade.seconds << "\">\n"
      << suites.str() << "</testsuites>\n";
  return xml.str();
}

std::string feedback_html(const Workbook& workbook, const Grade& grade,
                          const ReportSettings& settings) {
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>Feedback: " << html_escape(grade.submission) << "</title>\n<style>\n"
       << course_css(workbook) << "\n</style>\n</head>\n<body>\n"
       << "<div id=\"top\"><div id=\"titlearea\"><div id=\"projectname\">"
       << html_escape(project_name(workbook)) << "</div><div id=\"projectbrief\">Feedback on "
       << html_escape(grade.submission) << "'s exercises</div></div></div>\n"
       << "<div id=\"doc-content\">\n<div class=\"header\"><div class=\"headertitle\"><div "
          "class=\"title\">"
       << format_points(grade.points()) << " / " << format_points(grade.max_points())
       << " points</div></div></div>\n<div class=\"contents\"><div class=\"textblock\">\n";

  html << "<table class=\"markdownTable\">\n<tr class=\"markdownTableHead\">"
       << "<th class=\"markdownTableHeadLeft\">Chapter</th>"
       << "<th class=\"markdownTableHeadLeft\">Exercise</th>"
       << "<th class=\"markdownTableHeadRight points\">Points</th>"
       << "<th class=\"markdownTableHeadLeft\">Status</th></tr>\n";
  for (const ExerciseResult& exercise : grade.exercises) {
    const std::string status = exercise.status();
    html << "<tr class=\"markdownTableRowOdd\"><td>" << html_escape(exercise.exercise->chapter)
         << "</td><td><a href=\"#"
         << html_escape(exercise.exercise->chapter + "-" + exercise.exercise->name) << "\">"
         << html_escape(exercise.exercise->title) << "</a></td><td class=\"points\">"
         << format_points(exercise.points()) << " / " << format_points(exercise.max_points())
         << "</td><td class=\"" << (status == "passed" ? "passed" : "failed") << "\">"
         << html_escape(status) << "</td></tr>\n";
  }
  html << "</table>\n";

  std::string current_chapter;
  for (const ExerciseResult& exercise : grade.exercises) {
    const Exercise& e = *exercise.exercise;
    if (e.chapter != current_chapter) {
      current_chapter = e.chapter;
      html << "<h2>" << html_escape(chapter_heading(workbook, e)) << "</h2>\n";
    }
    html << "<h3 id=\"" << html_escape(e.chapter + "-" + e.name) << "\">" << html_escape(e.title)
         << " <code>" << html_escape(e.stub_path())
         << "</code>: " << format_points(exercise.points()) << " / "
         << format_points(exercise.max_points()) << "</h3>\n";
    if (const auto section = section_of(workbook, e, nullptr)) {
      html << "<p>Notes: <a href=\"" << html_escape(section_url(workbook, e, *section, settings))
           << "\">§" << html_escape(section->title) << "</a></p>\n";
    }
    if (exercise.state != ExerciseState::graded) {
      html << "<dl class=\"section warning\"><dt>" << html_escape(exercise.status())
           << "</dt><dd><pre class=\"fragment\">" << html_escape(exercise.problem)
           << "</pre></dd></dl>\n";
    }
    std::size_t passed = 0;
    for (const CaseResult& result : exercise.cases) {
      if (result.verdict.passed) {
        ++passed;
        continue;
      }
      if (exercise.state != ExerciseState::graded) continue;
      html << "<dl class=\"section warning\"><dt>" << html_escape(result.test.name)
           << (result.hidden ? " (hidden test)" : "") << ": 0 / "
           << format_points(result.max_points) << "</dt><dd>\n";
      if (!result.test.description.empty()) {
        html << "<p class=\"claim\">" << html_escape(result.test.description) << "</p>\n";
      }
      html << "<pre class=\"fragment\">"
           << html_escape(result.ran ? result.verdict.diagnosis(result.hidden)
                                     : result.verdict.reason)
           << "</pre>\n";
      if (const auto section = section_of(workbook, e, &result)) {
        html << "<p>Read <a href=\"" << html_escape(section_url(workbook, e, *section, settings))
             << "\">§" << html_escape(section->title) << "</a></p>\n";
      }
      html << "</dd></dl>\n";
    }
    if (passed > 0) {
      html << "<dl class=\"section note\"><dt>Passed (" << passed << " of " << exercise.cases.size()
           << ")</dt><dd><ul>\n";
      for (const CaseResult& result : exercise.cases) {
        if (!result.verdict.passed) continue;
        html << "<li><code>" << html_escape(result.test.name) << "</code>"
             << (result.hidden ? " (hidden test)" : "") << ": " << format_points(result.points)
             << " / " << format_points(result.max_points) << "</li>\n";
      }
      html << "</ul></dd></dl>\n";
    }
  }
  if (!grade.notes.empty()) {
    html << "<h2>Notes</h2>\n<ul>\n";
    for (const std::string& note : grade.notes) html << "<li>" << html_escape(note) << "</li>\n";
    html << "</ul>\n";
  }
  html << "<p><small>Graded in " << html_escape(format_seconds(grade.seconds))
       << ". Each test ran in its own process, with a time limit.</small></p>\n"
       << "</div></div>\n</div>\n</body>\n</html>\n";
  return html.str();
}

std::string terminal_table(const Grade& grade) {
  std::size_t name_width = 8;
  for (const ExerciseResult& e : grade.exercises) {
    name_width = std::max(name_width, e.exercise->name.size());
  }
  std::ostringstream out;
  out << pad("Chapter", 8) << pad("Exercise", name_width + 2) << pad("Points", 16) << "Status\n";
  for (const ExerciseResult& e : grade.exercises) {
    const std::string points = format_points(e.points()) + " / " + format_points(e.max_points());
    out << pad(e.exercise->chapter, 8) << pad(e.exercise->name, name_width + 2) << pad(points, 16)
        << e.status() << "\n";
    const std::string indent(8, ' ');
    if (e.state != ExerciseState::graded) {
      for (const std::string& line : split_lines(first_lines(e.problem, 4))) {
        out << indent << "  " << one_line(line) << "\n";
      }
      continue;
    }
    const std::string status = e.status();
    if (status == "passed") continue;
    if (status == "not implemented") {
      for (const CaseResult& c : e.cases) {
        if (c.ran && !c.verdict.passed) {
          out << indent << "  every test: " << one_line(c.verdict.reason) << "\n";
          break;
        }
      }
      continue;
    }
    std::size_t shown = 0, failed = 0;
    for (const CaseResult& c : e.cases) {
      if (!c.ran || c.verdict.passed) continue;
      ++failed;
      if (shown == 5) continue;
      out << indent << "  x " << c.test.name << (c.hidden ? " (hidden)" : "") << ": "
          << one_line(c.verdict.reason, 110) << "\n";
      ++shown;
    }
    if (failed > shown) out << indent << "  ... and " << failed - shown << " more\n";
  }
  out << pad("Total", 8 + name_width + 2)
      << format_points(grade.points()) + " / " + format_points(grade.max_points()) << "\n";
  return out.str();
}

void write_reports(const Workbook& workbook, const Grade& grade, const ReportSettings& settings) {
  fs::create_directories(settings.out_dir);
  // The three files are written to temporary names first and renamed only once all are ready.
  write_file_atomically(settings.out_dir / "junit.xml", junit_xml(workbook, grade, settings));
  write_file_atomically(settings.out_dir / "feedback.html",
                        feedback_html(workbook, grade, settings));
  write_file_atomically(settings.out_dir / "results.json", results_json(workbook, grade, settings));
}

namespace {

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"\n") == std::string::npos) return field;
  return "\"" + replace_all(field, "\"", "\"\"") + "\"";
}

}  // namespace

std::string gradebook_csv(const Workbook& workbook, const std::vector<GradebookRow>& rows) {
  std::string csv = "student";
  for (const Exercise* exercise : workbook.exercises()) csv += "," + csv_field(exercise->id());
  csv += ",total,status\n";
  for (const GradebookRow& row : rows) {
    csv += csv_field(row.student);
    for (const std::string& points : row.points) csv += "," + csv_field(points);
    csv += "," + csv_field(row.total) + "," + csv_field(row.status) + "\n";
  }
  return csv;
}

}  // namespace workbook::tool
