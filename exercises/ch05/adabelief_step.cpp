// Chapter 5, exercise 5: the AdaBelief step.
//
// Read: Chapter 5, §5.7 "AdaBelief: the belief in the gradient" (chapters/ch05_adaptive.md).
//
// Implement one step of AdaBelief (Algorithm 2 of Zhuang et al. 2020, without rectification),
// in place. With η = params.learning_rate, (β₁, β₂) = params.betas, ε = params.epsilon, m = state.m
// and s = state.s:
//
//     before the loop: count the step, t = ++state.t (1 on the first step); c₁ = 1 − β₁ᵗ and
//                      c₂ = 1 − β₂ᵗ
//     for every coordinate i, with g = gradient(i):
//         m(i) = β₁ m(i) + (1 − β₁) g
//         s(i) = β₂ s(i) + (1 − β₂) (g − m(i))² + ε       (with the m(i) just updated)
//         x(i) = x(i) − (η / c₁) · m(i) / (√s(i) / √c₂ + ε)
//
// ε appears twice: inside s at every step, and outside the square root.
// One loop over the coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R adabelief_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::adabelief_step(Vector& x, const Vector& gradient, AdaBeliefState& state,
                              const AdaBeliefParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.7 AdaBelief: the belief in the gradient");
}
