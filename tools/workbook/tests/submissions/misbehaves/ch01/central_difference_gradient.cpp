// A crafted submission: the central difference prints in an endless loop (a flood of output).
#include <cstdio>

#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  for (long i = 0;; ++i) std::printf("debugging: i = %ld, f(x) = %g, h = %g\n", i, f(x), h);
  return x;
}
