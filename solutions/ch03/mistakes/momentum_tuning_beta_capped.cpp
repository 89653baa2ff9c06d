// Known mistake: Nesterov's β capped at 0.99, a rule of thumb for untuned momentum: right up to
// κ ≈ 4·10⁴, too small beyond.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/momentum.hpp"

namespace {

// 0 < λ₁ ≤ λₙ, both finite.
void check_spectrum(double smallest, double largest) {
  workbook::require_positive("smallest_eigenvalue", smallest);
  workbook::require_positive("largest_eigenvalue", largest);
  if (largest < smallest) {
    throw std::invalid_argument("largest_eigenvalue = " + workbook::format_number(largest, 6) +
                                " is invalid: expected largest_eigenvalue >= "
                                "smallest_eigenvalue = " +
                                workbook::format_number(smallest, 6));
  }
}

}  // namespace

double workbook::heavy_ball_spectral_radius(const MomentumParams& params, double eigenvalue) {
  params.validate();
  if (!std::isfinite(eigenvalue)) {
    throw std::invalid_argument("eigenvalue = " + format_number(eigenvalue) +
                                " is invalid: expected a finite number");
  }
  const double sum = 1.0 + params.momentum - params.learning_rate * eigenvalue;  // z₁ + z₂
  const double product = params.momentum;                                        // z₁ z₂ = β
  const double size = std::abs(sum), root_product = std::sqrt(product);
  // The discriminant s² − 4β is negative when |s| < 2√β: a complex pair, |z|² = z z̄ = β.
  if (size < 2.0 * root_product) return root_product;
  if (size == 0.0) return 0.0;  // s = 0 and β = 0: both roots 0
  // Two real roots of the sign of s, the larger (|s| + √(s² − 4β))/2, written without s², which
  // overflows from |s| ≈ 1.3e154: r = 2√β/|s| ≤ 1.
  const double r = 2.0 * root_product / size;
  return size / 2.0 * (1.0 + std::sqrt(1.0 - r * r));
}

workbook::MomentumParams workbook::optimal_heavy_ball(double smallest_eigenvalue,
                                                      double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  // 1 − √β = √(ηλ₁) and 1 + √β = √(ηλₙ): add and subtract.
  const double low = std::sqrt(smallest_eigenvalue), high = std::sqrt(largest_eigenvalue);
  const double rate = (high - low) / (high + low);  // √β
  MomentumParams p;
  p.learning_rate = 4.0 / ((low + high) * (low + high));  // η = (2/(√λ₁ + √λₙ))²
  p.momentum = rate * rate;                               // β = ((√κ − 1)/(√κ + 1))²
  return p;
}

workbook::MomentumParams workbook::nesterov_parameters(double smallest_eigenvalue,
                                                       double largest_eigenvalue) {
  check_spectrum(smallest_eigenvalue, largest_eigenvalue);
  const double low = std::sqrt(smallest_eigenvalue), high = std::sqrt(largest_eigenvalue);
  MomentumParams p;
  p.learning_rate = 1.0 / largest_eigenvalue;                // η = 1/L
  p.momentum = std::min((high - low) / (high + low), 0.99);  // β = (√κ − 1)/(√κ + 1), kept < 1
  return p;
}
