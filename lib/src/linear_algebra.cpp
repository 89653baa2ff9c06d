#include "workbook/linear_algebra.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <random>
#include <stdexcept>
#include <string>

#include "workbook/errors.hpp"

namespace workbook {

namespace {

void require_square(const Matrix& A) {
  if (A.rows() != A.cols()) {
    throw std::invalid_argument("the matrix is " + std::to_string(A.rows()) + "x" +
                                std::to_string(A.cols()) + ": expected a square matrix");
  }
}

}  // namespace

SymmetricEigen symmetric_eigen(const Matrix& A) {
  require_square(A);
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(A);
  return {solver.eigenvalues(), solver.eigenvectors()};
}

Vector singular_values(const Matrix& A) {
  return Eigen::JacobiSVD<Matrix>(A).singularValues();
}

Matrix random_orthogonal(Index n, std::uint64_t seed) {
  require_at_least("n", n, 1);
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  Matrix G(n, n);
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < n; ++i) G(i, j) = normal(rng);
  const Eigen::HouseholderQR<Matrix> qr(G);
  const Vector signs =
      qr.matrixQR().diagonal().unaryExpr([](double r) { return r < 0.0 ? -1.0 : 1.0; });
  return Matrix(qr.householderQ()) * signs.asDiagonal();
}

bool is_positive_definite(const Matrix& A) {
  require_square(A);
  return A.llt().info() == Eigen::Success;
}

LeastSquaresSolution least_squares(const Matrix& X, const Vector& y) {
  require_size("y", y, X.rows(), "one entry per row of X");
  const Eigen::ColPivHouseholderQR<Matrix> qr(X);
  return {qr.solve(y), qr.rank()};
}

}  // namespace workbook
