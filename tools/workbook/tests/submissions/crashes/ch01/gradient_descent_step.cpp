// A crafted submission: the gradient step writes through a null pointer (SIGSEGV).
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState&,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;
  volatile double* nowhere = nullptr;
  *nowhere = learning_rate;
  x -= learning_rate * gradient;
}
