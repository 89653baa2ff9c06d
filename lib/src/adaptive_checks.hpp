// Checks shared by the Chapter 5 update rules (adaptive.cpp, adaptive_nadam.cpp).
#pragma once

#include <utility>

#include "workbook/driver.hpp"

namespace workbook::adaptive {

// β₁ and β₂ in [0, 1): "beta1 = 1 is invalid: expected beta1 in [0, 1)".
void require_betas(const std::pair<double, double>& betas);

// Before a step: x must have the dimension the rule was reset to, and the gradient the size of x.
// Throws std::invalid_argument naming both sizes.
void check_step_sizes(const UpdateRule& rule, Index state_size, const Vector& x,
                      const Vector& gradient);

}  // namespace workbook::adaptive
