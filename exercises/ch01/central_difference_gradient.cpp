// Chapter 1, exercise 3: the central-difference gradient.
//
// Read: Chapter 1, §1.6 "Numerical gradients" (chapters/ch01_gradient_descent.md,
// #ch01-finite-differences) derives the central difference and its error; the comment of
// central_difference_gradient() in lib/include/workbook/finite_differences.hpp states it.
//
// Contract: return the vector of the central differences of `f` at `x` with step `h`, one
// coordinate at a time (2n evaluations of f for n coordinates). Perturb one coordinate of a copy
// of x at a time and put it back before moving on to the next; leave `x` itself unchanged.
// - If h is not positive, throw std::invalid_argument: require_positive("h", h) does it
//   (workbook/errors.hpp).
//
// Check:  ctest --preset default -L ch01 -R central_difference_gradient
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 1, §1.6 Numerical gradients");
}
