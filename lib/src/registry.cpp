#include "workbook/registry.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "catalogue.hpp"

namespace workbook {

namespace {

[[noreturn]] void malformed(const std::string& name, const std::string& text,
                            const std::string& expected) {
  // Named as on a command line: the setting weight_decay is given as --weight-decay.
  std::string flag = name;
  std::replace(flag.begin(), flag.end(), '_', '-');
  throw std::invalid_argument("--" + flag + ": '" + text + "' is not " + expected);
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

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ',')) parts.push_back(part);
  if (!text.empty() && text.back() == ',') parts.emplace_back();
  return parts;
}

template <class Entry>
const Entry& find(const std::vector<Entry>& entries, const std::string& name,
                  const std::string& what) {
  std::string valid;
  for (const Entry& entry : entries) {
    if (entry.name == name) return entry;
    valid += (valid.empty() ? "" : ", ") + entry.name;
  }
  throw std::invalid_argument("unknown " + what + " '" + name + "': expected one of " + valid);
}

}  // namespace

void parse_setting(const std::string& name, const std::string& text, double& value) {
  value = parse_real(name, text, "a number");
}

void parse_setting(const std::string& name, const std::string& text, long& value) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  value = std::strtol(begin, &end, 10);
  if (text.empty() || end != begin + text.size() || errno == ERANGE) {
    malformed(name, text, "an integer");
  }
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

void Registry::add(OptimizerEntry entry) {
  for (const OptimizerEntry& existing : optimizers_) {
    if (existing.name == entry.name) {
      throw std::logic_error("the optimizer name '" + entry.name + "' is registered twice");
    }
  }
  optimizers_.push_back(std::move(entry));
}

void Registry::add(ProblemEntry entry) {
  for (const ProblemEntry& existing : problems_) {
    if (existing.name == entry.name) {
      throw std::logic_error("the problem name '" + entry.name + "' is registered twice");
    }
  }
  problems_.push_back(std::move(entry));
}

const OptimizerEntry& Registry::optimizer(const std::string& name) const {
  return find(optimizers_, name, "optimizer");
}

const ProblemEntry& Registry::problem(const std::string& name) const {
  return find(problems_, name, "problem");
}

}  // namespace workbook
