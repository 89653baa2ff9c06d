// Chapter 1, exercise 2: the backtracking (Armijo) line search.
//
// Read: Chapter 1, §1.5 "Backtracking line search" (chapters/ch01_gradient_descent.md).
//
// Return the first step size α in  α₀, ρα₀, ρ²α₀, ...  (α₀ = params.initial_step,
// ρ = params.shrink) that gives sufficient decrease along the direction d:
//
//     f(x + α d) ≤ f(x) + c α ∇f(x)ᵀd          (c = params.sufficient_decrease)
//
// `loss` is f(x) and `gradient` is ∇f(x), both already known: do not evaluate them again.
// - If ∇f(x)ᵀd ≥ 0, d is not a descent direction: throw std::invalid_argument saying so.
// - Try at most params.max_backtracks shrinks; if none of α₀ρ^0, ..., α₀ρ^max_backtracks
//   satisfies the condition, throw std::runtime_error.
//
// Check:  ctest --preset default -L ch01 -R armijo_backtracking
#include <stdexcept>

#include "workbook/errors.hpp"
#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                                     const Vector& gradient, const Vector& direction,
                                     const ArmijoParams& params) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 1, §1.5 Backtracking line search");
}
