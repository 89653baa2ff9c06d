// Known mistake: Adagrad divides by the root mean square √(S_t/t) + ε, §5.2's estimate of the
// scale, instead of by √S_t + ε.
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
  const double inverse_t = 1.0 / static_cast<double>(t);  // S_t/t, the mean of the squares
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + lambda * x(i);  // L2 weight decay
    sum_of_squares(i) += g * g;                    // S ← S + g²
    x(i) -= step_size * (g / (std::sqrt(sum_of_squares(i) * inverse_t) + epsilon));  // ε outside
  }
}
