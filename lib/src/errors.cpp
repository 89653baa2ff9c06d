#include "workbook/errors.hpp"

#include <cmath>
#include <string>

#include "workbook/format.hpp"
#include "workbook/settings.hpp"

namespace workbook {

not_implemented::not_implemented(std::string_view file, int line, std::string_view section)
    : std::logic_error("not implemented yet: " + std::string(file) + ":" + std::to_string(line) +
                       " (" + std::string(section) + ")") {}

void require_positive(std::string_view name, double value) {
  Range::positive().check(name, value);
}

void require_non_negative(std::string_view name, double value) {
  Range::non_negative().check(name, value);
}

void require_open_interval(std::string_view name, double value, double low, double high) {
  Range::open(low, high).check(name, value);
}

void require_half_open_interval(std::string_view name, double value, double low, double high) {
  Range::half_open(low, high).check(name, value);
}

void require_left_open_interval(std::string_view name, double value, double low, double high) {
  Range::left_open(low, high).check(name, value);
}

void require_closed_interval(std::string_view name, double value, double low, double high) {
  Range::closed(low, high).check(name, value);
}

void require_at_least(std::string_view name, long value, long minimum) {
  Range::at_least(static_cast<double>(minimum)).check(name, static_cast<double>(value));
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
      Range::fail(std::string(name) + "[" + std::to_string(i) + "] = " + format_number(vector(i)),
                  "a finite number");
    }
  }
}

}  // namespace workbook
