// Known mistake: k rounded down.
#include <algorithm>
#include <cmath>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

long workbook::cg_iterations_for(double condition_number, double tolerance) {
  if (!(condition_number >= 1.0)) throw std::invalid_argument("condition_number < 1");
  require_open_interval("tolerance", tolerance, 0.0, 1.0);
  const double root = std::sqrt(condition_number);
  if (root == 1.0) return 1;
  const double q = (root - 1.0) / (root + 1.0);
  return std::max(1L, static_cast<long>(std::floor(std::log(2.0 / tolerance) / std::log(1.0 / q))));
}
