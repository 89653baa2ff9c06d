/// \file
/// Golden trajectories of Chapter 5's adaptive methods: reading them, replaying them through the
/// library, and naming the convention a wrong trajectory follows. The solution tests of Chapter 5
/// and the library's tests of NAdam (not an exercise) use them.
///
/// The files, in the folder of the golden files (golden.hpp), are written by two scripts and
/// committed:
///   - tools/golden/torch_adaptive.py: torch.optim 1.13's iterates on two deterministic problems
///     (`quadratic`, `rosenbrock`), variant "torch" (NAdam also "torch_single_tensor");
///   - tools/golden/formula_adaptive.py: the formulas of the notes fed a fixed sequence of
///     gradients (problem `sequence`), variant "formula", next to the same runs with one convention
///     changed on purpose (variant = the convention's name).
/// One row per step: `case,optimizer,variant,problem,step,gradient,x,settings`, in the format of
/// every golden file (golden.hpp); the settings (registry names, registry text) on step 0 only.
#pragma once

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/observers.hpp"
#include "workbook/problems.hpp"
#include "workbook/registry.hpp"
#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"

namespace workbook::golden {

/// One recorded run.
struct Trajectory {
  int id = 0;                     ///< the case: runs of one case share settings and gradients
  std::string optimizer;          ///< registry name: "adam"
  std::string variant;            ///< "torch", "formula", or a changed convention
  std::string problem;            ///< "quadratic", "rosenbrock" or "sequence"
  Arguments settings;             ///< registry settings: {"lr": "0.05", "betas": "0.9,0.999"}
  std::string settings_text;      ///< as written in the file
  std::vector<Vector> gradients;  ///< gradients[k] is fed at step k (k >= 1; sequence only)
  std::vector<Vector> x;          ///< x[0] is the start

  /// "adam lr=0.05 betas=0.9,0.999 (case 3, quadratic)"
  std::string describe() const {
    return optimizer + " " + settings_text + " (case " + std::to_string(id) + ", " + problem + ")";
  }
};

inline Arguments parse_settings(const std::string& text) {
  Arguments arguments;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    const auto equals = word.find('=');
    arguments[word.substr(0, equals)] = word.substr(equals + 1);
  }
  return arguments;
}

/// Every trajectory in the golden file `file` (testing::golden_file()), in the order of the file.
inline std::vector<Trajectory> read(const std::string& file) {
  const testing::GoldenTable table(testing::golden_file(file));
  std::vector<Trajectory> runs;
  for (const testing::GoldenRow& row : table) {
    const long step = row.integer("step");
    if (step == 0) {
      Trajectory run;
      run.id = static_cast<int>(row.integer("case"));
      run.optimizer = row.text("optimizer");
      run.variant = row.text("variant");
      run.problem = row.text("problem");
      run.settings = parse_settings(row.text("settings"));
      run.settings_text = row.text("settings");
      run.gradients.emplace_back();
      runs.push_back(std::move(run));
    }
    if (runs.empty() || static_cast<long>(runs.back().x.size()) != step) {
      throw std::runtime_error(table.file().string() + ":" + std::to_string(row.line()) +
                               ": step " + std::to_string(step) + " out of order in case " +
                               row.text("case"));
    }
    Trajectory& run = runs.back();
    if (step > 0) run.gradients.push_back(row.numbers("gradient"));
    run.x.push_back(row.numbers("x"));
  }
  return runs;
}

/// The trajectories of `runs` with this optimizer and variant.
inline std::vector<Trajectory> select(const std::vector<Trajectory>& runs,
                                      const std::string& optimizer, const std::string& variant) {
  std::vector<Trajectory> chosen;
  for (const Trajectory& run : runs) {
    if (run.optimizer == optimizer && run.variant == variant) chosen.push_back(run);
  }
  return chosen;
}

/// \f$\max_k \|a_k - b_k\|_\infty / \|b_k\|_\infty\f$: the relative distance of two trajectories
/// (infinite if a NaN appears or the lengths differ).
inline double max_relative_difference(const std::vector<Vector>& a, const std::vector<Vector>& b) {
  if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
  double worst = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].size() != b[k].size() || !a[k].allFinite())
      return std::numeric_limits<double>::infinity();
    const double scale = std::max(b[k].lpNorm<Eigen::Infinity>(), 1e-300);
    worst = std::max(worst, (a[k] - b[k]).lpNorm<Eigen::Infinity>() / scale);
  }
  return worst;
}

/// The problems of the torch goldens, exactly as tools/golden/adaptive_model.py defines them.
inline std::unique_ptr<Problem> problem(const std::string& name) {
  if (name == "quadratic") {
    const Vector d{{0.002, 1.0, 30.0}};
    return std::make_unique<Quadratic>(d.asDiagonal().toDenseMatrix(), Vector{{0.001, 0.5, -3.0}});
  }
  if (name == "rosenbrock") return std::make_unique<Rosenbrock>(2);
  throw std::invalid_argument("no golden problem named " + name);
}

/// `Params` from a golden's registry settings, checked as the registry checks them.
template <class Params>
Params read_params(const Arguments& settings, const std::string& optimizer) {
  Params params = Params::fields().read(settings, optimizer);
  params.validate(Naming::flag);
  return params;
}

/// The iterates of `kernel` fed the golden's gradients from its start, with a State of its own.
template <class Params, class State>
std::vector<Vector> feed(const Trajectory& golden,
                         void (*kernel)(Vector&, const Vector&, State&, const Params&),
                         const Params& params) {
  testing::KernelRun<Params, State> run(kernel, params, golden.x[0]);
  std::vector<Vector> xs{run.x};
  for (std::size_t k = 1; k < golden.x.size(); ++k) {
    run.step(golden.gradients[k]);
    xs.push_back(run.x);
  }
  return xs;
}

/// The iterates of the kernel of the registry's optimizer `golden.optimizer`, with `settings`,
/// fed the golden's gradients.
inline std::vector<Vector> feed(const Trajectory& golden, const Arguments& settings) {
  const std::string& name = golden.optimizer;
  if (name == "adagrad")
    return feed(golden, adagrad_step, read_params<AdagradParams>(settings, name));
  if (name == "rmsprop")
    return feed(golden, rmsprop_step, read_params<RMSpropParams>(settings, name));
  if (name == "adam" || name == "adamw") {
    const AdamParams p = name == "adam" ? read_params<AdamParams>(settings, name)
                                        : read_params<AdamWParams>(settings, name).adam();
    return feed(golden, p.amsgrad ? amsgrad_step : adam_step, p);
  }
  if (name == "nadam") return feed(golden, nadam_step, read_params<NAdamParams>(settings, name));
  if (name == "adabelief") {
    return feed(golden, adabelief_step, read_params<AdaBeliefParams>(settings, name));
  }
  throw std::invalid_argument("no kernel for the golden optimizer " + name);
}

/// Replays `golden` with the library: the kernel of its optimizer fed the golden's gradients, or
/// the registry's optimizer built from the golden's settings (and `extra` ones) run by the driver
/// on the golden's problem. Returns the iterates, start included.
inline std::vector<Vector> replay(const Trajectory& golden, const Arguments& extra = {}) {
  Arguments settings = golden.settings;
  for (const auto& [name, value] : extra) settings[name] = value;
  if (golden.problem == "sequence") return feed(golden, settings);
  const auto rule = workbook::registry().optimizer(golden.optimizer).make(settings);
  const auto p = problem(golden.problem);
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = static_cast<long>(golden.x.size()) - 1;
  TraceRecorder trace;
  minimize(*p, *rule, golden.x[0], stopping, {&trace});
  return trace.iterates();
}

/// What a trajectory that follows `variant` instead of the formula got wrong, in the notes' words.
inline std::string convention(const std::string& variant) {
  static const std::map<std::string, std::string> known = {
      {"no_bias_correction", "bias correction missing? (divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ)"},
      {"epsilon_inside_root", "ε inside the square root? (torch: √v̂ + ε, ε outside)"},
      {"epsilon_before_correction",
       "ε added before correcting v? (torch: √v/√(1 − β₂ᵗ) + ε, not (√v + ε)/√(1 − β₂ᵗ))"},
      {"betas_swapped", "β₁ and β₂ swapped? (m averages with β₁ = 0.9, v with β₂ = 0.999)"},
      {"max_after_correction",
       "AMSGrad's maximum taken after the bias correction? (torch keeps max(v_max, v) of the raw "
       "v, then divides by √(1 − β₂ᵗ))"},
      {"no_max", "the running maximum v_max is not used in the denominator?"},
      {"coupled_weight_decay",
       "AdamW's decay added to the gradient (L2)? (decoupled: θ ← (1 − ηλ)θ, g unchanged)"},
      {"with_bias_correction", "RMSprop has no bias correction: is v divided by 1 − αᵗ?"},
      {"not_centered", "centered ignored? (d = √(v − ḡ²) + ε when centered)"},
      {"momentum_before_scaling",
       "the momentum buffer accumulates g instead of g/d? (torch: b ← μb + g/d, θ ← θ − ηb)"},
      {"lr_decay_counts_from_one",
       "the lr decay is off by one? (step t uses η/(1 + (t − 1)·lr_decay): no decay at t = 1)"},
      {"accumulator_starts_at_zero", "initial_accumulator_value ignored? (S starts at τ, not 0)"},
      {"single_tensor_slip",
       "the momentum product counts μ_t twice? (torch 1.13's single-tensor slip: use "
       "1 − P_t μ_{t+1}, not 1 − P_t μ_t μ_{t+1})"},
      {"no_epsilon_in_s", "ε missing inside s? (s ← β₂s + (1 − β₂)(g − m)² + ε)"},
      {"previous_m", "g − m computed with the previous m? (use the m just updated)"},
  };
  const auto found = known.find(variant);
  return found != known.end() ? found->second : variant;
}

/// What the student's step is, as the end of a diagnosis: the single edit of the notes' lines or
/// the lines measured (adaptive_lines.hpp), "" if nothing is found.
using Explain = std::function<std::string()>;

/// Why `ours` is not `golden`: the convention whose trajectory (one of `variants`, from the same
/// case) it matches, or how far it is and what `explain` (if given) finds wrong with the step.
inline std::string diagnose(const std::vector<Vector>& ours, const Trajectory& golden,
                            const std::vector<Trajectory>& variants,
                            const Explain& explain = nullptr) {
  const double distance = max_relative_difference(ours, golden.x);
  std::ostringstream why;
  why << golden.describe() << ": the iterates differ from the " << golden.variant
      << " trajectory by " << distance << " relative";
  for (const Trajectory& variant : variants) {
    if (variant.id == golden.id && variant.variant != golden.variant &&
        max_relative_difference(ours, variant.x) <= 1e-8) {
      why << "; they follow the variant '" << variant.variant
          << "': " << convention(variant.variant);
      return why.str();
    }
  }
  for (std::size_t k = 0; k < ours.size() && k < golden.x.size(); ++k) {
    if (!ours[k].allFinite()) {
      why << "; x has a NaN or infinite entry after step " << k;
      break;
    }
  }
  if (explain) why << explain();
  return why.str();
}

/// Replays every trajectory of `goldens` and requires the library's iterates to match it to
/// `tolerance` relative at every step; when one does not, the message names the variant of
/// `variants` (same case) that it follows instead, or else what `explain` finds wrong with the
/// step. Returns how many trajectories were checked.
inline int check_replays(const std::vector<Trajectory>& goldens,
                         const std::vector<Trajectory>& variants = {}, double tolerance = 1e-10,
                         const Explain& explain = nullptr) {
  int checked = 0;
  for (const Trajectory& golden : goldens) {
    const std::vector<Vector> ours = replay(golden);
    const double distance = max_relative_difference(ours, golden.x);
    const std::string why =
        diagnose(ours, golden, variants, distance <= tolerance ? nullptr : explain);
    BOOST_TEST_INFO(why);
    BOOST_TEST(distance <= tolerance);
    ++checked;
  }
  return checked;
}

/// The formula goldens (formula_adaptive.csv) of the `optimizers`, every variant, each kept when
/// `keep` (if given) accepts it.
inline std::vector<Trajectory> formula_family(
    std::initializer_list<std::string> optimizers,
    const std::function<bool(const Trajectory&)>& keep = nullptr) {
  std::vector<Trajectory> family;
  for (const Trajectory& run : read("formula_adaptive.csv")) {
    const bool named =
        std::find(optimizers.begin(), optimizers.end(), run.optimizer) != optimizers.end();
    if (named && (!keep || keep(run))) family.push_back(run);
  }
  return family;
}

/// torch's Adam and AdamW goldens (torch_adam.csv, torch_adamw.csv) with amsgrad = `amsgrad`.
inline std::vector<Trajectory> torch_adam_family(bool amsgrad) {
  std::vector<Trajectory> chosen;
  for (const char* file : {"torch_adam.csv", "torch_adamw.csv"}) {
    for (const Trajectory& run : read(file))
      if (run.settings.at("amsgrad") == (amsgrad ? "true" : "false")) chosen.push_back(run);
  }
  return chosen;
}

/// Requires every variant of `runs` to be at least `margin` (relative) away from its case's
/// `reference` trajectory: a convention changed on purpose cannot pass a check to 1e-10.
inline void check_variants_are_distinguishable(const std::vector<Trajectory>& runs,
                                               const std::string& reference = "formula",
                                               double margin = 1e-6) {
  for (const Trajectory& run : runs) {
    if (run.variant == reference) continue;
    for (const Trajectory& other : runs) {
      if (other.id != run.id || other.variant != reference) continue;
      const double distance = max_relative_difference(run.x, other.x);
      BOOST_TEST_INFO(run.describe() << ": the variant '" << run.variant << "' is only " << distance
                                     << " away from the " << reference);
      BOOST_TEST(distance >= margin);
    }
  }
}

/// Checks a family of formula goldens: its "formula" runs are replayed to 1e-10 (a mismatch is
/// named by the variant it follows instead), and every other variant is at least 1e-6 away from
/// its case's formula run. Returns how many formula runs were checked.
inline int check_formula_family(const std::vector<Trajectory>& family,
                                const Explain& explain = nullptr) {
  std::vector<Trajectory> formula;
  for (const Trajectory& run : family)
    if (run.variant == "formula") formula.push_back(run);
  const int checked = check_replays(formula, family, 1e-10, explain);
  check_variants_are_distinguishable(family);
  return checked;
}

}  // namespace workbook::golden
