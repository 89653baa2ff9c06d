// Chapter 4, exercise 5 (a derivation): how many CG iterations the error bound guarantees.
//
// Read: Chapter 4, §4.6 "Conjugate gradients" (chapters/ch04_curvature.md,
// #ch04-conjugate-gradients) states the bound on ‖x_k − x*‖_A; §4.10 (#ch04-cg-iterations) asks
// the question. Derive the answer on paper first, then write it here.
//
// Contract: return the smallest k ≥ 1 for which the bound of §4.6 guarantees
// ‖x_k − x*‖_A ≤ tolerance · ‖x_0 − x*‖_A on a symmetric positive definite system whose condition
// number is `condition_number`. Throw std::invalid_argument naming the value and the allowed range
// unless condition_number ≥ 1 (and finite) and 0 < tolerance < 1. It is graded by running it: the
// tests check that your k is guaranteed by the bound, that k − 1 is not, and run CG to see the
// bound hold. Mind κ = 1, and condition numbers up to 10¹⁶.
//
// Check:  ctest --preset default -L ch04 -R cg_iteration_bound
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

long workbook::cg_iterations_for(double condition_number, double tolerance) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 4, §4.10 How many iterations the bound guarantees");
}
