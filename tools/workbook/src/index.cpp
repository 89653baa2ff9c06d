#include "index.hpp"

#include <nlohmann/json.hpp>

namespace workbook::tool {

using json = nlohmann::json;

namespace {

class IndexReader {
 public:
  explicit IndexReader(fs::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Failure(file_.string() + ": " + what +
                  " (the build writes this file: configure the build again)");
  }

  const json& field(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object() || !object.contains(key)) fail(where + "no field '" + key + "'");
    return object.at(key);
  }

  std::string string(const json& object, const char* key, const std::string& where) const {
    const json& value = field(object, key, where);
    if (!value.is_string()) fail(where + "'" + key + "' is not a string");
    return value.get<std::string>();
  }

  std::string optional_string(const json& object, const char* key) const {
    if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return {};
    return object.at(key).get<std::string>();
  }

  const json& array(const json& object, const char* key, const std::string& where) const {
    const json& value = field(object, key, where);
    if (!value.is_array()) fail(where + "'" + key + "' is not an array");
    return value;
  }

  IndexProgram program(const json& object, const std::string& where) const {
    IndexProgram program;
    program.target = string(object, "target", where);
    program.file = string(object, "program", where);
    if (object.contains("labels") && object.at("labels").is_array()) {
      for (const json& label : object.at("labels")) {
        if (label.is_string()) program.labels.push_back(label.get<std::string>());
      }
    }
    return program;
  }

  std::optional<IndexProgram> optional_program(const json& object, const char* key,
                                               const std::string& where) const {
    if (!object.contains(key)) return std::nullopt;
    return program(object.at(key), where + key + ": ");
  }

 private:
  fs::path file_;
};

}  // namespace

BuildIndex BuildIndex::read(const fs::path& build) {
  const fs::path file = build / "workbook_index.json";
  if (!fs::exists(file)) {
    throw Failure(file.string() +
                  " does not exist: the build writes it when CMake configures it (is " +
                  build.string() + " a build of the workbook?)");
  }
  return parse(read_file(file), file);
}

BuildIndex BuildIndex::parse(const std::string& text, const fs::path& file) {
  IndexReader reader(file);
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& error) {
    reader.fail(std::string("not valid JSON: ") + error.what());
  }
  if (!root.is_object()) reader.fail("not a JSON object");
  if (!root.contains("format") || root.at("format") != 1) {
    reader.fail("an index of another format (expected \"format\": 1)");
  }
  BuildIndex index;
  index.file = file;
  index.kind = reader.string(root, "kind", "");
  index.edition = reader.optional_string(root, "edition");
  index.solutions = reader.optional_string(root, "solutions");
  index.source_dir = reader.string(root, "source_dir", "");
  index.binary_dir = reader.string(root, "binary_dir", "");
  index.generator = reader.string(root, "generator", "");
  index.build_type = reader.optional_string(root, "build_type");
  index.sanitize = root.contains("sanitize") && root.at("sanitize") == true;
  index.index_target = reader.string(root, "index_target", "");
  index.plot_dir = reader.optional_string(root, "plot_dir");
  const json& environment = reader.field(root, "test_environment", "");
  if (!environment.is_object()) reader.fail("'test_environment' is not an object");
  for (const auto& item : environment.items()) {
    if (!item.value().is_string())
      reader.fail("test_environment." + item.key() + " is not a string");
    index.test_environment.emplace_back(item.key(), item.value().get<std::string>());
  }
  const json& chapters = reader.array(root, "chapters", "");
  for (std::size_t c = 0; c < chapters.size(); ++c) {
    const json& entry = chapters[c];
    IndexChapter chapter;
    chapter.chapter = reader.string(entry, "chapter", "chapters[" + std::to_string(c) + "]: ");
    const std::string where = "chapter " + chapter.chapter + ": ";
    chapter.tests = reader.optional_program(entry, "tests", where);
    chapter.listing = reader.optional_program(entry, "listing", where);
    for (const json& item : reader.array(entry, "exercises", where)) {
      IndexExercise exercise;
      exercise.name = reader.string(item, "name", where);
      const std::string at = where + exercise.name + ": ";
      exercise.file = reader.string(item, "file", at);
      const json& objects = reader.field(item, "objects", at);
      exercise.objects_target = reader.string(objects, "target", at + "objects: ");
      exercise.objects_source = reader.string(objects, "source", at + "objects: ");
      exercise.reference = reader.optional_string(item, "reference");
      if (item.contains("mistakes")) {
        for (const json& m : reader.array(item, "mistakes", at)) {
          IndexMistake mistake;
          mistake.name = reader.string(m, "name", at + "mistakes: ");
          const std::string in = at + "mistake " + mistake.name + ": ";
          mistake.source = reader.string(m, "source", in);
          mistake.diagnosis = reader.string(m, "diagnosis", in);
          mistake.test = reader.string(m, "test", in);
          mistake.program = reader.program(reader.field(m, "program", in), in + "program: ");
          exercise.mistakes.push_back(std::move(mistake));
        }
      }
      exercise.grading = reader.optional_program(item, "grading", at);
      chapter.exercises.push_back(std::move(exercise));
    }
    index.chapters.push_back(std::move(chapter));
  }
  if (root.contains("grading")) {
    const json& grading = root.at("grading");
    index.grading = Grading{reader.string(grading, "project", "grading: "),
                            reader.string(grading, "targets_file", "grading: "),
                            reader.string(grading, "target", "grading: ")};
  }
  return index;
}

const IndexChapter* BuildIndex::chapter(const std::string& id) const {
  for (const IndexChapter& chapter : chapters) {
    if (chapter.chapter == id) return &chapter;
  }
  return nullptr;
}

const IndexExercise* BuildIndex::exercise(const std::string& chapter_id,
                                          const std::string& name) const {
  const IndexChapter* found = chapter(chapter_id);
  if (found == nullptr) return nullptr;
  for (const IndexExercise& exercise : found->exercises) {
    if (exercise.name == name) return &exercise;
  }
  return nullptr;
}

}  // namespace workbook::tool
