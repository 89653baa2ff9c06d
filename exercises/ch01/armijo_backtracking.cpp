// Chapter 1, exercise 2: the backtracking (Armijo) line search.
//
// Read: Chapter 1, §1.5 "Backtracking line search" (chapters/ch01_gradient_descent.md,
// #ch01-armijo) derives the search and its sufficient-decrease condition; the comment of
// armijo_backtracking() in lib/include/workbook/gradient_descent.hpp states both.
//
// Contract: return the first step size of the sequence that §1.5 describes which satisfies the
// condition along `direction`, with the constants of `params` (ArmijoParams). `loss` is f(x) and
// `gradient` is ∇f(x), both already known: do not evaluate them again; call `f` only at trial
// points.
// - If `direction` is not a descent direction, throw std::invalid_argument saying so.
// - Try at most params.max_backtracks shrinks; if no step size passes, throw std::runtime_error.
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
