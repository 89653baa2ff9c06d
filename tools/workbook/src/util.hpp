// Small helpers shared by the workbook tool: errors, files, text.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace workbook::tool {

namespace fs = std::filesystem;

/// What the user asked for cannot be done as asked: a missing folder, an unknown exercise, a
/// corrupt manifest. The tool prints the message and exits with status 2.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The tool could not do its work: a build of the instructor's code failed, a file could not be
/// written. The tool prints the message and exits with status 1.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads at most `limit` bytes of a file; an empty string when it cannot be read.
std::string read_file(const fs::path& file, std::size_t limit = std::string::npos);

/// Writes `content` to `file` through a temporary file in the same folder and a rename, so that a
/// reader never sees a half-written file. Throws Failure.
void write_file_atomically(const fs::path& file, std::string_view content);

/// A random hexadecimal string of `length` digits (for fresh file names).
std::string random_hex(std::size_t length = 16);

/// Creates a fresh folder `parent/<prefix><random>` and returns it.
fs::path make_unique_directory(const fs::path& parent, std::string_view prefix);

/// Removes a folder tree, ignoring errors.
void remove_quietly(const fs::path& path);

/// Removes a folder when it goes out of scope (quietly), unless `keep` is set or `folder` is cleared.
struct RemovedAtScopeExit {
  explicit RemovedAtScopeExit(fs::path folder_, bool keep_ = false)
      : folder(std::move(folder_)), keep(keep_) {}
  RemovedAtScopeExit(const RemovedAtScopeExit&) = delete;
  RemovedAtScopeExit& operator=(const RemovedAtScopeExit&) = delete;
  ~RemovedAtScopeExit() {
    if (!keep && !folder.empty()) remove_quietly(folder);
  }
  fs::path folder;
  bool keep;
};

/// A new build folder `<root>/build-<name>-<random>` for a build of the tool's own (a grading, a
/// validation, the figures). Directly below the root, at the depth of `build/`: the compiler cache
/// sees paths relative to the build folder (cmake/WorkbookCompiler.cmake), so builds at the same
/// depth share their compiled objects, in this copy of the workbook or any other.
fs::path fresh_build_folder(const fs::path& root, std::string_view name);

/// The number of jobs to run at once by default: the number of cores.
unsigned default_jobs();

/// Looks up a bare program name in the folders of `search_path` (a PATH value: folders separated
/// by ':'), as a shell does, but only there: never in the current folder unless PATH names it.
/// A candidate must be a regular file (after links) that we may execute; a folder with the
/// program's name (the workbook's own `cmake/`) is skipped. Empty when not found.
fs::path find_program(std::string_view program, std::string_view search_path);

/// find_program() on this process's PATH (the system's default, /usr/bin:/bin, when unset).
fs::path find_program(std::string_view program);

/// The PATH a program started with `environment` ("NAME=value" entries) searches: its PATH entry,
/// else the system's default.
std::string search_path_of(const std::vector<std::string>& environment);

/// What to tell a user whose machine lacks `program`: the Debian package that provides it, and
/// scripts/setup. "cmake (Debian package cmake; scripts/setup installs everything the workbook
/// needs)".
std::string how_to_install(std::string_view program);

/// The path of the running executable.
fs::path self_executable();

std::string trim(std::string_view text);
std::vector<std::string> split_lines(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string replace_all(std::string text, std::string_view from, std::string_view to);
bool starts_with(std::string_view text, std::string_view prefix);
bool contains(std::string_view text, std::string_view part);

/// At most `max_lines` lines of `text`, with a note when lines were left out.
std::string first_lines(std::string_view text, std::size_t max_lines);

/// Points as people write them: 3, 2.5, 3.33.
std::string format_points(double points);

/// Seconds with one decimal: 12.3 s.
std::string format_seconds(double seconds);

/// How many terminal columns a UTF-8 string takes (one per code point).
std::size_t display_width(std::string_view text);

/// `text` padded with spaces to `width` columns.
std::string pad(std::string_view text, std::size_t width);

std::string html_escape(std::string_view text);
std::string xml_escape(std::string_view text);

/// A CMake regular expression (as in if(MATCHES), which run_expect.cmake uses) for std::regex:
/// CMake reads '{' and '}' literally, ECMAScript as a repetition.
std::string ecmascript_from_cmake_regex(std::string_view regex);

/// `path` relative to `base` when it lies below it, else `path` itself (for messages).
std::string display_path(const fs::path& path, const fs::path& base);

}  // namespace workbook::tool
