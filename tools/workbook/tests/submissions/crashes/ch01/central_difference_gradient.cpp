// A crafted submission: the central difference ends the whole program with std::exit(0).
#include <cstdlib>

#include "workbook/finite_differences.hpp"

workbook::Vector workbook::central_difference_gradient(const ScalarFunction& f, const Vector& x,
                                                       double h) {
  if (f(x) == h) return x;
  std::exit(0);
}
