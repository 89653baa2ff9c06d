// Running test cases the way grading does: each in its own process, with a time limit and
// resource limits, passing only when Boost.Test's own report says so. The cases of
// misbehaving_tests.cpp do what students' code really does.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include "boost_test.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;
using testing::ScratchFolder;

BOOST_AUTO_TEST_SUITE(runner)

BOOST_AUTO_TEST_CASE(only_a_reported_pass_passes_and_nothing_stops_the_run) {
  ScratchFolder scratch("runner");
  RunSettings settings;
  settings.time_limit = 2;
  settings.output_bytes = 1 << 20;
  settings.jobs = 2;
  settings.scratch = scratch / "runs";
  const fs::path pid_file = scratch / "child.pid";
  const fs::path late_file = scratch / "late.txt";
  const fs::path stray_file = scratch / "stray.txt";
  settings.env = {{"MISBEHAVING_PID_FILE", pid_file.string()},
                  {"MISBEHAVING_LATE_FILE", late_file.string()},
                  {"MISBEHAVING_STRAY_FILE", stray_file.string()}};

  // A test program that misbehaves on purpose (WORKBOOK_MISBEHAVING_PROGRAM).
  const std::string misbehaving =
      workbook::testing::environment_path("WORKBOOK_MISBEHAVING_PROGRAM",
                                          "the misbehaving test program")
          .string();
  const std::vector<TestCase> cases = list_cases(misbehaving, settings);
  BOOST_TEST_REQUIRE(cases.size() == 15u);
  BOOST_TEST(cases[0].description == "§1.2: one plus one is two");
  std::vector<CaseJob> jobs;
  for (const TestCase& test : cases) jobs.push_back({misbehaving, test.path, 0});
  const std::vector<Verdict> verdicts = run_cases(jobs, settings);
  std::map<std::string, Verdict> by_name;
  for (std::size_t i = 0; i < cases.size(); ++i) by_name[cases[i].name] = verdicts[i];

  struct Expected {
    std::string name, status, reason;
  };
  const std::vector<Expected> expected = {
      {"passes", "passed", ""},
      {"reads_stdin", "passed", ""},
      {"leaves_a_process_behind", "passed", ""},
      {"fails", "failed", "x moved uphill, to x + η∇f: the step is x − η∇f"},
      {"not_implemented", "failed", "not implemented yet: exercises/ch01/x.cpp:17"},
      {"segfaults", "crashed", "memory access violation"},
      {"aborts", "crashed", "SIGABRT"},
      {"loops_forever", "timed out", "killed after 2 s"},
      {"calls_exit_0", "", "before Boost.Test reported a result"},
      {"calls_underscore_exit_0", "no report", "exit status 0"},
      {"floods_its_output", "output limit", "more than 1 MiB"},
      // Hostile: none of these can make a failing case pass.
      {"forges_its_report", "unconfirmed", "the test harness never confirmed it"},
      {"forges_the_channel", "failed", "1 + 1 == 3"},
      {"detaches_a_late_writer", "passed", ""},
      {"writes_outside_its_folder", "passed", ""},
  };
  for (const Expected& e : expected) {
    const Verdict& v = by_name.at(e.name);
    BOOST_TEST_INFO(e.name << ": " << v.status << ": " << v.reason << "\n" << v.diagnosis());
    BOOST_TEST(v.passed == (e.status == "passed"));
    if (!e.status.empty()) {
      BOOST_TEST_INFO(e.name << ": " << v.status);
      BOOST_TEST(v.status == e.status);
    }
    BOOST_TEST_INFO(e.name << ": " << v.reason);
    BOOST_TEST(contains(v.diagnosis() + v.reason, e.reason));
  }
  BOOST_TEST(by_name.at("not_implemented").not_implemented());
  BOOST_TEST(contains(by_name.at("fails").diagnosis(),
                      "misbehaving_tests.cpp(31): check 1 + 1 == 3 has failed"));
  BOOST_TEST(by_name.at("loops_forever").seconds < 10.0);

  // The process a case left behind went with its process group: it is gone, or a zombie waiting
  // for init to reap it.
  const int child = std::stoi(read_file(pid_file));
  BOOST_TEST(child > 0);
  auto alive = [child] {
    if (kill(child, 0) != 0) return false;
    const std::string stat = read_file("/proc/" + std::to_string(child) + "/stat");
    const auto paren = stat.rfind(')');
    return !(paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z');
  };
  for (int i = 0; i < 50 && alive(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  BOOST_TEST(!alive());
  // The grandchild that left the process group to write after its case ended was ended with it:
  // the file it would have written 1.5 s after the case began never appears.
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  BOOST_TEST(!fs::exists(late_file), "a process that left its case's group outlived the case");
  // Nothing is left in the scratch folder: each case's files are removed.
  BOOST_TEST(fs::is_empty(settings.scratch));
}

// In the sandbox a case writes only its own folder, a process it starts ends with it, and a crash
// still reads as the signal that killed it.
BOOST_AUTO_TEST_CASE(in_the_sandbox_a_case_writes_only_its_own_folder) {
  if (!sandbox_support().available) {
    BOOST_TEST_MESSAGE(
        "no sandbox on this machine, nothing to check: " << sandbox_support().why_not);
    return;
  }
  ScratchFolder scratch("runner-sandbox");
  RunSettings settings;
  settings.time_limit = 5;
  settings.jobs = 2;
  settings.scratch = scratch / "runs";
  const fs::path stray_file = scratch / "stray.txt";
  const fs::path late_file = scratch / "late.txt";
  settings.env = {{"MISBEHAVING_STRAY_FILE", stray_file.string()},
                  {"MISBEHAVING_LATE_FILE", late_file.string()}};
  const std::string misbehaving =
      workbook::testing::environment_path("WORKBOOK_MISBEHAVING_PROGRAM",
                                          "the misbehaving test program")
          .string();
  // The program's folder is shown, as grading shows the instructor's build: a build in the
  // temporary folder would otherwise be hidden under the sandbox's own.
  SandboxPolicy policy;
  policy.readable = {fs::path(misbehaving).parent_path()};
  settings.sandbox = policy;
  std::vector<CaseJob> jobs;
  for (const char* name : {"passes", "fails", "segfaults", "writes_outside_its_folder",
                           "detaches_a_late_writer", "forges_its_report"}) {
    jobs.push_back({misbehaving, std::string("exercise/") + name, 0});
  }
  const std::vector<Verdict> verdicts = run_cases(jobs, settings);
  const std::vector<std::string> statuses = {"passed", "failed", "crashed",
                                             "passed", "passed", "unconfirmed"};
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    BOOST_TEST_INFO(jobs[i].path << ": " << verdicts[i].status << ": " << verdicts[i].reason << "\n"
                                 << verdicts[i].output);
    BOOST_TEST(verdicts[i].status == statuses[i]);
  }
  BOOST_TEST(contains(verdicts[2].diagnosis() + verdicts[2].reason, "memory access violation"));
  BOOST_TEST(!fs::exists(stray_file), "a sandboxed case wrote outside its own folder");
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  BOOST_TEST(!fs::exists(late_file), "a process a sandboxed case started outlived it");
  BOOST_TEST(fs::is_empty(settings.scratch));
}

// `workbook validate` stops a known mistake at its first failure that names it: the cases after it
// are not started, and each case's verdict is handed on as it ends.
BOOST_AUTO_TEST_CASE(cases_can_be_skipped_once_an_earlier_verdict_settles_the_run) {
  ScratchFolder scratch("runner-skip");
  RunSettings settings;
  settings.jobs = 1;
  settings.scratch = scratch / "runs";
  const std::string misbehaving =
      workbook::testing::environment_path("WORKBOOK_MISBEHAVING_PROGRAM",
                                          "the misbehaving test program")
          .string();
  std::vector<CaseJob> jobs;
  for (const char* name : {"passes", "fails", "passes", "fails"}) {
    jobs.push_back({misbehaving, std::string("exercise/") + name, 0});
  }
  bool settled = false;
  std::vector<std::size_t> ended;
  const std::vector<Verdict> verdicts = run_cases(
      jobs, settings,
      [&](std::size_t i, const Verdict& verdict) {
        ended.push_back(i);
        settled = settled || !verdict.passed;
      },
      [&](std::size_t) { return !settled; });
  BOOST_TEST(ended == (std::vector<std::size_t>{0, 1}),
             "one job at a time: the first failure ends it");
  BOOST_TEST(verdicts.at(0).passed);
  BOOST_TEST(verdicts.at(1).status == "failed");
  for (std::size_t i : {2u, 3u}) {
    BOOST_TEST_INFO("case " << i);
    BOOST_TEST(verdicts.at(i).status == "skipped");
    BOOST_TEST(!verdicts.at(i).passed);
  }
  BOOST_TEST(fs::is_empty(settings.scratch), "the skipped cases' folders are removed too");
}

BOOST_AUTO_TEST_CASE(a_program_that_cannot_start_is_a_failure) {
  ScratchFolder scratch("runner-missing");
  RunSettings settings;
  settings.scratch = scratch / "runs";
  const std::vector<Verdict> verdicts =
      run_cases({{scratch / "no-such-program", "a/b", 1}}, settings);
  BOOST_TEST(!verdicts.at(0).passed);
  BOOST_TEST(verdicts.at(0).status == "not run");
  BOOST_TEST(contains(verdicts.at(0).reason, "No such file"));
  BOOST_CHECK_THROW(list_cases(scratch / "no-such-program", settings), Failure);
}

// The repository root has a cmake/ folder: a bare program name must be found on PATH, never in the
// working folder (execve("cmake") there answers EACCES and used to stop the search).
BOOST_AUTO_TEST_CASE(a_bare_program_name_is_found_on_path_whatever_the_working_folder_holds) {
  ScratchFolder scratch("runner-cwd");
  for (const char* name : {"cmake", "ctest", "ninja", "ccache", "git", "sh", "timeout", "true"}) {
    fs::create_directories(scratch / name);
  }
  Command command;
  command.argv = {"cmake", "--version"};
  command.cwd = scratch.path();
  const Captured captured = run_captured(command);
  BOOST_TEST_INFO(captured.outcome.describe() << ": " << captured.outcome.error << "\n"
                                              << captured.output);
  BOOST_TEST(captured.outcome.succeeded());
  BOOST_TEST(contains(captured.output, "cmake version"));
  // With the working folder as the process's own current folder too, and "." on PATH.
  command.cwd.clear();
  command.argv = {"true"};
  command.env = {{"PATH", ".:" + std::string(std::getenv("PATH"))}};
  const fs::path here = fs::current_path();
  fs::current_path(scratch.path());
  const Outcome outcome = run(command);
  fs::current_path(here);
  BOOST_TEST(outcome.succeeded(), outcome.error);
}

BOOST_AUTO_TEST_CASE(a_missing_program_names_itself_the_path_searched_and_what_to_install) {
  ScratchFolder scratch("runner-path");
  fs::create_directories(scratch / "cmake");  // a folder, not a program
  Command command;
  command.argv = {"cmake", "--version"};
  command.env = {{"PATH", scratch.path().string()}};
  const Outcome outcome = run(command);
  BOOST_TEST(!outcome.started);
  BOOST_TEST_INFO(outcome.error);
  BOOST_TEST(contains(outcome.error, "cannot run cmake: no program 'cmake' in PATH (" +
                                         scratch.path().string() + ")"));
  BOOST_TEST_INFO(outcome.error);
  BOOST_TEST(contains(outcome.error, "install Debian's package cmake"));
  BOOST_TEST(contains(outcome.error, "scripts/setup"));
  BOOST_TEST(outcome.describe() == outcome.error);

  command.argv = {"ninja"};
  BOOST_TEST(contains(run(command).error, "Debian's package ninja-build"));
  // A path is a path: never searched for.
  command.argv = {(scratch / "cmake").string()};
  const Outcome directory = run(command);
  BOOST_TEST(!directory.started);
  BOOST_TEST_INFO(directory.error);
  BOOST_TEST(contains(directory.error, "Permission denied"));
  // A working folder that does not exist is named as such.
  command.argv = {"sh", "-c", "true"};
  command.env.clear();
  command.cwd = scratch / "no-such-folder";
  const Outcome nowhere = run(command);
  BOOST_TEST(!nowhere.started);
  BOOST_TEST_INFO(nowhere.error);
  BOOST_TEST(contains(nowhere.error, "cannot run sh in " + command.cwd.string()));
}

BOOST_AUTO_TEST_CASE(a_wall_clock_limit_stops_a_whole_process_group) {
  Command command;
  command.argv = {"sh", "-c", "sleep 300 & sleep 300"};
  command.limits.wall_seconds = 0.5;
  const Outcome outcome = run(command);
  BOOST_TEST(outcome.timed_out);
  BOOST_TEST(outcome.seconds < 5.0);
  BOOST_TEST(outcome.describe(0.5) == "timed out: killed after 0.5 s");
}

BOOST_AUTO_TEST_SUITE_END()
