// How the settings of the registry's problems and optimizers become command-line flags.
//
// optlab does not know any optimizer or problem by name: every setting that some entry of
// workbook::registry() declares becomes a flag of `optlab run` and `optlab compare`, spelled with
// dashes (the setting weight_decay is the flag --weight-decay). After parsing, route() hands each
// given flag to the chosen problem or optimizer that takes it, and refuses a flag that none of
// them takes. A new optimizer registered by the library is therefore usable at once, with its own
// flags and its own range checks, without a change here.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "workbook/registry.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace optlab {

/// A mistake on the command line. optlab prints it and exits with status 2 before anything runs.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs `step`, turning the library's `std::invalid_argument` (a bad name, a bad value) into a
/// usage_error whose message starts with `context`.
template <class Step>
auto checked(const std::string& context, Step step) -> decltype(step()) {
  try {
    return step();
  } catch (const usage_error&) {
    throw;
  } catch (const std::invalid_argument& error) {
    throw usage_error(context + error.what());
  }
}

/// The command-line spelling of a setting: "weight_decay" -> "--weight-decay" (the library's).
using workbook::flag_of;

/// Whether `settings` (a problem's or an optimizer's) has a setting called `name`.
bool takes(const std::vector<workbook::SettingInfo>& settings, const std::string& name);

/// The setting a command-line key names: "weight-decay" (or "weight_decay") -> "weight_decay".
std::string setting_of(const std::string& key);

/// The flags of one subcommand: one per setting name found in the registry.
class SettingFlags {
 public:
  /// Adds to `command` an option for every setting of every problem and optimizer of `registry`:
  /// `--name VALUE`, and for settings of kind "flag" also `--name` alone, meaning true. Problem
  /// settings and hyper-parameters are listed in two groups of the command's --help. Words the
  /// command does not know are kept for route() to report (CLI11's allow_extras). A setting named in
  /// `shared` has no flag of its own when the command already has an option of its name, which
  /// then feeds the setting too (`optlab run --seed` seeds the sampler and a network's
  /// initialisation); any other setting with the name of an option is a `std::logic_error`.
  SettingFlags(CLI::App& command, const workbook::Registry& registry,
               const std::vector<std::string>& shared = {});

  /// The setting flags given on the command line, by setting name: {"lr": "0.01"}.
  workbook::Arguments given() const;

  /// The words the command line left unclaimed: unknown flags and their values, stray words.
  std::vector<std::string> extras() const;

 private:
  struct Flag {
    CLI::Option* option = nullptr;
    std::string text;  // CLI11 writes the value here; std::map nodes never move
    bool is_flag = false;
  };
  CLI::App& command_;
  std::map<std::string, Flag> flags_;
};

/// Where each given flag goes: to the problem, and to each optimizer that takes it.
struct RoutedSettings {
  workbook::Arguments problem;                  ///< the problem's settings
  std::vector<workbook::Arguments> optimizers;  ///< each optimizer's, in the order given
};

/// Sends a flag that is a setting of `problem` to the problem, and any other flag to every one
/// of `optimizers` that takes it. Throws usage_error for a flag that neither the problem nor any
/// of the optimizers takes (naming what each of them does take), for a flag that both the problem
/// and an optimizer take, and for any extra word (see SettingFlags::extras()).
RoutedSettings route(const workbook::Arguments& flags, const std::vector<std::string>& extras,
                     const workbook::ProblemEntry& problem,
                     const std::vector<const workbook::OptimizerEntry*>& optimizers);

/// One optimizer of `optlab compare --optimizers`, with the settings given for it alone.
struct OptimizerSpec {
  std::string text;              ///< as written: "sgd:lr=0.1:momentum=0.9"
  std::string name;              ///< "sgd"
  workbook::Arguments settings;  ///< {"lr": "0.1", "momentum": "0.9"}
};

/// Reads the list of `--optimizers`: optimizers separated by commas, each `NAME` or
/// `NAME:KEY=VALUE:KEY=VALUE...`, where a KEY alone means KEY=true (a flag). A comma followed by a
/// letter starts the next optimizer; any other comma belongs to a value, so that pairs and lists
/// need no quoting: "adam:betas=0.9,0.99:lr=0.01,sgd:nesterov:momentum=0.9". Throws usage_error
/// for a name that is empty or not made of letters, digits, '-' and '_', and for an empty key.
std::vector<OptimizerSpec> parse_optimizer_list(const std::string& text);

/// Throws usage_error unless every setting of `spec` is a setting of `entry`.
void check_spec_settings(const OptimizerSpec& spec, const workbook::OptimizerEntry& entry);

/// The parts separated by `separator`: "a, b, c".
std::string join(const std::vector<std::string>& parts, const std::string& separator = ", ");

/// "--lr, --momentum" (or "it takes none"): the flags of a list of settings, for messages.
std::string flags_text(const std::vector<workbook::SettingInfo>& settings);

/// The placeholder of a setting's value in help and lists: REAL, INT, [BOOL], A,B, A,B,... or NAME
/// (a setting chosen by name).
std::string value_placeholder(const std::string& kind);

}  // namespace optlab
