// Compares a CSV file written by optlab with a golden one, number by number.
//
//   optlab_compare_csv EXPECTED.csv ACTUAL.csv [RELATIVE_TOLERANCE]   (default 1e-10)
//
// Both are read by the reader of the golden files (workbook/testing/golden.hpp; optlab's --csv
// follows the same format, without the comment lines). The headers must be equal, the files must
// have the same number of rows, and every pair of numbers must agree:
// |a - b| <= tolerance * max(|a|, |b|), or both be the same infinity or NaN. Prints the largest
// relative difference found; exits with 0 when the files agree, 1 when they do not (naming the
// first cell that differs) and 2 when a file cannot be read or is not in the format.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "workbook/testing/golden.hpp"

using workbook::testing::GoldenTable;

namespace {

std::optional<GoldenTable> read(const std::string& file) {
  try {
    return GoldenTable(file);
  } catch (const std::exception& error) {
    std::cerr << error.what() << '\n';
    return std::nullopt;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: optlab_compare_csv EXPECTED.csv ACTUAL.csv [RELATIVE_TOLERANCE]\n";
    return 2;
  }
  const double tolerance = argc == 4 ? std::strtod(argv[3], nullptr) : 1e-10;
  const std::optional<GoldenTable> expected = read(argv[1]), actual = read(argv[2]);
  if (!expected || !actual) return 2;

  const auto& columns = expected->columns();
  if (columns != actual->columns()) {
    auto joined = [](const std::vector<std::string>& names) {
      std::string text;
      for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
      return text;
    };
    std::cout << "headers differ: expected '" << joined(columns) << "', got '"
              << joined(actual->columns()) << "'\n";
    return 1;
  }
  if (expected->size() != actual->size()) {
    std::cout << "expected " << expected->size() << " rows, got " << actual->size() << '\n';
    return 1;
  }
  double largest = 0.0;
  for (std::size_t i = 0; i < expected->size(); ++i) {
    const auto& want = expected->rows()[i];
    const auto& got = actual->rows()[i];
    for (std::size_t j = 0; j < columns.size(); ++j) {
      double a = 0.0, b = 0.0;
      try {
        a = want.number(j);
        b = got.number(j);
      } catch (const std::exception& error) {
        std::cout << error.what() << '\n';
        return 2;
      }
      if (a == b || (std::isnan(a) && std::isnan(b))) continue;
      const double difference = std::abs(a - b) / std::max(std::abs(a), std::abs(b));
      largest = std::max(largest, std::isnan(difference) ? INFINITY : difference);
      if (!(difference <= tolerance)) {
        std::cout << "row " << i + 1 << " (" << columns[0] << " " << want.cells()[0] << "), column "
                  << columns[j] << ": expected " << want.cells()[j] << ", got " << got.cells()[j]
                  << " (relative difference " << difference << " > " << tolerance << ")\n";
        return 1;
      }
    }
  }
  std::cout << expected->size() << " rows agree; largest relative difference " << largest
            << " (tolerance " << tolerance << ")\n";
  return 0;
}
