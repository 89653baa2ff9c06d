// Chapter 5, §5.6: NAdam, as torch.optim.NAdam documents it.
#include <cmath>
#include <string>

#include "adaptive_checks.hpp"
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"

namespace workbook {

void NAdamParams::validate() const {
  require_positive("learning_rate", learning_rate);
  adaptive::require_betas(betas);
  require_non_negative("epsilon", epsilon);
  require_non_negative("weight_decay", weight_decay);
  require_non_negative("momentum_decay", momentum_decay);
}

NAdam::NAdam(NAdamParams params) : params_(params) {
  params_.validate();
}

std::string NAdam::name() const {
  return "nadam (lr = " + format_number(params_.learning_rate) + ")";
}

void NAdam::reset(Index dimension) {
  m_.setZero(dimension);
  v_.setZero(dimension);
  momentum_product_ = 1.0;
  t_ = 0;
}

double NAdam::momentum_coefficient(long t) const {
  // μ_t = β₁(1 − ½·0.96^{tψ})
  return params_.betas.first *
         (1.0 - 0.5 * std::pow(0.96, static_cast<double>(t) * params_.momentum_decay));
}

void NAdam::step(Vector& x, double, const Vector& gradient, Objective&) {
  adaptive::check_step_sizes(*this, m_.size(), x, gradient);
  ++t_;
  const auto [beta1, beta2] = params_.betas;
  const double lr = params_.learning_rate, lambda = params_.weight_decay;
  const double epsilon = params_.epsilon;

  // The scalars of step t, computed once.
  const double mu = momentum_coefficient(t_);               // μ_t
  const double mu_next = momentum_coefficient(t_ + 1);      // μ_{t+1}
  momentum_product_ *= mu;                                  // P_t = μ_1 ⋯ μ_t
  const double product_next = momentum_product_ * mu_next;  // P_t μ_{t+1} (not P_t μ_t μ_{t+1})
  // 1/(1 − β₂ᵗ), once: in the loop a multiplication costs less than a division.
  const double inverse_bias_correction2 = 1.0 / (1.0 - std::pow(beta2, static_cast<double>(t_)));
  const double gradient_step = lr * (1.0 - mu) / (1.0 - momentum_product_);  // η(1 − μ_t)/(1 − P_t)
  const double momentum_step = lr * mu_next / (1.0 - product_next);  // ημ_{t+1}/(1 − P_t μ_{t+1})

  // One pass over θ, g, m and v.
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + lambda * x(i);  // L2 weight decay
    m_(i) = beta1 * m_(i) + (1.0 - beta1) * g;
    v_(i) = beta2 * v_(i) + (1.0 - beta2) * g * g;
    const double d = std::sqrt(v_(i) * inverse_bias_correction2) + epsilon;  // √(v/(1 − β₂ᵗ)) + ε
    x(i) -= gradient_step * (g / d);
    x(i) -= momentum_step * (m_(i) / d);
  }
}

}  // namespace workbook
