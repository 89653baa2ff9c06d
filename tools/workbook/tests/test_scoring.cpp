// Points: per case from the manifest (1 by default), scaled to the exercise's points when the
// manifest gives them; partial credit is the sum of the cases passed.
#include <boost/test/unit_test.hpp>

#include "grading.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;
namespace tt = boost::test_tools;

namespace {

TestCase test_case(const std::string& name, const std::string& file = "solutions/ch07/test.cpp") {
  TestCase test;
  test.suite = "step";
  test.name = name;
  test.path = "step/" + name;
  test.file = file;
  return test;
}

std::optional<Verdict> verdict(bool passed) {
  Verdict v;
  v.passed = passed;
  v.status = passed ? "passed" : "failed";
  return v;
}

Exercise exercise() {
  Exercise e;
  e.chapter = "ch07";
  e.name = "step";
  e.file = "step.cpp";
  e.cases["big"].points = 3;
  e.cases["secret"] = {2, true};
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scoring)

BOOST_AUTO_TEST_CASE(partial_credit_is_the_sum_of_the_cases_passed) {
  const std::vector<TestCase> cases = {test_case("big"), test_case("small"),
                                       test_case("secret", "solutions/ch07/hidden/test.cpp")};
  ExerciseResult result;
  result.exercise = nullptr;
  result.cases =
      score_cases(exercise(), cases, {verdict(true), verdict(false), verdict(true)}, false);
  BOOST_TEST(result.max_points() == 6.0);  // 3 + 1 (the default) + 2
  BOOST_TEST(result.points() == 5.0);
  BOOST_TEST(result.cases[2].hidden);
  BOOST_TEST(result.passed() == 2);
  BOOST_TEST(result.run() == 3);
  BOOST_TEST(result.status() == "1 of 3 failed");
  BOOST_TEST(!result.complete());
}

BOOST_AUTO_TEST_CASE(the_exercise_points_scale_the_cases) {
  Exercise scaled = exercise();
  scaled.points = 12;
  const std::vector<TestCase> cases = {test_case("big"), test_case("small"), test_case("secret")};
  const auto results =
      score_cases(scaled, cases, {verdict(true), verdict(true), verdict(false)}, false);
  BOOST_TEST(results[0].max_points == 6.0, tt::tolerance(1e-12));  // 12 · 3/6
  BOOST_TEST(results[1].max_points == 2.0, tt::tolerance(1e-12));
  BOOST_TEST(results[2].max_points == 4.0, tt::tolerance(1e-12));
  BOOST_TEST(results[0].points + results[1].points == 8.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(declared_hidden_cases_count_where_their_code_is_missing) {
  // A student edition has no hidden tests, but their points are part of the total.
  const std::vector<TestCase> cases = {test_case("big"), test_case("small")};
  ExerciseResult result;
  result.cases = score_cases(exercise(), cases, {verdict(true), verdict(true)}, true);
  BOOST_TEST_REQUIRE(result.cases.size() == 3u);
  BOOST_TEST(result.cases[2].test.name == "secret");
  BOOST_TEST(!result.cases[2].ran);
  BOOST_TEST(result.max_points() == 6.0);
  BOOST_TEST(result.points() == 4.0);
  BOOST_TEST(result.status() == "passed");  // every case that could run passed
  BOOST_TEST(result.complete());
}

BOOST_AUTO_TEST_CASE(status_of_an_exercise) {
  const std::vector<TestCase> cases = {test_case("a"), test_case("b")};
  ExerciseResult result;
  Verdict stub;
  stub.status = "failed";
  stub.findings.push_back(
      {"exception", "", 0, "not implemented yet: exercises/ch07/step.cpp:3", {}, ""});
  result.cases = score_cases(Exercise{}, cases, {stub, stub}, false);
  BOOST_TEST(result.status() == "not implemented");
  result.state = ExerciseState::compile_error;
  BOOST_TEST(result.status() == "does not compile");
  result.state = ExerciseState::missing;
  BOOST_TEST(result.status() == "missing");
  BOOST_TEST(result.points() == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
