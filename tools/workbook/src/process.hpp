// Running programs: one at a time or several at once, each in its own process group, with a time
// limit, resource limits, stdin from /dev/null and output into files.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "util.hpp"

namespace workbook::tool {

/// Limits on a child process; 0 means no limit.
struct Limits {
  double wall_seconds = 0;  ///< killed (its whole process group) after this long
  long cpu_seconds = 0;     ///< RLIMIT_CPU: SIGXCPU after this much CPU time
  long memory_bytes = 0;    ///< RLIMIT_AS
  long file_bytes = 0;      ///< RLIMIT_FSIZE: a write beyond it raises SIGXFSZ (cuts a flood)
  bool no_core_dumps = false;
};

/// A program to run.
struct Command {
  std::vector<std::string> argv;
  fs::path cwd;                                          ///< empty: the current folder
  std::vector<std::pair<std::string, std::string>> env;  ///< set (or override) these variables
  std::vector<std::string> unset_env_prefixes;           ///< drop variables starting with these
  fs::path stdout_file;                                  ///< empty: /dev/null
  fs::path stderr_file;                                  ///< empty: /dev/null; may equal stdout
  Limits limits;
  /// Not empty: the program gets the grader's channel, two inherited descriptors that
  /// WORKBOOK_GRADER_CHANNEL=<in>,<out> names: this secret to read on <in> (which then ends), and
  /// <out>, whatever the program writes to which comes back in Outcome::channel. Files and the exit
  /// status can be forged by the code a test program runs; a line carrying a secret that only the
  /// test harness read, before that code could run, cannot (lib/testing/src/test_main.cpp).
  std::string channel_secret;
  /// Run by bubblewrap (sandbox.hpp), which hands a death by signal N on as exit status 128 + N:
  /// the outcome reads such a status back as the signal.
  bool sandboxed = false;
};

/// How a child process ended.
struct Outcome {
  bool started = false;    ///< false: it could not be started (`error` says why)
  bool exited = false;     ///< it returned from main or called exit
  int exit_code = -1;      ///< when exited
  int signal = 0;          ///< when killed by a signal
  bool timed_out = false;  ///< killed by us at the wall-clock limit
  double seconds = 0;
  std::string error;
  std::string channel;  ///< what it wrote to the grader's channel (Command::channel_secret)

  bool succeeded() const { return started && exited && exit_code == 0; }
  /// "exit status 1", "killed by SIGSEGV (segmentation fault)", "timed out after 10 s", ...
  std::string describe(double wall_limit = 0) const;
};

/// Runs every command, at most `jobs` at a time. A command has ended when its process has: then
/// its process group is killed, and so is every process it started that left the group (setsid)
/// and was orphaned, which this tool adopts as their subreaper; only then is `on_done(i, outcome)`
/// called, so that nothing the command started can still write what is read then.
/// When `should_start(i)` is given and returns false as command i's turn comes, it is not started
/// (its outcome says "not started", and `on_done` is not called for it).
/// Throws Interrupted (after killing every running child) when the user presses Ctrl-C.
std::vector<Outcome> run_all(const std::vector<Command>& commands, unsigned jobs,
                             const std::function<void(std::size_t, const Outcome&)>& on_done = {},
                             const std::function<bool(std::size_t)>& should_start = {});

Outcome run(const Command& command);

/// Runs a program with stdout and stderr merged into a temporary file, and returns both.
struct Captured {
  Outcome outcome;
  std::string output;
};
Captured run_captured(Command command, std::size_t max_output = 4 << 20);

/// Ctrl-C (SIGINT) or SIGTERM arrived: the tool stops its children and exits with status 130.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

/// Catches SIGINT and SIGTERM so that running children can be stopped before the tool exits.
void install_interrupt_handler();
bool interrupted();

/// The name of a signal with what it usually means: "SIGSEGV (segmentation fault)".
std::string signal_name(int signal);

}  // namespace workbook::tool
