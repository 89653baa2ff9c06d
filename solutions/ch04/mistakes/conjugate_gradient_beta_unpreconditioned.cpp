// Known mistake: β_k from the residuals alone, rᵀr, as in CG without a preconditioner.
#include "workbook/curvature.hpp"

void workbook::conjugate_gradient_step(Vector& x, Objective& objective,
                                       ConjugateGradientState& state) {
  objective.hessian_vector_product(x, state.p, state.Ap);
  state.step_size = state.rz / state.p.dot(state.Ap);
  x += state.step_size * state.p;
  const double rr = state.r.squaredNorm();
  state.r -= state.step_size * state.Ap;
  state.z = state.inverse_diagonal.cwiseProduct(state.r);
  state.beta = state.r.squaredNorm() / rr;
  state.p = state.z + state.beta * state.p;
  state.rz = state.r.dot(state.z);
  ++state.t;
}
