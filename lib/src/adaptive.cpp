// Chapter 5 update rules: Adagrad, RMSprop, Adam (AMSGrad, AdamW), NAdam and AdaBelief. Their
// steps are the graded kernels adagrad_step(), rmsprop_step(), adam_step(), amsgrad_step() and
// adabelief_step() (exercises/ch05/); NAdam's kernel is in adaptive_nadam.cpp, and the badly scaled
// least-squares problem of §5.1 in least_squares.cpp.
#include "workbook/adaptive.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

namespace workbook {

// ----------------------------------------------------------------------------- hyper-parameters

namespace {

// The fields every member of the Adam family shares, with torch's names.
template <class Params>
Settings<Params> adam_family_fields() {
  return Settings<Params>()
      .add(learning_rate_field<Params>())
      .add(&Params::betas, "beta1,beta2", "betas", Range::half_open(0.0, 1.0),
           "beta1,beta2: decays of the first and second moments")
      .add(epsilon_field<Params>("epsilon, added to the denominator"));
}

}  // namespace

const Settings<AdagradParams>& AdagradParams::fields() {
  static const auto fields =
      Settings<AdagradParams>()
          .add(learning_rate_field<AdagradParams>())
          .add(&AdagradParams::lr_decay, "lr_decay", "lr_decay", Range::non_negative(),
               "step t uses lr / (1 + (t - 1) lr_decay)")
          .add(weight_decay_field<AdagradParams>())
          .add(&AdagradParams::initial_accumulator_value, "initial_accumulator_value",
               "initial_accumulator_value", Range::non_negative(),
               "the sum of squared gradients starts here")
          .add(epsilon_field<AdagradParams>("epsilon, added to sqrt(S)"));
  return fields;
}

const Settings<RMSpropParams>& RMSpropParams::fields() {
  static const auto fields =
      Settings<RMSpropParams>()
          .add(learning_rate_field<RMSpropParams>())
          .add(&RMSpropParams::alpha, "alpha", "alpha", Range::half_open(0.0, 1.0),
               "decay of the moving average of g^2")
          .add(epsilon_field<RMSpropParams>("epsilon, added to sqrt(v)"))
          .add(weight_decay_field<RMSpropParams>())
          .add(momentum_field<RMSpropParams>("momentum mu (0: none)"))
          .add(&RMSpropParams::centered, "centered", "centered", Range::any(),
               "divide by sqrt(v - gbar^2), an estimate of the standard deviation");
  return fields;
}

const Settings<AdamParams>& AdamParams::fields() {
  static const auto fields =
      adam_family_fields<AdamParams>()
          .add(weight_decay_field<AdamParams>())
          .add(&AdamParams::amsgrad, "amsgrad", "amsgrad", Range::any(),
               "divide by the running maximum of v (AMSGrad)")
          .add(&AdamParams::bias_correction, "bias_correction", "bias_correction", Range::any(),
               "divide m by 1 - beta1^t and v by 1 - beta2^t (false: the variant without)")
          .add(&AdamParams::epsilon_inside_root, "epsilon_inside_root", "eps_inside_root",
               Range::any(), "the variant sqrt(v_hat + eps) instead of sqrt(v_hat) + eps");
  return fields;
}

const Settings<AdamWParams>& AdamWParams::fields() {
  static const auto fields =
      adam_family_fields<AdamWParams>()
          .add(weight_decay_field<AdamWParams>(
              "decoupled decay: x *= 1 - lr * weight_decay before each step"))
          .add(&AdamWParams::amsgrad, "amsgrad", "amsgrad", Range::any(),
               "divide by the running maximum of v (AMSGrad)");
  return fields;
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

const Settings<NAdamParams>& NAdamParams::fields() {
  static const auto fields =
      adam_family_fields<NAdamParams>()
          .add(weight_decay_field<NAdamParams>())
          .add(&NAdamParams::momentum_decay, "momentum_decay", "momentum_decay",
               Range::non_negative(), "psi in mu_t = beta1 (1 - 0.5 * 0.96^(t psi))");
  return fields;
}

const Settings<AdaBeliefParams>& AdaBeliefParams::fields() {
  static const auto fields = adam_family_fields<AdaBeliefParams>();
  return fields;
}

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

void catalogue::add_adaptive(Registry& registry) {
  registry.add(optimizer_entry("adagrad", "Adagrad, as torch.optim.Adagrad (Chapter 5)",
                               AdagradParams::fields(), adagrad_rule));
  registry.add(optimizer_entry("rmsprop", "RMSprop, as torch.optim.RMSprop (Chapter 5)",
                               RMSpropParams::fields(), rmsprop_rule));
  registry.add(optimizer_entry("adam", "Adam, as torch.optim.Adam; amsgrad for AMSGrad (Chapter 5)",
                               AdamParams::fields(), adam_rule));
  registry.add(
      optimizer_entry("adamw", "AdamW (decoupled weight decay), as torch.optim.AdamW (Chapter 5)",
                      AdamWParams::fields(), [](const AdamWParams& p) { return adamw_rule(p); }));
  registry.add(optimizer_entry("nadam", "NAdam, as torch.optim.NAdam documents it (Chapter 5)",
                               NAdamParams::fields(), nadam_rule));
  registry.add(optimizer_entry("adabelief",
                               "AdaBelief (Zhuang et al. 2020), without rectification (Chapter 5)",
                               AdaBeliefParams::fields(), adabelief_rule));
}

}  // namespace workbook
