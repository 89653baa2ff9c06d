// The result files: results.json in Gradescope's format, JUnit XML, the feedback page, the table,
// the gradebook.
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

BOOST_AUTO_TEST_CASE(gradebook_quotes_what_needs_quoting) {
  GradebookRow row{"doe, jane", {"1", "", "2"}, "3", "graded"};
  const std::string csv = gradebook_csv(workbook, {row});
  BOOST_TEST(starts_with(csv, "student,ch01/gradient_descent_step,ch01/armijo_backtracking,"));
  BOOST_TEST(contains(csv, "\"doe, jane\",1,,2"));
}

BOOST_AUTO_TEST_SUITE_END()
