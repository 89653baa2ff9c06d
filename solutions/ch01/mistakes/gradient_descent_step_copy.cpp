// Known mistake: the step updates a copy of x, which is then thrown away.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, double learning_rate) {
  Vector next = x;
  next -= learning_rate * gradient;
}
