/// \file
/// Linear least squares, a finite sum: the badly scaled problem of Chapter 5 (§5.1) and the
/// synthetic linear regression of Chapter 2.
#pragma once

#include <cstdint>
#include <string>

#include "workbook/finite_sum.hpp"

namespace workbook {

/// Linear least squares \f$f(w) = \dfrac{1}{2N}\,\|Xw - y\|^2 = \dfrac1N\sum_i L_i(w)\f$ with
/// \f$L_i(w) = \tfrac12 (x_i^\top w - y_i)^2\f$, for \f$N\f$ samples (rows \f$x_i^\top\f$ of \f$X\f$) of
/// \f$n\f$ features.
///
/// Gradient \f$\nabla f = X^\top(Xw - y)/N\f$, Hessian \f$X^\top X/N\f$; on a batch \f$B\f$,
/// \f$\nabla L_B = X_B^\top(X_B w - y_B)/|B|\f$ with \f$X_B\f$ the batch's rows. The stochastic
/// gradient step on a batch of one example \f$i\f$ is the LMS (Widrow–Hoff) rule of adaptive
/// filtering, \f$w \leftarrow w - \eta\,(x_i^\top w - y_i)\,x_i\f$.
///
/// When feature \f$j\f$ has scale \f$\sigma_j\f$ the Hessian's diagonal is about \f$\sigma_j^2\f$ and the
/// gradient's coordinate \f$j\f$ about \f$\sigma_j\f$ times the residual: the badly scaled problem of
/// §5.1.
class LeastSquares : public RowFiniteSum<Vector> {
 public:
  /// Throws `std::invalid_argument` unless \f$y\f$ has one entry per row of \f$X\f$, every entry is
  /// finite and \f$X\f$ has full column rank (so that the minimiser is unique).
  LeastSquares(Matrix X, Vector y);

  /// \f$N\f$ = `samples` rows with features \f$X_{ij} = \sigma_j z_{ij}\f$, \f$z_{ij} \sim N(0, 1)\f$
  /// drawn from `seed`, and noise-free targets \f$y = Xw^\star\f$ for \f$w^\star = (1, \dots, 1)\f$:
  /// \f$f^\star = 0\f$ at \f$w^\star\f$. Throws `std::invalid_argument` unless every
  /// \f$\sigma_j > 0\f$ and samples \f$\ge n\f$. (Its normals come from `std::normal_distribution`, whose
  /// numbers depend on the standard library; linear_regression() draws portably.)
  static LeastSquares badly_scaled(Index samples, const Vector& feature_scales,
                                   std::uint64_t seed = 0);

  /// Synthetic linear regression: \f$N\f$ = `samples` rows of \f$n\f$ = `true_weights.size()`
  /// features \f$X_{ij} \sim N(0, 1)\f$ and targets \f$y_i = x_i^\top w_{\text{true}} + \sigma\varepsilon_i\f$,
  /// \f$\varepsilon_i \sim N(0, 1)\f$, \f$\sigma\f$ = `noise`, all drawn from Random(`seed`) (the
  /// features row by row, then the noise): the same data on every platform.
  ///
  /// The minimiser is the least-squares fit, not \f$w_{\text{true}}\f$ (it is \f$w_{\text{true}}\f$ when
  /// \f$\sigma = 0\f$, and \f$f^\star = 0\f$); for \f$\sigma > 0\f$, \f$E[f^\star] = \sigma^2(N - n)/(2N)\f$.
  /// Throws `std::invalid_argument` unless \f$w_{\text{true}}\f$ is non-empty and finite,
  /// \f$\sigma \ge 0\f$ and samples \f$\ge n\f$.
  static LeastSquares linear_regression(Index samples, const Vector& true_weights, double noise,
                                        std::uint64_t seed = 0);

  std::string name() const override { return "least_squares"; }
  Index dimension() const override { return X().cols(); }
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector&) const override { return hessian_; }
  /// A quadratic up to the constant \f$\|y\|^2/2N\f$: \f$A = X^\top X/N\f$, \f$b = X^\top y/N\f$.
  bool is_quadratic() const override { return true; }
  /// \f$w_0 = 0\f$.
  Vector default_start() const override { return Vector::Zero(dimension()); }
  std::vector<Vector> minimisers() const override { return {minimiser_}; }
  std::optional<double> minimum() const override { return minimum_; }
  Box plot_box() const override;

  /// \f$X\f$, one row per sample.
  const Matrix& X() const { return design(); }
  /// \f$y\f$.
  const Vector& y() const { return targets(); }

 protected:
  /// \f$\|X_B w - y_B\|^2/(2|B|)\f$ over the rows \f$X_B\f$ = `rows`, and
  /// \f$X_B^\top(X_B w - y_B)/|B|\f$.
  double rows_loss(const Matrix& rows, const Vector& targets, const Vector& w,
                   Vector* gradient) const override;

 private:
  Matrix hessian_;
  Vector minimiser_;
  double minimum_;
};

}  // namespace workbook
