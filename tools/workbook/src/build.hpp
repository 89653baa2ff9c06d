// Configuring and building the workbook with CMake and Ninja, and reading what failed.
#pragma once

#include <string>
#include <vector>

#include "process.hpp"

namespace workbook::tool {

/// One build step that failed: the file it was making and what the compiler or linker said.
struct FailedStep {
  std::string output;  ///< the target file of the step (object file, executable), as Ninja names it
  std::string messages;  ///< the compiler's or linker's output
};

struct BuildResult {
  bool succeeded = false;
  std::vector<FailedStep> failures;
  std::string log;  ///< everything CMake and Ninja printed
};

/// Reads Ninja's output (printed with NINJA_STATUS = ninja_status_marker()).
std::vector<FailedStep> parse_ninja_failures(const std::string& log);
const char* ninja_status_marker();

struct BuildSettings {
  fs::path build_dir;
  unsigned jobs = 1;
  double time_limit = 1800;
  std::vector<std::pair<std::string, std::string>> env;
  bool keep_going = false;  ///< build whatever does not depend on a failed step
};

/// `cmake --build <dir> --target <targets>` with the output captured.
BuildResult build_targets(const std::vector<std::string>& targets, const BuildSettings& settings);

/// `cmake <arguments>` (configure), with the output captured. Throws Failure with CMake's
/// messages when it fails.
void configure(const std::vector<std::string>& arguments, const BuildSettings& settings);

/// How the paths of a build in `build` are shown to a user, as (from, to) pairs for
/// compiler_excerpt(): relative to the workbook's root, whether the compiler named them absolute or
/// relative to the build folder (as it does through ccache), and the student's files staged in
/// `staged` (if any) as exercises/.
std::vector<std::pair<std::string, std::string>> shown_paths(const fs::path& root,
                                                             const fs::path& build,
                                                             const fs::path& staged = {});

/// The compiler's first lines for a failed step, with `replace` paths shown as `with`.
std::string compiler_excerpt(const std::string& messages,
                             const std::vector<std::pair<std::string, std::string>>& replace,
                             std::size_t max_lines = 20);

}  // namespace workbook::tool
