#include "reports.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
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
    // A failure that names the exercise's own lines ("run beside §5.5's lines on 4 random
    // states") sends the reader to the exercise's section, where those lines are, even from a case
    // whose claim is another section's (the probes every Chapter 5 step answers are §5.1's).
    const auto own = workbook.section(exercise.section);
    if (own && !result->verdict.passed) {
      const std::string lines = "§" + own->title.substr(0, own->title.find(' ')) + "'s lines";
      for (const Finding& finding : result->verdict.findings) {
        bool named = finding.message.find(lines) != std::string::npos;
        for (const std::string& said : finding.context) {
          named = named || said.find(lines) != std::string::npos;
        }
        if (named) return own;
      }
    }
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
      if (result.ran && !result.verdict.passed && !result.verdict.findings.empty()) {
        // The failed checks the feedback shows, for the class report: each message and context.
        json findings = json::array();
        for (const Finding& finding : result.verdict.findings) {
          if (findings.size() == 3) break;
          findings.push_back(
              {{"kind", finding.kind}, {"message", finding.message}, {"context", finding.context}});
        }
        test["extra_data"]["findings"] = std::move(findings);
      }
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

// --- The class report ----------------------------------------------------------------------------

ClassEntry class_entry(const std::string& student, const nlohmann::json& results) {
  ClassEntry entry;
  entry.student = student;
  try {
    for (const auto& exercise : results.at("extra_data").at("exercises")) {
      StudentExercise summary;
      summary.status = exercise.at("status").get<std::string>();
      summary.score = exercise.at("score").get<double>();
      summary.max_score = exercise.at("max_score").get<double>();
      entry.exercises[exercise.at("chapter").get<std::string>() + "/" +
                      exercise.at("exercise").get<std::string>()] = std::move(summary);
    }
    for (const auto& test : results.at("tests")) {
      const auto& extra = test.at("extra_data");
      FailedCase failed;
      failed.result = extra.at("result").get<std::string>();
      // A passed case, and a hidden case this copy does not have, say nothing of the student.
      if (failed.result == "passed" || failed.result == "hidden") continue;
      const auto found = entry.exercises.find(extra.at("chapter").get<std::string>() + "/" +
                                              extra.at("exercise").get<std::string>());
      if (found == entry.exercises.end()) continue;
      failed.name = extra.at("case").get<std::string>();
      if (const auto findings = extra.find("findings"); findings != extra.end()) {
        for (const auto& finding : *findings) {
          std::string message = finding.at("message").get<std::string>();
          // As the feedback shows it (Verdict::diagnosis).
          if (finding.value("kind", "") == "exception" &&
              !contains(message, "memory access violation") && !starts_with(message, "signal:")) {
            message = "uncaught exception: " + message;
          }
          const auto context = finding.value("context", std::vector<std::string>{});
          failed.text += message + "\n";
          for (const std::string& frame : context) failed.text += frame + "\n";
          if (failed.sentence.empty())
            failed.sentence = context.empty() ? message : join(context, "; ");
          if (contains(message, "not implemented yet")) failed.not_implemented = true;
        }
      }
      found->second.failures.push_back(std::move(failed));
    }
  } catch (const nlohmann::json::exception& error) {
    entry.exercises.clear();
    entry.not_graded = std::string("its results.json is not the grader's: ") + error.what();
  }
  return entry;
}

double ExerciseSummary::mean() const {
  if (points.empty()) return 0;
  double sum = 0;
  for (const auto& [student, value] : points) sum += value;
  return sum / static_cast<double>(points.size());
}

double ExerciseSummary::median() const {
  if (points.empty()) return 0;
  std::vector<double> values;
  for (const auto& [student, value] : points) values.push_back(value);
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

namespace {

// A diagnosis with its numbers taken out: the text with a marker where each number was, and the
// numbers. Two diagnoses with the same text are the same misconception with other values ("η = 0.2:
// x₁₀ = 14, expected 0.06" and "η = 1.1: x₁₀ = 3, expected 61.9"). Only a number that stands
// alone is taken out: one glued to a letter or a symbol ("x2", "2n", "5×3", "0.5·x") stays in the
// text.
struct NumbersTakenOut {
  std::string text;
  std::vector<std::string> numbers;
};

constexpr char number_marker = '\x1f';

bool glued_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) != 0 || byte == '_' || byte == '.' || byte >= 0x80;
}

bool digit_at(const std::string& text, std::size_t i) {
  return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0;
}

NumbersTakenOut take_numbers_out(const std::string& raw) {
  NumbersTakenOut out;
  std::string text;
  for (char c : raw) {
    if (c != number_marker) text += c;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    const bool starts = i == 0 || !glued_byte(text[i - 1]);
    std::size_t end = i;
    if (starts) {
      std::size_t j = i;
      if (text[j] == '-' || text[j] == '+') ++j;
      if (text.compare(j, 3, "nan") == 0 || text.compare(j, 3, "inf") == 0) {
        end = j + 3;
      } else if (digit_at(text, j)) {
        while (digit_at(text, j)) ++j;
        if (j < text.size() && text[j] == '.' && digit_at(text, j + 1)) {
          ++j;
          while (digit_at(text, j)) ++j;
        }
        if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < text.size() && (text[k] == '-' || text[k] == '+')) ++k;
          if (digit_at(text, k)) {
            j = k;
            while (digit_at(text, j)) ++j;
          }
        }
        end = j;
      }
      // Glued to what follows: part of a name or a formula, kept.
      if (end > i && end < text.size() && glued_byte(text[end]) && text[end] != '.') end = i;
      if (end > i && end < text.size() && text[end] == '.' && digit_at(text, end + 1)) end = i;
    }
    if (end > i) {
      out.text += number_marker;
      out.numbers.push_back(text.substr(i, end - i));
      i = end;
    } else {
      out.text += text[i];
      ++i;
    }
  }
  return out;
}

// The text of a group of diagnoses that differ only in their numbers: a number they all share is
// shown, one that varies is shown as "…".
std::string shared_text(const std::vector<NumbersTakenOut>& group) {
  if (group.empty()) return "";
  std::string text;
  std::size_t slot = 0;
  for (char c : group.front().text) {
    if (c != number_marker) {
      text += c;
      continue;
    }
    const std::string& first = group.front().numbers[slot];
    bool same = true;
    for (const NumbersTakenOut& member : group) same = same && member.numbers[slot] == first;
    text += same ? first : "…";
    ++slot;
  }
  return text;
}

// The categories of a case that did not run to a failed check.
struct UnfinishedCategory {
  Misconception::Kind kind;
  const char* result;
  const char* text;
  const char* detail;
};

const std::vector<UnfinishedCategory>& unfinished_categories() {
  static const std::vector<UnfinishedCategory> list = {
      {Misconception::Kind::crashed, "crashed", "crashed",
       "killed by a signal (a memory access violation, an abort) or ended abnormally"},
      {Misconception::Kind::timed_out, "timed out", "timed out",
       "killed at the time limit: an endless loop, or far too slow"},
      {Misconception::Kind::no_report, "no report", "no report",
       "the program ended before Boost.Test reported a result: std::exit or _exit in the "
       "exercise?"},
      {Misconception::Kind::output_limit, "output limit", "output limit",
       "killed for printing too much: printing in a loop?"},
  };
  return list;
}

int kind_order(Misconception::Kind kind) {
  return static_cast<int>(kind);
}

// Whether a known mistake's diagnosis matches a failure; a text too long for std::regex matches
// nothing.
bool diagnosis_matches(const std::string& text, const std::regex& diagnosis) {
  try {
    return std::regex_search(text, diagnosis);
  } catch (const std::regex_error&) {
    return false;
  }
}

}  // namespace

ClassReport class_report(const Workbook& workbook, const std::vector<ClassEntry>& entries) {
  ClassReport report;
  report.students = entries.size();
  for (const ClassEntry& entry : entries) {
    if (!entry.not_graded.empty()) report.not_graded.emplace_back(entry.student, entry.not_graded);
  }
  for (const Exercise* exercise : workbook.exercises()) {
    ExerciseSummary summary;
    summary.exercise = exercise;
    // The known mistakes' diagnoses, read as `validate` reads them; one that is not a regular
    // expression (validate reports it) names nothing.
    std::vector<std::pair<const Mistake*, std::regex>> mistakes;
    for (const Mistake& mistake : exercise->mistakes) {
      try {
        mistakes.emplace_back(&mistake, std::regex(ecmascript_from_cmake_regex(mistake.diagnosis)));
      } catch (const std::regex_error&) {
      }
    }
    std::map<std::string, Misconception> groups;
    std::map<std::string, std::vector<NumbersTakenOut>> diagnoses;
    for (const ClassEntry& entry : entries) {
      if (!entry.not_graded.empty()) continue;
      const auto found = entry.exercises.find(exercise->id());
      if (found == entry.exercises.end() || found->second.status == "missing") {
        summary.missing.push_back(entry.student);
        continue;
      }
      const StudentExercise& result = found->second;
      if (result.status == "does not compile" || result.status == "does not link") {
        summary.not_compiling.push_back(entry.student);
        continue;
      }
      if (result.status == "not run") {
        summary.not_run.push_back(entry.student);
        continue;
      }
      summary.points[entry.student] = result.score;
      summary.max_points = std::max(summary.max_points, result.max_score);
      for (const FailedCase& failed : result.failures) {
        std::string key;
        Misconception named;
        if (failed.result == "failed" && failed.not_implemented) {
          key = "not implemented";
          named.kind = Misconception::Kind::not_implemented;
          named.text = "not implemented";
          named.detail = "the stub, untouched: its tests fail with \"not implemented yet\"";
        } else if (failed.result == "failed") {
          std::vector<std::string> names, files;
          for (const auto& [mistake, diagnosis] : mistakes) {
            if (diagnosis_matches(failed.text, diagnosis)) {
              names.push_back(mistake->name);
              files.push_back(mistake->path(exercise->chapter) + ", whose feedback matches \"" +
                              mistake->diagnosis + "\"");
            }
          }
          if (!names.empty()) {
            key = "mistake " + join(names, " or ");
            named.kind = Misconception::Kind::known_mistake;
            named.text = join(names, " or ");
            named.detail = join(files, "; ");
          } else {
            NumbersTakenOut diagnosis = take_numbers_out(
                failed.sentence.empty() ? "a failed case without a failed check" : failed.sentence);
            key = "diagnosis " + diagnosis.text;
            named.kind = Misconception::Kind::diagnosis;
            diagnoses[key].push_back(std::move(diagnosis));
          }
        } else {
          named.kind = Misconception::Kind::other;
          named.text = failed.result;
          named.detail = "the case ended without a result the grader accepts: see the feedback";
          for (const UnfinishedCategory& category : unfinished_categories()) {
            if (failed.result == category.result) {
              named.kind = category.kind;
              named.text = category.text;
              named.detail = category.detail;
            }
          }
          key = "result " + failed.result;
        }
        auto [group, added] = groups.try_emplace(key, std::move(named));
        std::vector<std::string>& cases = group->second.students[entry.student];
        if (std::find(cases.begin(), cases.end(), failed.name) == cases.end()) {
          cases.push_back(failed.name);
        }
      }
    }
    for (auto& [key, group] : groups) {
      if (group.kind == Misconception::Kind::diagnosis) group.text = shared_text(diagnoses[key]);
      summary.misconceptions.push_back(std::move(group));
    }
    std::stable_sort(summary.misconceptions.begin(), summary.misconceptions.end(),
                     [](const Misconception& a, const Misconception& b) {
                       if (a.students.size() != b.students.size()) {
                         return a.students.size() > b.students.size();
                       }
                       if (a.kind != b.kind) return kind_order(a.kind) < kind_order(b.kind);
                       return a.text < b.text;
                     });
    report.exercises.push_back(std::move(summary));
  }
  return report;
}

namespace {

// A student's folder name as a relative address: every byte but the unreserved ones escaped.
std::string url_segment(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
  }
  return out;
}

std::string student_link(const std::string& student) {
  return "<a href=\"" + html_escape(url_segment(student) + "/feedback.html") + "\">" +
         html_escape(student) + "</a>";
}

// `text` cut to `width` columns, with "…" when cut.
std::string cut_to_width(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::size_t cut = 0, columns = 0;
  while (cut < text.size() && columns < width - 1) {
    ++cut;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    ++columns;
  }
  return text.substr(0, cut) + "…";
}

std::string svg_number(double value) {
  std::ostringstream out;
  out << std::round(value * 10) / 10;
  return out.str();
}

std::string students_count(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " student" : " students");
}

const char* kind_class(Misconception::Kind kind) {
  switch (kind) {
    case Misconception::Kind::known_mistake:
      return "mistake";
    case Misconception::Kind::diagnosis:
      return "diagnosis";
    case Misconception::Kind::not_implemented:
      return "stub";
    default:
      return "error";
  }
}

const char* kind_name(Misconception::Kind kind) {
  switch (kind) {
    case Misconception::Kind::known_mistake:
      return "known mistake";
    case Misconception::Kind::diagnosis:
      return "diagnosis";
    case Misconception::Kind::not_implemented:
      return "stub";
    default:
      return "did not finish";
  }
}

// What the chart and the table call a misconception: a known mistake by its name and what it is.
std::string label_of(const Misconception& m) {
  return m.kind == Misconception::Kind::known_mistake ? "known mistake " + m.text : m.text;
}

// The points of the graded students: one bar per bucket of equal width below the maximum, and one
// for the maximum itself.
std::string points_histogram(const ExerciseSummary& summary) {
  const double max = summary.max_points;
  if (summary.points.empty() || max <= 0) return "";
  bool whole = std::abs(max - std::round(max)) < 1e-9;
  for (const auto& [student, value] : summary.points) {
    whole = whole && std::abs(value - std::round(value)) < 1e-9;
  }
  // The narrowest round width that makes at most 10 buckets: 1, 2, 5, 10, ... points (and 0.1,
  // 0.2, 0.25, 0.5, 2.5 when the points are not whole).
  double width = max;
  bool chosen = false;
  for (int exponent = -1; exponent <= 9 && !chosen; ++exponent) {
    for (double mantissa : {1.0, 2.0, 2.5, 5.0}) {
      const double candidate = mantissa * std::pow(10.0, exponent);
      if (whole && (candidate < 1 || mantissa == 2.5)) continue;
      if (std::ceil(max / candidate - 1e-9) <= 10) {
        width = candidate;
        chosen = true;
        break;
      }
    }
  }
  const auto buckets = static_cast<std::size_t>(std::max(1.0, std::ceil(max / width - 1e-9)));
  std::vector<std::size_t> counts(buckets + 1, 0);
  for (const auto& [student, value] : summary.points) {
    if (value >= max - 1e-9) {
      ++counts[buckets];
    } else {
      const auto bucket = static_cast<std::size_t>(std::max(0.0, std::floor(value / width + 1e-9)));
      ++counts[std::min(bucket, buckets - 1)];
    }
  }
  const std::size_t highest = *std::max_element(counts.begin(), counts.end());
  const double left = 8, plot_width = 464, top = 18, plot_height = 92;
  const double slot = plot_width / static_cast<double>(counts.size());
  std::ostringstream svg;
  svg << "<svg class=\"histogram\" width=\"480\" height=\"150\" viewBox=\"0 0 480 150\" "
         "role=\"img\" aria-label=\"Points of the "
      << summary.points.size() << " graded students\">\n<title>Points of the "
      << summary.points.size() << " graded students (maximum " << format_points(max)
      << ")</title>\n";
  svg << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << top + plot_height << "\" x2=\""
      << left + plot_width << "\" y2=\"" << top + plot_height << "\"/>\n";
  for (std::size_t b = 0; b < counts.size(); ++b) {
    const bool full = b == buckets;
    const double low = static_cast<double>(b) * width;
    const double high = std::min(max, low + width);
    std::string label, range;
    if (full) {
      label = format_points(max);
      range = "the maximum, " + format_points(max) + " points";
    } else if (whole && width == 1) {
      label = format_points(low);
      range = format_points(low) + " points";
    } else {
      label = format_points(low) + "–" + format_points(high);
      range =
          "at least " + format_points(low) + " and less than " + format_points(high) + " points";
    }
    const double height =
        highest == 0 ? 0
                     : plot_height * static_cast<double>(counts[b]) / static_cast<double>(highest);
    const double x = left + slot * static_cast<double>(b) + slot * 0.1;
    const double center = left + slot * (static_cast<double>(b) + 0.5);
    svg << "<g><title>" << students_count(counts[b]) << ": " << html_escape(range) << "</title>"
        << "<rect class=\"bar" << (full ? " full" : "") << "\" x=\"" << svg_number(x) << "\" y=\""
        << svg_number(top + plot_height - height) << "\" width=\"" << svg_number(slot * 0.8)
        << "\" height=\"" << svg_number(height) << "\"/>";
    if (counts[b] > 0) {
      svg << "<text class=\"count\" x=\"" << svg_number(center) << "\" y=\""
          << svg_number(top + plot_height - height - 4) << "\">" << counts[b] << "</text>";
    }
    svg << "<text class=\"tick\" x=\"" << svg_number(center) << "\" y=\"" << top + plot_height + 16
        << "\">" << html_escape(label) << "</text>";
    if (full) {
      svg << "<text class=\"tick max\" x=\"" << svg_number(center) << "\" y=\""
          << top + plot_height + 30 << "\">max</text>";
    }
    svg << "</g>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

// One bar per misconception, the most students first, each as long as its share of the graded
// students.
std::string misconception_chart(const ExerciseSummary& summary) {
  const std::size_t rows = summary.misconceptions.size();
  const std::size_t graded = std::max<std::size_t>(1, summary.points.size());
  const double row_height = 36, bar_width = 560,
               height = row_height * static_cast<double>(rows) + 4;
  std::ostringstream svg;
  svg << "<svg class=\"misconceptions\" width=\"760\" height=\"" << svg_number(height)
      << "\" viewBox=\"0 0 760 " << svg_number(height)
      << "\" role=\"img\" aria-label=\"Students per misconception\">\n";
  for (std::size_t r = 0; r < rows; ++r) {
    const Misconception& m = summary.misconceptions[r];
    const double y = row_height * static_cast<double>(r);
    const std::size_t count = m.students.size();
    const double length =
        std::max(2.0, bar_width * static_cast<double>(count) / static_cast<double>(graded));
    svg << "<g><title>" << html_escape(label_of(m)) << ": " << students_count(count) << "</title>"
        << "<text class=\"label\" x=\"0\" y=\"" << svg_number(y + 13) << "\">"
        << html_escape(cut_to_width(label_of(m), 110)) << "</text>"
        << "<rect class=\"bar " << kind_class(m.kind) << "\" x=\"0\" y=\"" << svg_number(y + 18)
        << "\" width=\"" << svg_number(length) << "\" height=\"12\"/>"
        << "<text class=\"count start\" x=\"" << svg_number(length + 6) << "\" y=\""
        << svg_number(y + 28) << "\">" << count << " of " << summary.points.size()
        << "</text></g>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string students_details(const std::vector<std::string>& students) {
  std::string html = "<details><summary>" + students_count(students.size()) + "</summary><p>";
  for (std::size_t i = 0; i < students.size(); ++i) {
    html += (i == 0 ? "" : ", ") + student_link(students[i]);
  }
  return html + "</p></details>";
}

}  // namespace

std::string class_report_html(const Workbook& workbook, const ClassReport& report,
                              const ReportSettings& settings) {
  std::size_t graded = report.students - report.not_graded.size();
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>Class report: " << graded << " of " << report.students
       << " submissions graded</title>\n<style>\n"
       << course_css(workbook) << R"css(
/* Class report */
svg { display: block; margin: 8px 0; overflow: visible; }
svg text { fill: var(--page-foreground-color, #222); font-size: 12px; }
svg text.count, svg text.tick { text-anchor: middle; }
svg text.count.start { text-anchor: start; }
svg text.max { font-weight: 600; fill: #2e7d32; }
svg line.axis { stroke: var(--separator-color, #bbb); stroke-width: 1; }
rect.bar { fill: var(--primary-color, #1779c4); }
rect.bar.full { fill: #2e7d32; }
rect.bar.mistake { fill: #6a1b9a; }
rect.bar.diagnosis { fill: var(--primary-color, #1779c4); }
rect.bar.error { fill: #c62828; }
rect.bar.stub { fill: #9e9e9e; }
span.kind { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 85%; }
span.kind.mistake { background: #6a1b9a; }
span.kind.diagnosis { background: var(--primary-color, #1779c4); }
span.kind.error { background: #c62828; }
span.kind.stub { background: #9e9e9e; }
ol.misconceptions li { margin-bottom: 6px; }
th.top, td.top { min-width: 12em; }
details { display: inline; }
details[open] { display: block; }
)css"
       << "\n</style>\n</head>\n<body>\n"
       << "<div id=\"top\"><div id=\"titlearea\"><div id=\"projectname\">"
       << html_escape(project_name(workbook))
       << "</div><div id=\"projectbrief\">Class report: what to teach again</div></div></div>\n"
       << "<div id=\"doc-content\">\n<div class=\"header\"><div class=\"headertitle\"><div "
          "class=\"title\">"
       << graded << " of " << report.students << " submissions graded"
       << "</div></div></div>\n<div class=\"contents\"><div class=\"textblock\">\n";
  html << "<p>For each exercise: the points of the students whose file was graded, and what went "
          "wrong, by the number of students (a student counts once per misconception, however "
          "many cases show it). A failure is named by the manifest's <span class=\"kind "
          "mistake\">known mistake</span> whose diagnosis it matches, else by the tests' <span "
          "class=\"kind diagnosis\">diagnosis</span> (a number that varies between students is "
          "shown as …); a case that <span class=\"kind error\">did not finish</span> (crashed, "
          "timed out, no report, output limit) and the untouched <span class=\"kind "
          "stub\">stub</span> are their own categories. Each student's name leads to their "
          "feedback.</p>\n";
  if (!report.not_graded.empty()) {
    html << "<dl class=\"section warning\"><dt>Not graded (" << report.not_graded.size() << " of "
         << report.students << "), left out below</dt><dd><ul>\n";
    for (const auto& [student, why] : report.not_graded) {
      html << "<li>" << html_escape(student) << ": " << html_escape(why) << "</li>\n";
    }
    html << "</ul></dd></dl>\n";
  }

  html << "<table class=\"markdownTable\">\n<tr class=\"markdownTableHead\">"
       << "<th class=\"markdownTableHeadLeft\">Exercise</th>"
       << "<th class=\"markdownTableHeadRight points\">Graded</th>"
       << "<th class=\"markdownTableHeadRight points\">Missing</th>"
       << "<th class=\"markdownTableHeadRight points\">Not compiling</th>"
       << "<th class=\"markdownTableHeadRight points\">Not run</th>"
       << "<th class=\"markdownTableHeadRight points\">Mean</th>"
       << "<th class=\"markdownTableHeadRight points\">Median</th>"
       << "<th class=\"markdownTableHeadLeft top\">Most common (students)</th></tr>\n";
  for (const ExerciseSummary& summary : report.exercises) {
    const Exercise& e = *summary.exercise;
    const bool any = !summary.points.empty();
    html << "<tr class=\"markdownTableRowOdd\"><td><a href=\"#class-"
         << html_escape(e.chapter + "-" + e.name) << "\">" << html_escape(e.id())
         << "</a></td><td class=\"points\">" << summary.points.size()
         << "</td><td class=\"points\">" << summary.missing.size() << "</td><td class=\"points\">"
         << summary.not_compiling.size() << "</td><td class=\"points\">" << summary.not_run.size()
         << "</td><td class=\"points\">"
         << (any ? format_points(summary.mean()) + " / " + format_points(summary.max_points) : "")
         << "</td><td class=\"points\">" << (any ? format_points(summary.median()) : "")
         << "</td><td class=\"top\">";
    if (!summary.misconceptions.empty()) {
      const Misconception& top = summary.misconceptions.front();
      html << html_escape(cut_to_width(label_of(top), 60)) << " (" << top.students.size() << ")";
    }
    html << "</td></tr>\n";
  }
  html << "</table>\n";

  std::string current_chapter;
  for (const ExerciseSummary& summary : report.exercises) {
    const Exercise& e = *summary.exercise;
    if (e.chapter != current_chapter) {
      current_chapter = e.chapter;
      html << "<h2>" << html_escape(chapter_heading(workbook, e)) << "</h2>\n";
    }
    html << "<h3 id=\"class-" << html_escape(e.chapter + "-" + e.name) << "\">"
         << html_escape(e.title) << " <code>" << html_escape(e.stub_path()) << "</code></h3>\n";
    if (const auto section = section_of(workbook, e, nullptr)) {
      html << "<p>Notes: <a href=\"" << html_escape(section_url(workbook, e, *section, settings))
           << "\">§" << html_escape(section->title) << "</a></p>\n";
    }
    html << "<p>Graded: " << summary.points.size() << " of " << graded;
    if (!summary.missing.empty()) html << "; missing: " << students_details(summary.missing);
    if (!summary.not_compiling.empty()) {
      html << "; does not compile: " << students_details(summary.not_compiling);
    }
    if (!summary.not_run.empty()) {
      html << "; not run (the grader refused the code, or no case could start): "
           << students_details(summary.not_run);
    }
    html << "</p>\n";
    if (summary.points.empty()) continue;
    html << "<p>Mean " << format_points(summary.mean()) << ", median "
         << format_points(summary.median()) << " of " << format_points(summary.max_points)
         << " points.</p>\n"
         << points_histogram(summary);
    if (summary.misconceptions.empty()) {
      html << "<p class=\"passed\">No graded student failed a case.</p>\n";
      continue;
    }
    html << "<h4>What went wrong</h4>\n" << misconception_chart(summary);
    html << "<ol class=\"misconceptions\">\n";
    for (const Misconception& m : summary.misconceptions) {
      html << "<li><span class=\"kind " << kind_class(m.kind) << "\">" << kind_name(m.kind)
           << "</span> <strong>" << html_escape(cut_to_width(m.text, 400)) << "</strong>";
      if (!m.detail.empty()) html << " <small>(" << html_escape(m.detail) << ")</small>";
      html << ": <details><summary>" << students_count(m.students.size()) << "</summary><ul>\n";
      for (const auto& [student, cases] : m.students) {
        html << "<li>" << student_link(student) << ": <code>" << html_escape(join(cases, ", "))
             << "</code></li>\n";
      }
      html << "</ul></details></li>\n";
    }
    html << "</ol>\n";
  }
  html << "</div></div>\n</div>\n</body>\n</html>\n";
  return html.str();
}

}  // namespace workbook::tool
