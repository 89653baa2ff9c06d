// Running a program that executes a student's code in a sandbox (Debian's bubblewrap): its own
// process, network and IPC namespaces, the file system read-only but for the folders it may
// write, and the folders it must not read replaced by empty ones.
#pragma once

#include <string>
#include <vector>

#include "process.hpp"

namespace workbook::tool {

/// What a sandboxed program may see and write. Where the paths nest, the deeper one decides: a
/// folder hidden inside a readable one stays hidden, and the other way round.
struct SandboxPolicy {
  std::vector<fs::path> hidden;    ///< replaced by an empty folder (a file: by an empty file)
  std::vector<fs::path> readable;  ///< shown read-only again, inside a hidden folder or /tmp
  std::vector<fs::path> writable;  ///< bound read-write; the rest of the file system is read-only
};

/// Whether programs can be sandboxed on this machine.
struct SandboxSupport {
  bool available = false;
  fs::path bwrap;       ///< bubblewrap's program
  std::string why_not;  ///< when not available: what is missing or refused, and what to do
};

/// Found and tried once (a sandboxed `true`), then remembered. WORKBOOK_SANDBOX=off in the
/// environment switches the sandbox off.
const SandboxSupport& sandbox_support();

/// `command` run by bubblewrap under `policy`: in new PID, network, IPC, UTS and cgroup
/// namespaces (and a user namespace where the kernel allows one), so that every process it starts
/// ends when it does and none reaches the network; with the whole file system read-only, a
/// private /tmp, `policy.hidden` empty, `policy.readable` shown again and `policy.writable`
/// writable; in a session of its own. The program's exit status is handed through, a death by
/// signal N as status 128 + N, which Outcome reads back (Command::sandboxed). Unchanged when the
/// sandbox is not available.
Command sandboxed(Command command, const SandboxPolicy& policy);

}  // namespace workbook::tool
