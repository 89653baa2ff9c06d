#include "sandbox.hpp"

namespace workbook::tool {

namespace {

// bubblewrap's arguments for `policy`, up to the program.
std::vector<std::string> bwrap_arguments(const fs::path& bwrap, const SandboxPolicy& policy,
                                         const fs::path& cwd) {
  std::vector<std::string> argv = {bwrap.string(), "--ro-bind", "/",     "/",       "--dev",
                                   "/dev",         "--proc",    "/proc", "--tmpfs", "/tmp"};
  std::error_code error;
  for (const fs::path& path : policy.hidden) {
    if (fs::is_directory(path, error)) {
      argv.insert(argv.end(), {"--tmpfs", path.string()});
    } else if (fs::exists(path, error)) {
      argv.insert(argv.end(), {"--ro-bind", "/dev/null", path.string()});
    }
  }
  for (const fs::path& path : policy.readable) {
    if (fs::exists(path, error))
      argv.insert(argv.end(), {"--ro-bind", path.string(), path.string()});
  }
  for (const fs::path& path : policy.writable) {
    fs::create_directories(path, error);
    argv.insert(argv.end(), {"--bind", path.string(), path.string()});
  }
  argv.insert(argv.end(), {"--unshare-all", "--die-with-parent", "--new-session"});
  if (!cwd.empty()) argv.insert(argv.end(), {"--chdir", cwd.string()});
  argv.push_back("--");
  return argv;
}

SandboxSupport probe() {
  SandboxSupport support;
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
