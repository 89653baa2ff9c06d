// `workbook validate`: proves, for the instructor, that the workbook grades as it should.
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "build.hpp"
#include "commands.hpp"
#include "grading.hpp"
#include "reports.hpp"

namespace workbook::tool {

namespace {

class Checklist {
 public:
  void ok(const std::string& what) { std::cout << "  ok  " << what << "\n" << std::flush; }
  void fail(const std::string& what) {
    std::cout << "  XX  " << what << "\n" << std::flush;
    ++failures_;
  }
  void check(bool condition, const std::string& what) { condition ? ok(what) : fail(what); }
  int failures() const { return failures_; }

 private:
  int failures_ = 0;
};

void heading(const std::string& text) {
  std::cout << "\n" << text << "\n" << std::flush;
}

// The checks that need no build.
void check_files(const Workbook& workbook, const std::string& only, Checklist& list) {
  const fs::path& root = workbook.root();
  for (const Chapter& chapter : workbook.chapters()) {
    if (!only.empty() && chapter.id != only) continue;
    const std::string cmake = read_file(root / "solutions" / chapter.id / "CMakeLists.txt");
    for (const Exercise& exercise : chapter.exercises) {
      const std::string id = exercise.id();
      const std::string stub = read_file(root / exercise.stub_path());
      list.check(contains(stub, "WORKBOOK_NOT_IMPLEMENTED"),
                 id + ": " + exercise.stub_path() + " is a stub (WORKBOOK_NOT_IMPLEMENTED)");
      list.check(
          fs::exists(root / "solutions" / chapter.id / "reference" / exercise.file),
          id + ": reference solution solutions/" + chapter.id + "/reference/" + exercise.file);
      int mistakes = 0;
      const fs::path folder = root / "solutions" / chapter.id / "mistakes";
      if (fs::is_directory(folder)) {
        for (const auto& entry : fs::directory_iterator(folder)) {
          const std::string name = entry.path().filename().string();
          if (starts_with(name, exercise.name + "_") && entry.path().extension() == ".cpp") {
            ++mistakes;
          }
        }
      }
      list.check(mistakes > 0 && contains(cmake, "workbook_add_diagnosis_test(" + chapter.id + "/" +
                                                     exercise.name + " "),
                 id + ": " + std::to_string(mistakes) + " known mistakes in solutions/" +
                     chapter.id + "/mistakes/" +
                     (mistakes > 0 ? ", registered with workbook_add_diagnosis_test"
                                   : ": every exercise needs at least one, registered with "
                                     "workbook_add_diagnosis_test(" +
                                         id + " <mistake> SOURCE ... EXPECT ...)"));
      const auto section = workbook.section(exercise.section);
      list.check(section.has_value(), id + ": section '" + exercise.section + "' " +
                                          (section ? "is §" + section->title
                                                   : "is not a heading's {#anchor} in chapters/"));
      if (exercise.hints.empty()) {
        std::cout << "  --  " << id << ": no hints (workbook hint has nothing to show)\n";
      }
    }
  }
  // The student edition has no reference solutions, known mistakes or hidden tests: the notes
  // must not quote them.
  static const std::regex quoted(
      R"((\\snippet|\\include|\\dontinclude)\s+solutions/[^/\s]+/(reference|mistakes|hidden)/)");
  for (const auto& entry : fs::directory_iterator(root / "chapters")) {
    if (entry.path().extension() != ".md") continue;
    const std::string text = read_file(entry.path());
    list.check(!std::regex_search(text, quoted),
               "chapters/" + entry.path().filename().string() +
                   " quotes no reference solution, known mistake or hidden test");
  }
}

struct Diagnosis {
  std::string name;  // ch01/diagnosis/<exercise>/<mistake>
  std::string chapter, exercise, mistake;
  fs::path program;
  std::string regex;
};

// The diagnosis tests registered in an instructor's build (ctest --show-only=json-v1).
std::vector<Diagnosis> registered_diagnoses(const fs::path& build) {
  Command command;
  command.argv = {"ctest", "--test-dir", build.string(), "--show-only=json-v1", "-L", "diagnosis"};
  command.limits.wall_seconds = 120;
  const Captured listed = run_captured(command, 64 << 20);
  if (!listed.outcome.succeeded()) {
    throw Failure("ctest --show-only failed in " + build.string() + ":\n" +
                  first_lines(listed.output, 20));
  }
  std::vector<Diagnosis> found;
  const std::string text = listed.output.substr(listed.output.find('{'));
  const nlohmann::json tests = nlohmann::json::parse(text)["tests"];
  for (const auto& test : tests) {
    Diagnosis d;
    d.name = test["name"].get<std::string>();
    static const std::regex name(R"(^([^/]+)/diagnosis/([^/]+)/([^/]+)$)");
    std::smatch parts;
    if (!std::regex_match(d.name, parts, name)) continue;
    d.chapter = parts[1];
    d.exercise = parts[2];
    d.mistake = parts[3];
    const auto& argv = test["command"];
    bool in_regex = false, after_separator = false;
    for (const auto& arg_json : argv) {
      const std::string arg = arg_json.get<std::string>();
      if (after_separator) {
        if (d.program.empty()) d.program = arg;
        continue;
      }
      if (arg == "--") {
        after_separator = true;
        in_regex = false;
      } else if (starts_with(arg, "EXPECT_OUTPUT=")) {
        d.regex = arg.substr(14);
        in_regex = true;
      } else if (arg == "-D" || arg == "-P") {
        in_regex = false;
      } else if (in_regex) {
        d.regex += ";" + arg;  // a regex with ';' split into list elements by CMake
      }
    }
    found.push_back(std::move(d));
  }
  return found;
}

void show_warnings(const Workbook& workbook) {
  for (const std::string& warning : workbook.warnings()) {
    if (!contains(warning, "has no hints")) std::cout << "  --  " << warning << "\n";
  }
}

}  // namespace

int validate_command(const fs::path& root, const ValidateCommand& options) {
  heading("Manifests");
  const Workbook workbook = Workbook::load(root, true);
  Checklist list;
  list.ok("chapters: " + std::to_string(workbook.chapters().size()) +
          ", exercises: " + std::to_string(workbook.exercises().size()));
  if (!options.chapter.empty() && workbook.chapter(options.chapter) == nullptr) {
    throw BadInput("no chapter '" + options.chapter +
                   "': the chapters and their exercises:" + workbook.valid_names());
  }
  // --chapter: one chapter's checks only.
  auto selected = [&](const std::string& chapter) {
    return options.chapter.empty() || chapter == options.chapter;
  };
  if (!options.chapter.empty()) list.ok("only " + options.chapter + " (--chapter)");
  show_warnings(workbook);
  heading("Files: stubs, reference solutions, known mistakes, sections of the notes");
  check_files(workbook, options.chapter, list);
  if (options.quick) {
    std::cout << "\n"
              << (list.failures() == 0 ? "Every check passed." : "Some checks FAILED.")
              << " (--quick: nothing built or graded)\n";
    return list.failures() == 0 ? 0 : 1;
  }
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  // Three builds: the instructor's, and the gradings of the reference solutions and of the stubs:
  // in --work-dir, else each in a fresh build folder of its own (which grading removes).
  const fs::path base =
      options.work_dir.empty() ? fs::path() : fs::absolute(options.work_dir).lexically_normal();
  const fs::path build =
      base.empty() ? fresh_build_folder(workbook.root(), "validate") : base / "instructor";
  const RemovedAtScopeExit cleanup{base.empty() ? build : base, options.keep_build};

  // 1. The instructor's build: every chapter's tests and every known mistake.
  heading("Tests and known mistakes (instructor build in " + display_path(build, workbook.root()) +
          ")");
  BuildSettings settings;
  settings.build_dir = build;
  settings.jobs = jobs;
  configure({"-S", workbook.root().string(), "-B", build.string(), "-G", "Ninja",
             "-DCMAKE_BUILD_TYPE=Debug", "-DWORKBOOK_SOLUTIONS=reference",
             "-DWORKBOOK_DIAGNOSIS_TESTS=ON", "-DWORKBOOK_DOCS=OFF", "-DWORKBOOK_BENCHMARKS=OFF",
             "-DWORKBOOK_EXPECT_NOT_IMPLEMENTED=OFF", "-DWORKBOOK_SANITIZE=OFF"},
            settings);
  const std::vector<Diagnosis> diagnoses = registered_diagnoses(build);
  std::vector<std::string> targets;
  for (const Chapter& chapter : workbook.chapters()) {
    if (selected(chapter.id)) targets.push_back(chapter.id + "_tests");
  }
  for (const Diagnosis& d : diagnoses) {
    if (selected(d.chapter)) targets.push_back(d.program.filename().string());
  }
  const BuildResult built = build_targets(targets, settings);
  if (!built.succeeded) {
    throw Failure("the instructor's build failed:\n" +
                  (built.failures.empty() ? first_lines(built.log, 30)
                                          : built.failures.front().output + "\n" +
                                                first_lines(built.failures.front().messages, 30)));
  }
  RunSettings run;
  run.jobs = jobs;
  run.scratch = build / "workbook-runs";
  for (const Chapter& chapter : workbook.chapters()) {
    if (!selected(chapter.id)) continue;
    const std::vector<TestCase> cases = list_cases(build / "bin" / (chapter.id + "_tests"), run);
    std::set<std::string> suites;
    for (const TestCase& test : cases) suites.insert(test.suite);
    for (const std::string& suite : suites) {
      bool known = false;
      for (const Exercise& exercise : chapter.exercises) known = known || exercise.name == suite;
      if (!known) {
        list.fail(chapter.id + ": the tests' suite '" + suite +
                  "' names no exercise of the manifest (suite = exercise)");
      }
    }
    for (const Exercise& exercise : chapter.exercises) {
      std::set<std::string> names;
      int count = 0, hidden = 0;
      for (const TestCase& test : cases) {
        if (test.suite != exercise.name) continue;
        names.insert(test.name);
        ++count;
        if (test.hidden()) {
          ++hidden;
          if (!exercise.setting(test.name).hidden) {
            list.fail(exercise.id() + "/" + test.name + " is defined in " + test.file +
                      " but not declared hidden in the manifest (\"cases\": {\"" + test.name +
                      "\": {\"hidden\": true}})");
          }
        }
      }
      list.check(count > 0, exercise.id() + ": " + std::to_string(count) + " test cases (" +
                                std::to_string(hidden) + " hidden)");
      for (const auto& [name, setting] : exercise.cases) {
        if (names.count(name) == 0) {
          list.fail(exercise.id() + ": the manifest gives points to '" + name +
                    "', which is not a test case of its suite");
        } else if (setting.hidden) {
          bool in_hidden_file = false;
          for (const TestCase& test : cases) {
            if (test.suite == exercise.name && test.name == name) in_hidden_file = test.hidden();
          }
          if (!in_hidden_file) {
            list.fail(exercise.id() + "/" + name +
                      " is declared hidden but is not defined in "
                      "solutions/" +
                      chapter.id + "/hidden/: the student edition would show it");
          }
        }
      }
    }
  }

  // 2. Each known mistake loses points, and the diagnosis a student reads names it.
  heading("Known mistakes: each loses points, and the feedback names it");
  std::set<std::string> diagnosed;
  for (const Diagnosis& d : diagnoses) {
    if (!selected(d.chapter)) continue;
    const Exercise* exercise = workbook.exercise(d.chapter + "/" + d.exercise);
    if (exercise == nullptr) {
      list.fail(d.name + ": no exercise " + d.chapter + "/" + d.exercise + " in the manifests");
      continue;
    }
    diagnosed.insert(exercise->id());
    std::vector<TestCase> cases;
    for (const TestCase& test : list_cases(d.program, run)) {
      if (test.suite == exercise->name) cases.push_back(test);
    }
    sort_in_file_order(cases);
    std::vector<CaseJob> jobs_of_mistake;
    for (const TestCase& test : cases) {
      jobs_of_mistake.push_back(
          {d.program, test.path, case_time_limit(workbook.chapter_of(*exercise), std::nullopt)});
    }
    const std::vector<Verdict> verdicts = run_cases(jobs_of_mistake, run);
    ExerciseResult result;
    result.exercise = exercise;
    result.cases =
        score_cases(*exercise, cases,
                    std::vector<std::optional<Verdict>>(verdicts.begin(), verdicts.end()), false);
    std::string feedback;
    for (const CaseResult& c : result.cases) {
      feedback += case_output(workbook, result, c, false, {}) + "\n";
    }
    bool named = false;
    try {
      named = std::regex_search(feedback, std::regex(ecmascript_from_cmake_regex(d.regex)));
    } catch (const std::regex_error&) {
      list.fail(d.name + ": its EXPECT regex does not compile as a regular expression: " + d.regex);
      continue;
    }
    const bool loses = result.points() < result.max_points();
    list.check(loses && named, d.name + ": " + format_points(result.points()) + " / " +
                                   format_points(result.max_points()) + " points" +
                                   (named ? ", the feedback names it"
                                          : ", the feedback does NOT match: " + d.regex));
  }
  for (const Exercise* exercise : workbook.exercises()) {
    if (selected(exercise->chapter) && diagnosed.count(exercise->id()) == 0) {
      list.fail(exercise->id() + ": no diagnosis test is registered (workbook_add_diagnosis_test)");
    }
  }

  // 3. Graded as a submission: the reference solutions earn every point, the stubs none.
  GradeOptions grading;
  grading.jobs = jobs;
  grading.quiet = true;
  heading("Grading the reference solutions: every point");
  Submission references;
  references.name = "reference-solutions";
  references.path = workbook.root() / "solutions";
  for (const Exercise* exercise : workbook.exercises()) {
    if (!selected(exercise->chapter)) continue;
    references.files[exercise->id()] =
        workbook.root() / "solutions" / exercise->chapter / "reference" / exercise->file;
  }
  if (!base.empty()) grading.work_dir = base / "reference";
  grading.keep_build = options.keep_build;
  const Grade full = grade_submission(workbook, references, grading);
  for (const ExerciseResult& result : full.exercises) {
    if (!selected(result.exercise->chapter)) continue;
    list.check(result.points() == result.max_points() && result.max_points() > 0,
               result.exercise->id() + ": " + format_points(result.points()) + " / " +
                   format_points(result.max_points()) + " (" + result.status() + ")");
  }
  heading("Grading the untouched stubs: no point");
  Submission stubs = locate_submission(workbook, workbook.root() / "exercises");
  stubs.name = "stubs";
  std::erase_if(stubs.files, [&](const auto& file) {
    return !selected(file.first.substr(0, file.first.find('/')));
  });
  if (!base.empty()) grading.work_dir = base / "stubs";
  const Grade none = grade_submission(workbook, stubs, grading);
  for (const ExerciseResult& result : none.exercises) {
    if (!selected(result.exercise->chapter)) continue;
    list.check(result.points() == 0 && result.status() == "not implemented",
               result.exercise->id() + ": " + format_points(result.points()) + " / " +
                   format_points(result.max_points()) + " (" + result.status() + ")");
  }

  std::cout << "\n"
            << (list.failures() == 0 ? "Every check passed."
                                     : std::to_string(list.failures()) + " checks FAILED.")
            << "\n";
  return list.failures() == 0 ? 0 : 1;
}

}  // namespace workbook::tool
