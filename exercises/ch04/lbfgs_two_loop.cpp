// Chapter 4 exercise: the L-BFGS direction by the two-loop recursion.
//
// Read: Chapter 4, §4.9 "L-BFGS" (chapters/ch04_curvature.md, #ch04-lbfgs), which derives H from
// the last m pairs without forming it, and the comment of lbfgs_direction() in
// lib/include/workbook/quasi_newton.hpp.
//
// Contract: write d = −H g into `direction`, where `gradient` is g and H is the BFGS
// inverse-Hessian approximation built by applying the BFGS update once for each pair of `history`,
// oldest first, starting from H⁰ = γI with γ = sᵀy/yᵀy of the newest pair. history.size() pairs are kept (at
// most m): history.s(i) and history.y(i), i = 0 the oldest, history.size() − 1 the newest; every
// pair has sᵀy > 0, and history.rho(i) is its ρᵢ = 1/sᵢᵀyᵢ. Without pairs, d = −g. `direction` arrives with any size and any contents:
// resize it to n (assigning a vector of n does) and do not read what it held; it never shares
// `gradient`'s storage. Do not change `gradient` or `history`. The cost must be O(mn) in time and
// O(n) in memory: never form an n×n matrix (the tests use n = 10⁶).
//
// Check:  ./workbook check lbfgs_two_loop
#include "workbook/errors.hpp"
#include "workbook/quasi_newton.hpp"

void workbook::lbfgs_direction(const Vector& gradient, const LbfgsHistory& history,
                               Vector& direction) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 4, §4.9 L-BFGS");
}
