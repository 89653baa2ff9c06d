#include "workbook/problems.hpp"

#include "catalogue.hpp"
#include "workbook/registry.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/linear_algebra.hpp"

namespace workbook {

// ----------------------------------------------------------------------------------- Quadratic

Quadratic::Quadratic(Matrix A, Vector b) : A_(std::move(A)), b_(std::move(b)) {
  if (A_.rows() != A_.cols() || A_.rows() == 0) {
    throw std::invalid_argument("A is " + std::to_string(A_.rows()) + "x" +
                                std::to_string(A_.cols()) + ": expected a non-empty square matrix");
  }
  require_size("b", b_, A_.rows(), "the size of A");
  require_finite("b", b_);
  if (!A_.allFinite())
    throw std::invalid_argument("A has a NaN or infinite entry: expected finite");
  double scale = std::max(1.0, A_.cwiseAbs().maxCoeff());
  double asymmetry = (A_ - A_.transpose()).cwiseAbs().maxCoeff();
  if (asymmetry > 1e-12 * scale) {
    throw std::invalid_argument("A is not symmetric: max |A - A^T| = " + format_number(asymmetry) +
                                ", expected 0");
  }
  SymmetricEigen eigen = symmetric_eigen(A_);
  eigenvalues_ = std::move(eigen.eigenvalues);
  eigenvectors_ = std::move(eigen.eigenvectors);
  if (!(eigenvalues_(0) > 0.0)) {
    throw std::invalid_argument("A is not positive definite: its smallest eigenvalue is " +
                                format_number(eigenvalues_(0)) + ", expected > 0");
  }
  // x* = A⁻¹b = Q Λ⁻¹ Qᵀ b
  minimiser_ = eigenvectors_ * (eigenvectors_.transpose() * b_).cwiseQuotient(eigenvalues_);
  minimum_ = -0.5 * b_.dot(minimiser_);
}

Quadratic Quadratic::diagonal(const Vector& d) {
  return Quadratic(d.asDiagonal().toDenseMatrix(), Vector::Zero(d.size()));
}

Quadratic Quadratic::with_spectrum(const Vector& eigenvalues,
                                   std::optional<std::uint64_t> rotation_seed) {
  const Index n = eigenvalues.size();
  if (n == 0) throw std::invalid_argument("eigenvalues is empty: expected at least one");
  require_finite("eigenvalues", eigenvalues);
  if (!rotation_seed) return diagonal(eigenvalues);
  const Matrix Q = random_orthogonal(n, *rotation_seed);
  const Matrix A = Q * eigenvalues.asDiagonal() * Q.transpose();
  Quadratic q(0.5 * (A + A.transpose()), Vector::Zero(n));
  // Keep the eigenvalues asked for and their eigenvectors, exactly, rather than those recomputed
  // from the rotated A: in increasing order, the columns of Q in the same order.
  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Index i, Index j) { return eigenvalues(i) < eigenvalues(j); });
  for (Index k = 0; k < n; ++k) {
    q.eigenvalues_(k) = eigenvalues(order[static_cast<std::size_t>(k)]);
    q.eigenvectors_.col(k) = Q.col(order[static_cast<std::size_t>(k)]);
  }
  return q;
}

Quadratic Quadratic::with_condition_number(Index n, double condition_number,
                                           std::optional<std::uint64_t> rotation_seed) {
  require_at_least("n", n, 1);
  if (!(condition_number >= 1.0) || !std::isfinite(condition_number)) {
    throw std::invalid_argument("condition_number = " + format_number(condition_number, 6) +
                                " is invalid: expected condition_number >= 1");
  }
  if (n == 1 && condition_number != 1.0) {
    throw std::invalid_argument("condition_number = " + format_number(condition_number, 6) +
                                " is invalid for n = 1: one eigenvalue gives condition_number = 1");
  }
  Vector eigenvalues(n);
  for (Index i = 0; i < n; ++i) {
    double fraction = n == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(n - 1);
    eigenvalues(i) = std::pow(condition_number, fraction);
  }
  eigenvalues(n - 1) = condition_number;  // exactly, whatever pow rounds to
  return with_spectrum(eigenvalues, rotation_seed);
}

double Quadratic::value(const Vector& x) const {
  return 0.5 * x.dot(A_ * x) - b_.dot(x);
}

void Quadratic::hessian_vector_product(const Vector& x, const Vector& v, Vector& product) const {
  require_size("x", x, dimension(), "the dimension of the quadratic");
  require_size("v", v, dimension(), "the dimension of the quadratic");
  product.noalias() = A_ * v;
}

void Quadratic::gradient(const Vector& x, Vector& g) const {
  g.noalias() = A_ * x - b_;
}

double Quadratic::value_and_gradient(const Vector& x, Vector& g) const {
  gradient(x, g);
  // f = ½xᵀAx − bᵀx = ½xᵀ(Ax − b) − ½bᵀx
  return 0.5 * (x.dot(g) - b_.dot(x));
}

Box Quadratic::plot_box() const {
  if (dimension() != 2) return Problem::plot_box();
  // Large enough to hold the start point (1, 1) and the minimiser.
  double half = 1.2 * std::max({1.0, (default_start() - minimiser_).cwiseAbs().maxCoeff()});
  return {minimiser_(0) - half, minimiser_(0) + half, minimiser_(1) - half, minimiser_(1) + half};
}

// ---------------------------------------------------------------------------------- Rosenbrock

Rosenbrock::Rosenbrock(Index n) : n_(n) {
  require_at_least("n (rosenbrock's dimension)", n, 2);
}

double Rosenbrock::value(const Vector& x) const {
  double f = 0.0;
  for (Index i = 0; i + 1 < n_; ++i) {
    double valley = x(i + 1) - x(i) * x(i);
    f += 100.0 * valley * valley + (1.0 - x(i)) * (1.0 - x(i));
  }
  return f;
}

void Rosenbrock::gradient(const Vector& x, Vector& g) const {
  g.setZero(n_);
  for (Index i = 0; i + 1 < n_; ++i) {
    double valley = x(i + 1) - x(i) * x(i);
    g(i) += -400.0 * x(i) * valley - 2.0 * (1.0 - x(i));
    g(i + 1) += 200.0 * valley;
  }
}

Matrix Rosenbrock::hessian(const Vector& x) const {
  Matrix H = Matrix::Zero(n_, n_);
  for (Index i = 0; i + 1 < n_; ++i) {
    H(i, i) += 1200.0 * x(i) * x(i) - 400.0 * x(i + 1) + 2.0;
    H(i + 1, i + 1) += 200.0;
    H(i, i + 1) = H(i + 1, i) = -400.0 * x(i);
  }
  return H;
}

Vector Rosenbrock::default_start() const {
  Vector x0(n_);
  for (Index i = 0; i < n_; ++i) x0(i) = i % 2 == 0 ? -1.2 : 1.0;
  return x0;
}

// ------------------------------------------------------------------------ two-dimensional tests

PlaneTestFunction::PlaneTestFunction(std::string name, Vector start, std::vector<Vector> minimisers,
                                     Box box)
    : name_(std::move(name)),
      start_(std::move(start)),
      minimisers_(std::move(minimisers)),
      box_(box) {}

// --------------------------------------------------------------------------------------- Beale

Beale::Beale()
    : PlaneTestFunction("beale", Vector::Ones(2), {Vector{{3.0, 0.5}}}, {-4.5, 4.5, -4.5, 4.5}) {}

namespace {
// Beale's residuals t_k = c_k − x + x y^k, k = 1, 2, 3.
constexpr double beale_c[3] = {1.5, 2.25, 2.625};
}  // namespace

double Beale::value(const Vector& p) const {
  const double x = p(0), y = p(1);
  double f = 0.0, yk = 1.0;
  for (double c : beale_c) {
    yk *= y;
    double t = c - x + x * yk;
    f += t * t;
  }
  return f;
}

void Beale::gradient(const Vector& p, Vector& g) const {
  const double x = p(0), y = p(1);
  g.setZero(2);
  double yk = 1.0;  // y^k
  for (int k = 1; k <= 3; ++k) {
    double yk_minus_1 = yk;
    yk *= y;
    double t = beale_c[k - 1] - x + x * yk;
    g(0) += 2.0 * t * (yk - 1.0);            // ∂t/∂x = y^k − 1
    g(1) += 2.0 * t * (k * x * yk_minus_1);  // ∂t/∂y = k x y^{k−1}
  }
}

Matrix Beale::hessian(const Vector& p) const {
  const double x = p(0), y = p(1);
  Matrix H = Matrix::Zero(2, 2);
  for (int k = 1; k <= 3; ++k) {
    const double yk = std::pow(y, k), yk1 = std::pow(y, k - 1);
    const double yk2 = k >= 2 ? std::pow(y, k - 2) : 0.0;
    const double t = beale_c[k - 1] - x + x * yk;
    const double tx = yk - 1.0, ty = k * x * yk1;             // ∇t
    const double txy = k * yk1, tyy = k * (k - 1) * x * yk2;  // ∇²t = [[0, txy], [txy, tyy]]
    // ∇²(t²) = 2(∇t ∇tᵀ + t ∇²t)
    H(0, 0) += 2.0 * tx * tx;
    H(0, 1) += 2.0 * (tx * ty + t * txy);
    H(1, 1) += 2.0 * (ty * ty + t * tyy);
  }
  H(1, 0) = H(0, 1);
  return H;
}

// --------------------------------------------------------------------------------------- Booth

Booth::Booth()
    : PlaneTestFunction("booth", Vector::Zero(2), {Vector{{1.0, 3.0}}},
                        {-10.0, 10.0, -10.0, 10.0}) {}

double Booth::value(const Vector& p) const {
  double r1 = p(0) + 2.0 * p(1) - 7.0, r2 = 2.0 * p(0) + p(1) - 5.0;
  return r1 * r1 + r2 * r2;
}

void Booth::gradient(const Vector& p, Vector& g) const {
  double r1 = p(0) + 2.0 * p(1) - 7.0, r2 = 2.0 * p(0) + p(1) - 5.0;
  g.resize(2);
  g << 2.0 * r1 + 4.0 * r2, 4.0 * r1 + 2.0 * r2;
}

Matrix Booth::hessian(const Vector&) const {
  return Matrix{{10.0, 8.0}, {8.0, 10.0}};
}

// ---------------------------------------------------------------------------------- Himmelblau

// (3, 2) exactly; the others found by Newton's method to machine precision.
Himmelblau::Himmelblau()
    : PlaneTestFunction("himmelblau", Vector::Zero(2),
                        {Vector{{3.0, 2.0}}, Vector{{-2.805118086952745, 3.131312518250573}},
                         Vector{{-3.779310253377747, -3.283185991286169}},
                         Vector{{3.5844283403304917, -1.8481265269644034}}},
                        {-5.0, 5.0, -5.0, 5.0}) {}

double Himmelblau::value(const Vector& p) const {
  double u = p(0) * p(0) + p(1) - 11.0, w = p(0) + p(1) * p(1) - 7.0;
  return u * u + w * w;
}

void Himmelblau::gradient(const Vector& p, Vector& g) const {
  const double x = p(0), y = p(1);
  double u = x * x + y - 11.0, w = x + y * y - 7.0;
  g.resize(2);
  g << 4.0 * x * u + 2.0 * w, 2.0 * u + 4.0 * y * w;
}

Matrix Himmelblau::hessian(const Vector& p) const {
  const double x = p(0), y = p(1);
  return Matrix{{12.0 * x * x + 4.0 * y - 42.0, 4.0 * (x + y)},
                {4.0 * (x + y), 12.0 * y * y + 4.0 * x - 26.0}};
}

// -------------------------------------------------------------------------------- SoftplusBowl

SoftplusBowl::SoftplusBowl(double strong_convexity, double smoothness, Index n)
    : mu_(strong_convexity), L_(smoothness) {
  require_positive("mu (the strong convexity constant)", mu_);
  if (!(std::isfinite(L_) && L_ > mu_)) {
    throw std::invalid_argument("L = " + format_number(L_) +
                                " (the smoothness constant): expected " +
                                "a finite L > mu = " + format_number(mu_));
  }
  require_at_least("n (the softplus bowl's dimension)", n, 1);
  Q_ = random_orthogonal(n, 5);
  c_ = Vector::LinSpaced(n, -2.0, 2.0);
  // x*: on a convex, L-smooth f the gradient's norm does not grow under steps of 1/L, so stop
  // when it does: rounding, not the method, has the last word there.
  Vector x = default_start(), g, next_gradient;
  gradient(x, g);
  for (long k = 0; k < 1000000 && g.norm() > 0.0; ++k) {
    const Vector next = x - g / L_;
    gradient(next, next_gradient);
    if (!(next_gradient.norm() < g.norm())) break;
    x = next;
    g = next_gradient;
  }
  minimiser_ = x;
  minimum_ = value(x);
}

double SoftplusBowl::value(const Vector& x) const {
  const Vector z = Q_.transpose() * x - c_;
  double sum = 0.0;  // Σ softplus(zᵢ), written to neither overflow nor lose small values
  for (Index i = 0; i < z.size(); ++i)
    sum += std::max(z(i), 0.0) + std::log1p(std::exp(-std::abs(z(i))));
  return 0.5 * mu_ * x.squaredNorm() + 4.0 * (L_ - mu_) * sum;
}

void SoftplusBowl::gradient(const Vector& x, Vector& g) const {
  const Vector z = Q_.transpose() * x - c_;
  Vector sigma(z.size());  // softplus' = σ
  for (Index i = 0; i < z.size(); ++i) sigma(i) = 1.0 / (1.0 + std::exp(-z(i)));
  g = mu_ * x + 4.0 * (L_ - mu_) * (Q_ * sigma);
}

// ----------------------------------------------------------------------- LessardCounterexample

double LessardCounterexample::value(const Vector& p) const {
  const double x = p(0);
  if (x < 1.0) return 12.5 * x * x;
  if (x < 2.0) return 0.5 * x * x + 24.0 * x - 12.0;
  return 12.5 * x * x - 24.0 * x + 36.0;
}

void LessardCounterexample::gradient(const Vector& p, Vector& g) const {
  const double x = p(0);
  g.resize(1);
  g(0) = x < 1.0 ? 25.0 * x : x < 2.0 ? x + 24.0 : 25.0 * x - 24.0;
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

namespace workbook {
namespace {

// The quadratic's settings: --diag d1,d2,... gives f = ½ Σ dᵢxᵢ²; otherwise --dim and
// --condition-number give geometrically spaced eigenvalues from 1 to κ, rotated by
// --rotation-seed if it is given.
struct QuadraticSettings {
  std::optional<long> dim;
  std::optional<double> condition_number;
  std::vector<double> diag;
  std::optional<std::uint64_t> rotation_seed;
};

struct DimensionSettings {
  long dim = 2;
};

struct NoSettings {};

std::unique_ptr<Quadratic> make_quadratic(const QuadraticSettings& s) {
  if (!s.diag.empty()) {
    if (s.dim || s.condition_number) {
      throw std::invalid_argument(
          "--diag gives the quadratic's dimension and spectrum: drop --dim and --condition-number");
    }
    const Vector d = Eigen::Map<const Vector>(s.diag.data(), static_cast<Index>(s.diag.size()));
    return std::make_unique<Quadratic>(Quadratic::with_spectrum(d, s.rotation_seed));
  }
  return std::make_unique<Quadratic>(Quadratic::with_condition_number(
      s.dim.value_or(2), s.condition_number.value_or(10.0), s.rotation_seed));
}

}  // namespace

void catalogue::add_problems(Registry& registry) {
  registry.add(problem_entry(
      "quadratic", "f = 1/2 x'Ax with eigenvalues from 1 to kappa, or f = 1/2 sum d_i x_i^2",
      Settings<QuadraticSettings>()
          .add("dim", &QuadraticSettings::dim, "dimension n (default 2)", "dim >= 1")
          .add("condition_number", &QuadraticSettings::condition_number,
               "kappa = lambda_max / lambda_min (default 10)", "condition_number >= 1")
          .add("diag", &QuadraticSettings::diag, "the diagonal d of A (instead of dim, kappa)",
               "every d_i > 0")
          .add("rotation_seed", &QuadraticSettings::rotation_seed,
               "rotate A by a random orthogonal matrix drawn from this seed", "any integer >= 0"),
      make_quadratic));
  registry.add(problem_entry(
      "rosenbrock", "sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2; minimum 0 at (1, ..., 1)",
      Settings<DimensionSettings>().add("dim", &DimensionSettings::dim, "dimension n", "dim >= 2"),
      [](const DimensionSettings& s) { return std::make_unique<Rosenbrock>(s.dim); }));
  registry.add(problem_entry("beale", "Beale's function; minimum 0 at (3, 0.5)",
                             Settings<NoSettings>(),
                             [](const NoSettings&) { return std::make_unique<Beale>(); }));
  registry.add(problem_entry("booth", "Booth's function; minimum 0 at (1, 3)",
                             Settings<NoSettings>(),
                             [](const NoSettings&) { return std::make_unique<Booth>(); }));
  registry.add(problem_entry("himmelblau", "Himmelblau's function; four minima, all 0",
                             Settings<NoSettings>(),
                             [](const NoSettings&) { return std::make_unique<Himmelblau>(); }));
}

}  // namespace workbook
