// A crafted submission: the central difference prints in an endless loop (a flood of output). It
// evaluates f once: the flood must reach the output limit long before the time limit, however
// slow the machine.
#include <cstdio>

#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  const double value = f(x);
  for (long i = 0;; ++i) std::printf("debugging: i = %ld, f(x) = %g, h = %g\n", i, value, h);
  return x;
}
