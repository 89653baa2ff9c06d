// workbook: the teaching loop of the workbook, for students (check, hint, watch, progress) and
// instructors (grade, grade-batch, release, validate, gradescope). Run it as ./workbook from the
// root of the workbook; `workbook <command> --help` explains each command.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "process.hpp"

namespace workbook::tool {
/// The tree this program was built from (source_dir.cpp).
const char* source_dir();
}  // namespace workbook::tool

namespace {

using namespace workbook::tool;

// The workbook the tool works on: --root, else $WORKBOOK_ROOT (set by ./workbook), else the tree
// this program was built from.
fs::path workbook_root(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* variable = std::getenv("WORKBOOK_ROOT"); variable != nullptr && *variable) {
    return variable;
  }
  return source_dir();
}

// --time-limit, as every command that runs test cases takes it.
template <class Seconds>
void add_time_limit_option(CLI::App* command, Seconds& seconds) {
  command
      ->add_option("--time-limit", seconds,
                   "Seconds a test case may run (default: the manifest's, else 20)")
      ->check(CLI::PositiveNumber);
}

// --course-url, as the grading commands take it.
void add_course_url_option(CLI::App* command, std::string& url) {
  command->add_option("--course-url", url,
                      "Address of the HTML course, for the links of the feedback (default: the "
                      "course built in build/html)");
}

int run(int argc, char** argv) {
  CLI::App app{
      "workbook: the teaching loop of the optimization workbook.\n\n"
      "Students:     check [CHAPTER|EXERCISE], hint EXERCISE, watch [EXERCISE], progress\n"
      "Instructors:  grade PATH, grade-batch FOLDER, release --out DIR, validate,\n"
      "              gradescope --out FILE.zip\n\n"
      "Exit status: 0 done; 1 failed (for check: a test fails); 2 bad input.",
      "workbook"};
  app.require_subcommand(1);
  std::string root_option;
  app.add_option("--root", root_option,
                 "The workbook to work on (default: $WORKBOOK_ROOT, set by ./workbook, else the "
                 "tree this program was built from)");

  // --- Students ---
  StudentOptions student;
  auto add_student_options = [&](CLI::App* command) {
    command->add_option("--build-dir", student.build_dir,
                        "Your build folder (default: build/, the default preset's)");
    command->add_option("-j,--jobs", student.jobs, "Tests to run at once (default: every core)");
    add_time_limit_option(command, student.time_limit);
  };
  std::string check_name;
  CLI::App* check = app.add_subcommand(
      "check",
      "Build what one chapter or exercise needs, run its tests, and show the first failure with "
      "its diagnosis and the section of the notes to read.\n"
      "  workbook check ch01\n  workbook check gradient_descent_step");
  check->add_option("name", check_name,
                    "A chapter (ch01) or an exercise (gradient_descent_step); "
                    "default: every chapter");
  add_student_options(check);

  std::string hint_name;
  bool hint_reset = false;
  CLI::App* hint = app.add_subcommand(
      "hint",
      "Show the hints of an exercise, one more each time you ask: the idea, then the formula and "
      "its pitfalls, then a last nudge (a check by hand), never the code.\n"
      "  workbook hint gradient_descent_step");
  hint->add_option("exercise", hint_name, "The exercise")->required();
  hint->add_flag("--reset", hint_reset, "Start again from the first hint");

  std::string watch_name;
  int exit_after = 0;
  CLI::App* watch = app.add_subcommand(
      "watch",
      "Re-check on every save: rebuild and run the tests of the exercise you saved (or of the "
      "one named). Ctrl-C stops.\n  workbook watch\n  workbook watch armijo_backtracking");
  watch->add_option("name", watch_name, "A chapter or an exercise to check on every save");
  watch->add_option("--exit-after", exit_after, "Stop after this many checks (for scripts)");
  add_student_options(watch);

  CLI::App* progress = app.add_subcommand(
      "progress",
      "Exercises done out of all, per chapter, and the points the grader would give (hidden tests "
      "are graded by the instructor only). The tests of a program that has not changed since "
      "they last ran (in check, watch or progress) are not run again: their verdicts are kept.");
  add_student_options(progress);

  // --- Instructors ---
  GradeCommand grade_options;
  CLI::App* grade = app.add_subcommand(
      "grade",
      "Grade a submission: a student's copy of the workbook, or just its exercises/ folder. The "
      "student's exercises are built against this copy's tests (never the student's), each graded "
      "test runs in its own process with a time limit, and the results go to DIR: results.json "
      "(Gradescope), junit.xml, feedback.html. Exit status 0 whenever grading completed.\n"
      "  workbook grade submissions/alice --out grading/alice\n"
      "  Gradescope's run_autograder: ./workbook grade /autograder/submission --out "
      "/autograder/results");
  grade->add_option("path", grade_options.submission, "The submission folder")->required();
  grade->add_option("-o,--out", grade_options.out,
                    "Where the results go (default: grading/<submission>)");
  grade->add_option("-j,--jobs", grade_options.jobs, "Builds and tests at once (default: cores)");
  add_time_limit_option(grade, grade_options.time_limit);
  add_course_url_option(grade, grade_options.course_url);
  grade->add_option("--name", grade_options.name, "The student's name (default: the folder's)");
  grade->add_option(
      "--work-dir", grade_options.work_dir,
      "The build folder (default: <temp>/workbook-grading-<uid>/<name>-<random>, removed after)");
  grade->add_flag("--keep-build", grade_options.keep_build, "Keep the build folder");
  grade->add_flag("-q,--quiet", grade_options.quiet, "No progress messages");

  BatchCommand batch_options;
  CLI::App* batch = app.add_subcommand(
      "grade-batch",
      "Grade a folder of submissions (one folder per student) into DIR/<student>/ and a gradebook "
      "DIR/gradebook.csv (student, points per exercise, total, status). A submission with nothing "
      "to grade is marked 'not graded' and does not stop the others. Exit status 1 when the "
      "grader itself failed for a submission ('grading failed' in the gradebook) or when no "
      "submission was graded.\n"
      "  workbook grade-batch submissions/ --out grading/ -j 2");
  batch->add_option("folder", batch_options.folder, "The folder of submissions")->required();
  batch->add_option("-o,--out", batch_options.out,
                    "Where the results go (default: grading/<folder>)");
  batch->add_option("-j,--jobs", batch_options.jobs, "Submissions at once (default: cores)");
  add_time_limit_option(batch, batch_options.time_limit);
  add_course_url_option(batch, batch_options.course_url);
  batch->add_option("--work-dir", batch_options.work_dir,
                    "Build each submission in <DIR>-<student> (default: "
                    "<temp>/workbook-grading-<uid>/<student>-*)");

  ReleaseCommand release_options;
  CLI::App* release = app.add_subcommand(
      "release",
      "Make the student edition in DIR: the exercises as stubs, the tests, the notes, the library, "
      "the tools; without the reference solutions, the known mistakes, the hidden tests, build "
      "folders and .git. It carries the instructor's figures (docs/figures/) for its course.\n"
      "  workbook release --out ../workbook-2025");
  release->add_option("-o,--out", release_options.out, "A new folder for the edition")->required();
  release->add_option("--figures", release_options.figures,
                      "Folder of the drawn figures (default: build/plots; drawn when empty)");
  release->add_flag("--no-figures", release_options.no_figures, "Leave the figures out");

  GradescopeCommand gradescope_options;
  CLI::App* gradescope = app.add_subcommand(
      "gradescope",
      "Write a Gradescope autograder: a zip whose root holds this copy of the workbook (the files "
      "git tracks; without build folders, submissions/ and .git), setup.sh (installs the Debian "
      "packages with scripts/setup and builds what grading needs, once) and run_autograder (grades "
      "/autograder/submission into /autograder/results/results.json, or writes a results.json that "
      "says why grading failed, with no score). Both take their root from $AUTOGRADER_ROOT "
      "(default /autograder).\n"
      "  workbook gradescope --out autograder.zip --course-url https://example.org/course");
  gradescope->add_option("-o,--out", gradescope_options.out, "The zip to write (FILE.zip)")
      ->required();
  add_course_url_option(gradescope, gradescope_options.course_url);

  ValidateCommand validate_options;
  CLI::App* validate = app.add_subcommand(
      "validate",
      "Prove that the workbook grades as it should, for every chapter: the reference solutions "
      "earn every point, the untouched stubs none, each exercise has known mistakes that lose "
      "points and whose feedback names them, the manifests agree with the tests.\n"
      "  workbook validate\n  workbook validate --chapter ch01\n"
      "  workbook validate --quick   (files and manifests only, no build)");
  validate->add_flag("--quick", validate_options.quick, "Check files and manifests only");
  validate->add_option("--chapter", validate_options.chapter,
                       "Validate one chapter only (ch01): its files, tests, known mistakes and "
                       "grading");
  validate->add_option("-j,--jobs", validate_options.jobs, "Builds and tests at once");
  validate->add_option("--work-dir", validate_options.work_dir, "The build folder");
  validate->add_flag("--keep-build", validate_options.keep_build, "Keep the build folder");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : 2;
  }

  const fs::path root = workbook_root(root_option);
  install_interrupt_handler();
  if (*check) return check_command(root, check_name, student);
  if (*hint) return hint_command(root, hint_name, hint_reset);
  if (*watch) return watch_command(root, watch_name, student, exit_after);
  if (*progress) return progress_command(root, student);
  if (*grade) return grade_command(root, grade_options);
  if (*batch) return grade_batch_command(root, batch_options);
  if (*release) return release_command(root, release_options);
  if (*validate) return validate_command(root, validate_options);
  if (*gradescope) return gradescope_command(root, gradescope_options);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const BadInput& error) {
    std::cerr << "workbook: " << error.what() << std::endl;
    return 2;
  } catch (const Interrupted&) {
    std::cerr << "workbook: interrupted" << std::endl;
    return 130;
  } catch (const Failure& error) {
    std::cerr << "workbook: " << error.what() << std::endl;
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "workbook: " << error.what() << std::endl;
    return 1;
  }
}
