// The instructor's commands: grade, grade-batch, release.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "build.hpp"
#include "commands.hpp"
#include "grading.hpp"
#include "reports.hpp"

namespace workbook::tool {

namespace {

// The name a submission folder gives its student: "alice" for alice/ and alice/exercises/.
std::string name_of(const fs::path& path) {
  std::error_code error;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path), error);
  if (absolute.filename().empty()) absolute = absolute.parent_path();
  if (absolute.filename() == "exercises") absolute = absolute.parent_path();
  const std::string name = absolute.filename().string();
  return name.empty() ? "submission" : name;
}

void remove_stale_results(const fs::path& out) {
  for (const std::string& name : result_file_names()) {
    std::error_code ignored;
    fs::remove(out / name, ignored);
  }
}

}  // namespace

int grade_command(const fs::path& root, const GradeCommand& options) {
  const std::string provisional = options.name.empty() ? name_of(options.submission) : options.name;
  const fs::path out =
      options.out.empty() ? fs::path("grading") / provisional : fs::path(options.out);
  // Results of an earlier run would look like the results of this one: they go first.
  remove_stale_results(out);

  const Workbook workbook = Workbook::load(root);
  Submission submission = locate_submission(workbook, options.submission);
  GradeOptions grading;
  grading.out = out;
  grading.work_dir = options.work_dir;
  grading.keep_build = options.keep_build;
  grading.jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  grading.time_limit = options.time_limit;
  grading.course_url = options.course_url;
  grading.name = options.name;
  grading.quiet = options.quiet;
  const Grade grade = grade_submission(workbook, submission, grading);

  ReportSettings reports;
  reports.course_url = options.course_url;
  reports.out_dir = out;
  write_reports(workbook, grade, reports);
  std::cout << terminal_table(grade);
  std::cout << "\nGraded " << grade.submission << " in " << format_seconds(grade.seconds) << ": "
            << display_path(out / "results.json", fs::current_path()) << ", junit.xml, "
            << "feedback.html\n";
  for (const std::string& note : grade.notes) std::cout << "Note: " << note << "\n";
  return 0;
}

int grade_batch_command(const fs::path& root, const BatchCommand& options) {
  const Workbook workbook = Workbook::load(root);
  const fs::path folder = options.folder;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw BadInput(fs::exists(folder, error)
                       ? "'" + folder.string() + "' is not a folder of submissions"
                       : "the folder of submissions '" + folder.string() + "' does not exist");
  }
  std::vector<fs::path> submissions;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && !name.empty() && name[0] != '.')
      submissions.push_back(entry.path());
  }
  std::sort(submissions.begin(), submissions.end());
  if (submissions.empty()) {
    throw BadInput("no submissions in '" + folder.string() +
                   "': expected one folder per student (alice/, bob/, ...)");
  }
  const fs::path out =
      options.out.empty() ? fs::path("grading") / name_of(folder) : fs::path(options.out);
  fs::create_directories(out);
  std::error_code ignored;
  fs::remove(out / "gradebook.csv", ignored);
  fs::remove(out / "class_report.html", ignored);

  const unsigned cores = default_jobs();
  const unsigned at_once =
      std::max(1u, std::min<unsigned>(options.jobs == 0 ? cores : options.jobs,
                                      static_cast<unsigned>(submissions.size())));
  const unsigned per_submission = std::max(1u, cores / at_once);
  const fs::path self = self_executable();
  std::vector<Command> commands;
  std::vector<std::string> students;
  for (const fs::path& submission : submissions) {
    const std::string student = submission.filename().string();
    students.push_back(student);
    const fs::path student_out = out / student;
    fs::create_directories(student_out);
    Command command;
    command.argv = {self.string(),
                    "--root",
                    root.string(),
                    "grade",
                    submission.string(),
                    "--out",
                    student_out.string(),
                    "--name",
                    student,
                    "--jobs",
                    std::to_string(per_submission),
                    "--quiet"};
    if (options.time_limit) {
      command.argv.push_back("--time-limit");
      command.argv.push_back(format_points(*options.time_limit));
    }
    if (!options.course_url.empty()) {
      command.argv.push_back("--course-url");
      command.argv.push_back(options.course_url);
    }
    if (!options.work_dir.empty()) {
      command.argv.push_back("--work-dir");
      command.argv.push_back(options.work_dir + "-" + student);
    }
    command.stdout_file = student_out / "grade.log";
    command.stderr_file = student_out / "grade.log";
    command.limits.wall_seconds = 3600;
    commands.push_back(std::move(command));
  }
  std::cerr << "grade-batch: " << submissions.size() << " submissions, " << at_once << " at a time"
            << std::endl;

  // A submission is graded (results.json written), rejected (`grade` exits 2: nothing in it can be
  // graded, e.g. no exercise files), or could not be graded at all (the grader failed: the
  // instructor's code does not build, a program it needs is missing, it was killed). The last is
  // never the student's fault and never reads as a score.
  std::vector<GradebookRow> rows(submissions.size());
  std::vector<ClassEntry> class_entries(submissions.size());
  std::size_t graded = 0, rejected = 0, failed = 0;
  run_all(commands, at_once, [&](std::size_t i, const Outcome& outcome) {
    GradebookRow& row = rows[i];
    row.student = students[i];
    const fs::path results = out / students[i] / "results.json";
    nlohmann::json parsed;
    bool ok = outcome.succeeded() && fs::exists(results);
    if (ok) {
      try {
        parsed = nlohmann::json::parse(read_file(results));
      } catch (const nlohmann::json::exception&) {
        ok = false;
      }
    }
    if (!ok) {
      std::string reason = outcome.describe();
      for (const std::string& line : split_lines(read_file(out / students[i] / "grade.log"))) {
        if (starts_with(line, "workbook: ")) reason = line.substr(10);
      }
      const bool submission_unusable = outcome.exited && outcome.exit_code == 2;
      row.points.assign(workbook.exercises().size(), "");
      row.status = (submission_unusable ? "not graded: " : "grading failed: ") + reason;
      ++(submission_unusable ? rejected : failed);
      class_entries[i] = ClassEntry{students[i], row.status, {}};
      std::cerr << "  " << students[i] << ": "
                << (submission_unusable ? "NOT GRADED: "
                                        : "GRADING FAILED, not the student's fault: ")
                << reason << " (see "
                << display_path(out / students[i] / "grade.log", fs::current_path()) << ")"
                << std::endl;
      return;
    }
    std::map<std::string, double> points;
    for (const auto& exercise : parsed["extra_data"]["exercises"]) {
      points[exercise["chapter"].get<std::string>() + "/" +
             exercise["exercise"].get<std::string>()] = exercise["score"].get<double>();
    }
    for (const Exercise* exercise : workbook.exercises()) {
      const auto found = points.find(exercise->id());
      row.points.push_back(found == points.end() ? "" : format_points(found->second));
    }
    row.total = format_points(parsed["score"].get<double>());
    row.status = "graded";
    ++graded;
    class_entries[i] = class_entry(students[i], parsed);
    std::cerr << "  " << students[i] << ": " << row.total << " / "
              << format_points(parsed["extra_data"]["max_score"].get<double>()) << std::endl;
  });
  write_file_atomically(out / "gradebook.csv", gradebook_csv(workbook, rows));
  std::cout << "Graded " << graded << " of " << rows.size()
            << " submissions: " << display_path(out / "gradebook.csv", fs::current_path()) << "\n";
  ReportSettings class_settings;
  class_settings.course_url = options.course_url;
  class_settings.out_dir = out;
  write_file_atomically(
      out / "class_report.html",
      class_report_html(workbook, class_report(workbook, class_entries), class_settings));
  std::cout << "Class report (what to teach again): "
            << display_path(out / "class_report.html", fs::current_path()) << "\n";
  if (rejected > 0) {
    std::cout << rejected << (rejected == 1 ? " submission has" : " submissions have")
              << " nothing to grade (\"not graded\" in the gradebook)\n";
  }
  if (failed > 0) {
    throw Failure(std::to_string(failed) + " of " + std::to_string(rows.size()) +
                  " submissions could not be graded: the grader itself failed (\"grading failed\" "
                  "in the gradebook, with the reason; each grade.log has the details)");
  }
  if (graded == 0) {
    throw Failure("no submission was graded: none of the " + std::to_string(rows.size()) +
                  " folders in '" + folder.string() + "' holds an exercise of this workbook");
  }
  return 0;
}

// --- The student edition -----------------------------------------------------------------------

namespace {

// What the student edition leaves out, by path below the root.
std::string left_out_because(const fs::path& relative) {
  auto it = relative.begin();
  if (it == relative.end()) return "";
  const std::string top = it->string();
  if (top == ".git" || top == ".workbook" || top == ".cache" || top == "out" || top == "grading" ||
      starts_with(top, "build")) {
    return "build and state folders";
  }
  // Where the README puts the students' work: it never goes to the next class.
  if (top == "submissions") return "students' submissions";
  if (top == "solutions") {
    ++it;
    if (it == relative.end()) return "";
    ++it;
    if (it == relative.end()) return "";
    const std::string kind = it->string();
    if (kind == "reference") return "reference solutions";
    if (kind == "mistakes") return "known mistakes";
    if (kind == "hidden") return "hidden tests";
  }
  return "";
}

// The files that may go into the edition and, in a git checkout, the files left out because git
// does not track them (an instructor's scratch files, students' work): only what is committed is
// released.
struct ReleaseCandidates {
  std::vector<fs::path> files;
  std::size_t untracked = 0;
};

std::vector<fs::path> git_files(const fs::path& root, const std::vector<std::string>& which) {
  Command command;
  command.argv = {"git", "-C", root.string(), "ls-files", "-z"};
  command.argv.insert(command.argv.end(), which.begin(), which.end());
  command.limits.wall_seconds = 120;
  const Captured listed = run_captured(command, 64 << 20);
  if (!listed.outcome.succeeded()) {
    throw Failure("git ls-files failed in " + root.string() + " (" + listed.outcome.describe() +
                  "):\n" + first_lines(listed.output, 10));
  }
  std::set<std::string> unique;
  std::size_t start = 0;
  const std::string& text = listed.output;
  while (start < text.size()) {
    std::size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) unique.insert(text.substr(start, end - start));
    start = end + 1;
  }
  std::vector<fs::path> files;
  for (const std::string& file : unique) {
    if (fs::is_regular_file(fs::symlink_status(root / file))) files.emplace_back(file);
  }
  return files;
}

ReleaseCandidates files_to_release(const fs::path& root) {
  ReleaseCandidates candidates;
  if (fs::exists(root / ".git") && !find_program("git").empty()) {
    candidates.files = git_files(root, {"--cached"});
    candidates.untracked = git_files(root, {"--others", "--exclude-standard"}).size();
    return candidates;
  }
  // Not a git checkout: every file but those of build and state folders (release sorts the rest).
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path relative = fs::relative(it->path(), root);
    const std::string reason = left_out_because(relative);
    if (it->is_directory() &&
        (reason == "build and state folders" || reason == "students' submissions")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && !it->is_symlink()) candidates.files.push_back(relative);
  }
  return candidates;
}

// The figures the instructor's tests drew; drawn now (in build-figures/) when there are none.
std::vector<fs::path> instructor_figures(const Workbook& workbook, const ReleaseCommand& options) {
  auto figures_in = [](const fs::path& folder) {
    std::vector<fs::path> figures;
    std::error_code error;
    if (!fs::is_directory(folder, error)) return figures;
    for (const auto& entry : fs::directory_iterator(folder)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() && (extension == ".svg" || extension == ".png")) {
        figures.push_back(entry.path());
      }
    }
    std::sort(figures.begin(), figures.end());
    return figures;
  };
  if (!options.figures.empty()) {
    const auto figures = figures_in(options.figures);
    if (figures.empty()) {
      throw BadInput("no figures (*.svg, *.png) in '" + options.figures + "'");
    }
    return figures;
  }
  const fs::path& root = workbook.root();
  // Where the instructor's build draws them: its index says (the default preset's build/).
  fs::path plots = root / "build" / "plots";
  if (fs::exists(root / "build" / "workbook_index.json")) {
    const BuildIndex index = BuildIndex::read(root / "build");
    if (!index.plot_dir.empty()) plots = index.plot_dir;
  }
  if (auto figures = figures_in(plots); !figures.empty()) return figures;
  std::cerr << "release: no figures in " << display_path(plots, root)
            << ": drawing them with the reference solutions "
               "(build-figures)"
            << std::endl;
  const fs::path build = root / "build-figures";
  BuildSettings settings;
  settings.build_dir = build;
  settings.jobs = default_jobs();
  configure({"-S", root.string(), "-B", build.string(), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug",
             "-DWORKBOOK_SOLUTIONS=reference", "-DWORKBOOK_DOCS=OFF", "-DWORKBOOK_BENCHMARKS=OFF",
             "-DWORKBOOK_DIAGNOSIS_TESTS=OFF", "-DWORKBOOK_PLOT_DIR=" + (build / "plots").string()},
            settings);
  const BuildResult built = build_targets({}, settings);
  if (!built.succeeded)
    throw Failure("building the figures failed:\n" + first_lines(built.log, 30));
  Command ctest;
  ctest.argv = {
      "ctest", "--test-dir", build.string(), "-L", "plot", "-j", std::to_string(settings.jobs)};
  ctest.limits.wall_seconds = 1800;
  const Captured drawn = run_captured(ctest);
  if (!drawn.outcome.succeeded()) {
    throw Failure("drawing the figures failed:\n" + first_lines(drawn.output, 30));
  }
  return figures_in(build / "plots");
}

}  // namespace

InstructorFiles instructor_copy_files(const fs::path& root) {
  const ReleaseCandidates candidates = files_to_release(root);
  InstructorFiles copy;
  copy.untracked = candidates.untracked;
  for (const fs::path& file : candidates.files) {
    const std::string reason = left_out_because(file);
    if (reason == "build and state folders" || reason == "students' submissions") continue;
    copy.files.push_back(file);
  }
  return copy;
}

int release_command(const fs::path& root, const ReleaseCommand& options) {
  const Workbook workbook = Workbook::load(root);
  if (options.out.empty()) throw BadInput("release needs --out DIR");
  const fs::path out = fs::absolute(options.out).lexically_normal();
  std::error_code error;
  if (fs::exists(out, error) && !(fs::is_directory(out) && fs::is_empty(out))) {
    throw BadInput("'" + options.out + "' exists and is not empty: give a new folder");
  }
  const fs::path relative_out = out.lexically_relative(workbook.root());
  if (!relative_out.empty() && !starts_with(relative_out.string(), "..") &&
      left_out_because(relative_out).empty()) {
    throw BadInput("'" + options.out +
                   "' lies inside the workbook: give a folder outside it, or "
                   "a build*/ folder");
  }
  // Every exercise is handed out as its stub: refuse to release a completed one.
  for (const Exercise* exercise : workbook.exercises()) {
    const fs::path stub = workbook.root() / exercise->stub_path();
    if (!contains(read_file(stub), "WORKBOOK_NOT_IMPLEMENTED")) {
      throw BadInput(exercise->stub_path() +
                     " is not a stub (it does not call WORKBOOK_NOT_IMPLEMENTED): releasing it "
                     "would hand out a solution");
    }
  }
  const std::vector<fs::path> figures =
      options.no_figures ? std::vector<fs::path>{} : instructor_figures(workbook, options);

  // Everything goes to a temporary folder next to DIR, renamed to DIR at the end.
  fs::create_directories(out.parent_path());
  const fs::path staging =
      out.parent_path() / ("." + out.filename().string() + ".partial-" + random_hex(8));
  RemovedAtScopeExit cleanup{staging};
  std::map<std::string, std::size_t> left_out;
  std::size_t copied = 0;
  const ReleaseCandidates candidates = files_to_release(workbook.root());
  if (candidates.untracked > 0) {
    left_out["files git does not track (commit them to release them)"] = candidates.untracked;
  }
  for (const fs::path& file : candidates.files) {
    const std::string reason = left_out_because(file);
    if (!reason.empty()) {
      ++left_out[reason];
      continue;
    }
    fs::create_directories((staging / file).parent_path());
    fs::copy_file(workbook.root() / file, staging / file, fs::copy_options::overwrite_existing);
    fs::permissions(staging / file, fs::status(workbook.root() / file).permissions());
    ++copied;
  }
  // The edition says what it is: the build uses the stubs, and the tool grades nothing in it.
  write_file_atomically(staging / "edition.json", "{\n  \"edition\": \"student\"\n}\n");
  // The stubs cannot draw the course's figures: the edition carries the instructor's, which the
  // course's build copies into the plot folder until the student's own tests redraw them.
  if (!figures.empty()) {
    fs::create_directories(staging / "docs" / "figures");
    for (const fs::path& figure : figures) {
      fs::copy_file(figure, staging / "docs" / "figures" / figure.filename(),
                    fs::copy_options::overwrite_existing);
    }
  }
  // A last look: nothing of what must stay with the instructor made it in.
  for (auto it = fs::recursive_directory_iterator(staging);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string reason = left_out_because(fs::relative(it->path(), staging));
    if (!reason.empty())
      throw Failure("internal error: " + it->path().string() + " (" + reason + ")");
  }
  if (fs::exists(out)) fs::remove(out);
  fs::rename(staging, out);
  cleanup.folder.clear();

  std::cout << "Student edition in " << out.string() << ": " << copied << " files";
  if (!figures.empty()) std::cout << "; figures: " << figures.size() << ", in docs/figures/";
  std::vector<std::string> kinds;
  for (const auto& [reason, count] : left_out) {
    kinds.push_back(reason + " (" + std::to_string(count) + " files)");
  }
  std::cout << ".\nLeft out: " << (kinds.empty() ? "nothing" : join(kinds, ", ")) << "\n";
  if (figures.empty()) {
    std::cout << "No figures: the edition's HTML course needs them (docs/figures/) until the "
                 "student's tests draw them.\n";
  }
  return 0;
}

}  // namespace workbook::tool
