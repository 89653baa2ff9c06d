/// \file
/// The catalogue of optimizers and problems, by name, with their settings: what command-line tools
/// (optlab) and tests use to build any of them from text such as `adam --lr 0.01 --betas 0.9,0.99`.
///
/// Each module registers its own optimizers and problems next to their code (see
/// `lib/src/catalogue.cpp` for the list of modules); nothing that uses the registry names them.
/// An optimizer's settings are the fields of its hyper-parameter struct (`Params::fields()`,
/// settings.hpp): its defaults, ranges and help are the struct's, and a value out of range is
/// reported by the struct's `validate()` in command-line terms (`--lr = -1 is invalid`).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/problem.hpp"
#include "workbook/settings.hpp"

namespace workbook {

/// An optimizer the registry can build.
struct OptimizerEntry {
  std::string name;                   ///< "adam"
  std::string summary;                ///< one line: "Adam, as torch.optim.Adam"
  std::vector<SettingInfo> settings;  ///< its hyper-parameters
  /// Builds the update rule; throws `std::invalid_argument` for an unknown setting, text that does
  /// not parse, or a value out of range (the message states the range).
  std::function<std::unique_ptr<UpdateRule>(const Arguments&)> make;
};

/// A problem the registry can build.
struct ProblemEntry {
  std::string name;                   ///< "rosenbrock"
  std::string summary;                ///< one line, as for an optimizer
  std::vector<SettingInfo> settings;  ///< its parameters
  /// Builds the problem; throws `std::invalid_argument` for an unknown setting, text that does not
  /// parse, or a value out of range.
  std::function<std::unique_ptr<Problem>(const Arguments&)> make;
};

/// An OptimizerEntry whose settings fill `Params` (validated) and whose rule is `make(params)`: an
/// update rule returned by value, such as a KernelRule (gradient_descent_rule()).
template <class Params, class Make>
OptimizerEntry optimizer_entry(std::string name, std::string summary, Settings<Params> settings,
                               Make make) {
  using Rule = std::decay_t<std::invoke_result_t<const Make&, const Params&>>;
  std::vector<SettingInfo> infos = settings.infos();
  return {name, std::move(summary), std::move(infos),
          [name, settings = std::move(settings), make](const Arguments& arguments) {
            Params params = settings.read(arguments, name);
            params.validate(Naming::flag);
            return std::unique_ptr<UpdateRule>(std::make_unique<Rule>(make(params)));
          }};
}

/// A ProblemEntry whose settings fill `Params` and whose problem is `make(params)` (which checks
/// them).
template <class Params, class Make>
ProblemEntry problem_entry(std::string name, std::string summary, Settings<Params> settings,
                           Make make) {
  std::vector<SettingInfo> infos = settings.infos();
  return {name, std::move(summary), std::move(infos),
          [name, settings = std::move(settings), make](const Arguments& arguments) {
            return std::unique_ptr<Problem>(make(settings.read(arguments, name)));
          }};
}

/// Optimizers and problems by name, in the order they were added.
class Registry {
 public:
  /// Throws `std::logic_error` if the name is taken.
  void add(OptimizerEntry entry);
  /// Throws `std::logic_error` if the name is taken.
  void add(ProblemEntry entry);

  /// Every optimizer, in the order they were added.
  const std::vector<OptimizerEntry>& optimizers() const { return optimizers_; }
  /// Every problem, in the order they were added.
  const std::vector<ProblemEntry>& problems() const { return problems_; }

  /// Throws `std::invalid_argument` for an unknown name, listing the valid ones.
  const OptimizerEntry& optimizer(const std::string& name) const;
  /// Throws `std::invalid_argument` for an unknown name, listing the valid ones.
  const ProblemEntry& problem(const std::string& name) const;

 private:
  std::vector<OptimizerEntry> optimizers_;
  std::vector<ProblemEntry> problems_;
};

/// The library's catalogue: every optimizer and problem it defines.
const Registry& registry();

}  // namespace workbook
