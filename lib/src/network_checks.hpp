// Chapter 6: what the network module's error messages say about a matrix.
#pragma once

#include <cmath>
#include <optional>
#include <string>

#include "workbook/types.hpp"

namespace workbook::nn {

/// "3×4": the rows and columns of `matrix`.
inline std::string dimensions(const Matrix& matrix) {
  return std::to_string(matrix.rows()) + "×" + std::to_string(matrix.cols());
}

/// An entry of a matrix: where it is and what it holds.
struct Entry {
  Index row, column;
  double value;
};

/// The first NaN or infinite entry of `matrix`, column by column, if any.
inline std::optional<Entry> first_non_finite(const Matrix& matrix) {
  if (matrix.allFinite()) return std::nullopt;
  for (Index b = 0; b < matrix.cols(); ++b)
    for (Index r = 0; r < matrix.rows(); ++r)
      if (!std::isfinite(matrix(r, b))) return Entry{r, b, matrix(r, b)};
  return std::nullopt;
}

}  // namespace workbook::nn
