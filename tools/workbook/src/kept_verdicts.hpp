// The verdicts kept between runs of the student's loop (PipelineSettings::kept_verdicts): `check`,
// `watch` and `progress` do not run again a case whose program has not changed since it ran.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "boost_test.hpp"

namespace workbook::tool {

/// A JSON file with one entry per program and case, "<program>\n<case>", holding the program's
/// stamp (its size and modification time), the environment of the run, and the verdict. A
/// missing or damaged file starts empty; an entry of another shape is ignored.
class KeptVerdicts {
 public:
  /// Reads `file`; with an empty path nothing is kept. `run.env` is the tests' environment: a
  /// verdict kept under another environment is not used.
  KeptVerdicts(fs::path file, const RunSettings& run);

  /// The kept verdict of `test` (marked `kept`), when `program` is unchanged since it gave it.
  std::optional<Verdict> find(const fs::path& program, const std::string& test);

  /// Keeps `verdict` when a second run of the unchanged program would repeat it (passed or
  /// failed); forgets the case's kept verdict otherwise (a crash, a time-out, an output limit).
  void remember(const fs::path& program, const std::string& test, const Verdict& verdict);

  /// Writes the file; a verdict that cannot be kept costs a rerun, never an error.
  void save() const;

 private:
  static std::string key(const fs::path& program, const std::string& test);
  std::string stamp(const fs::path& program);

  fs::path file_;
  std::string environment_;
  nlohmann::json verdicts_ = nlohmann::json::object();
  std::map<fs::path, std::string> stamps_;
};

}  // namespace workbook::tool
