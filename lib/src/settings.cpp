// Settings: ranges, the command-line spelling of a setting, and settings read from and written as
// text.
#include "workbook/settings.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "workbook/format.hpp"

namespace workbook {

// --------------------------------------------------------------------------------------- ranges

namespace {

// A value as a message shows it: integers in full ("max_backtracks = 0"), other numbers with 6
// significant digits ("learning_rate = -0.1", "nan").
std::string value_text(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::abs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return format_number(value, 6);
}

}  // namespace

Range Range::any() {
  return {Kind::any, 0.0, 0.0};
}
Range Range::positive() {
  return {Kind::positive, 0.0, 0.0};
}
Range Range::non_negative() {
  return {Kind::non_negative, 0.0, 0.0};
}
Range Range::at_least(double minimum) {
  return {Kind::at_least, minimum, 0.0};
}
Range Range::open(double low, double high) {
  return {Kind::open, low, high};
}
Range Range::half_open(double low, double high) {
  return {Kind::half_open, low, high};
}
Range Range::left_open(double low, double high) {
  return {Kind::left_open, low, high};
}
Range Range::closed(double low, double high) {
  return {Kind::closed, low, high};
}

bool Range::contains(double x) const {
  switch (kind_) {
    case Kind::any:
      return true;
    case Kind::positive:
      return x > 0.0 && std::isfinite(x);
    case Kind::non_negative:
      return x >= 0.0 && std::isfinite(x);
    case Kind::at_least:
      return x >= low_;
    case Kind::open:
      return x > low_ && x < high_;
    case Kind::half_open:
      return x >= low_ && x < high_;
    case Kind::left_open:
      return x > low_ && x <= high_;
    case Kind::closed:
      return x >= low_ && x <= high_;
  }
  return false;
}

std::string Range::describe(std::string_view name) const {
  const std::string n(name);
  const auto interval = [&](const char* open, const char* close) {
    return n + " in " + open + format_number(low_) + ", " + format_number(high_) + close;
  };
  switch (kind_) {
    case Kind::any:
      return "";
    case Kind::positive:
      return n + " > 0";
    case Kind::non_negative:
      return n + " >= 0";
    case Kind::at_least:
      return n + " >= " + format_number(low_);
    case Kind::open:
      return interval("(", ")");
    case Kind::half_open:
      return interval("[", ")");
    case Kind::left_open:
      return interval("(", "]");
    case Kind::closed:
      return interval("[", "]");
  }
  return "";
}

void Range::check(std::string_view name, double value) const {
  if (!contains(value)) fail(std::string(name) + " = " + value_text(value), describe(name));
}

void Range::fail(const std::string& what, const std::string& expected) {
  throw std::invalid_argument(what + " is invalid: expected " + expected);
}

// ----------------------------------------------------------------------------- settings as text

std::string flag_of(const std::string& setting) {
  std::string flag = setting;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return "--" + flag;
}

namespace {

[[noreturn]] void malformed(const std::string& name, const std::string& text,
                            const std::string& expected) {
  // Named as on a command line: the setting weight_decay is given as --weight-decay.
  throw std::invalid_argument(flag_of(name) + ": '" + text + "' is not " + expected);
}

double parse_real(const std::string& name, const std::string& text, const std::string& expected) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  if (text.empty() || end != begin + text.size() || errno == ERANGE)
    malformed(name, text, expected);
  return value;
}

long parse_integer(const std::string& name, const std::string& text, const std::string& expected) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(begin, &end, 10);
  if (text.empty() || end != begin + text.size() || errno == ERANGE)
    malformed(name, text, expected);
  return value;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ',')) parts.push_back(part);
  if (!text.empty() && text.back() == ',') parts.emplace_back();
  return parts;
}

}  // namespace

void parse_setting(const std::string& name, const std::string& text, double& value) {
  value = parse_real(name, text, "a number");
}

void parse_setting(const std::string& name, const std::string& text, long& value) {
  value = parse_integer(name, text, "an integer");
}

void parse_setting(const std::string& name, const std::string& text, int& value) {
  long wide = 0;
  parse_setting(name, text, wide);
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    malformed(name, text, "an integer in the range of int");
  }
  value = static_cast<int>(wide);
}

void parse_setting(const std::string& name, const std::string& text, std::uint64_t& value) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  value = std::strtoull(begin, &end, 10);
  if (text.empty() || text[0] == '-' || end != begin + text.size() || errno == ERANGE) {
    malformed(name, text, "a non-negative integer");
  }
}

void parse_setting(const std::string& name, const std::string& text, bool& value) {
  if (text == "true" || text == "1" || text == "yes" || text == "on")
    value = true;
  else if (text == "false" || text == "0" || text == "no" || text == "off")
    value = false;
  else
    malformed(name, text, "true or false");
}

void parse_setting(const std::string& name, const std::string& text,
                   std::pair<double, double>& value) {
  const std::vector<std::string> parts = split(text);
  if (parts.size() != 2) malformed(name, text, "two numbers separated by a comma");
  value = {parse_real(name, parts[0], "a number (in '" + text + "')"),
           parse_real(name, parts[1], "a number (in '" + text + "')")};
}

void parse_setting(const std::string& name, const std::string& text, std::vector<double>& value) {
  const std::vector<std::string> parts = split(text);
  if (parts.empty()) malformed(name, text, "a comma-separated list of numbers");
  value.clear();
  for (const std::string& part : parts) {
    value.push_back(parse_real(name, part, "a number (in '" + text + "')"));
  }
}

void parse_setting(const std::string& name, const std::string& text, std::vector<long>& value) {
  const std::vector<std::string> parts = split(text);
  if (parts.empty()) malformed(name, text, "a comma-separated list of integers");
  value.clear();
  for (const std::string& part : parts) {
    value.push_back(parse_integer(name, part, "an integer (in '" + text + "')"));
  }
}

std::string setting_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  // The shortest text that reads back as the same double.
  for (int digits = 1; digits < 17; ++digits) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", digits, value);
    if (std::strtod(shorter, nullptr) == value) return shorter;
  }
  return buffer;
}
std::string setting_text(int value) {
  return std::to_string(value);
}
std::string setting_text(long value) {
  return std::to_string(value);
}
std::string setting_text(std::uint64_t value) {
  return std::to_string(value);
}
std::string setting_text(bool value) {
  return value ? "true" : "false";
}
std::string setting_text(const std::pair<double, double>& value) {
  return setting_text(value.first) + "," + setting_text(value.second);
}
std::string setting_text(const std::vector<double>& value) {
  std::string text;
  for (double v : value) text += (text.empty() ? "" : ",") + setting_text(v);
  return text;
}
std::string setting_text(const std::vector<long>& value) {
  std::string text;
  for (long v : value) text += (text.empty() ? "" : ",") + setting_text(v);
  return text;
}

}  // namespace workbook
