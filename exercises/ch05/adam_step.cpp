// Chapter 5, exercise 3: the Adam step, with its bias correction.
//
// Read: Chapter 5, §5.4 "Adam and its bias correction" (chapters/ch05_adaptive.md, #ch05-adam)
// derives the step and its bias correction, as torch.optim.Adam computes it, and the variants the
// notes compare; the equation is in the comment of adam_step() in
// lib/include/workbook/adaptive.hpp.
//
// Contract: one step, in place. On entry `x` holds θ and `gradient` is ∇f(θ); on exit `x` holds the
// new θ, and state.m and state.v the new first and second moments. Count the step first,
// t = ++state.t, so that the first step has t = 1. The settings of `params` (AdamParams): the
// learning rate, betas, epsilon and weight decay, and the variants decoupled_weight_decay (AdamW),
// bias_correction and epsilon_inside_root, each as §5.4 and AdamParams describe it.
// (params.amsgrad is the next exercise; ignore it here.) One loop over the coordinates, no
// temporary vector.
//
// Check:  ctest --preset default -L ch05 -R adam_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::adam_step(Vector& x, const Vector& gradient, AdamState& state,
                         const AdamParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.4 Adam and its bias correction");
}
