// Known mistake: the momentum term subtracted, −β(x_t − x_{t−1}), instead of added.
#include "workbook/momentum.hpp"

void workbook::heavy_ball_step(Vector& x, Vector& x_previous, const Vector& gradient,
                               double learning_rate, double momentum) {
  Vector x_next = x - learning_rate * gradient - momentum * (x - x_previous);
  x_previous = x;
  x = x_next;
}
