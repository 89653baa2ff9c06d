// Chapter 4, exercise 4: one step of (preconditioned) conjugate gradients.
//
// Read: Chapter 4, §4.6 "Conjugate gradients" (chapters/ch04_curvature.md,
// #ch04-conjugate-gradients) and §4.7 "Preconditioning" (#ch04-preconditioning); the comments of
// ConjugateGradientState and conjugate_gradient_step() in lib/include/workbook/curvature.hpp name
// the state.
//
// Contract: solve Ax = b (A symmetric positive definite), one step per call. On entry `x` holds
// x_k and `state` holds r_k = b − Ax_k, z_k = M⁻¹r_k, the direction p_k and state.rz = r_kᵀz_k
// (ConjugateGradientState::start() prepared step 0; M⁻¹ is state.inverse_diagonal, all ones
// without a preconditioner). On exit `x` holds x_{k+1} and the state holds r_{k+1}, z_{k+1},
// p_{k+1} and r_{k+1}ᵀz_{k+1}, with α_k in state.step_size and β_k in state.beta; count the step,
// ++state.t. One product with A per step: objective.hessian_vector_product(x, state.p, state.Ap).
// Do not recompute b − Ax (you do not know b here).
//
// Check:  ctest --preset default -L ch04 -R conjugate_gradient
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

void workbook::conjugate_gradient_step(Vector& x, Objective& objective,
                                       ConjugateGradientState& state) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 4, §4.6 Conjugate gradients");
}
