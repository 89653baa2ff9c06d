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
  /// What it asks of a problem: throws `std::invalid_argument` saying why it cannot run on the
  /// problem (Newton's method on a problem without a Hessian, conjugate gradients on one that is
  /// not a quadratic); empty for an optimizer that runs on any problem. See check().
  std::function<void(const Problem&)> requirement = {};

  /// Throws `std::invalid_argument`, naming the problem, if the optimizer cannot run on `problem`:
  /// what a tool checks before it runs anything.
  void check(const Problem& problem) const {
    if (requirement) requirement(problem);
  }
};

/// The test split of a problem fitted to the training split of a data set: what a training run
/// reports about the examples it never saw.
struct TestSplit {
  /// The same model on the test examples: its loss is the test loss.
  std::shared_ptr<const Problem> problem;
  /// The fraction of the test examples that a parameter vector classifies right.
  std::function<double(const Vector&)> accuracy;
};

/// A problem as the registry builds it, with its test split when it has one.
struct BuiltProblem {
  std::unique_ptr<Problem> problem;  ///< the problem (a model: on its training split)
  std::optional<TestSplit> test;     ///< the test split; none for a problem without data
};

/// A problem the registry can build.
struct ProblemEntry {
  std::string name;                   ///< "rosenbrock"
  std::string summary;                ///< one line, as for an optimizer
  std::vector<SettingInfo> settings;  ///< its parameters
  /// Builds the problem and its test split, if it has one; throws `std::invalid_argument` for an
  /// unknown setting, text that does not parse, or a value out of range, and
  /// `std::runtime_error` naming the file for a data file that is missing or does not read.
  std::function<BuiltProblem(const Arguments&)> build;

  /// The problem alone: `build(arguments).problem`.
  std::unique_ptr<Problem> make(const Arguments& arguments) const {
    return build(arguments).problem;
  }
};

/// An OptimizerEntry whose settings fill `Params` (validated) and whose rule is `make(params)`: an
/// update rule returned by value, such as a KernelRule (gradient_descent_rule()). `requirement`,
/// if given, is what it asks of a problem (OptimizerEntry::requirement).
template <class Params, class Make>
OptimizerEntry optimizer_entry(std::string name, std::string summary, Settings<Params> settings,
                               Make make, std::function<void(const Problem&)> requirement = {}) {
  using Rule = std::decay_t<std::invoke_result_t<const Make&, const Params&>>;
  std::vector<SettingInfo> infos = settings.infos();
  return {name, std::move(summary), std::move(infos),
          [name, settings = std::move(settings), make](const Arguments& arguments) {
            Params params = settings.read(arguments, name);
            params.validate(Naming::flag);
            return std::unique_ptr<UpdateRule>(std::make_unique<Rule>(make(params)));
          },
          std::move(requirement)};
}

/// A ProblemEntry whose settings fill `Params` and whose problem is `make(params)` (which checks
/// them): a pointer to a Problem, or a BuiltProblem for a problem with a test split.
template <class Params, class Make>
ProblemEntry problem_entry(std::string name, std::string summary, Settings<Params> settings,
                           Make make) {
  std::vector<SettingInfo> infos = settings.infos();
  return {name, std::move(summary), std::move(infos),
          [name, settings = std::move(settings), make](const Arguments& arguments) {
            if constexpr (std::is_same_v<std::invoke_result_t<const Make&, const Params&>,
                                         BuiltProblem>) {
              return make(settings.read(arguments, name));
            } else {
              return BuiltProblem{std::unique_ptr<Problem>(make(settings.read(arguments, name))),
                                  std::nullopt};
            }
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

  /// The optimizer called `name`, spelled with dashes or underscores alike (`gd_armijo` is
  /// `gd-armijo`). Throws `std::invalid_argument` for an unknown name, listing the valid ones.
  const OptimizerEntry& optimizer(const std::string& name) const;
  /// The problem called `name`, spelled with dashes or underscores alike: `least-squares` is
  /// `least_squares`, as a command line spells the settings. Throws `std::invalid_argument` for an
  /// unknown name, listing the valid ones.
  const ProblemEntry& problem(const std::string& name) const;

 private:
  std::vector<OptimizerEntry> optimizers_;
  std::vector<ProblemEntry> problems_;
};

/// The library's catalogue: every optimizer and problem it defines.
const Registry& registry();

}  // namespace workbook
