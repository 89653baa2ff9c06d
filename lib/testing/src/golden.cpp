#include "workbook/testing/golden.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "workbook/testing/environment.hpp"

namespace workbook::testing {

namespace {

// The cells of one line: separated by commas; a cell in double quotes may hold commas (and "" for
// a quote). `where` names the line in errors.
std::vector<std::string> split_cells(const std::string& line, const std::string& where) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        cells.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c == '"' && cells.back().empty()) {
      quoted = true;
    } else {
      cells.back() += c;
    }
  }
  if (quoted) throw std::runtime_error(where + ": a quote is not closed");
  return cells;
}

// `text` as a double, the whole of it; false when it is not a number.
bool read_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

}  // namespace

std::filesystem::path golden_file(std::string_view name) {
  const std::filesystem::path folder =
      environment_path("WORKBOOK_GOLDEN_DIR",
                       "the project's lib/testing/golden/ folder to read " + std::string(name));
  const std::filesystem::path file = folder / name;
  if (!std::filesystem::is_regular_file(file)) {
    throw std::runtime_error("golden file " + std::string(name) +
                             " not found in WORKBOOK_GOLDEN_DIR = " + folder.string() +
                             " (looked for " + file.string() + ")");
  }
  return file;
}

Vector parse_numbers(const std::string& text, const std::string& where) {
  std::istringstream in(text);
  std::vector<double> values;
  std::string word;
  while (in >> word) {
    double value = 0.0;
    if (!read_number(word, value)) {
      throw std::runtime_error(where + ": '" + word + "' is not a number (in '" + text + "')");
    }
    values.push_back(value);
  }
  return Eigen::Map<const Vector>(values.data(), static_cast<Index>(values.size()));
}

GoldenTable::GoldenTable(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the golden file " + file.string());
  auto header = std::make_shared<GoldenHeader>();
  header->file = file;
  std::string line;
  long number = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = file.string() + ":" + std::to_string(number);
    if (!have_header) {
      if (!line.empty() && line[0] == '#') {
        comments_.push_back(line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1));
        continue;
      }
      if (line.empty())
        throw std::runtime_error(where + ": expected the header, found an empty line");
      header->columns = split_cells(line, where);
      have_header = true;
      continue;
    }
    if (line.empty()) throw std::runtime_error(where + ": an empty line (expected a row)");
    std::vector<std::string> cells = split_cells(line, where);
    if (cells.size() != header->columns.size()) {
      throw std::runtime_error(where + ": " + std::to_string(cells.size()) +
                               " cells, but the header has " +
                               std::to_string(header->columns.size()) + " columns");
    }
    rows_.push_back(GoldenRow(header, number, std::move(cells)));
  }
  if (!have_header) throw std::runtime_error(file.string() + ": no header (the file is empty)");
  header_ = std::move(header);
}

std::size_t GoldenRow::index(std::string_view column) const {
  for (std::size_t j = 0; j < header_->columns.size(); ++j)
    if (header_->columns[j] == column) return j;
  throw std::runtime_error(header_->file.string() + ": no column '" + std::string(column) + "'");
}

void GoldenRow::fail(std::size_t j, const std::string& what) const {
  throw std::runtime_error(header_->file.string() + ":" + std::to_string(line_) + ", column " +
                           header_->columns.at(j) + ": '" + cells_.at(j) + "' " + what);
}

const std::string& GoldenRow::text(std::string_view column) const {
  return cells_[index(column)];
}

double GoldenRow::number(std::size_t j) const {
  double value = 0.0;
  if (j >= cells_.size() || !read_number(cells_[j], value)) fail(j, "is not a number");
  return value;
}

double GoldenRow::number(std::string_view column) const {
  return number(index(column));
}

long GoldenRow::integer(std::string_view column) const {
  const std::size_t j = index(column);
  const std::string& text = cells_[j];
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size()) fail(j, "is not an integer");
  return value;
}

Vector GoldenRow::numbers(std::string_view column) const {
  const std::size_t j = index(column);
  return parse_numbers(cells_[j], header_->file.string() + ":" + std::to_string(line_) +
                                      ", column " + header_->columns[j]);
}

}  // namespace workbook::testing
