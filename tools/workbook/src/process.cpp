#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>

extern char** environ;

namespace workbook::tool {

namespace {

std::atomic<bool> interrupt_requested{false};

void on_interrupt(int) {
  interrupt_requested = true;
}

using Clock = std::chrono::steady_clock;

// Everything the child needs, prepared before fork(): between fork() and exec() the child may
// only call async-signal-safe functions.
struct Prepared {
  std::vector<std::string> argv_storage, env_storage;
  std::vector<char*> argv, env;
  std::string
      program;  // the file to execute: argv[0] as given when it is a path, else found on PATH
  std::string cwd, out, err;
  bool same_file = false;
};

Prepared prepare(const Command& command) {
  Prepared p;
  p.argv_storage = command.argv;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    const std::string entry = *variable;
    const std::string name = entry.substr(0, entry.find('='));
    bool keep = true;
    for (const std::string& prefix : command.unset_env_prefixes) {
      if (starts_with(name, prefix)) keep = false;
    }
    for (const auto& [set_name, value] : command.env) {
      if (name == set_name) keep = false;
    }
    if (keep) p.env_storage.push_back(entry);
  }
  for (const auto& [name, value] : command.env) p.env_storage.push_back(name + "=" + value);
  for (std::string& arg : p.argv_storage) p.argv.push_back(arg.data());
  p.argv.push_back(nullptr);
  for (std::string& entry : p.env_storage) p.env.push_back(entry.data());
  p.env.push_back(nullptr);
  p.cwd = command.cwd.string();
  p.out = command.stdout_file.empty() ? "/dev/null" : command.stdout_file.string();
  p.err = command.stderr_file.empty() ? "/dev/null" : command.stderr_file.string();
  p.same_file = !command.stdout_file.empty() && command.stdout_file == command.stderr_file;
  p.program = command.argv.front();
  return p;
}

// The file that starts `name`: a path (it has a '/') as it is, relative to the child's folder; a
// bare name by a PATH search only, in the child's PATH. Never execve(name) first: that resolves a
// bare name against the working folder, where the workbook's own cmake/ folder would answer
// EACCES and stop the search. Empty, with `error` set, when there is no such program.
std::string resolve_program(const std::string& name, const std::vector<std::string>& environment,
                            std::string& error) {
  if (name.find('/') != std::string::npos) return name;
  const std::string search_path = search_path_of(environment);
  const fs::path found = find_program(name, search_path);
  if (found.empty()) {
    error = "cannot run " + name + ": no program '" + name + "' in PATH (" + search_path + "); " +
            how_to_install(name);
    return {};
  }
  return found.string();
}

void set_limit(int resource, rlim_t value) {
  struct rlimit limit;
  limit.rlim_cur = value;
  limit.rlim_max = value;
  setrlimit(resource, &limit);
}

// In the child: limits, own process group, stdin from /dev/null, output to files, exec. Reports
// a failure to exec through `report` (a close-on-exec pipe) and exits 127.
[[noreturn]] void exec_child(const Prepared& p, const Limits& limits, int report) {
  setpgid(0, 0);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  if (limits.cpu_seconds > 0) {
    struct rlimit cpu;
    cpu.rlim_cur = static_cast<rlim_t>(limits.cpu_seconds);
    cpu.rlim_max = static_cast<rlim_t>(limits.cpu_seconds + 1);
    setrlimit(RLIMIT_CPU, &cpu);
  }
  if (limits.memory_bytes > 0) set_limit(RLIMIT_AS, static_cast<rlim_t>(limits.memory_bytes));
  if (limits.file_bytes > 0) set_limit(RLIMIT_FSIZE, static_cast<rlim_t>(limits.file_bytes));
  if (limits.no_core_dumps) set_limit(RLIMIT_CORE, 0);
  const int in = open("/dev/null", O_RDONLY);
  if (in >= 0) {
    dup2(in, 0);
    if (in != 0) close(in);
  }
  const int out = open(p.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out >= 0) {
    dup2(out, 1);
    if (p.same_file) dup2(out, 2);
    if (out > 2) close(out);
  }
  if (!p.same_file) {
    const int err = open(p.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err >= 0) {
      dup2(err, 2);
      if (err > 2) close(err);
    }
  }
  if (!p.cwd.empty() && chdir(p.cwd.c_str()) != 0) {
    const int code = -errno;
    [[maybe_unused]] auto ignored = write(report, &code, sizeof code);
    _exit(127);
  }
  execve(p.program.c_str(), p.argv.data(), p.env.data());
  const int code = errno;
  [[maybe_unused]] auto ignored = write(report, &code, sizeof code);
  _exit(127);
}

struct Running {
  std::size_t index;
  pid_t pid;
  Clock::time_point start;
  double wall_limit;
};

Outcome start(const Command& command, Running& running) {
  Outcome outcome;
  if (command.argv.empty()) {
    outcome.error = "no program to run";
    return outcome;
  }
  Prepared prepared = prepare(command);
  prepared.program = resolve_program(command.argv.front(), prepared.env_storage, outcome.error);
  if (prepared.program.empty()) return outcome;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    outcome.error = std::string("pipe: ") + std::strerror(errno);
    return outcome;
  }
  running.start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    outcome.error = std::string("fork: ") + std::strerror(errno);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return outcome;
  }
  if (pid == 0) {
    close(pipe_fds[0]);
    exec_child(prepared, command.limits, pipe_fds[1]);
  }
  setpgid(pid, pid);  // also done by the child: whichever runs first
  close(pipe_fds[1]);
  int code = 0;
  ssize_t got;
  do {
    got = read(pipe_fds[0], &code, sizeof code);
  } while (got < 0 && errno == EINTR);
  close(pipe_fds[0]);
  if (got == static_cast<ssize_t>(sizeof code)) {
    int status;
    waitpid(pid, &status, 0);
    // A negative code: changing into the working folder failed, not the exec.
    outcome.error =
        code < 0 ? "cannot run " + command.argv[0] + " in " + command.cwd.string() + ": " +
                       std::strerror(-code)
                 : "cannot run " + command.argv[0] +
                       (prepared.program == command.argv[0] ? "" : " (" + prepared.program + ")") +
                       ": " + std::strerror(code);
    return outcome;
  }
  outcome.started = true;
  running.pid = pid;
  running.wall_limit = command.limits.wall_seconds;
  return outcome;
}

// Called once the child has ended (or must end) and has not been reaped yet: while it is a zombie
// its process group id cannot be reused, so killing the group here cannot hit a stranger.
void finish(Outcome& outcome, const Running& running) {
  outcome.seconds = std::chrono::duration<double>(Clock::now() - running.start).count();
  // Anything the program left running in its process group goes with it.
  kill(-running.pid, SIGKILL);
  int status = 0;
  while (waitpid(running.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    outcome.exited = true;
    outcome.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  }
}

// True when the child has ended; it stays a zombie (not reaped) until finish().
bool has_ended(pid_t pid) {
  siginfo_t info;
  std::memset(&info, 0, sizeof info);
  if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return false;
  return info.si_pid == pid;
}

}  // namespace

std::string signal_name(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "SIGSEGV (segmentation fault: an invalid memory access)";
    case SIGABRT:
      return "SIGABRT (abort: std::abort, a failed assert or std::terminate)";
    case SIGFPE:
      return "SIGFPE (arithmetic error, e.g. an integer division by zero)";
    case SIGBUS:
      return "SIGBUS (bus error)";
    case SIGILL:
      return "SIGILL (illegal instruction)";
    case SIGKILL:
      return "SIGKILL";
    case SIGXCPU:
      return "SIGXCPU (CPU time limit exceeded)";
    case SIGXFSZ:
      return "SIGXFSZ (output size limit exceeded)";
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    case SIGPIPE:
      return "SIGPIPE";
    default:
      return "signal " + std::to_string(signal);
  }
}

std::string Outcome::describe(double wall_limit) const {
  if (!started) return error;
  if (timed_out) {
    return "timed out: killed after " + format_points(wall_limit > 0 ? wall_limit : seconds) + " s";
  }
  if (exited) return "exit status " + std::to_string(exit_code);
  return "killed by " + signal_name(signal);
}

void install_interrupt_handler() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupted() {
  return interrupt_requested;
}

std::vector<Outcome> run_all(const std::vector<Command>& commands, unsigned jobs,
                             const std::function<void(std::size_t, const Outcome&)>& on_done,
                             const std::function<bool(std::size_t)>& should_start) {
  std::vector<Outcome> outcomes(commands.size());
  std::vector<Running> running;
  std::size_t next = 0;
  if (jobs == 0) jobs = 1;
  auto kill_all = [&] {
    for (const Running& r : running) {
      kill(-r.pid, SIGKILL);
      int status;
      waitpid(r.pid, &status, 0);
    }
    running.clear();
  };
  while (next < commands.size() || !running.empty()) {
    if (interrupted()) {
      kill_all();
      throw Interrupted();
    }
    while (next < commands.size() && running.size() < jobs) {
      if (should_start && !should_start(next)) {
        outcomes[next].error = "not started";
        ++next;
        continue;
      }
      Running r{next, -1, {}, 0};
      outcomes[next] = start(commands[next], r);
      if (outcomes[next].started) {
        running.push_back(r);
      } else if (on_done) {
        on_done(next, outcomes[next]);
      }
      ++next;
    }
    bool changed = false;
    for (std::size_t k = 0; k < running.size();) {
      Running& r = running[k];
      Outcome& outcome = outcomes[r.index];
      bool ended = false;
      if (has_ended(r.pid)) {
        finish(outcome, r);
        ended = true;
      } else if (r.wall_limit > 0 &&
                 std::chrono::duration<double>(Clock::now() - r.start).count() > r.wall_limit) {
        finish(outcome, r);
        outcome.timed_out = true;
        ended = true;
      }
      if (ended) {
        if (on_done) on_done(r.index, outcome);
        running.erase(running.begin() + static_cast<long>(k));
        changed = true;
      } else {
        ++k;
      }
    }
    if (!changed && !running.empty()) poll(nullptr, 0, 5);
  }
  return outcomes;
}

Outcome run(const Command& command) {
  return run_all({command}, 1).front();
}

Captured run_captured(Command command, std::size_t max_output) {
  const fs::path file = fs::temp_directory_path() / ("workbook-output-" + random_hex(12));
  command.stdout_file = file;
  command.stderr_file = file;
  Captured captured;
  try {
    captured.outcome = run(command);
  } catch (...) {
    remove_quietly(file);
    throw;
  }
  captured.output = read_file(file, max_output);
  remove_quietly(file);
  return captured;
}

}  // namespace workbook::tool
