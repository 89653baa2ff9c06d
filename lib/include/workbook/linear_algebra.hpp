/// \file
/// The dense linear algebra the chapters need: eigen-decompositions, singular values, solves.
///
/// Eigen's decompositions are large templates; wrapping the few this workbook uses in one compiled
/// file keeps every test that needs an eigenvalue from instantiating them again.
#pragma once

#include <cstdint>

#include "workbook/types.hpp"

namespace workbook {

/// The eigen-decomposition \f$A = Q \Lambda Q^\top\f$ of a symmetric matrix.
struct SymmetricEigen {
  Vector eigenvalues;   ///< \f$\lambda_1 \le \dots \le \lambda_n\f$
  Matrix eigenvectors;  ///< \f$Q\f$: column \f$i\f$ is the unit eigenvector of \f$\lambda_i\f$
};

/// The eigenvalues (increasing) and orthonormal eigenvectors of a symmetric matrix `A` (only its
/// lower triangle is read). Throws `std::invalid_argument` if `A` is not square.
SymmetricEigen symmetric_eigen(const Matrix& A);

/// The singular values \f$\sigma_1 \ge \dots \ge \sigma_n \ge 0\f$ of `A`.
Vector singular_values(const Matrix& A);

/// A random orthogonal \f$n\times n\f$ matrix, uniformly distributed (Haar measure): the \f$Q\f$ of
/// the QR factorisation of a matrix of standard normal entries drawn from `seed`, with the signs of
/// its columns fixed by the diagonal of \f$R\f$. The same seed gives the same matrix.
Matrix random_orthogonal(Index n, std::uint64_t seed);

/// Whether the symmetric matrix `A` is positive definite (its Cholesky factorisation exists).
bool is_positive_definite(const Matrix& A);

/// The \f$x\f$ minimising \f$\|Xx - y\|_2\f$ (column-pivoting QR), and the numerical rank of \f$X\f$.
struct LeastSquaresSolution {
  Vector x;        ///< the minimiser (unique when rank equals the number of columns)
  Index rank = 0;  ///< the numerical rank of \f$X\f$
};
/// Solves the linear least-squares problem \f$\min_x \|Xx - y\|_2\f$. Throws
/// `std::invalid_argument` if `y` does not have one entry per row of `X`.
LeastSquaresSolution least_squares(const Matrix& X, const Vector& y);

}  // namespace workbook
