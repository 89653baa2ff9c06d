// Chapter 5, exercise 5: the AdaBelief step.
//
// Read: Chapter 5, §5.7 "AdaBelief: the belief in the gradient" (chapters/ch05_adaptive.md,
// #ch05-adabelief) derives the step (Algorithm 2 of Zhuang et al. 2020, without rectification);
// the equation is in the comment of adabelief_step() in lib/include/workbook/adaptive.hpp.
//
// Contract: one step, in place. On entry `x` holds θ and `gradient` is ∇f(θ); on exit `x` holds the
// new θ, and state.m and state.s the new first moment and "belief". Count the step first,
// t = ++state.t, so that the first step has t = 1. Every setting of `params` (AdaBeliefParams) is
// used; ε has two places in the step. One loop over the coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R adabelief_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::adabelief_step(Vector& x, const Vector& gradient, AdaBeliefState& state,
                              const AdaBeliefParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.7 AdaBelief: the belief in the gradient");
}
