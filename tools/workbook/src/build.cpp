#include "build.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

namespace workbook::tool {

namespace {

Command cmake_command(std::vector<std::string> arguments, const BuildSettings& settings) {
  Command command;
  command.argv = {"cmake"};
  command.argv.insert(command.argv.end(), arguments.begin(), arguments.end());
  command.env = settings.env;
  command.limits.wall_seconds = settings.time_limit;
  if (settings.sandbox) {
    command.cwd = settings.build_dir;
    command = sandboxed(std::move(command), *settings.sandbox);
  }
  return command;
}

// Holds an exclusive lock on a build folder while a build runs in it: two builds at once in one
// folder would spoil each other's state.
class BuildLock {
 public:
  explicit BuildLock(const fs::path& build) {
    std::error_code error;
    fs::create_directories(build, error);
    const fs::path file = build / ".workbook-build.lock";
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return;  // a folder we cannot write to: the build itself will say so
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) break;
      if (interrupted()) {
        ::close(fd_);
        throw Interrupted();
      }
    }
  }
  ~BuildLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

 private:
  int fd_ = -1;
};

// A line the build tool prints about itself rather than about the code.
bool is_build_tool_line(const std::string& line) {
  return starts_with(line, "ninja: ") || starts_with(line, "gmake") || starts_with(line, "make: ");
}

bool is_diagnostic(const std::string& line) {
  return contains(line, "error:") || contains(line, "undefined reference") ||
         contains(line, "multiple definition");
}

}  // namespace

BuildResult build_targets(const std::vector<std::string>& targets, const BuildSettings& settings) {
  std::vector<std::string> arguments = {"--build", settings.build_dir.string(), "--parallel",
                                        std::to_string(settings.jobs)};
  if (!targets.empty()) {
    arguments.push_back("--target");
    arguments.insert(arguments.end(), targets.begin(), targets.end());
  }
  if (settings.keep_going) {
    arguments.push_back("--");
    arguments.push_back("-k");
    arguments.push_back("0");
  }
  const BuildLock lock(settings.build_dir);
  const Captured captured = run_captured(cmake_command(arguments, settings), 16 << 20);
  if (!captured.outcome.started) {
    throw Failure("building in " + settings.build_dir.string() +
                  " failed: " + captured.outcome.error);
  }
  if (captured.outcome.timed_out) {
    throw Failure("the build in " + settings.build_dir.string() + " took longer than " +
                  format_points(settings.time_limit) + " s and was stopped");
  }
  return {captured.outcome.succeeded(), captured.output};
}

std::map<std::string, std::string> build_each(const std::vector<std::string>& targets,
                                              const BuildSettings& settings) {
  std::map<std::string, std::string> failed;
  if (targets.empty()) return failed;
  BuildSettings together = settings;
  together.keep_going = true;
  if (build_targets(targets, together).succeeded) return failed;
  BuildSettings alone = settings;
  alone.keep_going = false;
  for (const std::string& target : targets) {
    BuildResult built = build_targets({target}, alone);
    if (!built.succeeded) failed[target] = std::move(built.log);
  }
  return failed;
}

void configure(const std::vector<std::string>& arguments, const BuildSettings& settings) {
  const Captured captured = run_captured(cmake_command(arguments, settings), 16 << 20);
  if (!captured.outcome.succeeded()) {
    throw Failure("configuring " + settings.build_dir.string() + " failed (" +
                  captured.outcome.describe(settings.time_limit) + "):\n" +
                  first_lines(captured.output, 40));
  }
}

BuildIndex open_build(const fs::path& root, const fs::path& build) {
  BuildSettings settings;
  settings.build_dir = build;
  if (!fs::exists(build / "CMakeCache.txt") || !fs::exists(build / "workbook_index.json")) {
    std::cerr << "configuring " << build.string() << " (once)" << std::endl;
    if (build == root / "build") {
      configure({"-S", root.string(), "--preset", "default"}, settings);
    } else {
      configure(
          {"-S", root.string(), "-B", build.string(), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"},
          settings);
    }
  }
  // The build runs CMake again first when a manifest changed: the index is then up to date.
  const BuildIndex index = BuildIndex::read(build);
  const BuildResult refreshed = build_targets({index.index_target}, settings);
  if (!refreshed.succeeded) {
    throw Failure("CMake could not bring " + build.string() + " up to date:\n" +
                  first_lines(refreshed.log, 40));
  }
  return BuildIndex::read(build);
}

std::vector<std::pair<std::string, std::string>> shown_paths(const fs::path& root,
                                                             const fs::path& build,
                                                             const fs::path& staged) {
  std::vector<std::pair<std::string, std::string>> shown;
  if (!staged.empty()) shown.emplace_back(staged.string() + "/", "exercises/");
  shown.emplace_back(build.string() + "/", "");
  shown.emplace_back(root.string() + "/", "");
  // Relative to the build folder: "../solutions/ch01/..." from build/, for each top folder.
  const fs::path up = root.lexically_relative(build);
  if (!up.empty() && up != ".") {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(root, error)) {
      if (!entry.is_directory()) continue;
      const std::string name = entry.path().filename().string();
      shown.emplace_back((up / name).string() + "/", name + "/");
    }
  }
  return shown;
}

std::string compiler_excerpt(const std::string& log,
                             const std::vector<std::pair<std::string, std::string>>& replace,
                             std::size_t max_lines) {
  std::string text = log;
  for (const auto& [from, to] : replace) text = replace_all(std::move(text), from, to);
  // Start at the first error; the line before it may say where ("In function ...").
  const std::vector<std::string> lines = split_lines(text);
  std::size_t first = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_diagnostic(lines[i])) {
      first = i > 0 && contains(lines[i - 1], "In ") ? i - 1 : i;
      break;
    }
  }
  std::vector<std::string> kept;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (trim(lines[i]).empty() || is_build_tool_line(lines[i])) continue;
    kept.push_back(lines[i]);
  }
  return first_lines(join(kept, "\n"), max_lines);
}

}  // namespace workbook::tool
