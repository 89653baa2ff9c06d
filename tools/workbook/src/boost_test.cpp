#include "boost_test.hpp"

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <regex>

namespace workbook::tool {

namespace {

// --- A forgiving reader for the XML Boost.Test writes ------------------------------------------
// Boost.Test 1.74 writes a stray "]]>" after <LastCheckpoint> in its log, which a strict parser
// rejects; this one reads elements, attributes and text (CDATA included) and skips the rest.

struct Node {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // the element's own text and CDATA, concatenated
  std::vector<std::unique_ptr<Node>> children;

  const Node* child(const std::string& wanted) const {
    for (const auto& node : children) {
      if (node->name == wanted) return node.get();
    }
    return nullptr;
  }
  std::string attribute(const std::string& key) const {
    const auto found = attributes.find(key);
    return found == attributes.end() ? std::string() : found->second;
  }
};

std::string decode_entities(std::string text) {
  text = replace_all(std::move(text), "&lt;", "<");
  text = replace_all(std::move(text), "&gt;", ">");
  text = replace_all(std::move(text), "&quot;", "\"");
  text = replace_all(std::move(text), "&apos;", "'");
  return replace_all(std::move(text), "&amp;", "&");
}

std::unique_ptr<Node> parse_xml(const std::string& xml) {
  auto root = std::make_unique<Node>();
  std::vector<Node*> open{root.get()};
  std::size_t at = 0;
  while (at < xml.size()) {
    if (xml.compare(at, 9, "<![CDATA[") == 0) {
      const std::size_t end = xml.find("]]>", at + 9);
      const std::size_t stop = end == std::string::npos ? xml.size() : end;
      open.back()->text += xml.substr(at + 9, stop - at - 9);
      at = end == std::string::npos ? xml.size() : end + 3;
    } else if (xml.compare(at, 4, "<!--") == 0) {
      const std::size_t end = xml.find("-->", at);
      at = end == std::string::npos ? xml.size() : end + 3;
    } else if (xml.compare(at, 2, "<?") == 0 || xml.compare(at, 2, "<!") == 0) {
      const std::size_t end = xml.find('>', at);
      at = end == std::string::npos ? xml.size() : end + 1;
    } else if (xml.compare(at, 2, "</") == 0) {
      const std::size_t end = xml.find('>', at);
      const std::string name =
          trim(xml.substr(at + 2, end == std::string::npos ? 0 : end - at - 2));
      // Close up to the matching element, if it is open at all.
      for (std::size_t k = open.size(); k-- > 1;) {
        if (open[k]->name == name) {
          open.resize(k);
          break;
        }
      }
      at = end == std::string::npos ? xml.size() : end + 1;
    } else if (xml[at] == '<') {
      auto node = std::make_unique<Node>();
      std::size_t i = at + 1;
      while (i < xml.size() && !std::isspace(static_cast<unsigned char>(xml[i])) && xml[i] != '>' &&
             xml[i] != '/') {
        node->name += xml[i++];
      }
      bool self_closing = false;
      while (i < xml.size() && xml[i] != '>') {
        if (xml[i] == '/') {
          self_closing = true;
          ++i;
        } else if (std::isspace(static_cast<unsigned char>(xml[i]))) {
          ++i;
        } else {
          std::string key;
          while (i < xml.size() && xml[i] != '=' && xml[i] != '>' &&
                 !std::isspace(static_cast<unsigned char>(xml[i]))) {
            key += xml[i++];
          }
          std::string value;
          if (i < xml.size() && xml[i] == '=') {
            ++i;
            const char quote = i < xml.size() ? xml[i] : '"';
            if (quote == '"' || quote == '\'') {
              const std::size_t end = xml.find(quote, i + 1);
              const std::size_t stop = end == std::string::npos ? xml.size() : end;
              value = xml.substr(i + 1, stop - i - 1);
              i = end == std::string::npos ? xml.size() : end + 1;
            }
          }
          node->attributes[key] = decode_entities(value);
          self_closing = false;
        }
      }
      at = i + 1;
      Node* raw = node.get();
      open.back()->children.push_back(std::move(node));
      if (!self_closing) open.push_back(raw);
    } else {
      const std::size_t end = xml.find('<', at);
      const std::size_t stop = end == std::string::npos ? xml.size() : end;
      std::string text = xml.substr(at, stop - at);
      text = replace_all(std::move(text), "]]>", "");  // Boost.Test's stray CDATA end
      open.back()->text += decode_entities(text);
      at = stop;
    }
  }
  return root;
}

const Node* find_case(const Node& suite, const std::vector<std::string>& parts, std::size_t depth) {
  for (const auto& child : suite.children) {
    if (child->attribute("name") != parts[depth]) continue;
    if (depth + 1 == parts.size()) {
      if (child->name == "TestCase") return child.get();
    } else if (child->name == "TestSuite") {
      if (const Node* found = find_case(*child, parts, depth + 1)) return found;
    }
  }
  return nullptr;
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
  const auto root = parse_xml(report_xml);
  const Node* result = root->child("TestResult");
  if (result == nullptr) return {};
  const std::vector<std::string> parts = split_path(path);
  for (const auto& master : result->children) {
    if (master->name != "TestSuite") continue;
    if (const Node* found = find_case(*master, parts, 0)) return found->attribute("result");
  }
  return {};
}

std::vector<Finding> parse_log(const std::string& log_xml) {
  std::vector<Finding> findings;
  const auto root = parse_xml(log_xml);
  const Node* log = root->child("TestLog");
  if (log == nullptr) return findings;
  for (const auto& entry : log->children) {
    Finding finding;
    if (entry->name == "Error") {
      finding.kind = "error";
    } else if (entry->name == "Exception") {
      finding.kind = "exception";
    } else if (entry->name == "FatalError") {
      finding.kind = "fatal error";
    } else {
      continue;
    }
    finding.file = entry->attribute("file");
    const std::string line = entry->attribute("line");
    finding.line = line.empty() ? 0 : std::atoi(line.c_str());
    finding.message = trim(entry->text);
    if (const Node* context = entry->child("Context")) {
      for (const auto& frame : context->children) {
        if (frame->name == "Frame") finding.context.push_back(trim(frame->text));
      }
    }
    if (const Node* checkpoint = entry->child("LastCheckpoint")) {
      const std::string file = checkpoint->attribute("file");
      if (!file.empty() && file != "unknown location") {
        finding.checkpoint = file + "(" + checkpoint->attribute("line") + ")";
      }
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

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

Verdict judge(const Outcome& outcome, const std::string& report, const std::string& log,
              const std::string& output, const std::string& path, RunSettings settings) {
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
  } else if (result == "passed" && outcome.succeeded()) {
    verdict.passed = true;
    verdict.status = "passed";
  } else if (result == "passed") {
    verdict.status = "crashed";
    verdict.reason = "the checks passed, but then the program ended with " + outcome.describe();
  } else if (!result.empty()) {
    verdict.status = "failed";
    for (const Finding& finding : verdict.findings) {
      if (contains(finding.message, "memory access violation") ||
          starts_with(finding.message, "signal:")) {
        verdict.status = "crashed";
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
                               const std::function<void(std::size_t)>& on_done) {
  struct Files {
    fs::path folder, output, log, report;
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
    Command command;
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
    command.unset_env_prefixes = {"BOOST_TEST_"};
    command.stdout_file = f.output;
    command.stderr_file = f.output;
    const double limit = jobs[i].time_limit > 0 ? jobs[i].time_limit : settings.time_limit;
    command.limits.wall_seconds = limit;
    command.limits.cpu_seconds = static_cast<long>(std::ceil(limit)) + 1;
    command.limits.memory_bytes = settings.memory_bytes;
    command.limits.file_bytes = settings.output_bytes;
    command.limits.no_core_dumps = true;
    commands.push_back(std::move(command));
    files.push_back(std::move(f));
  }
  std::vector<Verdict> verdicts(jobs.size());
  run_all(commands, settings.jobs, [&](std::size_t i, const Outcome& outcome) {
    std::string output = read_file(files[i].output, 64 << 10);
    RunSettings used = settings;
    if (jobs[i].time_limit > 0) used.time_limit = jobs[i].time_limit;
    verdicts[i] = judge(outcome, read_file(files[i].report, 4 << 20),
                        read_file(files[i].log, 4 << 20), output, jobs[i].path, used);
    remove_quietly(files[i].folder);
    if (on_done) on_done(i);
  });
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
