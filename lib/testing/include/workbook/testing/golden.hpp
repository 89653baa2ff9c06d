/// \file
/// The golden files: numbers recorded from torch by the scripts of tools/golden/, committed in
/// lib/testing/golden/, that the tests compare the library with (torch never runs in a test).
///
/// Every golden file has one format, a plain CSV file:
///   - first, lines that start with `#`: where the numbers come from (torch's version, the script);
///   - then a header, the names of the columns;
///   - then one row per record, with as many cells as the header; a cell that holds a comma is
///     quoted (`"lr=0.001 betas=0.9,0.999"`);
///   - a number is written with 17 significant digits, so that it reads back to the same double;
///     a vector is one cell, its numbers separated by spaces.
///
/// GoldenTable reads one, and any mistake in it (a missing file, a ragged row, a cell that is not
/// a number) is an error that names the file, the line and the column.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workbook/types.hpp"

namespace workbook::testing {

/// The golden file `name` (a path relative to the folder of the golden files, which the tests find
/// in the environment variable WORKBOOK_GOLDEN_DIR, set by CTest). Throws std::runtime_error when
/// the variable is not set or the file does not exist.
std::filesystem::path golden_file(std::string_view name);

/// What the rows of a file share: the file and the names of its columns.
struct GoldenHeader {
  std::filesystem::path file;        ///< the golden file
  std::vector<std::string> columns;  ///< the names of the columns
};

/// One row of a golden file; a cell is found by its column's name.
class GoldenRow {
 public:
  /// The cell of `column`, as written (quotes removed).
  const std::string& text(std::string_view column) const;
  /// The cell of `column` as a number; throws when it is not one.
  double number(std::string_view column) const;
  /// The cell of `column` as an integer; throws when it is not one.
  long integer(std::string_view column) const;
  /// The cell of `column` as a vector: its numbers separated by spaces (empty: a vector of size 0).
  Vector numbers(std::string_view column) const;
  /// The cell in the column `j` (0-based) as a number; throws when it is not one.
  double number(std::size_t j) const;
  /// The cells of the row, in the order of the header.
  const std::vector<std::string>& cells() const { return cells_; }
  /// The line of the file the row is on (1-based).
  long line() const { return line_; }

 private:
  friend class GoldenTable;
  GoldenRow(std::shared_ptr<const GoldenHeader> header, long line, std::vector<std::string> cells)
      : header_(std::move(header)), line_(line), cells_(std::move(cells)) {}
  std::size_t index(std::string_view column) const;
  [[noreturn]] void fail(std::size_t j, const std::string& what) const;

  std::shared_ptr<const GoldenHeader> header_;
  long line_;
  std::vector<std::string> cells_;
};

/// A golden file, read whole: its comments, its header and its rows.
class GoldenTable {
 public:
  /// Reads `file` (see the format above); throws std::runtime_error naming the file and the line
  /// when it cannot be read or does not follow the format.
  explicit GoldenTable(const std::filesystem::path& file);

  /// The file it was read from.
  const std::filesystem::path& file() const { return header_->file; }
  /// The `#` lines at the top, without the `#`: where the numbers come from.
  const std::vector<std::string>& comments() const { return comments_; }
  /// The names of the columns.
  const std::vector<std::string>& columns() const { return header_->columns; }
  /// The rows, in the order of the file.
  const std::vector<GoldenRow>& rows() const { return rows_; }
  auto begin() const { return rows_.begin(); }
  auto end() const { return rows_.end(); }
  std::size_t size() const { return rows_.size(); }

 private:
  std::shared_ptr<const GoldenHeader> header_;
  std::vector<std::string> comments_;
  std::vector<GoldenRow> rows_;
};

/// The numbers of `text` separated by spaces (a vector cell); `where` names the cell in errors.
Vector parse_numbers(const std::string& text, const std::string& where);

}  // namespace workbook::testing
