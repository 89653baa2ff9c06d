// End to end: the workbook as people use it. A fresh copy of the instructor's workbook (the files
// its git checkout holds, nothing built), and in it
//   readme:             every command example of README.md, verbatim, from the copy's root, in the
//                       README's order: the course, the student's loop, grading, the student
//                       edition, optlab;
//   from_a_subfolder:   every command of ./workbook started as ../../workbook from exercises/ch01/;
//   through_a_symlink:  every command started as link/workbook, where link is a symbolic link to
//                       the copy;
//   student_loop_in_the_edition: the student edition that `release` made, as a student uses it;
//   gradescope_autograder: the autograder `gradescope` packs, set up and run in a folder laid out
//                       as Gradescope's.
// Every working folder holds folders named like the programs the tool starts (cmake, ctest, git,
// ninja, ...), as the workbook's root holds cmake/.
//
// Each case is its own CTest test (workbook/e2e/<case>), chained by fixtures; the copy lives below
// this build folder and is removed by the last one.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "sandbox.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;
using namespace workbook::tool::testing;
using json = nlohmann::json;

namespace {

const fs::path source_dir = WORKBOOK_TEST_SOURCE_DIR;
const fs::path submissions_dir = WORKBOOK_TEST_SUBMISSIONS;
// The gradebooks of the fixed submissions, as the grader must write them, to the byte.
const fs::path expected_dir = WORKBOOK_TEST_EXPECTED;
const fs::path e2e_dir = WORKBOOK_TEST_SCRATCH_DIR;
// The copy, and the student edition the README's `release --out ../workbook-2025` makes beside it.
const fs::path copy = e2e_dir / "workbook";
const fs::path edition = e2e_dir / "workbook-2025";

// The programs the tool and the builds it starts run by name.
const std::vector<std::string> program_names = {"cmake", "ctest", "ninja", "git",     "ccache",
                                                "env",   "c++",   "g++",   "timeout", "sh"};

void add_decoys(const fs::path& folder) {
  for (const std::string& name : program_names) fs::create_directories(folder / name);
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

// A gradebook is exactly the expected one (`expected_dir / name`), where `@BATCH@` stands for the
// folder of submissions graded.
void expect_gradebook(const fs::path& gradebook, const std::string& name, const fs::path& batch) {
  const std::string expected =
      replace_all(read_file(expected_dir / name), "@BATCH@", batch.string());
  const std::string written = read_file(gradebook);
  BOOST_TEST_INFO(gradebook.string() << ":\n"
                                     << written << "\nexpected (" << name << "):\n"
                                     << expected);
  BOOST_TEST(written == expected);
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

// What a command gave: its exit status and everything it printed.
struct ShellRun {
  int status = -1;
  std::string output;
  double seconds = 0;
};

// Runs `command` with sh -c in `cwd`, as a user types it in a terminal.
ShellRun shell(const std::string& command, const fs::path& cwd, double time_limit = 900,
               std::vector<std::pair<std::string, std::string>> env = {}) {
  Command run;
  run.argv = {"sh", "-c", command};
  run.cwd = cwd;
  run.env = std::move(env);
  run.unset_env_prefixes = {"WORKBOOK_ROOT"};
  run.limits.wall_seconds = time_limit;
  const auto start = std::chrono::steady_clock::now();
  const Captured captured = run_captured(run, 16 << 20);
  ShellRun result;
  result.seconds = seconds_since(start);
  result.status = captured.outcome.exited ? captured.outcome.exit_code : -1;
  result.output = captured.output;
  if (!captured.outcome.started) result.output = captured.outcome.error;
  BOOST_TEST_MESSAGE("$ " << command << "   (in " << cwd.string() << ", "
                          << captured.outcome.describe(time_limit) << ", "
                          << format_seconds(result.seconds) << ")\n"
                          << first_lines(result.output, 60));
  return result;
}

// Runs `command` and requires exit status `status`.
ShellRun expect_run(const std::string& command, const fs::path& cwd, int status = 0,
                    const std::vector<std::string>& parts = {}, double time_limit = 900) {
  ShellRun run = shell(command, cwd, time_limit);
  BOOST_TEST_INFO("$ " << command << "\n" << run.output);
  BOOST_TEST(run.status == status);
  expect_output(run.output, parts);
  return run;
}

// `watch` as a person uses it: started, a file saved, the check it triggers seen, then Ctrl-C, which
// ends it normally (status 0).
// `command` must print "Watching" when ready; `save` is the file the test saves.
void watch_one_save(const std::string& command, const fs::path& cwd, const fs::path& save,
                    const std::string& expect_after_save) {
  ScratchFolder scratch("watch");
  const fs::path log = scratch / "watch.log", pid_file = scratch / "watch.pid";
  Command run;
  // exec: the pid written is the tool's (./workbook execs the program too).
  run.argv = {"sh", "-c", "echo $$ > '" + pid_file.string() + "'; exec " + command};
  run.cwd = cwd;
  run.unset_env_prefixes = {"WORKBOOK_ROOT"};
  run.stdout_file = log;
  run.stderr_file = log;
  run.limits.wall_seconds = 600;
  Outcome outcome;
  std::thread watcher([&] { outcome = workbook::tool::run(run); });
  auto wait_for = [&](const std::string& text, double seconds) {
    const auto start = std::chrono::steady_clock::now();
    while (seconds_since(start) < seconds && !contains(read_file(log), text)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return contains(read_file(log), text);
  };
  const bool ready = wait_for("Watching", 300);
  const auto saved = std::chrono::steady_clock::now();
  write_text(save, read_file(save));
  const bool checked = ready && wait_for(expect_after_save, 300);
  BOOST_TEST_MESSAGE("watch: from the save to its result in " << seconds_since(saved) << " s");
  const std::string pid = trim(read_file(pid_file));
  if (!pid.empty()) kill(std::stoi(pid), SIGINT);  // Ctrl-C
  watcher.join();
  const std::string output = read_file(log);
  BOOST_TEST_MESSAGE("$ " << command << "\n" << output);
  BOOST_TEST_INFO(output);
  BOOST_TEST(ready);
  BOOST_TEST_INFO(output);
  BOOST_TEST(checked);
  BOOST_TEST_INFO(output);
  BOOST_TEST((outcome.exited && outcome.exit_code == 0), "Ctrl-C ends watch normally");
  expect_output(output, {"saved: checking", "Stopped watching (Ctrl-C)."});
}

// A student's loop on one exercise of Chapter 1, the tool started as `workbook` from `cwd`: `check`
// and `watch` (saving `file`) see `exercise` pass, `hint` gives the first hint of `hinted`, and
// `progress` prints `progress_says`. The copy's tests have all run before (the readme case), and
// the save changed no program (the instructor's build compiles the reference solutions, not
// exercises/): `progress` keeps every verdict. (The student edition's loop sees an edited
// exercise run again.)
void student_loop(const std::string& workbook, const fs::path& cwd, const std::string& exercise,
                  const fs::path& file, const std::string& hinted,
                  const std::string& progress_says) {
  const std::string passes = "Every test of ch01/" + exercise + " passes";
  expect_run(workbook + " check " + exercise, cwd, 0, {passes});
  expect_run(workbook + " hint " + hinted, cwd, 0, {"Hint 1: "});
  watch_one_save(workbook + " watch " + exercise, cwd, file, passes);
  const ShellRun progress = expect_run(workbook + " progress", cwd, 0, {progress_says});
  std::smatch kept;
  static const std::regex says_kept(R"(\((\d+) of these (\d+) tests did not run again)");
  BOOST_TEST_REQUIRE(std::regex_search(progress.output, kept, says_kept), progress.output);
  BOOST_TEST(kept[1].str() == kept[2].str(), "unchanged programs ran again: " << kept[0]);
}

// --- The copy and the submissions --------------------------------------------------------------

// The files of the instructor's checkout (what git tracks, and what it does not ignore), as a
// fresh clone would have them; without git, the tree without its build folders.
std::vector<fs::path> files_of_the_checkout() {
  std::vector<fs::path> files;
  if (fs::exists(source_dir / ".git") && !find_program("git").empty()) {
    Command git;
    git.argv = {"git", "-C",       source_dir.string(), "ls-files",
                "-z",  "--cached", "--others",          "--exclude-standard"};
    const Captured listed = run_captured(git, 64 << 20);
    BOOST_TEST_REQUIRE(listed.outcome.succeeded(), listed.output);
    std::size_t start = 0;
    for (std::size_t end; (end = listed.output.find('\0', start)) != std::string::npos;
         start = end + 1) {
      files.emplace_back(listed.output.substr(start, end - start));
    }
    return files;
  }
  for (auto it = fs::recursive_directory_iterator(source_dir);
       it != fs::recursive_directory_iterator(); ++it) {
    const fs::path relative = fs::relative(it->path(), source_dir);
    if (it->is_directory() && (starts_with(relative.string(), "build") || relative == ".git")) {
      it.disable_recursion_pending();
    } else if (it->is_regular_file()) {
      files.push_back(relative);
    }
  }
  return files;
}

// A student's copy of Chapter 1: a known mistake in the gradient step, a compile error in the line
// search, the central difference right, and a test file edited to pass everything.
void make_alice(const fs::path& alice) {
  const fs::path solutions = source_dir / "solutions" / "ch01";
  fs::create_directories(alice / "exercises");
  fs::copy(source_dir / "exercises" / "ch01", alice / "exercises" / "ch01",
           fs::copy_options::recursive);
  write_text(alice / "exercises/ch01/gradient_descent_step.cpp",
             read_file(solutions / "mistakes/gradient_descent_step_sign.cpp"));
  write_text(alice / "exercises/ch01/armijo_backtracking.cpp",
             read_file(solutions / "reference/armijo_backtracking.cpp") + "\nthis is not C++;\n");
  write_text(alice / "exercises/ch01/central_difference_gradient.cpp",
             read_file(solutions / "reference/central_difference_gradient.cpp"));
  write_text(alice / "solutions/ch01/test_gradient_descent.cpp",
             "#include <boost/test/unit_test.hpp>\nBOOST_AUTO_TEST_SUITE(gradient_descent_step)\n"
             "BOOST_AUTO_TEST_CASE(one_step_moves_against_the_gradient) {}\n"
             "BOOST_AUTO_TEST_SUITE_END()\n");
}

// A student who solved Chapter 1 and sent only the files, without folders.
void make_bob(const fs::path& bob) {
  for (const char* file : {"gradient_descent_step.cpp", "armijo_backtracking.cpp",
                           "central_difference_gradient.cpp"}) {
    write_text(bob / file, read_file(source_dir / "solutions" / "ch01" / "reference" / file));
  }
}

// The checks of a graded copy of alice (results.json in `out`).
void check_alice(const fs::path& out, const std::string& course_url) {
  const json results = read_json(out / "results.json");
  // The known mistake loses points, and its diagnosis is in the output the student reads.
  const auto step = tests_of(results, "ch01/gradient_descent_step");
  BOOST_TEST_REQUIRE(step.size() >= 11u);  // the hidden test is graded too
  BOOST_TEST(score_of(step) < score_of(step, "max_score"));
  std::string feedback;
  for (const json& test : step) feedback += test["output"].get<std::string>() + "\n";
  expect_output(feedback, {"x moved uphill"});
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
  expect_output(line_search[0]["output"].get<std::string>(),
                {"exercises/ch01/armijo_backtracking.cpp does not compile",
                 "exercises/ch01/armijo_backtracking.cpp:", "error"});
  const auto differences = tests_of(results, "ch01/central_difference_gradient");
  BOOST_TEST(score_of(differences) == score_of(differences, "max_score"));
  BOOST_TEST(score_of(differences) > 0.0);
  BOOST_TEST(results["score"].get<double>() == score_of(results["tests"]));
  if (!course_url.empty()) {
    BOOST_TEST(
        contains(read_file(out / "feedback.html"), course_url + "/ch01.html#ch01-gradient-step"));
  }
}

// The student edition: what it leaves out and what it keeps.
void check_edition(const fs::path& out, bool with_figures) {
  for (const char* absent : {"solutions/ch01/reference", "solutions/ch01/mistakes",
                             "solutions/ch01/hidden", ".git", "build", "submissions", "grading"}) {
    BOOST_TEST_INFO(absent);
    BOOST_TEST(!fs::exists(out / absent));
  }
  for (const char* present :
       {"exercises/ch01/gradient_descent_step.cpp", "solutions/ch01/test_gradient_descent.cpp",
        "solutions/ch01/manifest.json", "chapters/ch01_gradient_descent.md", "lib/CMakeLists.txt",
        "docs/mainpage.md", "CMakePresets.json", "scripts/setup", "workbook",
        "tools/workbook/src/main.cpp"}) {
    BOOST_TEST_INFO(present);
    BOOST_TEST(fs::exists(out / present));
  }
  BOOST_TEST(fs::exists(out / "docs" / "figures") == with_figures);
  // The edition says what it is.
  BOOST_TEST(contains(read_file(out / "edition.json"), R"("edition": "student")"));
  const bool executable =
      (fs::status(out / "workbook").permissions() & fs::perms::owner_exec) != fs::perms::none;
  BOOST_TEST(executable);
  // No file of the edition is a reference solution.
  std::vector<std::string> references;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir / "solutions")) {
    if (entry.path().parent_path().filename() == "reference") {
      references.push_back(read_file(entry.path()));
    }
  }
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = read_file(entry.path());
    for (const std::string& reference : references) {
      BOOST_TEST_INFO(entry.path().string());
      BOOST_TEST(text != reference);
    }
  }
}

// The files and folders a zip holds, as `cmake -E tar tf` lists them (run in `scratch`), without
// the trailing '/' of folders.
std::vector<std::string> zip_listing(const fs::path& zip, const fs::path& scratch) {
  Command list;
  list.argv = {"cmake", "-E", "tar", "tf", zip.string()};
  list.cwd = scratch;
  const Captured listed = run_captured(list, 16 << 20);
  BOOST_TEST_REQUIRE(listed.outcome.succeeded(), listed.output);
  std::vector<std::string> entries;
  for (std::string line : split_lines(listed.output)) {
    if (!line.empty() && line.back() == '/') line.pop_back();
    if (!line.empty()) entries.push_back(line);
  }
  return entries;
}

// --- The README --------------------------------------------------------------------------------

struct ReadmeCommand {
  std::string text;
  int line = 0;
};

// The commands of README.md's ```sh blocks, in order: one per line (a trailing '\' continues it),
// without the comments after them.
std::vector<ReadmeCommand> readme_commands(const std::string& markdown) {
  std::vector<ReadmeCommand> commands;
  bool in_block = false;
  std::string pending;
  int pending_line = 0, number = 0;
  static const std::regex comment(R"(\s+#.*$)");
  for (const std::string& raw : split_lines(markdown)) {
    ++number;
    const std::string line = trim(raw);
    if (starts_with(line, "```")) {
      in_block = line == "```sh";
      continue;
    }
    if (!in_block || line.empty() || line[0] == '#') continue;
    std::string text = trim(std::regex_replace(line, comment, ""));
    if (pending.empty()) pending_line = number;
    if (!text.empty() && text.back() == '\\') {
      text.pop_back();
      pending += trim(text) + " ";
      continue;
    }
    commands.push_back({pending + text, pending_line});
    pending.clear();
  }
  return commands;
}

// Inline code in the README's prose that is a command with arguments (`ctest --preset ...`): each
// must also stand in a ```sh block, where the tests run it.
std::vector<std::string> readme_inline_commands(const std::string& markdown) {
  std::vector<std::string> found;
  static const std::regex span(R"(`([^`\n]+)`)");
  static const std::regex command(R"(^(\./workbook|cmake|ctest|scripts/\w+|build/bin/\w+|cd) .+)");
  bool in_block = false;
  for (const std::string& line : split_lines(markdown)) {
    if (starts_with(trim(line), "```")) {
      in_block = !in_block;
      continue;
    }
    if (in_block) continue;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), span);
         it != std::sregex_iterator(); ++it) {
      const std::string text = (*it)[1];
      if (std::regex_match(text, command)) found.push_back(text);
    }
  }
  return found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e)

// A fresh copy of the instructor's workbook, a git checkout with nothing built, and the students'
// submissions the README grades.
BOOST_AUTO_TEST_CASE(a_fresh_copy) {
  remove_quietly(copy);
  remove_quietly(edition);
  fs::create_directories(copy);
  for (const fs::path& file : files_of_the_checkout()) {
    if (!fs::is_regular_file(source_dir / file)) continue;  // deleted, not yet committed
    fs::create_directories((copy / file).parent_path());
    fs::copy_file(source_dir / file, copy / file);
  }
  BOOST_TEST_REQUIRE(fs::exists(copy / "workbook"));
  BOOST_TEST_REQUIRE(!fs::exists(copy / "build"));
  Command git;
  git.cwd = copy;
  for (const std::vector<std::string>& argv :
       {std::vector<std::string>{"git", "init", "-q"},
        {"git", "add", "-A"},
        {"git", "-c", "user.name=workbook", "-c", "user.email=workbook@example.org", "commit", "-q",
         "-m", "the workbook"}}) {
    git.argv = argv;
    const Captured done = run_captured(git);
    BOOST_TEST_REQUIRE(done.outcome.succeeded(), join(argv, " ") << ":\n" << done.output);
  }
  add_decoys(copy);
  add_decoys(copy / "exercises" / "ch01");
  make_alice(copy / "submissions" / "alice");
  make_bob(copy / "submissions" / "bob");
}

// Every command example of the README, verbatim, from the root of the copy, in the README's order.
BOOST_AUTO_TEST_CASE(readme) {
  const std::string markdown = read_file(source_dir / "README.md");
  const std::vector<ReadmeCommand> commands = readme_commands(markdown);
  BOOST_TEST_REQUIRE(commands.size() >= 10u);
  ScratchFolder scratch("readme");

  // What each README command must do. A README command without an entry here, or an entry without
  // its command in the README, fails this test: every example is run, and what is run is shown.
  using Check = std::function<void(const std::string&)>;
  auto succeeds = [](std::vector<std::string> parts) -> Check {
    return [parts](const std::string& command) { expect_run(command, copy, 0, parts); };
  };
  // Commands run by CI itself (.ci/run), not from inside a test: the files must say so.
  auto run_by_ci = [](const fs::path& script, const std::string& text) -> Check {
    return [script, text](const std::string&) {
      BOOST_TEST_INFO(script.string() << " runs `" << text << "`");
      BOOST_TEST(contains(read_file(source_dir / script), text));
    };
  };
  std::map<std::string, Check> checks = {
      {"scripts/course",
       [](const std::string& command) {
         expect_run(command, copy, 0, {"setup: all", "The course: file://"}, 1800);
         BOOST_TEST(fs::exists(copy / "build" / "html" / "index.html"));
         BOOST_TEST(fs::exists(copy / "build" / "plots" / "ch01_step_sizes.svg"));
       }},
      {"scripts/test", run_by_ci(".ci/run", "exec scripts/test")},
      {"cmake --preset default && cmake --build --preset default", succeeds({})},
      {"ctest --preset default -L ch01", succeeds({"100% tests passed"})},
      {"ctest --preset default -R gradient_descent_step",
       succeeds({"100% tests passed", "ch01/gradient_descent_step/"})},
      {"./workbook --help", succeeds({"check", "hint", "watch", "progress", "grade-batch"})},
      {"./workbook check --help", succeeds({"Usage: workbook check"})},
      {"./workbook check gradient_descent_step",
       succeeds({"Every test of ch01/gradient_descent_step passes"})},
      {"./workbook check ch01", succeeds({"ok ch01/gradient_descent_step"})},
      {"./workbook hint gradient_descent_step", succeeds({"Hint 1: "})},
      {"./workbook watch",
       [](const std::string& command) {
         watch_one_save(command, copy, copy / "exercises/ch01/armijo_backtracking.cpp",
                        "Every test of ch01/armijo_backtracking passes");
       }},
      {"./workbook progress", succeeds({"Chapter 1: Gradient descent and gradients", "Total:"})},
      {"./workbook grade submissions/alice --out grading/alice",
       [](const std::string& command) {
         expect_run(command, copy, 0, {"ch01    armijo_backtracking", "does not compile", "Total"});
         check_alice(copy / "grading" / "alice", "");
       }},
      {"./workbook grade-batch submissions/ --out grading/ -j 2",
       [](const std::string& command) {
         expect_run(command, copy, 0, {"Graded 2 of 2 submissions", "grading/class_report.html"});
         const std::vector<std::string> rows =
             split_lines(read_file(copy / "grading/gradebook.csv"));
         BOOST_TEST_REQUIRE(rows.size() == 3u);
         BOOST_TEST(starts_with(rows[1], "alice,"));
         BOOST_TEST(starts_with(rows[2], "bob,17,"), rows[2]);
         BOOST_TEST(contains(rows[2], ",graded"));
         expect_gradebook(copy / "grading/gradebook.csv", "readme_gradebook.csv",
                          copy / "submissions");
       }},
      {"./workbook validate --chapter ch01",
       succeeds({"only ch01 (--chapter)", "Grading the reference solutions: every point",
                 "ok  ch01/gradient_descent_step: 17 / 17 (passed)",
                 "ok  ch01/gradient_descent_step: 0 / 17 (not implemented)",
                 "ok  ch01/diagnosis/gradient_descent_step/sign:", "the feedback names it",
                 "Every check passed."})},
      {"./workbook release --out ../workbook-2025",
       [](const std::string& command) {
         expect_run(command, copy, 0,
                    {"Student edition in", "reference solutions (", "known mistakes (",
                     "hidden tests (", "in docs/figures/"});
         check_edition(edition, true);
       }},
      {"./workbook gradescope --out autograder.zip --course-url https://example.org/course",
       [](const std::string& command) {
         expect_run(command, copy, 0,
                    {"Gradescope autograder in autograder.zip", "setup.sh, run_autograder"});
         const std::vector<std::string> listed = zip_listing(copy / "autograder.zip", copy);
         const std::set<std::string> entries(listed.begin(), listed.end());
         for (const char* present : {"setup.sh", "run_autograder", "workbook", "scripts/setup",
                                     "solutions/ch01/reference/gradient_descent_step.cpp"}) {
           BOOST_TEST_INFO(present);
           BOOST_TEST(entries.count(present) == 1u);
         }
         for (const std::string& entry : listed) {
           BOOST_TEST_INFO(entry);
           BOOST_TEST(!(starts_with(entry, "build") || starts_with(entry, "submissions/") ||
                        starts_with(entry, ".git/") || starts_with(entry, "grading/")));
         }
       }},
      {"build/bin/optlab list", succeeds({"rosenbrock", "adam"})},
      {"build/bin/optlab run --problem rosenbrock --optimizer gd --lr 0.001 --steps 5000 --csv "
       "run.csv --plot run.svg",
       [](const std::string& command) {
         expect_run(command, copy);
         BOOST_TEST(fs::file_size(copy / "run.csv") > 0u);
         BOOST_TEST(fs::file_size(copy / "run.svg") > 0u);
       }},
      {"build/bin/optlab compare --problem beale --optimizers gd:lr=0.01,gd-armijo --steps 2000 "
       "--tol 1e-6 --plot beale.svg",
       [](const std::string& command) {
         expect_run(command, copy);
         BOOST_TEST(fs::file_size(copy / "beale.svg") > 0u);
       }},
      {"build/bin/optlab run --problem himmelblau --optimizer damped-newton --modification "
       "eigenvalue --tol 1e-10",
       succeeds({"damped-newton (eigenvalue) on himmelblau", "converged"})},
      {"build/bin/optlab run --problem poisson-2d --grid 64 --optimizer cg --preconditioner jacobi "
       "--rtol 1e-8",
       succeeds({"cg (jacobi) on poisson-2d", "converged: |g| / |g_0|"})},
      {"ctest --preset default -L optlab", succeeds({"100% tests passed"})},
      {"ctest --preset default -L diagnosis -L ch01",
       succeeds({"100% tests passed", "ch01/diagnosis/gradient_descent_step/sign"})},
      {"cmake --workflow --preset course", run_by_ci("scripts/course", "--preset course")},
      {"cmake --workflow --preset test",
       run_by_ci("scripts/test", "cmake --workflow --preset test")},
      {"cmake --workflow --preset stubs",
       run_by_ci("scripts/test", "cmake --workflow --preset stubs")},
      {"cmake --workflow --preset asan",
       run_by_ci("scripts/test", "cmake --workflow --preset asan")},
  };
  std::set<std::string> ran;
  for (const ReadmeCommand& command : commands) {
    const auto check = checks.find(command.text);
    BOOST_TEST_INFO("README.md:" << command.line << ": `" << command.text << "`");
    const bool covered = check != checks.end();
    BOOST_TEST(covered,
               "no test runs this README example: give it its expectations in "
               "test_e2e.cpp");
    if (!covered || !ran.insert(command.text).second) continue;
    const auto start = std::chrono::steady_clock::now();
    check->second(command.text);
    BOOST_TEST_MESSAGE("README.md:" << command.line << ": `" << command.text << "` took "
                                    << format_seconds(seconds_since(start)));
  }
  for (const auto& [text, check] : checks) {
    BOOST_TEST_INFO("`" << text << "`");
    BOOST_TEST(ran.count(text) == 1u, "a command this test expects is no longer in README.md");
  }
  for (const std::string& inline_command : readme_inline_commands(markdown)) {
    BOOST_TEST_INFO("README.md mentions `" << inline_command << "` in its prose");
    BOOST_TEST(ran.count(inline_command) == 1u,
               "a command in the prose must also be an example in a ```sh block, where it is run");
  }
}

// Every command of the tool, started from a subfolder: ../../workbook from exercises/ch01/.
BOOST_AUTO_TEST_CASE(from_a_subfolder) {
  const fs::path here = copy / "exercises" / "ch01";
  ScratchFolder scratch("subfolder");
  const std::string out = scratch.path().string();
  student_loop("../../workbook", here, "gradient_descent_step", here / "gradient_descent_step.cpp",
               "armijo_backtracking", "Chapter 1: Gradient descent and gradients");
  expect_run("../../workbook grade ../../submissions/bob --out " + out + "/bob", here, 0,
             {"Total"});
  // bob solved Chapter 1: every point of its exercises, none of the other chapters'.
  const json bob = read_json(scratch / "bob/results.json");
  std::vector<json> chapter1;
  for (const char* exercise : {"ch01/gradient_descent_step", "ch01/armijo_backtracking",
                               "ch01/central_difference_gradient"}) {
    for (const json& test : tests_of(bob, exercise)) chapter1.push_back(test);
  }
  BOOST_TEST(score_of(chapter1) == score_of(chapter1, "max_score"));
  BOOST_TEST(bob["score"].get<double>() == score_of(chapter1));
  // Crashes, an endless loop, exit(0), _exit(0), abort, a flood of output, attacks on the grader
  // and a folder without exercises: none earns a point, none stops the batch.
  const fs::path batch = scratch / "batch";
  for (const std::string name : {"crashes", "escapes", "forges", "misbehaves"}) {
    fs::create_directories(batch / name);
    fs::copy(submissions_dir / name, batch / name / "exercises", fs::copy_options::recursive);
  }
  const fs::path includes_reference = batch / "forges/exercises/ch01/armijo_backtracking.cpp";
  write_text(includes_reference,
             replace_all(read_file(includes_reference), "@ROOT@", copy.string()));
  write_text(batch / "nothing" / "README.txt", "no exercises here");
  expect_run("../../workbook grade-batch " + batch.string() + " --out " + out +
                 "/batch-out -j 2 --time-limit 3",
             here, 0,
             {"Graded 4 of 5 submissions", "nothing: NOT GRADED", "1 submission has nothing",
              "batch-out/class_report.html"});
  const std::vector<std::string> rows = split_lines(read_file(scratch / "batch-out/gradebook.csv"));
  BOOST_TEST_REQUIRE(rows.size() == 6u);
  BOOST_TEST(starts_with(rows[0],
                         "student,ch01/gradient_descent_step,ch01/armijo_backtracking,"
                         "ch01/central_difference_gradient,"));
  BOOST_TEST(starts_with(rows[1], "crashes,0,0,0,"));
  BOOST_TEST(starts_with(rows[2], "escapes,0,0,0,"));
  BOOST_TEST(starts_with(rows[3], "forges,0,0,0,"));
  BOOST_TEST(starts_with(rows[4], "misbehaves,0,0,0,"));
  BOOST_TEST(contains(rows[5], "not graded: no exercises found"));
  expect_gradebook(scratch / "batch-out/gradebook.csv", "hostile_gradebook.csv", batch);
  // The class report counts each way of not finishing as its own category, with its students.
  expect_output(
      read_file(scratch / "batch-out/class_report.html"),
      {"<strong>crashed</strong>", "<strong>timed out</strong>", "<strong>no report</strong>",
       "<strong>output limit</strong>", "<a href=\"crashes/feedback.html\">crashes</a>",
       "<a href=\"misbehaves/feedback.html\">misbehaves</a>",
       "nothing: not graded: no exercises found", "<svg class=\"histogram\""});
  struct Expected {
    std::string submission, exercise, reason;
  };
  for (const Expected& e : std::vector<Expected>{
           {"crashes", "ch01/gradient_descent_step", "memory access violation"},
           {"crashes", "ch01/armijo_backtracking", "killed after 3 s"},
           {"crashes", "ch01/central_difference_gradient", "before Boost.Test reported a result"},
           {"misbehaves", "ch01/gradient_descent_step", "(exit status 0) before Boost.Test"},
           {"misbehaves", "ch01/armijo_backtracking", "SIGABRT"},
           {"misbehaves", "ch01/central_difference_gradient", "killed for printing more than"},
           // The attacks: refused before they run, or out of reach.
           {"forges", "ch01/gradient_descent_step", "is not run: it calls `std::basic_ifstream"},
           {"forges", "ch01/armijo_backtracking",
            sandbox_support().available
                ? "the reference solution is out of reach"
                : "reference/armijo_backtracking.cpp, which an exercise may not"},
           {"forges", "ch01/central_difference_gradient", "it calls `setsid`"},
           {"escapes", "ch01/gradient_descent_step", "section .init_array.00101"},
           {"escapes", "ch01/armijo_backtracking", "makes system calls itself"},
           {"escapes", "ch01/central_difference_gradient", "defines `close` with C linkage"}}) {
    const json results = read_json(scratch / "batch-out" / e.submission / "results.json");
    const auto tests = tests_of(results, e.exercise);
    BOOST_TEST_REQUIRE(!tests.empty());
    BOOST_TEST(score_of(tests) == 0.0);
    // An exercise that was not run gives its whole reason with its first case, the first line of
    // it with the others.
    const bool not_run = e.submission == "forges" || e.submission == "escapes";
    for (const json& test : tests) {
      BOOST_TEST_INFO(e.submission << " " << test["name"] << ":\n" << test["output"]);
      BOOST_TEST(contains(test["output"].get<std::string>(), e.reason));
      if (not_run) break;
    }
  }
  // The manifests' and files' checks (one chapter's whole validation runs in the readme case).
  expect_run("../../workbook validate --quick", here, 0, {"Every check passed."});
  // Long after grading, nothing has rewritten its results, and the attacks left no result files
  // behind: not where the grader ran, not in the copy or its build, not beside the gradebook.
  BOOST_TEST(read_json(scratch / "batch-out/forges/results.json")["score"].get<double>() == 0.0);
  for (const fs::path& folder : {here, copy, copy / "build", scratch / "batch-out"}) {
    for (const char* name : {"results.json", "junit.xml", "feedback.html"}) {
      BOOST_TEST(!fs::exists(folder / name), (folder / name).string() << " was left behind");
    }
  }
  BOOST_TEST(!fs::exists(here / "gradebook.csv"));
  expect_run("../../workbook release --out " + out + "/edition --no-figures", here, 0,
             {"Student edition in"});
  check_edition(scratch / "edition", false);
}

// Every command of the tool, started through a symbolic link to the copy, from a folder of its own.
BOOST_AUTO_TEST_CASE(through_a_symlink) {
  ScratchFolder scratch("symlink");
  const fs::path here = scratch.path();
  add_decoys(here);
  fs::create_directory_symlink(copy, here / "link");
  student_loop("link/workbook", here, "central_difference_gradient",
               here / "link/exercises/ch01/central_difference_gradient.cpp",
               "central_difference_gradient", "Total:");
  make_bob(here / "bob");
  expect_run("link/workbook grade bob --out graded-bob", here, 0, {"Total"});
  BOOST_TEST(fs::exists(here / "graded-bob" / "results.json"));
  // A batch with nothing to grade fails, and says why.
  write_text(here / "empty-batch" / "nobody" / "README.txt", "no exercises here");
  expect_run("link/workbook grade-batch empty-batch --out empty-out", here, 1,
             {"no submission was graded"});
  BOOST_TEST(contains(read_file(here / "empty-out" / "gradebook.csv"), "not graded:"));
  expect_run("link/workbook validate --quick", here, 0, {"Every check passed."});
  expect_run("link/workbook release --out edition --no-figures", here, 0, {"Student edition in"});
  check_edition(here / "edition", false);
}

// When the grader itself cannot run (here: no cmake on PATH), a batch says so for each submission
// and fails, instead of reading as a class of zeros.
BOOST_AUTO_TEST_CASE(a_batch_the_grader_cannot_run_fails) {
  ScratchFolder scratch("no-cmake");
  make_bob(scratch / "batch" / "bob");
  Command command;
  command.argv = {tool_program().string(),
                  "--root",
                  copy.string(),
                  "grade-batch",
                  (scratch / "batch").string(),
                  "--out",
                  (scratch / "out").string()};
  command.env = {{"PATH", (scratch / "empty-path").string()}};
  const Captured run = run_captured(command);
  BOOST_TEST_MESSAGE(run.output);
  BOOST_TEST(run.outcome.exited);
  BOOST_TEST(run.outcome.exit_code == 1);
  expect_output(run.output,
                {"bob: GRADING FAILED", "cannot run cmake: no program 'cmake' in PATH",
                 "install Debian's package cmake", "1 of 1 submissions could not be graded"});
  const std::string gradebook = read_file(scratch / "out" / "gradebook.csv");
  BOOST_TEST(contains(gradebook, "bob,"));
  BOOST_TEST(contains(gradebook, "grading failed: "));
}

// The student edition that the README's `release` made, as a student uses it: from its root, its
// own ./workbook configures and builds it; check, an edit, check again, a hint, progress.
BOOST_AUTO_TEST_CASE(student_loop_in_the_edition) {
  BOOST_TEST_REQUIRE(fs::exists(edition / "workbook"), "the README's release made the edition");
  add_decoys(edition);
  const fs::path exercises = edition / "exercises" / "ch01";
  const fs::path solutions = source_dir / "solutions" / "ch01";

  expect_run(
      "./workbook check gradient_descent_step", edition, 1,
      {"ch01/gradient_descent_step", "0 of 12 tests pass",
       "2 points in hidden tests, graded by the instructor",
       "First failure: ch01/gradient_descent_step/one_step_moves_against_the_gradient",
       "not implemented yet: exercises/ch01/gradient_descent_step.cpp:",
       "Read §1.2 Why −η∇f descends", "(chapters/ch01_gradient_descent.md, #ch01-gradient-step)",
       "more failing tests in this exercise"});
  BOOST_TEST(
      contains(read_file(edition / "build" / "CMakeCache.txt"), "WORKBOOK_SOLUTIONS:STRING=stubs"));
  // The figures of the course come with the edition until the student's tests redraw them.
  BOOST_TEST(fs::exists(edition / "build" / "plots" / "ch01_step_sizes.svg"));

  // The student writes the step: after the edit, check builds what changed and passes (the
  // verdicts kept from the stub's run are not used: its program has changed).
  write_text(exercises / "gradient_descent_step.cpp",
             read_file(solutions / "reference" / "gradient_descent_step.cpp"));
  const ShellRun passed =
      expect_run("./workbook check gradient_descent_step", edition, 0,
                 {"12 of 12 tests pass", "Every test of ch01/gradient_descent_step passes"});
  BOOST_TEST_MESSAGE("check of one exercise after an edit took " << passed.seconds << " s");

  // A known mistake in the line search: the first failure names it.
  write_text(exercises / "armijo_backtracking.cpp",
             read_file(solutions / "mistakes" / "armijo_backtracking_shrink_first.cpp"));
  expect_run(
      "./workbook check ch01", edition, 1,
      {"ok ch01/gradient_descent_step", "First failure: ch01/armijo_backtracking/",
       "test α₀ first, and shrink only after a rejection", "Read §1.5 Backtracking line search"});

  // A compile error is shown as the compiler says it, in the student's terms.
  const std::string stub = read_file(exercises / "central_difference_gradient.cpp");
  write_text(exercises / "central_difference_gradient.cpp", "this is not C++;\n");
  expect_run("./workbook check central_difference_gradient", edition, 1,
             {"exercises/ch01/central_difference_gradient.cpp does not compile", "error"});
  write_text(exercises / "central_difference_gradient.cpp", stub);

  expect_run("./workbook hint gradient_descent_step", edition, 0, {"Hint 1: "});
  expect_run("./workbook progress", edition, 0,
             {"Chapter 1: Gradient descent and gradients   1 / 3 done, ",
              "ok gradient_descent_step", "not implemented", "Total:", "in hidden tests"});
}

// Gradescope's autograder, made by `gradescope --out` from the copy and unpacked into a folder laid
// out as Gradescope's /autograder (AUTOGRADER_ROOT): source/ (the zip), submission/ (the student's
// files), results/. setup.sh, with every package present, installs nothing (apt-get and sudo on
// PATH fail the test if called) and builds what grading needs; the build of this identical tree is
// mostly the compiler cache's hits. run_autograder, copied to the root as Gradescope does, grades
// alice into results/results.json, and says in it, with no score, that an empty submission was
// not graded.
BOOST_AUTO_TEST_CASE(gradescope_autograder) {
  ScratchFolder scratch("gradescope");
  const fs::path zip = scratch / "autograder.zip";
  const std::string course_url = "https://example.org/course";
  auto start = std::chrono::steady_clock::now();
  const ToolRun packed = run_tool(
      {"--root", copy.string(), "gradescope", "--out", zip.string(), "--course-url", course_url});
  BOOST_TEST_REQUIRE(packed.status == 0, packed.output);
  expect_output(packed.output, {"Gradescope autograder in", "setup.sh, run_autograder"});
  BOOST_TEST_MESSAGE("gradescope --out took " << format_seconds(seconds_since(start)));

  const fs::path autograder = scratch / "autograder";
  const fs::path source = autograder / "source";
  fs::create_directories(source);
  fs::create_directories(autograder / "results");
  Command unpack;
  unpack.argv = {"cmake", "-E", "tar", "xf", zip.string()};
  unpack.cwd = source;
  const Captured unpacked = run_captured(unpack);
  BOOST_TEST_REQUIRE(unpacked.outcome.succeeded(), unpacked.output);
  for (const char* script : {"setup.sh", "run_autograder", "workbook"}) {
    const bool executable =
        (fs::status(source / script).permissions() & fs::perms::owner_exec) != fs::perms::none;
    BOOST_TEST_INFO(script);
    BOOST_TEST(executable);
  }
  BOOST_TEST(fs::exists(source / "solutions/ch01/reference/gradient_descent_step.cpp"));
  for (const char* absent : {"build", "submissions", ".git", "grading"}) {
    BOOST_TEST_INFO(absent);
    BOOST_TEST(!fs::exists(source / absent));
  }

  // apt-get and sudo that leave a mark: setup.sh must find every package present.
  const fs::path fake_bin = scratch / "fake-bin", called = scratch / "apt-get-called";
  for (const char* program : {"apt-get", "sudo"}) {
    write_text(fake_bin / program,
               "#!/bin/sh\necho \"$0 $*\" >> '" + called.string() + "'\nexit 1\n");
    fs::permissions(fake_bin / program, fs::perms::owner_all);
  }
  const char* path = std::getenv("PATH");
  const std::vector<std::pair<std::string, std::string>> env = {
      {"AUTOGRADER_ROOT", autograder.string()},
      {"PATH", fake_bin.string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")}};
  const ShellRun setup = shell("bash source/setup.sh", autograder, 1800, env);
  BOOST_TEST_INFO(setup.output);
  BOOST_TEST_REQUIRE(setup.status == 0);
  expect_output(setup.output, {"setup: all", "setup.sh: built workbook_tool and"});
  BOOST_TEST(!fs::exists(called), read_file(called));
  BOOST_TEST_MESSAGE("setup.sh took " << format_seconds(setup.seconds));

  fs::copy_file(source / "run_autograder", autograder / "run_autograder");
  make_alice(autograder / "submission");
  const ShellRun graded = shell("./run_autograder", autograder, 900, env);
  BOOST_TEST_INFO(graded.output);
  BOOST_TEST_REQUIRE(graded.status == 0);
  expect_output(graded.output, {"Total"});
  check_alice(autograder / "results", course_url);
  const json results = read_json(autograder / "results" / "results.json");
  BOOST_TEST(results["tests"].size() > 0u);
  BOOST_TEST(contains(results.dump(), course_url + "/ch01.html#"));
  BOOST_TEST_MESSAGE("run_autograder took " << format_seconds(graded.seconds));

  // Nothing to grade: results.json says so, and holds no score.
  remove_quietly(autograder / "submission");
  write_text(autograder / "submission" / "README.txt", "no exercises here");
  const ShellRun rejected = shell("./run_autograder", autograder, 300, env);
  BOOST_TEST(rejected.status == 0);
  const json not_graded = read_json(autograder / "results" / "results.json");
  BOOST_TEST(!not_graded.contains("score"));
  BOOST_TEST(not_graded["tests"].empty());
  BOOST_TEST(not_graded["extra_data"]["graded"] == false);
  expect_output(not_graded["output"].get<std::string>(),
                {"This submission was not graded: no exercises found in"});
}

BOOST_AUTO_TEST_CASE(remove_the_copy) {
  remove_quietly(copy);
  remove_quietly(edition);
  BOOST_TEST(!fs::exists(copy));
}

BOOST_AUTO_TEST_SUITE_END()
