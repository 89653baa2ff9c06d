// Known mistake: the step does nothing once ‖r‖ is below an absolute 1e-10, a guard against
// dividing by a tiny rᵀz that stalls CG whenever b is small, whatever the relative tolerance asks.
#include "workbook/curvature.hpp"

void workbook::conjugate_gradient_step(Vector& x, Objective& objective,
                                       ConjugateGradientState& state) {
  if (state.r.norm() <= 1e-10) return;  // the residual is tiny: nothing left to do
  objective.hessian_vector_product(x, state.p, state.Ap);  // A p_k
  // α_k minimises f along p_k: α_k = r_kᵀz_k / p_kᵀAp_k.
  state.step_size = state.rz / state.p.dot(state.Ap);
  x += state.step_size * state.p;                          // x_{k+1} = x_k + α_k p_k
  state.r -= state.step_size * state.Ap;                   // r_{k+1} = r_k − α_k A p_k
  state.z = state.inverse_diagonal.cwiseProduct(state.r);  // z_{k+1} = M⁻¹ r_{k+1}
  const double rz_next = state.r.dot(state.z);
  // β_k makes p_{k+1} A-conjugate to p_k: β_k = r_{k+1}ᵀz_{k+1} / r_kᵀz_k.
  state.beta = rz_next / state.rz;
  state.p = state.z + state.beta * state.p;  // p_{k+1} = z_{k+1} + β_k p_k
  state.rz = rz_next;
  ++state.t;
}
