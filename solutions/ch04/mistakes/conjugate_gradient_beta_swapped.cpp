// Known mistake: β_k with the old and the new residuals swapped.
#include "workbook/curvature.hpp"

void workbook::conjugate_gradient_step(Vector& x, Objective& objective,
                                       ConjugateGradientState& state) {
  objective.hessian_vector_product(x, state.p, state.Ap);
  state.step_size = state.rz / state.p.dot(state.Ap);
  x += state.step_size * state.p;
  state.r -= state.step_size * state.Ap;
  state.z = state.inverse_diagonal.cwiseProduct(state.r);
  const double rz_next = state.r.dot(state.z);
  state.beta = state.rz / rz_next;
  state.p = state.z + state.beta * state.p;
  state.rz = rz_next;
  ++state.t;
}
