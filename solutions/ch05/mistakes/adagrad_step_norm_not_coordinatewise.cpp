// Known mistake: every S_i accumulates the whole gradient's ‖g‖² instead of its own g_i².
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
  const double norm2 = (gradient + lambda * x).squaredNorm();  // ‖g‖²
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + lambda * x(i);                        // L2 weight decay
    sum_of_squares(i) += norm2;                                          // S ← S + ‖g‖²
    x(i) -= step_size * (g / (std::sqrt(sum_of_squares(i)) + epsilon));  // ε outside the root
  }
}
