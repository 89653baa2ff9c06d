#include "sandbox.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>

namespace workbook::tool {

namespace {

// bubblewrap's arguments for `policy`, up to the program.
std::vector<std::string> bwrap_arguments(const fs::path& bwrap, const SandboxPolicy& policy,
                                         const fs::path& cwd) {
  std::vector<std::string> argv = {bwrap.string(), "--ro-bind", "/",     "/",       "--dev",
                                   "/dev",         "--proc",    "/proc", "--tmpfs", "/tmp"};
  // Every path in the order of its depth, so that a deeper one wins: a folder hidden inside a
  // readable one stays hidden, a folder readable or writable inside a hidden one is shown.
  enum Kind { hide, show, write };
  std::vector<std::pair<fs::path, Kind>> paths;
  for (const fs::path& path : policy.hidden) paths.emplace_back(path.lexically_normal(), hide);
  for (const fs::path& path : policy.readable) paths.emplace_back(path.lexically_normal(), show);
  for (const fs::path& path : policy.writable) paths.emplace_back(path.lexically_normal(), write);
  auto depth = [](const fs::path& path) { return std::distance(path.begin(), path.end()); };
  std::stable_sort(paths.begin(), paths.end(),
                   [&](const auto& a, const auto& b) { return depth(a.first) < depth(b.first); });
  std::error_code error;
  for (const auto& [path, kind] : paths) {
    if (kind == write) fs::create_directories(path, error);
    if (!fs::exists(path, error)) continue;
    if (kind == hide) {
      if (fs::is_directory(path, error)) {
        argv.insert(argv.end(), {"--tmpfs", path.string()});
      } else {
        argv.insert(argv.end(), {"--ro-bind", "/dev/null", path.string()});
      }
    } else {
      argv.insert(argv.end(),
                  {kind == write ? "--bind" : "--ro-bind", path.string(), path.string()});
    }
  }
  argv.insert(argv.end(), {"--unshare-all", "--die-with-parent", "--new-session"});
  if (!cwd.empty()) argv.insert(argv.end(), {"--chdir", cwd.string()});
  argv.push_back("--");
  return argv;
}

SandboxSupport probe() {
  SandboxSupport support;
  if (const char* setting = std::getenv("WORKBOOK_SANDBOX");
      setting != nullptr && std::string(setting) == "off") {
    support.why_not = "it is switched off (WORKBOOK_SANDBOX=off)";
    return support;
  }
  support.bwrap = find_program("bwrap");
  if (support.bwrap.empty()) {
    support.why_not = "bubblewrap is not installed (" + how_to_install("bwrap") + ")";
    return support;
  }
  Command trial;
  trial.argv = bwrap_arguments(support.bwrap, {}, {});
  trial.argv.push_back("true");
  trial.limits.wall_seconds = 20;
  const Captured tried = run_captured(trial, 4096);
  if (!tried.outcome.succeeded()) {
    support.why_not = "bubblewrap cannot make its namespaces here (" + tried.outcome.describe(20) +
                      ": " + first_lines(trim(tried.output), 2) + "); a container may forbid them";
    return support;
  }
  support.available = true;
  return support;
}

}  // namespace

const SandboxSupport& sandbox_support() {
  static const SandboxSupport support = probe();
  return support;
}

Command sandboxed(Command command, const SandboxPolicy& policy) {
  const SandboxSupport& support = sandbox_support();
  if (!support.available || command.argv.empty()) return command;
  std::vector<std::string> argv = bwrap_arguments(support.bwrap, policy, command.cwd);
  // bubblewrap finds a bare program name on its PATH inside; a relative path would be relative to
  // the folder it starts in, which is the command's.
  argv.insert(argv.end(), command.argv.begin(), command.argv.end());
  command.argv = std::move(argv);
  command.sandboxed = true;
  return command;
}

}  // namespace workbook::tool
