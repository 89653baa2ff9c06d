// Chapter 6, exercise 4: checking a gradient along one direction, with a step you choose.
//
// Read: Chapter 6, §6.2 "Checking a gradient" (chapters/ch06_networks.md, #ch06-gradient-check),
// and Chapter 1, §1.6 on the step of a difference quotient; the comments of check_along() and
// DirectionalCheck in lib/include/workbook/finite_differences.hpp state the contract.
//
// Contract: with exactly two evaluations of `loss`, at θ + hv and θ − hv, fill every field of
// DirectionalCheck (the step h you took, the difference quotient, gᵀv, and the relative error as
// its comment defines it). You choose h, and justify it in a comment: the check must accept a
// correct gradient of a smooth loss with a relative error below 1e-7 for a direction v of any
// length (1e-6 to 1e6) and for θ of moderate size, and so it must expose a wrong one. v = 0 needs
// no evaluation. Throw std::invalid_argument (require_size() in errors.hpp) when the sizes of
// theta, gradient and direction differ. Change none of the inputs.
//
// Check:  ctest --preset default -L ch06 -R check_along
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"

workbook::DirectionalCheck workbook::check_along(const ScalarFunction& loss, const Vector& theta,
                                                 const Vector& gradient, const Vector& direction) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 6, §6.2 Checking a gradient");
}
