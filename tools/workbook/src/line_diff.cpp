#include "line_diff.hpp"

#include <algorithm>

namespace workbook::tool {

std::vector<DiffHunk> diff_lines(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after) {
  // common[i][j]: the length of the longest common subsequence of before[i..] and after[j..].
  // The files compared are a few hundred lines: the quadratic table is small.
  const std::size_t n = before.size(), m = after.size();
  std::vector<std::vector<std::size_t>> common(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1
                                           : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  // Walk the table: equal lines close the current hunk, the others extend it.
  std::vector<DiffHunk> hunks;
  DiffHunk current;
  auto close = [&] {
    if (current.removed + current.added > 0) hunks.push_back(current);
    current = DiffHunk{};
  };
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] == after[j]) {
      close();
      ++i;
      ++j;
      continue;
    }
    if (current.removed + current.added == 0) current.first_line = i + 1;
    if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
      ++current.removed;
      ++i;
    } else {
      ++current.added;
      ++j;
    }
  }
  close();
  return hunks;
}

std::size_t changed_lines(const std::vector<DiffHunk>& hunks) {
  std::size_t changed = 0;
  for (const DiffHunk& hunk : hunks) changed += std::max(hunk.removed, hunk.added);
  return changed;
}

}  // namespace workbook::tool
