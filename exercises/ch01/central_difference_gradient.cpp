// Chapter 1, exercise 3: the central-difference gradient.
//
// Read: Chapter 1, §1.6 "Numerical gradients" (chapters/ch01_gradient_descent.md).
//
// Return the vector g with, for every coordinate i,
//
//     g_i = ( f(x + h e_i) − f(x − h e_i) ) / (2h)
//
// where e_i is the i-th unit vector. Perturb one coordinate of a copy of x at a time and put it
// back before moving on to the next; leave `x` itself unchanged.
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
