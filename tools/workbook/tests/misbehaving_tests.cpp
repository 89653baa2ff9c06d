// A test program whose cases do, on purpose, what students' code really does, for the tests of the
// runner of `workbook` (test_runner.cpp): each must end as a failure with the right reason, and
// the runner must carry on.
#define BOOST_TEST_MODULE misbehaving
#include <sys/types.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>

#include "grader_channel.hpp"

namespace utf = boost::unit_test;

BOOST_AUTO_TEST_SUITE(exercise)

BOOST_AUTO_TEST_CASE(passes, *utf::description("§1.2: one plus one is two")) {
  BOOST_TEST(1 + 1 == 2);
}

BOOST_AUTO_TEST_CASE(fails, *utf::description("§1.2: one plus one is three")) {
  const std::string why = "x moved uphill, to x + η∇f: the step is x − η∇f";
  BOOST_TEST_INFO(why);
  BOOST_TEST(1 + 1 == 3);
}

BOOST_AUTO_TEST_CASE(not_implemented) {
  throw std::logic_error("not implemented yet: exercises/ch01/x.cpp:17 (Chapter 1, §1.2 Title)");
}

BOOST_AUTO_TEST_CASE(segfaults) {
  volatile int* nowhere = nullptr;
  *nowhere = 1;
}

BOOST_AUTO_TEST_CASE(aborts) {
  std::abort();
}

BOOST_AUTO_TEST_CASE(loops_forever) {
  volatile unsigned long spin = 0;
  for (;;) spin = spin + 1;
}

BOOST_AUTO_TEST_CASE(calls_exit_0) {
  std::exit(0);
}

BOOST_AUTO_TEST_CASE(calls_underscore_exit_0) {
  _exit(0);
}

BOOST_AUTO_TEST_CASE(floods_its_output) {
  for (;;) std::fputs("a line printed in a loop, again and again and again\n", stdout);
}

BOOST_AUTO_TEST_CASE(reads_stdin) {
  BOOST_TEST(std::getchar() == EOF);
}

// Starts a process that would outlive the case, and says where its id is.
BOOST_AUTO_TEST_CASE(leaves_a_process_behind) {
  const pid_t child = fork();
  if (child == 0) {
    execlp("sleep", "sleep", "300", static_cast<char*>(nullptr));
    _exit(1);
  }
  if (const char* file = std::getenv("MISBEHAVING_PID_FILE")) std::ofstream(file) << child;
  BOOST_TEST(child > 0);
}

// The value of a --name=value argument of this program, from its own command line.
std::string own_argument(const std::string& name) {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string prefix = "--" + name + "=";
  for (std::size_t at = 0; at < all.size(); at = all.find('\0', at) + 1) {
    const std::string argument = all.c_str() + at;
    if (argument.rfind(prefix, 0) == 0) return argument.substr(prefix.size());
    if (all.find('\0', at) == std::string::npos) break;
  }
  return {};
}

// Hostile: finds where Boost.Test will write its report, writes one that says every case passed,
// and ends before Boost.Test can write the truth.
BOOST_AUTO_TEST_CASE(forges_its_report) {
  const std::string report = own_argument("report_sink"), log = own_argument("log_sink");
  std::ofstream(report) << "<TestResult><TestSuite name=\"misbehaving\" result=\"passed\">"
                           "<TestSuite name=\"exercise\" result=\"passed\">"
                           "<TestCase name=\"forges_its_report\" result=\"passed\"/>"
                           "</TestSuite></TestSuite></TestResult>";
  std::ofstream(log) << "<TestLog></TestLog>";
  BOOST_TEST(1 + 1 == 3);
  std::fflush(nullptr);
  _exit(0);
}

// Hostile: writes a result line to every descriptor the grader's channel could be on, then fails.
BOOST_AUTO_TEST_CASE(forges_the_channel) {
  const std::string line =
      "workbook-result 0123456789abcdef0123456789abcdef passed=1 cases_passed=1 cases_failed=0 "
      "cases_aborted=0 assertions_failed=0\n";
  for (int fd = 3; fd < 64; ++fd)
    [[maybe_unused]] auto ignored = write(fd, line.data(), line.size());
  BOOST_TEST(1 + 1 == 3);
}

// Hostile: a grandchild leaves the process group (setsid) and, once the case is over, writes the
// file MISBEHAVING_LATE_FILE names, as a forger rewriting the grader's results would.
BOOST_AUTO_TEST_CASE(detaches_a_late_writer) {
  const pid_t child = fork();
  if (child == 0) {
    setsid();
    if (fork() != 0) _exit(0);  // the grandchild is an orphan at once
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    if (const char* file = std::getenv("MISBEHAVING_LATE_FILE")) std::ofstream(file) << "forged";
    _exit(0);
  }
  BOOST_TEST(child > 0);
}

// Hostile: writes MISBEHAVING_STRAY_FILE, outside the case's own folder, and passes.
BOOST_AUTO_TEST_CASE(writes_outside_its_folder) {
  if (const char* file = std::getenv("MISBEHAVING_STRAY_FILE")) std::ofstream(file) << "stray";
  BOOST_TEST(1 + 1 == 2);
}

BOOST_AUTO_TEST_SUITE_END()
