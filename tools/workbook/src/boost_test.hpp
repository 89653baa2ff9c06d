// Boost.Test programs: listing their test cases, running each case in its own process, and reading
// the result from the report Boost.Test itself writes.
#pragma once

#include <string>
#include <vector>

#include <optional>

#include "process.hpp"
#include "sandbox.hpp"

namespace workbook::tool {

/// A test case as `--list_content` shows it.
struct TestCase {
  std::string path;   ///< below the master suite: "gradient_descent_step/one_step"
  std::string suite;  ///< the first component: the exercise
  std::string name;   ///< the rest: "one_step"
  std::string file;   ///< "solutions/ch01/test_gradient_descent.cpp"
  int line = 0;
  std::vector<std::string> labels;
  std::string description;  ///< utf::description, "§1.2: x ← x − η∇f ..."
  std::size_t order = 0;    ///< position in the listing

  bool hidden() const { return file.find("/hidden/") != std::string::npos; }
};

/// The assert that failed, from a test program's output ("Assertion `index >= 0 && index <
/// size()' failed."), said in words when it is one of Eigen's index or size checks, or the
/// Eigen check whose exception ended the program; "" when the output has none. A crash by SIGABRT
/// is reported with it.
std::string failed_assertion(const std::string& output);

/// Parses `--list_content=DOT` output.
std::vector<TestCase> parse_dot_listing(const std::string& dot);
/// Adds the descriptions from `--list_content` (HRF) output to `cases`.
void add_descriptions(std::vector<TestCase>& cases, const std::string& hrf);
/// Sorts into the order a reader meets them: by file (in order of first appearance), then line.
void sort_in_file_order(std::vector<TestCase>& cases);

/// One failed check, uncaught exception or crash reported by Boost.Test.
struct Finding {
  std::string kind;  ///< "error", "exception", "fatal error"
  std::string file;
  int line = 0;
  std::string message;
  std::vector<std::string> context;  ///< BOOST_TEST_INFO: the diagnosis
  std::string checkpoint;            ///< where an exception or crash happened, if known
};

/// What running one test case gave.
struct Verdict {
  bool passed = false;
  std::string status;  ///< "passed", "failed", "crashed", "timed out", "output limit", "no report",
                       ///< "unconfirmed" (a report says passed, the harness did not),
                       ///< "not run" (it could not start), "skipped" (run_cases was told not to)
  std::string reason;  ///< one line: why it did not pass
  std::vector<Finding> findings;
  std::string output;  ///< the start of what the case printed
  double seconds = 0;
  /// Not run this time: the verdict of an earlier run of the same, unchanged program
  /// (PipelineSettings::kept_verdicts).
  bool kept = false;

  bool not_implemented() const;
  /// The diagnosis as a reader wants it: each failed check with its context, indented.
  std::string diagnosis(bool hidden = false, std::size_t max_findings = 3) const;
};

struct RunSettings {
  double time_limit = 20;        ///< seconds per case
  long memory_bytes = 4L << 30;  ///< address space per case
  long output_bytes = 8L << 20;  ///< largest file a case may write (its output included)
  unsigned jobs = 1;
  fs::path scratch;  ///< where each case gets a fresh folder
  std::vector<std::pair<std::string, std::string>> env;
  /// Set: each case runs in the sandbox (sandbox.hpp) with this policy, and may write only its
  /// own folder; where no sandbox is available, it runs as it is.
  std::optional<SandboxPolicy> sandbox;
};

/// A test case of a program, to run.
struct CaseJob {
  fs::path program;
  std::string path;
  double time_limit = 0;  ///< 0: the settings' limit
};

/// What the test harness wrote to the grader's channel at the end of a run
/// (lib/testing/src/test_main.cpp): one line that carries the run's secret.
struct HarnessResult {
  bool present = false;  ///< a line with the secret came
  bool foreign = false;  ///< something else came too: written by the code under test
  bool passed = false;
  long cases_passed = 0, cases_failed = 0, assertions_failed = 0;

  /// The harness saw exactly one case run, and pass.
  bool confirms_one_pass() const {
    return present && passed && cases_passed == 1 && cases_failed == 0 && assertions_failed == 0;
  }
};
HarnessResult read_harness_result(const std::string& channel, const std::string& secret);

/// Runs each case in its own process (`--run_test=<path>`), at most `settings.jobs` at once. A case
/// passes only when the process exited 0, Boost.Test's XML report (written to a fresh file) says
/// the case passed, and the test harness confirmed it through the grader's channel, with the
/// secret of the run (Command::channel_secret): a report the code under test forged passes nothing. `on_done(i, verdict)` is called as each case ends; a case for which
/// `should_start(i)` returns false when its turn comes is not run (status "skipped").
std::vector<Verdict> run_cases(const std::vector<CaseJob>& jobs, const RunSettings& settings,
                               const std::function<void(std::size_t, const Verdict&)>& on_done = {},
                               const std::function<bool(std::size_t)>& should_start = {});

/// Lists the test cases of a program (DOT listing for files and lines, HRF for descriptions), in
/// the order of the listing. Throws Failure when the program cannot list them.
std::vector<TestCase> list_cases(const fs::path& program, const RunSettings& settings);

/// Reads Boost.Test's XML report: the result ("passed", "failed", "aborted", "skipped") of the
/// case at `path`, or "" when the report does not mention it.
std::string report_result(const std::string& report_xml, const std::string& path);
/// Reads Boost.Test's XML log: the failed checks, exceptions and fatal errors.
std::vector<Finding> parse_log(const std::string& log_xml);

}  // namespace workbook::tool
