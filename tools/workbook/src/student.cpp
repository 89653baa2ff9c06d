// The student's loop: check, hint, watch, progress. They work in the student's own build (the
// default preset's build/), build only the test programs they need (named by the build's index),
// and run each graded test case in its own process, as grading does.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "build.hpp"
#include "commands.hpp"
#include "grading.hpp"
#include "pipeline.hpp"
#include "reports.hpp"

namespace workbook::tool {

namespace {

struct Selection {
  std::vector<const Exercise*> exercises;
  std::vector<const Chapter*> chapters;
  std::string label;
};

Selection select(const Workbook& workbook, const std::string& name) {
  Selection selection;
  if (name.empty()) {
    for (const Chapter& chapter : workbook.chapters()) selection.chapters.push_back(&chapter);
    selection.exercises = workbook.exercises();
    selection.label = "every chapter";
    return selection;
  }
  if (const Chapter* chapter = workbook.chapter(name)) {
    selection.chapters.push_back(chapter);
    for (const Exercise& exercise : chapter->exercises) selection.exercises.push_back(&exercise);
    selection.label = chapter->id;
    return selection;
  }
  if (const Exercise* exercise = workbook.exercise(name)) {
    selection.chapters.push_back(&workbook.chapter_of(*exercise));
    selection.exercises.push_back(exercise);
    selection.label = exercise->id();
    return selection;
  }
  throw BadInput("no chapter or exercise is called '" + name +
                 "'. The chapters and their exercises:" + workbook.valid_names());
}

fs::path build_dir_of(const Workbook& workbook, const StudentOptions& options) {
  return options.build_dir.empty() ? workbook.root() / "build" : fs::absolute(options.build_dir);
}

// Builds the test programs of `chapters` in the student's build; on failure prints the first
// error, in the student's terms, and returns false. Each exercise's file is built alone when the
// whole fails, so that a compile error is named by the exercise whose file it is in.
bool build_tests(const Workbook& workbook, const fs::path& build, const BuildIndex& index,
                 const std::vector<const Chapter*>& chapters, unsigned jobs) {
  BuildSettings settings;
  settings.build_dir = build;
  settings.jobs = jobs;
  std::vector<std::string> programs;
  for (const Chapter* chapter : chapters) {
    const IndexChapter* built = index.chapter(chapter->id);
    if (built == nullptr || !built->tests) {
      throw Failure("the build in " + build.string() + " has no tests for " + chapter->id + " (" +
                    index.file.string() + ")");
    }
    programs.push_back(built->tests->target);
  }
  settings.keep_going = true;
  if (build_targets(programs, settings).succeeded) return true;

  // Which files do not compile: the tests link every exercise's objects.
  const auto shown = shown_paths(workbook.root(), build);
  std::vector<std::string> objects;
  std::map<std::string, std::string> source_of;
  for (const IndexChapter& chapter : index.chapters) {
    for (const IndexExercise& exercise : chapter.exercises) {
      objects.push_back(exercise.objects_target);
      source_of[exercise.objects_target] = display_path(exercise.objects_source, workbook.root());
    }
  }
  std::map<std::string, std::string> failed = build_each(objects, settings);
  bool reported = false;
  for (const std::string& target : objects) {
    const auto found = failed.find(target);
    if (found == failed.end()) continue;
    std::cout << "x " << source_of[target] << " does not compile:\n"
              << compiler_excerpt(found->second, shown, 15) << "\n\n";
    reported = true;
  }
  if (!reported) {
    failed = build_each(programs, settings);
    for (const std::string& target : programs) {
      const auto found = failed.find(target);
      if (found == failed.end()) continue;
      const std::string excerpt = compiler_excerpt(found->second, shown, 15);
      std::cout << "x the build of " << target << " failed:\n"
                << (excerpt.empty() ? first_lines(found->second, 30) : excerpt) << "\n\n";
      reported = true;
    }
  }
  if (!reported) return true;  // built at the second attempt
  std::cout << "Fix the first error above, save, and check again.\n";
  return false;
}

// Runs the graded cases of `exercises` (all of one or more chapters) in the student's build.
std::vector<ExerciseResult> run_in_build(const Workbook& workbook, const BuildIndex& index,
                                         const fs::path& build,
                                         const std::vector<const Exercise*>& exercises,
                                         const StudentOptions& options) {
  std::vector<ExerciseRun> runs;
  for (const Exercise* exercise : exercises) {
    ExerciseRun run;
    run.exercise = exercise;
    run.listing = run.program = index.chapter(exercise->chapter)->tests->file;
    runs.push_back(std::move(run));
  }
  PipelineSettings pipeline;
  pipeline.run.jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  pipeline.run.scratch = build / "workbook-runs" / random_hex(8);
  pipeline.run.env = index.test_environment;
  pipeline.time_limit = options.time_limit;
  pipeline.add_declared_hidden = true;
  pipeline.kept_verdicts = build / "workbook-verdicts.json";
  return run_exercises(workbook, runs, pipeline);
}

// Says how many cases were not run again (PipelineSettings::kept_verdicts), when any.
void say_kept(const std::vector<ExerciseResult>& results) {
  int kept = 0, ran = 0;
  for (const ExerciseResult& r : results) {
    for (const CaseResult& c : r.cases) {
      ran += c.ran ? 1 : 0;
      kept += c.ran && c.verdict.kept ? 1 : 0;
    }
  }
  if (kept == 0) return;
  std::cout << "(" << kept << " of these " << ran << " tests did not run again: their test "
            << "programs have not changed since they last ran, and their verdicts were kept.)\n";
}

double hidden_points(const ExerciseResult& result) {
  double points = 0;
  for (const CaseResult& c : result.cases) {
    if (!c.ran && c.hidden) points += c.max_points;
  }
  return points;
}

std::string points_text(const ExerciseResult& result) {
  // Points the student can see: those of the cases that ran here.
  return format_points(result.points()) + " / " + format_points(result.max_points());
}

void print_section(const Workbook& workbook, const Exercise& exercise, const CaseResult* result,
                   const fs::path& build) {
  const auto section = section_of(workbook, exercise, result);
  if (!section) return;
  std::cout << "  Read §" << section->title << "  (" << section->notes_file.string() << ", #"
            << section->anchor << ")\n";
  const fs::path page = build / "html" / (workbook.chapter_of(exercise).page + ".html");
  if (fs::exists(page)) {
    std::cout << "       " << display_path(page, fs::current_path()) << "#" << section->anchor
              << "\n";
  }
}

}  // namespace

int check_command(const fs::path& root, const std::string& name, const StudentOptions& options) {
  const Workbook workbook = Workbook::load(root);
  const Selection selection = select(workbook, name);
  const fs::path build = build_dir_of(workbook, options);
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  const BuildIndex index = open_build(workbook.root(), build);
  if (!build_tests(workbook, build, index, selection.chapters, jobs)) return 1;
  const std::vector<ExerciseResult> results =
      run_in_build(workbook, index, build, selection.exercises, options);

  std::size_t width = 0;
  for (const ExerciseResult& r : results) width = std::max(width, r.exercise->id().size());
  const ExerciseResult* first_failed = nullptr;
  const CaseResult* first_case = nullptr;
  for (const ExerciseResult& r : results) {
    const int ran = r.run(), ok = r.passed();
    std::cout << (r.complete() ? "ok " : "x  ") << pad(r.exercise->id(), width + 2)
              << pad(points_text(r) + " points", 18) << ok << " of " << ran << " tests pass";
    if (const double hidden = hidden_points(r); hidden > 0) {
      std::cout << " (" << format_points(hidden) << " points in hidden tests, graded by the "
                << "instructor)";
    }
    std::cout << "\n";
    if (first_failed == nullptr) {
      for (const CaseResult& c : r.cases) {
        if (c.ran && !c.verdict.passed) {
          first_failed = &r;
          first_case = &c;
          break;
        }
      }
    }
  }
  say_kept(results);
  if (first_failed == nullptr) {
    std::cout << "\nEvery test of " << selection.label << " passes.\n";
    return 0;
  }
  const CaseResult& c = *first_case;
  std::cout << "\nFirst failure: " << first_failed->exercise->id() << "/" << c.test.name;
  if (!c.test.file.empty()) std::cout << "  (" << c.test.file << ":" << c.test.line << ")";
  std::cout << "\n";
  if (!c.test.description.empty()) std::cout << "  " << c.test.description << "\n";
  for (const std::string& line : split_lines(c.verdict.diagnosis(c.hidden))) {
    std::cout << "  " << line << "\n";
  }
  // A test may also use another exercise (a later chapter's optimizer calling the gradient step):
  // its stub then fails this test. The grader uses the reference solution for the other one.
  for (const Exercise* other : workbook.exercises()) {
    if (other == first_failed->exercise) continue;
    for (const Finding& finding : c.verdict.findings) {
      if (contains(finding.message, "not implemented yet: " + other->stub_path())) {
        std::cout << "  This test also uses " << other->id() << ", not implemented yet. (Grading "
                  << "uses the reference solution for it: only " << first_failed->exercise->id()
                  << " counts here.)\n";
        break;
      }
    }
  }
  print_section(workbook, *first_failed->exercise, &c, build);
  int more = 0;
  for (const CaseResult& other : first_failed->cases) {
    if (other.ran && !other.verdict.passed && &other != &c) ++more;
  }
  if (more > 0) {
    std::cout << "  (" << more << " more failing test" << (more == 1 ? "" : "s")
              << " in this exercise: fix this one first)\n";
  }
  return 1;
}

int progress_command(const fs::path& root, const StudentOptions& options) {
  const Workbook workbook = Workbook::load(root);
  const fs::path build = build_dir_of(workbook, options);
  std::vector<const Chapter*> chapters;
  for (const Chapter& chapter : workbook.chapters()) chapters.push_back(&chapter);
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  const BuildIndex index = open_build(workbook.root(), build);
  if (!build_tests(workbook, build, index, chapters, jobs)) return 1;
  const std::vector<ExerciseResult> results =
      run_in_build(workbook, index, build, workbook.exercises(), options);

  std::size_t width = 0;
  for (const ExerciseResult& r : results) width = std::max(width, r.exercise->name.size());
  int done = 0, total = 0;
  double points = 0, max_points = 0, hidden = 0;
  std::size_t at = 0;
  for (const Chapter& chapter : workbook.chapters()) {
    int chapter_done = 0;
    double chapter_points = 0, chapter_max = 0;
    std::vector<const ExerciseResult*> rows;
    for (std::size_t k = 0; k < chapter.exercises.size(); ++k, ++at) {
      const ExerciseResult& r = results[at];
      rows.push_back(&r);
      chapter_done += r.complete() ? 1 : 0;
      chapter_points += r.points();
      chapter_max += r.max_points();
      hidden += hidden_points(r);
    }
    std::cout << "Chapter " << chapter.number << ": " << chapter.title << "   " << chapter_done
              << " / " << chapter.exercises.size() << " done, " << format_points(chapter_points)
              << " / " << format_points(chapter_max) << " points\n";
    for (const ExerciseResult* r : rows) {
      const std::string status = r->status();
      std::cout << "  "
                << (r->complete()                 ? "ok"
                    : status == "not implemented" ? "--"
                                                  : "x ")
                << " " << pad(r->exercise->name, width + 2) << pad(points_text(*r), 12) << status
                << "\n";
    }
    done += chapter_done;
    total += static_cast<int>(chapter.exercises.size());
    points += chapter_points;
    max_points += chapter_max;
  }
  std::cout << "\nTotal: " << done << " / " << total << " exercises done, " << format_points(points)
            << " / " << format_points(max_points) << " points";
  if (hidden > 0) {
    std::cout << " (" << format_points(hidden)
              << " of them in hidden tests, which only the instructor's grading runs)";
  }
  std::cout << "\n";
  say_kept(results);
  return 0;
}

// --- Hints -------------------------------------------------------------------------------------

int hint_command(const fs::path& root, const std::string& name, bool reset) {
  const Workbook workbook = Workbook::load(root);
  const Exercise* exercise = workbook.exercise(name);
  if (exercise == nullptr) {
    throw BadInput("no exercise is called '" + name + "'. The exercises:" + workbook.valid_names());
  }
  const fs::path state_file = workbook.root() / ".workbook" / "hints.json";
  nlohmann::json state = nlohmann::json::object();
  if (fs::exists(state_file)) {
    try {
      state = nlohmann::json::parse(read_file(state_file));
      if (!state.is_object()) state = nlohmann::json::object();
    } catch (const nlohmann::json::exception&) {
      state = nlohmann::json::object();  // a damaged state file starts over
    }
  }
  const std::string id = exercise->id();
  const std::size_t count = exercise->hints.size();
  std::size_t shown =
      state.contains(id) && state[id].is_number_unsigned() ? state[id].get<std::size_t>() : 0;
  if (reset) {
    state.erase(id);
    fs::create_directories(state_file.parent_path());
    write_file_atomically(state_file, state.dump(2) + "\n");
    std::cout << "The hints of " << id << " start again from the first.\n";
    return 0;
  }
  if (count == 0) {
    std::cout << id << " has no hints.";
    if (const auto section = workbook.section(exercise->section)) {
      std::cout << " Read §" << section->title << " (" << section->notes_file.string() << ").";
    }
    std::cout << "\n";
    return 0;
  }
  const bool had_all = shown >= count;
  shown = std::min(count, shown + 1);
  state[id] = shown;
  fs::create_directories(state_file.parent_path());
  write_file_atomically(state_file, state.dump(2) + "\n");

  std::cout << "Hints for " << id << " (" << exercise->title << "), " << shown << " of " << count
            << ":\n";
  for (std::size_t k = 0; k < shown; ++k) {
    std::cout << "\n"
              << (k + 1 == shown && !had_all ? "> " : "  ") << "Hint " << k + 1 << ": "
              << exercise->hints[k] << "\n";
  }
  std::cout << "\n";
  if (had_all) {
    std::cout << "That was the last hint. `workbook hint " << exercise->name
              << " --reset` starts again.\n";
  } else if (shown < count) {
    std::cout << "Ask again for hint " << shown + 1 << ".\n";
  } else {
    std::cout << "That is the last hint.\n";
  }
  return 0;
}

// --- Watch -------------------------------------------------------------------------------------

namespace {

class Watcher {
 public:
  explicit Watcher(const fs::path& folder) {
    fd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd_ < 0) throw Failure("cannot watch files: inotify_init1 failed");
    add_tree(folder);
  }
  ~Watcher() { close(fd_); }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Waits for a saved source file; then waits until nothing changed for `quiet_ms` (an editor's
  // save is several events). Returns the files saved; empty when interrupted.
  std::vector<fs::path> wait_for_saves(int quiet_ms) {
    std::vector<fs::path> saved;
    while (!interrupted()) {
      struct pollfd p = {fd_, POLLIN, 0};
      const int ready = poll(&p, 1, saved.empty() ? 500 : quiet_ms);
      if (ready < 0) continue;  // EINTR: look at the interrupt flag
      if (ready == 0) {
        if (!saved.empty()) return saved;
        continue;
      }
      read_events(saved);
    }
    return {};
  }

 private:
  void add_tree(const fs::path& folder) {
    add(folder);
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(folder, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (error) break;
      if (it->is_directory()) add(it->path());
    }
  }

  void add(const fs::path& folder) {
    const int wd = inotify_add_watch(fd_, folder.c_str(),
                                     IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF);
    if (wd >= 0) folders_[wd] = folder;
  }

  void read_events(std::vector<fs::path>& saved) {
    alignas(struct inotify_event) char buffer[16384];
    while (true) {
      const ssize_t length = read(fd_, buffer, sizeof buffer);
      if (length <= 0) return;
      for (char* at = buffer; at < buffer + length;) {
        const auto* event = reinterpret_cast<const struct inotify_event*>(at);
        at += sizeof(struct inotify_event) + event->len;
        if (event->len == 0 || folders_.count(event->wd) == 0) continue;
        const fs::path path = folders_[event->wd] / event->name;
        if (event->mask & IN_ISDIR) {
          if (event->mask & IN_CREATE) add_tree(path);
          continue;
        }
        const std::string name = event->name;
        const std::string extension = path.extension().string();
        if (name.empty() || name[0] == '.' || name.back() == '~') continue;
        if (extension != ".cpp" && extension != ".hpp" && extension != ".h") continue;
        if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) {
          if (std::find(saved.begin(), saved.end(), path) == saved.end()) saved.push_back(path);
        }
      }
    }
  }

  int fd_ = -1;
  std::map<int, fs::path> folders_;
};

std::string clock_time() {
  const std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", std::localtime(&now));
  return text;
}

}  // namespace

int watch_command(const fs::path& root, const std::string& name, const StudentOptions& options,
                  int exit_after) {
  const Workbook workbook = Workbook::load(root);
  if (!name.empty()) select(workbook, name);  // an unknown name fails now, not at the first save
  const fs::path folder = workbook.root() / "exercises";
  Watcher watcher(folder);
  std::cout << "Watching exercises/ (Ctrl-C stops). Each save re-checks "
            << (name.empty() ? std::string("the exercise saved") : name) << "." << std::endl;
  int runs = 0;
  while (exit_after <= 0 || runs < exit_after) {
    const std::vector<fs::path> saved = watcher.wait_for_saves(300);
    if (saved.empty()) break;  // interrupted
    std::string target = name;
    if (target.empty()) {
      for (const Exercise* exercise : workbook.exercises()) {
        if (saved.back() == folder / exercise->chapter / exercise->file) target = exercise->id();
      }
      if (target.empty()) {
        // A helper file: check the chapter of its folder, if it is one.
        const std::string chapter = saved.back().parent_path().filename().string();
        if (workbook.chapter(chapter) != nullptr) target = chapter;
      }
    }
    if (target.empty()) continue;
    std::cout << "\n---- " << clock_time() << "  " << display_path(saved.back(), workbook.root())
              << " saved: checking " << target << "\n"
              << std::flush;
    try {
      check_command(root, target, options);
    } catch (const BadInput& error) {
      std::cout << error.what() << "\n";
    } catch (const Failure& error) {
      std::cout << error.what() << "\n";
    }
    std::cout << std::flush;
    ++runs;
  }
  // Ctrl-C is how a student ends watch: a normal end, not an error.
  if (interrupted()) std::cout << "\nStopped watching (Ctrl-C).\n";
  return 0;
}

}  // namespace workbook::tool
