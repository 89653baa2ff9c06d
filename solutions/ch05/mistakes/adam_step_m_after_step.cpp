// Known mistake: m's update moved below θ's: the step reads m from before this step's gradient,
// m₀ = 0 at the first step, so the first step does not move θ.
#include <cmath>

#include "workbook/adaptive.hpp"

void workbook::adam_step(Vector& x, const Vector& gradient, AdamState& state,
                         const AdamParams& params) {
  const long t = ++state.t;  // the step number, 1 on the first step
  Vector& m = state.m;
  Vector& v = state.v;
  const auto [beta1, beta2] = params.betas;
  const double lr = params.learning_rate, epsilon = params.epsilon, lambda = params.weight_decay;
  // The bias corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ (1 in the variant without them).
  const double c1 = params.bias_correction ? 1.0 - std::pow(beta1, t) : 1.0;
  const double c2 = params.bias_correction ? 1.0 - std::pow(beta2, t) : 1.0;
  const double step_size = lr / c1;  // η/(1 − β₁ᵗ)
  // 1/c₂ and 1/√c₂, once: in the loop a multiplication costs less than a division.
  const double inverse_c2 = 1.0 / c2, inverse_root_c2 = 1.0 / std::sqrt(c2);
  const double shrink = 1.0 - lr * lambda;  // AdamW's decoupled decay
  for (Index i = 0; i < x.size(); ++i) {
    double g = gradient(i);
    if (params.decoupled_weight_decay) {
      x(i) *= shrink;  // θ ← (1 − ηλ)θ
    } else {
      g += lambda * x(i);  // g ← g + λθ
    }
    v(i) = beta2 * v(i) + (1.0 - beta2) * g * g;  // v ← β₂v + (1 − β₂)g²
    const double d = params.epsilon_inside_root
                         ? std::sqrt(v(i) * inverse_c2 + epsilon)        // √(v/c₂ + ε)
                         : std::sqrt(v(i)) * inverse_root_c2 + epsilon;  // √v/√c₂ + ε
    x(i) -= step_size * (m(i) / d);           // θ ← θ − η/(1 − β₁ᵗ) · m/d
    m(i) = beta1 * m(i) + (1.0 - beta1) * g;  // m ← β₁m + (1 − β₁)g
  }
}
