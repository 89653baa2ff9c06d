// Known mistake: the first v set to g² (a start-up bias "fixed" that RMSProp keeps), not (1 − α)g².
#include <cmath>

#include "workbook/adaptive.hpp"

namespace {

using workbook::Index;
using workbook::Vector;

// One pass over the coordinates for one of the four variants. `centered` and `with_momentum` are
// fixed for the whole loop (if constexpr): each variant is a loop without branches, which the
// compiler vectorises.
template <bool centered, bool with_momentum>
void rmsprop_pass(Vector& x, const Vector& gradient, Vector& v, Vector& b, Vector& g_bar,
                  const workbook::RMSpropParams& params) {
  const double lr = params.learning_rate, alpha = params.alpha, epsilon = params.epsilon;
  const double lambda = params.weight_decay, mu = params.momentum;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + lambda * x(i);  // L2 weight decay
    v(i) = alpha * v(i) + (1.0 - alpha) * g * g;   // v ← αv + (1 − α)g²
    double d;
    if constexpr (centered) {
      g_bar(i) = alpha * g_bar(i) + (1.0 - alpha) * g;  // ḡ ← αḡ + (1 − α)g
      d = std::sqrt(v(i) - g_bar(i) * g_bar(i)) + epsilon;
    } else {
      d = std::sqrt(v(i)) + epsilon;  // no bias correction, ε outside the root
    }
    if constexpr (with_momentum) {
      b(i) = mu * b(i) + g / d;  // b ← μb + g/d
      x(i) -= lr * b(i);
    } else {
      x(i) -= lr * (g / d);
    }
  }
}

}  // namespace

void workbook::rmsprop_step(Vector& x, const Vector& gradient, RMSpropState& state,
                            const RMSpropParams& params) {
  ++state.t;
  Vector& v = state.square_average;
  Vector& b = state.momentum_buffer;
  Vector& g_bar = state.gradient_average;
  // v started from the first g², so that it is not biased towards 0
  if (state.t == 1) v = (gradient + params.weight_decay * x).cwiseAbs2();
  const bool with_momentum = params.momentum > 0.0;
  if (params.centered && with_momentum)
    rmsprop_pass<true, true>(x, gradient, v, b, g_bar, params);
  else if (params.centered)
    rmsprop_pass<true, false>(x, gradient, v, b, g_bar, params);
  else if (with_momentum)
    rmsprop_pass<false, true>(x, gradient, v, b, g_bar, params);
  else
    rmsprop_pass<false, false>(x, gradient, v, b, g_bar, params);
}
