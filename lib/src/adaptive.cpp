// Chapter 5 update rules: Adagrad, RMSprop, Adam (AMSGrad, AdamW), NAdam and AdaBelief. Their
// steps are the graded kernels adagrad_step(), rmsprop_step(), adam_step(), amsgrad_step() and
// adabelief_step() (exercises/ch05/); NAdam's kernel is in adaptive_nadam.cpp and the
// least-squares problem in adaptive_least_squares.cpp.
#include "workbook/adaptive.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include "adaptive_checks.hpp"
#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

namespace workbook {

// ----------------------------------------------------------------------------- hyper-parameters

void AdagradParams::validate() const {
  require_positive("learning_rate", learning_rate);
  require_non_negative("lr_decay", lr_decay);
  require_non_negative("weight_decay", weight_decay);
  require_non_negative("initial_accumulator_value", initial_accumulator_value);
  require_non_negative("epsilon", epsilon);
}

void RMSpropParams::validate() const {
  require_positive("learning_rate", learning_rate);
  require_half_open_interval("alpha", alpha, 0.0, 1.0);
  require_non_negative("epsilon", epsilon);
  require_non_negative("weight_decay", weight_decay);
  require_half_open_interval("momentum", momentum, 0.0, 1.0);
}

void AdamParams::validate() const {
  require_positive("learning_rate", learning_rate);
  adaptive::require_betas(betas);
  require_non_negative("epsilon", epsilon);
  require_non_negative("weight_decay", weight_decay);
}

AdamParams AdamWParams::adam() const {
  AdamParams params;
  params.learning_rate = learning_rate;
  params.betas = betas;
  params.epsilon = epsilon;
  params.weight_decay = weight_decay;
  params.amsgrad = amsgrad;
  params.decoupled_weight_decay = true;
  return params;
}

void AdamWParams::validate() const {
  adam().validate();
}

void AdaBeliefParams::validate() const {
  require_positive("learning_rate", learning_rate);
  adaptive::require_betas(betas);
  require_non_negative("epsilon", epsilon);
}

namespace adaptive {

void require_betas(const std::pair<double, double>& betas) {
  require_half_open_interval("beta1", betas.first, 0.0, 1.0);
  require_half_open_interval("beta2", betas.second, 0.0, 1.0);
}

}  // namespace adaptive

// ----------------------------------------------------------------------------------- update rules

namespace {

// "adagrad (lr = 0.01)": the method and its learning rate.
template <class Params>
NameOf<Params> named(const std::string& method) {
  return [method](const Params& p) {
    return method + " (lr = " + format_number(p.learning_rate) + ")";
  };
}

std::string rmsprop_name(const RMSpropParams& p) {
  std::string name = "rmsprop (lr = " + format_number(p.learning_rate);
  if (p.momentum > 0.0) name += ", momentum = " + format_number(p.momentum);
  if (p.centered) name += ", centered";
  return name + ")";
}

std::string adam_name(const AdamParams& p) {
  std::string name = p.decoupled_weight_decay ? "adamw" : "adam";
  if (p.amsgrad) name = p.decoupled_weight_decay ? "adamw-amsgrad" : "amsgrad";
  name += " (lr = " + format_number(p.learning_rate);
  if (!p.bias_correction) name += ", no bias correction";
  if (p.epsilon_inside_root) name += ", eps inside the root";
  return name + ")";
}

}  // namespace

AdagradRule adagrad_rule(AdagradParams params) {
  return {params, adagrad_step, named<AdagradParams>("adagrad")};
}

RMSpropRule rmsprop_rule(RMSpropParams params) {
  return {params, rmsprop_step, rmsprop_name};
}

AdamRule adam_rule(AdamParams params) {
  return {params, params.amsgrad ? amsgrad_step : adam_step, adam_name};
}

AdamRule adamw_rule(const AdamWParams& params) {
  return adam_rule(params.adam());
}

NAdamRule nadam_rule(NAdamParams params) {
  return {params, nadam_step, named<NAdamParams>("nadam")};
}

AdaBeliefRule adabelief_rule(AdaBeliefParams params) {
  return {params, adabelief_step, named<AdaBeliefParams>("adabelief")};
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

namespace workbook {
namespace {

// The settings every member of the Adam family shares, with torch's names.
template <class Params>
Settings<Params> adam_family_settings(const std::string& lr_range = "lr > 0") {
  return Settings<Params>()
      .add("lr", &Params::learning_rate, "learning rate eta", lr_range)
      .add("betas", &Params::betas, "beta1,beta2: decays of the first and second moments",
           "each beta in [0, 1)")
      .add("eps", &Params::epsilon, "epsilon, added to the denominator", "eps >= 0");
}

struct LeastSquaresSettings {
  long samples = 100;
  std::vector<double> scales = {1.0, 10.0};
  std::uint64_t seed = 0;
};

}  // namespace

void catalogue::add_adaptive(Registry& registry) {
  registry.add(optimizer_entry(
      "adagrad", "Adagrad, as torch.optim.Adagrad (Chapter 5)",
      Settings<AdagradParams>()
          .add("lr", &AdagradParams::learning_rate, "learning rate eta", "lr > 0")
          .add("lr_decay", &AdagradParams::lr_decay, "step t uses lr / (1 + (t - 1) lr_decay)",
               "lr_decay >= 0")
          .add("weight_decay", &AdagradParams::weight_decay, "L2 penalty: g += weight_decay * x",
               "weight_decay >= 0")
          .add("initial_accumulator_value", &AdagradParams::initial_accumulator_value,
               "the sum of squared gradients starts here", "initial_accumulator_value >= 0")
          .add("eps", &AdagradParams::epsilon, "epsilon, added to sqrt(S)", "eps >= 0"),
      adagrad_rule));
  registry.add(optimizer_entry(
      "rmsprop", "RMSprop, as torch.optim.RMSprop (Chapter 5)",
      Settings<RMSpropParams>()
          .add("lr", &RMSpropParams::learning_rate, "learning rate eta", "lr > 0")
          .add("alpha", &RMSpropParams::alpha, "decay of the moving average of g^2",
               "alpha in [0, 1)")
          .add("eps", &RMSpropParams::epsilon, "epsilon, added to sqrt(v)", "eps >= 0")
          .add("weight_decay", &RMSpropParams::weight_decay, "L2 penalty: g += weight_decay * x",
               "weight_decay >= 0")
          .add("momentum", &RMSpropParams::momentum, "momentum mu (0: none)", "momentum in [0, 1)")
          .add("centered", &RMSpropParams::centered,
               "divide by sqrt(v - gbar^2), an estimate of the standard deviation"),
      rmsprop_rule));
  registry.add(optimizer_entry(
      "adam", "Adam, as torch.optim.Adam; amsgrad for AMSGrad (Chapter 5)",
      adam_family_settings<AdamParams>()
          .add("weight_decay", &AdamParams::weight_decay, "L2 penalty: g += weight_decay * x",
               "weight_decay >= 0")
          .add("amsgrad", &AdamParams::amsgrad, "divide by the running maximum of v (AMSGrad)")
          .add("bias_correction", &AdamParams::bias_correction,
               "divide m by 1 - beta1^t and v by 1 - beta2^t (false: the variant without)")
          .add("eps_inside_root", &AdamParams::epsilon_inside_root,
               "the variant sqrt(v_hat + eps) instead of sqrt(v_hat) + eps"),
      adam_rule));
  registry.add(optimizer_entry(
      "adamw", "AdamW (decoupled weight decay), as torch.optim.AdamW (Chapter 5)",
      adam_family_settings<AdamWParams>()
          .add("weight_decay", &AdamWParams::weight_decay,
               "decoupled decay: x *= 1 - lr * weight_decay before each step", "weight_decay >= 0")
          .add("amsgrad", &AdamWParams::amsgrad, "divide by the running maximum of v (AMSGrad)"),
      adamw_rule));
  registry.add(optimizer_entry(
      "nadam", "NAdam, as torch.optim.NAdam documents it (Chapter 5)",
      adam_family_settings<NAdamParams>()
          .add("weight_decay", &NAdamParams::weight_decay, "L2 penalty: g += weight_decay * x",
               "weight_decay >= 0")
          .add("momentum_decay", &NAdamParams::momentum_decay,
               "psi in mu_t = beta1 (1 - 0.5 * 0.96^(t psi))", "momentum_decay >= 0"),
      nadam_rule));
  registry.add(optimizer_entry("adabelief",
                               "AdaBelief (Zhuang et al. 2020), without rectification (Chapter 5)",
                               adam_family_settings<AdaBeliefParams>(), adabelief_rule));

  registry.add(problem_entry(
      "least_squares",
      "1/(2N) |Xw - y|^2 with feature j scaled by scales[j]: badly scaled when they differ; "
      "minimum 0 at (1, ..., 1)",
      Settings<LeastSquaresSettings>()
          .add("samples", &LeastSquaresSettings::samples, "number of samples N", "samples >= n")
          .add("scales", &LeastSquaresSettings::scales,
               "scale sigma_j of each feature (the dimension n is their number)", "every scale > 0")
          .add("seed", &LeastSquaresSettings::seed, "seed of the random features",
               "any integer >= 0"),
      [](const LeastSquaresSettings& s) {
        const Vector scales =
            Eigen::Map<const Vector>(s.scales.data(), static_cast<Index>(s.scales.size()));
        return std::make_unique<LeastSquares>(
            LeastSquares::badly_scaled(s.samples, scales, s.seed));
      }));
}

}  // namespace workbook
