#include "manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace workbook::tool {

using json = nlohmann::json;

namespace {

class ManifestReader {
 public:
  ManifestReader(std::string where, bool strict, std::vector<std::string>& warnings)
      : where_(std::move(where)), strict_(strict), warnings_(warnings) {}

  [[noreturn]] void fail(const std::string& what) const { throw BadInput(where_ + ": " + what); }

  void check_keys(const json& object, const std::set<std::string>& known,
                  const std::string& context) {
    for (const auto& item : object.items()) {
      if (known.count(item.key()) != 0) continue;
      std::string allowed;
      for (const std::string& key : known) allowed += (allowed.empty() ? "" : ", ") + key;
      const std::string message =
          context + "unknown field '" + item.key() + "' (known: " + allowed + ")";
      complain(message);
    }
  }

  std::string string_field(const json& object, const char* key, const std::string& context,
                           bool required) const {
    if (!object.contains(key)) {
      if (required) fail(context + "the field '" + key + "' is missing");
      return {};
    }
    const json& value = object.at(key);
    if (!value.is_string() || value.get<std::string>().empty()) {
      fail(context + "'" + key + "' must be a non-empty string, got " + value.dump());
    }
    return value.get<std::string>();
  }

  std::optional<double> positive_number(const json& object, const char* key,
                                        const std::string& context) const {
    if (!object.contains(key)) return std::nullopt;
    const json& value = object.at(key);
    if (!value.is_number() || !(value.get<double>() > 0)) {
      fail(context + "'" + key + "' must be a number > 0, got " + value.dump());
    }
    return value.get<double>();
  }

  std::vector<std::string>& warnings() { return warnings_; }

  // Something a careful manifest does not do: an error when strict (validate), else a warning.
  void complain(const std::string& message) {
    if (strict_) fail(message);
    warnings_.push_back(where_ + ": " + message);
  }

 private:
  std::string where_;
  bool strict_;
  std::vector<std::string>& warnings_;
};

bool is_identifier(const std::string& name) {
  static const std::regex identifier("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(name, identifier);
}

bool is_source_file_name(const std::string& name) {
  static const std::regex source("[A-Za-z0-9_.-]+\\.cpp");
  return std::regex_match(name, source);
}

}  // namespace

CaseSetting Exercise::setting(const std::string& path) const {
  const auto found = cases.find(path);
  return found == cases.end() ? CaseSetting{} : found->second;
}

Chapter parse_manifest(const std::string& text, const std::string& folder, const fs::path& file,
                       bool strict, std::vector<std::string>& warnings) {
  const std::string where = "solutions/" + folder + "/manifest.json";
  ManifestReader reader(where, strict, warnings);
  json manifest;
  try {
    manifest = json::parse(text);
  } catch (const json::parse_error& error) {
    std::string what = error.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    reader.fail("not valid JSON: " + what);
  }
  if (!manifest.is_object()) reader.fail("expected a JSON object with 'chapter' and 'exercises'");
  reader.check_keys(manifest,
                    {"chapter", "number", "title", "page", "tests", "time_limit", "exercises"}, "");

  Chapter chapter;
  chapter.manifest = file;
  chapter.id = reader.string_field(manifest, "chapter", "", true);
  if (chapter.id != folder) {
    reader.fail("'chapter' is \"" + chapter.id + "\" but the manifest lies in solutions/" + folder +
                "/: they must agree");
  }
  if (manifest.contains("number")) {
    const json& number = manifest.at("number");
    if (!number.is_number_integer() || number.get<int>() < 0) {
      reader.fail("'number' must be a whole number >= 0, got " + number.dump());
    }
    chapter.number = number.get<int>();
  } else {
    std::smatch digits;
    if (std::regex_search(chapter.id, digits, std::regex("[0-9]+"))) {
      chapter.number = std::stoi(digits.str());
    }
  }
  chapter.title = reader.string_field(manifest, "title", "", false);
  if (chapter.title.empty()) chapter.title = chapter.id;
  chapter.page = reader.string_field(manifest, "page", "", false);
  if (chapter.page.empty()) chapter.page = chapter.id;
  chapter.time_limit = reader.positive_number(manifest, "time_limit", "");
  if (manifest.contains("tests")) {
    const json& tests = manifest.at("tests");
    if (!tests.is_array()) reader.fail("'tests' must be an array of the chapter's test sources");
    for (std::size_t t = 0; t < tests.size(); ++t) {
      if (!tests[t].is_string() || !is_source_file_name(tests[t].get<std::string>())) {
        reader.fail("tests[" + std::to_string(t) +
                    "] must be a file name ending in .cpp (no folder), got " + tests[t].dump());
      }
      chapter.tests.push_back(tests[t].get<std::string>());
    }
  }

  if (!manifest.contains("exercises")) reader.fail("the field 'exercises' is missing");
  const json& exercises = manifest.at("exercises");
  if (!exercises.is_array() || exercises.empty()) {
    reader.fail("'exercises' must be a non-empty array of exercises");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const json& entry = exercises[i];
    std::string context = "exercises[" + std::to_string(i) + "]: ";
    if (!entry.is_object()) reader.fail(context + "expected an object, got " + entry.dump());
    Exercise exercise;
    exercise.chapter = chapter.id;
    exercise.name = reader.string_field(entry, "name", context, true);
    context = "exercises[" + std::to_string(i) + "] (" + exercise.name + "): ";
    if (!is_identifier(exercise.name)) {
      reader.fail(context +
                  "'name' must be a C++ identifier (the graded function and its test "
                  "suite)");
    }
    if (!names.insert(exercise.name).second) {
      reader.fail(context + "the exercise '" + exercise.name + "' is listed twice");
    }
    reader.check_keys(entry,
                      {"name", "file", "title", "section", "points", "cases", "hints", "mistakes"},
                      context);
    exercise.file = reader.string_field(entry, "file", context, true);
    if (!is_source_file_name(exercise.file)) {
      reader.fail(context + "'file' must be a file name ending in .cpp (no folder), got \"" +
                  exercise.file + "\"");
    }
    exercise.title = reader.string_field(entry, "title", context, false);
    if (exercise.title.empty()) exercise.title = exercise.name;
    exercise.section = reader.string_field(entry, "section", context, false);
    exercise.points = reader.positive_number(entry, "points", context);
    if (entry.contains("cases")) {
      const json& cases = entry.at("cases");
      if (!cases.is_object()) {
        reader.fail(context +
                    "'cases' must map test case names to {\"points\": ..., "
                    "\"hidden\": ...}, got " +
                    cases.dump());
      }
      for (const auto& item : cases.items()) {
        const std::string case_context = context + "cases." + item.key() + ": ";
        const json& value = item.value();
        if (!value.is_object()) {
          reader.fail(case_context + "expected {\"points\": ..., \"hidden\": ...}, got " +
                      value.dump());
        }
        reader.check_keys(value, {"points", "hidden"}, case_context);
        CaseSetting setting;
        if (value.contains("points")) {
          const json& points = value.at("points");
          if (!points.is_number() || points.get<double>() < 0) {
            reader.fail(case_context + "'points' must be a number >= 0, got " + points.dump());
          }
          setting.points = points.get<double>();
        }
        if (value.contains("hidden")) {
          if (!value.at("hidden").is_boolean()) {
            reader.fail(case_context + "'hidden' must be true or false, got " +
                        value.at("hidden").dump());
          }
          setting.hidden = value.at("hidden").get<bool>();
        }
        exercise.cases[item.key()] = setting;
      }
    }
    if (entry.contains("hints")) {
      const json& hints = entry.at("hints");
      if (!hints.is_array()) reader.fail(context + "'hints' must be an array of strings");
      for (const json& hint : hints) {
        if (!hint.is_string() || hint.get<std::string>().empty()) {
          reader.fail(context + "every hint must be a non-empty string, got " + hint.dump());
        }
        exercise.hints.push_back(hint.get<std::string>());
      }
      // The last tier is the last nudge, not the code: two statements ending in ';' are code.
      if (!exercise.hints.empty()) {
        const std::string& last = exercise.hints.back();
        const auto statements = std::count(last.begin(), last.end(), ';');
        if (statements >= 2) {
          reader.complain(context + "the last hint reads like the solution (" +
                          std::to_string(statements) +
                          " statements ending in ';'): a hint's last tier is the last nudge, "
                          "not the code");
        }
      }
    }
    if (entry.contains("mistakes")) {
      const json& mistakes = entry.at("mistakes");
      if (!mistakes.is_array()) {
        reader.fail(context +
                    "'mistakes' must be an array of {\"name\": ..., \"file\": ..., "
                    "\"diagnosis\": ...}");
      }
      std::set<std::string> mistake_names;
      for (std::size_t m = 0; m < mistakes.size(); ++m) {
        const json& item = mistakes[m];
        std::string at = context + "mistakes[" + std::to_string(m) + "]: ";
        if (!item.is_object()) reader.fail(at + "expected an object, got " + item.dump());
        Mistake mistake;
        mistake.name = reader.string_field(item, "name", at, true);
        at = context + "mistakes[" + std::to_string(m) + "] (" + mistake.name + "): ";
        if (!is_identifier(mistake.name)) reader.fail(at + "'name' must be a C++ identifier");
        if (!mistake_names.insert(mistake.name).second) {
          reader.fail(at + "the mistake '" + mistake.name + "' is listed twice");
        }
        reader.check_keys(item, {"name", "file", "diagnosis"}, at);
        mistake.file = reader.string_field(item, "file", at, true);
        if (!is_source_file_name(mistake.file)) {
          reader.fail(at + "'file' must be a file name ending in .cpp (no folder), got \"" +
                      mistake.file + "\"");
        }
        mistake.diagnosis = reader.string_field(item, "diagnosis", at, true);
        exercise.mistakes.push_back(std::move(mistake));
      }
    }
    chapter.exercises.push_back(std::move(exercise));
  }
  return chapter;
}

Edition parse_edition(const std::string& text, const std::string& file) {
  const std::string expected = R"(: expected {"edition": "instructor"} or {"edition": "student"})";
  json edition;
  try {
    edition = json::parse(text);
  } catch (const json::parse_error&) {
    throw BadInput(file + ": not valid JSON" + expected);
  }
  if (!edition.is_object() || !edition.contains("edition") || !edition.at("edition").is_string()) {
    throw BadInput(file + ": no 'edition'" + expected);
  }
  const std::string value = edition.at("edition").get<std::string>();
  if (value == "instructor") return Edition::instructor;
  if (value == "student") return Edition::student;
  throw BadInput(file + ": 'edition' is \"" + value + "\"" + expected);
}

Workbook Workbook::load(const fs::path& root, bool strict) {
  Workbook workbook;
  std::error_code error;
  workbook.root_ = fs::weakly_canonical(root, error);
  if (error) workbook.root_ = root;
  const fs::path solutions = workbook.root_ / "solutions";
  if (!fs::is_directory(solutions)) {
    throw BadInput("'" + root.string() +
                   "' is not a copy of the workbook: it has no solutions/ folder (use --root)");
  }
  std::vector<fs::path> manifests;
  for (const auto& entry : fs::directory_iterator(solutions)) {
    const fs::path manifest = entry.path() / "manifest.json";
    if (entry.is_directory() && fs::exists(manifest)) manifests.push_back(manifest);
  }
  std::sort(manifests.begin(), manifests.end());
  if (manifests.empty()) {
    throw BadInput("no chapters: " + solutions.string() + " has no <chapter>/manifest.json");
  }
  for (const fs::path& manifest : manifests) {
    const std::string folder = manifest.parent_path().filename().string();
    workbook.chapters_.push_back(
        parse_manifest(read_file(manifest), folder, manifest, strict, workbook.warnings_));
  }
  const fs::path edition = workbook.root_ / "edition.json";
  if (!fs::exists(edition)) {
    throw BadInput("'" + root.string() +
                   "' has no edition.json: it says whether this is the instructor's copy or the "
                   "student edition");
  }
  workbook.edition_ = parse_edition(read_file(edition), "edition.json");
  std::stable_sort(workbook.chapters_.begin(), workbook.chapters_.end(),
                   [](const Chapter& a, const Chapter& b) { return a.number < b.number; });
  for (const Chapter& chapter : workbook.chapters_) {
    for (const Exercise& exercise : chapter.exercises) {
      if (exercise.hints.empty()) {
        workbook.warnings_.push_back("solutions/" + chapter.id +
                                     "/manifest.json: " + exercise.name + " has no hints");
      }
    }
  }
  return workbook;
}

std::vector<const Exercise*> Workbook::exercises() const {
  std::vector<const Exercise*> all;
  for (const Chapter& chapter : chapters_) {
    for (const Exercise& exercise : chapter.exercises) all.push_back(&exercise);
  }
  return all;
}

const Chapter* Workbook::chapter(const std::string& id) const {
  for (const Chapter& chapter : chapters_) {
    if (chapter.id == id || (std::to_string(chapter.number) == id)) return &chapter;
  }
  return nullptr;
}

const Chapter& Workbook::chapter_of(const Exercise& exercise) const {
  return *chapter(exercise.chapter);
}

const Exercise* Workbook::exercise(const std::string& name) const {
  const Exercise* found = nullptr;
  for (const Exercise* exercise : exercises()) {
    if (exercise->id() == name) return exercise;
    if (exercise->name == name) {
      if (found != nullptr) return nullptr;  // ambiguous: the chapter must be named
      found = exercise;
    }
  }
  return found;
}

std::string Workbook::valid_names() const {
  std::string names;
  for (const Chapter& chapter : chapters_) {
    names += "\n  " + chapter.id + ":";
    for (const Exercise& exercise : chapter.exercises) names += " " + exercise.name;
  }
  return names;
}

void Workbook::require_instructor_copy(const std::string& what) const {
  if (edition_ != Edition::instructor) {
    throw BadInput(what +
                   " needs the instructor's copy of the workbook, with the reference solutions: "
                   "edition.json says " +
                   root_.string() + " is the student edition");
  }
}

const std::vector<std::pair<fs::path, std::string>>& Workbook::notes() const {
  if (!notes_) {
    notes_.emplace();
    const fs::path folder = root_ / "chapters";
    if (fs::is_directory(folder)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() == ".md") files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) notes_->emplace_back(file, read_file(file));
    }
  }
  return *notes_;
}

namespace {

// "## 1.2 Why −η∇f descends {#ch01-gradient-step}" -> ("1.2 Why −η∇f descends", "ch01-gradient-step")
std::optional<std::pair<std::string, std::string>> heading(const std::string& line) {
  if (line.empty() || line[0] != '#') return std::nullopt;
  const auto open = line.rfind("{#");
  const auto close = line.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
  const std::string anchor = line.substr(open + 2, close - open - 2);
  std::string title = line.substr(0, open);
  title = trim(title.substr(title.find_first_not_of('#')));
  return std::make_pair(title, anchor);
}

}  // namespace

std::optional<Section> Workbook::section(const std::string& anchor) const {
  if (anchor.empty()) return std::nullopt;
  for (const auto& [file, text] : notes()) {
    for (const std::string& line : split_lines(text)) {
      const auto found = heading(line);
      if (found && found->second == anchor) {
        return Section{anchor, found->first, fs::path("chapters") / file.filename()};
      }
    }
  }
  return std::nullopt;
}

std::optional<Section> Workbook::numbered_section(const Chapter& chapter,
                                                  const std::string& number) const {
  // The chapter's notes are the file whose title carries the chapter's page label.
  for (const auto& [file, text] : notes()) {
    const std::vector<std::string> lines = split_lines(text);
    bool is_chapter = false;
    for (const std::string& line : lines) {
      const auto found = heading(line);
      if (found && found->second == chapter.page) is_chapter = true;
    }
    if (!is_chapter) continue;
    for (const std::string& line : lines) {
      const auto found = heading(line);
      if (found && starts_with(found->first, number + " ")) {
        return Section{found->second, found->first, fs::path("chapters") / file.filename()};
      }
    }
  }
  return std::nullopt;
}

}  // namespace workbook::tool
