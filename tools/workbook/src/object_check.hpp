// What a student's compiled exercise may contain. An exercise computes: it calls the library, the
// C++ standard library and the maths functions. The test program it is linked into also holds the
// test harness, whose verdict the grader trusts only through a secret the harness reads before any
// exercise code runs (lib/testing/src/grader_channel.hpp). An object that could reach around that
// is not run: one that runs code before the harness (a constructor priority, a pre-init function,
// an IFUNC resolver), replaces a function of the C library, Boost or the standard library for the
// whole program (a definition with C linkage or in their namespaces), makes system calls itself,
// or calls what opens files, starts or signals processes, loads code or maps memory.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "util.hpp"

namespace workbook::tool {

/// Why the object may not run, one sentence each (empty: it may). Reads it with readelf and
/// objdump (Debian's binutils); throws Failure when they cannot be run.
std::vector<std::string> object_violations(const fs::path& object);
/// The same for several objects, read with one readelf and one objdump: object -> why.
std::map<fs::path, std::vector<std::string>> object_violations(
    const std::vector<fs::path>& objects);

/// Whether an exercise may call (or refer to) `symbol`, a symbol of its object that it does not
/// define, as the linker names it (mangled).
bool allowed_reference(const std::string& symbol);

/// Why an exercise may not define `symbol` (global or weak), or "" when it may.
std::string defined_symbol_problem(const std::string& symbol, bool weak);

/// The included files (as a compiler lists them) an exercise may not include: every file outside
/// the system's folders (/usr), the library's headers (<root>/lib) and the folders in `allowed`.
std::vector<fs::path> forbidden_includes(const std::vector<fs::path>& included,
                                         const fs::path& root,
                                         const std::vector<fs::path>& allowed);

}  // namespace workbook::tool
