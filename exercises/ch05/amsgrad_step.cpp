// Chapter 5, exercise 4: the AMSGrad step.
//
// Read: Chapter 5, §5.5 "AMSGrad: when Adam forgets" (chapters/ch05_adaptive.md).
//
// Implement one step of torch.optim.Adam with amsgrad=True, in place: your Adam step (exercise 3,
// with the same options of AdamParams), where the denominator uses the running maximum of the
// RAW second moment, taken before the bias correction (v_max = state.v_max; t = ++state.t, m and v
// as in Adam):
//
//     for every coordinate i, after updating m(i) and v(i) as in Adam:
//         v_max(i) = max(v_max(i), v(i))
//         x(i)     = x(i) − (η / c₁) · m(i) / (√v_max(i) / √c₂ + ε)
//
// (with params.epsilon_inside_root: the denominator √(v_max(i)/c₂ + ε)). Taking the maximum of
// v(i)/c₂ instead is a different algorithm: c₂ = 1 − β₂ᵗ grows with t.
//
// One loop over the coordinates, no temporary vector.
//
// Check:  ctest --preset default -L ch05 -R amsgrad_step
#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

void workbook::amsgrad_step(Vector& x, const Vector& gradient, AdamState& state,
                            const AdamParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.5 AMSGrad: when Adam forgets");
}
