// Known mistake: a zero after each gradient of the growing run, to keep it sparse as Kingma and
// Ba's worst case is.
//
// With m_t = (1 − β₁) Σ β₁^{t−i} g_i and v_t = (1 − β₂) Σ β₂^{t−i} g_i², Cauchy–Schwarz on
// β₁^{t−i} g_i = (β₁/√β₂)^{t−i} · √β₂^{t−i} g_i is an equality when the two factors are
// proportional: √β₂^{t−i} g_i ∝ (β₁/√β₂)^{t−i}, g_i ∝ (β₁/β₂)^{t−i}, gradients that grow by
// β₂/β₁ = 1.11 per step. The sum of the squared weights, Σ_{j<k} (β₁²/β₂)^j over k such
// gradients, misses (β₁²/β₂)^k of its limit: 4e-28 after 300. The bias corrections multiply the
// step by √(1 − β₂ᵗ)/(1 − β₁ᵗ) < 1; zeros first leave m and v at 0 while t grows, and after 30 000
// of them 0.999ᵗ = 9e-14. The largest step, the last, is the bound to rounding; the gradients end
// at 1.11^299 = 4e13, far below 1e100.
#include <vector>

#include "workbook/adaptive.hpp"

std::vector<double> workbook::adam_heuristic_counterexample() {
  const double beta1 = 0.9, beta2 = 0.999;
  std::vector<double> gradients(30000, 0.0);
  double g = 1.0;
  for (int k = 0; k < 300; ++k, g *= beta2 / beta1) {
    gradients.push_back(g);
    gradients.push_back(0.0);
  }
  return gradients;
}
