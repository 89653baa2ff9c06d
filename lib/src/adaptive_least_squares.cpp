// Chapter 5, §5.1: linear least squares, badly scaled when its features have different scales.
#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>

#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/linear_algebra.hpp"

namespace workbook {

LeastSquares::LeastSquares(Matrix X, Vector y) : X_(std::move(X)), y_(std::move(y)) {
  if (X_.cols() == 0)
    throw std::invalid_argument("X has no columns: expected at least one feature");
  require_size("y", y_, X_.rows(), "one target per row of X");
  require_finite("y", y_);
  if (!X_.allFinite())
    throw std::invalid_argument("X has a NaN or infinite entry: expected finite");
  LeastSquaresSolution solution = least_squares(X_, y_);
  if (solution.rank < X_.cols()) {
    throw std::invalid_argument("X has rank " + std::to_string(solution.rank) + " with " +
                                std::to_string(X_.cols()) +
                                " columns: expected full column rank (a unique minimiser)");
  }
  const double samples = static_cast<double>(X_.rows());
  hessian_ = X_.transpose() * X_ / samples;  // XᵀX/N
  minimiser_ = std::move(solution.x);
  minimum_ = value(minimiser_);
}

LeastSquares LeastSquares::badly_scaled(Index samples, const Vector& feature_scales,
                                        std::uint64_t seed) {
  const Index n = feature_scales.size();
  if (n == 0) throw std::invalid_argument("feature_scales is empty: expected at least one");
  for (Index j = 0; j < n; ++j) {
    require_positive("feature_scales[" + std::to_string(j) + "]", feature_scales(j));
  }
  require_at_least("samples", samples, n);
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  Matrix X(samples, n);
  for (Index i = 0; i < samples; ++i)
    for (Index j = 0; j < n; ++j) X(i, j) = feature_scales(j) * normal(rng);  // x_ij = σ_j z_ij
  const Vector w_star = Vector::Ones(n);
  Vector y = X * w_star;
  LeastSquares problem(std::move(X), std::move(y));
  // The targets are exact, so w* = (1, ..., 1) and f* = 0, whatever the QR solve rounds to.
  problem.minimiser_ = w_star;
  problem.minimum_ = 0.0;
  return problem;
}

double LeastSquares::value(const Vector& w) const {
  return (X_ * w - y_).squaredNorm() / (2.0 * static_cast<double>(X_.rows()));
}

void LeastSquares::gradient(const Vector& w, Vector& g) const {
  g.noalias() = X_.transpose() * (X_ * w - y_) / static_cast<double>(X_.rows());
}

double LeastSquares::value_and_gradient(const Vector& w, Vector& g) const {
  const Vector residual = X_ * w - y_;
  const double samples = static_cast<double>(X_.rows());
  g.noalias() = X_.transpose() * residual / samples;
  return residual.squaredNorm() / (2.0 * samples);
}

Box LeastSquares::plot_box() const {
  if (dimension() != 2) return Problem::plot_box();
  // The start w = 0 and the minimiser, with a margin.
  const Vector center = 0.5 * minimiser_;
  const double half = std::max(0.6, 0.7 * minimiser_.cwiseAbs().maxCoeff());
  return {center(0) - half, center(0) + half, center(1) - half, center(1) + half};
}

}  // namespace workbook
