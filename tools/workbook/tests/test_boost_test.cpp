// Reading what Boost.Test writes: the listings of a test program, its XML report and its XML log.
#include <boost/test/unit_test.hpp>

#include <regex>

#include "boost_test.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;

namespace {

// As `ch01_tests --list_content=DOT` prints it (shortened).
const std::string dot = R"dot(digraph G {rankdir=LR;
tu1[shape=ellipse,peripheries=2,fontname=Helvetica,color=green,label="workbook"];
{
tu2[shape=Mrecord,fontname=Helvetica,color=green,label="gradient_descent_step|solutions/ch01/test_gradient_descent.cpp(42)"];
tu1 -> tu2;
{
tu65536[shape=Mrecord,fontname=Helvetica,color=green,label="one_step|solutions/ch01/test_gradient_descent.cpp(45)"];
tu2 -> tu65536;
tu65537[shape=Mrecord,fontname=Helvetica,color=green,label="draws|solutions/ch01/test_gradient_descent.cpp(241)|labels: @plot"];
tu2 -> tu65537;
tu65538[shape=Mrecord,fontname=Helvetica,color=green,label="secret|solutions/ch01/hidden/test_hidden.cpp(12)"];
tu2 -> tu65538;
tu65539[shape=Mrecord,fontname=Helvetica,color=green,label="early|solutions/ch01/test_gradient_descent.cpp(30)"];
tu2 -> tu65539;
}
tu3[shape=Mrecord,fontname=Helvetica,color=green,label="armijo|solutions/ch01/test_line_search.cpp(53)"];
tu1 -> tu3;
{
tu4[shape=Mrecord,fontname=Helvetica,color=green,label="nested|solutions/ch01/test_line_search.cpp(54)"];
tu3 -> tu4;
{
tu65540[shape=Mrecord,fontname=Helvetica,color=green,label="deep|solutions/ch01/test_line_search.cpp(60)"];
tu4 -> tu65540;
}
}
}
)dot";

const std::string hrf =
    "gradient_descent_step*\n"
    "    one_step*: §1.2: x ← x − η∇f: the step lands on 6\n"
    "    draws*: §1.4: a figure\n"
    "    secret*\n"
    "    early*\n"
    "armijo*\n"
    "    nested*\n"
    "        deep*: §1.5: deep down\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(boost_test_output)

BOOST_AUTO_TEST_CASE(lists_cases_with_suite_file_line_labels_and_description) {
  std::vector<TestCase> cases = parse_dot_listing(dot);
  add_descriptions(cases, hrf);
  BOOST_TEST_REQUIRE(cases.size() == 5u);
  BOOST_TEST(cases[0].path == "gradient_descent_step/one_step");
  BOOST_TEST(cases[0].suite == "gradient_descent_step");
  BOOST_TEST(cases[0].name == "one_step");
  BOOST_TEST(cases[0].file == "solutions/ch01/test_gradient_descent.cpp");
  BOOST_TEST(cases[0].line == 45);
  BOOST_TEST(cases[0].description == "§1.2: x ← x − η∇f: the step lands on 6");
  BOOST_TEST(cases[1].labels == std::vector<std::string>{"plot"}, boost::test_tools::per_element());
  BOOST_TEST(cases[2].hidden());
  BOOST_TEST(!cases[0].hidden());
  BOOST_TEST(cases[2].description.empty());
  BOOST_TEST(cases[4].path == "armijo/nested/deep");
  BOOST_TEST(cases[4].suite == "armijo");
  BOOST_TEST(cases[4].name == "nested/deep");
  BOOST_TEST(cases[4].description == "§1.5: deep down");
}

BOOST_AUTO_TEST_CASE(file_order_is_by_file_then_line) {
  std::vector<TestCase> cases = parse_dot_listing(dot);
  sort_in_file_order(cases);
  std::vector<std::string> names;
  for (const TestCase& test : cases) names.push_back(test.name);
  const std::vector<std::string> expected = {"early", "one_step", "draws", "secret", "nested/deep"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_the_result_of_one_case_from_the_report) {
  const std::string report =
      R"(<TestResult><TestSuite name="workbook" result="failed"><TestSuite name="a" result="failed">)"
      R"(<TestCase name="x" result="passed" assertions_passed="1"></TestCase>)"
      R"(<TestCase name="y" result="aborted"/>)"
      R"(<TestSuite name="inner" result="passed"><TestCase name="z" result="passed"/></TestSuite>)"
      R"(</TestSuite></TestSuite></TestResult>)";
  BOOST_TEST(report_result(report, "a/x") == "passed");
  BOOST_TEST(report_result(report, "a/y") == "aborted");
  BOOST_TEST(report_result(report, "a/inner/z") == "passed");
  BOOST_TEST(report_result(report, "a/missing") == "");
  BOOST_TEST(report_result(report, "x") == "");
  BOOST_TEST(report_result("", "a/x") == "");
  BOOST_TEST(report_result("<TestResult><TestSuite name=\"workbook\"", "a/x") == "");  // cut short
}

BOOST_AUTO_TEST_CASE(reads_failures_with_their_diagnosis_from_the_log) {
  // Boost.Test 1.74 writes a stray "]]>" after <LastCheckpoint>: the reader must cope.
  const std::string log =
      R"(<TestLog><Error file="solutions/ch01/test_gradient_descent.cpp" line="51"><![CDATA[check x(0) == 6.0 has failed [14 != 6]]]>)"
      R"(<Context><Frame><![CDATA[x moved uphill, to x + η∇f = 14: the step is x − η∇f]]></Frame></Context></Error>)"
      R"(<Exception file="unknown location" line="0"><![CDATA[std::logic_error: not implemented yet: exercises/ch01/x.cpp:17 (Chapter 1)]]>)"
      R"(<LastCheckpoint file="t.cpp" line="11"><![CDATA["ex" test entry]]></LastCheckpoint>]]><Context><Frame><![CDATA[ctx & more]]></Frame></Context></Exception></TestLog>)";
  const std::vector<Finding> findings = parse_log(log);
  BOOST_TEST_REQUIRE(findings.size() == 2u);
  BOOST_TEST(findings[0].kind == "error");
  BOOST_TEST(findings[0].file == "solutions/ch01/test_gradient_descent.cpp");
  BOOST_TEST(findings[0].line == 51);
  BOOST_TEST(findings[0].message == "check x(0) == 6.0 has failed [14 != 6]");
  BOOST_TEST(findings[0].context ==
                 std::vector<std::string>{"x moved uphill, to x + η∇f = 14: the step is x − η∇f"},
             boost::test_tools::per_element());
  BOOST_TEST(findings[1].kind == "exception");
  BOOST_TEST(findings[1].message ==
             "std::logic_error: not implemented yet: exercises/ch01/x.cpp:17 (Chapter 1)");
  BOOST_TEST(findings[1].checkpoint == "t.cpp(11)");
  BOOST_TEST(findings[1].context.at(0) == "ctx & more");

  Verdict verdict;
  verdict.status = "failed";
  verdict.findings = findings;
  BOOST_TEST(verdict.not_implemented());
  const std::string diagnosis = verdict.diagnosis();
  BOOST_TEST(
      contains(diagnosis, "solutions/ch01/test_gradient_descent.cpp(51): check x(0) == 6.0"));
  BOOST_TEST(contains(diagnosis, "\n    x moved uphill"));
  BOOST_TEST(contains(diagnosis, "uncaught exception: std::logic_error: not implemented yet"));
  // A hidden test's code is not in the student edition: no file and line.
  BOOST_TEST(!contains(verdict.diagnosis(true), "test_gradient_descent.cpp"));
  BOOST_TEST(contains(verdict.diagnosis(true), "hidden test: check x(0) == 6.0"));
}

BOOST_AUTO_TEST_CASE(a_valid_input_refused_is_said_as_such) {
  // The exercise throws std::invalid_argument on an input the case passes without expecting it.
  Finding refused;
  refused.kind = "exception";
  refused.message = "std::invalid_argument: momentum = 0 is invalid: expected momentum in (0, 1)";
  Verdict verdict;
  verdict.status = "failed";
  verdict.findings = {refused};
  const std::string diagnosis = verdict.diagnosis();
  BOOST_TEST_INFO(diagnosis);
  BOOST_TEST(contains(diagnosis, "uncaught exception: std::invalid_argument: momentum = 0"));
  BOOST_TEST(contains(diagnosis, "the exercise refused an input that this case passes as valid"));
  // Another exception is not said to be a refusal.
  verdict.findings[0].message = "std::runtime_error: no step";
  BOOST_TEST(!contains(verdict.diagnosis(), "refused an input"));
}

BOOST_AUTO_TEST_CASE(a_log_cut_short_keeps_what_was_written_before_the_cut) {
  // A case killed at its time limit leaves its log unfinished: the failures before still show.
  const std::string log =
      R"(<TestLog><Error file="solutions/ch01/test_line_search.cpp" line="80"><![CDATA[check alpha == 1 has failed]]>)"
      R"(<Context><Frame><![CDATA[test α₀ first]]></Frame></Context></Error><Error file="solutions/ch01/te)";
  const std::vector<Finding> findings = parse_log(log);
  BOOST_TEST_REQUIRE(findings.size() >= 1u);
  BOOST_TEST(findings[0].message == "check alpha == 1 has failed");
  BOOST_TEST(findings[0].context.at(0) == "test α₀ first");
  BOOST_TEST(parse_log("").empty());
  BOOST_TEST(parse_log("not xml at all").empty());
}

BOOST_AUTO_TEST_CASE(an_index_one_past_the_end_is_named) {
  Verdict verdict;
  verdict.status = "failed";
  Finding finding;
  finding.kind = "exception";
  finding.message =
      "std::out_of_range: vector::_M_range_check: __n (which is 30300) >= "
      "this->size() (which is 30300)";
  verdict.findings.push_back(finding);
  const std::string text = verdict.diagnosis(false, 3);
  BOOST_TEST_INFO(text);
  BOOST_TEST(text.find("the index 30300 is the size: one past the end") != std::string::npos);
  verdict.findings[0].message =
      "std::out_of_range: vector::_M_range_check: __n (which is 7) >= "
      "this->size() (which is 5)";
  BOOST_TEST(verdict.diagnosis(false, 3).find("the index 7 is beyond the last, 5 − 1") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_read_through_a_null_pointer_is_named) {
  Verdict verdict;
  verdict.status = "crashed";
  Finding finding;
  finding.kind = "exception";
  finding.message = "memory access violation at address: 0x00000000: no mapping at fault address";
  verdict.findings.push_back(finding);
  const std::string text = verdict.diagnosis(false, 3);
  BOOST_TEST_INFO(text);
  BOOST_TEST(text.find("a read through a null pointer") != std::string::npos);
  // Elsewhere in memory, not a null pointer: nothing more is said.
  verdict.findings[0].message =
      "memory access violation at address: 0x7ffd1234: no mapping at fault address";
  BOOST_TEST(verdict.diagnosis(false, 3).find("null pointer") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_aborted_case_names_the_assertion_that_failed) {
  const std::string eigen =
      "ch05_tests: /usr/include/eigen3/Eigen/src/Core/DenseCoeffsBase.h:408: Scalar& "
      "Eigen::DenseCoeffsBase<Derived, 1>::operator()(Index): Assertion `index >= 0 && index < "
      "size()' failed.\nunknown location(0): fatal error: signal: SIGABRT\n";
  const std::string named = failed_assertion(eigen);
  BOOST_TEST_INFO(named);
  BOOST_TEST(named.find("index >= 0 && index < size() failed: an index out of range") !=
             std::string::npos);
  const std::string other =
      failed_assertion("a.out: x.cpp:3: int main(): Assertion `n > 0' failed.");
  BOOST_TEST(other == "the assertion n > 0 failed");
  // An assert of the exercise's own: the contract asks for an exception instead.
  const std::string own = failed_assertion(
      "ch01_tests: exercises/ch01/central_difference_gradient.cpp:12: workbook::Vector "
      "workbook::central_difference_gradient(...): Assertion `h > 0.0' failed.\n");
  BOOST_TEST_INFO(own);
  BOOST_TEST(own.starts_with("the assertion h > 0.0 failed: an assert in the exercise ends"));
  BOOST_TEST(own.find("throwing std::invalid_argument") != std::string::npos);
  // Any other exception that reached std::terminate: thrown through a noexcept function.
  const std::string through = failed_assertion(
      "terminate called after throwing an instance of 'std::invalid_argument'\n  what():  "
      "smallest_eigenvalue = 0 is invalid: expected smallest_eigenvalue > 0\n");
  BOOST_TEST_INFO(through);
  BOOST_TEST(
      through.starts_with("std::terminate ended the program after an exception of type "
                          "std::invalid_argument (\"smallest_eigenvalue = 0 is invalid"));
  BOOST_TEST(through.find("declared noexcept") != std::string::npos);
  BOOST_TEST(failed_assertion("terminate called after throwing an instance of 'int'")
                 .starts_with("std::terminate ended the program after an exception of type int:"));
  const std::string terminated = failed_assertion(
      "terminate called after throwing an instance of 'workbook::eigen_check_failed'\n  what():  "
      "Eigen's check size() == other.size() failed: two vectors of different sizes combined; is "
      "a state vector still empty?\nunknown location(0): fatal error: signal: SIGABRT\n");
  BOOST_TEST(terminated ==
             "Eigen's check size() == other.size() failed: two vectors of different sizes "
             "combined; is a state vector still empty?");
}

BOOST_AUTO_TEST_CASE(cmake_regexes_read_braces_literally) {
  // As the diagnosis tests give them to run_expect.cmake (CMake's regex syntax).
  const std::string regex =
      ecmascript_from_cmake_regex(R"(backward difference \(x_t − x_{t−1}\)/Δt)");
  BOOST_TEST(
      std::regex_search("the backward difference (x_t − x_{t−1})/Δt: ...", std::regex(regex)));
  BOOST_TEST(ecmascript_from_cmake_regex(R"(a\{b{c})") == R"(a\{b\{c\})");
}

BOOST_AUTO_TEST_SUITE_END()
