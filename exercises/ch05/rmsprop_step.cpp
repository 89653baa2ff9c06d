// Chapter 5, exercise 2: the RMSProp step.
//
// Read: Chapter 5, §5.3 "RMSProp: a moving average instead of a sum" (chapters/ch05_adaptive.md,
// #ch05-rmsprop) derives the step and torch.optim.RMSprop's variants (centred, with momentum); the
// equations are in the comment of rmsprop_step() in lib/include/workbook/adaptive.hpp.
//
// Contract: one step, in place. On entry `x` holds θ and `gradient` is ∇f(θ); on exit `x` holds the
// new θ and `state` the new averages: state.square_average (v), and state.gradient_average (ḡ,
// empty unless params.centered) and state.momentum_buffer (b, empty unless params.momentum > 0),
// to be touched only when used. Every setting of `params` (RMSpropParams) is used. Count the step,
// ++state.t (RMSprop itself does not use t). One loop over the coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R rmsprop_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::rmsprop_step(Vector& x, const Vector& gradient, RMSpropState& state,
                            const RMSpropParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.3 RMSProp: a moving average instead of a sum");
}
