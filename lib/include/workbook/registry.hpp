/// \file
/// The catalogue of optimizers and problems, by name, with their settings: what command-line tools
/// (optlab) and tests use to build any of them from text such as `adam --lr 0.01 --betas 0.9,0.99`.
///
/// Each module registers its own optimizers and problems next to their code (see
/// `lib/src/catalogue.cpp` for the list of modules); nothing that uses the registry names them.
/// A setting is bound to a member of the module's hyper-parameter struct, so its default is the
/// struct's default and its range is checked by the struct's `validate()`: one definition each.
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

namespace workbook {

/// Settings as given, by name: {"lr": "0.01", "betas": "0.9,0.99", "nesterov": "true"}.
/// Names follow torch.optim with underscores (`weight_decay`); a command line spells them with
/// dashes (`--weight-decay`).
using Arguments = std::map<std::string, std::string>;

/// How one setting is described to a user.
struct SettingInfo {
  std::string name;           ///< "lr"
  std::string kind;           ///< "real", "integer", "flag", "pair", "list"
  std::string default_value;  ///< as text: "0.001", "0.9,0.999", "false", "" (unset list)
  std::string range;          ///< the allowed values, as validate() checks them: "lr > 0"
  std::string help;           ///< what it is, in the notes' words: "learning rate η"
};

/// \name Reading settings from text
/// Each throws `std::invalid_argument` naming the setting as a command line spells it, and the
/// text: "--weight-decay: '0.1x' is not a number". Flags accept true/false/1/0/yes/no/on/off.
/// Pairs and lists are comma-separated.
/// \{

/// Reads `text`, given for setting `name`, into `value`.
void parse_setting(const std::string& name, const std::string& text, double& value);
void parse_setting(const std::string& name, const std::string& text, int& value);
void parse_setting(const std::string& name, const std::string& text, long& value);
void parse_setting(const std::string& name, const std::string& text, std::uint64_t& value);
void parse_setting(const std::string& name, const std::string& text, bool& value);
void parse_setting(const std::string& name, const std::string& text,
                   std::pair<double, double>& value);
void parse_setting(const std::string& name, const std::string& text, std::vector<double>& value);
/// An optional setting: unset until given.
template <class T>
void parse_setting(const std::string& name, const std::string& text, std::optional<T>& value) {
  T parsed{};
  parse_setting(name, text, parsed);
  value = parsed;
}
/// \}

/// \name Writing settings as text (17 significant digits for reals)
/// \{

/// `value` as a setting's text, which parse_setting() reads back to the same value.
std::string setting_text(double value);
std::string setting_text(int value);
std::string setting_text(long value);
std::string setting_text(std::uint64_t value);
std::string setting_text(bool value);
std::string setting_text(const std::pair<double, double>& value);
std::string setting_text(const std::vector<double>& value);
/// An unset optional setting is written as "".
template <class T>
std::string setting_text(const std::optional<T>& value) {
  return value ? setting_text(*value) : std::string();
}
/// \}

/// The kind of a setting of C++ type T, for SettingInfo::kind.
template <class T>
struct setting_kind_of {
  /// "real", "flag", "integer", "pair" or "list".
  static std::string get() {
    if constexpr (std::is_same_v<T, double>)
      return "real";
    else if constexpr (std::is_same_v<T, bool>)
      return "flag";
    else if constexpr (std::is_integral_v<T>)
      return "integer";
    else if constexpr (std::is_same_v<T, std::pair<double, double>>)
      return "pair";
    else
      return "list";
  }
};
template <class T>
struct setting_kind_of<std::optional<T>> : setting_kind_of<T> {};
/// The kind of a setting of C++ type T: setting_kind_of<T>::get().
template <class T>
std::string setting_kind() {
  return setting_kind_of<T>::get();
}

/// The settings of a hyper-parameter struct `Params`: each bound to one of its members.
///
///     Settings<GradientDescentParams>().add("lr", &GradientDescentParams::learning_rate,
///                                           "learning rate η", "lr > 0")
template <class Params>
class Settings {
 public:
  /// Binds setting `name` to `member`. Its default is `Params{}.*member`.
  template <class T>
  Settings& add(std::string name, T Params::*member, std::string help, std::string range = "") {
    const Params defaults{};
    infos_.push_back({name, setting_kind<T>(), setting_text(defaults.*member), std::move(range),
                      std::move(help)});
    setters_[name] = [member, name](Params& params, const std::string& text) {
      parse_setting(name, text, params.*member);
    };
    return *this;
  }

  /// The settings, in the order they were added.
  const std::vector<SettingInfo>& infos() const { return infos_; }

  /// `Params{}` with every given argument applied. Throws `std::invalid_argument` for a name that
  /// is not a setting of `owner` (listing those that are) or for text that does not parse.
  Params read(const Arguments& arguments, const std::string& owner) const {
    Params params{};
    for (const auto& [name, text] : arguments) {
      auto setter = setters_.find(name);
      if (setter == setters_.end()) throw unknown(name, owner);
      setter->second(params, text);
    }
    return params;
  }

 private:
  std::invalid_argument unknown(const std::string& name, const std::string& owner) const {
    std::string valid;
    for (const SettingInfo& info : infos_) valid += (valid.empty() ? "" : ", ") + info.name;
    return std::invalid_argument("'" + name + "' is not a setting of " + owner +
                                 (valid.empty() ? ": it takes none" : "; its settings: " + valid));
  }

  std::vector<SettingInfo> infos_;
  std::map<std::string, std::function<void(Params&, const std::string&)>> setters_;
};

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
            params.validate();
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
