// End to end: `workbook` grading real submissions in real builds, making the student edition and
// building it, and the student's loop in that edition. Each case is its own CTest test
// (workbook/e2e/<case>); the builds go to folders below this build folder, removed at the end.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "grading.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;
using namespace workbook::tool::testing;
using json = nlohmann::json;

namespace {

const fs::path source_dir = WORKBOOK_TEST_SOURCE_DIR;
const fs::path binary_dir = WORKBOOK_TEST_BINARY_DIR;
const fs::path submissions = WORKBOOK_TEST_SUBMISSIONS;

// A build folder of a test (the same path every time, so that ccache serves the next run).
fs::path work_dir(const std::string& name) {
  return fs::path(WORKBOOK_TEST_WORK_DIR) / name;
}

json read_json(const fs::path& file) {
  BOOST_TEST_REQUIRE(fs::exists(file), file.string() << " exists");
  return json::parse(read_file(file));
}

// The entries of results.json's tests[] that belong to one exercise ("ch01/armijo_backtracking").
std::vector<json> tests_of(const json& results, const std::string& exercise) {
  std::vector<json> tests;
  for (const json& test : results["tests"]) {
    if (starts_with(test["name"].get<std::string>(), exercise + "/")) tests.push_back(test);
  }
  return tests;
}

double score_of(const std::vector<json>& tests, const char* field = "score") {
  double sum = 0;
  for (const json& test : tests) sum += test[field].get<double>();
  return sum;
}

// The regular expression a diagnosis test of this build expects (its EXPECT argument).
std::string diagnosis_regex(const std::string& test) {
  Command command;
  command.argv = {"ctest", "--test-dir",    binary_dir.string(), "--show-only=json-v1",
                  "-R",    "^" + test + "$"};
  const Captured listed = run_captured(command);
  const json tests = json::parse(listed.output.substr(listed.output.find('{')))["tests"];
  BOOST_TEST_REQUIRE(tests.size() == 1u, "the diagnosis test " << test << " is registered");
  for (const json& arg : tests[0]["command"]) {
    const std::string text = arg.get<std::string>();
    if (starts_with(text, "EXPECT_OUTPUT=")) return text.substr(14);
  }
  BOOST_FAIL("no EXPECT_OUTPUT in " << test);
  return {};
}

// ccache as the workbook's builds use it (see ccache_environment in src/grading.cpp).
std::vector<std::pair<std::string, std::string>> ccache_for(const fs::path&) {
  return ccache_environment();
}

void expect_output(const std::string& output, const std::vector<std::string>& parts) {
  for (const std::string& part : parts) {
    BOOST_TEST_INFO("output:\n" << output << "\nexpected to contain: " << part);
    BOOST_TEST(contains(output, part));
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const fs::path edition = work_dir("edition");

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e)

// A student's copy of the workbook: a known mistake in the gradient step, a compile error in the
// line search, the central difference right, and a test file edited to pass everything.
BOOST_AUTO_TEST_CASE(grade_a_student_copy) {
  ScratchFolder scratch("copy");
  const fs::path copy = scratch / "alice";
  const fs::path solutions = source_dir / "solutions" / "ch01";
  fs::create_directories(copy / "exercises");
  fs::copy(source_dir / "exercises" / "ch01", copy / "exercises" / "ch01",
           fs::copy_options::recursive);
  write_text(copy / "exercises/ch01/gradient_descent_step.cpp",
             read_file(solutions / "mistakes/gradient_descent_step_sign.cpp"));
  write_text(copy / "exercises/ch01/armijo_backtracking.cpp",
             read_file(solutions / "reference/armijo_backtracking.cpp") + "\nthis is not C++;\n");
  write_text(copy / "exercises/ch01/central_difference_gradient.cpp",
             read_file(solutions / "reference/central_difference_gradient.cpp"));
  write_text(copy / "solutions/ch01/test_gradient_descent.cpp",
             "#include <boost/test/unit_test.hpp>\nBOOST_AUTO_TEST_SUITE(gradient_descent_step)\n"
             "BOOST_AUTO_TEST_CASE(one_step_moves_against_the_gradient) {}\n"
             "BOOST_AUTO_TEST_SUITE_END()\n");

  const fs::path out = scratch / "out";
  const auto start = std::chrono::steady_clock::now();
  const ToolRun run =
      run_tool({"--root", source_dir, "grade", copy, "--out", out, "--work-dir", work_dir("copy"),
                "--course-url", "https://course.example/workbook"});
  BOOST_TEST_MESSAGE("grading a student's copy took " << seconds_since(start) << " s");
  BOOST_TEST_REQUIRE(run.status == 0, run.output);
  expect_output(run.output, {"Chapter", "ch01    armijo_backtracking", "does not compile", "Total",
                             "results.json"});
  BOOST_TEST(!fs::exists(work_dir("copy")));

  const json results = read_json(out / "results.json");
  // The known mistake loses points, and its diagnosis, the one its diagnosis test expects, is in
  // the output the student reads.
  const auto step = tests_of(results, "ch01/gradient_descent_step");
  BOOST_TEST_REQUIRE(step.size() >= 11u);  // the hidden test is graded too
  BOOST_TEST(score_of(step) < score_of(step, "max_score"));
  std::string feedback;
  for (const json& test : step) feedback += test["output"].get<std::string>() + "\n";
  const std::string regex = diagnosis_regex("ch01/diagnosis/gradient_descent_step/sign");
  BOOST_TEST_INFO("regex: " << regex);
  BOOST_TEST(std::regex_search(feedback, std::regex(ecmascript_from_cmake_regex(regex))));
  bool hidden_shown = false;
  for (const json& test : step) {
    if (contains(test["name"].get<std::string>(), "(hidden test)")) {
      hidden_shown = true;
      BOOST_TEST(test["status"] == "failed");
      BOOST_TEST(!contains(test["output"].get<std::string>(), "solutions/ch01/hidden/"));
    }
  }
  BOOST_TEST(hidden_shown);
  // The compile error costs the line search only.
  const auto line_search = tests_of(results, "ch01/armijo_backtracking");
  BOOST_TEST_REQUIRE(!line_search.empty());
  BOOST_TEST(score_of(line_search) == 0.0);
  const std::string compiler = line_search[0]["output"];
  expect_output(compiler, {"exercises/ch01/armijo_backtracking.cpp does not compile",
                           "exercises/ch01/armijo_backtracking.cpp:", "error"});
  const auto differences = tests_of(results, "ch01/central_difference_gradient");
  BOOST_TEST(score_of(differences) == score_of(differences, "max_score"));
  BOOST_TEST(score_of(differences) > 0.0);
  BOOST_TEST(results["score"].get<double>() == score_of(results["tests"]));
  // Every link of the feedback goes to the course given.
  BOOST_TEST(contains(read_file(out / "feedback.html"),
                      "https://course.example/workbook/ch01.html#ch01-gradient-step"));
  BOOST_TEST(
      contains(read_file(out / "junit.xml"), "<testsuites name=\"workbook grading: alice\""));
}

// Crashes, an endless loop, exit(0), _exit(0), abort, a flood of output, and a folder without
// exercises: none earns a point, none stops the batch.
BOOST_AUTO_TEST_CASE(grade_batch_of_misbehaving_submissions) {
  ScratchFolder scratch("batch");
  const fs::path batch = scratch / "submissions";
  for (const std::string name : {"crashes", "misbehaves"}) {
    fs::create_directories(batch / name);
    fs::copy(submissions / name, batch / name / "exercises", fs::copy_options::recursive);
  }
  write_text(batch / "nothing" / "README.txt", "no exercises here");
  const fs::path out = scratch / "out";
  const auto start = std::chrono::steady_clock::now();
  const ToolRun run = run_tool({"--root", source_dir, "grade-batch", batch, "--out", out, "-j", "2",
                                "--time-limit", "3", "--work-dir", work_dir("batch")});
  BOOST_TEST_MESSAGE("grading the batch took " << seconds_since(start) << " s");
  BOOST_TEST_REQUIRE(run.status == 0, run.output);
  expect_output(run.output, {"Graded 2 of 3 submissions", "nothing: NOT GRADED"});

  const std::string gradebook = read_file(out / "gradebook.csv");
  BOOST_TEST_MESSAGE(gradebook);
  const std::vector<std::string> rows = split_lines(gradebook);
  BOOST_TEST_REQUIRE(rows.size() == 4u);
  BOOST_TEST(starts_with(rows[0],
                         "student,ch01/gradient_descent_step,ch01/armijo_backtracking,"
                         "ch01/central_difference_gradient,"));
  BOOST_TEST(starts_with(rows[1], "crashes,0,0,0,"));
  BOOST_TEST(contains(rows[1], ",0,graded"));
  BOOST_TEST(starts_with(rows[2], "misbehaves,0,0,0,"));
  BOOST_TEST(starts_with(rows[3], "nothing,"));
  BOOST_TEST(contains(rows[3], "not graded: no exercises found"));

  struct Expected {
    std::string submission, exercise, reason;
  };
  for (const Expected& e : std::vector<Expected>{
           {"crashes", "ch01/gradient_descent_step", "memory access violation"},
           {"crashes", "ch01/armijo_backtracking", "killed after 3 s"},
           {"crashes", "ch01/central_difference_gradient", "before Boost.Test reported a result"},
           {"misbehaves", "ch01/gradient_descent_step", "(exit status 0) before Boost.Test"},
           {"misbehaves", "ch01/armijo_backtracking", "SIGABRT"},
           {"misbehaves", "ch01/central_difference_gradient", "killed for printing more than"}}) {
    const json results = read_json(out / e.submission / "results.json");
    const auto tests = tests_of(results, e.exercise);
    BOOST_TEST_REQUIRE(!tests.empty());
    BOOST_TEST(score_of(tests) == 0.0);
    for (const json& test : tests) {
      BOOST_TEST_INFO(e.submission << " " << test["name"] << ":\n" << test["output"]);
      BOOST_TEST(test["status"] == "failed");
      BOOST_TEST_INFO(e.submission << " " << test["name"] << ":\n" << test["output"]);
      BOOST_TEST(contains(test["output"].get<std::string>(), e.reason));
    }
  }
}

BOOST_AUTO_TEST_CASE(validate) {
  const auto start = std::chrono::steady_clock::now();
  const ToolRun run =
      run_tool({"--root", source_dir, "validate", "--work-dir", work_dir("validate")});
  BOOST_TEST_MESSAGE("validate took " << seconds_since(start) << " s");
  BOOST_TEST(run.status == 0);
  expect_output(run.output, {"Grading the reference solutions: every point",
                             "ok  ch01/gradient_descent_step: 15 / 15 (passed)",
                             "ok  ch01/gradient_descent_step: 0 / 15 (not implemented)",
                             "ok  ch01/diagnosis/gradient_descent_step/sign:",
                             "the feedback names it", "Every check passed."});
  BOOST_TEST(!contains(run.output, "XX "));
}

// The student edition: what it leaves out, and that it builds and its tests run.
BOOST_AUTO_TEST_CASE(release_the_student_edition) {
  remove_quietly(edition);
  ScratchFolder scratch("release");
  write_text(scratch / "figures" / "ch01_step_sizes.svg",
             "<svg xmlns='http://www.w3.org/2000/svg'/>");
  const ToolRun run = run_tool({"--root", source_dir, "release", "--out", edition, "--figures",
                                (scratch / "figures").string()});
  BOOST_TEST_REQUIRE(run.status == 0, run.output);
  expect_output(run.output, {"Student edition in", "reference solutions (", "known mistakes (",
                             "hidden tests (", "figures: 1, in docs/figures/"});
  for (const char* absent : {"solutions/ch01/reference", "solutions/ch01/mistakes",
                             "solutions/ch01/hidden", ".git", "build"}) {
    BOOST_TEST_INFO(absent);
    BOOST_TEST(!fs::exists(edition / absent));
  }
  for (const char* present :
       {"exercises/ch01/gradient_descent_step.cpp", "solutions/ch01/test_gradient_descent.cpp",
        "solutions/ch01/manifest.json", "chapters/ch01_gradient_descent.md", "lib/CMakeLists.txt",
        "docs/mainpage.md", "CMakePresets.json", "scripts/setup", "workbook",
        "tools/workbook/src/main.cpp", "docs/figures/ch01_step_sizes.svg"}) {
    BOOST_TEST_INFO(present);
    BOOST_TEST(fs::exists(edition / present));
  }
  const bool executable =
      (fs::status(edition / "workbook").permissions() & fs::perms::owner_exec) != fs::perms::none;
  BOOST_TEST(executable);
  // No file of the edition is a reference solution.
  std::vector<std::string> references;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir / "solutions")) {
    if (entry.path().parent_path().filename() == "reference") {
      references.push_back(read_file(entry.path()));
    }
  }
  for (const auto& entry : fs::recursive_directory_iterator(edition)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = read_file(entry.path());
    for (const std::string& reference : references) {
      BOOST_TEST_INFO(entry.path().string());
      BOOST_TEST(text != reference);
    }
  }

  // It builds, and its tests run: the library's pass, the graded ones fail "not implemented yet".
  // Cheap: the library's tests and Chapter 1's only. The HTML course is configured (its figures
  // come from docs/figures/) but not generated.
  const fs::path build = edition / "build";
  Command configure;
  configure.argv = {"cmake",
                    "-S",
                    edition.string(),
                    "-B",
                    build.string(),
                    "-G",
                    "Ninja",
                    "-DCMAKE_BUILD_TYPE=Debug",
                    "-DWORKBOOK_BENCHMARKS=OFF",
                    "-DWORKBOOK_EXPECT_NOT_IMPLEMENTED=ON"};
  configure.env = ccache_for(edition);
  const Captured configured = run_captured(configure);
  BOOST_TEST_REQUIRE(configured.outcome.succeeded(), configured.output);
  BOOST_TEST(contains(read_file(build / "CMakeCache.txt"), "WORKBOOK_SOLUTIONS:STRING=stubs"));
  BOOST_TEST(fs::exists(build / "plots" / "ch01_step_sizes.svg"));
  Command make = configure;
  make.argv = {"cmake", "--build", build.string(), "--target", "lib_tests", "ch01_tests"};
  const auto start = std::chrono::steady_clock::now();
  const Captured made = run_captured(make);
  BOOST_TEST_MESSAGE("building the edition's library and Chapter 1 tests took "
                     << seconds_since(start) << " s");
  BOOST_TEST_REQUIRE(made.outcome.succeeded(), first_lines(made.output, 60));
  Command ctest = configure;
  ctest.argv = {"ctest", "--test-dir", build.string(), "-L", "^(lib|ch01)$", "-j", "2"};
  const Captured tested = run_captured(ctest);
  BOOST_TEST_MESSAGE(tested.output);
  BOOST_TEST(tested.outcome.succeeded());
  expect_output(tested.output, {"100% tests passed", "ch01/gradient_descent_step/"});
}

// A student's loop in the edition: check, an edit, check again, a hint, progress, watch.
BOOST_AUTO_TEST_CASE(student_loop_in_the_edition) {
  BOOST_TEST_REQUIRE(fs::exists(edition / "build" / "CMakeCache.txt"), "the edition was built");
  const auto env = ccache_for(edition);
  const std::string root = edition.string();
  const fs::path exercises = edition / "exercises" / "ch01";
  const fs::path solutions = source_dir / "solutions" / "ch01";
  const std::string stub = read_file(exercises / "gradient_descent_step.cpp");

  ToolRun run = run_tool({"--root", root, "check", "gradient_descent_step"}, {}, env);
  BOOST_TEST(run.status == 1);
  expect_output(
      run.output,
      {"ch01/gradient_descent_step", "0 of 10 tests pass",
       "2 points in hidden tests, graded by the instructor",
       "First failure: ch01/gradient_descent_step/one_step_moves_against_the_gradient",
       "not implemented yet: exercises/ch01/gradient_descent_step.cpp:",
       "Read §1.2 Why −η∇f descends", "(chapters/ch01_gradient_descent.md, #ch01-gradient-step)",
       "more failing tests in this exercise"});

  // The student writes the step: after the edit, check builds what changed and passes.
  write_text(exercises / "gradient_descent_step.cpp",
             read_file(solutions / "reference" / "gradient_descent_step.cpp"));
  auto start = std::chrono::steady_clock::now();
  run = run_tool({"--root", root, "check", "gradient_descent_step"}, {}, env);
  BOOST_TEST_MESSAGE("check of one exercise after an edit took " << seconds_since(start) << " s");
  BOOST_TEST(run.status == 0);
  expect_output(run.output,
                {"10 of 10 tests pass", "Every test of ch01/gradient_descent_step passes"});

  // A known mistake in the line search: the first failure names it.
  write_text(exercises / "armijo_backtracking.cpp",
             read_file(solutions / "mistakes" / "armijo_backtracking_shrink_first.cpp"));
  run = run_tool({"--root", root, "check", "ch01"}, {}, env);
  BOOST_TEST(run.status == 1);
  expect_output(
      run.output,
      {"ok ch01/gradient_descent_step", "First failure: ch01/armijo_backtracking/",
       "test α₀ first, and shrink only after a rejection", "Read §1.5 Backtracking line search"});

  // A compile error is shown as the compiler says it, in the student's terms.
  write_text(exercises / "central_difference_gradient.cpp", "this is not C++;\n");
  run = run_tool({"--root", root, "check", "central_difference_gradient"}, {}, env);
  BOOST_TEST(run.status == 1);
  expect_output(run.output,
                {"exercises/ch01/central_difference_gradient.cpp does not compile", "error"});
  write_text(exercises / "central_difference_gradient.cpp",
             read_file(source_dir / "exercises" / "ch01" / "central_difference_gradient.cpp"));

  run = run_tool({"--root", root, "progress"}, {}, env);
  BOOST_TEST(run.status == 0);
  expect_output(run.output,
                {"Chapter 1: Gradient descent and gradients   1 / 3 done, ",
                 "ok gradient_descent_step", "not implemented", "Total:", "in hidden tests"});

  // watch: a save re-checks the exercise.
  write_text(exercises / "gradient_descent_step.cpp", stub);
  ScratchFolder scratch("watch");
  Command watch;
  watch.argv = {WORKBOOK_TOOL_PROGRAM,   "--root",       root, "watch",
                "gradient_descent_step", "--exit-after", "1"};
  watch.env = env;
  watch.stdout_file = scratch / "watch.log";
  watch.stderr_file = scratch / "watch.log";
  watch.limits.wall_seconds = 300;
  Outcome watched;
  std::thread watcher([&] { watched = workbook::tool::run(watch); });
  for (int i = 0; i < 600 && !contains(read_file(scratch / "watch.log"), "Watching"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  start = std::chrono::steady_clock::now();
  write_text(exercises / "gradient_descent_step.cpp",
             read_file(solutions / "reference" / "gradient_descent_step.cpp"));
  watcher.join();
  BOOST_TEST_MESSAGE("watch: save to result in " << seconds_since(start) << " s");
  const std::string log = read_file(scratch / "watch.log");
  BOOST_TEST_INFO(log);
  BOOST_TEST(watched.succeeded());
  expect_output(log, {"Watching exercises/",
                      "exercises/ch01/gradient_descent_step.cpp saved: "
                      "checking gradient_descent_step",
                      "Every test of ch01/gradient_descent_step passes"});
}

BOOST_AUTO_TEST_CASE(remove_the_edition) {
  remove_quietly(edition);
  BOOST_TEST(!fs::exists(edition));
}

BOOST_AUTO_TEST_SUITE_END()
