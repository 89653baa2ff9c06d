/// \file
/// Numbers in messages: short, and the same everywhere ("3.1e-9", "0.25", "inf").
#pragma once

#include <string>

#include "workbook/types.hpp"

namespace workbook {

/// `value` with `digits` significant digits, exponent without padding: 3.1e-9, 412, 0.060466.
std::string format_number(double value, int digits = 3);

/// A vector as "(1, -2.5, 3e-8)", each entry through format_number.
std::string format_vector(const Vector& vector, int digits = 3);

}  // namespace workbook
