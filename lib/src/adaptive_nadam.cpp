// Chapter 5, §5.6: NAdam, as torch.optim.NAdam documents it.
#include <cmath>
#include "workbook/adaptive.hpp"

namespace workbook {

double nadam_momentum_coefficient(long t, const NAdamParams& params) {
  // μ_t = β₁(1 − ½·0.96^{tψ})
  return params.betas.first *
         (1.0 - 0.5 * std::pow(0.96, static_cast<double>(t) * params.momentum_decay));
}

void nadam_step(Vector& x, const Vector& gradient, NAdamState& state, const NAdamParams& params) {
  const long t = ++state.t;
  const auto [beta1, beta2] = params.betas;
  const double lr = params.learning_rate, lambda = params.weight_decay;
  const double epsilon = params.epsilon;
  Vector& m = state.m;
  Vector& v = state.v;

  // The scalars of step t, computed once.
  const double mu = nadam_momentum_coefficient(t, params);           // μ_t
  const double mu_next = nadam_momentum_coefficient(t + 1, params);  // μ_{t+1}
  state.momentum_product *= mu;                                      // P_t = μ_1 ⋯ μ_t
  const double product = state.momentum_product;
  const double product_next = product * mu_next;  // P_t μ_{t+1} (not P_t μ_t μ_{t+1})
  // 1/(1 − β₂ᵗ), once: in the loop a multiplication costs less than a division.
  const double inverse_bias_correction2 = 1.0 / (1.0 - std::pow(beta2, static_cast<double>(t)));
  const double gradient_step = lr * (1.0 - mu) / (1.0 - product);  // η(1 − μ_t)/(1 − P_t)
  const double momentum_step = lr * mu_next / (1.0 - product_next);  // ημ_{t+1}/(1 − P_t μ_{t+1})

  // One pass over θ, g, m and v.
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + lambda * x(i);  // L2 weight decay
    m(i) = beta1 * m(i) + (1.0 - beta1) * g;
    v(i) = beta2 * v(i) + (1.0 - beta2) * g * g;
    const double d = std::sqrt(v(i) * inverse_bias_correction2) + epsilon;  // √(v/(1 − β₂ᵗ)) + ε
    x(i) -= gradient_step * (g / d);
    x(i) -= momentum_step * (m(i) / d);
  }
}

}  // namespace workbook
