#include "grading.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

#include "build.hpp"
#include "object_check.hpp"
#include "pipeline.hpp"
#include "sandbox.hpp"

namespace workbook::tool {

namespace {

constexpr std::size_t max_submission_files = 2000;
constexpr std::uintmax_t max_submission_bytes = 64u << 20;

bool is_visible_name(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] != '.' && name != "__MACOSX";
}

// The exercises found in `folder`/<chapter>/<file>.
std::map<std::string, fs::path> exercises_in(const Workbook& workbook, const fs::path& folder) {
  std::map<std::string, fs::path> found;
  if (!fs::is_directory(folder)) return found;
  for (const Exercise* exercise : workbook.exercises()) {
    const fs::path file = folder / exercise->chapter / exercise->file;
    if (fs::is_regular_file(file)) found[exercise->id()] = file;
  }
  return found;
}

// Copies the regular files of a student's folder (no links, no hidden files), within limits.
void copy_submission_tree(const fs::path& from, const fs::path& to,
                          std::vector<std::string>& notes) {
  std::size_t files = 0, skipped = 0;
  std::uintmax_t bytes = 0;
  auto options = fs::directory_options::skip_permission_denied;
  for (auto it = fs::recursive_directory_iterator(from, options);
       it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& path = it->path();
    if (!is_visible_name(path)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink()) {
      ++skipped;
      continue;
    }
    const fs::path target = to / fs::relative(path, from);
    if (it->is_directory()) {
      fs::create_directories(target);
      continue;
    }
    if (!it->is_regular_file()) continue;
    const std::uintmax_t size = it->file_size();
    if (files >= max_submission_files || bytes + size > max_submission_bytes) {
      ++skipped;
      continue;
    }
    fs::create_directories(target.parent_path());
    fs::copy_file(path, target, fs::copy_options::overwrite_existing);
    ++files;
    bytes += size;
  }
  if (skipped > 0) {
    notes.push_back(std::to_string(skipped) +
                    " files of the submission were left out (links, or beyond " +
                    std::to_string(max_submission_files) + " files / " +
                    std::to_string(max_submission_bytes >> 20) + " MiB)");
  }
}

// A name fit for a folder: letters, digits, '.', '-', '_'.
std::string safe_name(const std::string& name) {
  std::string safe;
  for (char c : name) {
    safe +=
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
  }
  return safe.empty() || safe[0] == '.' ? "_" + safe : safe;
}

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

fs::path grading_builds_folder() {
  return fs::temp_directory_path() / ("workbook-grading-" + std::to_string(getuid()));
}

const std::vector<std::string>& result_file_names() {
  static const std::vector<std::string> names = {"results.json", "junit.xml", "feedback.html"};
  return names;
}

double case_time_limit(const Chapter& chapter, const std::optional<double>& option) {
  if (option) return *option;
  if (chapter.time_limit) return *chapter.time_limit;
  return 20.0;
}

// --- Points ------------------------------------------------------------------------------------

std::vector<CaseResult> score_cases(const Exercise& exercise, const std::vector<TestCase>& listed,
                                    const std::vector<std::optional<Verdict>>& verdicts,
                                    bool add_declared_hidden) {
  std::vector<CaseResult> results;
  std::vector<double> weights;
  std::set<std::string> names;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    CaseResult result;
    result.test = listed[i];
    const CaseSetting setting = exercise.setting(listed[i].name);
    result.hidden = listed[i].hidden() || setting.hidden;
    if (i < verdicts.size() && verdicts[i]) {
      result.verdict = *verdicts[i];
      result.ran = true;
    }
    weights.push_back(setting.points);
    names.insert(listed[i].name);
    results.push_back(std::move(result));
  }
  if (add_declared_hidden) {
    for (const auto& [name, setting] : exercise.cases) {
      if (!setting.hidden || names.count(name) != 0) continue;
      CaseResult result;
      result.test.path = exercise.name + "/" + name;
      result.test.suite = exercise.name;
      result.test.name = name;
      result.test.order = listed.size() + results.size();
      result.hidden = true;
      result.verdict.status = "hidden";
      result.verdict.reason = "a hidden test: it runs when the instructor grades";
      weights.push_back(setting.points);
      results.push_back(std::move(result));
    }
  }
  double total = 0;
  for (double weight : weights) total += weight;
  const double scale = exercise.points ? (total > 0 ? *exercise.points / total : 0.0) : 1.0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].max_points = weights[i] * scale;
    results[i].points = results[i].ran && results[i].verdict.passed ? results[i].max_points : 0.0;
  }
  return results;
}

double ExerciseResult::points() const {
  double sum = 0;
  for (const CaseResult& c : cases) sum += c.points;
  return sum;
}

double ExerciseResult::max_points() const {
  double sum = 0;
  for (const CaseResult& c : cases) sum += c.max_points;
  return sum;
}

int ExerciseResult::passed() const {
  int count = 0;
  for (const CaseResult& c : cases) count += c.ran && c.verdict.passed ? 1 : 0;
  return count;
}

int ExerciseResult::run() const {
  int count = 0;
  for (const CaseResult& c : cases) count += c.ran ? 1 : 0;
  return count;
}

std::string ExerciseResult::status() const {
  switch (state) {
    case ExerciseState::missing:
      return "missing";
    case ExerciseState::compile_error:
      return "does not compile";
    case ExerciseState::link_error:
      return "does not link";
    case ExerciseState::refused:
      return "not run";
    case ExerciseState::graded:
      break;
  }
  const int ran = run(), ok = passed();
  if (ran == 0) return cases.empty() ? "no tests" : "not run";
  if (ok == ran) return "passed";
  bool all_not_implemented = true;
  for (const CaseResult& c : cases) {
    if (c.ran && !c.verdict.passed && !c.verdict.not_implemented()) all_not_implemented = false;
  }
  if (all_not_implemented && ok == 0) return "not implemented";
  return std::to_string(ran - ok) + " of " + std::to_string(ran) + " failed";
}

double Grade::points() const {
  double sum = 0;
  for (const ExerciseResult& e : exercises) sum += e.points();
  return sum;
}

double Grade::max_points() const {
  double sum = 0;
  for (const ExerciseResult& e : exercises) sum += e.max_points();
  return sum;
}

// --- Finding the student's files ---------------------------------------------------------------

Submission locate_submission(const Workbook& workbook, const fs::path& path) {
  if (path.empty()) throw BadInput("no submission folder given");
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw BadInput("the submission folder '" + path.string() + "' does not exist");
  }
  if (!fs::is_directory(path, error)) {
    throw BadInput("'" + path.string() +
                   "' is not a folder: a submission is a copy of the workbook, or its exercises/ "
                   "folder");
  }
  Submission submission;
  submission.path = fs::weakly_canonical(path, error);
  if (error) submission.path = fs::absolute(path);

  std::vector<fs::path> candidates = {submission.path / "exercises", submission.path};
  // An unpacked archive: one folder at the top.
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(submission.path, error)) {
    if (entry.is_directory() && is_visible_name(entry.path())) folders.push_back(entry.path());
  }
  if (folders.size() == 1) {
    candidates.push_back(folders[0] / "exercises");
    candidates.push_back(folders[0]);
  }
  for (const fs::path& candidate : candidates) {
    auto found = exercises_in(workbook, candidate);
    if (!found.empty()) {
      submission.exercises_dir = candidate;
      submission.files = std::move(found);
      break;
    }
  }
  if (submission.files.empty()) {
    // The files alone, matched by name where the name belongs to a single exercise.
    std::map<std::string, std::vector<const Exercise*>> by_file;
    for (const Exercise* exercise : workbook.exercises())
      by_file[exercise->file].push_back(exercise);
    for (const auto& [file, owners] : by_file) {
      const fs::path candidate = submission.path / file;
      if (owners.size() == 1 && fs::is_regular_file(candidate)) {
        submission.files[owners[0]->id()] = candidate;
      }
    }
  }
  if (submission.files.empty()) {
    const Exercise* example = workbook.exercises().front();
    throw BadInput("no exercises found in '" + path.string() + "': expected " + path.string() +
                   "/exercises/<chapter>/<file> (a copy of the workbook) or " + path.string() +
                   "/<chapter>/<file> (its exercises/ folder), e.g. " + example->stub_path() +
                   ".\nThe chapters and their exercises:" + workbook.valid_names());
  }
  const fs::path named = submission.exercises_dir.filename() == "exercises"
                             ? submission.exercises_dir.parent_path()
                             : submission.path;
  submission.name = named.filename().string();
  if (submission.name.empty()) submission.name = "submission";
  return submission;
}

// --- Grading -----------------------------------------------------------------------------------

namespace {

// The instructor's build, up to date, with what a grading build imports built.
BuildIndex prepare_instructor_build(const Workbook& workbook, const fs::path& build,
                                    unsigned jobs) {
  const BuildIndex index = open_build(workbook.root(), build);
  if (!index.grading || index.edition != "instructor") {
    throw BadInput(display_path(build, workbook.root()) +
                   " is not a build of the instructor's copy: it has no reference solutions to "
                   "grade with");
  }
  if (index.sanitize) {
    throw BadInput(display_path(build, workbook.root()) +
                   " is built with the sanitizers (WORKBOOK_SANITIZE): grading runs each case "
                   "with a memory limit they do not fit in; grade with a build without them");
  }
  BuildSettings settings;
  settings.build_dir = build;
  settings.jobs = jobs;
  const BuildResult built = build_targets({index.grading->target}, settings);
  if (!built.succeeded) {
    const std::string excerpt =
        compiler_excerpt(built.log, shown_paths(workbook.root(), build), 30);
    throw Failure("the instructor's code does not build (in " + build.string() + "):\n" +
                  (excerpt.empty() ? first_lines(built.log, 30) : excerpt));
  }
  return index;
}

// True when `path` is `folder` or lies below it.
bool is_within(const fs::path& path, const fs::path& folder) {
  const std::string p = path.lexically_normal().string();
  std::string f = folder.lexically_normal().string();
  if (!f.empty() && f.back() != '/') f += '/';
  return p + "/" == f || starts_with(p, f);
}

// What a student's code may see while it compiles and runs: not the instructor's reference
// solutions, hidden tests and known mistakes (solutions/), not the submissions (neither this
// one's original, whose files are staged, nor, in a batch, the others'), not the other grading
// builds; and it may write nowhere but where the build or the case needs.
SandboxPolicy grading_policy(const fs::path& root, const fs::path& instructor,
                             const Submission& submission, const fs::path& work,
                             const fs::path& out) {
  SandboxPolicy policy;
  policy.hidden = {root / "solutions", root / "submissions", grading_builds_folder(),
                   submission.path};
  // The folder of a batch, with every student's submission, unless it holds what grading needs.
  const fs::path batch = submission.path.parent_path();
  if (!batch.empty() && batch != batch.root_path() && !is_within(root, batch) &&
      !is_within(instructor, batch) && !is_within(work, batch)) {
    policy.hidden.push_back(batch);
  }
  // The results of grading, when they are somewhere the rest does not need.
  if (!out.empty() && !is_within(root, out) && !is_within(instructor, out) &&
      !is_within(work, out)) {
    policy.hidden.push_back(out);
  }
  // The copy and the builds, even when they live in the temporary folder, which the sandbox
  // replaces with one of its own.
  policy.readable = {root, instructor, work};
  return policy;
}

// ccache's cache, which a sandboxed compiler writes to; empty when there is no ccache.
fs::path ccache_folder() {
  if (find_program("ccache").empty()) return {};
  Command command;
  command.argv = {"ccache", "--get-config", "cache_dir"};
  command.limits.wall_seconds = 30;
  const Captured captured = run_captured(command, 4096);
  const std::string folder = trim(captured.output);
  return captured.outcome.succeeded() && !folder.empty() ? fs::path(folder) : fs::path();
}

// The object files of a target of the grading build (an object library: one per source file).
std::vector<fs::path> objects_of(const fs::path& work, const std::string& target) {
  std::vector<fs::path> objects;
  const fs::path folder = work / "CMakeFiles" / (target + ".dir");
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".o") objects.push_back(it->path());
  }
  return objects;
}

// The files each object of the build was compiled from, headers included, as Ninja recorded
// them (`ninja -t deps`): object path (absolute) -> the files (absolute).
std::map<fs::path, std::vector<fs::path>> recorded_includes(const fs::path& work) {
  std::map<fs::path, std::vector<fs::path>> deps;
  Command command;
  command.argv = {"ninja", "-C", work.string(), "-t", "deps"};
  command.limits.wall_seconds = 120;
  const Captured captured = run_captured(command, 256 << 20);
  if (!captured.outcome.succeeded()) return deps;
  fs::path current;
  for (const std::string& line : split_lines(captured.output)) {
    if (line.empty()) continue;
    if (line[0] != ' ') {
      const std::size_t colon = line.find(": #deps");
      if (colon == std::string::npos) continue;
      const fs::path target = line.substr(0, colon);
      current = (target.is_absolute() ? target : work / target).lexically_normal();
      deps[current];
      continue;
    }
    const fs::path file = trim(line);
    deps[current].push_back((file.is_absolute() ? file : work / file).lexically_normal());
  }
  return deps;
}

// Why a student's compiled exercise may not run, from its objects (`violations`, read for every
// exercise at once) and what they include.
std::vector<std::string> refusals(const std::vector<fs::path>& objects,
                                  const std::map<fs::path, std::vector<std::string>>& violations,
                                  const std::map<fs::path, std::vector<fs::path>>& includes,
                                  const fs::path& root, const fs::path& work,
                                  const fs::path& instructor) {
  std::vector<std::string> problems;
  for (const fs::path& object : objects) {
    if (const auto found = violations.find(object); found != violations.end()) {
      problems.insert(problems.end(), found->second.begin(), found->second.end());
    }
    const auto found = includes.find(object.lexically_normal());
    if (found == includes.end()) continue;
    for (const fs::path& file :
         forbidden_includes(found->second, root, {work, instructor, root / "exercises"})) {
      problems.push_back("includes " + file.string() +
                         ", which an exercise may not: only the library's headers "
                         "(workbook/...), the standard library's, Eigen's and the "
                         "exercise's own folder");
    }
  }
  return problems;
}

}  // namespace

Grade grade_submission(const Workbook& workbook, const Submission& submission,
                       const GradeOptions& options) {
  const Stopwatch stopwatch;
  const fs::path& root = workbook.root();
  workbook.require_instructor_copy("grading");
  auto say = [&](const std::string& message) {
    if (!options.quiet) {
      std::cerr << "grade [" << format_seconds(stopwatch.seconds()) << "]: " << message
                << std::endl;
    }
  };
  const unsigned jobs = std::max(1u, options.jobs);

  // 1. The instructor's build: the tests, the library and the reference solutions, compiled once
  // for every grading.
  const fs::path instructor =
      options.instructor_build.empty() ? root / "build" : options.instructor_build;
  say("bringing the instructor's build " + display_path(instructor, root) + " up to date");
  const BuildIndex base = prepare_instructor_build(workbook, instructor, jobs);

  const std::string name = options.name.empty() ? submission.name : options.name;
  // The grading build; the student's files are staged inside it.
  fs::path work;
  if (options.work_dir.empty()) {
    fs::create_directories(grading_builds_folder());
    fs::permissions(grading_builds_folder(), fs::perms::owner_all, fs::perm_options::replace);
    work = make_unique_directory(grading_builds_folder(), safe_name(name) + "-");
  } else {
    work = fs::absolute(options.work_dir).lexically_normal();
  }
  const RemovedAtScopeExit cleanup{work, options.keep_build};
  fs::create_directories(work);

  Grade grade;
  grade.submission = name;
  grade.path = submission.path;
  grade.notes = submission.notes;

  // 2. The student's files, staged in the build folder: the build never reads the submission.
  const fs::path staged = work / "exercises";
  remove_quietly(staged);
  fs::create_directories(staged);
  if (!submission.exercises_dir.empty()) {
    copy_submission_tree(submission.exercises_dir, staged, grade.notes);
  }
  std::vector<ExerciseRun> runs;
  for (const Exercise* exercise : workbook.exercises()) {
    ExerciseRun run;
    run.exercise = exercise;
    const fs::path target = staged / exercise->chapter / exercise->file;
    const auto found = submission.files.find(exercise->id());
    if (found != submission.files.end() && submission.exercises_dir.empty()) {
      fs::create_directories(target.parent_path());
      fs::copy_file(found->second, target, fs::copy_options::overwrite_existing);
    }
    if (found == submission.files.end() || !fs::is_regular_file(target)) {
      run.state = ExerciseState::missing;
      run.problem = exercise->stub_path() + " is not in the submission";
      remove_quietly(target);  // the grading build compiles what is there
    }
    runs.push_back(std::move(run));
  }

  // The sandbox the student's code is compiled and run in, where the machine has one.
  const SandboxPolicy policy =
      grading_policy(root, fs::weakly_canonical(instructor), submission, work,
                     options.out.empty() ? fs::path() : fs::weakly_canonical(options.out));
  if (!sandbox_support().available) {
    std::cerr << "grade: warning: grading without a sandbox: " << sandbox_support().why_not
              << ". The student's code can read and write whatever this user can while it "
                 "compiles and runs (docs/grading.md says what the grader still guarantees)."
              << std::endl;
  }

  // 3. Configure the grading build: it imports the instructor's build and compiles the student's
  // files only.
  BuildSettings settings;
  settings.build_dir = work;
  settings.jobs = jobs;
  say("configuring the grading build of " + name + " in " + display_path(work, root));
  configure({"-S", base.grading->project.string(), "-B", work.string(), "-G", base.generator,
             "-DWORKBOOK_BASE_INDEX=" + base.file.string(),
             "-DWORKBOOK_EXERCISES_DIR=" + staged.string()},
            settings);
  const BuildIndex index = BuildIndex::read(work);

  // 4. Build: each student's file, then, for each that compiled, the chapter's tests with it and
  // the reference solutions of all the other exercises. A failure costs only its own exercise.
  std::vector<std::string> objects;
  for (const ExerciseRun& run : runs) {
    if (run.state != ExerciseState::graded) continue;
    const IndexExercise* built = index.exercise(run.exercise->chapter, run.exercise->name);
    if (built == nullptr || !built->grading) {
      throw Failure("the grading build has no program for " + run.exercise->id() + " (" +
                    index.file.string() + ")");
    }
    objects.push_back(built->objects_target);
  }
  say("building " + std::to_string(objects.size()) + " exercises against the tests");
  const auto shown = shown_paths(root, work, staged);
  auto problem_of = [&](const std::string& log) {
    const std::string excerpt = compiler_excerpt(log, shown);
    return excerpt.empty()
               ? std::string(
                     "the compiler stopped without a message: was it stopped at its time limit?")
               : excerpt;
  };
  // The compiler sees neither the reference solutions nor the hidden tests: an #include (or an
  // assembler's .incbin) of one finds an empty folder. ccache keeps its cache.
  BuildSettings compile = settings;
  compile.sandbox = policy;
  compile.sandbox->writable = {work};
  if (const fs::path cache = ccache_folder(); !cache.empty()) {
    compile.sandbox->writable.push_back(cache);
  }
  const std::map<std::string, std::string> not_compiled = build_each(objects, compile);
  // What the compiled files refer to, define and include, read for them all at once.
  const auto includes = recorded_includes(work);
  std::map<std::string, std::vector<fs::path>> compiled;
  std::vector<fs::path> all_objects;
  for (const std::string& target : objects) {
    if (not_compiled.count(target) != 0) continue;
    compiled[target] = objects_of(work, target);
    all_objects.insert(all_objects.end(), compiled[target].begin(), compiled[target].end());
  }
  const auto violations = object_violations(all_objects);
  std::vector<std::string> programs;
  for (ExerciseRun& run : runs) {
    if (run.state != ExerciseState::graded) continue;
    const IndexExercise& built = *index.exercise(run.exercise->chapter, run.exercise->name);
    if (const auto failed = not_compiled.find(built.objects_target); failed != not_compiled.end()) {
      run.state = ExerciseState::compile_error;
      run.problem = run.exercise->stub_path() + " does not compile:\n" + problem_of(failed->second);
      continue;
    }
    const std::vector<std::string> refused =
        refusals(compiled[built.objects_target], violations, includes, root, work,
                 fs::weakly_canonical(instructor));
    if (!refused.empty()) {
      run.state = ExerciseState::refused;
      run.problem = run.exercise->stub_path() + " is not run: it " + join(refused, ";\n  it ");
      continue;
    }
    programs.push_back(built.grading->target);
  }
  const std::map<std::string, std::string> not_linked = build_each(programs, compile);
  for (ExerciseRun& run : runs) {
    const IndexChapter* chapter = index.chapter(run.exercise->chapter);
    if (chapter == nullptr || !chapter->listing) {
      throw Failure("the grading build lists no cases for " + run.exercise->chapter + " (" +
                    index.file.string() + ")");
    }
    run.listing = chapter->listing->file;
    if (run.state != ExerciseState::graded) continue;
    const IndexExercise& built = *index.exercise(run.exercise->chapter, run.exercise->name);
    if (const auto failed = not_linked.find(built.grading->target); failed != not_linked.end()) {
      run.state = ExerciseState::link_error;
      run.problem = "the tests do not link with " + run.exercise->stub_path() + ":\n" +
                    problem_of(failed->second);
      continue;
    }
    run.program = built.grading->file;
  }
  say("built");

  // 5. Run every case of every built exercise, each in its own process, and score.
  PipelineSettings pipeline;
  pipeline.run.jobs = jobs;
  pipeline.run.scratch = work / "workbook-runs";
  pipeline.run.env = index.test_environment;
  pipeline.run.sandbox = policy;
  pipeline.time_limit = options.time_limit;
  pipeline.add_declared_hidden = false;
  const double running_since = stopwatch.seconds();
  say("running the test cases, each in its own process");
  grade.exercises = run_exercises(workbook, runs, pipeline);
  say("ran them in " + format_seconds(stopwatch.seconds() - running_since));
  grade.seconds = stopwatch.seconds();
  return grade;
}

}  // namespace workbook::tool
