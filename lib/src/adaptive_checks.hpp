// Checks shared by the Chapter 5 update rules (adaptive.cpp, adaptive_nadam.cpp).
#pragma once

#include <utility>

#include "workbook/types.hpp"

namespace workbook::adaptive {

// β₁ and β₂ in [0, 1): "beta1 = 1 is invalid: expected beta1 in [0, 1)".
void require_betas(const std::pair<double, double>& betas);

}  // namespace workbook::adaptive
