// Known mistake: v_max divided by 1 − β₂ᵗ only at the steps where this step's v is the maximum.
#include <algorithm>
#include <cmath>

#include "workbook/adaptive.hpp"

void workbook::amsgrad_step(Vector& x, const Vector& gradient, AdamState& state,
                            const AdamParams& params) {
  const long t = ++state.t;  // the step number, 1 on the first step
  Vector& m = state.m;
  Vector& v = state.v;
  Vector& v_max = state.v_max;
  const auto [beta1, beta2] = params.betas;
  const double lr = params.learning_rate, epsilon = params.epsilon, lambda = params.weight_decay;
  const double c1 = params.bias_correction ? 1.0 - std::pow(beta1, t) : 1.0;  // 1 − β₁ᵗ
  const double c2 = params.bias_correction ? 1.0 - std::pow(beta2, t) : 1.0;  // 1 − β₂ᵗ
  const double step_size = lr / c1;
  const double inverse_c2 = 1.0 / c2, inverse_root_c2 = 1.0 / std::sqrt(c2);
  const double shrink = 1.0 - lr * lambda;
  for (Index i = 0; i < x.size(); ++i) {
    double g = gradient(i);
    if (params.decoupled_weight_decay) {
      x(i) *= shrink;
    } else {
      g += lambda * x(i);
    }
    m(i) = beta1 * m(i) + (1.0 - beta1) * g;
    v(i) = beta2 * v(i) + (1.0 - beta2) * g * g;
    v_max(i) = std::max(v_max(i), v(i));  // the maximum of the raw v, before the correction
    const double d = params.epsilon_inside_root
                         ? std::sqrt(v_max(i) * inverse_c2 + epsilon)
                         : std::sqrt(v_max(i)) * (v(i) >= v_max(i) ? inverse_root_c2 : 1.0) +
                               epsilon;  // √v_max/√c₂ + ε
    x(i) -= step_size * (m(i) / d);
  }
}
