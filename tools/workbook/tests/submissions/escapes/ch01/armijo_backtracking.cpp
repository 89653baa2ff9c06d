// A crafted submission: it makes a system call itself, in assembly, around the C library (here a
// harmless write to standard output; it could as well open a file).
#include "workbook/gradient_descent.hpp"

double workbook::armijo_backtracking(const ScalarFunction&, const Vector&, double, const Vector&,
                                     const Vector&, const ArmijoParams&) {
  static const char message[] = "hello\n";
  long result;
  asm volatile("syscall"
               : "=a"(result)
               : "a"(1L), "D"(1L), "S"(message), "d"(sizeof message - 1)
               : "rcx", "r11", "memory");
  return static_cast<double>(result);
}
