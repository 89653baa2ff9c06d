// Chapter 5, exercise 2: the RMSProp step.
//
// Read: Chapter 5, §5.3 "RMSProp: a moving average instead of a sum" (chapters/ch05_adaptive.md).
//
// Implement one step of torch.optim.RMSprop, in place. With η = params.learning_rate,
// α = params.alpha, ε = params.epsilon, λ = params.weight_decay, μ = params.momentum, count the
// step (++state.t; RMSprop itself does not use t), then for every coordinate i:
//
//     g    = gradient(i) + λ x(i)                           (L2 weight decay)
//     v(i) = α v(i) + (1 − α) g²                            (v is state.square_average)
//     if params.centered:
//         ḡ(i) = α ḡ(i) + (1 − α) g                         (ḡ is state.gradient_average)
//         d    = √(v(i) − ḡ(i)²) + ε
//     else:
//         d    = √v(i) + ε                                  (ε outside the square root)
//     if μ > 0:
//         b(i) = μ b(i) + g / d                             (b is state.momentum_buffer)
//         x(i) = x(i) − η b(i)
//     else:
//         x(i) = x(i) − η g / d
//
// No bias correction. state.momentum_buffer is empty unless μ > 0, state.gradient_average is
// empty unless centered: touch them only then. One loop over the coordinates, no temporary
// vector.
//
// Check:  ctest --preset default -L ch05 -R rmsprop_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::rmsprop_step(Vector& x, const Vector& gradient, RMSpropState& state,
                            const RMSpropParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.3 RMSProp: a moving average instead of a sum");
}
