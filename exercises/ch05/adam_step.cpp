// Chapter 5, exercise 3: the Adam step, with its bias correction.
//
// Read: Chapter 5, §5.4 "Adam and its bias correction" (chapters/ch05_adaptive.md).
//
// Implement one step of torch.optim.Adam, in place. With η = params.learning_rate,
// (β₁, β₂) = params.betas, ε = params.epsilon, λ = params.weight_decay, m = state.m and
// v = state.v:
//
//     before the loop: count the step, t = ++state.t (1 on the first step), and the bias
//                      corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ
//     for every coordinate i:
//         g    = gradient(i) + λ x(i)                    (L2 weight decay)
//         m(i) = β₁ m(i) + (1 − β₁) g
//         v(i) = β₂ v(i) + (1 − β₂) g²
//         x(i) = x(i) − (η / c₁) · m(i) / (√v(i) / √c₂ + ε)
//
// Then the options of AdamParams:
// - params.decoupled_weight_decay (AdamW): do not add λx(i) to g; instead shrink x(i) by the
//   factor (1 − ηλ) before the rest of the update.
// - params.bias_correction == false: the variant without bias correction, c₁ = c₂ = 1.
// - params.epsilon_inside_root: the variant with the denominator √(v(i)/c₂ + ε).
// (params.amsgrad is the next exercise; ignore it here.)
//
// One loop over the coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R adam_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::adam_step(Vector& x, const Vector& gradient, AdamState& state,
                         const AdamParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.4 Adam and its bias correction");
}
