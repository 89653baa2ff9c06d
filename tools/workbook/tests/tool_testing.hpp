// Helpers of the tests of `workbook`: the programs and folders CTest gives them, scratch folders
// below the build folder, and running the tool.
#pragma once

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "process.hpp"
#include "util.hpp"
#include "workbook/testing/environment.hpp"

namespace workbook::tool::testing {

namespace utf = boost::unit_test;

/// The `workbook` program under test (WORKBOOK_TOOL_PROGRAM).
inline fs::path tool_program() {
  return workbook::testing::environment_path("WORKBOOK_TOOL_PROGRAM", "the workbook program");
}

/// The folder the tests make their scratch folders in (WORKBOOK_TEST_SCRATCH_DIR).
inline fs::path scratch_root() {
  return workbook::testing::environment_path("WORKBOOK_TEST_SCRATCH_DIR",
                                             "a folder for the tests' scratch folders");
}

/// The build folder of the tests (WORKBOOK_TEST_BUILD_DIR).
inline fs::path build_root() {
  return workbook::testing::environment_path("WORKBOOK_TEST_BUILD_DIR", "the build folder");
}

/// The workbook's source folder (WORKBOOK_TEST_SOURCE_DIR).
inline fs::path source_root() {
  return workbook::testing::environment_path("WORKBOOK_TEST_SOURCE_DIR",
                                             "the workbook's source folder");
}

/// A fresh folder below the test's scratch folder, removed at the end of the test.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& name)
      : path_(make_unique_directory(scratch_root(), name + "-")) {}
  ~ScratchFolder() { remove_quietly(path_); }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& part) const { return path_ / part; }

 private:
  fs::path path_;
};

/// What running `workbook <args>` gave: its exit status and everything it printed.
struct ToolRun {
  int status = -1;
  std::string output;
};

inline ToolRun run_tool(const std::vector<std::string>& args, const fs::path& cwd = {},
                        std::vector<std::pair<std::string, std::string>> env = {},
                        double time_limit = 600) {
  Command command;
  command.argv = {tool_program().string()};
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  command.cwd = cwd;
  command.env = std::move(env);
  command.unset_env_prefixes = {"WORKBOOK_ROOT"};
  command.limits.wall_seconds = time_limit;
  const Captured captured = run_captured(command, 16 << 20);
  BOOST_TEST_MESSAGE("workbook " << join(args, " ") << " -> "
                                 << captured.outcome.describe(time_limit) << "\n"
                                 << captured.output);
  ToolRun run;
  run.status = captured.outcome.exited ? captured.outcome.exit_code : -1;
  run.output = captured.output;
  return run;
}

inline void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  write_file_atomically(file, text);
}

}  // namespace workbook::tool::testing
