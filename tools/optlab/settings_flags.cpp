#include "settings_flags.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

namespace optlab {

bool takes(const std::vector<workbook::SettingInfo>& settings, const std::string& name) {
  return std::any_of(settings.begin(), settings.end(),
                     [&](const workbook::SettingInfo& info) { return info.name == name; });
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

namespace {

// "its settings: --lr, --momentum" or "it takes none".
std::string its_settings(const std::vector<workbook::SettingInfo>& settings) {
  return settings.empty() ? "it takes none" : "its settings: " + flags_text(settings);
}

// What a flag that nobody takes is not: "gd (its settings: --lr) nor of the problem ...".
std::string not_a_setting(const std::string& flag, const workbook::ProblemEntry& problem,
                          const std::vector<const workbook::OptimizerEntry*>& optimizers) {
  std::vector<std::string> owners;
  for (const workbook::OptimizerEntry* optimizer : optimizers) {
    owners.push_back(optimizer->name + " (" + its_settings(optimizer->settings) + ")");
  }
  const std::string which = optimizers.size() == 1 ? "the optimizer " : "any of the optimizers ";
  return flag + " is not a setting of " + which + join(owners, ", ") + " nor of the problem " +
         problem.name + " (" + its_settings(problem.settings) +
         "); `optlab list` shows every setting";
}

}  // namespace

std::string setting_of(const std::string& key) {
  std::string name = key;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::string flags_text(const std::vector<workbook::SettingInfo>& settings) {
  if (settings.empty()) return "it takes none";
  std::vector<std::string> flags;
  for (const workbook::SettingInfo& info : settings) flags.push_back(flag_of(info.name));
  return join(flags, ", ");
}

std::string value_placeholder(const std::string& kind) {
  if (kind == "real") return "REAL";
  if (kind == "integer") return "INT";
  if (kind == "flag") return "[BOOL]";
  if (kind == "pair") return "A,B";
  if (kind == "choice") return "NAME";
  return "A,B,...";
}

// ---------------------------------------------------------------------------------- SettingFlags

SettingFlags::SettingFlags(CLI::App& command, const workbook::Registry& registry,
                           const std::vector<std::string>& shared)
    : command_(command) {
  // First gather, for each setting name, what it is and who takes it; then add one option each.
  struct Description {
    std::string kind, help, group;
    std::vector<std::string> choices;
    bool any_flag = false;
    std::vector<std::string> takers;
  };
  std::map<std::string, Description> descriptions;
  std::vector<std::string> order;
  auto gather = [&](const std::string& owner, const std::vector<workbook::SettingInfo>& settings,
                    const std::string& group) {
    for (const workbook::SettingInfo& info : settings) {
      auto [it, added] = descriptions.try_emplace(info.name);
      Description& description = it->second;
      if (added) {
        description.kind = info.kind;
        description.help = info.help;
        description.group = group;
        description.choices = info.choices;
        order.push_back(info.name);
      }
      description.any_flag = description.any_flag || info.kind == "flag";
      description.takers.push_back(owner);
    }
  };
  for (const workbook::ProblemEntry& problem : registry.problems()) {
    gather(problem.name, problem.settings, "Problem settings (see `optlab list problems`)");
  }
  for (const workbook::OptimizerEntry& optimizer : registry.optimizers()) {
    gather(optimizer.name, optimizer.settings, "Hyper-parameters (see `optlab list optimizers`)");
  }

  for (const std::string& name : order) {
    const Description& description = descriptions.at(name);
    if (command.get_option_no_throw(flag_of(name)) != nullptr) {
      if (std::find(shared.begin(), shared.end(), name) != shared.end()) continue;
      throw std::logic_error("the setting '" + name + "' has the name of an option of optlab " +
                             command.get_name() + " itself (" + flag_of(name) +
                             "): rename the setting in the registry");
    }
    Flag& flag = flags_[name];
    flag.is_flag = description.any_flag;
    flag.option = command.add_option(
        flag_of(name), flag.text, description.help + " [" + join(description.takers, ", ") + "]");
    // A setting chosen by name shows its names: --preconditioner none|jacobi.
    flag.option
        ->type_name(description.choices.empty() ? value_placeholder(description.kind)
                                                : join(description.choices, "|"))
        ->group(description.group);
    // A flag alone (--nesterov) means true; --nesterov false also works.
    if (flag.is_flag) flag.option->expected(0, 1);
  }
  command.allow_extras();
}

workbook::Arguments SettingFlags::given() const {
  workbook::Arguments arguments;
  for (const auto& [name, flag] : flags_) {
    if (flag.option->count() == 0) continue;
    arguments[name] = flag.is_flag && flag.text.empty() ? "true" : flag.text;
  }
  return arguments;
}

std::vector<std::string> SettingFlags::extras() const {
  return command_.remaining();
}

// ----------------------------------------------------------------------------------------- route

RoutedSettings route(const workbook::Arguments& flags, const std::vector<std::string>& extras,
                     const workbook::ProblemEntry& problem,
                     const std::vector<const workbook::OptimizerEntry*>& optimizers) {
  if (!extras.empty()) {
    const std::string& word = extras.front();
    if (word.rfind("-", 0) == 0) {
      // "--momentum=0.9" or "--momentum": report the flag by its name.
      const std::string flag = word.substr(0, word.find('='));
      throw usage_error(not_a_setting(flag, problem, optimizers));
    }
    throw usage_error("unexpected argument '" + word +
                      "': every value follows its flag (--name VALUE)");
  }

  RoutedSettings routed;
  routed.optimizers.resize(optimizers.size());
  for (const auto& [name, text] : flags) {
    const bool for_problem = takes(problem.settings, name);
    bool for_optimizer = false;
    for (std::size_t i = 0; i < optimizers.size(); ++i) {
      if (!takes(optimizers[i]->settings, name)) continue;
      if (for_problem) {
        throw usage_error(flag_of(name) + " is a setting of both the problem " + problem.name +
                          " and the optimizer " + optimizers[i]->name +
                          ": optlab cannot tell which one it is for");
      }
      routed.optimizers[i][name] = text;
      for_optimizer = true;
    }
    if (for_problem) {
      routed.problem[name] = text;
    } else if (!for_optimizer) {
      throw usage_error(not_a_setting(flag_of(name), problem, optimizers));
    }
  }
  return routed;
}

// ------------------------------------------------------------------------- compare --optimizers

std::vector<OptimizerSpec> parse_optimizer_list(const std::string& text) {
  // Split at the commas that are followed by a letter: "adam:betas=0.9,0.99,sgd" has two specs.
  std::vector<std::string> pieces;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_next = text[i] == ',' && i + 1 < text.size() &&
                             std::isalpha(static_cast<unsigned char>(text[i + 1]));
    if (starts_next) {
      pieces.push_back(current);
      current.clear();
    } else {
      current += text[i];
    }
  }
  pieces.push_back(current);

  std::vector<OptimizerSpec> specs;
  for (const std::string& piece : pieces) {
    OptimizerSpec spec;
    spec.text = piece;
    std::size_t colon = piece.find(':');
    spec.name = piece.substr(0, colon);
    const bool is_name =
        !spec.name.empty() && std::all_of(spec.name.begin(), spec.name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        });
    if (!is_name) {
      throw usage_error("--optimizers: '" + text + "' has '" + spec.name +
                        "' where an optimizer's name should be: expected "
                        "NAME[:KEY=VALUE...],NAME[:KEY=VALUE...],...");
    }
    while (colon != std::string::npos) {
      const std::size_t next = piece.find(':', colon + 1);
      const std::string part = piece.substr(colon + 1, next - colon - 1);
      const std::size_t equals = part.find('=');
      const std::string key = part.substr(0, equals);
      if (key.empty()) {
        throw usage_error("--optimizers: '" + piece + "' has a setting without a name: expected " +
                          spec.name + ":KEY=VALUE");
      }
      spec.settings[setting_of(key)] =
          equals == std::string::npos ? "true" : part.substr(equals + 1);
      colon = next;
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

void check_spec_settings(const OptimizerSpec& spec, const workbook::OptimizerEntry& entry) {
  for (const auto& [name, text] : spec.settings) {
    if (!takes(entry.settings, name)) {
      throw usage_error("--optimizers: in '" + spec.text + "', " + flag_of(name).substr(2) +
                        " is not a setting of " + entry.name + " (" + its_settings(entry.settings) +
                        ")");
    }
  }
}

}  // namespace optlab
