// Known mistake: κ where √κ belongs (the rate of steepest descent, not of CG).
#include <algorithm>
#include <cmath>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

long workbook::cg_iterations_for(double condition_number, double tolerance) {
  if (!(condition_number >= 1.0)) throw std::invalid_argument("condition_number < 1");
  require_open_interval("tolerance", tolerance, 0.0, 1.0);
  if (condition_number == 1.0) return 1;
  // ln(1/q) with q = (κ − 1)/(κ + 1), accurately: ln(1 + 2/(κ − 1)).
  const double k = std::log(2.0 / tolerance) / std::log1p(2.0 / (condition_number - 1.0));
  return std::max(1L, static_cast<long>(std::ceil(k)));
}
