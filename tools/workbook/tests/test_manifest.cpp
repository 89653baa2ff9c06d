// The manifests: what they may say, and a clear error for each way they can be wrong.
#include <boost/test/unit_test.hpp>

#include "manifest.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;
using testing::ScratchFolder;
namespace utf = boost::unit_test;

namespace {

Chapter parse(const std::string& text, bool strict = false) {
  std::vector<std::string> warnings;
  return parse_manifest(text, "ch07", "solutions/ch07/manifest.json", strict, warnings);
}

// Checks that parsing `text` fails with a message containing every one of `parts`.
void expect_error(const std::string& text, const std::vector<std::string>& parts,
                  bool strict = false) {
  try {
    parse(text, strict);
    BOOST_ERROR("no error for " << text);
  } catch (const BadInput& error) {
    const std::string message = error.what();
    for (const std::string& part : parts) {
      BOOST_TEST_INFO("message: " << message);
      BOOST_TEST(contains(message, part));
    }
  }
}

const std::string minimal =
    R"({"chapter": "ch07", "exercises": [{"name": "step", "file": "step.cpp"}]})";

}  // namespace

BOOST_AUTO_TEST_SUITE(manifest)

BOOST_AUTO_TEST_CASE(reads_points_hidden_cases_and_hints) {
  const Chapter chapter = parse(R"({
    "chapter": "ch07", "number": 7, "title": "Seven", "page": "ch07", "time_limit": 5,
    "exercises": [{
      "name": "step", "file": "step.cpp", "title": "A step", "section": "ch07-step",
      "points": 10,
      "cases": {"first": {"points": 3}, "secret": {"points": 2, "hidden": true}},
      "hints": ["idea", "formula", "code"]
    }]})");
  BOOST_TEST(chapter.id == "ch07");
  BOOST_TEST(chapter.number == 7);
  BOOST_TEST(*chapter.time_limit == 5.0);
  const Exercise& step = chapter.exercises.at(0);
  BOOST_TEST(step.id() == "ch07/step");
  BOOST_TEST(step.stub_path() == "exercises/ch07/step.cpp");
  BOOST_TEST(*step.points == 10.0);
  BOOST_TEST(step.setting("first").points == 3.0);
  BOOST_TEST(!step.setting("first").hidden);
  BOOST_TEST(step.setting("secret").hidden);
  BOOST_TEST(step.setting("unlisted").points == 1.0);  // one point unless the manifest says
  BOOST_TEST(step.hints.size() == 3u);
}

BOOST_AUTO_TEST_CASE(reads_the_test_sources_and_the_known_mistakes_with_their_diagnosis) {
  const Chapter chapter = parse(R"({
    "chapter": "ch07", "tests": ["test_step.cpp", "test_more.cpp"],
    "exercises": [{
      "name": "step", "file": "step.cpp",
      "mistakes": [
        {"name": "sign", "file": "step_sign.cpp", "diagnosis": "moved uphill, to x \\+ η∇f"},
        {"name": "copy", "file": "step_copy.cpp", "diagnosis": "did not move"}
      ]
    }]})");
  BOOST_TEST(chapter.tests == (std::vector<std::string>{"test_step.cpp", "test_more.cpp"}),
             boost::test_tools::per_element());
  const Exercise& step = chapter.exercises.at(0);
  BOOST_TEST_REQUIRE(step.mistakes.size() == 2u);
  BOOST_TEST(step.mistakes[0].name == "sign");
  BOOST_TEST(step.mistakes[0].path("ch07") == "solutions/ch07/mistakes/step_sign.cpp");
  BOOST_TEST(step.mistakes[0].diagnosis == "moved uphill, to x \\+ η∇f");
  BOOST_TEST(step.reference_path() == "solutions/ch07/reference/step.cpp");
}

BOOST_AUTO_TEST_CASE(says_what_is_wrong_with_the_tests_and_the_mistakes) {
  expect_error(
      R"({"chapter": "ch07", "tests": "test.cpp", "exercises": [{"name": "a", "file": "a.cpp"}]})",
      {"'tests' must be an array"});
  expect_error(
      R"({"chapter": "ch07", "tests": ["dir/test.cpp"], "exercises": [{"name": "a", "file": "a.cpp"}]})",
      {"tests[0] must be a file name ending in .cpp", "dir/test.cpp"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "mistakes": {}}]})",
      {"exercises[0] (a): 'mistakes' must be an array"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "mistakes": [{"name": "m", "file": "m.cpp"}]}]})",
      {"exercises[0] (a): mistakes[0] (m): the field 'diagnosis' is missing"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "mistakes": [{"name": "m m", "file": "m.cpp", "diagnosis": "x"}]}]})",
      {"mistakes[0] (m m): 'name' must be a C++ identifier"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "mistakes": [{"name": "m", "file": "m.cpp", "diagnosis": ""}]}]})",
      {"mistakes[0] (m): 'diagnosis' must be a non-empty string"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "mistakes": [{"name": "m", "file": "m.cpp", "diagnosis": "x"}, {"name": "m", "file": "n.cpp", "diagnosis": "y"}]}]})",
      {"the mistake 'm' is listed twice"});
}

BOOST_AUTO_TEST_CASE(the_edition_is_the_instructors_or_the_students) {
  BOOST_TEST(
      (parse_edition(R"({"edition": "instructor"})", "edition.json") == Edition::instructor));
  BOOST_TEST((parse_edition(R"({"edition": "student"})", "edition.json") == Edition::student));
  for (const std::string text : {R"({"edition": "teacher"})", "{}", "[", R"({"edition": 1})"}) {
    BOOST_CHECK_EXCEPTION(parse_edition(text, "edition.json"), BadInput, [](const BadInput& error) {
      return contains(error.what(), "edition.json: ") &&
             contains(error.what(), R"({"edition": "student"})");
    });
  }
}

BOOST_AUTO_TEST_CASE(defaults_for_what_the_build_does_not_need) {
  const Chapter chapter = parse(minimal);
  BOOST_TEST(chapter.number == 7);  // from the folder's name
  BOOST_TEST(chapter.page == "ch07");
  BOOST_TEST(chapter.exercises.at(0).title == "step");
  BOOST_TEST(!chapter.exercises.at(0).points);
}

BOOST_AUTO_TEST_CASE(says_what_is_wrong_and_where) {
  expect_error("{ \"chapter\": ", {"solutions/ch07/manifest.json", "not valid JSON"});
  expect_error("[1, 2]", {"expected a JSON object"});
  expect_error(R"({"chapter": "ch07"})", {"'exercises' is missing"});
  expect_error(R"({"chapter": "ch08", "exercises": []})", {"\"ch08\"", "solutions/ch07/"});
  expect_error(R"({"chapter": "ch07", "exercises": []})", {"non-empty array"});
  expect_error(R"({"chapter": "ch07", "exercises": [{"file": "a.cpp"}]})",
               {"exercises[0]", "'name' is missing"});
  expect_error(R"({"chapter": "ch07", "exercises": [{"name": "a b", "file": "a.cpp"}]})",
               {"C++ identifier"});
  expect_error(R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "dir/a.cpp"}]})",
               {"(a)", "'file'", "dir/a.cpp"});
  expect_error(R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "points": 0}]})",
               {"'points' must be a number > 0, got 0"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "cases": {"c": {"points": "ten"}}}]})",
      {"cases.c", "'points' must be a number >= 0", "\"ten\""});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "cases": {"c": {"hidden": 1}}}]})",
      {"'hidden' must be true or false"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "hints": "x"}]})",
      {"'hints' must be an array"});
  expect_error(
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp"}, {"name": "a", "file": "b.cpp"}]})",
      {"listed twice"});
}

BOOST_AUTO_TEST_CASE(unknown_fields_warn_and_strictly_fail) {
  const std::string typo =
      R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp", "point": 3}]})";
  std::vector<std::string> warnings;
  parse_manifest(typo, "ch07", "m", false, warnings);
  BOOST_TEST(warnings.size() == 1u);
  BOOST_TEST(contains(warnings.at(0), "unknown field 'point'"));
  expect_error(typo, {"unknown field 'point'", "known:"}, true);
}

BOOST_AUTO_TEST_CASE(a_last_hint_that_gives_the_code_warns_and_strictly_fails) {
  const std::string code = R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp",
      "hints": ["Think of the slope.", "x -= lr * g; ++state.t;"]}]})";
  std::vector<std::string> warnings;
  parse_manifest(code, "ch07", "m", false, warnings);
  BOOST_TEST(warnings.size() == 1u);
  BOOST_TEST(contains(warnings.at(0), "(a): the last hint reads like the solution (2 statements"));
  expect_error(code, {"the last hint reads like the solution", "the last nudge, not the code"},
               true);
  // One ';' is prose, and only the last tier is checked.
  const std::string prose = R"({"chapter": "ch07", "exercises": [{"name": "a", "file": "a.cpp",
      "hints": ["x -= lr * g; ++state.t;", "Check by hand; then run the tests."]}]})";
  warnings.clear();
  parse_manifest(prose, "ch07", "m", true, warnings);
  BOOST_TEST(warnings.empty());
}

BOOST_AUTO_TEST_CASE(reads_the_workbook_and_its_notes) {
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  BOOST_TEST((workbook.edition() == Edition::instructor));
  const Exercise* step = workbook.exercise("gradient_descent_step");
  BOOST_TEST_REQUIRE(step != nullptr);
  BOOST_TEST(workbook.exercise("ch01/gradient_descent_step") == step);
  BOOST_TEST(workbook.exercise("no_such_exercise") == nullptr);
  BOOST_TEST(workbook.chapter("ch01") != nullptr);
  BOOST_TEST(workbook.chapter("1") == workbook.chapter("ch01"));
  const auto section = workbook.section("ch01-gradient-step");
  BOOST_TEST_REQUIRE(section.has_value());
  BOOST_TEST(section->title == "1.2 Why −η∇f descends");
  BOOST_TEST(section->notes_file == "chapters/ch01_gradient_descent.md");
  const auto numbered = workbook.numbered_section(*workbook.chapter("ch01"), "1.5");
  BOOST_TEST_REQUIRE(numbered.has_value());
  BOOST_TEST(numbered->anchor == "ch01-armijo");
  BOOST_TEST(contains(workbook.valid_names(), "ch01: gradient_descent_step armijo_backtracking"));
}

BOOST_AUTO_TEST_CASE(a_folder_that_is_not_a_workbook) {
  ScratchFolder folder("not-a-workbook");
  BOOST_CHECK_EXCEPTION(Workbook::load(folder.path()), BadInput, [](const BadInput& error) {
    return contains(error.what(), "no solutions/ folder");
  });
  fs::create_directories(folder / "solutions");
  BOOST_CHECK_EXCEPTION(Workbook::load(folder.path()), BadInput, [](const BadInput& error) {
    return contains(error.what(), "no chapters");
  });
  testing::write_text(folder / "solutions" / "ch07" / "manifest.json", minimal);
  BOOST_CHECK_EXCEPTION(Workbook::load(folder.path()), BadInput, [](const BadInput& error) {
    return contains(error.what(), "has no edition.json");
  });
  testing::write_text(folder / "edition.json", R"({"edition": "student"})");
  const Workbook edition = Workbook::load(folder.path());
  BOOST_TEST((edition.edition() == Edition::student));
  BOOST_CHECK_EXCEPTION(edition.require_instructor_copy("grading"), BadInput,
                        [](const BadInput& error) {
                          return contains(error.what(), "grading needs the instructor's copy");
                        });
}

BOOST_AUTO_TEST_SUITE_END()
