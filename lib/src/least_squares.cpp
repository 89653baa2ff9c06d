// Linear least squares as a finite sum: Chapter 5's badly scaled problem (§5.1) and Chapter 2's
// synthetic linear regression.
#include "workbook/least_squares.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/linear_algebra.hpp"
#include "workbook/random.hpp"
#include "workbook/registry.hpp"

namespace workbook {

// f = ‖Xw − y‖²/(2m) over the m rows of X, and, when `gradient` is given, ∇f = Xᵀ(Xw − y)/m.
double LeastSquares::rows_loss(const Matrix& X, const Vector& y, const Vector& w,
                               Vector* gradient) const {
  const Vector residual = X * w - y;  // Xw − y
  const double m = static_cast<double>(X.rows());
  if (gradient != nullptr) gradient->noalias() = X.transpose() * residual / m;
  return residual.squaredNorm() / (2.0 * m);
}

LeastSquares::LeastSquares(Matrix features, Vector targets)
    : RowFiniteSum(std::move(features), std::move(targets), "w", "the dimension of least_squares") {
  if (X().cols() == 0)
    throw std::invalid_argument("X has no columns: expected at least one feature");
  require_size("y", y(), X().rows(), "one target per row of X");
  require_finite("y", y());
  if (!X().allFinite())
    throw std::invalid_argument("X has a NaN or infinite entry: expected finite");
  LeastSquaresSolution solution = least_squares(X(), y());
  if (solution.rank < X().cols()) {
    throw std::invalid_argument("X has rank " + std::to_string(solution.rank) + " with " +
                                std::to_string(X().cols()) +
                                " columns: expected full column rank (a unique minimiser)");
  }
  const double samples = static_cast<double>(X().rows());
  hessian_ = X().transpose() * X() / samples;  // XᵀX/N
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

LeastSquares LeastSquares::linear_regression(Index samples, const Vector& true_weights,
                                             double noise, std::uint64_t seed) {
  const Index n = true_weights.size();
  if (n == 0) throw std::invalid_argument("true_weights is empty: expected at least one");
  require_finite("true_weights", true_weights);
  require_non_negative("noise", noise);
  require_at_least("samples", samples, n);
  Random random(seed);
  Matrix X(samples, n);
  for (Index i = 0; i < samples; ++i)
    for (Index j = 0; j < n; ++j) X(i, j) = random.normal();  // x_ij ~ N(0, 1), row by row
  Vector y = X * true_weights;
  for (Index i = 0; i < samples; ++i) y(i) += noise * random.normal();  // + σ ε_i
  LeastSquares problem(std::move(X), std::move(y));
  if (noise == 0.0) {
    // Exact targets: w_true is the minimiser and f* = 0, whatever the QR solve rounds to.
    problem.minimiser_ = true_weights;
    problem.minimum_ = 0.0;
  }
  return problem;
}

Box LeastSquares::plot_box() const {
  if (dimension() != 2) return Problem::plot_box();
  // The start w = 0 and the minimiser, with a margin.
  const Vector center = 0.5 * minimiser_;
  const double half = std::max(0.6, 0.7 * minimiser_.cwiseAbs().maxCoeff());
  return {center(0) - half, center(0) + half, center(1) - half, center(1) + half};
}

// ----------------------------------------------------------------------------------- registry

namespace {

struct LeastSquaresSettings {
  long samples = 100;
  std::vector<double> scales = {1.0, 10.0};
  double noise = 0.0;
  std::uint64_t data_seed = 0;
};

// badly_scaled(), and with noise σ > 0 its targets plus σ ε_i, ε_i ~ N(0, 1) drawn from
// Random(data_seed): the same features, so that --noise alone changes the problem.
std::unique_ptr<LeastSquares> make_least_squares(const LeastSquaresSettings& s) {
  require_non_negative("noise", s.noise);
  const Vector scales =
      Eigen::Map<const Vector>(s.scales.data(), static_cast<Index>(s.scales.size()));
  LeastSquares exact = LeastSquares::badly_scaled(s.samples, scales, s.data_seed);
  if (s.noise == 0.0) return std::make_unique<LeastSquares>(std::move(exact));
  Random random(s.data_seed);
  Vector y = exact.y();
  for (Index i = 0; i < y.size(); ++i) y(i) += s.noise * random.normal();  // + σ ε_i
  return std::make_unique<LeastSquares>(exact.X(), std::move(y));
}

}  // namespace

void catalogue::add_least_squares(Registry& registry) {
  registry.add(problem_entry(
      "least_squares",
      "1/(2N) |Xw - y|^2 over N samples, feature j scaled by scales[j] (badly scaled when they "
      "differ), y = X(1, ..., 1) + noise: minimum 0 at (1, ..., 1) without noise",
      Settings<LeastSquaresSettings>()
          .add("samples", &LeastSquaresSettings::samples, "number of samples N", "samples >= n")
          .add("scales", &LeastSquaresSettings::scales,
               "scale sigma_j of each feature (the dimension n is their number)", "every scale > 0")
          .add("noise", &LeastSquaresSettings::noise,
               "standard deviation of the noise added to the targets", "noise >= 0")
          .add("data_seed", &LeastSquaresSettings::data_seed,
               "seed of the random features and noise", "any integer >= 0"),
      make_least_squares));
}

}  // namespace workbook
