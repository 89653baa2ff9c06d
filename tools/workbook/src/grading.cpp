#include "grading.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

#include "build.hpp"

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

std::string target_id(const Exercise& exercise) {
  return exercise.chapter + "_" + exercise.name;
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

std::vector<std::string> grading_configuration(const fs::path& root, const fs::path& build,
                                               const fs::path& exercises) {
  return {"-S", root.string(), "-B", build.string(), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug",
          "-DWORKBOOK_SOLUTIONS=stubs", "-DWORKBOOK_EXERCISES_DIR=" + exercises.string(),
          "-DWORKBOOK_GRADING=ON", "-DWORKBOOK_DOCS=OFF", "-DWORKBOOK_BENCHMARKS=OFF",
          "-DWORKBOOK_DIAGNOSIS_TESTS=OFF", "-DWORKBOOK_EXPECT_NOT_IMPLEMENTED=OFF",
          "-DWORKBOOK_SANITIZE=OFF",
          // A compiler that runs away on a submission is stopped.
          "-DWORKBOOK_COMPILE_TIME_LIMIT=300"};
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

Grade grade_submission(const Workbook& workbook, const Submission& submission,
                       const GradeOptions& options) {
  const Stopwatch stopwatch;
  const fs::path& root = workbook.root();
  for (const Exercise* exercise : workbook.exercises()) {
    const fs::path reference =
        root / "solutions" / exercise->chapter / "reference" / exercise->file;
    if (!fs::exists(reference)) {
      throw BadInput(
          "grading needs the instructor's copy of the workbook, with the reference "
          "solutions: " +
          display_path(reference, root) + " is missing (is " + root.string() +
          " a student edition?)");
    }
  }
  auto say = [&](const std::string& message) {
    if (!options.quiet) {
      std::cerr << "grade [" << format_seconds(stopwatch.seconds()) << "]: " << message
                << std::endl;
    }
  };

  const std::string name = options.name.empty() ? submission.name : options.name;
  // The build folder; the student's files are staged inside it.
  const fs::path work = options.work_dir.empty()
                            ? fresh_build_folder(root, "grading-" + safe_name(name))
                            : fs::absolute(options.work_dir).lexically_normal();
  const RemovedAtScopeExit cleanup{work, options.keep_build};
  fs::create_directories(work);

  Grade grade;
  grade.submission = name;
  grade.path = submission.path;
  grade.notes = submission.notes;

  // 1. The student's files, staged in the build folder: the build never reads the submission.
  const fs::path staged = work / "exercises";
  remove_quietly(staged);
  fs::create_directories(staged);
  if (!submission.exercises_dir.empty()) {
    copy_submission_tree(submission.exercises_dir, staged, grade.notes);
  }
  std::map<std::string, ExerciseResult> results;
  for (const Exercise* exercise : workbook.exercises()) {
    ExerciseResult& result = results[exercise->id()];
    result.exercise = exercise;
    const fs::path target = staged / exercise->chapter / exercise->file;
    const auto found = submission.files.find(exercise->id());
    if (found != submission.files.end() && submission.exercises_dir.empty()) {
      fs::create_directories(target.parent_path());
      fs::copy_file(found->second, target, fs::copy_options::overwrite_existing);
    }
    if (found == submission.files.end() || !fs::is_regular_file(target)) {
      result.state = ExerciseState::missing;
      result.problem = exercise->stub_path() + " is not in the submission";
      // The build needs a file for every exercise: the untouched stub, never graded.
      remove_quietly(target);
      fs::create_directories(target.parent_path());
      fs::copy_file(root / "exercises" / exercise->chapter / exercise->file, target,
                    fs::copy_options::overwrite_existing);
    }
  }

  // 2. Configure: the instructor's tests and reference solutions, the student's exercises.
  const fs::path& build = work;
  BuildSettings settings;
  settings.build_dir = build;
  settings.jobs = std::max(1u, options.jobs);
  say("configuring the build of " + name + " in " + display_path(build, root));
  configure(grading_configuration(root, build, staged), settings);

  // 3. Build: per exercise, the chapter's tests with the student's exercise and the reference
  // solutions of all the others; per chapter, the tests with the reference solutions (they list
  // the cases). A step that fails costs only what depends on it.
  std::vector<std::string> targets;
  for (const Chapter& chapter : workbook.chapters()) {
    targets.push_back("workbook_listing_" + chapter.id);
  }
  std::size_t to_build = 0;
  for (const Exercise* exercise : workbook.exercises()) {
    if (results[exercise->id()].state == ExerciseState::graded) {
      targets.push_back("workbook_grade_" + target_id(*exercise));
      ++to_build;
    }
  }
  say("building " + std::to_string(to_build) + " exercises against the tests");
  settings.keep_going = true;
  const BuildResult built = build_targets(targets, settings);
  const auto shown = shown_paths(root, build, staged);
  for (const FailedStep& step : built.failures) {
    bool attributed = false;
    for (const Exercise* exercise : workbook.exercises()) {
      ExerciseResult& result = results[exercise->id()];
      const std::string id = target_id(*exercise);
      if (contains(step.output, "workbook_ex_" + id + "_stubs.dir/")) {
        result.state = ExerciseState::compile_error;
        result.problem =
            exercise->stub_path() + " does not compile:\n" + compiler_excerpt(step.messages, shown);
        attributed = true;
      } else if (step.output == "bin/workbook_grade_" + id ||
                 contains(step.output, "/bin/workbook_grade_" + id)) {
        result.state = ExerciseState::link_error;
        result.problem = "the tests do not link with " + exercise->stub_path() + ":\n" +
                         compiler_excerpt(step.messages, shown);
        attributed = true;
      }
    }
    if (!attributed) {
      throw Failure("the instructor's code does not build (" + step.output + "):\n" +
                    compiler_excerpt(step.messages, shown, 30));
    }
  }
  if (!built.succeeded && built.failures.empty()) {
    throw Failure("the build failed:\n" + first_lines(built.log, 40));
  }

  say("built");
  // 4. The graded cases of each chapter, from the instructor's own build of its tests.
  RunSettings run;
  run.jobs = std::max(1u, options.jobs);
  run.scratch = work / "workbook-runs";
  std::map<std::string, std::vector<TestCase>> listings;
  for (const Chapter& chapter : workbook.chapters()) {
    listings[chapter.id] = list_cases(build / "bin" / ("workbook_listing_" + chapter.id), run);
  }
  auto cases_of = [&](const Exercise& exercise) {
    std::vector<TestCase> cases;
    for (const TestCase& test : listings[exercise.chapter]) {
      if (test.suite == exercise.name) cases.push_back(test);
    }
    sort_in_file_order(cases);
    return cases;
  };

  // 5. Run every case of every built exercise, each in its own process.
  std::vector<CaseJob> jobs;
  std::vector<std::pair<std::string, std::size_t>> owners;  // exercise id, index among its cases
  for (const Exercise* exercise : workbook.exercises()) {
    if (results[exercise->id()].state != ExerciseState::graded) continue;
    const fs::path program = build / "bin" / ("workbook_grade_" + target_id(*exercise));
    if (!fs::exists(program)) {
      throw Failure("the build did not make " + program.string() + " and reported no error");
    }
    const double limit = case_time_limit(workbook.chapter_of(*exercise), options.time_limit);
    const std::vector<TestCase> cases = cases_of(*exercise);
    for (std::size_t i = 0; i < cases.size(); ++i) {
      jobs.push_back({program, cases[i].path, limit});
      owners.emplace_back(exercise->id(), i);
    }
  }
  say("running " + std::to_string(jobs.size()) + " test cases, each in its own process");
  const double running_since = stopwatch.seconds();
  const std::vector<Verdict> verdicts = run_cases(jobs, run);
  remove_quietly(run.scratch);
  say("ran them in " + format_seconds(stopwatch.seconds() - running_since));

  std::map<std::string, std::vector<std::optional<Verdict>>> by_exercise;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    auto& list = by_exercise[owners[j].first];
    if (list.size() <= owners[j].second) list.resize(owners[j].second + 1);
    list[owners[j].second] = verdicts[j];
  }
  for (const Exercise* exercise : workbook.exercises()) {
    ExerciseResult& result = results[exercise->id()];
    const std::vector<TestCase> cases = cases_of(*exercise);
    std::vector<std::optional<Verdict>> case_verdicts = by_exercise[exercise->id()];
    case_verdicts.resize(cases.size());
    result.cases = score_cases(*exercise, cases, case_verdicts, false);
    if (result.state != ExerciseState::graded) {
      for (CaseResult& c : result.cases) {
        c.verdict.status = result.status();
        c.verdict.reason = "not graded: " + result.problem.substr(0, result.problem.find('\n'));
      }
    }
    grade.exercises.push_back(std::move(result));
  }
  grade.seconds = stopwatch.seconds();
  return grade;
}

}  // namespace workbook::tool
