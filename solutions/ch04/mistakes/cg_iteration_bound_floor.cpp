// Known mistake: k rounded down.
#include <algorithm>
#include <cmath>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"

long workbook::cg_iterations_for(double condition_number, double tolerance) {
  if (!(condition_number >= 1.0) || !std::isfinite(condition_number)) {
    throw std::invalid_argument("condition_number = " + format_number(condition_number) +
                                " is invalid: expected a finite condition_number >= 1");
  }
  require_open_interval("tolerance", tolerance, 0.0, 1.0);
  // 2qᵏ ≤ ε with q = (√κ − 1)/(√κ + 1) ⇔ k ≥ ln(2/ε) / ln(1/q), and
  // ln(1/q) = ln(1 + 2/(√κ − 1)), computed with log1p so that it stays accurate for large κ.
  // For κ = 1, q = 0: one step solves the system.
  const double root = std::sqrt(condition_number);
  if (root == 1.0) return 1;
  const double k = std::log(2.0 / tolerance) / std::log1p(2.0 / (root - 1.0));
  return std::max(1L, static_cast<long>(std::floor(k)));
}
