// Chapter 4, exercise 3: steepest descent with the exact step on a quadratic, reference solution.
#include "workbook/curvature.hpp"

void workbook::exact_line_search_step(Vector& x, const Vector& gradient, Objective& objective,
                                      SteepestDescentState& state) {
  const double gg = gradient.squaredNorm();  // g_kᵀg_k = r_kᵀr_k
  state.step_size = 0.0;
  if (gg > 0.0) {
    Vector Ag;
    objective.hessian_vector_product(x, gradient, Ag);  // A g_k
    // φ(α) = f(x_k − αg_k) = f(x_k) − α gᵀg + ½α² gᵀAg is least where φ'(α) = 0.
    state.step_size = gg / gradient.dot(Ag);  // α_k = gᵀg / gᵀAg
    x -= state.step_size * gradient;
  }
  ++state.t;
}
