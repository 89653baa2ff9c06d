// What a build says about itself: the index it writes, <build>/workbook_index.json
// (cmake/WorkbookIndex.cmake). The tool finds every program, target, label and environment there,
// and knows nothing else of the build.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util.hpp"

namespace workbook::tool {

/// A program of the build: the target that makes it, its file, its labels.
struct IndexProgram {
  std::string target;
  fs::path file;
  std::vector<std::string> labels;
};

/// A known mistake of an exercise, built into the chapter's tests (a diagnosis test).
struct IndexMistake {
  std::string name;       ///< "sign"
  fs::path source;        ///< solutions/ch01/mistakes/gradient_descent_step_sign.cpp
  std::string diagnosis;  ///< the regex its feedback must match (CMake's syntax)
  std::string test;       ///< the CTest test: "ch01/diagnosis/gradient_descent_step/sign"
  IndexProgram program;
};

/// An exercise as the build compiles it.
struct IndexExercise {
  std::string name;
  std::string file;
  std::string objects_target;  ///< the OBJECT library of the implementation this build uses
  fs::path objects_source;     ///< its source file
  std::string reference;       ///< the reference solution's target (instructor's copy), or ""
  std::vector<IndexMistake> mistakes;
  std::optional<IndexProgram> grading;  ///< a grading build: the tests with the student's file
};

struct IndexChapter {
  std::string chapter;
  std::optional<IndexProgram> tests;    ///< the chapter's test program (the workbook's build)
  std::optional<IndexProgram> listing;  ///< lists the graded cases, with the reference solutions
  std::vector<IndexExercise> exercises;
};

/// The index of a build: the workbook's own ("workbook") or a grading build ("grading").
struct BuildIndex {
  fs::path file;
  std::string kind;
  std::string edition;    ///< "instructor" or "student" (the workbook's build)
  std::string solutions;  ///< "reference" or "stubs" (the workbook's build)
  fs::path source_dir, binary_dir;
  std::string generator;
  std::string build_type;
  bool sanitize = false;
  std::string index_target;  ///< building it refreshes the build and the index
  fs::path plot_dir;
  /// What every test needs besides WORKBOOK_PLOT_DIR (WORKBOOK_DATA_DIR, ...).
  std::vector<std::pair<std::string, std::string>> test_environment;
  std::vector<IndexChapter> chapters;

  /// What a grading build imports (the workbook's build, in the instructor's copy).
  struct Grading {
    fs::path project;       ///< the grading project's source folder
    fs::path targets_file;  ///< the exported targets
    std::string target;     ///< builds everything the grading build imports
  };
  std::optional<Grading> grading;

  /// Reads <build>/workbook_index.json. Throws Failure naming the file and what is wrong.
  static BuildIndex read(const fs::path& build);
  /// Reads an index from its text (`file` names it in messages).
  static BuildIndex parse(const std::string& text, const fs::path& file);

  const IndexChapter* chapter(const std::string& id) const;
  /// An exercise by chapter and name; nullptr when the build does not have it.
  const IndexExercise* exercise(const std::string& chapter, const std::string& name) const;
};

}  // namespace workbook::tool
