// The command line: --help for every command, and each kind of bad input with its exit status
// (2) and a message that says what is wrong; no results file is left behind.
#include <boost/test/unit_test.hpp>

#include "tool_testing.hpp"

using namespace workbook::tool;
using namespace workbook::tool::testing;

namespace {

// Checks the exit status and that the output contains every one of `parts`.
void expect(const ToolRun& run, int status, const std::vector<std::string>& parts) {
  BOOST_TEST_INFO("output:\n" << run.output);
  BOOST_TEST(run.status == status);
  for (const std::string& part : parts) {
    BOOST_TEST_INFO("output:\n" << run.output << "\nexpected to contain: " << part);
    BOOST_TEST(contains(run.output, part));
  }
}

// A workbook with Chapter 1's notes, manifest and stubs, and no reference solutions (a student
// edition), or with a manifest of our own.
fs::path fake_workbook(const fs::path& root, const std::string& manifest = "") {
  fs::create_directories(root / "solutions" / "ch01");
  write_text(root / "edition.json", "{\"edition\": \"student\"}\n");
  fs::create_directories(root / "exercises");
  fs::copy(source_root() / "chapters", root / "chapters", fs::copy_options::recursive);
  fs::copy(source_root() / "exercises" / "ch01", root / "exercises" / "ch01",
           fs::copy_options::recursive);
  write_text(root / "solutions" / "ch01" / "manifest.json",
             manifest.empty() ? read_file(source_root() / "solutions" / "ch01" / "manifest.json")
                              : manifest);
  return root;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(command_line)

BOOST_AUTO_TEST_CASE(every_command_has_help) {
  expect(run_tool({"--help"}), 0,
         {"check", "hint", "watch", "progress", "grade", "grade-batch", "release", "validate"});
  for (const std::string command :
       {"check", "hint", "watch", "progress", "grade", "grade-batch", "release", "validate"}) {
    expect(run_tool({command, "--help"}), 0, {"Usage: workbook " + command});
  }
  expect(run_tool({}), 2, {"A subcommand is required"});
  expect(run_tool({"frobnicate"}), 2, {"A subcommand is required", "--help"});
  expect(run_tool({"grade"}), 2, {"path is required"});
  expect(run_tool({"release"}), 2, {"--out is required"});
  expect(run_tool({"grade", "x", "--time-limit", "-1"}), 2, {"--time-limit"});
}

BOOST_AUTO_TEST_CASE(a_submission_that_does_not_exist_or_has_no_exercises) {
  ScratchFolder scratch("cli-grade");
  const fs::path out = scratch / "out";
  // A results file of an earlier run must not survive a failed one, looking valid.
  write_text(out / "results.json", "{\"score\": 33}");
  expect(run_tool({"--root", source_root(), "grade", (scratch / "nobody").string(), "--out", out}),
         2, {"workbook: the submission folder", "nobody' does not exist"});
  BOOST_TEST(!fs::exists(out / "results.json"));

  fs::create_directories(scratch / "empty" / "notes");
  write_text(scratch / "empty" / "README.txt", "hello");
  expect(run_tool({"--root", source_root(), "grade", (scratch / "empty").string(), "--out", out}),
         2,
         {"no exercises found in", "exercises/ch01/gradient_descent_step.cpp",
          "ch01: gradient_descent_step armijo_backtracking central_difference_gradient"});
  BOOST_TEST(!fs::exists(out / "results.json"));

  expect(run_tool({"--root", source_root(), "grade", (scratch / "empty" / "README.txt").string(),
                   "--out", out}),
         2, {"is not a folder"});
  BOOST_TEST(fs::is_empty(out));
}

BOOST_AUTO_TEST_CASE(a_batch_folder_that_does_not_exist_or_is_empty) {
  ScratchFolder scratch("cli-batch");
  expect(run_tool({"--root", source_root(), "grade-batch", (scratch / "nothing").string()}), 2,
         {"does not exist"});
  fs::create_directories(scratch / "none");
  expect(run_tool({"--root", source_root(), "grade-batch", (scratch / "none").string(), "--out",
                   (scratch / "out").string()}),
         2, {"no submissions in", "one folder per student"});
  BOOST_TEST(!fs::exists(scratch / "out" / "gradebook.csv"));
}

BOOST_AUTO_TEST_CASE(names_that_do_not_exist_list_the_valid_ones) {
  ScratchFolder scratch("cli-names");
  const fs::path root = fake_workbook(scratch / "workbook");
  const std::vector<std::string> valid = {
      "ch01: gradient_descent_step armijo_backtracking central_difference_gradient"};
  for (const std::string command : {"check", "watch", "hint"}) {
    const ToolRun run = run_tool({"--root", root, command, "gradient_step"});
    expect(run, 2, valid);
    BOOST_TEST(contains(run.output, "'gradient_step'"));
  }
  expect(run_tool({"--root", root, "hint", "ch01"}), 2, {"no exercise is called 'ch01'"});
}

BOOST_AUTO_TEST_CASE(a_corrupt_manifest_stops_every_command) {
  ScratchFolder scratch("cli-manifest");
  const fs::path root = fake_workbook(scratch / "workbook", "{ \"chapter\": \"ch01\", ");
  const fs::path out = scratch / "out";
  write_text(scratch / "alice" / "exercises" / "ch01" / "gradient_descent_step.cpp", "");
  expect(run_tool({"--root", root, "grade", (scratch / "alice").string(), "--out", out}), 2,
         {"solutions/ch01/manifest.json: not valid JSON"});
  BOOST_TEST(!fs::exists(out / "results.json"));
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"check"},
           {"progress"},
           {"hint", "x"},
           {"validate", "--quick"},
           {"release", "--out", (scratch / "edition").string()}}) {
    std::vector<std::string> full = {"--root", root.string()};
    full.insert(full.end(), args.begin(), args.end());
    expect(run_tool(full), 2, {"solutions/ch01/manifest.json: not valid JSON"});
  }
  BOOST_TEST(!fs::exists(scratch / "edition"));

  write_text(root / "solutions" / "ch01" / "manifest.json",
             R"({"chapter": "ch01", "exercises": [{"name": "a", "file": "a.cpp", "points": -2}]})");
  expect(run_tool({"--root", root, "validate", "--quick"}), 2,
         {"exercises[0] (a): 'points' must be a number > 0, got -2"});
  expect(run_tool({"--root", scratch.path(), "check"}), 2, {"no solutions/ folder"});
}

BOOST_AUTO_TEST_CASE(grading_needs_the_instructors_copy) {
  ScratchFolder scratch("cli-edition");
  const fs::path root = fake_workbook(scratch / "workbook");
  expect(run_tool({"--root", root, "grade", (root / "exercises").string(), "--out",
                   (scratch / "out").string()}),
         2, {"grading needs the instructor's copy", "edition.json says", "student edition"});
  BOOST_TEST(!fs::exists(scratch / "out" / "results.json"));
}

BOOST_AUTO_TEST_CASE(release_refuses_an_unsuitable_folder_or_a_solved_stub) {
  ScratchFolder scratch("cli-release");
  const fs::path root = fake_workbook(scratch / "workbook");
  write_text(scratch / "full" / "file.txt", "x");
  expect(run_tool({"--root", root, "release", "--out", (scratch / "full").string()}), 2,
         {"exists and is not empty"});
  expect(run_tool({"--root", root, "release", "--out", (root / "edition").string()}), 2,
         {"lies inside the workbook"});
  write_text(
      root / "exercises" / "ch01" / "gradient_descent_step.cpp",
      read_file(source_root() / "solutions" / "ch01" / "reference" / "gradient_descent_step.cpp"));
  expect(run_tool(
             {"--root", root, "release", "--out", (scratch / "edition").string(), "--no-figures"}),
         2, {"exercises/ch01/gradient_descent_step.cpp is not a stub"});
  BOOST_TEST(!fs::exists(scratch / "edition"));
}

BOOST_AUTO_TEST_CASE(gradescope_refuses_a_bad_out_or_a_student_edition) {
  ScratchFolder scratch("cli-gradescope");
  expect(run_tool({"--help"}), 0, {"gradescope --out FILE.zip"});
  expect(run_tool({"gradescope", "--help"}), 0,
         {"Usage: workbook gradescope", "setup.sh", "run_autograder", "AUTOGRADER_ROOT"});
  expect(run_tool({"--root", source_root(), "gradescope"}), 2, {"--out is required"});
  const std::string tar = (scratch / "autograder.tar").string();
  expect(run_tool({"--root", source_root(), "gradescope", "--out", tar}), 2,
         {"--out '" + tar + "' is not the name of a .zip file", "--out autograder.zip"});
  fs::create_directories(scratch / "folder.zip");
  const std::string folder = (scratch / "folder.zip").string();
  expect(run_tool({"--root", source_root(), "gradescope", "--out", folder}), 2,
         {"--out '" + folder + "' is a folder", "the name of a zip file"});
  expect(run_tool({"--root", source_root(), "gradescope", "--out", (scratch / "a.zip").string(),
                   "--frobnicate"}),
         2, {"--frobnicate", "--help"});
  // A student edition has no reference solutions to grade with.
  const fs::path edition = fake_workbook(scratch / "edition");
  expect(run_tool({"--root", edition, "gradescope", "--out", (scratch / "a.zip").string()}), 2,
         {"gradescope needs the instructor's copy", "student edition"});
  BOOST_TEST(fs::is_empty(scratch.path()) == false);
  BOOST_TEST(!fs::exists(scratch / "a.zip"));
  BOOST_TEST(!fs::exists(scratch / "autograder.tar"));
}

// The autograder of a workbook that cannot grade (an instructor's copy with ./workbook but nothing
// to build it with): its run_autograder writes a results.json that says grading failed, and gives
// no score.
BOOST_AUTO_TEST_CASE(an_autograder_that_cannot_grade_says_so_without_a_score) {
  ScratchFolder scratch("cli-autograder");
  const fs::path root = fake_workbook(scratch / "workbook");
  write_text(root / "edition.json", "{\"edition\": \"instructor\"}\n");
  fs::copy_file(source_root() / "workbook", root / "workbook");
  const fs::path zip = scratch / "out" / "autograder.zip";
  expect(run_tool({"--root", root, "gradescope", "--out", zip.string()}), 0,
         {"Gradescope autograder in", "setup.sh, run_autograder"});
  // Laid out as Gradescope's /autograder: the zip unpacked in source/, the student's files in
  // submission/.
  const fs::path autograder = scratch / "autograder";
  fs::create_directories(autograder / "source");
  Command unpack;
  unpack.argv = {"cmake", "-E", "tar", "xf", zip.string()};
  unpack.cwd = autograder / "source";
  BOOST_TEST_REQUIRE(run_captured(unpack).outcome.succeeded());
  BOOST_TEST(fs::exists(autograder / "source" / "exercises/ch01/gradient_descent_step.cpp"));
  BOOST_TEST(!fs::exists(autograder / "source" / "out"));
  write_text(autograder / "submission" / "gradient_descent_step.cpp", "int x;\n");
  Command run;
  run.argv = {(autograder / "source" / "run_autograder").string()};
  run.cwd = autograder;
  run.env = {{"AUTOGRADER_ROOT", autograder.string()}};
  const Captured ran = run_captured(run);
  BOOST_TEST_INFO(ran.output);
  BOOST_TEST(ran.outcome.succeeded());
  const std::string results = read_file(autograder / "results" / "results.json");
  BOOST_TEST_INFO(results);
  BOOST_TEST(contains(results,
                      "\"output\": \"Grading failed, through no fault of this submission: the "
                      "autograder could not grade it (configuring build/ failed"));
  BOOST_TEST(contains(results, "\"graded\": false"));
  BOOST_TEST(!contains(results, "\"score\""));
}

BOOST_AUTO_TEST_CASE(hints_come_one_tier_at_a_time) {
  ScratchFolder scratch("cli-hints");
  const fs::path root = fake_workbook(scratch / "workbook");
  const ToolRun first = run_tool({"--root", root, "hint", "gradient_descent_step"});
  expect(first, 0,
         {"Hints for ch01/gradient_descent_step (The gradient step), 1 of 3", "> Hint 1: §1.2",
          "Ask again for hint 2."});
  BOOST_TEST(!contains(first.output, "Hint 2:"));
  expect(run_tool({"--root", root, "hint", "ch01/gradient_descent_step"}), 0,
         {"  Hint 1: §1.2", "> Hint 2: The update is x_{k+1}"});
  expect(run_tool({"--root", root, "hint", "gradient_descent_step"}), 0,
         {"> Hint 3:", "That is the last hint."});
  expect(run_tool({"--root", root, "hint", "gradient_descent_step"}), 0,
         {"  Hint 3:", "That was the last hint", "--reset"});
  // The state is per exercise, in the git-ignored .workbook/ folder.
  BOOST_TEST(fs::exists(root / ".workbook" / "hints.json"));
  expect(run_tool({"--root", root, "hint", "armijo_backtracking"}), 0, {"1 of 3"});
  expect(run_tool({"--root", root, "hint", "gradient_descent_step", "--reset"}), 0,
         {"start again"});
  expect(run_tool({"--root", root, "hint", "gradient_descent_step"}), 0, {"1 of 3"});
}

BOOST_AUTO_TEST_SUITE_END()
