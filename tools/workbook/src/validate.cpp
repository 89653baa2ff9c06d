// `workbook validate`: proves, for the instructor, that the workbook grades as it should.
#include <iostream>
#include <optional>
#include <regex>
#include <set>

#include "build.hpp"
#include "commands.hpp"
#include "grading.hpp"
#include "line_diff.hpp"
#include "pipeline.hpp"
#include "reports.hpp"

namespace workbook::tool {

namespace {

// A known mistake is its reference solution with the mistake made: a few lines changed. More, and
// the reference has probably changed without it.
constexpr std::size_t max_mistake_lines = 8;

class Checklist {
 public:
  void ok(const std::string& what) { std::cout << "  ok  " << what << "\n" << std::flush; }
  void fail(const std::string& what) {
    std::cout << "  XX  " << what << "\n" << std::flush;
    ++failures_;
  }
  /// Something to look at that does not make the grading wrong.
  void warn(const std::string& what) {
    std::cout << "  --  " << what << "\n" << std::flush;
    ++warnings_;
  }
  void check(bool condition, const std::string& what) { condition ? ok(what) : fail(what); }
  int failures() const { return failures_; }
  int warnings() const { return warnings_; }

 private:
  int failures_ = 0;
  int warnings_ = 0;
};

void heading(const std::string& text) {
  std::cout << "\n" << text << "\n" << std::flush;
}

// The known mistakes of an exercise: listed in the manifest, present, and each its reference
// solution with only the mistake made.
void check_mistakes(const Workbook& workbook, const Exercise& exercise, Checklist& list) {
  const fs::path& root = workbook.root();
  const std::string id = exercise.id();
  std::vector<std::string> missing;
  for (const Mistake& mistake : exercise.mistakes) {
    if (!fs::is_regular_file(root / mistake.path(exercise.chapter))) {
      missing.push_back(mistake.path(exercise.chapter));
    }
  }
  const std::size_t count = exercise.mistakes.size();
  list.check(count > 0 && missing.empty(),
             id + ": " + std::to_string(count) + " known mistakes in solutions/" +
                 exercise.chapter + "/mistakes/" +
                 (count == 0        ? ": every exercise needs at least one, listed in the manifest "
                                      "(\"mistakes\": [{\"name\": ..., \"file\": ..., "
                                      "\"diagnosis\": ...}])"
                  : missing.empty() ? ", listed in the manifest with their diagnosis"
                                    : ", but " + join(missing, ", ") + " does not exist"));
  const std::vector<std::string> reference =
      split_lines(read_file(root / exercise.reference_path()));
  std::vector<std::string> sizes;
  bool drifted = false;
  for (const Mistake& mistake : exercise.mistakes) {
    const fs::path file = root / mistake.path(exercise.chapter);
    if (!fs::is_regular_file(file)) continue;
    const std::size_t changed = changed_lines(diff_lines(reference, split_lines(read_file(file))));
    sizes.push_back(std::to_string(changed));
    if (changed > max_mistake_lines) {
      drifted = true;
      list.warn(id + "/" + mistake.name + ": " + mistake.path(exercise.chapter) + " differs from " +
                exercise.reference_path() + " by " + std::to_string(changed) +
                " changed lines (more than " + std::to_string(max_mistake_lines) +
                "): a known mistake is its reference solution with only the mistake made; make "
                "it again from the reference");
    }
  }
  if (!sizes.empty() && !drifted) {
    list.ok(id + ": each known mistake is its reference solution with at most " +
            std::to_string(max_mistake_lines) + " lines changed (" + join(sizes, ", ") + ")");
  }
}

// The checks that need no build.
void check_files(const Workbook& workbook, const std::string& only, Checklist& list) {
  const fs::path& root = workbook.root();
  for (const Chapter& chapter : workbook.chapters()) {
    if (!only.empty() && chapter.id != only) continue;
    std::vector<std::string> absent;
    for (const std::string& test : chapter.tests) {
      if (!fs::is_regular_file(root / "solutions" / chapter.id / test)) absent.push_back(test);
    }
    list.check(!chapter.tests.empty() && absent.empty(),
               chapter.id + ": " + std::to_string(chapter.tests.size()) +
                   " test sources in the manifest" +
                   (chapter.tests.empty() ? ": list them (\"tests\": [...])"
                    : absent.empty()
                        ? ""
                        : ", but " + join(absent, ", ") + " not in solutions/" + chapter.id + "/"));
    std::set<std::string> listed;
    for (const Exercise& exercise : chapter.exercises) {
      const std::string id = exercise.id();
      const std::string stub = read_file(root / exercise.stub_path());
      list.check(contains(stub, "WORKBOOK_NOT_IMPLEMENTED"),
                 id + ": " + exercise.stub_path() + " is a stub (WORKBOOK_NOT_IMPLEMENTED)");
      list.check(fs::exists(root / exercise.reference_path()),
                 id + ": reference solution " + exercise.reference_path());
      check_mistakes(workbook, exercise, list);
      for (const Mistake& mistake : exercise.mistakes) listed.insert(mistake.file);
      const auto section = workbook.section(exercise.section);
      list.check(section.has_value(), id + ": section '" + exercise.section + "' " +
                                          (section ? "is §" + section->title
                                                   : "is not a heading's {#anchor} in chapters/"));
      if (exercise.hints.empty()) {
        std::cout << "  --  " << id << ": no hints (workbook hint has nothing to show)\n";
      }
    }
    // A file in mistakes/ that no exercise lists is diagnosed by no test.
    const fs::path folder = root / "solutions" / chapter.id / "mistakes";
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".cpp" && listed.count(name) == 0) {
        list.fail("solutions/" + chapter.id + "/mistakes/" + name +
                  " is listed by no exercise of the manifest: no test diagnoses it");
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

void show_warnings(const Workbook& workbook) {
  for (const std::string& warning : workbook.warnings()) {
    if (!contains(warning, "has no hints")) std::cout << "  --  " << warning << "\n";
  }
}

int conclude(const Checklist& list, const std::string& note) {
  std::cout << "\n"
            << (list.failures() == 0 ? "Every check passed."
                                     : std::to_string(list.failures()) + " checks FAILED.")
            << note << "\n";
  if (list.warnings() > 0) {
    std::cout << list.warnings() << (list.warnings() == 1 ? " warning" : " warnings")
              << " (the lines marked --): they do not make the grading wrong, but look at them.\n";
  }
  return list.failures() == 0 ? 0 : 1;
}

}  // namespace

int validate_command(const fs::path& root, const ValidateCommand& options) {
  heading("Manifests");
  const Workbook workbook = Workbook::load(root, true);
  workbook.require_instructor_copy("validate");
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
  if (options.quick) return conclude(list, " (--quick: nothing built or graded)");
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;

  // 1. The instructor's build (the default preset's build/): every chapter's tests and every known
  // mistake. The gradings of the reference solutions and of the stubs reuse it, each in a build
  // of its own: in --work-dir, else in a fresh folder (which grading removes).
  const fs::path build = workbook.root() / "build";
  const fs::path base =
      options.work_dir.empty() ? fs::path() : fs::absolute(options.work_dir).lexically_normal();
  const RemovedAtScopeExit cleanup{base, options.keep_build};
  heading("Tests and known mistakes (instructor build in " + display_path(build, workbook.root()) +
          ")");
  const BuildIndex index = open_build(workbook.root(), build);
  std::vector<std::string> targets;
  std::vector<ExerciseRun> mistake_runs;
  std::vector<const IndexMistake*> mistakes;
  for (const Chapter& chapter : workbook.chapters()) {
    if (!selected(chapter.id)) continue;
    const IndexChapter* built = index.chapter(chapter.id);
    if (built == nullptr || !built->tests) {
      throw Failure("the build in " + build.string() + " has no tests for " + chapter.id);
    }
    targets.push_back(built->tests->target);
    for (const Exercise& exercise : chapter.exercises) {
      const IndexExercise* compiled = index.exercise(chapter.id, exercise.name);
      for (const Mistake& mistake : exercise.mistakes) {
        const IndexMistake* program = nullptr;
        for (const IndexMistake& candidate : compiled->mistakes) {
          if (candidate.name == mistake.name) program = &candidate;
        }
        if (program == nullptr) {
          list.fail(exercise.id() + "/" + mistake.name + ": the build in " +
                    display_path(build, workbook.root()) +
                    " has no program for this known mistake (configure it with "
                    "-DWORKBOOK_DIAGNOSIS_TESTS=ON)");
          continue;
        }
        targets.push_back(program->program.target);
        ExerciseRun run;
        run.exercise = &exercise;
        run.listing = run.program = program->program.file;
        mistake_runs.push_back(std::move(run));
        mistakes.push_back(program);
      }
    }
  }
  BuildSettings settings;
  settings.build_dir = build;
  settings.jobs = jobs;
  settings.keep_going = true;
  const BuildResult built = build_targets(targets, settings);
  if (!built.succeeded) {
    const std::string excerpt =
        compiler_excerpt(built.log, shown_paths(workbook.root(), build), 30);
    throw Failure("the instructor's build failed:\n" +
                  (excerpt.empty() ? first_lines(built.log, 30) : excerpt));
  }
  RunSettings run;
  run.jobs = jobs;
  run.scratch = build / "workbook-runs" / random_hex(8);
  run.env = index.test_environment;
  for (const Chapter& chapter : workbook.chapters()) {
    if (!selected(chapter.id)) continue;
    const std::vector<TestCase> cases = list_cases(index.chapter(chapter.id)->tests->file, run);
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

  // 2. Each known mistake loses points, and the diagnosis a student reads names it. Both are
  // settled by the first failure that names it: the mistake's later cases are not run (Chapter 6's
  // experiment would train for minutes more).
  heading("Known mistakes: each loses points, and the feedback names it");
  std::vector<std::optional<std::regex>> diagnoses;
  for (const IndexMistake* mistake : mistakes) {
    try {
      diagnoses.emplace_back(std::regex(ecmascript_from_cmake_regex(mistake->diagnosis)));
    } catch (const std::regex_error&) {
      diagnoses.emplace_back();
    }
  }
  PipelineSettings pipeline;
  pipeline.run = run;
  pipeline.enough = [&](std::size_t m, const Verdict& verdict) {
    return !verdict.passed && diagnoses[m] &&
           std::regex_search(verdict.diagnosis(true), *diagnoses[m]);
  };
  const std::vector<ExerciseResult> results = run_exercises(workbook, mistake_runs, pipeline);
  // A case named keeps_what_every_… probes properties that any correct solution has (no exact
  // value): a mistake it names would be named too if nobody had listed it.
  const auto is_probe = [](const CaseResult& c) {
    return c.test.name.rfind("keeps_what_every", 0) == 0;
  };
  // The single-edit matcher (workbook/testing/single_edits.hpp) names a mistake that is one edit
  // of the notes' lines away, listed or not; its sentences all say this.
  const std::string single_edit = "every output is that of";
  std::size_t named_count = 0, by_probe = 0, by_edit = 0;
  for (std::size_t m = 0; m < results.size(); ++m) {
    const ExerciseResult& result = results[m];
    const IndexMistake& mistake = *mistakes[m];
    if (!diagnoses[m]) {
      list.fail(mistake.test +
                ": its diagnosis does not compile as a regular expression: " + mistake.diagnosis);
      continue;
    }
    std::string feedback;
    std::size_t not_run = 0;
    for (const CaseResult& c : result.cases) {
      feedback += case_output(workbook, result, c, false, {}) + "\n";
      if (!c.ran) ++not_run;
    }
    const bool named = std::regex_search(feedback, *diagnoses[m]);
    const bool loses = result.points() < result.max_points();
    named_count += named ? 1 : 0;
    by_edit += named && feedback.find(single_edit) != std::string::npos ? 1 : 0;
    for (const CaseResult& c : result.cases) {
      if (named && is_probe(c) &&
          std::regex_search(case_output(workbook, result, c, false, {}), *diagnoses[m])) {
        ++by_probe;
        break;
      }
    }
    list.check(loses && named,
               mistake.test + ": " + format_points(result.points()) + " / " +
                   format_points(result.max_points()) + " points" +
                   (not_run > 0 ? " (" + std::to_string(not_run) + " later cases not run)" : "") +
                   (named ? ", the feedback names it"
                          : ", the feedback does NOT match: " + mistake.diagnosis));
  }
  if (!results.empty()) {
    list.ok("diagnosis rate: " + std::to_string(named_count) + " of " +
            std::to_string(results.size()) + " known mistakes named in the notes' words (" +
            std::to_string(100 * named_count / results.size()) + " %), " +
            std::to_string(by_probe) +
            " of them by a probe of what every correct step keeps, not by an exact value, and " +
            std::to_string(by_edit) + " as the single edit of the notes' lines that they are");
  }

  // 3. Graded as a submission: the reference solutions earn every point, the stubs none.
  GradeOptions grading;
  grading.jobs = jobs;
  grading.quiet = true;
  grading.instructor_build = build;
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
    // A reference solution that does not compile, or that grading refuses to run, says why.
    const std::string why = result.state == ExerciseState::graded
                                ? ""
                                : ": " + result.problem.substr(0, result.problem.find('\n'));
    list.check(result.points() == result.max_points() && result.max_points() > 0,
               result.exercise->id() + ": " + format_points(result.points()) + " / " +
                   format_points(result.max_points()) + " (" + result.status() + ")" + why);
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

  return conclude(list, "");
}

}  // namespace workbook::tool
