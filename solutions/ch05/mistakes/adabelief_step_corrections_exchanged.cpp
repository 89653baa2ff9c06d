// Known mistake: AdaBelief's two bias corrections exchanged: η/(1 − β₂ᵗ) and √(1 − β₁ᵗ).
#include <cmath>

#include "workbook/adaptive.hpp"

void workbook::adabelief_step(Vector& x, const Vector& gradient, AdaBeliefState& state,
                              const AdaBeliefParams& params) {
  const auto [beta1, beta2] = params.betas;
  const double epsilon = params.epsilon;
  Vector& m = state.m;       // the first moment
  Vector& s = state.s;       // the belief
  const long t = ++state.t;  // the step number, 1 on the first step
  const double step_size = params.learning_rate / (1.0 - std::pow(beta2, t));  // η/(1 − β₁ᵗ)
  const double inverse_root_c2 = 1.0 / std::sqrt(1.0 - std::pow(beta1, t));  // 1/√(1 − β₂ᵗ)
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i);
    m(i) = beta1 * m(i) + (1.0 - beta1) * g;  // m ← β₁m + (1 − β₁)g
    const double surprise = g - m(i);         // g − m, with the m just updated
    s(i) = beta2 * s(i) + (1.0 - beta2) * surprise * surprise + epsilon;         // + ε inside s
    x(i) -= step_size * (m(i) / (std::sqrt(s(i)) * inverse_root_c2 + epsilon));  // and ε outside
  }
}
