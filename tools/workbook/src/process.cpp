#include "process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <sstream>

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
  int secret_read = -1, channel_write = -1;  // the grader's channel, when the command has one
};

// The descriptors the test harness finds the grader's channel on.
constexpr int channel_in_fd = 3, channel_out_fd = 4;

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
  if (!command.channel_secret.empty()) {
    p.env_storage.push_back("WORKBOOK_GRADER_CHANNEL=" + std::to_string(channel_in_fd) + "," +
                            std::to_string(channel_out_fd));
  }
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
  if (p.secret_read >= 0) {
    // Out of the way first (at 10 and above), then onto the numbers the harness reads.
    report = fcntl(report, F_DUPFD_CLOEXEC, 10);
    const int secret = fcntl(p.secret_read, F_DUPFD_CLOEXEC, 10);
    const int channel = fcntl(p.channel_write, F_DUPFD_CLOEXEC, 10);
    if (report < 0 || secret < 0 || channel < 0 || dup2(secret, channel_in_fd) < 0 ||
        dup2(channel, channel_out_fd) < 0) {
      _exit(127);
    }
  }
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
  int channel = -1;  // the read end of the grader's channel, when the command has one
  bool sandboxed = false;
};

// Closes both ends of a pipe that are open.
void close_pipe(int fds[2]) {
  for (int i = 0; i < 2; ++i) {
    if (fds[i] >= 0) close(fds[i]);
    fds[i] = -1;
  }
}

// The grader's channel of a command: the secret waits in the first pipe, whose writing end is
// closed at once, so the program reads it and then the end; the program writes to the second.
bool open_channel(const std::string& secret, int secret_pipe[2], int channel_pipe[2],
                  std::string& error) {
  if (pipe2(secret_pipe, O_CLOEXEC) != 0 || pipe2(channel_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  // A secret fits in a pipe's buffer (at least 4 KiB), so this write does not wait for a reader.
  if (secret.size() > 4096 ||
      write(secret_pipe[1], secret.data(), secret.size()) != static_cast<ssize_t>(secret.size())) {
    error = "cannot hand the secret of the grader's channel over";
    return false;
  }
  close(secret_pipe[1]);
  secret_pipe[1] = -1;
  fcntl(channel_pipe[0], F_SETFL, O_NONBLOCK);
  return true;
}

// What is waiting in the channel, once every process that could write to it has ended.
std::string drain_channel(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got > 0) {
      text.append(buffer, static_cast<std::size_t>(got));
      if (text.size() > (64u << 10)) break;
    } else if (got < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  close(fd);
  return text;
}

Outcome start(const Command& command, Running& running) {
  Outcome outcome;
  if (command.argv.empty()) {
    outcome.error = "no program to run";
    return outcome;
  }
  Prepared prepared = prepare(command);
  prepared.program = resolve_program(command.argv.front(), prepared.env_storage, outcome.error);
  if (prepared.program.empty()) return outcome;
  int secret_pipe[2] = {-1, -1}, channel_pipe[2] = {-1, -1};
  if (!command.channel_secret.empty()) {
    if (!open_channel(command.channel_secret, secret_pipe, channel_pipe, outcome.error)) {
      close_pipe(secret_pipe);
      close_pipe(channel_pipe);
      return outcome;
    }
    prepared.secret_read = secret_pipe[0];
    prepared.channel_write = channel_pipe[1];
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    outcome.error = std::string("pipe: ") + std::strerror(errno);
    close_pipe(secret_pipe);
    close_pipe(channel_pipe);
    return outcome;
  }
  running.start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    outcome.error = std::string("fork: ") + std::strerror(errno);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    close_pipe(secret_pipe);
    close_pipe(channel_pipe);
    return outcome;
  }
  if (pid == 0) {
    close(pipe_fds[0]);
    exec_child(prepared, command.limits, pipe_fds[1]);
  }
  setpgid(pid, pid);  // also done by the child: whichever runs first
  close(pipe_fds[1]);
  // The child has its copies; the tool keeps only the channel's reading end.
  if (secret_pipe[0] >= 0) close(secret_pipe[0]);
  if (channel_pipe[1] >= 0) close(channel_pipe[1]);
  running.channel = channel_pipe[0];
  int code = 0;
  ssize_t got;
  do {
    got = read(pipe_fds[0], &code, sizeof code);
  } while (got < 0 && errno == EINTR);
  close(pipe_fds[0]);
  if (got == static_cast<ssize_t>(sizeof code)) {
    int status;
    waitpid(pid, &status, 0);
    if (running.channel >= 0) close(running.channel);
    running.channel = -1;
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
  running.sandboxed = command.sandboxed;
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
  // bubblewrap ends with 128 + N when its program died of signal N.
  if (running.sandboxed && outcome.exited && outcome.exit_code > 128 &&
      outcome.exit_code <= 128 + SIGRTMAX) {
    outcome.exited = false;
    outcome.signal = outcome.exit_code - 128;
    outcome.exit_code = -1;
  }
}

// The processes whose parent is this tool: /proc/<pid>/task/<pid>/children lists them (the tool
// starts processes from its main thread only), else every /proc/<n>/stat is read.
std::vector<pid_t> children_of_this_process() {
  std::vector<pid_t> children;
  const pid_t self = getpid();
  const std::string self_name = std::to_string(self);
  const fs::path list = "/proc/" + self_name + "/task/" + self_name + "/children";
  if (fs::exists(list)) {
    std::istringstream in(read_file(list));
    for (pid_t pid; in >> pid;) children.push_back(pid);
    return children;
  }
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return children;
  while (const dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || pid <= 0) continue;
    const std::string stat = read_file("/proc/" + std::string(entry->d_name) + "/stat", 4096);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses; the last ')' ends it.
    const std::size_t paren = stat.rfind(')');
    if (paren == std::string::npos || paren + 4 >= stat.size()) continue;
    const long parent = std::strtol(stat.c_str() + paren + 4, nullptr, 10);
    if (parent == self) children.push_back(static_cast<pid_t>(pid));
  }
  closedir(proc);
  return children;
}

// Kills and reaps every child of this tool but those in `keep`: processes that a command started
// and that left its process group (setsid) have been adopted by this tool, their subreaper, once
// their parent ended. Killing one may orphan its own children, hence the rounds.
void end_orphans(const std::vector<pid_t>& keep) {
  for (int round = 0; round < 100; ++round) {
    bool found = false;
    for (const pid_t child : children_of_this_process()) {
      if (std::find(keep.begin(), keep.end(), child) != keep.end()) continue;
      found = true;
      kill(child, SIGKILL);
      int status;
      while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
    }
    if (!found) return;
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
  // Orphans of what runs here are adopted by this tool, not by init, so that they can be ended.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  std::size_t next = 0;
  if (jobs == 0) jobs = 1;
  auto kill_all = [&] {
    for (const Running& r : running) {
      kill(-r.pid, SIGKILL);
      int status;
      waitpid(r.pid, &status, 0);
      if (r.channel >= 0) close(r.channel);
    }
    running.clear();
    end_orphans({});
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
        std::vector<pid_t> others;
        for (const Running& other : running) {
          if (other.pid != r.pid) others.push_back(other.pid);
        }
        end_orphans(others);
        if (r.channel >= 0) outcome.channel = drain_channel(r.channel);
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
