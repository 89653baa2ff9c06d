// A crafted submission: the gradient step ends the process with _exit(0), before any report.
#include <unistd.h>

#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState&,
                                     const GradientDescentParams& params) {
  const double learning_rate = params.learning_rate;
  x -= learning_rate * gradient;
  _exit(0);
}
