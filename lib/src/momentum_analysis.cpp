// Chapter 3's analysis, which steps nothing: the damping regimes of m x'' + μx' + kx = 0 and
// its exact solution (§3.1), the iteration matrices of the heavy ball and of Nesterov's method on a
// quadratic, their spectral radius, and the optimal rates (§3.4–§3.6).
#include <algorithm>
#include <cmath>
#include <ostream>
#include <stdexcept>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/momentum.hpp"

namespace workbook {

// ----------------------------------------------------------------------------- damped oscillator

std::string to_string(Damping damping) {
  switch (damping) {
    case Damping::under:
      return "under-damped";
    case Damping::critical:
      return "critically damped";
    case Damping::over:
      return "over-damped";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& out, Damping damping) {
  return out << to_string(damping);
}

namespace {

void check_oscillator(double mass, double friction, double stiffness) {
  require_positive("mass", mass);
  require_non_negative("friction", friction);
  require_positive("stiffness", stiffness);
}

}  // namespace

Damping damping_regime(double mass, double friction, double stiffness) {
  check_oscillator(mass, friction, stiffness);
  const double squared = friction * friction, critical = 4.0 * mass * stiffness;  // μ², 4mk
  if (squared < critical) return Damping::under;
  if (squared > critical) return Damping::over;
  return Damping::critical;
}

double damped_oscillator_solution(double mass, double friction, double stiffness, double x0,
                                  double v0, double t) {
  const Damping regime = damping_regime(mass, friction, stiffness);
  const double a = friction / (2.0 * mass);        // decay rate of the envelope
  const double omega2 = stiffness / mass - a * a;  // ω² (< 0 when over-damped)
  double C = 1.0, S = t;                           // critical: C = 1, S = t
  if (regime == Damping::under) {
    const double omega = std::sqrt(omega2);
    C = std::cos(omega * t);
    S = std::sin(omega * t) / omega;
  } else if (regime == Damping::over) {
    const double gamma = std::sqrt(-omega2);
    C = std::cosh(gamma * t);
    S = std::sinh(gamma * t) / gamma;
  }
  return std::exp(-a * t) * (x0 * C + (v0 + a * x0) * S);
}

// ------------------------------------------------------------------------- quadratic analysis

namespace {

// Valid (η, β) and a finite eigenvalue λ.
void check_eigen_direction(const MomentumParams& params, double eigenvalue) {
  params.validate();
  if (!std::isfinite(eigenvalue)) {
    Range::fail("eigenvalue = " + format_number(eigenvalue), "a finite number");
  }
}

}  // namespace

Eigen::Matrix2d heavy_ball_iteration_matrix(const MomentumParams& params, double eigenvalue) {
  check_eigen_direction(params, eigenvalue);
  const double eta = params.learning_rate, beta = params.momentum, lambda = eigenvalue;
  Eigen::Matrix2d T;
  T << 1.0 + beta - eta * lambda, -beta,  // e_{t+1} = (1 + β − ηλ) e_t − β e_{t−1}
      1.0, 0.0;                           // e_t     = e_t
  return T;
}

Eigen::Matrix2d nesterov_iteration_matrix(const MomentumParams& params, double eigenvalue) {
  check_eigen_direction(params, eigenvalue);
  const double eta = params.learning_rate, beta = params.momentum, lambda = eigenvalue;
  const double shrink = 1.0 - eta * lambda;  // a gradient step multiplies y_t by 1 − ηλ
  Eigen::Matrix2d T;
  T << (1.0 + beta) * shrink, -beta * shrink,  // e_{t+1} = (1 − ηλ)((1 + β) e_t − β e_{t−1})
      1.0, 0.0;
  return T;
}

double spectral_radius(const Eigen::Matrix2d& T) {
  if (!T.allFinite()) {
    throw std::invalid_argument("the matrix has a NaN or infinite entry: expected finite entries");
  }
  // The eigenvalues are the roots of z² − tr·z + det = 0.
  const double trace = T(0, 0) + T(1, 1), det = T(0, 0) * T(1, 1) - T(0, 1) * T(1, 0);
  const double discriminant = trace * trace - 4.0 * det;
  if (discriminant < 0.0) return std::sqrt(det);  // complex pair: |z|² = z·z̄ = det
  const double root = std::sqrt(discriminant);
  return std::max(std::abs(trace + root), std::abs(trace - root)) / 2.0;
}

namespace {

// 0 < λ₁ ≤ λₙ, both finite.
void check_spectrum(double smallest, double largest) {
  require_positive("smallest_eigenvalue", smallest);
  require_positive("largest_eigenvalue", largest);
  if (largest < smallest) {
    throw std::invalid_argument(
        "largest_eigenvalue = " + format_number(largest, 6) +
        " is invalid: expected largest_eigenvalue >= smallest_eigenvalue = " +
        format_number(smallest, 6));
  }
}

// (√κ − 1)/(√κ + 1) = (√λₙ − √λ₁)/(√λₙ + √λ₁).
double root_ratio(double smallest, double largest) {
  return (std::sqrt(largest) - std::sqrt(smallest)) / (std::sqrt(largest) + std::sqrt(smallest));
}

}  // namespace

// optimal_heavy_ball() and nesterov_parameters() are Chapter 3's exercise momentum_tuning.

double optimal_heavy_ball_rate(double smallest_eigenvalue, double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  return root_ratio(smallest_eigenvalue, largest_eigenvalue);
}

double nesterov_rate(double smallest_eigenvalue, double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  return 1.0 - std::sqrt(smallest_eigenvalue / largest_eigenvalue);  // 1 − 1/√κ
}

}  // namespace workbook
