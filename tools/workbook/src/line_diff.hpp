// A line diff: how far a known mistake has drifted from the reference solution it was made from.
#pragma once

#include <string>
#include <vector>

namespace workbook::tool {

/// A run of lines that differ between two texts: `removed` lines of the first replaced by `added`
/// lines of the second, at line `first_line` (1-based) of the first.
struct DiffHunk {
  std::size_t first_line = 0;
  std::size_t removed = 0;
  std::size_t added = 0;
};

/// The hunks of a line diff of `before` and `after` (a longest common subsequence of lines).
std::vector<DiffHunk> diff_lines(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after);

/// How many lines differ: per hunk, the larger of the lines removed and added (a line changed in
/// place counts once), summed.
std::size_t changed_lines(const std::vector<DiffHunk>& hunks);

}  // namespace workbook::tool
