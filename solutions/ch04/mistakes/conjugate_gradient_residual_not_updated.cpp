// Known mistake: x moves but r_k is never updated, so z, β and p stop changing.
#include "workbook/curvature.hpp"

void workbook::conjugate_gradient_step(Vector& x, Objective& objective,
                                       ConjugateGradientState& state) {
  objective.hessian_vector_product(x, state.p, state.Ap);
  state.step_size = state.rz / state.p.dot(state.Ap);
  x += state.step_size * state.p;
  state.z = state.inverse_diagonal.cwiseProduct(state.r);
  const double rz_next = state.r.dot(state.z);
  state.beta = rz_next / state.rz;
  state.p = state.z + state.beta * state.p;
  state.rz = rz_next;
  ++state.t;
}
