/// \file
/// Hyper-parameters as fields: for each member of a `Params` struct, its name in the notes and the
/// code, its setting name (torch's), its allowed range and what it is.
///
/// A `Params` struct lists its fields once, in `Params::fields()`; its `validate()` checks them,
/// the registry lists and reads them (`optlab list`, `optlab run --lr 0.1`), and every message names
/// a field as its reader knows it: `learning_rate = -1 is invalid: expected learning_rate > 0` in
/// the code, `--lr = -1 is invalid: expected --lr > 0` on a command line.
///
///     const Settings<GradientDescentParams>& GradientDescentParams::fields() {
///       static const auto fields = Settings<GradientDescentParams>().add(
///           &GradientDescentParams::learning_rate, "learning_rate", "lr", Range::positive(),
///           "step size (learning rate) eta");
///       return fields;
///     }
///     void GradientDescentParams::validate(Naming naming) const { fields().check(*this, naming); }
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "workbook/types.hpp"

namespace workbook {

// --------------------------------------------------------------------------------------- ranges

/// The allowed values of a number: one definition that checks a value and describes itself.
///
///     Range::open(0, 1).describe("shrink")   // "shrink in (0, 1)"
///     Range::positive().check("lr", -1.0)    // throws "lr = -1 is invalid: expected lr > 0"
class Range {
 public:
  /// Every value (a flag, a seed).
  static Range any();
  /// \f$x > 0\f$, finite.
  static Range positive();
  /// \f$x \ge 0\f$, finite.
  static Range non_negative();
  /// \f$x \ge\f$ `minimum` (a count).
  static Range at_least(double minimum);
  /// \f$\text{low} < x < \text{high}\f$.
  static Range open(double low, double high);
  /// \f$\text{low} \le x < \text{high}\f$.
  static Range half_open(double low, double high);
  /// \f$\text{low} < x \le \text{high}\f$ (a decay factor in (0, 1]).
  static Range left_open(double low, double high);
  /// \f$\text{low} \le x \le \text{high}\f$.
  static Range closed(double low, double high);

  /// Whether `value` is allowed (NaN never is, except by any()).
  bool contains(double value) const;
  /// The range for a value called `name`: "lr > 0", "shrink in (0, 1)", "max_backtracks >= 1";
  /// "" for any().
  std::string describe(std::string_view name) const;
  /// Throws `std::invalid_argument` "name = value is invalid: expected <describe(name)>" unless
  /// contains(`value`).
  void check(std::string_view name, double value) const;

  /// Throws `std::invalid_argument` "`what` is invalid: expected `expected`": the one wording of
  /// every such message.
  [[noreturn]] static void fail(const std::string& what, const std::string& expected);

 private:
  enum class Kind { any, positive, non_negative, at_least, open, half_open, left_open, closed };
  Range(Kind kind, double low, double high) : kind_(kind), low_(low), high_(high) {}
  Kind kind_;
  double low_, high_;
};

/// How a message names a field: as the code and the notes do (`learning_rate`), or as a command
/// line does (`--lr`).
enum class Naming { code, flag };

// ----------------------------------------------------------------------------- settings as text

/// Settings as given, by name: {"lr": "0.01", "betas": "0.9,0.99", "nesterov": "true"}.
/// Names follow torch.optim with underscores (`weight_decay`); a command line spells them with
/// dashes (`--weight-decay`).
using Arguments = std::map<std::string, std::string>;

/// The command-line spelling of a setting: "weight_decay" -> "--weight-decay".
std::string flag_of(const std::string& setting);

/// How one setting is described to a user.
struct SettingInfo {
  std::string name;           ///< "lr"
  std::string kind;           ///< "real", "integer", "flag", "pair", "list", "choice"
  std::string default_value;  ///< as text: "0.001", "0.9,0.999", "false", "" (unset list)
  std::string range;          ///< the allowed values, as validate() checks them: "lr > 0"
  std::string help;           ///< what it is, in the notes' words: "learning rate η"
  std::vector<std::string> choices = {};  ///< a "choice": the names it takes ("none", "jacobi")
};

// --------------------------------------------------------------------------- settings by name

/// One value of a setting chosen by name: its name and the enumerator it stands for.
template <class E>
struct Choice {
  std::string name;  ///< "jacobi"
  E value;           ///< Preconditioner::jacobi
};

/// An enum `E` is a setting chosen by name (kind "choice") when a function
/// `const std::vector<Choice<E>>& setting_choices(E)`, declared next to `E` (found by
/// argument-dependent lookup), lists its values by name, in the order they are shown:
///
///     enum class Preconditioner { none, jacobi };
///     const std::vector<Choice<Preconditioner>>& setting_choices(Preconditioner);
///
/// parse_setting() and setting_text() then read and write it, and Settings::add() takes it.
template <class E>
concept ChoiceSetting = std::is_enum_v<E> && requires(E value) {
  { setting_choices(value) } -> std::convertible_to<const std::vector<Choice<E>>&>;
};

/// The names of the values of a setting chosen by name: {"none", "jacobi"}.
template <ChoiceSetting E>
std::vector<std::string> choice_names() {
  std::vector<std::string> names;
  for (const Choice<E>& choice : setting_choices(E{})) names.push_back(choice.name);
  return names;
}

/// The names of the values of a setting chosen by name, for a message: "none, jacobi".
template <ChoiceSetting E>
std::string choice_list() {
  std::string text;
  for (const std::string& name : choice_names<E>()) text += (text.empty() ? "" : ", ") + name;
  return text;
}

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
void parse_setting(const std::string& name, const std::string& text, std::vector<long>& value);
/// A setting chosen by name: throws "--preconditioner: 'jacobbi' is not one of none, jacobi" for
/// any other text.
template <ChoiceSetting E>
void parse_setting(const std::string& name, const std::string& text, E& value) {
  for (const Choice<E>& choice : setting_choices(E{})) {
    if (choice.name == text) {
      value = choice.value;
      return;
    }
  }
  throw std::invalid_argument(flag_of(name) + ": '" + text + "' is not one of " + choice_list<E>());
}
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
std::string setting_text(const std::vector<long>& value);
/// A setting chosen by name: the name of `value`. Throws `std::logic_error` for a value that
/// setting_choices() does not list.
template <ChoiceSetting E>
std::string setting_text(E value) {
  for (const Choice<E>& choice : setting_choices(E{})) {
    if (choice.value == value) return choice.name;
  }
  throw std::logic_error("setting_text: a value of a choice setting that has no name");
}
/// An unset optional setting is written as "".
template <class T>
std::string setting_text(const std::optional<T>& value) {
  return value ? setting_text(*value) : std::string();
}
/// \}

/// The kind of a setting of C++ type T, for SettingInfo::kind.
template <class T>
struct setting_kind_of {
  /// "real", "flag", "integer", "pair", "list" or "choice".
  static std::string get() {
    if constexpr (std::is_same_v<T, double>)
      return "real";
    else if constexpr (std::is_enum_v<T>)
      return "choice";
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

/// Whether a setting of C++ type T is a list (`std::vector`), whose range applies to each entry.
template <class T>
inline constexpr bool is_setting_list = false;
template <class T>
inline constexpr bool is_setting_list<std::vector<T>> = true;
/// The kind of a setting of C++ type T: setting_kind_of<T>::get().
template <class T>
std::string setting_kind() {
  return setting_kind_of<T>::get();
}

// -------------------------------------------------------------------------------------- fields

/// One field of a struct `Params`: its member, its names, its range and its help (see
/// Settings::add()).
template <class Params, class T>
struct Field {
  T Params::*member;      ///< the member
  std::string code_name;  ///< its name in the code and the notes: "learning_rate"
  std::string setting;    ///< its name in the registry and on command lines: "lr"
  Range range;            ///< its allowed values
  std::string help;       ///< what it is
};

/// The fields of a struct `Params`, each bound to one of its members: what validate() checks and
/// the registry lists and reads (see the file's description).
template <class Params>
class Settings {
 public:
  /// A hyper-parameter: `member`, called `code_name` in the code and the notes
  /// ("learning_rate"; for a pair, the names of its two elements, "beta1,beta2") and `setting` in
  /// the registry and on command lines ("lr"), with its allowed `range` (for a pair or a list, of
  /// each element) and `help`. Its default is `Params{}.*member`.
  template <class T>
  Settings& add(T Params::*member, std::string code_name, std::string setting, Range range,
                std::string help) {
    const bool each = std::is_same_v<T, std::pair<double, double>> || is_setting_list<T>;
    const std::string description = each ? "each of " + setting : setting;
    add_info<T>(setting, member, help, range.describe(description));
    code_names_[code_name] = setting;
    checks_.push_back([=](const Params& params, Naming naming) {
      check_field(params.*member, code_name, naming == Naming::code ? "" : flag_of(setting), range);
    });
    return *this;
  }

  /// A hyper-parameter chosen by name (see ChoiceSetting): `member`, called `code_name` in the code
  /// and `setting` in the registry and on command lines; its range is the list of its names
  /// ("preconditioner in {none, jacobi}"), which parse_setting() enforces.
  template <ChoiceSetting E>
  Settings& add(E Params::*member, std::string code_name, std::string setting, std::string help) {
    add_info<E>(setting, member, std::move(help), setting + " in {" + choice_list<E>() + "}");
    infos_.back().choices = choice_names<E>();
    code_names_[code_name] = setting;
    return *this;
  }

  /// The settings `fields` of a struct `Sub` that `Params` holds as `member` (damped Newton's
  /// Armijo line search), as settings of `Params` with their own names, ranges and help; their
  /// defaults are those of `Params{}.*member`.
  template <class Sub>
  Settings& include(Sub Params::*member, const Settings<Sub>& fields) {
    const Params defaults{};
    for (SettingInfo info : fields.infos_) {
      info.default_value = fields.texts_.at(info.name)(defaults.*member);
      setters_[info.name] = [member, set = fields.setters_.at(info.name)](Params& params,
                                                                          const std::string& text) {
        set(params.*member, text);
      };
      texts_[info.name] = [member, text = fields.texts_.at(info.name)](const Params& params) {
        return text(params.*member);
      };
      infos_.push_back(std::move(info));
    }
    for (const auto& check_one : fields.checks_) {
      checks_.push_back([member, check_one](const Params& params, Naming naming) {
        check_one(params.*member, naming);
      });
    }
    code_names_.insert(fields.code_names_.begin(), fields.code_names_.end());
    return *this;
  }

  /// A hyper-parameter described by `field`, often one that several methods share
  /// (learning_rate_field()).
  template <class T>
  Settings& add(Field<Params, T> field) {
    return add(field.member, std::move(field.code_name), std::move(field.setting), field.range,
               std::move(field.help));
  }

  /// A problem's setting: bound to `member`, with `range` as text only, since the problem checks
  /// its own arguments when it is built.
  template <class T>
  Settings& add(std::string setting, T Params::*member, std::string help, std::string range = "") {
    add_info<T>(setting, member, help, std::move(range));
    return *this;
  }

  /// The settings, in the order they were added.
  const std::vector<SettingInfo>& infos() const { return infos_; }

  /// Throws `std::invalid_argument` for the first field out of its range, naming it as `naming`
  /// says, with the value and the range.
  void check(const Params& params, Naming naming) const {
    for (const auto& check_one : checks_) check_one(params, naming);
  }

  /// The fields whose values differ between `before` and `after`, each as
  /// "learning_rate = 0.1 became 0.2", named as in the code. A number's text reads back as the
  /// same double, so a change in its last bit shows (0.1 became 0.10000000000000002).
  std::vector<std::string> changed(const Params& before, const Params& after) const {
    std::vector<std::string> found;
    for (const SettingInfo& info : infos_) {
      const auto& text = texts_.at(info.name);
      const std::string was = text(before), is = text(after);
      if (was == is) continue;
      std::string name = info.name;
      for (const auto& [code_name, setting] : code_names_) {
        if (setting == info.name) name = code_name;
      }
      found.push_back(name + " = " + was + " became " + is);
    }
    return found;
  }

  /// The field `code_name` as `naming` says: "learning_rate", or "--lr" on a command line.
  std::string name(const std::string& code_name, Naming naming) const {
    const auto found = code_names_.find(code_name);
    if (naming == Naming::code || found == code_names_.end()) return code_name;
    return flag_of(found->second);
  }

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
  template <class>
  friend class Settings;  // include() reads the settings it includes

  template <class T>
  void add_info(const std::string& setting, T Params::*member, std::string help,
                std::string range) {
    const Params defaults{};
    infos_.push_back(
        {setting, setting_kind<T>(), setting_text(defaults.*member), range, std::move(help)});
    // Text that does not parse is reported with the values allowed: "--hidden: 'abc' is not an
    // integer: expected hidden >= 1" (a setting chosen by name lists its names already).
    std::string expected = std::is_enum_v<T> ? std::string() : range;
    setters_[setting] = [member, setting, expected](Params& params, const std::string& text) {
      try {
        parse_setting(setting, text, params.*member);
      } catch (const std::invalid_argument& error) {
        if (expected.empty()) throw;
        throw std::invalid_argument(std::string(error.what()) + ": expected " + expected);
      }
    };
    texts_[setting] = [member](const Params& params) { return setting_text(params.*member); };
  }

  // A number against its range, named `code_name` or (on a command line) `flag`.
  template <class T>
  static void check_field(const T& value, const std::string& code_name, const std::string& flag,
                          const Range& range) {
    if constexpr (std::is_arithmetic_v<T>) {
      range.check(flag.empty() ? code_name : flag, static_cast<double>(value));
    } else if constexpr (std::is_same_v<T, std::pair<double, double>>) {
      if (flag.empty()) {  // "beta1,beta2": each element by its own name
        const std::size_t comma = code_name.find(',');
        range.check(code_name.substr(0, comma), value.first);
        range.check(code_name.substr(comma + 1), value.second);
      } else if (!range.contains(value.first) || !range.contains(value.second)) {
        Range::fail(flag + " = " + setting_text(value), range.describe("each of " + flag));
      }
    } else if constexpr (is_setting_list<T>) {
      for (std::size_t j = 0; j < value.size(); ++j) {
        const double entry = static_cast<double>(value[j]);
        if (flag.empty()) {  // "milestones[1]": each entry by its index
          range.check(code_name + "[" + std::to_string(j) + "]", entry);
        } else if (!range.contains(entry)) {
          Range::fail(flag + " = " + setting_text(value), range.describe("each of " + flag));
        }
      }
    }
  }

  std::invalid_argument unknown(const std::string& name, const std::string& owner) const {
    std::string valid;
    for (const SettingInfo& info : infos_) valid += (valid.empty() ? "" : ", ") + info.name;
    return std::invalid_argument("'" + name + "' is not a setting of " + owner +
                                 (valid.empty() ? ": it takes none" : "; its settings: " + valid));
  }

  std::vector<SettingInfo> infos_;
  std::map<std::string, std::function<void(Params&, const std::string&)>> setters_;
  std::map<std::string, std::function<std::string(const Params&)>> texts_;  // a value as text
  std::vector<std::function<void(const Params&, Naming)>> checks_;
  std::map<std::string, std::string> code_names_;  // code name -> setting name
};

// ---------------------------------------------------------------- fields that optimizers share

/// \name Fields that optimizers share
/// The hyper-parameters that several methods have, each defined once, with torch's names.
/// \{

/// `learning_rate`, torch's `lr`: \f$\eta > 0\f$.
template <class Params>
Field<Params, double> learning_rate_field(std::string help = "learning rate eta") {
  return {&Params::learning_rate, "learning_rate", "lr", Range::positive(), std::move(help)};
}

/// `momentum`: \f$\beta\f$ (or \f$\mu\f$) in \f$[0, 1)\f$.
template <class Params>
Field<Params, double> momentum_field(std::string help) {
  return {&Params::momentum, "momentum", "momentum", Range::half_open(0.0, 1.0), std::move(help)};
}

/// `weight_decay`: \f$\lambda \ge 0\f$, an L2 penalty unless `help` says otherwise.
template <class Params>
Field<Params, double> weight_decay_field(std::string help = "L2 penalty: g += weight_decay * x") {
  return {&Params::weight_decay, "weight_decay", "weight_decay", Range::non_negative(),
          std::move(help)};
}

/// `epsilon`, torch's `eps`: \f$\varepsilon \ge 0\f$.
template <class Params>
Field<Params, double> epsilon_field(std::string help) {
  return {&Params::epsilon, "epsilon", "eps", Range::non_negative(), std::move(help)};
}
/// \}

}  // namespace workbook
