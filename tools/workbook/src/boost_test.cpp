#include "boost_test.hpp"

#include "workbook/eigen_checks.hpp"

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <pugixml.hpp>
#include <regex>
#include <sstream>

namespace workbook::tool {

namespace {

// --- Boost.Test's XML, read with pugixml ------------------------------------------------------
// A report or log cut short (a case killed while it wrote it) keeps what was written before the
// cut: pugixml leaves the part it parsed in the document. Boost.Test 1.74 writes a stray "]]>"
// after <LastCheckpoint> in its log, which pugixml reads as text, and the text here drops.

void parse_xml(pugi::xml_document& document, const std::string& xml) {
  document.load_buffer(xml.data(), xml.size());  // on an error, the part before it
}

// An element's own text: its character data and CDATA sections, concatenated.
std::string text_of(const pugi::xml_node& element) {
  std::string text;
  for (const pugi::xml_node& child : element.children()) {
    if (child.type() == pugi::node_cdata) text += child.value();
    if (child.type() == pugi::node_pcdata) text += replace_all(child.value(), "]]>", "");
  }
  return trim(text);
}

pugi::xml_node find_case(const pugi::xml_node& suite, const std::vector<std::string>& parts,
                         std::size_t depth) {
  for (const pugi::xml_node& child : suite.children()) {
    if (parts[depth] != child.attribute("name").value()) continue;
    if (depth + 1 == parts.size()) {
      if (std::string(child.name()) == "TestCase") return child;
    } else if (std::string(child.name()) == "TestSuite") {
      if (const pugi::xml_node found = find_case(child, parts, depth + 1)) return found;
    }
  }
  return {};
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    parts.push_back(
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string location(const Finding& finding, bool hidden) {
  if (hidden) return "hidden test: ";
  if (finding.file.empty() || finding.file == "unknown location") return "";
  return finding.file + "(" + std::to_string(finding.line) + "): ";
}

}  // namespace

// --- Listings ----------------------------------------------------------------------------------

std::vector<TestCase> parse_dot_listing(const std::string& dot) {
  // Nodes:  tu<id>[...,label="<name>|<file>(<line>)|labels: @a @b"];   Edges:  tu<a> -> tu<b>;
  static const std::regex node(R"re(^tu([0-9]+)\[.*label="([^|"]+)\|?([^|"]*)\|?([^"]*)")re");
  static const std::regex edge(R"(^tu([0-9]+) -> tu([0-9]+))");
  static const std::regex where(R"((.*)\(([0-9]+)\)$)");
  struct Unit {
    std::string name, file, labels;
    int line = 0;
  };
  std::map<std::string, Unit> units;
  std::vector<std::string> order;
  std::map<std::string, std::string> parent;
  std::map<std::string, bool> has_children;
  for (const std::string& line : split_lines(dot)) {
    std::smatch match;
    if (std::regex_search(line, match, node)) {
      Unit unit;
      unit.name = match[2];
      const std::string place = match[3];
      std::smatch at;
      if (std::regex_match(place, at, where)) {
        unit.file = at[1];
        unit.line = std::stoi(at[2]);
      }
      unit.labels = match[4];
      units[match[1]] = unit;
      order.push_back(match[1]);
    } else if (std::regex_search(line, match, edge)) {
      parent[match[2]] = match[1];
      has_children[match[1]] = true;
    }
  }
  std::vector<TestCase> cases;
  for (const std::string& id : order) {
    if (has_children[id] || parent.count(id) == 0) continue;  // a suite, or the master suite
    TestCase test;
    test.path = units[id].name;
    test.file = units[id].file;
    test.line = units[id].line;
    std::string labels = units[id].labels;
    std::string up = parent[id];
    while (parent.count(up) != 0) {  // stop below the master suite
      test.path = units[up].name + "/" + test.path;
      labels += " " + units[up].labels;
      up = parent[up];
    }
    static const std::regex label("@([A-Za-z0-9_-]+)");
    for (auto it = std::sregex_iterator(labels.begin(), labels.end(), label);
         it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1];
      if (std::find(test.labels.begin(), test.labels.end(), name) == test.labels.end()) {
        test.labels.push_back(name);
      }
    }
    const std::size_t slash = test.path.find('/');
    test.suite = slash == std::string::npos ? std::string() : test.path.substr(0, slash);
    test.name = slash == std::string::npos ? test.path : test.path.substr(slash + 1);
    test.order = cases.size();
    cases.push_back(std::move(test));
  }
  return cases;
}

void add_descriptions(std::vector<TestCase>& cases, const std::string& hrf) {
  // "gradient_descent_step*" then "    one_step*: §1.2: ..." (4 spaces per level; '*' = enabled).
  std::vector<std::string> stack;
  std::map<std::string, std::string> descriptions;
  for (const std::string& line : split_lines(hrf)) {
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    const std::size_t depth = indent / 4;
    std::string rest = line.substr(indent);
    std::size_t end = rest.find_first_of("*:");
    std::string name = rest.substr(0, end);
    std::string description;
    if (end != std::string::npos) {
      std::size_t colon = rest.find(':', end);
      if (colon != std::string::npos && colon <= end + 1)
        description = trim(rest.substr(colon + 1));
    }
    stack.resize(std::min(stack.size(), depth));
    stack.push_back(name);
    descriptions[join(stack, "/")] = description;
  }
  for (TestCase& test : cases) {
    const auto found = descriptions.find(test.path);
    if (found != descriptions.end()) test.description = found->second;
  }
}

void sort_in_file_order(std::vector<TestCase>& cases) {
  std::map<std::string, std::size_t> first_seen;
  for (const TestCase& test : cases) first_seen.emplace(test.file, first_seen.size());
  std::stable_sort(cases.begin(), cases.end(), [&](const TestCase& a, const TestCase& b) {
    if (a.file != b.file) return first_seen[a.file] < first_seen[b.file];
    return a.line < b.line;
  });
}

// --- Reports and logs --------------------------------------------------------------------------

std::string report_result(const std::string& report_xml, const std::string& path) {
  pugi::xml_document report;
  parse_xml(report, report_xml);
  const pugi::xml_node result = report.child("TestResult");
  if (!result) return {};
  const std::vector<std::string> parts = split_path(path);
  for (const pugi::xml_node& master : result.children("TestSuite")) {
    if (const pugi::xml_node found = find_case(master, parts, 0)) {
      return found.attribute("result").value();
    }
  }
  return {};
}

std::vector<Finding> parse_log(const std::string& log_xml) {
  std::vector<Finding> findings;
  pugi::xml_document document;
  parse_xml(document, log_xml);
  for (const pugi::xml_node& entry : document.child("TestLog").children()) {
    const std::string element = entry.name();
    Finding finding;
    if (element == "Error") {
      finding.kind = "error";
    } else if (element == "Exception") {
      finding.kind = "exception";
    } else if (element == "FatalError") {
      finding.kind = "fatal error";
    } else {
      continue;
    }
    finding.file = entry.attribute("file").value();
    finding.line = entry.attribute("line").as_int();
    finding.message = text_of(entry);
    for (const pugi::xml_node& frame : entry.child("Context").children("Frame")) {
      finding.context.push_back(text_of(frame));
    }
    if (const pugi::xml_node checkpoint = entry.child("LastCheckpoint")) {
      const std::string file = checkpoint.attribute("file").value();
      if (!file.empty() && file != "unknown location") {
        finding.checkpoint = file + "(" + checkpoint.attribute("line").value() + ")";
      }
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

namespace {

// The sentence for libstdc++'s out_of_range from at(): "__n (which is 5) >= this->size() (which
// is 5)"; "" for any other message.
std::string index_past_the_end(const std::string& message) {
  const std::string index_mark = "__n (which is ", size_mark = "this->size() (which is ";
  const std::size_t at = message.find(index_mark), sized = message.find(size_mark);
  if (at == std::string::npos || sized == std::string::npos) return "";
  const std::string index = message.substr(
      at + index_mark.size(), message.find(')', at + index_mark.size()) - at - index_mark.size());
  const std::size_t size_from = sized + size_mark.size();
  const std::string size = message.substr(size_from, message.find(')', size_from) - size_from);
  if (index == size) {
    return "\n    the index " + index +
           " is the size: one past the end, as the indices of a vector of " + size +
           " run from 0 to " + size +
           " − 1; is a loop counted from 1 to n, or bounded by <= where < was meant?";
  }
  return "\n    the index " + index + " is beyond the last, " + size +
         " − 1: is the vector sized for everything written into it?";
}

// The sentence for a memory access violation in the first page of memory (Boost.Test's "memory
// access violation at address: 0x00000010"), a read through a null pointer; "" for any other
// message.
std::string null_read(const std::string& message) {
  const std::string mark = "memory access violation at address: ";
  const std::size_t at = message.find(mark);
  if (at == std::string::npos) return "";
  const std::string address = message.substr(at + mark.size(), 18);
  unsigned long value = 0;
  try {
    value = std::stoul(address, nullptr, 16);
  } catch (const std::exception&) {
    return "";
  }
  if (value >= 4096) return "";
  return "\n    a read through a null pointer: the code read a vector that has no memory, one "
         "moved from (std::move, std::exchange, a swap with an empty one) or never sized; with "
         "Eigen also "
         "through an expression such as x − η·g, which refers to its operands and is computed "
         "only where it is assigned, after an operand has been moved out. Compute a new value "
         "into a Vector before moving or overwriting what it reads";
}

}  // namespace

bool Verdict::not_implemented() const {
  for (const Finding& finding : findings) {
    if (contains(finding.message, "not implemented yet")) return true;
  }
  return false;
}

std::string Verdict::diagnosis(bool hidden, std::size_t max_findings) const {
  if (passed) return {};
  std::string text;
  if (findings.empty() || status != "failed") text = reason;
  std::size_t shown = 0;
  for (const Finding& finding : findings) {
    if (shown == max_findings) {
      text += "\n[... " + std::to_string(findings.size() - shown) + " more]";
      break;
    }
    if (!text.empty()) text += "\n";
    std::string message = finding.message;
    if (finding.kind == "exception" && !contains(message, "memory access violation") &&
        !starts_with(message, "signal:")) {
      message = "uncaught exception: " + message;
    }
    text += location(finding, hidden) + message;
    for (const std::string& frame : finding.context) text += "\n    " + frame;
    // An input refused that the case does not expect refused: every input a case passes without
    // checking for the exception is valid under the exercise's contract.
    if (finding.kind == "exception" && starts_with(finding.message, "std::invalid_argument: ")) {
      text +=
          "\n    the exercise refused an input that this case passes as valid (the case does "
          "not expect the exception): is the range it accepts narrower than the contract's, "
          "in the stub and the notes?";
    }
    // std::vector::at past the end: the index and the size, in libstdc++'s words.
    if (finding.kind == "exception") text += index_past_the_end(finding.message);
    text += null_read(finding.message);
    if (!finding.checkpoint.empty() && !hidden) {
      text += "\n    (last checkpoint: " + finding.checkpoint + ")";
    }
    ++shown;
  }
  if (findings.empty() && !output.empty()) {
    text += "\nIts output ended with:\n" + output;
  }
  return text;
}

// --- Running -----------------------------------------------------------------------------------

namespace {

std::string tail_of(const std::string& text, std::size_t max_lines) {
  const std::vector<std::string> lines = split_lines(text);
  const std::size_t from = lines.size() > max_lines ? lines.size() - max_lines : 0;
  std::vector<std::string> kept(lines.begin() + static_cast<long>(from), lines.end());
  for (std::string& line : kept) {
    if (line.size() > 300) line = line.substr(0, 300) + " [...]";
  }
  return join(kept, "\n");
}

}  // namespace

HarnessResult read_harness_result(const std::string& channel, const std::string& secret) {
  HarnessResult result;
  const std::string prefix = "workbook-result " + secret + " ";
  for (const std::string& line : split_lines(channel)) {
    if (secret.empty() || !starts_with(line, prefix)) {
      result.foreign = true;
      continue;
    }
    if (result.present) {
      result.foreign = true;  // a second line: not the harness's, which writes one
      continue;
    }
    result.present = true;
    std::map<std::string, long> fields;
    std::istringstream in(line.substr(prefix.size()));
    for (std::string field; in >> field;) {
      const std::size_t equals = field.find('=');
      if (equals == std::string::npos) continue;
      try {
        fields[field.substr(0, equals)] = std::stol(field.substr(equals + 1));
      } catch (const std::exception&) {
        result.foreign = true;
      }
    }
    result.passed = fields["passed"] == 1;
    result.cases_passed = fields["cases_passed"];
    result.cases_failed = fields["cases_failed"] + fields["cases_aborted"];
    result.assertions_failed = fields["assertions_failed"];
  }
  return result;
}

std::string failed_assertion(const std::string& output) {
  // One of Eigen's checks, which throws in the workbook's builds (workbook/eigen_checks.hpp), and
  // ended the program from where no exception may pass (a noexcept function, a destructor).
  const std::size_t thrown = output.find("what():  Eigen's check ");
  if (thrown != std::string::npos) {
    const std::size_t from = thrown + std::string("what():  ").size();
    return output.substr(from, output.find('\n', from) - from);
  }
  // Any other exception that reached std::terminate: thrown through a function declared noexcept
  // (or a destructor), where it cannot reach the caller.
  const std::string terminate = "terminate called after throwing an instance of '";
  if (const std::size_t at = output.find(terminate); at != std::string::npos) {
    const std::size_t type_from = at + terminate.size();
    const std::string type = output.substr(type_from, output.find('\'', type_from) - type_from);
    std::string what;
    if (const std::size_t w = output.find("what():  ", type_from); w != std::string::npos) {
      const std::size_t from = w + std::string("what():  ").size();
      what = " (\"" + output.substr(from, output.find('\n', from) - from) + "\")";
    }
    return "std::terminate ended the program after an exception of type " + type + what +
           ": an exception that leaves a function declared noexcept (or a destructor) ends the "
           "program instead of reaching the caller; is a function on its way declared noexcept? "
           "A function that refuses bad input by throwing must not be";
  }
  const std::size_t start = output.find("Assertion `");
  if (start == std::string::npos) return "";
  const std::size_t from = start + std::string("Assertion `").size();
  const std::size_t end = output.find("' failed", from);
  if (end == std::string::npos) return "";
  const std::string check = output.substr(from, end - from);
  std::string meaning = eigen_check_meaning(check);
  // An assert of the exercise itself: glibc's line names its file, "exercises/ch01/....cpp:12".
  const std::size_t line_start = output.rfind('\n', start);
  const std::size_t line_from = line_start == std::string::npos ? 0 : line_start + 1;
  const std::string line = output.substr(line_from, start - line_from);
  if (meaning.empty() && line.find("exercises/") != std::string::npos) {
    meaning =
        "an assert in the exercise ends the whole program (and checks nothing where NDEBUG is "
        "defined); a bad argument is the caller's mistake, which the contract refuses by "
        "throwing std::invalid_argument, as the require_… functions of workbook/errors.hpp do";
  }
  return "the assertion " + check + " failed" + (meaning.empty() ? "" : ": " + meaning);
}

namespace {

Verdict judge(const Outcome& outcome, const std::string& report, const std::string& log,
              const std::string& output, const std::string& path, RunSettings settings,
              const HarnessResult& harness) {
  Verdict verdict;
  verdict.seconds = outcome.seconds;
  verdict.output = tail_of(output, 15);
  if (!outcome.started) {
    verdict.status = "not run";
    verdict.reason = outcome.error;
    return verdict;
  }
  const std::string result = report_result(report, path);
  verdict.findings = parse_log(log);
  if (outcome.timed_out) {
    verdict.status = "timed out";
    verdict.reason = "killed after " + format_points(settings.time_limit) +
                     " s, the time limit: an endless loop, or far too slow?";
  } else if (outcome.signal == SIGXFSZ) {
    verdict.status = "output limit";
    verdict.reason = "killed for printing more than " +
                     std::to_string(settings.output_bytes >> 20) +
                     " MiB: is something printing in a loop?";
  } else if (outcome.signal == SIGXCPU) {
    verdict.status = "timed out";
    verdict.reason = "killed for using more CPU time than the limit (" +
                     format_points(settings.time_limit) + " s): an endless loop?";
  } else if (result == "passed" && outcome.succeeded() && harness.confirms_one_pass()) {
    verdict.passed = true;
    verdict.status = "passed";
  } else if (result == "passed" && outcome.succeeded()) {
    // The report says passed, the harness does not: the report is not the harness's.
    verdict.status = "unconfirmed";
    verdict.reason =
        harness.present
            ? "a report says the case passed, but the test harness counted " +
                  std::to_string(harness.cases_failed) + " failed case(s) and " +
                  std::to_string(harness.assertions_failed) +
                  " failed check(s): the report was written by something else"
            : "a report says the case passed, but the test harness never confirmed it: the "
              "program ended before the harness did (exit, _exit, a signal handler?), or the "
              "report was written by something else";
  } else if (result == "passed") {
    verdict.status = "crashed";
    verdict.reason = "the checks passed, but then the program ended with " + outcome.describe();
  } else if (!result.empty()) {
    verdict.status = "failed";
    for (Finding& finding : verdict.findings) {
      if (contains(finding.message, "memory access violation") ||
          starts_with(finding.message, "signal:")) {
        verdict.status = "crashed";
        // An abort from a failed assert says which check failed on the program's output: Eigen
        // checks every index and every size.
        if (const std::string check = failed_assertion(output);
            !check.empty() && finding.context.empty())
          finding.context.push_back(check);
      }
    }
    if (!verdict.findings.empty()) {
      const Finding& first = verdict.findings.front();
      verdict.reason = first.context.empty() ? first.message : first.context.front();
    } else {
      verdict.reason = "Boost.Test reports the case as " + result;
    }
  } else if (outcome.exited) {
    verdict.status = "no report";
    verdict.reason = "the program ended (" + outcome.describe() +
                     ") before Boost.Test reported a result: does the exercise call std::exit "
                     "or _exit?";
  } else {
    verdict.status = "crashed";
    verdict.reason =
        "the program was " + outcome.describe() + " before Boost.Test reported a result";
  }
  return verdict;
}

}  // namespace

std::vector<Verdict> run_cases(const std::vector<CaseJob>& jobs, const RunSettings& settings,
                               const std::function<void(std::size_t, const Verdict&)>& on_done,
                               const std::function<bool(std::size_t)>& should_start) {
  struct Files {
    fs::path folder, output, log, report;
    std::string secret;  // the grader's channel's: only the harness's result line carries it
  };
  std::vector<Files> files;
  std::vector<Command> commands;
  fs::create_directories(settings.scratch);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Files f;
    f.folder = make_unique_directory(settings.scratch, "case-");
    // Fresh, unguessable names: a file that was not written by this very run cannot be read as
    // its report.
    f.output = f.folder / "output.txt";
    f.log = f.folder / ("log-" + random_hex() + ".xml");
    f.report = f.folder / ("report-" + random_hex() + ".xml");
    f.secret = random_hex(32);
    Command command;
    command.channel_secret = f.secret;
    command.argv = {jobs[i].program.string(),
                    "--run_test=" + jobs[i].path,
                    "--color_output=no",
                    "--log_format=XML",
                    "--log_level=error",
                    "--log_sink=" + f.log.string(),
                    "--report_format=XML",
                    "--report_level=detailed",
                    "--report_sink=" + f.report.string()};
    command.cwd = f.folder;
    command.env = settings.env;
    command.env.emplace_back("WORKBOOK_PLOT_DIR", f.folder.string());
    // The case's folder is removed once its verdict is read: its figures would be drawn for nobody.
    command.env.emplace_back("WORKBOOK_FIGURES", "off");
    command.unset_env_prefixes = {"BOOST_TEST_"};
    command.stdout_file = f.output;
    command.stderr_file = f.output;
    const double limit = jobs[i].time_limit > 0 ? jobs[i].time_limit : settings.time_limit;
    command.limits.wall_seconds = limit;
    command.limits.cpu_seconds = static_cast<long>(std::ceil(limit)) + 1;
    command.limits.memory_bytes = settings.memory_bytes;
    command.limits.file_bytes = settings.output_bytes;
    command.limits.no_core_dumps = true;
    if (settings.sandbox) {
      SandboxPolicy policy = *settings.sandbox;
      policy.writable.push_back(f.folder);
      command = sandboxed(std::move(command), policy);
    }
    commands.push_back(std::move(command));
    files.push_back(std::move(f));
  }
  std::vector<Verdict> verdicts(jobs.size());
  for (Verdict& verdict : verdicts) {
    verdict.status = "skipped";
    verdict.reason = "not run: an earlier case settled what the run had to find out";
  }
  run_all(
      commands, settings.jobs,
      [&](std::size_t i, const Outcome& outcome) {
        std::string output = read_file(files[i].output, 64 << 10);
        RunSettings used = settings;
        if (jobs[i].time_limit > 0) used.time_limit = jobs[i].time_limit;
        verdicts[i] = judge(outcome, read_file(files[i].report, 4 << 20),
                            read_file(files[i].log, 4 << 20), output, jobs[i].path, used,
                            read_harness_result(outcome.channel, files[i].secret));
        remove_quietly(files[i].folder);
        if (on_done) on_done(i, verdicts[i]);
      },
      should_start);
  for (const Files& f : files) remove_quietly(f.folder);  // those of the cases not run
  return verdicts;
}

std::vector<TestCase> list_cases(const fs::path& program, const RunSettings& settings) {
  Command command;
  command.argv = {program.string(), "--list_content=DOT"};
  command.unset_env_prefixes = {"BOOST_TEST_"};
  command.limits.wall_seconds = 60;
  command.limits.file_bytes = settings.output_bytes;
  command.limits.no_core_dumps = true;
  const Captured dot = run_captured(command);
  if (!dot.outcome.succeeded()) {
    throw Failure(program.filename().string() + " --list_content failed (" +
                  dot.outcome.describe(60) + "):\n" + first_lines(dot.output, 20));
  }
  command.argv = {program.string(), "--list_content"};
  const Captured hrf = run_captured(command);
  std::vector<TestCase> cases = parse_dot_listing(dot.output);
  if (hrf.outcome.succeeded()) add_descriptions(cases, hrf.output);
  return cases;
}

}  // namespace workbook::tool
