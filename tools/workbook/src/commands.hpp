// The subcommands of `workbook`. Each returns the exit status: 0 done, 1 failed (or, for check
// and progress, not every test passes), 2 bad input; BadInput and Failure are turned into 2 and 1
// by main().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace workbook::tool {

struct GradeCommand {
  std::string submission;
  std::string out;
  std::string work_dir;
  bool keep_build = false;
  unsigned jobs = 0;
  std::optional<double> time_limit;
  std::string course_url;
  std::string name;
  bool quiet = false;
};
int grade_command(const fs::path& root, const GradeCommand& options);

struct BatchCommand {
  std::string folder;
  std::string out;
  unsigned jobs = 0;  ///< submissions at once
  std::optional<double> time_limit;
  std::string course_url;
  std::string work_dir;  ///< empty: each submission's default; else <work_dir>-<student>
};
int grade_batch_command(const fs::path& root, const BatchCommand& options);

struct ReleaseCommand {
  std::string out;
  std::string figures;
  bool no_figures = false;
};
int release_command(const fs::path& root, const ReleaseCommand& options);

struct GradescopeCommand {
  std::string out;  ///< the zip to write: FILE.zip
  std::string course_url;
};
int gradescope_command(const fs::path& root, const GradescopeCommand& options);

/// The files of the instructor's copy, by path below its root: those git tracks (every file,
/// outside a git checkout), but build and state folders, submissions/ and .git; and how many
/// files git does not track were left out (instructor.cpp).
struct InstructorFiles {
  std::vector<fs::path> files;
  std::size_t untracked = 0;
};
InstructorFiles instructor_copy_files(const fs::path& root);

struct ValidateCommand {
  bool quick = false;
  std::string chapter;  ///< empty: every chapter
  unsigned jobs = 0;
  std::string work_dir;
  bool keep_build = false;
};
int validate_command(const fs::path& root, const ValidateCommand& options);

struct StudentOptions {
  std::string build_dir;  ///< empty: <root>/build (the default preset)
  unsigned jobs = 0;
  std::optional<double> time_limit;
};
int check_command(const fs::path& root, const std::string& name, const StudentOptions& options);
int hint_command(const fs::path& root, const std::string& name, bool reset);
int watch_command(const fs::path& root, const std::string& name, const StudentOptions& options,
                  int exit_after);
int progress_command(const fs::path& root, const StudentOptions& options);

}  // namespace workbook::tool
