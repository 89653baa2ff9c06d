// A crafted submission: it defines close() with C linkage, which would replace the C library's for
// the whole test program, the test harness's calls included.
#include "workbook/finite_differences.hpp"

extern "C" int close(int) {
  return 0;
}

workbook::Vector workbook::central_difference_gradient(const ScalarFunction&, const Vector& x,
                                                       double) {
  return x;
}
