// Known mistake: the step goes up the gradient.
#include "workbook/gradient_descent.hpp"

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, double learning_rate) {
  x += learning_rate * gradient;
}
