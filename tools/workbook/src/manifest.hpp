// The chapters and exercises of the workbook, read from solutions/<chapter>/manifest.json.
//
// A manifest (fields the build reads: chapter, exercises[].name, exercises[].file):
//
//   {
//     "chapter": "ch01", "number": 1, "title": "Gradient descent and gradients", "page": "ch01",
//     "time_limit": 20,                       optional: seconds per graded test case
//     "exercises": [
//       {
//         "name": "gradient_descent_step",    the graded function = the Boost.Test suite
//         "file": "gradient_descent_step.cpp",
//         "title": "The gradient step",
//         "section": "ch01-gradient-step",    anchor of the notes' section
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

struct Exercise {
  std::string chapter;  ///< "ch01"
  std::string name;     ///< "gradient_descent_step"
  std::string file;     ///< "gradient_descent_step.cpp"
  std::string title;
  std::string section;  ///< the notes' anchor, "ch01-gradient-step"
  std::optional<double> points;
  std::map<std::string, CaseSetting> cases;
  std::vector<std::string> hints;

  std::string id() const { return chapter + "/" + name; }
  /// Where the student writes it: exercises/<chapter>/<file>.
  std::string stub_path() const { return "exercises/" + chapter + "/" + file; }
  /// Points of the case at `path` (below the suite), before scaling.
  CaseSetting setting(const std::string& path) const;
};

struct Chapter {
  std::string id;  ///< the folder's name, "ch01"
  int number = 0;
  std::string title;
  std::string page;  ///< the notes' page label, "ch01" (the HTML course's ch01.html)
  std::optional<double> time_limit;
  std::vector<Exercise> exercises;
  fs::path manifest;
};

/// A section of the notes: its anchor, its heading, and where it is.
struct Section {
  std::string anchor;
  std::string title;    ///< "1.2 Why −η∇f descends"
  fs::path notes_file;  ///< chapters/ch01_gradient_descent.md
};

class Workbook {
 public:
  /// Reads every solutions/*/manifest.json below `root`. Throws BadInput naming the manifest and
  /// what is wrong with it. `strict` also rejects fields it does not know.
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
  /// True when every exercise has its reference solution (an instructor's copy).
  bool has_reference_solutions() const;

 private:
  fs::path root_;
  std::vector<Chapter> chapters_;
  std::vector<std::string> warnings_;
  mutable std::optional<std::vector<std::pair<fs::path, std::string>>> notes_;

  const std::vector<std::pair<fs::path, std::string>>& notes() const;
};

/// Reads one manifest (used by Workbook::load; exposed for tests).
Chapter parse_manifest(const std::string& text, const std::string& folder, const fs::path& file,
                       bool strict, std::vector<std::string>& warnings);

}  // namespace workbook::tool
