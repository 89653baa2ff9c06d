// Chapter 5 update rules: Adagrad, RMSprop, Adam (AMSGrad, AdamW) and AdaBelief. Their steps are
// the graded kernels adagrad_step(), rmsprop_step(), adam_step(), amsgrad_step() and
// adabelief_step() (exercises/ch05/); NAdam is in adaptive_nadam.cpp, and the badly scaled
// least-squares problem of §5.1 in least_squares.cpp.
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

void check_step_sizes(const UpdateRule& rule, Index state_size, const Vector& x,
                      const Vector& gradient) {
  if (x.size() != state_size) {
    throw std::invalid_argument("x has " + std::to_string(x.size()) + " entries but " +
                                rule.name() + " was reset to " + std::to_string(state_size) +
                                ": call reset(" + std::to_string(x.size()) + ") first");
  }
  require_size("gradient", gradient, x.size(), "the size of x");
}

}  // namespace adaptive

// ---------------------------------------------------------------------------------------- Adagrad

Adagrad::Adagrad(AdagradParams params) : params_(params) {
  params_.validate();
}

std::string Adagrad::name() const {
  return "adagrad (lr = " + format_number(params_.learning_rate) + ")";
}

void Adagrad::reset(Index dimension) {
  sum_of_squares_.setConstant(dimension, params_.initial_accumulator_value);  // S₀ = τ
  t_ = 0;
}

void Adagrad::step(Vector& x, double, const Vector& gradient, Objective&) {
  adaptive::check_step_sizes(*this, sum_of_squares_.size(), x, gradient);
  ++t_;
  adagrad_step(x, gradient, sum_of_squares_, t_, params_);
}

// ---------------------------------------------------------------------------------------- RMSprop

RMSprop::RMSprop(RMSpropParams params) : params_(params) {
  params_.validate();
}

std::string RMSprop::name() const {
  std::string name = "rmsprop (lr = " + format_number(params_.learning_rate);
  if (params_.momentum > 0.0) name += ", momentum = " + format_number(params_.momentum);
  if (params_.centered) name += ", centered";
  return name + ")";
}

void RMSprop::reset(Index dimension) {
  square_average_.setZero(dimension);
  // torch allocates b only with momentum and ḡ only when centred: so does this rule.
  momentum_buffer_.setZero(params_.momentum > 0.0 ? dimension : 0);
  gradient_average_.setZero(params_.centered ? dimension : 0);
}

int RMSprop::state_vectors() const {
  return 1 + (params_.momentum > 0.0 ? 1 : 0) + (params_.centered ? 1 : 0);
}

void RMSprop::step(Vector& x, double, const Vector& gradient, Objective&) {
  adaptive::check_step_sizes(*this, square_average_.size(), x, gradient);
  rmsprop_step(x, gradient, square_average_, momentum_buffer_, gradient_average_, params_);
}

// ------------------------------------------------------------------------------------------- Adam

Adam::Adam(AdamParams params) : params_(params) {
  params_.validate();
}

Adam::Adam(const AdamWParams& params) : Adam(params.adam()) {}

std::string Adam::name() const {
  std::string name = params_.decoupled_weight_decay ? "adamw" : "adam";
  if (params_.amsgrad) name = params_.decoupled_weight_decay ? "adamw-amsgrad" : "amsgrad";
  name += " (lr = " + format_number(params_.learning_rate);
  if (!params_.bias_correction) name += ", no bias correction";
  if (params_.epsilon_inside_root) name += ", eps inside the root";
  return name + ")";
}

void Adam::reset(Index dimension) {
  m_.setZero(dimension);
  v_.setZero(dimension);
  v_max_.setZero(params_.amsgrad ? dimension : 0);
  t_ = 0;
}

void Adam::step(Vector& x, double, const Vector& gradient, Objective&) {
  adaptive::check_step_sizes(*this, m_.size(), x, gradient);
  ++t_;
  if (params_.amsgrad)
    amsgrad_step(x, gradient, m_, v_, v_max_, t_, params_);
  else
    adam_step(x, gradient, m_, v_, t_, params_);
}

// -------------------------------------------------------------------------------------- AdaBelief

AdaBelief::AdaBelief(AdaBeliefParams params) : params_(params) {
  params_.validate();
}

std::string AdaBelief::name() const {
  return "adabelief (lr = " + format_number(params_.learning_rate) + ")";
}

void AdaBelief::reset(Index dimension) {
  m_.setZero(dimension);
  s_.setZero(dimension);
  t_ = 0;
}

void AdaBelief::step(Vector& x, double, const Vector& gradient, Objective&) {
  adaptive::check_step_sizes(*this, m_.size(), x, gradient);
  ++t_;
  adabelief_step(x, gradient, m_, s_, t_, params_);
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
      [](const AdagradParams& p) { return std::make_unique<Adagrad>(p); }));
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
      [](const RMSpropParams& p) { return std::make_unique<RMSprop>(p); }));
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
      [](const AdamParams& p) { return std::make_unique<Adam>(p); }));
  registry.add(optimizer_entry(
      "adamw", "AdamW (decoupled weight decay), as torch.optim.AdamW (Chapter 5)",
      adam_family_settings<AdamWParams>()
          .add("weight_decay", &AdamWParams::weight_decay,
               "decoupled decay: x *= 1 - lr * weight_decay before each step", "weight_decay >= 0")
          .add("amsgrad", &AdamWParams::amsgrad, "divide by the running maximum of v (AMSGrad)"),
      [](const AdamWParams& p) { return std::make_unique<Adam>(p); }));
  registry.add(optimizer_entry(
      "nadam", "NAdam, as torch.optim.NAdam documents it (Chapter 5)",
      adam_family_settings<NAdamParams>()
          .add("weight_decay", &NAdamParams::weight_decay, "L2 penalty: g += weight_decay * x",
               "weight_decay >= 0")
          .add("momentum_decay", &NAdamParams::momentum_decay,
               "psi in mu_t = beta1 (1 - 0.5 * 0.96^(t psi))", "momentum_decay >= 0"),
      [](const NAdamParams& p) { return std::make_unique<NAdam>(p); }));
  registry.add(optimizer_entry(
      "adabelief", "AdaBelief (Zhuang et al. 2020), without rectification (Chapter 5)",
      adam_family_settings<AdaBeliefParams>(),
      [](const AdaBeliefParams& p) { return std::make_unique<AdaBelief>(p); }));
}

}  // namespace workbook
