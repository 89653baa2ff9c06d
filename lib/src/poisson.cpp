// Chapter 4: the 2-D Poisson problem, a sparse SPD system of up to 16 million unknowns.
#include "workbook/poisson.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/registry.hpp"

namespace workbook {

Poisson2D::Poisson2D(Index grid) : grid_(grid) {
  if (grid < 1 || grid > 4000) {
    throw std::invalid_argument("grid = " + std::to_string(grid) +
                                " is invalid: expected 1 <= grid <= 4000 (N x N unknowns)");
  }
  const Index N = grid, n = N * N;
  // Row (i, j) = iN + j: 4 on the diagonal, −1 for each neighbour inside the grid. Rows are
  // filled in order, each with its columns ascending, straight into compressed storage.
  A_.resize(n, n);
  A_.reserve(Eigen::VectorXi::Constant(n, 5));
  for (Index i = 0; i < N; ++i) {
    for (Index j = 0; j < N; ++j) {
      const Index row = i * N + j;
      if (i > 0) A_.insert(row, row - N) = -1.0;
      if (j > 0) A_.insert(row, row - 1) = -1.0;
      A_.insert(row, row) = 4.0;
      if (j + 1 < N) A_.insert(row, row + 1) = -1.0;
      if (i + 1 < N) A_.insert(row, row + N) = -1.0;
    }
  }
  A_.makeCompressed();
  const double h = 1.0 / static_cast<double>(N + 1);
  b_ = Vector::Constant(n, h * h);
}

double Poisson2D::value(const Vector& x) const {
  require_size("x", x, dimension(), "N² for the Poisson problem");
  return 0.5 * x.dot(A_ * x) - b_.dot(x);
}

void Poisson2D::gradient(const Vector& x, Vector& g) const {
  require_size("x", x, dimension(), "N² for the Poisson problem");
  g.noalias() = A_ * x;
  g -= b_;
}

double Poisson2D::value_and_gradient(const Vector& x, Vector& g) const {
  gradient(x, g);  // g = Ax − b, so f = ½xᵀ(Ax) − bᵀx = ½xᵀ(g − b)
  return 0.5 * x.dot(g - b_);
}

void Poisson2D::hessian_vector_product(const Vector& x, const Vector& v, Vector& product) const {
  require_size("x", x, dimension(), "N² for the Poisson problem");
  require_size("v", v, dimension(), "N² for the Poisson problem");
  product.noalias() = A_ * v;
}

Vector Poisson2D::hessian_diagonal(const Vector& x) const {
  require_size("x", x, dimension(), "N² for the Poisson problem");
  return Vector::Constant(dimension(), 4.0);
}

double Poisson2D::smallest_eigenvalue() const {
  const double h = 1.0 / static_cast<double>(grid_ + 1);
  return 4.0 - 4.0 * std::cos(std::numbers::pi * h);
}

double Poisson2D::largest_eigenvalue() const {
  const double h = 1.0 / static_cast<double>(grid_ + 1);
  return 4.0 + 4.0 * std::cos(std::numbers::pi * h);
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

namespace workbook {
namespace {

struct PoissonSettings {
  long grid = 32;
};

}  // namespace

void catalogue::add_poisson(Registry& registry) {
  registry.add(problem_entry(
      "poisson-2d",
      "the 5-point Laplacian on an N x N grid: 1/2 x'Ax - b'x with N^2 unknowns, sparse, "
      "condition number about 4/(pi h)^2 (Chapter 4)",
      Settings<PoissonSettings>().add("grid", &PoissonSettings::grid,
                                      "N: the grid of N x N interior points", "1 <= grid <= 4000"),
      [](const PoissonSettings& s) {
        if (s.grid < 1 || s.grid > 4000) {
          Range::fail("--grid = " + std::to_string(s.grid), "1 <= --grid <= 4000");
        }
        return std::make_unique<Poisson2D>(s.grid);
      }));
}

}  // namespace workbook
