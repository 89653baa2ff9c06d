#include "workbook/format.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace workbook {

std::string format_number(double value, int digits) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  std::string text(buffer);
  // "3.1e-09" -> "3.1e-9", "1e+10" -> "1e10"
  if (auto e = text.find('e'); e != std::string::npos) {
    std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    bool negative = exponent[0] == '-';
    std::size_t first = exponent.find_first_not_of("+-0");
    exponent = first == std::string::npos ? "0" : exponent.substr(first);
    text = mantissa + "e" + (negative ? "-" : "") + exponent;
  }
  return text;
}

std::string format_vector(const Vector& vector, int digits) {
  std::string text = "(";
  for (Index i = 0; i < vector.size(); ++i) {
    if (i > 0) text += ", ";
    text += format_number(vector(i), digits);
  }
  return text + ")";
}

}  // namespace workbook
