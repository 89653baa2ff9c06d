/// \file
/// What the tests of Chapter 6's network module share: seeded random matrices, central
/// differences, and the relative error of a gradient.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "workbook/format.hpp"
#include "workbook/network.hpp"
#include "workbook/random.hpp"

namespace workbook::testing {

/// A `rows` × `cols` matrix of \f$N(0, \text{scale}^2)\f$ entries drawn from `random`.
inline Matrix random_matrix(Index rows, Index cols, Random& random, double scale = 1.0) {
  Matrix m(rows, cols);
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) m(i, j) = scale * random.normal();
  return m;
}

/// A vector of \f$N(0, \text{scale}^2)\f$ entries drawn from `random`.
inline Vector random_vector(Index n, Random& random, double scale = 1.0) {
  return random_matrix(n, 1, random, scale);
}

/// \f$\|a - b\|_2 / \max(\|a\|_2, \|b\|_2)\f$, 0 when both are 0: the relative error of a whole
/// gradient \f$a\f$ against its finite-difference estimate \f$b\f$.
///
/// Norm-wise, not coordinate by coordinate: a central difference with step \f$h\f$ carries a
/// rounding error of about \f$\varepsilon|L|/h \approx 10^{-11}|L|\f$ in every coordinate, which is a
/// large *relative* error on a coordinate that is tiny (a softmax probability of \f$10^{-5}\f$, a
/// pixel that is rarely lit) although the gradient is right. Measured against the whole gradient,
/// that rounding is far below the \f$10^{-7}\f$ the checks ask for, and a wrong gradient is not.
inline double relative_error(const Vector& a, const Vector& b) {
  const double scale = std::max(a.norm(), b.norm());
  return scale > 0.0 ? (a - b).norm() / scale : 0.0;
}

/// The matrix `m` as one vector, column by column (the order of its storage).
inline Vector flat(const Matrix& m) {
  return Eigen::Map<const Vector>(m.data(), m.size());
}

/// The vector `v` as a `rows` × `cols` matrix, column by column.
inline Matrix unflat(const Vector& v, Index rows, Index cols) {
  return Eigen::Map<const Matrix>(v.data(), rows, cols);
}

/// "3×4".
inline std::string shape_of(const Matrix& m) {
  return std::to_string(m.rows()) + "×" + std::to_string(m.cols());
}

/// How `got` differs from `expected`, in the words of the notes, or "" when they agree to
/// `tolerance` (norm-wise, relative). `what` names the quantity ("∂L/∂W"); `batch` is \f$B\f$ when
/// the quantity is a sum or a mean over a batch. Recognises what any wrong result can break,
/// whatever slip made it: the shape (and a transposed one), a NaN or an infinity and where, the
/// sign, a factor (\f$B\f$ or \f$1/B\f$: a sum where a mean belongs or the other way round), and
/// otherwise reports the relative error and the worst entry.
inline std::string explain_difference(const std::string& what, const Matrix& got,
                                      const Matrix& expected, Index batch = 1,
                                      double tolerance = 1e-9) {
  if (got.rows() != expected.rows() || got.cols() != expected.cols()) {
    std::string text = what + " is " + shape_of(got) + ", expected " + shape_of(expected);
    if (got.rows() == expected.cols() && got.cols() == expected.rows()) {
      const Matrix turned = got.transpose();
      text += (turned - expected).norm() <= tolerance * std::max(expected.norm(), 1e-300)
                  ? ": it is the transpose of the right one"
                  : ": the transposed shape";
    }
    return text;
  }
  for (Index c = 0; c < got.cols(); ++c) {
    for (Index r = 0; r < got.rows(); ++r) {
      if (!std::isfinite(got(r, c))) {
        return what + " holds " + format_number(got(r, c)) + " at row " + std::to_string(r) +
               ", column " + std::to_string(c) + " where the right value is " +
               format_number(expected(r, c));
      }
    }
  }
  const double norm = expected.norm();
  const double error = (got - expected).norm();
  if (error <= tolerance * std::max(norm, got.norm())) return "";
  if (norm == 0.0) return what + " should be 0, its norm is " + format_number(got.norm());
  // The best factor s in got ≈ s · expected, and how well it explains got.
  const double s = got.cwiseProduct(expected).sum() / (norm * norm);
  const double unexplained = (got - s * expected).norm() / norm;
  const auto is = [&](double factor) { return std::abs(s - factor) <= 1e-6 * std::abs(factor); };
  if (unexplained <= 1e-6) {
    if (s == 0.0 || got.norm() == 0.0) return what + " is 0 where the right one is not";
    if (is(-1.0)) return what + " has the wrong sign: it is −1 times the right one";
    if (batch > 1 && is(1.0 / static_cast<double>(batch))) {
      return what + " is 1/B = 1/" + std::to_string(batch) +
             " of the right one: a mean over the batch where a sum belongs";
    }
    if (batch > 1 && is(static_cast<double>(batch))) {
      return what + " is B = " + std::to_string(batch) +
             " times the right one: a sum over the batch where a mean belongs";
    }
    return what + " is " + format_number(s) + " times the right one: a factor is missing or extra";
  }
  Index row = 0, col = 0;
  (got - expected).cwiseAbs().maxCoeff(&row, &col);
  return what + " is off by " + format_number(error / norm) + " relative (worst at row " +
         std::to_string(row) + ", column " + std::to_string(col) + ": " +
         format_number(got(row, col)) + " where the right value is " +
         format_number(expected(row, col)) + ")";
}

}  // namespace workbook::testing
