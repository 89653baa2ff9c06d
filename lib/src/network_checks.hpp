// Chapter 6: what the network module's error messages say about a matrix.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

#include "workbook/format.hpp"
#include "workbook/types.hpp"

namespace workbook::nn {

/// "3×4": the rows and columns of `matrix`.
inline std::string dimensions(const Matrix& matrix) {
  return std::to_string(matrix.rows()) + "×" + std::to_string(matrix.cols());
}

/// Whether every entry of `matrix` is finite: one pass over its storage. (Eigen's allFinite()
/// evaluates \f$(A - A) = (A - A)\f$ entry by entry, several times slower in a Debug build, where
/// a network checks every layer's output.) A double is a NaN or an infinity when its 11 exponent
/// bits are all 1: adding 1 to the lowest of them then carries into the sign bit, and nowhere else.
/// The pass ORs these sums without a branch, a vector of entries at a time, block by block; a
/// block with a non-finite entry ends it.
template <class Derived>
bool all_finite(const Eigen::PlainObjectBase<Derived>& matrix) {
  constexpr Index block = 256;
  constexpr std::uint64_t exponent = 0x7ff0000000000000, lowest = 0x0010000000000000,
                          sign = 0x8000000000000000;
  const double* data = matrix.data();
  const Index size = matrix.size();
  for (Index first = 0; first < size; first += block) {
    const Index last = std::min(first + block, size);
    std::uint64_t carries = 0;
    for (Index i = first; i < last; ++i) {
      std::uint64_t bits;
      std::memcpy(&bits, data + i, sizeof bits);
      carries |= (bits & exponent) + lowest;
    }
    if ((carries & sign) != 0) return false;
  }
  return true;
}

/// An entry of a matrix: where it is and what it holds.
struct Entry {
  Index row, column;
  double value;
};

/// The first NaN or infinite entry of `matrix`, column by column, if any.
inline std::optional<Entry> first_non_finite(const Matrix& matrix) {
  if (all_finite(matrix)) return std::nullopt;
  for (Index b = 0; b < matrix.cols(); ++b)
    for (Index r = 0; r < matrix.rows(); ++r)
      if (!std::isfinite(matrix(r, b))) return Entry{r, b, matrix(r, b)};
  return std::nullopt;
}

/// Checks what an exercise function returned to a layer or a loss (`who`, e.g. "layer 0,
/// Dense(3→4)"): `what` (e.g. "∂L/∂W") must be `rows` × `cols`, which `expected` explains
/// ("out × in"), and finite, since every input was. Throws `std::logic_error` naming the function,
/// the shape or the first non-finite entry.
template <class Derived>
void check_returned(const std::string& who, const std::string& function, const std::string& what,
                    const Eigen::PlainObjectBase<Derived>& returned, Index rows, Index cols,
                    const std::string& expected) {
  if (returned.rows() != rows || returned.cols() != cols) {
    throw std::logic_error(who + ": " + function + " returned " + what + " of " +
                           std::to_string(returned.rows()) + "×" +
                           std::to_string(returned.cols()) + ", expected " + expected + " = " +
                           std::to_string(rows) + "×" + std::to_string(cols));
  }
  if (all_finite(returned)) return;
  for (Index c = 0; c < returned.cols(); ++c) {
    for (Index r = 0; r < returned.rows(); ++r) {
      if (!std::isfinite(returned(r, c))) {
        throw std::logic_error(who + ": " + function + " returned " + what + " with " +
                               format_number(returned(r, c)) + " at row " + std::to_string(r) +
                               ", column " + std::to_string(c) + " from finite inputs");
      }
    }
  }
}

}  // namespace workbook::nn
