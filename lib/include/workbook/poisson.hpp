/// \file
/// Chapter 4: a large sparse symmetric positive definite system, the 2-D Poisson problem.
#pragma once

#include <Eigen/SparseCore>

#include "workbook/problem.hpp"

namespace workbook {

/// A sparse matrix, row by row (one pass over its entries per product \f$Av\f$).
using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;

/// \f$f(x) = \tfrac12 x^\top A x - b^\top x\f$ with \f$A\f$ the 5-point Laplacian on an
/// \f$N \times N\f$ grid of interior points of the unit square (\ref ch04-poisson "Chapter 4, §4.6"):
/// \f$n = N^2\f$ unknowns \f$u_{ij}\f$, row \f$(i, j)\f$ of \f$Ax = b\f$ being
/// \f[ 4u_{ij} - u_{i-1,j} - u_{i+1,j} - u_{i,j-1} - u_{i,j+1} = h^2, \quad h = \frac{1}{N+1}, \f]
/// with \f$u = 0\f$ on the boundary: the discretised \f$-\Delta u = 1\f$. Unknown \f$(i, j)\f$ is entry
/// \f$iN + j\f$.
///
/// \f$A\f$ has the eigenvalues \f$4 - 2\cos(p\pi h) - 2\cos(q\pi h)\f$, \f$p, q = 1, \dots, N\f$, so
/// \f$\kappa = \cot^2(\pi h / 2) \approx 4/(\pi h)^2\f$: it grows like \f$N^2\f$. At most 5 entries per
/// row; \f$N = 1000\f$ is \f$10^6\f$ unknowns and 5 million entries.
class Poisson2D final : public Problem {
 public:
  /// The grid \f$N \times N\f$. Throws `std::invalid_argument` unless \f$1 \le N \le 4000\f$.
  explicit Poisson2D(Index grid);

  std::string name() const override { return "poisson-2d"; }
  Index dimension() const override { return A_.rows(); }
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  double value_and_gradient(const Vector& x, Vector& gradient) const override;
  /// \f$Av\f$: one pass over the sparse matrix.
  void hessian_vector_product(const Vector& x, const Vector& v, Vector& product) const override;
  /// \f$a_{ii} = 4\f$.
  Vector hessian_diagonal(const Vector& x) const override;
  bool is_quadratic() const override { return true; }
  /// \f$x_0 = 0\f$, so that \f$r_0 = b\f$.
  Vector default_start() const override { return Vector::Zero(dimension()); }

  /// \f$N\f$.
  Index grid() const { return grid_; }
  /// \f$A\f$.
  const SparseMatrix& A() const { return A_; }
  /// \f$b = h^2 (1, \dots, 1)\f$.
  const Vector& b() const { return b_; }
  /// \f$\lambda_{\min} = 4 - 4\cos(\pi h)\f$.
  double smallest_eigenvalue() const;
  /// \f$\lambda_{\max} = 4 + 4\cos(\pi h)\f$.
  double largest_eigenvalue() const;
  /// \f$\kappa = \lambda_{\max}/\lambda_{\min}\f$.
  double condition_number() const { return largest_eigenvalue() / smallest_eigenvalue(); }

 private:
  Index grid_;
  SparseMatrix A_;
  Vector b_;
};

}  // namespace workbook
