// A test program whose cases do, on purpose, what students' code really does, for the tests of the
// runner of `workbook` (test_runner.cpp): each must end as a failure with the right reason, and
// the runner must carry on.
#define BOOST_TEST_MODULE misbehaving
#include <sys/types.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

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

BOOST_AUTO_TEST_SUITE_END()
