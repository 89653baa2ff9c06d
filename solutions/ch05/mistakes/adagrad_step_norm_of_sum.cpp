// Known mistake: every coordinate divided by ‖S‖ (S.norm(), a reduction over the coordinates)
// instead of its own √S_i.
#include <cmath>

#include "workbook/adaptive.hpp"

void workbook::adagrad_step(Vector& x, const Vector& gradient, AdagradState& state,
                            const AdagradParams& params) {
  const long t = ++state.t;                       // the step number, 1 on the first step
  Vector& sum_of_squares = state.sum_of_squares;  // S
  const double lambda = params.weight_decay, epsilon = params.epsilon;
  // η_t = η / (1 + (t − 1)·lr_decay)
  const double step_size =
      params.learning_rate / (1.0 + static_cast<double>(t - 1) * params.lr_decay);
  const Vector g = gradient + lambda * x;                  // L2 weight decay
  sum_of_squares += g.cwiseAbs2();                         // S ← S + g²
  x -= step_size * g / (sum_of_squares.norm() + epsilon);  // √S + ε, ε outside the root
}
