#include "workbook/errors.hpp"

#include <cmath>
#include <string>

#include "workbook/format.hpp"

namespace workbook {

namespace {

std::string value_text(std::string_view name, double value) {
  return std::string(name) + " = " + format_number(value, 6);
}

[[noreturn]] void invalid(std::string_view name, double value, const std::string& expected) {
  throw std::invalid_argument(value_text(name, value) + " is invalid: expected " + expected);
}

}  // namespace

not_implemented::not_implemented(std::string_view file, int line, std::string_view section)
    : std::logic_error("not implemented yet: " + std::string(file) + ":" + std::to_string(line) +
                       " (" + std::string(section) + ")") {}

void require_positive(std::string_view name, double value) {
  if (!(value > 0.0) || !std::isfinite(value)) invalid(name, value, std::string(name) + " > 0");
}

void require_non_negative(std::string_view name, double value) {
  if (!(value >= 0.0) || !std::isfinite(value)) invalid(name, value, std::string(name) + " >= 0");
}

void require_open_interval(std::string_view name, double value, double low, double high) {
  if (!(value > low && value < high)) {
    invalid(name, value,
            std::string(name) + " in (" + format_number(low) + ", " + format_number(high) + ")");
  }
}

void require_half_open_interval(std::string_view name, double value, double low, double high) {
  if (!(value >= low && value < high)) {
    invalid(name, value,
            std::string(name) + " in [" + format_number(low) + ", " + format_number(high) + ")");
  }
}

void require_left_open_interval(std::string_view name, double value, double low, double high) {
  if (!(value > low && value <= high)) {
    invalid(name, value,
            std::string(name) + " in (" + format_number(low) + ", " + format_number(high) + "]");
  }
}

void require_closed_interval(std::string_view name, double value, double low, double high) {
  if (!(value >= low && value <= high)) {
    invalid(name, value,
            std::string(name) + " in [" + format_number(low) + ", " + format_number(high) + "]");
  }
}

void require_at_least(std::string_view name, long value, long minimum) {
  if (value < minimum) {
    throw std::invalid_argument(std::string(name) + " = " + std::to_string(value) +
                                " is invalid: expected " + std::string(name) +
                                " >= " + std::to_string(minimum));
  }
}

void require_size(std::string_view name, const Vector& vector, Index expected,
                  std::string_view what) {
  if (vector.size() != expected) {
    throw std::invalid_argument(std::string(name) + " has " + std::to_string(vector.size()) +
                                " entries: expected " + std::to_string(expected) + " (" +
                                std::string(what) + ")");
  }
}

void require_finite(std::string_view name, const Vector& vector) {
  for (Index i = 0; i < vector.size(); ++i) {
    if (!std::isfinite(vector(i))) {
      throw std::invalid_argument(std::string(name) + "[" + std::to_string(i) +
                                  "] = " + format_number(vector(i)) +
                                  " is invalid: expected a finite number");
    }
  }
}

}  // namespace workbook
