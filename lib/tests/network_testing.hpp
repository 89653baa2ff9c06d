/// \file
/// What the tests of Chapter 6's network module share: seeded random matrices, central
/// differences, and the relative error of a gradient.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>

#include "workbook/network.hpp"
#include "workbook/network_random.hpp"

namespace workbook::testing {

/// A `rows` × `cols` matrix of \f$N(0, \text{scale}^2)\f$ entries drawn from `random`.
inline Matrix random_matrix(Index rows, Index cols, nn::Random& random, double scale = 1.0) {
  Matrix m(rows, cols);
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) m(i, j) = scale * random.normal();
  return m;
}

/// A vector of \f$N(0, \text{scale}^2)\f$ entries drawn from `random`.
inline Vector random_vector(Index n, nn::Random& random, double scale = 1.0) {
  return random_matrix(n, 1, random, scale);
}

/// Central differences \f$\big(f(x + he_i) - f(x - he_i)\big)/2h\f$ for every coordinate \f$i\f$.
inline Vector central_differences(const std::function<double(const Vector&)>& f, const Vector& x,
                                  double h) {
  Vector g(x.size()), probe = x;
  for (Index i = 0; i < x.size(); ++i) {
    probe(i) = x(i) + h;
    const double up = f(probe);
    probe(i) = x(i) - h;
    const double down = f(probe);
    probe(i) = x(i);
    g(i) = (up - down) / (2.0 * h);
  }
  return g;
}

/// \f$\max_i |a_i - b_i| / \max(|a_i|, |b_i|)\f$, 0 where both are 0: the relative error of the
/// worst coordinate.
inline double max_relative_error(const Vector& a, const Vector& b) {
  double worst = 0.0;
  for (Index i = 0; i < a.size(); ++i) {
    const double scale = std::max(std::abs(a(i)), std::abs(b(i)));
    if (scale > 0.0) worst = std::max(worst, std::abs(a(i) - b(i)) / scale);
  }
  return worst;
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
