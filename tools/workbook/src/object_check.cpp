#include "object_check.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "process.hpp"

namespace workbook::tool {

namespace {

std::string demangled(const std::string& symbol) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? std::string(name.get()) : symbol;
}

// The C functions an exercise may call: the maths library, memory, formatted output to the
// standard streams, the C++ runtime's support, and ending the program (a slip the grader reports,
// not a danger: a case that ends early passes nothing).
const std::set<std::string>& allowed_c_functions() {
  static const std::set<std::string> allowed = [] {
    std::set<std::string> names = {
        // memory and strings
        "malloc", "calloc", "realloc", "free", "aligned_alloc", "posix_memalign", "memcpy",
        "memmove", "memset", "memcmp", "memchr", "strlen", "strcmp", "strncmp", "strchr", "strrchr",
        "strstr", "strtod", "strtof", "strtol", "strtoul", "strtoll", "strtoull", "atof", "atoi",
        "atol", "abs", "labs", "llabs", "div", "qsort", "bsearch", "rand", "srand", "__memcpy_chk",
        "__memmove_chk", "__memset_chk", "__strcpy_chk", "__strcat_chk", "__strlen_chk",
        // output to the standard streams
        "printf", "puts", "putchar", "fputs", "fputc", "putc", "fprintf", "fwrite", "fflush",
        "vprintf", "vfprintf", "snprintf", "sprintf", "vsnprintf", "vsprintf", "stdout", "stderr",
        "__printf_chk", "__fprintf_chk", "__sprintf_chk", "__snprintf_chk", "__vsnprintf_chk",
        "__vfprintf_chk", "__vprintf_chk", "getenv", "time", "clock", "clock_gettime",
        // ending the program
        "exit", "_exit", "_Exit", "abort", "quick_exit", "atexit",
        // the C++ runtime and the compiler's helpers
        "__cxa_allocate_exception", "__cxa_free_exception", "__cxa_throw", "__cxa_rethrow",
        "__cxa_begin_catch", "__cxa_end_catch", "__cxa_guard_acquire", "__cxa_guard_release",
        "__cxa_guard_abort", "__cxa_atexit", "__cxa_thread_atexit", "__cxa_pure_virtual",
        "__cxa_deleted_virtual", "__cxa_bad_cast", "__cxa_bad_typeid", "__cxa_call_unexpected",
        "__cxa_get_exception_ptr", "__cxa_current_exception_type", "__cxa_demangle",
        "__dynamic_cast", "__gxx_personality_v0", "_Unwind_Resume", "__stack_chk_fail",
        "__assert_fail", "_GLOBAL_OFFSET_TABLE_", "__dso_handle", "__tls_get_addr",
        "__errno_location", "__muldc3", "__mulsc3", "__mulxc3", "__divdc3", "__divsc3", "__divxc3",
        "__popcountdi2", "__isnan", "__isinf", "__finite", "__fpclassify", "__signbit"};
    // <cmath>, with its float and long double variants
    for (const char* f :
         {"acos",       "acosh",  "asin",      "asinh",  "atan",  "atan2",     "atanh",
          "cbrt",       "ceil",   "copysign",  "cos",    "cosh",  "erf",       "erfc",
          "exp",        "exp2",   "expm1",     "fabs",   "fdim",  "floor",     "fma",
          "fmax",       "fmin",   "fmod",      "frexp",  "hypot", "ilogb",     "ldexp",
          "lgamma",     "llrint", "llround",   "log",    "log10", "log1p",     "log2",
          "logb",       "lrint",  "lround",    "modf",   "nan",   "nearbyint", "nextafter",
          "nexttoward", "pow",    "remainder", "remquo", "rint",  "round",     "scalbln",
          "scalbn",     "sin",    "sincos",    "sinh",   "sqrt",  "tan",       "tanh",
          "tgamma",     "trunc"}) {
      for (const char* suffix : {"", "f", "l"}) {
        names.insert(std::string(f) + suffix);
        names.insert("__" + std::string(f) + suffix + "_finite");
      }
    }
    // <complex>: std::abs, std::sqrt, std::arg, ... of a std::complex call C's complex functions
    for (const char* f : {"cabs",  "cacos", "cacosh", "carg",  "casin", "casinh", "catan", "catanh",
                          "ccos",  "ccosh", "cexp",   "cimag", "clog",  "conj",   "cpow",  "cproj",
                          "creal", "csin",  "csinh",  "csqrt", "ctan",  "ctanh"}) {
      for (const char* suffix : {"", "f", "l"}) names.insert(std::string(f) + suffix);
    }
    return names;
  }();
  return allowed;
}

// What follows the special prefixes of a mangled name (vtable, typeinfo, guard variable, local
// entity): the part that says whose the symbol is.
std::string owner_part(std::string mangled) {
  if (!starts_with(mangled, "_Z")) return mangled;
  std::string rest = mangled.substr(2);
  for (const char* special : {"TV", "TI", "TS", "TT", "TC", "TH", "TW", "GV", "GR"}) {
    if (starts_with(rest, special)) {
      rest = rest.substr(2);
      break;
    }
  }
  while (!rest.empty() && rest[0] == 'Z') rest = rest.substr(1);  // a local entity: its function
  if (!rest.empty() && rest[0] == 'N') {
    // A member function's qualifiers come first: const, volatile, restrict, and the
    // ref-qualifiers & and && (R, O), which C++20's std::basic_stringbuf::str() const & has.
    rest = rest.substr(1);
    while (!rest.empty() && std::string("KVrRO").find(rest[0]) != std::string::npos) {
      rest = rest.substr(1);
    }
  }
  return rest;
}

enum class Owner { workbook, standard, eigen, runtime, boost, other };

Owner owner_of(const std::string& mangled) {
  const std::string rest = owner_part(mangled);
  if (starts_with(rest, "8workbook")) return Owner::workbook;
  if (starts_with(rest, "5Eigen")) return Owner::eigen;
  if (starts_with(rest, "5boost")) return Owner::boost;
  if (starts_with(rest, "10__cxxabiv1") || starts_with(rest, "9__gnu_cxx")) return Owner::runtime;
  // std:: and its abbreviations (St, Sa allocator, Sb basic_string, Ss string, Si istream,
  // So ostream, Sd iostream)
  if (rest.size() >= 2 && rest[0] == 'S' &&
      std::string("tabsiod").find(rest[1]) != std::string::npos) {
    return Owner::standard;
  }
  return Owner::other;
}

// Parts of the standard library an exercise has no business with: files.
bool forbidden_standard_facility(const std::string& name) {
  static const std::regex forbidden("basic_filebuf|basic_[io]?fstream|__basic_file|filesystem");
  return std::regex_search(name, forbidden);
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string run_tool(const std::vector<std::string>& argv) {
  Command command;
  command.argv = argv;
  command.limits.wall_seconds = 120;
  const Captured captured = run_captured(command, 64 << 20);
  if (!captured.outcome.succeeded()) {
    throw Failure("cannot inspect a compiled exercise: `" + join(argv, " ") + "` " +
                  captured.outcome.describe(120) + ": " + first_lines(captured.output, 5) +
                  (captured.outcome.started ? "" : "; " + how_to_install(argv.front())));
  }
  return captured.output;
}

}  // namespace

bool allowed_reference(const std::string& raw) {
  const std::string symbol = raw.substr(0, raw.find('@'));  // "memcpy@GLIBC_2.14"
  if (!starts_with(symbol, "_Z")) return allowed_c_functions().count(symbol) != 0;
  // operator new and delete
  if (starts_with(symbol, "_Znw") || starts_with(symbol, "_Zna") || starts_with(symbol, "_Zdl") ||
      starts_with(symbol, "_Zda")) {
    return true;
  }
  switch (owner_of(symbol)) {
    case Owner::workbook:
    case Owner::eigen:
    case Owner::runtime:
      return true;
    case Owner::standard:
      return !forbidden_standard_facility(demangled(symbol));
    case Owner::boost:
    case Owner::other:
      return false;
  }
  return false;
}

std::string defined_symbol_problem(const std::string& symbol, bool weak) {
  // The compiler's reference to the exception personality routine, one per object.
  if (starts_with(symbol, "DW.ref.")) return {};
  if (!starts_with(symbol, "_Z")) {
    return "defines `" + symbol +
           "` with C linkage, which would replace the C library's function of that name for "
           "the whole test program";
  }
  const Owner owner = owner_of(symbol);
  if (owner == Owner::boost) {
    return "defines `" + demangled(symbol) + "` in Boost's namespace, where the test harness lives";
  }
  if ((owner == Owner::standard || owner == Owner::runtime) && !weak) {
    return "defines `" + demangled(symbol) +
           "` in the standard library's namespace, which would replace the library's own";
  }
  return {};
}

namespace {

// The problems of one object, from what readelf (section headers and symbols) and objdump
// (disassembly) printed of it.
std::vector<std::string> problems_of(const std::vector<std::string>& lines,
                                     const std::vector<std::string>& code) {
  std::vector<std::string> problems;
  std::set<std::string> said;
  auto add = [&](const std::string& problem) {
    if (said.insert(problem).second) problems.push_back(problem);
  };
  // Sections: code that runs before main, or before the harness's own constructors.
  static const std::regex early(
      R"(\] (\.preinit_array\S*|\.init_array\.\S+|\.ctors\.\S+|\.fini_array\.\S+|\.dtors\.\S+))");
  for (const std::string& line : lines) {
    if (line.find("] .") == std::string::npos) continue;
    std::smatch match;
    if (std::regex_search(line, match, early)) {
      add("asks for code to run before or after everything else in the test program (section " +
          match[1].str() +
          ": a constructor or destructor priority, or a pre-init function); an exercise's "
          "static objects are constructed in the ordinary way, after the test harness's");
    }
  }
  // Symbols: what it refers to and what it defines.
  std::vector<std::string> refused;
  for (const std::string& line : lines) {
    const std::vector<std::string> w = split_words(line);
    // "Num: Value Size Type Bind Vis Ndx Name"
    if (w.size() < 8 || w[0].size() < 2 || w[0].back() != ':' ||
        !std::isdigit(static_cast<unsigned char>(w[0][0]))) {
      continue;  // a heading, or a symbol without a name
    }
    const std::string &type = w[3], &bind = w[4], &ndx = w[6], &name = w[7];
    if (type == "IFUNC") {
      add("defines `" + demangled(name) +
          "` as an IFUNC, whose resolver runs before the test program starts");
      continue;
    }
    if (type == "SECTION" || type == "FILE" || bind == "LOCAL") continue;
    if (ndx == "UND") {
      if (!name.empty() && !allowed_reference(name))
        refused.push_back(name.substr(0, name.find('@')));
      continue;
    }
    // UNIQUE: a static variable of an inline function or template, one copy per program.
    const std::string problem = defined_symbol_problem(name, bind == "WEAK" || bind == "UNIQUE");
    if (!problem.empty()) add(problem);
  }
  std::sort(refused.begin(), refused.end());
  refused.erase(std::unique(refused.begin(), refused.end()), refused.end());
  for (const std::string& name : refused) {
    add("calls `" + demangled(name) +
        "`, which an exercise may not: an exercise computes with the library, the standard "
        "library and the maths functions; it does not open files, start, signal or wait for "
        "processes, load code or talk to the test harness");
  }
  // Instructions: system calls made directly, around the C library.
  bool system_calls = false;
  for (const std::string& line : code) {
    const std::vector<std::string> w = split_words(line);  // "syscall", or "int $0x80"
    if (!w.empty() && (w[0] == "syscall" || w[0] == "sysenter" ||
                       (w[0] == "int" && w.size() > 1 && w[1] == "$0x80"))) {
      system_calls = true;
      break;
    }
  }
  if (system_calls) {
    add("makes system calls itself (the instruction syscall, in assembly): an exercise has no "
        "use for them");
  }
  return problems;
}

// Splits what a tool printed of several files into each file's lines, at the lines that start a
// file: `starts(line)` gives that file's path, or "".
std::map<fs::path, std::vector<std::string>> per_file(
    const std::string& output, const std::vector<fs::path>& objects,
    const std::function<std::string(const std::string&)>& starts) {
  std::map<fs::path, std::vector<std::string>> files;
  std::vector<std::string>* current = objects.size() == 1 ? &files[objects.front()] : nullptr;
  for (const std::string& line : split_lines(output)) {
    if (objects.size() > 1) {
      if (const std::string file = starts(line); !file.empty()) {
        current = &files[fs::path(file)];
        continue;
      }
    }
    if (current != nullptr) current->push_back(line);
  }
  return files;
}

}  // namespace

std::map<fs::path, std::vector<std::string>> object_violations(
    const std::vector<fs::path>& objects) {
  std::map<fs::path, std::vector<std::string>> problems;
  if (objects.empty()) return problems;
  // Two readings for all the objects at once: the section headers with the symbol table, and the
  // disassembly.
  std::vector<std::string> elf_command = {"readelf", "-W", "--section-headers", "--syms"};
  std::vector<std::string> code_command = {"objdump", "-d", "--no-show-raw-insn", "--no-addresses"};
  for (const fs::path& object : objects) {
    elf_command.push_back(object.string());
    code_command.push_back(object.string());
  }
  const auto elf = per_file(run_tool(elf_command), objects, [](const std::string& line) {
    return starts_with(line, "File: ") ? line.substr(6) : std::string();
  });
  const auto code = per_file(run_tool(code_command), objects, [](const std::string& line) {
    const std::size_t format = line.find(":     file format ");
    return format != std::string::npos ? line.substr(0, format) : std::string();
  });
  for (const fs::path& object : objects) {
    const auto lines = elf.find(object);
    const auto instructions = code.find(object);
    if (lines == elf.end() || instructions == code.end()) {
      throw Failure("cannot inspect " + object.string() +
                    ": readelf or objdump said nothing of it");
    }
    problems[object] = problems_of(lines->second, instructions->second);
  }
  return problems;
}

std::vector<std::string> object_violations(const fs::path& object) {
  return object_violations(std::vector<fs::path>{object})[object];
}

std::vector<fs::path> forbidden_includes(const std::vector<fs::path>& included,
                                         const fs::path& root,
                                         const std::vector<fs::path>& allowed) {
  auto within = [](const fs::path& path, const fs::path& folder) {
    const std::string p = path.string(), f = folder.lexically_normal().string();
    const std::string prefix = f.empty() || f.back() == '/' ? f : f + "/";
    return p == f || starts_with(p, prefix);
  };
  std::vector<fs::path> forbidden;
  for (const fs::path& file : included) {
    const fs::path path = file.lexically_normal();
    bool ok = within(path, "/usr") || within(path, root / "lib");
    for (const fs::path& folder : allowed) ok = ok || within(path, folder);
    if (!ok) forbidden.push_back(path);
  }
  return forbidden;
}

}  // namespace workbook::tool
