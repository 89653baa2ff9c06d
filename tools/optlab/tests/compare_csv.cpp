// Compares a CSV file written by optlab with a golden one, number by number.
//
//   optlab_compare_csv EXPECTED.csv ACTUAL.csv [RELATIVE_TOLERANCE]   (default 1e-10)
//
// The headers must be equal, the files must have the same number of rows, and every pair of
// numbers must agree: |a - b| <= tolerance * max(|a|, |b|), or both be the same infinity or NaN.
// Prints the largest relative difference found; exits with 0 when the files agree, 1 when they
// do not (naming the first cell that differs) and 2 when a file cannot be read.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Table {
  std::string header;
  std::vector<std::vector<std::string>> rows;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  std::string cell;
  while (std::getline(stream, cell, ',')) cells.push_back(cell);
  return cells;
}

bool read(const std::string& file, Table& table) {
  std::ifstream in(file);
  if (!in || !std::getline(in, table.header)) {
    std::cerr << "cannot read " << file << '\n';
    return false;
  }
  std::string line;
  while (std::getline(in, line)) table.rows.push_back(split(line));
  return true;
}

bool number(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: optlab_compare_csv EXPECTED.csv ACTUAL.csv [RELATIVE_TOLERANCE]\n";
    return 2;
  }
  const double tolerance = argc == 4 ? std::strtod(argv[3], nullptr) : 1e-10;
  Table expected, actual;
  if (!read(argv[1], expected) || !read(argv[2], actual)) return 2;

  if (expected.header != actual.header) {
    std::cout << "headers differ: expected '" << expected.header << "', got '" << actual.header
              << "'\n";
    return 1;
  }
  if (expected.rows.size() != actual.rows.size()) {
    std::cout << "expected " << expected.rows.size() << " rows, got " << actual.rows.size() << '\n';
    return 1;
  }
  const std::vector<std::string> columns = split(expected.header);
  double largest = 0.0;
  for (std::size_t i = 0; i < expected.rows.size(); ++i) {
    const auto& want = expected.rows[i];
    const auto& got = actual.rows[i];
    if (want.size() != columns.size() || got.size() != columns.size()) {
      std::cout << "row " << i + 1 << ": expected " << columns.size() << " cells, got "
                << got.size() << '\n';
      return 1;
    }
    for (std::size_t j = 0; j < columns.size(); ++j) {
      double a = 0.0, b = 0.0;
      if (!number(want[j], a) || !number(got[j], b)) {
        std::cout << "row " << i + 1 << ", column " << columns[j] << ": '" << got[j] << "' or '"
                  << want[j] << "' is not a number\n";
        return 1;
      }
      if (a == b || (std::isnan(a) && std::isnan(b))) continue;
      const double difference = std::abs(a - b) / std::max(std::abs(a), std::abs(b));
      largest = std::max(largest, std::isnan(difference) ? INFINITY : difference);
      if (!(difference <= tolerance)) {
        std::cout << "row " << i + 1 << " (" << columns[0] << " " << want[0] << "), column "
                  << columns[j] << ": expected " << want[j] << ", got " << got[j]
                  << " (relative difference " << difference << " > " << tolerance << ")\n";
        return 1;
      }
    }
  }
  std::cout << expected.rows.size() << " rows agree; largest relative difference " << largest
            << " (tolerance " << tolerance << ")\n";
  return 0;
}
