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

BOOST_AUTO_TEST_CASE(reads_the_workbook_and_its_notes) {
  const Workbook workbook = Workbook::load(WORKBOOK_TEST_SOURCE_DIR);
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
}

BOOST_AUTO_TEST_SUITE_END()
