// Chapter 5, exercise 4: the AMSGrad step.
//
// Read: Chapter 5, §5.5 "AMSGrad: when Adam forgets" (chapters/ch05_adaptive.md, #ch05-amsgrad)
// says why Adam needs the running maximum and of what; the equation is in the comment of
// amsgrad_step() in lib/include/workbook/adaptive.hpp.
//
// Contract: one step of torch.optim.Adam with amsgrad=True, in place: your Adam step (exercise 3,
// with the same settings and variants of AdamParams), whose denominator uses the running maximum
// state.v_max instead of v. On exit state.m, state.v and state.v_max hold their new values; count
// the step first, t = ++state.t. Which quantity the maximum is taken of is a convention torch
// pins: §5.5's "Which maximum" says which, and why it changes the steps. One loop over the
// coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R amsgrad_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::amsgrad_step(Vector& x, const Vector& gradient, AdamState& state,
                            const AdamParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.5 AMSGrad: when Adam forgets");
}
