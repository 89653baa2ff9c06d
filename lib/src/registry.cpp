#include "workbook/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "catalogue.hpp"

namespace workbook {

namespace {

// Whether two names are the same, a dash and an underscore being the same character.
bool same_name(const std::string& a, const std::string& b) {
  auto same = [](char x, char y) {
    return x == y || ((x == '-' || x == '_') && (y == '-' || y == '_'));
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same);
}

template <class Entry>
const Entry& find(const std::vector<Entry>& entries, const std::string& name,
                  const std::string& what) {
  std::string valid;
  for (const Entry& entry : entries) {
    if (same_name(entry.name, name)) return entry;
    valid += (valid.empty() ? "" : ", ") + entry.name;
  }
  throw std::invalid_argument("unknown " + what + " '" + name + "': expected one of " + valid);
}

}  // namespace

void Registry::add(OptimizerEntry entry) {
  for (const OptimizerEntry& existing : optimizers_) {
    if (same_name(existing.name, entry.name)) {
      throw std::logic_error("the optimizer name '" + entry.name + "' is registered twice");
    }
  }
  optimizers_.push_back(std::move(entry));
}

void Registry::add(ProblemEntry entry) {
  for (const ProblemEntry& existing : problems_) {
    if (same_name(existing.name, entry.name)) {
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
