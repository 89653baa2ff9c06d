// The chapters and exercises of the workbook, read from solutions/<chapter>/manifest.json, and the
// edition of the copy, read from edition.json at the root.
//
// A manifest (the build reads chapter, tests, exercises[].name, .file and .mistakes; see
// cmake/WorkbookManifests.cmake):
//
//   {
//     "chapter": "ch01", "number": 1, "title": "Gradient descent and gradients", "page": "ch01",
//     "tests": ["test_gradient_descent.cpp", ...],   the chapter's test sources
//     "time_limit": 20,                       optional: seconds per graded test case
//     "exercises": [
//       {
//         "name": "gradient_descent_step",    the graded function = the Boost.Test suite
//         "file": "gradient_descent_step.cpp",
//         "title": "The gradient step",
//         "section": "ch01-gradient-step",    anchor of the notes' section
//         "mistakes": [                       known mistakes, in solutions/<chapter>/mistakes/,
//           { "name": "sign",                 and the diagnosis (a regex, CMake's syntax) that
//             "file": "gradient_descent_step_sign.cpp",    the feedback must match
//             "diagnosis": "x moved uphill, to x \\+ η∇f" }
//         ],
//         "points": 10,                       optional: the exercise's total; the cases' points
//                                             are then weights scaled to it
//         "cases": {                          optional: per test case (path below the suite)
//           "one_step_moves_against_the_gradient": { "points": 3 },
//           "every_coordinate_moves": { "points": 2, "hidden": true }
//         },
//         "hints": ["tier 1", "tier 2", "tier 3"]
//       }
//     ]
//   }
//
// A test case is worth 1 point unless "cases" says otherwise. A hidden case is declared here and
// defined in solutions/<chapter>/hidden/*.cpp, which the student edition leaves out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util.hpp"

namespace workbook::tool {

struct CaseSetting {
  double points = 1.0;
  bool hidden = false;
};

/// A known mistake: a wrong implementation of an exercise, and what its feedback must say.
struct Mistake {
  std::string name;       ///< "sign"
  std::string file;       ///< "gradient_descent_step_sign.cpp", in solutions/<chapter>/mistakes/
  std::string diagnosis;  ///< a regex (CMake's syntax) the feedback must match

  /// solutions/<chapter>/mistakes/<file>
  std::string path(const std::string& chapter) const {
    return "solutions/" + chapter + "/mistakes/" + file;
  }
};

struct Exercise {
  std::string chapter;  ///< "ch01"
  std::string name;     ///< "gradient_descent_step"
  std::string file;     ///< "gradient_descent_step.cpp"
  std::string title;
  std::string section;  ///< the notes' anchor, "ch01-gradient-step"
  std::optional<double> points;
  std::map<std::string, CaseSetting> cases;
  std::vector<std::string> hints;
  std::vector<Mistake> mistakes;

  std::string id() const { return chapter + "/" + name; }
  /// Where the student writes it: exercises/<chapter>/<file>.
  std::string stub_path() const { return "exercises/" + chapter + "/" + file; }
  /// The instructor's solution: solutions/<chapter>/reference/<file>.
  std::string reference_path() const { return "solutions/" + chapter + "/reference/" + file; }
  /// Points of the case at `path` (below the suite), before scaling.
  CaseSetting setting(const std::string& path) const;
};

struct Chapter {
  std::string id;  ///< the folder's name, "ch01"
  int number = 0;
  std::string title;
  std::string page;  ///< the notes' page label, "ch01" (the HTML course's ch01.html)
  std::optional<double> time_limit;
  std::vector<std::string> tests;  ///< the test sources, in solutions/<chapter>/
  std::vector<Exercise> exercises;
  fs::path manifest;
};

/// Which copy of the workbook this is (edition.json at its root).
enum class Edition {
  instructor,  ///< with the reference solutions, the known mistakes and the hidden tests
  student,     ///< what `workbook release` hands out
};

/// A section of the notes: its anchor, its heading, and where it is.
struct Section {
  std::string anchor;
  std::string title;    ///< "1.2 Why −η∇f descends"
  fs::path notes_file;  ///< chapters/ch01_gradient_descent.md
};

class Workbook {
 public:
  /// Reads edition.json and every solutions/*/manifest.json below `root`. Throws BadInput naming
  /// the file and what is wrong with it. `strict` also rejects fields it does not know.
  static Workbook load(const fs::path& root, bool strict = false);

  const fs::path& root() const { return root_; }
  const std::vector<Chapter>& chapters() const { return chapters_; }
  std::vector<const Exercise*> exercises() const;
  const Chapter* chapter(const std::string& id) const;
  const Chapter& chapter_of(const Exercise& exercise) const;
  /// An exercise by "name" or "chapter/name"; nullptr when unknown or ambiguous.
  const Exercise* exercise(const std::string& name) const;
  /// Warnings found while reading (unknown fields, exercises without hints).
  const std::vector<std::string>& warnings() const { return warnings_; }

  /// The section with this anchor in chapters/*.md, if any.
  std::optional<Section> section(const std::string& anchor) const;
  /// The section "§N.k" of a chapter (its heading "## N.k Title {#anchor}"), if any.
  std::optional<Section> numbered_section(const Chapter& chapter, const std::string& number) const;
  /// The valid names for messages: "ch01 (gradient_descent_step, armijo_backtracking, ...)".
  std::string valid_names() const;
  Edition edition() const { return edition_; }
  /// Throws BadInput unless this is the instructor's copy: `what` needs its reference solutions.
  void require_instructor_copy(const std::string& what) const;

 private:
  fs::path root_;
  Edition edition_ = Edition::instructor;
  std::vector<Chapter> chapters_;
  std::vector<std::string> warnings_;
  mutable std::optional<std::vector<std::pair<fs::path, std::string>>> notes_;

  const std::vector<std::pair<fs::path, std::string>>& notes() const;
};

/// Reads one manifest (used by Workbook::load; exposed for tests).
Chapter parse_manifest(const std::string& text, const std::string& folder, const fs::path& file,
                       bool strict, std::vector<std::string>& warnings);

/// Reads edition.json (used by Workbook::load; exposed for tests). `file` names it in messages.
Edition parse_edition(const std::string& text, const std::string& file);

}  // namespace workbook::tool
