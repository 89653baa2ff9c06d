// Known mistake: centred RMSProp stepping along (g − ḡ)/(√v + ε), the centring in the numerator.
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
    const double d = std::sqrt(v(i)) + epsilon;    // no bias correction, ε outside the root
    double centred_g = g;
    if constexpr (centered) {
      g_bar(i) = alpha * g_bar(i) + (1.0 - alpha) * g;  // ḡ ← αḡ + (1 − α)g
      centred_g = g - g_bar(i);
    }
    if constexpr (with_momentum) {
      b(i) = mu * b(i) + centred_g / d;  // b ← μb + g/d
      x(i) -= lr * b(i);
    } else {
      x(i) -= lr * (centred_g / d);
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
