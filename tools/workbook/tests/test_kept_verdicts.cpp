// The verdicts that `check`, `watch` and `progress` keep between runs (kept_verdicts.hpp): a case
// of an unchanged program, in the same environment, is not run again; anything else is.
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "kept_verdicts.hpp"
#include "tool_testing.hpp"
#include "util.hpp"

using namespace workbook::tool;
using testing::ScratchFolder;
using testing::write_text;

namespace {

// A verdict as a run gives it: a failure with one finding.
Verdict failed_verdict() {
  Verdict verdict;
  verdict.passed = false;
  verdict.status = "failed";
  verdict.reason = "check x == 1 has failed";
  verdict.output = "the case's output";
  verdict.seconds = 0.25;
  verdict.findings.push_back(
      {"error", "solutions/ch01/test.cpp", 42, "check x == 1 has failed", {"why"}, ""});
  return verdict;
}

RunSettings environment(const std::string& value) {
  RunSettings run;
  run.env = {{"WORKBOOK_FIGURES", value}};
  return run;
}

// A program that failed "suite/case", its verdict kept in `file` (environment "off").
void keep_a_failure(const fs::path& file, const fs::path& program) {
  write_text(program, "a program");
  KeptVerdicts kept(file, environment("off"));
  kept.remember(program, "suite/case", failed_verdict());
  kept.save();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kept_verdicts)

BOOST_AUTO_TEST_CASE(a_verdict_of_an_unchanged_program_is_kept_as_it_was) {
  ScratchFolder scratch("kept");
  const fs::path file = scratch / "verdicts.json", program = scratch / "ch01_tests";
  keep_a_failure(file, program);
  KeptVerdicts again(file, environment("off"));
  const std::optional<Verdict> found = again.find(program, "suite/case");
  BOOST_TEST_REQUIRE(found.has_value(), "a failure of an unchanged program is kept");
  BOOST_TEST(found->kept);
  BOOST_TEST(found->status == "failed");
  BOOST_TEST(!found->passed);
  BOOST_TEST(found->reason == "check x == 1 has failed");
  BOOST_TEST(found->output == "the case's output");
  BOOST_TEST(found->seconds == 0.25);
  BOOST_TEST_REQUIRE(found->findings.size() == 1u);
  BOOST_TEST(found->findings[0].line == 42);
  BOOST_TEST(found->findings[0].context == std::vector<std::string>{"why"});
  BOOST_TEST(!again.find(program, "suite/another_case").has_value(), "only the case that ran");
}

BOOST_AUTO_TEST_CASE(a_changed_program_or_environment_runs_again) {
  ScratchFolder scratch("kept");
  const fs::path file = scratch / "verdicts.json", program = scratch / "ch01_tests";
  keep_a_failure(file, program);
  BOOST_TEST(!KeptVerdicts(file, environment("on")).find(program, "suite/case").has_value(),
             "a verdict kept under another environment is not used");
  // Rebuilt: another size and another modification time.
  write_text(program, "the program, rebuilt");
  fs::last_write_time(program, fs::last_write_time(program) + std::chrono::seconds(5));
  BOOST_TEST(!KeptVerdicts(file, environment("off")).find(program, "suite/case").has_value(),
             "a verdict of a program that has changed since is not used");
}

BOOST_AUTO_TEST_CASE(a_crash_a_time_out_or_an_output_limit_is_never_kept) {
  ScratchFolder scratch("kept");
  const fs::path file = scratch / "verdicts.json", program = scratch / "ch01_tests";
  write_text(program, "a program");
  for (const std::string status : {"crashed", "timed out", "output limit", "not run"}) {
    KeptVerdicts kept(file, environment("off"));
    kept.remember(program, "suite/case", failed_verdict());  // kept first ...
    Verdict verdict = failed_verdict();
    verdict.status = status;
    kept.remember(program, "suite/case", verdict);  // ... then forgotten
    kept.save();
    BOOST_TEST(!KeptVerdicts(file, environment("off")).find(program, "suite/case").has_value(),
               "a verdict '" << status << "' is kept: a second run may not repeat it");
  }
}

BOOST_AUTO_TEST_CASE(a_damaged_file_starts_over_and_no_file_keeps_nothing) {
  ScratchFolder scratch("kept");
  const fs::path file = scratch / "verdicts.json", program = scratch / "ch01_tests";
  write_text(program, "a program");
  for (const std::string& damaged :
       std::vector<std::string>{"{ not json", "[1, 2, 3]",
                                "{\"" + program.string() + "\\nsuite/case\": {\"stamp\": 1}}"}) {
    write_text(file, damaged);
    KeptVerdicts kept(file, environment("off"));
    BOOST_TEST(!kept.find(program, "suite/case").has_value(), "from '" << damaged << "'");
    kept.remember(program, "suite/case", failed_verdict());
    kept.save();
    BOOST_TEST(KeptVerdicts(file, environment("off")).find(program, "suite/case").has_value(),
               "the file written after '" << damaged << "' keeps the new verdict");
  }
  KeptVerdicts none({}, environment("off"));
  none.remember(program, "suite/case", failed_verdict());
  none.save();
  BOOST_TEST(!none.find(program, "suite/case").has_value(), "an empty path keeps nothing");
}

BOOST_AUTO_TEST_SUITE_END()
