// The index a build writes for the tool (cmake/WorkbookIndex.cmake): what it says, how the tool
// reads it, and that it says what the manifests say.
#include <boost/test/unit_test.hpp>

#include "index.hpp"
#include "manifest.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;

namespace {

const std::string index_text = R"({
  "format": 1, "kind": "workbook", "edition": "instructor", "solutions": "reference",
  "source_dir": "/w", "binary_dir": "/w/build", "generator": "Ninja", "build_type": "Debug",
  "cxx_compiler": "/usr/bin/c++", "sanitize": false, "index_target": "workbook_index",
  "plot_dir": "/w/build/plots",
  "test_environment": {"WORKBOOK_DATA_DIR": "/w/data"},
  "chapters": [{
    "chapter": "ch07",
    "tests": {"target": "ch07_tests", "program": "/w/build/bin/ch07_tests", "labels": ["ch07", "graded"]},
    "listing": {"target": "ch07_tests", "program": "/w/build/bin/ch07_tests", "labels": ["ch07", "listing"]},
    "exercises": [{
      "name": "step", "file": "step.cpp",
      "objects": {"target": "workbook_ex_ch07_step_reference", "source": "/w/solutions/ch07/reference/step.cpp"},
      "reference": "workbook_ex_ch07_step_reference",
      "mistakes": [{"name": "sign", "source": "/w/solutions/ch07/mistakes/step_sign.cpp",
                    "diagnosis": "uphill; x \\+ η∇f", "test": "ch07/diagnosis/step/sign",
                    "program": {"target": "ch07_tests_step_sign", "program": "/w/build/bin/ch07_tests_step_sign",
                                "labels": ["ch07", "diagnosis"]}}]
    }]
  }],
  "grading": {"project": "/w/tools/workbook/grading", "targets_file": "/w/build/t.cmake",
              "target": "workbook_grading_base"}
})";

void expect_failure(const std::string& text, const std::string& part) {
  BOOST_CHECK_EXCEPTION(BuildIndex::parse(text, "/w/build/workbook_index.json"), Failure,
                        [&](const Failure& error) {
                          BOOST_TEST_INFO(error.what());
                          return contains(error.what(), "/w/build/workbook_index.json: ") &&
                                 contains(error.what(), part);
                        });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(build_index)

BOOST_AUTO_TEST_CASE(gives_every_program_with_its_target_labels_and_environment) {
  const BuildIndex index = BuildIndex::parse(index_text, "/w/build/workbook_index.json");
  BOOST_TEST(index.kind == "workbook");
  BOOST_TEST(index.edition == "instructor");
  BOOST_TEST(index.generator == "Ninja");
  BOOST_TEST(!index.sanitize);
  BOOST_TEST_REQUIRE(index.test_environment.size() == 1u);
  BOOST_TEST(index.test_environment[0].first == "WORKBOOK_DATA_DIR");
  BOOST_TEST(index.test_environment[0].second == "/w/data");
  const IndexChapter* chapter = index.chapter("ch07");
  BOOST_TEST_REQUIRE(chapter != nullptr);
  BOOST_TEST_REQUIRE(chapter->tests.has_value());
  BOOST_TEST(chapter->tests->target == "ch07_tests");
  BOOST_TEST(chapter->tests->file == "/w/build/bin/ch07_tests");
  BOOST_TEST(chapter->tests->labels == (std::vector<std::string>{"ch07", "graded"}),
             boost::test_tools::per_element());
  const IndexExercise* step = index.exercise("ch07", "step");
  BOOST_TEST_REQUIRE(step != nullptr);
  BOOST_TEST(step->objects_target == "workbook_ex_ch07_step_reference");
  BOOST_TEST(!step->grading.has_value());
  BOOST_TEST_REQUIRE(step->mistakes.size() == 1u);
  BOOST_TEST(step->mistakes[0].diagnosis == "uphill; x \\+ η∇f");
  BOOST_TEST(step->mistakes[0].program.file == "/w/build/bin/ch07_tests_step_sign");
  BOOST_TEST(index.exercise("ch07", "other") == nullptr);
  BOOST_TEST(index.chapter("ch08") == nullptr);
  BOOST_TEST_REQUIRE(index.grading.has_value());
  BOOST_TEST(index.grading->target == "workbook_grading_base");
}

BOOST_AUTO_TEST_CASE(a_damaged_index_is_named_with_what_is_wrong) {
  expect_failure("{", "not valid JSON");
  expect_failure("[]", "not a JSON object");
  expect_failure(R"({"format": 2})", "another format");
  expect_failure(replace_all(index_text, "\"generator\": \"Ninja\",", ""), "no field 'generator'");
  expect_failure(replace_all(index_text, "\"target\": \"ch07_tests_step_sign\",", ""),
                 "chapter ch07: step: mistake sign: program: no field 'target'");
}

BOOST_AUTO_TEST_CASE(the_build_index_says_what_the_manifests_say) {
  // This build's own index: every exercise of the manifests, in their order, with its test
  // program, and every known mistake with the manifest's diagnosis.
  const Workbook workbook = Workbook::load(workbook::tool::testing::source_root());
  const BuildIndex index = BuildIndex::read(workbook::tool::testing::build_root());
  BOOST_TEST(index.chapters.size() == workbook.chapters().size());
  BOOST_TEST(!index.test_environment.empty());
  for (const Chapter& chapter : workbook.chapters()) {
    const IndexChapter* built = index.chapter(chapter.id);
    BOOST_TEST_REQUIRE(built != nullptr, chapter.id);
    BOOST_TEST(built->tests.has_value());
    BOOST_TEST_REQUIRE(built->exercises.size() == chapter.exercises.size());
    for (std::size_t e = 0; e < chapter.exercises.size(); ++e) {
      const Exercise& exercise = chapter.exercises[e];
      const IndexExercise& compiled = built->exercises[e];
      BOOST_TEST(compiled.name == exercise.name);
      BOOST_TEST(compiled.file == exercise.file);
      if (compiled.mistakes.empty()) continue;  // a build without the diagnosis tests
      BOOST_TEST_REQUIRE(compiled.mistakes.size() == exercise.mistakes.size());
      for (std::size_t m = 0; m < exercise.mistakes.size(); ++m) {
        BOOST_TEST(compiled.mistakes[m].name == exercise.mistakes[m].name);
        BOOST_TEST(compiled.mistakes[m].diagnosis == exercise.mistakes[m].diagnosis);
        BOOST_TEST(compiled.mistakes[m].test ==
                   chapter.id + "/diagnosis/" + exercise.name + "/" + exercise.mistakes[m].name);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
