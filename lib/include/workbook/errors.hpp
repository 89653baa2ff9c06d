/// \file
/// Errors and argument checks shared by the whole library.
///
/// Every check throws `std::invalid_argument` with a message that names the value and states what
/// was expected, e.g. "learning_rate = -0.1 is invalid: expected learning_rate > 0".
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "workbook/types.hpp"

namespace workbook {

/// Thrown by an exercise stub that the student has not completed yet.
///
/// Its message names the stub's file and line and the section of the notes to read:
/// "not implemented yet: exercises/ch01/gradient_descent_step.cpp:17 (Chapter 1, §1.2 ...)".
class not_implemented : public std::logic_error {
 public:
  /// Use WORKBOOK_NOT_IMPLEMENTED(section), which passes the stub's `__FILE__` and `__LINE__`.
  not_implemented(std::string_view file, int line, std::string_view section);
};

/// Throws workbook::not_implemented for the enclosing exercise stub.
#define WORKBOOK_NOT_IMPLEMENTED(section) \
  throw ::workbook::not_implemented(__FILE__, __LINE__, section)

/// \name Argument checks
/// Each throws `std::invalid_argument` naming `name`, its value and the allowed range: the checks
/// of the Range (settings.hpp) of the same name, `Range::positive().check(name, value)`.
/// \{

/// Requires \f$\text{value} > 0\f$ (and finite).
void require_positive(std::string_view name, double value);
/// Requires \f$\text{value} \ge 0\f$ (and finite).
void require_non_negative(std::string_view name, double value);
/// Requires \f$\text{low} < \text{value} < \text{high}\f$.
void require_open_interval(std::string_view name, double value, double low, double high);
/// Requires \f$\text{low} \le \text{value} < \text{high}\f$.
void require_half_open_interval(std::string_view name, double value, double low, double high);
/// Requires \f$\text{low} < \text{value} \le \text{high}\f$.
void require_left_open_interval(std::string_view name, double value, double low, double high);
/// Requires \f$\text{low} \le \text{value} \le \text{high}\f$.
void require_closed_interval(std::string_view name, double value, double low, double high);
/// Requires an integer count \f$\ge\f$ `minimum`.
void require_at_least(std::string_view name, long value, long minimum);
/// Requires `vector` to have `expected` entries; `what` says what the size is (e.g. "the dimension
/// of rosenbrock").
void require_size(std::string_view name, const Vector& vector, Index expected,
                  std::string_view what);
/// Requires every entry of `vector` to be finite (no NaN, no infinity).
void require_finite(std::string_view name, const Vector& vector);
/// \}

}  // namespace workbook
