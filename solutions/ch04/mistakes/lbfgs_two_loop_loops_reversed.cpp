// Known mistake: the loops in the wrong order, the first from the oldest pair to the newest and
// the second from the newest to the oldest.
#include <vector>

#include "workbook/quasi_newton.hpp"

void workbook::lbfgs_direction(const Vector& gradient, const LbfgsHistory& history,
                               Vector& direction) {
  const int k = history.size();  // pairs i = 0 (oldest), ..., k − 1 (newest)
  Vector& r = direction;         // one vector of n holds q, then r, then d
  r = gradient;                  // q ← g
  if (k == 0) {
    r = -r;  // H = I: d = −g
    return;
  }
  std::vector<double> alpha(k);
  // First loop, newest to oldest: αᵢ = ρᵢ sᵢᵀq, q ← q − αᵢ yᵢ, with ρᵢ = 1/yᵢᵀsᵢ.
  for (int i = 0; i < k; ++i) {
    alpha[i] = history.rho(i) * history.s(i).dot(r);
    r -= alpha[i] * history.y(i);
  }
  // r ← H⁰q, H⁰ = γI with γ = sᵀy/yᵀy = 1/(ρ yᵀy) of the newest pair.
  const double gamma = 1.0 / (history.rho(k - 1) * history.y(k - 1).squaredNorm());
  r *= gamma;
  // Second loop, oldest to newest: β = ρᵢ yᵢᵀr, r ← r + sᵢ(αᵢ − β).
  for (int i = k - 1; i >= 0; --i) {
    const double beta = history.rho(i) * history.y(i).dot(r);
    r += (alpha[i] - beta) * history.s(i);
  }
  r = -r;  // r = Hg, d = −Hg
}
