// Chapter 4, exercise 2: a Hessian–vector product from two gradients.
//
// Read: Chapter 4, §4.3 "Hessian–vector products" (chapters/ch04_curvature.md,
// #ch04-hessian-vector), and Chapter 1, §1.6 on the step h of a difference quotient; the comment
// of hessian_vector_by_differences() in lib/include/workbook/curvature.hpp states the contract.
//
// Contract: return an approximation of ∇²f(x) v using only the gradient `gradient_at` (call it
// twice, no more), accurate to about 1e-8 relative to ‖∇²f(x)‖‖v‖ for a smooth f, whatever the
// length of v (1e-6 or 1e6) and for x of moderate size; exactly 0 when v = 0. Throw
// std::invalid_argument (require_size() in errors.hpp) when x and v differ in size. You choose
// the step: justify it in a comment. Change none of the inputs.
//
// Check:  ctest --preset default -L ch04 -R hessian_vector_product
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

workbook::Vector workbook::hessian_vector_by_differences(const GradientFunction& gradient_at,
                                                         const Vector& x, const Vector& v) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 4, §4.3 Hessian–vector products");
}
