// Configuring and building with CMake. What a build holds, the tool learns from its index
// (index.hpp); which target failed, from building that target alone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "index.hpp"
#include "process.hpp"
#include "sandbox.hpp"

namespace workbook::tool {

struct BuildSettings {
  fs::path build_dir;
  unsigned jobs = 1;
  double time_limit = 1800;
  std::vector<std::pair<std::string, std::string>> env;
  bool keep_going = false;  ///< build whatever does not depend on a failed step
  /// Set: the build runs in the sandbox (sandbox.hpp) under this policy, where one is available.
  std::optional<SandboxPolicy> sandbox;
};

struct BuildResult {
  bool succeeded = false;
  std::string log;  ///< everything CMake and the build tool printed
};

/// `cmake --build <dir> --target <targets>` with the output captured. One build at a time runs in
/// a build folder: a second waits for the first (several gradings share the instructor's build).
BuildResult build_targets(const std::vector<std::string>& targets, const BuildSettings& settings);

/// Builds every target of `targets` that it can, and returns the log of each that fails, by
/// target (empty: all were built). All are built at once first (in parallel); when that fails,
/// each is built alone, in order, so that a failure is the one of the target that was asked for
/// (what failed runs twice: a compile error is quick, a compiler stopped at its time limit is
/// stopped twice).
std::map<std::string, std::string> build_each(const std::vector<std::string>& targets,
                                              const BuildSettings& settings);

/// `cmake <arguments>` (configure), with the output captured. Throws Failure with CMake's
/// messages when it fails.
void configure(const std::vector<std::string>& arguments, const BuildSettings& settings);

/// The workbook's own build in `build`: configured when it is not (with the default preset when
/// it is <root>/build), brought up to date with the manifests (which may rewrite its index), and
/// its index.
BuildIndex open_build(const fs::path& root, const fs::path& build);

/// How the paths of a build in `build` are shown to a user, as (from, to) pairs for
/// compiler_excerpt(): relative to the workbook's root, whether the compiler named them absolute or
/// relative to the build folder (as it does through ccache), and the student's files staged in
/// `staged` (if any) as exercises/.
std::vector<std::pair<std::string, std::string>> shown_paths(const fs::path& root,
                                                             const fs::path& build,
                                                             const fs::path& staged = {});

/// The compiler's or linker's first lines in the log of a failed build, with `replace` paths shown
/// as `with`: from its first error, without the build tool's own lines. Empty when the log has no
/// error message (a compiler stopped at its time limit prints none).
std::string compiler_excerpt(const std::string& log,
                             const std::vector<std::pair<std::string, std::string>>& replace,
                             std::size_t max_lines = 20);

}  // namespace workbook::tool
