/// \file
/// What the tests of Chapter 6's network module share: seeded random matrices, central
/// differences, and the relative error of a gradient.
#pragma once

#include <algorithm>
#include <cmath>

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

}  // namespace workbook::testing
