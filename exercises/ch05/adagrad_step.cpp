// Chapter 5, exercise 1: the Adagrad step.
//
// Read: Chapter 5, §5.2 "Adagrad: a diagonal preconditioner" (chapters/ch05_adaptive.md).
//
// Implement one step of torch.optim.Adagrad, in place. With η = params.learning_rate,
// λ = params.weight_decay, ε = params.epsilon, S = state.sum_of_squares:
//
//     t   = ++state.t                                    (count the step: t = 1 on the first)
//     η_t = η / (1 + (t − 1) · params.lr_decay)          (once, before the loop)
//     for every coordinate i:
//         g    = gradient(i) + λ x(i)                    (L2 weight decay)
//         S(i) = S(i) + g²
//         x(i) = x(i) − η_t · g / (√S(i) + ε)            (ε outside the square root)
//
// One loop over the coordinates, no temporary vector. The sizes are already checked: x, gradient
// and state.sum_of_squares have the same size.
//
// Check:  ctest --preset default -L ch05 -R adagrad_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::adagrad_step(Vector& x, const Vector& gradient, AdagradState& state,
                            const AdagradParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.2 Adagrad: a diagonal preconditioner");
}
