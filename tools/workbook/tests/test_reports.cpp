// The result files: results.json in Gradescope's format, JUnit XML, the feedback page, the table,
// the gradebook, the class report.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "reports.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;

namespace {

// A graded submission of Chapter 1: the gradient step with one failure, the line search that does
// not compile, the finite differences all passed.
struct Graded {
  Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  Grade grade;

  Graded() {
    grade.submission = "alice <&>";
    grade.seconds = 12.5;
    for (const Exercise* exercise : workbook.exercises()) {
      if (exercise->chapter != "ch01") continue;
      ExerciseResult result;
      result.exercise = exercise;
      std::vector<TestCase> cases(2);
      std::vector<std::optional<Verdict>> verdicts(2);
      for (int i = 0; i < 2; ++i) {
        cases[i].suite = exercise->name;
        cases[i].name = "case_" + std::to_string(i);
        cases[i].path = exercise->name + "/" + cases[i].name;
        cases[i].file = "solutions/ch01/test.cpp";
        cases[i].line = 10 + i;
        cases[i].description = "§1.4: a claim";
        Verdict v;
        v.passed = exercise->name != "gradient_descent_step" || i == 1;
        v.status = v.passed ? "passed" : "failed";
        if (!v.passed) {
          v.reason = "x moved uphill";
          v.findings.push_back({"error",
                                "solutions/ch01/test.cpp",
                                51,
                                "check x == 6 has failed",
                                {"x moved uphill, to x + η∇f: the step is x − η∇f \xff"},
                                ""});
        }
        verdicts[i] = v;
      }
      result.cases = score_cases(*exercise, cases, verdicts, false);
      if (exercise->name == "armijo_backtracking") {
        result.state = ExerciseState::compile_error;
        result.problem = "exercises/ch01/armijo_backtracking.cpp does not compile:\nerror: oops";
        for (CaseResult& c : result.cases) {
          c.verdict = Verdict{};
          c.verdict.status = "does not compile";
          c.verdict.reason = "not graded: exercises/ch01/armijo_backtracking.cpp does not compile";
          c.points = 0;
        }
      }
      grade.exercises.push_back(std::move(result));
    }
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reports, Graded)

BOOST_AUTO_TEST_CASE(results_json_is_gradescopes_format) {
  ReportSettings settings;
  settings.course_url = "https://example.org/course/";
  const auto results = nlohmann::json::parse(results_json(workbook, grade, settings));
  BOOST_TEST(results["score"].get<double>() == grade.points());
  BOOST_TEST(results["execution_time"].get<double>() == 12.5);
  BOOST_TEST(results["visibility"] == "visible");
  BOOST_TEST_REQUIRE(results["tests"].size() == 6u);
  const auto& first = results["tests"][0];
  for (const char* field :
       {"name", "number", "score", "max_score", "status", "output", "visibility"}) {
    BOOST_TEST_INFO(field);
    BOOST_TEST(first.contains(field));
  }
  BOOST_TEST(first["name"] == "ch01/gradient_descent_step/case_0");
  BOOST_TEST(first["number"] == "1.1.1");
  BOOST_TEST(first["status"] == "failed");
  BOOST_TEST(first["score"].get<double>() == 0.0);
  BOOST_TEST(first["max_score"].get<double>() == 1.0);
  const std::string output = first["output"];
  BOOST_TEST(contains(output, "§1.4: a claim"));
  BOOST_TEST(contains(output, "x moved uphill, to x + η∇f"));
  // The section the claim names, in the course given by --course-url.
  BOOST_TEST(contains(output,
                      "Read §1.4 Gradient descent on a quadratic: "
                      "https://example.org/course/ch01.html#ch01-quadratic"));
  BOOST_TEST(contains(output, "\xEF\xBF\xBD"));  // an invalid byte became U+FFFD
  BOOST_TEST(results["tests"][1]["status"] == "passed");
  BOOST_TEST(results["tests"][1]["score"].get<double>() == 1.0);
  const std::string not_compiled = results["tests"][2]["output"];
  BOOST_TEST(contains(not_compiled, "does not compile:\nerror: oops"));
}

BOOST_AUTO_TEST_CASE(junit_xml_counts_failures_and_errors) {
  const std::string xml = junit_xml(workbook, grade, {});
  BOOST_TEST(contains(xml,
                      "<testsuites name=\"workbook grading: alice &lt;&amp;&gt;\" tests=\"6\" "
                      "failures=\"1\" errors=\"2\""));
  BOOST_TEST(
      contains(xml, "<testsuite name=\"ch01/gradient_descent_step\" tests=\"2\" failures=\"1\""));
  BOOST_TEST(contains(xml, "<failure type=\"failed\" message=\"x moved uphill\">"));
  BOOST_TEST(contains(xml, "<error type=\"does not compile\""));
  BOOST_TEST(!contains(xml, "\xff"));
}

BOOST_AUTO_TEST_CASE(feedback_page_links_each_failure_to_the_notes) {
  ReportSettings settings;
  settings.out_dir = workbook::tool::testing::scratch_root();
  const std::string html = feedback_html(workbook, grade, settings);
  BOOST_TEST(contains(html, "<title>Feedback: alice &lt;&amp;&gt;</title>"));
  BOOST_TEST(contains(html, "ch01.html#ch01-quadratic\">§1.4 Gradient descent on a quadratic</a>"));
  // Without --course-url, the link leads from the output folder to the course built in build/html.
  const std::filesystem::path course = workbook.root() / "build" / "html";
  const std::string link = course
                               .lexically_relative(std::filesystem::weakly_canonical(
                                   workbook::tool::testing::scratch_root()))
                               .string() +
                           "/ch01.html#ch01-gradient-step";
  BOOST_TEST_INFO("expected the link " << link);
  BOOST_TEST(contains(html, link));
  BOOST_TEST(contains(html, "x moved uphill, to x + η∇f"));
  BOOST_TEST(contains(html, "exercises/ch01/armijo_backtracking.cpp does not compile"));
  BOOST_TEST(contains(html, "<div id=\"doc-content\">"));  // the course's layout and theme
}

BOOST_AUTO_TEST_CASE(terminal_table_shows_each_exercise_and_each_failure) {
  const std::string table = terminal_table(grade);
  BOOST_TEST(contains(table, "ch01    gradient_descent_step"));
  BOOST_TEST(contains(table, "1 of 2 failed"));
  BOOST_TEST(contains(table, "x case_0: x moved uphill"));
  BOOST_TEST(contains(table, "does not compile"));
  BOOST_TEST(contains(table, "Total"));
}

BOOST_AUTO_TEST_CASE(a_failure_naming_the_exercises_lines_points_to_its_section) {
  // The failed case claims §1.4; a finding that names §1.2's lines, the gradient step's own, sends
  // the reader to §1.2 instead. Lines of another section leave the claim's section.
  ExerciseResult& step = grade.exercises.front();
  BOOST_TEST_REQUIRE(step.exercise->name == "gradient_descent_step");
  CaseResult failed = step.cases.front();
  BOOST_TEST_REQUIRE(!failed.verdict.passed);
  const auto read = [&](const std::string& said) {
    failed.verdict.findings.front().context = {said};
    const auto section = section_of(workbook, *step.exercise, &failed);
    return section ? section->anchor : std::string("(none)");
  };
  BOOST_TEST(read("x moved uphill") == "ch01-quadratic");
  BOOST_TEST(read("the gradient step, run beside §1.2's lines on 4 random states: every output is "
                  "that of the notes' lines with one change") == "ch01-gradient-step");
  BOOST_TEST(read("run beside §1.5's lines") == "ch01-quadratic");
  // A case that passed keeps its claim's section, whatever its output says.
  failed.verdict.passed = true;
  BOOST_TEST(read("run beside §1.2's lines") == "ch01-quadratic");
}

BOOST_AUTO_TEST_CASE(gradebook_quotes_what_needs_quoting) {
  GradebookRow row{"doe, jane", {"1", "", "2"}, "3", "graded"};
  const std::string csv = gradebook_csv(workbook, {row});
  BOOST_TEST(starts_with(csv, "student,ch01/gradient_descent_step,ch01/armijo_backtracking,"));
  BOOST_TEST(contains(csv, "\"doe, jane\",1,,2"));
}

BOOST_AUTO_TEST_SUITE_END()

// --- The class report ----------------------------------------------------------------------------

namespace {

FailedCase failure(const std::string& name, const std::string& result,
                   const std::string& sentence = "", const std::string& text = "") {
  FailedCase failed;
  failed.name = name;
  failed.result = result;
  failed.sentence = sentence;
  failed.text = text.empty() ? sentence + "\n" : text;
  return failed;
}

// A student whose only graded exercise is ch01/gradient_descent_step (16 points); the other two of
// Chapter 1 passed.
ClassEntry student(const std::string& name, const std::string& status, double score,
                   std::vector<FailedCase> failures = {}) {
  ClassEntry entry;
  entry.student = name;
  entry.exercises["ch01/gradient_descent_step"] = {status, score, 16, std::move(failures)};
  entry.exercises["ch01/armijo_backtracking"] = {"passed", 3, 3, {}};
  entry.exercises["ch01/central_difference_gradient"] = {"passed", 2, 2, {}};
  return entry;
}

const ExerciseSummary& summary_of(const ClassReport& report, const std::string& id) {
  for (const ExerciseSummary& summary : report.exercises) {
    if (summary.exercise->id() == id) return summary;
  }
  BOOST_FAIL("the class report has no exercise " << id);
  throw std::logic_error("unreachable");
}

const Misconception* find_kind(const ExerciseSummary& summary, Misconception::Kind kind) {
  for (const Misconception& m : summary.misconceptions) {
    if (m.kind == kind) return &m;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(class_report_of_a_batch)

BOOST_FIXTURE_TEST_CASE(results_json_carries_the_failed_checks_the_class_report_reads, Graded,
                        *boost::unit_test::description(
                            "results.json keeps each failed check's message and context, and "
                            "class_entry reads them back with each exercise's status and points")) {
  const auto results = nlohmann::json::parse(results_json(workbook, grade, {}));
  const auto& findings = results["tests"][0]["extra_data"]["findings"];
  BOOST_TEST_REQUIRE(findings.size() == 1u, "the failed case's one failed check, got " << findings);
  BOOST_TEST(findings[0]["message"] == "check x == 6 has failed");
  BOOST_TEST(!results["tests"][1]["extra_data"].contains("findings"),
             "a passed case records no findings");

  const ClassEntry entry = class_entry("alice", results);
  BOOST_TEST(entry.not_graded.empty(), "read without complaint, got: " << entry.not_graded);
  BOOST_TEST_REQUIRE(entry.exercises.count("ch01/gradient_descent_step") == 1u);
  const StudentExercise& step = entry.exercises.at("ch01/gradient_descent_step");
  BOOST_TEST(step.status == "1 of 2 failed");
  BOOST_TEST(step.score == 1.0);
  BOOST_TEST_REQUIRE(step.failures.size() == 1u, "only the failed case is kept");
  BOOST_TEST(step.failures[0].name == "case_0");
  BOOST_TEST(step.failures[0].result == "failed");
  BOOST_TEST(starts_with(step.failures[0].sentence, "x moved uphill, to x + η∇f"),
             "the sentence is the check's context, got: " << step.failures[0].sentence);
  BOOST_TEST(contains(step.failures[0].text, "check x == 6 has failed\nx moved uphill"));
  BOOST_TEST(entry.exercises.at("ch01/armijo_backtracking").status == "does not compile");
}

BOOST_AUTO_TEST_CASE(an_uncaught_exception_reads_as_the_feedback_shows_it,
                     *boost::unit_test::description(
                         "an exception's message becomes the sentence 'uncaught exception: ...', "
                         "and the stub's 'not implemented yet' marks the case as the stub's")) {
  const auto results = nlohmann::json::parse(R"({
    "score": 0,
    "extra_data": {"exercises": [{"chapter": "ch01", "exercise": "gradient_descent_step",
                                  "title": "The gradient step", "score": 0, "max_score": 16,
                                  "status": "2 of 11 failed"}]},
    "tests": [
      {"extra_data": {"chapter": "ch01", "exercise": "gradient_descent_step", "case": "a",
                      "result": "failed", "hidden": false, "seconds": 0.1,
                      "findings": [{"kind": "exception", "message": "vector too long",
                                    "context": []}]}},
      {"extra_data": {"chapter": "ch01", "exercise": "gradient_descent_step", "case": "b",
                      "result": "failed", "hidden": false, "seconds": 0.1,
                      "findings": [{"kind": "exception",
                                    "message": "not implemented yet: exercises/ch01/x.cpp"}]}}]
  })");
  const ClassEntry entry = class_entry("alice", results);
  BOOST_TEST_REQUIRE(entry.not_graded.empty(), entry.not_graded);
  const auto& failures = entry.exercises.at("ch01/gradient_descent_step").failures;
  BOOST_TEST_REQUIRE(failures.size() == 2u);
  BOOST_TEST(failures[0].sentence == "uncaught exception: vector too long");
  BOOST_TEST(!failures[0].not_implemented);
  BOOST_TEST(failures[1].not_implemented, "the stub's message: " << failures[1].sentence);
}

BOOST_AUTO_TEST_CASE(results_that_are_not_the_graders_are_said_so,
                     *boost::unit_test::description(
                         "a results.json without the grader's fields makes an entry that says "
                         "why it was not read, instead of an exception")) {
  const ClassEntry entry = class_entry("mallory", nlohmann::json::parse(R"({"score": 3})"));
  BOOST_TEST(contains(entry.not_graded, "results.json is not the grader's"),
             "got: '" << entry.not_graded << "'");
  BOOST_TEST(entry.exercises.empty());
}

BOOST_AUTO_TEST_CASE(
    a_student_counts_once_per_misconception,
    *boost::unit_test::description(
        "diagnoses that differ only in their numbers are one misconception, shown with … where "
        "the numbers vary; a student who shows it in three cases counts once")) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  auto ten_steps = [](const std::string& eta, const std::string& got) {
    return "η = " + eta + ": x₁₀ = " + got + ", expected 10(1 − 2η)¹⁰: each step must multiply x";
  };
  std::vector<ClassEntry> entries = {
      student("alice", "3 of 11 failed", 10,
              {failure("ten_steps_a", "failed", ten_steps("0.2", "14")),
               failure("ten_steps_b", "failed", ten_steps("0.05", "-3.5e-07")),
               failure("ten_steps_c", "failed", ten_steps("1.1", "nan"))}),
      student("bob", "1 of 11 failed", 12, {failure("ten_steps_a", "failed", ten_steps("2", "7"))}),
      student("carol", "1 of 11 failed", 14,
              {failure("evaluations", "failed", "f was evaluated 3n = 9 times")}),
      student("dave", "1 of 11 failed", 14,
              {failure("evaluations", "failed", "f was evaluated 2n = 6 times")}),
  };
  const ClassReport report = class_report(workbook, entries);
  const ExerciseSummary& step = summary_of(report, "ch01/gradient_descent_step");
  BOOST_TEST_REQUIRE(step.misconceptions.size() == 3u,
                     "one misconception for the ten steps, and the evaluations of carol and dave "
                     "apart (a number glued to a name is part of the text)");
  const Misconception& first = step.misconceptions[0];
  BOOST_TEST(first.students.size() == 2u, "alice and bob, each once");
  BOOST_TEST(first.students.at("alice").size() == 3u, "alice's three cases are listed");
  BOOST_TEST(first.text == "η = …: x₁₀ = …, expected 10(1 − 2η)¹⁰: each step must multiply x",
             "the numbers that vary become …, those shared stay: got " << first.text);
  BOOST_TEST(step.misconceptions[1].students.size() == 1u);
  BOOST_TEST(step.misconceptions[1].text == "f was evaluated 2n = 6 times",
             "one student's diagnosis keeps its numbers: got " << step.misconceptions[1].text);
}

BOOST_AUTO_TEST_CASE(a_failure_matching_a_known_mistake_is_named_by_it,
                     *boost::unit_test::description(
                         "a failure whose checks match a manifest mistake's diagnosis is counted "
                         "under that mistake's name, whatever its numbers")) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  auto uphill = [](const std::string& x) {
    return failure("one_step", "failed", "x moved uphill, to x + η∇f = " + x,
                   "check x(0) == 6.0 has failed [" + x +
                       " != 6]\nx moved uphill, to x + η∇f = " + x + ": the step is x − η∇f\n");
  };
  const ClassReport report =
      class_report(workbook, {student("alice", "1 of 11 failed", 13, {uphill("14")}),
                              student("bob", "1 of 11 failed", 13, {uphill("15")})});
  const ExerciseSummary& step = summary_of(report, "ch01/gradient_descent_step");
  BOOST_TEST_REQUIRE(step.misconceptions.size() == 1u);
  const Misconception& sign = step.misconceptions[0];
  BOOST_TEST((sign.kind == Misconception::Kind::known_mistake), "named as a known mistake");
  BOOST_TEST(sign.text == "sign", "got: " << sign.text);
  BOOST_TEST(contains(sign.detail, "solutions/ch01/mistakes/gradient_descent_step_sign.cpp"));
  BOOST_TEST(sign.students.size() == 2u);
}

BOOST_AUTO_TEST_CASE(
    crashes_timeouts_and_missing_reports_are_categories_of_their_own,
    *boost::unit_test::description("a case that crashed, timed out, left no report or printed "
                                   "too much, and the untouched stub, each make a category")) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  FailedCase stub = failure("one_step", "failed", "not implemented yet: exercises/ch01/x.cpp");
  stub.not_implemented = true;
  const ClassReport report = class_report(
      workbook,
      {student("alice", "4 of 11 failed", 8,
               {failure("a", "crashed", "memory access violation"), failure("b", "timed out"),
                failure("c", "no report"), failure("d", "output limit")}),
       student("bob", "2 of 11 failed", 12, {failure("a", "crashed"), failure("e", "not run")}),
       student("carol", "not implemented", 0, {stub})});
  const ExerciseSummary& step = summary_of(report, "ch01/gradient_descent_step");
  struct Expected {
    Misconception::Kind kind;
    std::string text;
    std::size_t students;
  };
  for (const Expected& e :
       std::vector<Expected>{{Misconception::Kind::crashed, "crashed", 2},
                             {Misconception::Kind::timed_out, "timed out", 1},
                             {Misconception::Kind::no_report, "no report", 1},
                             {Misconception::Kind::output_limit, "output limit", 1},
                             {Misconception::Kind::other, "not run", 1},
                             {Misconception::Kind::not_implemented, "not implemented", 1}}) {
    const Misconception* m = find_kind(step, e.kind);
    BOOST_TEST_INFO("the category " << e.text);
    BOOST_TEST_REQUIRE(m != nullptr);
    BOOST_TEST(m->text == e.text);
    BOOST_TEST(m->students.size() == e.students);
  }
  BOOST_TEST(step.misconceptions.front().text == "crashed", "the most students first");
}

BOOST_AUTO_TEST_CASE(
    points_are_counted_over_the_graded_students,
    *boost::unit_test::description(
        "mean and median are over the students whose exercise was graded; "
        "missing, not compiling, not run and not graded submissions are counted apart")) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  ClassEntry nobody;
  nobody.student = "nobody";
  nobody.not_graded = "not graded: no exercises found";
  const ClassReport report = class_report(
      workbook, {student("alice", "passed", 16), student("bob", "2 of 11 failed", 8),
                 student("carol", "3 of 11 failed", 4), student("dave", "missing", 0),
                 student("erin", "does not compile", 0), student("frank", "not run", 0), nobody});
  BOOST_TEST(report.students == 7u);
  BOOST_TEST_REQUIRE(report.not_graded.size() == 1u);
  BOOST_TEST(report.not_graded[0].first == "nobody");
  const ExerciseSummary& step = summary_of(report, "ch01/gradient_descent_step");
  BOOST_TEST(step.points.size() == 3u, "alice, bob and carol were graded");
  BOOST_TEST(step.max_points == 16.0);
  BOOST_TEST(step.mean() == 28.0 / 3, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(step.median() == 8.0);
  BOOST_TEST(step.missing == std::vector<std::string>{"dave"}, boost::test_tools::per_element());
  BOOST_TEST(step.not_compiling == std::vector<std::string>{"erin"},
             boost::test_tools::per_element());
  BOOST_TEST(step.not_run == std::vector<std::string>{"frank"}, boost::test_tools::per_element());
  BOOST_TEST(summary_of(report, "ch01/armijo_backtracking").points.size() == 6u);
}

BOOST_AUTO_TEST_CASE(the_page_draws_its_plots_inline,
                     *boost::unit_test::description(
                         "the page holds the histogram with its maximum marked, the bar chart of "
                         "misconceptions and the students in <details>, and needs no network or "
                         "script")) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  const ClassReport report =
      class_report(workbook, {student("alice", "passed", 16),
                              student("bob", "1 of 11 failed", 13, {failure("b", "timed out")})});
  ReportSettings settings;
  settings.course_url = "https://example.org/course";
  const std::string html = class_report_html(workbook, report, settings);
  for (const char* part :
       {"<svg class=\"histogram\"", "<text class=\"tick max\"", "<rect class=\"bar full\"",
        "<svg class=\"misconceptions\"", "<rect class=\"bar error\"", "<details><summary>1 student",
        "<a href=\"bob/feedback.html\">bob</a>", "Chapter 1: Gradient descent and gradients",
        "https://example.org/course/ch01.html#ch01-gradient-step", "timed out"}) {
    BOOST_TEST_INFO("the page contains " << part);
    BOOST_TEST(contains(html, part));
  }
  for (const char* part : {"<script", "<link", "<img", "<iframe"}) {
    BOOST_TEST_INFO("the page does not contain " << part);
    BOOST_TEST(!contains(html, part));
  }
}

BOOST_AUTO_TEST_CASE(what_students_wrote_is_escaped,
                     *boost::unit_test::description(
                         "a student's folder name, diagnosis, case name and reason cannot inject "
                         "HTML: each is escaped, and the link to the feedback percent-encoded")) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  ClassEntry hostile =
      student("<script>alert(1)</script>", "1 of 11 failed", 13,
              {failure("\"><svg onload=alert(3)>", "failed",
                       "uncaught exception: <img src=x onerror=alert(2)> & </details></svg>")});
  ClassEntry rejected;
  rejected.student = "<b>bold</b>";
  rejected.not_graded = "not graded: <iframe src=//evil>";
  const ClassReport report = class_report(workbook, {hostile, rejected});
  const std::string html = class_report_html(workbook, report, {});
  for (const char* part :
       {"<script", "<img", "<svg onload", "<iframe", "<b>bold", "</details></svg>"}) {
    BOOST_TEST_INFO("no raw " << part << " in the page");
    BOOST_TEST(!contains(html, part));
  }
  for (const char* part :
       {"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt; &amp;",
        "&quot;&gt;&lt;svg onload=alert(3)&gt;", "&lt;iframe src=//evil&gt;",
        "href=\"%3Cscript%3Ealert%281%29%3C%2Fscript%3E/feedback.html\""}) {
    BOOST_TEST_INFO("the page shows, escaped: " << part);
    BOOST_TEST(contains(html, part));
  }
}

BOOST_AUTO_TEST_SUITE_END()
