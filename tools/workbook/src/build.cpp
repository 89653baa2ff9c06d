#include "build.hpp"

namespace workbook::tool {

const char* ninja_status_marker() {
  return "@@workbook-step@@ ";
}

std::vector<FailedStep> parse_ninja_failures(const std::string& log) {
  // Ninja prints, for each step, its status line; for a failed step then "FAILED: <outputs>", the
  // command line, and the command's output, up to the next status line or Ninja's own summary.
  std::vector<FailedStep> failures;
  FailedStep* current = nullptr;
  bool skip_command_line = false;
  for (const std::string& line : split_lines(log)) {
    if (starts_with(line, ninja_status_marker()) || starts_with(line, "ninja: ")) {
      current = nullptr;
      continue;
    }
    if (starts_with(line, "FAILED: ")) {
      failures.push_back({trim(line.substr(8)), ""});
      current = &failures.back();
      skip_command_line = true;
      continue;
    }
    if (current == nullptr) continue;
    if (skip_command_line) {
      skip_command_line = false;
      continue;
    }
    current->messages += line + "\n";
  }
  return failures;
}

namespace {

Command cmake_command(std::vector<std::string> arguments, const BuildSettings& settings) {
  Command command;
  command.argv = {"cmake"};
  command.argv.insert(command.argv.end(), arguments.begin(), arguments.end());
  command.env = settings.env;
  command.env.emplace_back("NINJA_STATUS", ninja_status_marker());
  command.limits.wall_seconds = settings.time_limit;
  return command;
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
  const Captured captured = run_captured(cmake_command(arguments, settings), 16 << 20);
  if (!captured.outcome.started) {
    throw Failure("building in " + settings.build_dir.string() +
                  " failed: " + captured.outcome.error);
  }
  BuildResult result;
  result.log = captured.output;
  result.succeeded = captured.outcome.succeeded();
  result.failures = parse_ninja_failures(captured.output);
  if (captured.outcome.timed_out) {
    throw Failure("the build in " + settings.build_dir.string() + " took longer than " +
                  format_points(settings.time_limit) + " s and was stopped");
  }
  return result;
}

void configure(const std::vector<std::string>& arguments, const BuildSettings& settings) {
  const Captured captured = run_captured(cmake_command(arguments, settings), 16 << 20);
  if (!captured.outcome.succeeded()) {
    throw Failure("configuring " + settings.build_dir.string() + " failed (" +
                  captured.outcome.describe(settings.time_limit) + "):\n" +
                  first_lines(captured.output, 40));
  }
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

std::string compiler_excerpt(const std::string& messages,
                             const std::vector<std::pair<std::string, std::string>>& replace,
                             std::size_t max_lines) {
  std::string text = messages;
  for (const auto& [from, to] : replace) text = replace_all(std::move(text), from, to);
  // Start at the first line that names an error; the lines before it are "In function ..."
  std::vector<std::string> lines = split_lines(text);
  std::size_t first = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (contains(lines[i], "error")) {
      first = i > 0 && contains(lines[i - 1], "In ") ? i - 1 : i;
      break;
    }
  }
  std::vector<std::string> kept;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (trim(lines[i]).empty()) continue;
    kept.push_back(lines[i]);
  }
  return first_lines(join(kept, "\n"), max_lines);
}

}  // namespace workbook::tool
