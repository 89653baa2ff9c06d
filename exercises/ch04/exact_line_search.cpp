// Chapter 4, exercise 3: steepest descent with the exact step on a quadratic.
//
// Read: Chapter 4, §4.5 "Steepest descent with exact steps" (chapters/ch04_curvature.md,
// #ch04-steepest-descent); the comment of exact_line_search_step() in
// lib/include/workbook/curvature.hpp states the contract.
//
// Contract: f(x) = ½xᵀAx − bᵀx. On entry `x` holds x_k and `gradient` is g_k = ∇f(x_k); on exit
// `x` holds x_{k+1} = x_k − α_k g_k, where α_k is the step size that minimises f along −g_k. You
// may ask for products with A through objective.hessian_vector_product(x, v, Av) (each is
// counted: one per step is enough). Store α_k in state.step_size and count the step, ++state.t.
// When g_k = 0, x stays where it is.
//
// Check:  ctest --preset default -L ch04 -R exact_line_search
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

void workbook::exact_line_search_step(Vector& x, const Vector& gradient, Objective& objective,
                                      SteepestDescentState& state) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 4, §4.5 Steepest descent with exact steps");
}
