// The test harness's side of the grader's channel, included by the one file of a test program
// that defines its Boost.Test main (src/test_main.cpp, and the tool's own test program that
// misbehaves on purpose).
//
// A test program shares its process with the code it tests, so nothing that program writes to a
// file or to its exit status can tell the grader that a case passed: an exercise could write the
// same. When `workbook` runs a case it passes a channel instead (WORKBOOK_GRADER_CHANNEL=<in>,<out>,
// two inherited descriptors): a fresh secret to read on <in>, and <out> to write the result to.
// The secret is read, and <in> closed, by a constructor that runs before any exercise's code can
// run (priority 101, the first one the compiler leaves to programs; `workbook grade` rejects an
// exercise whose object asks for a constructor priority of its own), and the result line written
// at the very end of the run carries it. Without the secret no line counts, so a report forged by
// the exercise, or a line it writes to <out>, passes nothing.
#pragma once
#include <fcntl.h>
#include <unistd.h>

#include <boost/test/results_collector.hpp>
#include <boost/test/tree/observer.hpp>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <cstdlib>
#include <string>

namespace {

namespace utf = boost::unit_test;

struct GraderChannel {
  int out = -1;        ///< where the result line goes
  std::string secret;  ///< what it must carry
};

GraderChannel& channel() {
  static GraderChannel the_channel;
  return the_channel;
}

// Reads the secret and closes its descriptor, before the code under test can run.
__attribute__((constructor(101))) void open_grader_channel() {
  const char* value = std::getenv("WORKBOOK_GRADER_CHANNEL");
  if (value == nullptr) return;
  char* end = nullptr;
  const long in = std::strtol(value, &end, 10);
  if (end == value || *end != ',') return;
  const long out = std::strtol(end + 1, nullptr, 10);
  if (in < 3 || out < 3 || in > 1000 || out > 1000) return;
  std::string secret;
  char buffer[128];
  for (;;) {
    const ssize_t got = read(static_cast<int>(in), buffer, sizeof buffer);
    if (got > 0) {
      secret.append(buffer, static_cast<std::size_t>(got));
      if (secret.size() > 1024) break;
    } else if (got == 0 || errno != EINTR) {
      break;
    }
  }
  close(static_cast<int>(in));
  // A program the case starts does not inherit the result's descriptor.
  fcntl(static_cast<int>(out), F_SETFD, FD_CLOEXEC);
  if (secret.size() < 16) return;
  channel().out = static_cast<int>(out);
  channel().secret = secret;
}

// Writes the result of the whole run, as Boost.Test counted it, once it is over.
class ResultLine : public utf::test_observer {
 public:
  void test_finish() override {
    GraderChannel& c = channel();
    if (c.out < 0) return;
    const utf::test_results& results =
        utf::results_collector.results(utf::framework::master_test_suite().p_id);
    std::string line = "workbook-result " + c.secret;
    line += " passed=" + std::to_string(results.passed() ? 1 : 0);
    line += " cases_passed=" + std::to_string(results.p_test_cases_passed.get());
    line += " cases_failed=" + std::to_string(results.p_test_cases_failed.get());
    line += " cases_aborted=" + std::to_string(results.p_test_cases_aborted.get());
    line += " assertions_failed=" + std::to_string(results.p_assertions_failed.get());
    line += "\n";
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = write(c.out, line.data() + written, line.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    close(c.out);
    c.out = -1;
  }
  // After Boost.Test's own results collector, which counts what this line reports.
  int priority() override { return 1000; }
};

// Registered once the framework is set up; it lives as long as the program (Boost.Test calls
// test_finish() after the global fixtures are gone).
struct RegisterResultLine {
  RegisterResultLine() {
    static ResultLine observer;
    if (channel().out >= 0) utf::framework::register_observer(observer);
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(RegisterResultLine);
