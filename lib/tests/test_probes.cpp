// The probes of workbook/testing/probes.hpp and line_search_probes.hpp on steps written in the
// test: the notes' gradient step, one with a memory of its own (a static), one that clips the
// gradient, one that decays the whole vector in its loop, Adam's with v bound to m, a line
// search with a static α and one that ignores the α₀ it is given, and a heavy ball whose gradient
// carries the effective step η/(1 − β); a gradient step scaled by ‖∇f‖, searches that return
// α‖d‖ or the best passing step, central differences collected in the point they perturb, a heavy
// ball that recovers x_previous from the displacement, AMSGrad keeping a running minimum, and
// more slips of held-out rounds (α counted twice, a NaN h, an L1 decay, βᵗ read as β·t, x shrunk
// by 1 − η).
#include <algorithm>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/momentum.hpp"
#include "workbook/testing/adaptive_edits.hpp"
#include "workbook/testing/adaptive_probes.hpp"
#include "workbook/testing/descent_edits.hpp"
#include "workbook/testing/difference_probes.hpp"
#include "workbook/testing/line_search_probes.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum_edits.hpp"
#include "workbook/testing/momentum_lines.hpp"
#include "workbook/testing/probes.hpp"

using namespace workbook;

namespace {

bool says(const std::string& sentence, const std::string& part) {
  return sentence.find(part) != std::string::npos;
}

testing::StepShape<GradientDescentState> shape() {
  return {"the gradient step", 1.0, {}, [](const GradientDescentState& s) { return s.t; }};
}

// What the probes of probes.hpp find in a gradient step written below, with η = 0.1, as one text.
std::string probes_of(void (*kernel)(Vector&, const Vector&, GradientDescentState&,
                                     const GradientDescentParams&)) {
  return testing::what_the_probes_found(
      testing::probe_step(kernel, GradientDescentParams{0.1}, shape()));
}

// x ← x − η·g, with η shrinking over the calls of the program: a static, not the state.
void remembers(Vector& x, const Vector& g, GradientDescentState& state,
               const GradientDescentParams& p) {
  static int calls = 0;
  ++calls;
  ++state.t;
  x -= p.learning_rate / calls * g;
}

// x ← x − η·g, as §1.2 writes it.
void notes_step(Vector& x, const Vector& g, GradientDescentState& state,
                const GradientDescentParams& p) {
  ++state.t;
  x -= p.learning_rate * g;
}

// x ← x − ηg, two coordinates per pass and no tail: the last coordinate of an odd n stays.
void unrolled_without_tail(Vector& x, const Vector& g, GradientDescentState& state,
                           const GradientDescentParams& p) {
  ++state.t;
  for (Index i = 0; i + 1 < x.size(); i += 2) {
    x(i) -= p.learning_rate * g(i);
    x(i + 1) -= p.learning_rate * g(i + 1);
  }
}

// x ← x − η·clip(g, −1, 1).
void clips(Vector& x, const Vector& g, GradientDescentState& state,
           const GradientDescentParams& p) {
  ++state.t;
  x -= p.learning_rate * g.cwiseMax(-1.0).cwiseMin(1.0);
}

// x ← (1 − ηλ)x − η·g with λ = 0.5, the decay applied to all of x inside the loop over the
// coordinates: n times.
void decays_whole_vector(Vector& x, const Vector& g, GradientDescentState& state,
                         const GradientDescentParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    x *= 1.0 - 0.5 * p.learning_rate;
    x(i) -= p.learning_rate * g(i);
  }
}

// Backtracking whose α is a static: each search starts where the last one stopped.
double warm_started(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                    const Vector& direction, const ArmijoParams& p) {
  static double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// x ← x − η‖g‖·g: the step scaled by the gradient's norm.
void scaled_by_the_norm(Vector& x, const Vector& g, GradientDescentState& state,
                        const GradientDescentParams& p) {
  ++state.t;
  x -= p.learning_rate * g.norm() * g;
}

// Gradient descent whose η is the decrease of f's first-order model: η∇f/‖∇f‖².
void divided_by_the_squared_norm(Vector& x, const Vector& g, GradientDescentState& state,
                                 const GradientDescentParams& p) {
  ++state.t;
  x -= p.learning_rate * g / g.squaredNorm();
}

// x ← x − η·g, the step cut to length 1 when it is longer (Taylor's model trusted in a unit ball).
void cut_to_unit_length(Vector& x, const Vector& g, GradientDescentState& state,
                        const GradientDescentParams& p) {
  ++state.t;
  Vector step = p.learning_rate * g;
  if (step.norm() > 1.0) step /= step.norm();
  x -= step;
}

// Backtracking that returns the length α‖d‖ of the step it accepted.
double returns_the_length(const ScalarFunction& f, const Vector& x, double loss,
                          const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope)
      return alpha * direction.norm();
  }
  throw std::runtime_error("no step");
}

// Backtracking that shrinks α before the test, so that the bound uses τα, the next trial's step.
double shrinks_before_the_test(const ScalarFunction& f, const Vector& x, double loss,
                               const Vector& gradient, const Vector& direction,
                               const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j) {
    const Vector trial = x + alpha * direction;
    const double tried = alpha;
    alpha *= p.shrink;
    if (f(trial) <= loss + p.sufficient_decrease * alpha * slope) return tried;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose first step is cut to a length of at most 100·max(‖x‖, n), a largest step.
double first_step_capped(const ScalarFunction& f, const Vector& x, double loss,
                         const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  const double longest = 100.0 * std::max(x.norm(), double(x.size()));
  double alpha = std::min(p.initial_step, longest / direction.norm());
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking with τ read as a rate of decay: α ← e^{−τ}α.
double shrinks_by_exp(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                      const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= std::exp(-p.shrink)) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose whole bound f(x) + cα₀∇fᵀd shrinks with α, f(x) included.
double bound_shrunk_whole(const ScalarFunction& f, const Vector& x, double loss,
                          const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step, bound = loss + p.sufficient_decrease * alpha * slope;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink, bound *= p.shrink) {
    if (f(x + alpha * direction) <= bound) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose slope is the point dotted with the direction, xᵀd, instead of ∇fᵀd.
double point_for_gradient(const ScalarFunction& f, const Vector& x, double loss,
                          const Vector& /*gradient*/, const Vector& direction,
                          const ArmijoParams& p) {
  const double slope = x.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose slope is the mean of the products ∂ᵢf·dᵢ, ∇fᵀd/n, instead of their sum.
double slope_averaged(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                      const Vector& direction, const ArmijoParams& p) {
  const double slope = (gradient.array() * direction.array()).mean();
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose bound is kept from one trial to the next and lowered by each trial's
// c·α·∇fᵀd: trial k is held to f(x) + c·∇fᵀd·(α₀ + τα₀ + … + α).
double bound_added_up(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                      const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step, bound = loss;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    bound += p.sufficient_decrease * alpha * slope;
    if (f(x + alpha * direction) <= bound) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking that returns f(x + αd), the loss it compared, instead of α.
double returns_the_loss(const ScalarFunction& f, const Vector& x, double loss,
                        const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    const double trial_loss = f(x + alpha * direction);
    if (trial_loss <= loss + p.sufficient_decrease * alpha * slope) return trial_loss;
  }
  throw std::runtime_error("no step");
}

// The central difference whose 2n values are stored in pairs, f(x + he_i) at 2i and f(x − he_i)
// at 2i + 1, and read back at i and i + 1.
Vector pairs_read_at_i(const ScalarFunction& f, const Vector& x, double h) {
  std::vector<double> values;
  Vector point = x;
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    values.push_back(f(point));
    point(i) = x(i) - h;
    values.push_back(f(point));
    point(i) = x(i);
  }
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    g(i) = (values[k] - values[k + 1]) / (2.0 * h);
  }
  return g;
}

// The spectral radius with β left out of the sum of the roots: s = 1 − ηλ, the product kept β.
double radius_sum_without_beta(const MomentumParams& p, double lambda) {
  const double sum = 1.0 - p.learning_rate * lambda, product = p.momentum;
  const double discriminant = sum * sum - 4.0 * product;
  if (discriminant < 0.0) return std::sqrt(product);
  return (std::abs(sum) + std::sqrt(discriminant)) / 2.0;
}

// Backtracking that goes on shrinking after a step passed, while f keeps falling, and returns
// the passing step with the lowest f.
double looks_for_the_best(const ScalarFunction& f, const Vector& x, double loss,
                          const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step, best = 0.0, best_value = 0.0;
  bool found = false;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    const double value = f(x + alpha * direction);
    const bool passes = value <= loss + p.sufficient_decrease * alpha * slope;
    if (found && !(passes && value < best_value)) return best;
    if (passes) {
      best = alpha;
      best_value = value;
      found = true;
    }
  }
  if (found) return best;
  throw std::runtime_error("no step");
}

// Central differences whose result vector is also the point perturbed.
Vector estimates_in_the_point(const ScalarFunction& f, const Vector& x, double h) {
  if (!(h > 0.0)) throw std::invalid_argument("h = " + std::to_string(h) + ": expected h > 0");
  Vector g = x;
  for (Index i = 0; i < x.size(); ++i) {
    g(i) = x(i) + h;
    const double plus = f(g);
    g(i) = x(i) - h;
    g(i) = (plus - f(g)) / (2.0 * h);
  }
  return g;
}

// The heavy ball that stores x_{t+1} − (x_t − x_{t−1}) as x_previous.
void previous_recovered(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  state.x_previous = x - state.x_previous;  // the displacement x_t − x_{t−1}
  x += -p.learning_rate * g + p.momentum * state.x_previous;
  state.x_previous = x - state.x_previous;
  ++state.t;
}

// AMSGrad whose running maximum is a running minimum (the comparison reversed).
void amsgrad_minimum(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const long t = ++state.t;
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    if (state.v(i) < state.v_max(i)) state.v_max(i) = state.v(i);
    const double m_hat = state.m(i) / (1.0 - std::pow(beta1, double(t)));
    const double v_hat = state.v_max(i) / (1.0 - std::pow(beta2, double(t)));
    x(i) -= p.learning_rate * m_hat / (std::sqrt(v_hat) + p.epsilon);
  }
}

// Adam (and AMSGrad) with one slip, every option handled: 1, m averages g/d (RMSProp's momentum
// order); 2, β₁,t = β₁/t; 3, m's correction next to the root, η·m/((1 − β₁ᵗ)√v̂ + ε); 4, without
// bias correction the first step's corrections 1 − β₁ and 1 − β₂ kept; 5, AMSGrad's maximum's
// line copied with m, v_max ← max(v_max, m); 6, bias_correction = false made by β₁ = β₂ = 0, so
// that 1 − βᵗ = 1; 7, θ clamped to [−1, 1]; 8, the moments fed g/‖g‖; 9, AMSGrad's v_max set to v
// whenever v rises over its previous value; 10, AMSGrad's maximum kept of √v, and the step's
// denominator that maximum without a root; 11, the corrections dropped once t > 1/(1 − β₂);
// 12, the moments updated only where the decay is L2 (with AdamW's they stay); 13, AdamW's
// shrink e^(−ηλ) instead of 1 − ηλ; 14, AdamW's shrink clamped, max(0, 1 − ηλ); 15, with
// epsilon_inside_root, ε added to v itself at every step; 16, v's correction counted with t − 1
// (1 − β₂⁰ = 0 on the first step); 17, AMSGrad's first step setting v_max to v; 18, the
// corrections without their exponent, 1 − β₁ and 1 − β₂; 19, the learning rate decayed inside the
// step, η/√t; 20, the corrections added, m̂ = m + β₁ᵗg and v̂ = v + β₂ᵗg²; 21, the corrections
// applied to the newest term inside the averages, m ← β₁m + (1 − β₁)g/(1 − β₁ᵗ), and not again;
// 22, √(1 − β₂ᵗ) taken as 1 − β₂^(t/2) in the denominator √v/√(1 − β₂ᵗ) + ε; 23, AdamW's
// shrink applied at the first step only; 24, both corrections moved into the step size,
// η/((1 − β₁ᵗ)√(1 − β₂ᵗ)), with √v + ε left uncorrected; 25, AMSGrad's v_max a ratchet that adds
// every rise of v, v_max ← v_max + max(0, v − v_previous); 26, the corrections as t(1 − β₁) and
// t(1 − β₂); 27, the two forms of m's average mixed, m ← β₁m + (1 − β₁)(g − m); 28, v̂ floored at
// m̂² ("by Jensen"), so that |m̂|/√v̂ ≤ 1; 29, bias_correction read inverted; 30, L2's λθ added
// beside m̂ in the step instead of to the gradient; 31, AdamW's 1 − ηλ multiplying the update;
// 32, the corrections as powers of the weights, 1 − (1 − β₁)ᵗ and 1 − (1 − β₂)ᵗ; 33, AMSGrad's
// maximum stored corrected, v_max ← max(v_max, v)/(1 − β₂ᵗ), and divided by as it is; 34, AdamW's
// λ = 0 replaced by AdamWParams's default 1e-2; 35, β₁ = 0 a shortcut that steps with g and
// never stores m; 36, AMSGrad's maximum taken before v's line, v_max ← max(v_max, v_{t−1});
// 37, m's weight without its parentheses, m ← β₁m + 1 − β₁g; 38, with L2, θ also shrunk by
// 1 − ηλ before λθ is added; 39, with L2, θ also shrunk by 1 − ηλ after λθ is added; 40,
// AdamW's 1 − ηλ multiplying the gradient, not θ; 41, AMSGrad's v_max corrected only when this
// step's v is the maximum.
template <int slip>
void adam_like(Vector& x, const Vector& gradient, AdamState& state, const AdamParams& p) {
  const long t = ++state.t;
  const auto [beta1_constant, beta2] =
      slip == 6 && !p.bias_correction ? std::pair{0.0, 0.0} : p.betas;
  const double beta1 = slip == 2 ? beta1_constant / double(t) : beta1_constant;
  const double power = (slip == 4 && !p.bias_correction) || slip == 18 ? 1.0 : double(t);
  const double eta = slip == 19 ? p.learning_rate / std::sqrt(double(t)) : p.learning_rate;
  const bool corrected =
      ((slip == 29 ? !p.bias_correction : p.bias_correction) || slip == 4 || slip == 6) &&
      !(slip == 11 && double(t) > 1.0 / (1.0 - beta2));
  const double norm = (gradient + p.weight_decay * x).norm();  // slip 8's ‖g‖
  const double c1 = !corrected   ? 1.0
                    : slip == 26 ? (1.0 - beta1_constant) * double(t)
                    : slip == 32 ? 1.0 - std::pow(1.0 - beta1_constant, power)
                                 : 1.0 - std::pow(beta1_constant, power);
  const double c2 = !corrected   ? 1.0
                    : slip == 26 ? (1.0 - beta2) * double(t)
                    : slip == 32 ? 1.0 - std::pow(1.0 - beta2, power)
                                 : 1.0 - std::pow(beta2, slip == 16 ? power - 1.0 : power);
  const double lambda =
      slip == 34 && p.decoupled_weight_decay && p.weight_decay == 0.0 ? 1e-2 : p.weight_decay;
  for (Index i = 0; i < x.size(); ++i) {
    double g = gradient(i);
    if (p.decoupled_weight_decay && slip == 31) {
      // the shrink applied to the update below
    } else if (p.decoupled_weight_decay && slip == 40) {
      g *= 1.0 - eta * p.weight_decay;
    } else if (p.decoupled_weight_decay) {
      if (!(slip == 23 && t > 1))
        x(i) *= slip == 13   ? std::exp(-eta * p.weight_decay)
                : slip == 14 ? std::max(0.0, 1.0 - eta * p.weight_decay)
                             : 1.0 - eta * lambda;
    } else if (slip != 30) {
      if (slip == 38) x(i) *= 1.0 - eta * p.weight_decay;
      g += p.weight_decay * x(i);
      if (slip == 39) x(i) *= 1.0 - eta * p.weight_decay;
    }
    if (slip == 8) g /= norm;
    const double v_before = state.v(i);
    // Slip 12: the moments updated in the L2 branch only; with AdamW's decay they stay.
    const bool moments = !(slip == 12 && p.decoupled_weight_decay);
    if (moments)
      state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g * g / (slip == 21 ? c2 : 1.0) +
                   (slip == 15 && p.epsilon_inside_root ? p.epsilon : 0.0);
    if (p.amsgrad && slip == 36) {
      state.v_max(i) = std::max(state.v_max(i), v_before);
    } else if (p.amsgrad && slip == 9) {
      if (state.v(i) > v_before) state.v_max(i) = state.v(i);
    } else if (p.amsgrad && slip == 25) {
      state.v_max(i) += std::max(0.0, state.v(i) - v_before);
    } else if (p.amsgrad && slip == 17 && t == 1) {
      state.v_max(i) = state.v(i);
    } else if (p.amsgrad && slip == 10) {
      state.v_max(i) = std::max(state.v_max(i), std::sqrt(state.v(i)));
    } else if (p.amsgrad && slip == 33) {
      state.v_max(i) = std::max(state.v_max(i), state.v(i)) / c2;
    } else if (p.amsgrad && slip != 5) {
      state.v_max(i) = std::max(state.v_max(i), state.v(i));
    }
    // Slip 10 keeps the maximum of √v and divides by it without a root.
    const double v_hat = p.amsgrad && slip == 10 ? state.v_max(i) * state.v_max(i) / c2
                         : slip == 21 || (p.amsgrad && slip == 33) ||
                                 (p.amsgrad && slip == 41 && state.v(i) < state.v_max(i))
                             ? (p.amsgrad ? state.v_max(i) : state.v(i))
                             : (p.amsgrad ? state.v_max(i) : state.v(i)) / c2;
    const double d = slip == 22 && corrected && !p.epsilon_inside_root
                         ? std::sqrt(v_hat * c2) / (1.0 - std::pow(beta2, 0.5 * power)) + p.epsilon
                     : p.epsilon_inside_root ? std::sqrt(v_hat + p.epsilon)
                                             : std::sqrt(v_hat) + p.epsilon;
    if (slip == 1) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g / d;
      x(i) -= eta / c1 * state.m(i);
    } else if (slip == 3) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      x(i) -= eta * state.m(i) /
              (p.epsilon_inside_root ? c1 * std::sqrt(v_hat + p.epsilon)
                                     : c1 * std::sqrt(v_hat) + p.epsilon);
    } else if (slip == 5) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      state.v_max(i) = std::max(state.v_max(i), state.m(i));
      const double v_max_hat = state.v_max(i) / c2;
      x(i) -= eta / c1 * state.m(i) /
              (p.epsilon_inside_root ? std::sqrt(v_max_hat + p.epsilon)
                                     : std::sqrt(v_max_hat) + p.epsilon);
    } else if (slip == 20) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      const double on = corrected ? 1.0 : 0.0;
      const double m_hat = state.m(i) + on * std::pow(beta1, double(t)) * g;
      const double v_added =
          (p.amsgrad ? state.v_max(i) : state.v(i)) + on * std::pow(beta2, double(t)) * g * g;
      x(i) -=
          eta * m_hat /
          (p.epsilon_inside_root ? std::sqrt(v_added + p.epsilon) : std::sqrt(v_added) + p.epsilon);
    } else if (slip == 21) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g / c1;
      x(i) -= eta * state.m(i) / d;
    } else if (slip == 24) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      const double raw = p.amsgrad ? state.v_max(i) : state.v(i);
      x(i) -= eta / (c1 * std::sqrt(c2)) * state.m(i) /
              (p.epsilon_inside_root ? std::sqrt(raw + p.epsilon) : std::sqrt(raw) + p.epsilon);
    } else if (slip == 31) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      const double shrink = p.decoupled_weight_decay ? 1.0 - eta * p.weight_decay : 1.0;
      x(i) -= shrink * (eta / c1 * state.m(i) / d);
    } else if (slip == 30) {
      state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      x(i) -= eta * (state.m(i) / c1 + p.weight_decay * x(i)) / d;
    } else if (slip == 27) {
      if (moments) state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * (g - state.m(i));
      x(i) -= eta / c1 * state.m(i) / d;
    } else if (slip == 35 && beta1 == 0.0) {
      x(i) -= eta / c1 * g / d;  // "no momentum": m never written
    } else if (slip == 28 && !p.epsilon_inside_root) {
      if (moments) state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      const double m_hat = state.m(i) / c1;
      x(i) -= eta * m_hat / (std::sqrt(std::max(v_hat, m_hat * m_hat)) + p.epsilon);
    } else if (slip == 37) {
      if (moments) state.m(i) = beta1 * state.m(i) + 1.0 - beta1 * g;
      x(i) -= eta / c1 * state.m(i) / d;
    } else {
      if (moments) state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
      x(i) -= eta / c1 * state.m(i) / d;
    }
    if (slip == 7) x(i) = std::clamp(x(i), -1.0, 1.0);
  }
}

// Adagrad with one slip, every option handled: 1, learning_rate and lr_decay exchanged; 2, the
// decay counted with the coordinate's index; 3, a coordinate whose gradient is 0 skipped (weight
// decay included); 4, the decayed gradient made as a temporary vector first; 5, the denominator
// √S + ε written back into S; 6, the lr decay put beside √S alone, η·g/((1 + (t − 1)δ)√S + ε);
// 7, the first step setting S to initial_accumulator_value before adding g²; 8, S fed the squares
// of ∇f and λθ apart, ∇f² + (λθ)²; 9, η multiplied by the decay 1 + (t − 1)δ; 10, the weight
// decay added after the division, θ ← θ − η_t·(∇f/(√S + ε) + λθ); 11, a coordinate whose gradient
// is at most ε skipped, a dead zone; 12, g/(√S + ε) written (g/√S)/(1 + ε/√S), 0/0 where S = 0;
// 13, S set to τ + t·g², the constant gradient's sum; 14, the weight decay added from t = 2 on;
// 15, the root mean square √(S/t) in the denominator for √S; 16, lr_decay a forgetting factor
// of S, S ← (1 − δ)S + g², with a constant η.
template <int slip>
void adagrad_like(Vector& x, const Vector& gradient, AdagradState& state, const AdagradParams& p) {
  const long t = ++state.t;
  const Vector decayed = slip == 4 ? Vector(gradient + p.weight_decay * x) : Vector();
  for (Index i = 0; i < x.size(); ++i) {
    if (slip == 3 && gradient(i) == 0.0) continue;
    const double g = slip == 4    ? decayed(i)
                     : slip == 14 ? gradient(i) + (t > 1 ? p.weight_decay * x(i) : 0.0)
                                  : gradient(i) + p.weight_decay * x(i);
    if (slip == 11 && std::abs(g) <= p.epsilon) continue;
    if (slip == 7 && t == 1) state.sum_of_squares(i) = p.initial_accumulator_value;
    const double penalty = p.weight_decay * x(i);
    if (slip == 13) {
      state.sum_of_squares(i) = p.initial_accumulator_value + double(t) * g * g;
    } else if (slip == 16) {
      state.sum_of_squares(i) = (1.0 - p.lr_decay) * state.sum_of_squares(i) + g * g;
    } else {
      state.sum_of_squares(i) += slip == 8 ? gradient(i) * gradient(i) + penalty * penalty : g * g;
    }
    const double step_size = slip == 1    ? p.lr_decay / (1.0 + double(t - 1) * p.learning_rate)
                             : slip == 2  ? p.learning_rate / (1.0 + double(i) * p.lr_decay)
                             : slip == 9  ? p.learning_rate * (1.0 + double(t - 1) * p.lr_decay)
                             : slip == 16 ? p.learning_rate
                                          : p.learning_rate / (1.0 + double(t - 1) * p.lr_decay);
    if (slip == 5) {  // the denominator written back into S
      state.sum_of_squares(i) = std::sqrt(state.sum_of_squares(i)) + p.epsilon;
      x(i) -= step_size * g / state.sum_of_squares(i);
    } else if (slip == 6) {
      x(i) -= p.learning_rate * g /
              ((1.0 + double(t - 1) * p.lr_decay) * std::sqrt(state.sum_of_squares(i)) + p.epsilon);
    } else if (slip == 10) {
      x(i) -=
          step_size * (gradient(i) / (std::sqrt(state.sum_of_squares(i)) + p.epsilon) + penalty);
    } else if (slip == 15) {
      x(i) -= step_size * g / (std::sqrt(state.sum_of_squares(i) / double(t)) + p.epsilon);
    } else if (slip == 12) {
      const double root = std::sqrt(state.sum_of_squares(i));
      x(i) -= step_size * (g / root) / (1.0 + p.epsilon / root);
    } else {
      x(i) -= step_size * g / (std::sqrt(state.sum_of_squares(i)) + p.epsilon);
    }
  }
}

// x ← x − η·g with η read once, at the first call, into a static.
void static_learning_rate(Vector& x, const Vector& g, GradientDescentState& state,
                          const GradientDescentParams& p) {
  static const double eta = p.learning_rate;
  ++state.t;
  x -= eta * g;
}

// x ← x − η·g with the index stuck at 0: every coordinate moves by −η·∂₀f.
void stuck_index(Vector& x, const Vector& g, GradientDescentState& state,
                 const GradientDescentParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) x(i) -= p.learning_rate * g(0);
}

// x ← x − η·g with the index advanced twice per pass: every other coordinate skipped.
void index_advanced_twice(Vector& x, const Vector& g, GradientDescentState& state,
                          const GradientDescentParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    x(i) -= p.learning_rate * g(i);
    ++i;
  }
}

// x ← x·(1 − η·g/x): right wherever x ≠ 0, NaN where a coordinate of x is 0.
void divided_by_x(Vector& x, const Vector& g, GradientDescentState& state,
                  const GradientDescentParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) x(i) *= 1.0 - p.learning_rate * g(i) / x(i);
}

// x ← x − η(1 − η/2)·g: the descent lemma's factor (L = 1) taken for the step.
void descent_lemma_step(Vector& x, const Vector& g, GradientDescentState& state,
                        const GradientDescentParams& p) {
  ++state.t;
  x -= p.learning_rate * (1.0 - p.learning_rate / 2.0) * g;
}

// Adagrad whose S keeps the largest g² seen instead of the sum.
void adagrad_maximum(Vector& x, const Vector& gradient, AdagradState& state,
                     const AdagradParams& p) {
  const long t = ++state.t;
  const double step_size = p.learning_rate / (1.0 + double(t - 1) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) = std::max(state.sum_of_squares(i), g * g);
    x(i) -= step_size * g / (std::sqrt(state.sum_of_squares(i)) + p.epsilon);
  }
}

// Adagrad whose denominator √S + ε is a variable declared before the loop: coordinate i is
// divided by ε + Σ_{j≤i} √S_j.
void adagrad_carried_denominator(Vector& x, const Vector& gradient, AdagradState& state,
                                 const AdagradParams& p) {
  const long t = ++state.t;
  const double step_size = p.learning_rate / (1.0 + double(t - 1) * p.lr_decay);
  double denominator = p.epsilon;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += g * g;
    denominator += std::sqrt(state.sum_of_squares(i));
    x(i) -= step_size * g / denominator;
  }
}

// Adagrad whose effective rate η_t/(√S + ε) is capped at η_t, as if it could only fall.
void adagrad_capped_rate(Vector& x, const Vector& gradient, AdagradState& state,
                         const AdagradParams& p) {
  const long t = ++state.t;
  const double step_size = p.learning_rate / (1.0 + double(t - 1) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += g * g;
    x(i) -= std::min(step_size, step_size / (std::sqrt(state.sum_of_squares(i)) + p.epsilon)) * g;
  }
}

// Adam whose second correction is written `1.0 - flag ? β₂ᵗ : 0`: 0 with the correction on.
void correction_by_precedence(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const long t = ++state.t;
  const auto [beta1, beta2] = p.betas;
  const double c1 = p.bias_correction ? 1.0 - std::pow(beta1, double(t)) : 1.0;
  const double c2 = (1.0 - static_cast<double>(p.bias_correction)) != 0.0
                        ? std::pow(beta2, double(t))
                        : 0.0;  // as `1.0 - flag ? … : 0.0` parses
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    x(i) -= p.learning_rate * (state.m(i) / c1) / (std::sqrt(state.v(i) / c2) + p.epsilon);
  }
}

// Backtracking whose bound counts α twice: f(x) + c·α·∇fᵀ(αd).
double alpha_twice(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                   const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * (alpha * slope))
      return alpha;
  }
  throw std::runtime_error("no step");
}

// The heavy ball that takes a zero x_previous for a run not started yet.
void zero_is_not_started(Vector& x, const Vector& g, MomentumState& state,
                         const MomentumParams& p) {
  if (state.x_previous.isZero()) state.x_previous = x;
  const Vector next = x - p.learning_rate * g + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The spectral radius written as √β, the complex pair's modulus, in every regime.
double radius_always_sqrt_beta(const MomentumParams& p, double) {
  return std::sqrt(p.momentum);
}

// A search with Goldstein's two lines: a step that decreases f "too much" is refused as well.
double goldstein(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                 const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction), c = p.sufficient_decrease;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    const double value = f(x + alpha * direction);
    if (value <= loss + c * alpha * slope && value >= loss + (1.0 - c) * alpha * slope)
      return alpha;
  }
  throw std::runtime_error("no step");
}

// A search whose slope is the sum of the outer product ∇f dᵀ.
double outer_slope(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                   const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = (gradient * direction.transpose()).sum();
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// A search whose slope is Cauchy–Schwarz's most negative one, −‖∇f‖‖d‖.
double cauchy_schwarz_slope(const ScalarFunction& f, const Vector& x, double loss,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = -gradient.norm() * direction.norm();
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Central differences that refuse h <= 0, a test a NaN h passes.
Vector nan_step_passes(const ScalarFunction& f, const Vector& x, double h) {
  if (h <= 0.0) throw std::invalid_argument("h = " + std::to_string(h) + ": expected h > 0");
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    g(i) = (plus - f(point)) / (2.0 * h);
    point(i) = x(i);
  }
  return g;
}

// RMSProp whose weight decay is an L1 pull, g + λ·sign(θ).
void rmsprop_l1(Vector& x, const Vector& gradient, RMSpropState& state, const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * (x(i) > 0.0 ? 1.0 : x(i) < 0.0 ? -1.0 : 0.0);
    state.square_average(i) = p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    x(i) -= p.learning_rate * g / (std::sqrt(state.square_average(i)) + p.epsilon);
  }
}

// RMSProp with a slip: `centred_numerator` steps along g − ḡ; `skips_zeros` skips a zero
// gradient; `slip` 1, the centred denominator falls back on √v where the variance is below ε;
// 2, ḡ a running mean, ḡ ← ḡ + (g − ḡ)/t; 3, v fed g·∇f, the decayed gradient times the raw one;
// 4, v multiplied, v *= α + (1 − α)g²; 5, v = 0 a case of its own, set to g²; 6, ḡ averaging
// |g|; 7, the variance multiplied by t/(t − 1); 8, the buffer holding the previous θ, Polyak's
// θ ← θ − η·g/d + μ(θ − θ_prev); 9, ḡ stored as the square of its average, ḡ ← (αḡ + (1 − α)g)²;
// 10, the whole buffer divided by d, b ← (μb + g)/d; 11, the step along the buffer bias-corrected,
// θ ← θ − η·b/(1 − μᵗ); 12, the centred variance written back into v, v ← v − ḡ²; 13, α written
// as Keras's 0.9 in the square average, whatever params.alpha says; 14, centred, the denominator
// uncentred, √v + ε (with `centred_numerator`: the centring moved to the numerator); 15, the first
// step a case of its own, v₁ = g² (a start-up bias "fixed").
template <bool centred_numerator, bool skips_zeros, int slip = 0>
void rmsprop_with(Vector& x, const Vector& gradient, RMSpropState& state, const RMSpropParams& p) {
  ++state.t;
  const double alpha = slip == 13 ? 0.9 : p.alpha;
  for (Index i = 0; i < x.size(); ++i) {
    if (skips_zeros && gradient(i) == 0.0) continue;
    const double g = gradient(i) + p.weight_decay * x(i);
    if (slip == 4) {
      state.square_average(i) *= p.alpha + (1.0 - p.alpha) * g * g;
    } else if ((slip == 5 && state.square_average(i) == 0.0) || (slip == 15 && state.t == 1)) {
      state.square_average(i) = g * g;
    } else {
      state.square_average(i) =
          alpha * state.square_average(i) + (1.0 - alpha) * g * (slip == 3 ? gradient(i) : g);
    }
    double d = 0.0, along = g;
    if (p.centered) {
      double& g_bar = state.gradient_average(i);
      g_bar = slip == 2   ? g_bar + (g - g_bar) / double(state.t)
              : slip == 6 ? p.alpha * g_bar + (1.0 - p.alpha) * std::abs(g)
                          : p.alpha * g_bar + (1.0 - p.alpha) * g;
      const double mean = g_bar;
      if (slip == 9) g_bar = mean * mean;
      const double variance = state.square_average(i) - mean * mean;
      if (slip == 12) state.square_average(i) = variance;
      const double bessel = slip == 7 && state.t > 1 ? double(state.t) / double(state.t - 1) : 1.0;
      d = slip == 1 && variance < p.epsilon ? std::sqrt(state.square_average(i))
          : slip == 14                      ? std::sqrt(state.square_average(i)) + p.epsilon
                                            : std::sqrt(bessel * variance) + p.epsilon;
      if (centred_numerator) along = g - mean;
    } else {
      d = std::sqrt(state.square_average(i)) + p.epsilon;
    }
    if (p.momentum > 0.0 && slip == 8) {
      const double previous = state.momentum_buffer(i);
      state.momentum_buffer(i) = x(i);
      x(i) += -p.learning_rate * along / d + p.momentum * (x(i) - previous);
    } else if (p.momentum > 0.0 && slip == 10) {
      state.momentum_buffer(i) = (p.momentum * state.momentum_buffer(i) + along) / d;
      x(i) -= p.learning_rate * state.momentum_buffer(i);
    } else if (p.momentum > 0.0) {
      state.momentum_buffer(i) = p.momentum * state.momentum_buffer(i) + along / d;
      x(i) -= p.learning_rate * state.momentum_buffer(i) /
              (slip == 11 ? 1.0 - std::pow(p.momentum, double(state.t)) : 1.0);
    } else {
      x(i) -= p.learning_rate * along / d;
    }
  }
}

// AdaBelief with a slip: `change_of_m` takes the surprise as m_t − m_{t−1}; `rectified` steps
// without the denominator while t < 5, a warm-up; `slip` 1 keeps s ← max(s, s_new) (the paper's
// AMSGrad option); 2 updates m a second time before the step; 3 corrects with βᵗ ≈ e^(−t(1−β));
// 4 takes the surprise as |g| − |m|; 5 squares it by expansion, g² − 2gm + m²; 6 takes ε as a
// floor, s ← max(β₂s + (1 − β₂)(g − m)², ε); 7 averages (g − m)·g; 8 takes the surprise as g − s,
// the gradient minus the belief; 9 adds ε/(1 − β₂) to s at every step; 10 takes the surprise as
// β₁(g − m_t); 11 takes it as β₁g, what g − m_t is at the first step; 12 adds ε before the average,
// s ← β₂(s + ε) + (1 − β₂)(g − m)²; 13 averages g² and divides by √(ŝ − m̂²), a variance; 14 starts
// s from ε at the first step and never adds it again; 15 divides by √(ŝ + m̂²); 16 adds ε to s in
// the denominator only, never to the stored s; 17 averages |g − m| (with the lines' β₁ = 0.8,
// |g − m_t| at g = 1 from m = 0.2 equals (g − m_{t−1})²); 18 exchanges the two bias corrections,
// η/(1 − β₂ᵗ) and √(1 − β₁ᵗ).
template <bool change_of_m, bool rectified, int slip = 0>
void adabelief_with(Vector& x, const Vector& gradient, AdaBeliefState& state,
                    const AdaBeliefParams& p) {
  const auto [beta1, beta2] = p.betas;
  const long t = ++state.t;
  const double c1 =
      slip == 3 ? 1.0 - std::exp(-double(t) * (1.0 - beta1)) : 1.0 - std::pow(beta1, double(t));
  const double c2 =
      slip == 3 ? 1.0 - std::exp(-double(t) * (1.0 - beta2)) : 1.0 - std::pow(beta2, double(t));
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i), before = state.m(i);
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
    const double surprise = change_of_m  ? state.m(i) - before
                            : slip == 4  ? std::abs(g) - std::abs(state.m(i))
                            : slip == 8  ? g - state.s(i)
                            : slip == 10 ? beta1 * (g - state.m(i))
                            : slip == 11 ? beta1 * g
                                         : g - state.m(i);
    // Slip 5: the square expanded, g² − 2gm + m², which cancels as m → g.
    const double squared = slip == 5    ? g * g - 2.0 * g * state.m(i) + state.m(i) * state.m(i)
                           : slip == 7  ? surprise * g
                           : slip == 13 ? g * g
                           : slip == 17 ? std::abs(surprise)
                                        : surprise * surprise;
    const double s_new =
        slip == 6    ? std::max(beta2 * state.s(i) + (1.0 - beta2) * squared, p.epsilon)
        : slip == 12 ? beta2 * (state.s(i) + p.epsilon) + (1.0 - beta2) * squared
        : slip == 14 ? beta2 * (t == 1 ? p.epsilon : state.s(i)) + (1.0 - beta2) * squared
        : slip == 16 ? beta2 * state.s(i) + (1.0 - beta2) * squared
                     : beta2 * state.s(i) + (1.0 - beta2) * squared +
                           (slip == 9 ? p.epsilon / (1.0 - beta2) : p.epsilon);
    state.s(i) = slip == 1 ? std::max(state.s(i), s_new) : s_new;
    if (slip == 2) state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
    if (rectified && t < 5) {
      x(i) -= p.learning_rate * state.m(i) / c1;
    } else if (slip == 13) {
      const double m_hat = state.m(i) / c1;
      x(i) -= p.learning_rate * m_hat / (std::sqrt(state.s(i) / c2 - m_hat * m_hat) + p.epsilon);
    } else if (slip == 15) {
      const double m_hat = state.m(i) / c1;
      x(i) -= p.learning_rate * m_hat / (std::sqrt(state.s(i) / c2 + m_hat * m_hat) + p.epsilon);
    } else if (slip == 16) {
      x(i) -= p.learning_rate / c1 * state.m(i) /
              (std::sqrt((state.s(i) + p.epsilon) / c2) + p.epsilon);
    } else if (slip == 18) {
      x(i) -= p.learning_rate / c2 * state.m(i) / (std::sqrt(state.s(i) / c1) + p.epsilon);
    } else {
      x(i) -= p.learning_rate / c1 * state.m(i) / (std::sqrt(state.s(i) / c2) + p.epsilon);
    }
  }
}

// AdaBelief whose m is updated in innovation form with g overwritten: g ← g − m, m ← m + (1 − β₁)g,
// so that the surprise read afterwards is (g − m_{t−1}) − m_t.
void adabelief_overwritten_g(Vector& x, const Vector& gradient, AdaBeliefState& state,
                             const AdaBeliefParams& p) {
  const auto [beta1, beta2] = p.betas;
  const long t = ++state.t;
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  for (Index i = 0; i < x.size(); ++i) {
    double g = gradient(i);
    g -= state.m(i);
    state.m(i) += (1.0 - beta1) * g;
    const double surprise = g - state.m(i);
    state.s(i) = beta2 * state.s(i) + (1.0 - beta2) * surprise * surprise + p.epsilon;
    x(i) -= p.learning_rate / c1 * state.m(i) / (std::sqrt(state.s(i) / c2) + p.epsilon);
  }
}

// AdaBelief whose surprise reads the gradient already scaled by 1 − β₁ for m's line.
void adabelief_scaled_g(Vector& x, const Vector& gradient, AdaBeliefState& state,
                        const AdaBeliefParams& p) {
  const auto [beta1, beta2] = p.betas;
  const long t = ++state.t;
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  for (Index i = 0; i < x.size(); ++i) {
    const double g = (1.0 - beta1) * gradient(i);
    state.m(i) = beta1 * state.m(i) + g;
    const double surprise = g - state.m(i);
    state.s(i) = beta2 * state.s(i) + (1.0 - beta2) * surprise * surprise + p.epsilon;
    x(i) -= p.learning_rate / c1 * state.m(i) / (std::sqrt(state.s(i) / c2) + p.epsilon);
  }
}

// Adam whose moments are moved out of the state (std::move) and never moved back.
void adam_moved_out(Vector& x, const Vector& gradient, AdamState& state, const AdamParams& p) {
  const long t = ++state.t;
  const auto [beta1, beta2] = p.betas;
  Vector m = std::move(state.m), v = std::move(state.v);
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  for (Index i = 0; i < x.size(); ++i) {
    m(i) = beta1 * m(i) + (1.0 - beta1) * gradient(i);
    v(i) = beta2 * v(i) + (1.0 - beta2) * gradient(i) * gradient(i);
    x(i) -= p.learning_rate / c1 * m(i) / (std::sqrt(v(i) / c2) + p.epsilon);
  }
}

// AdamW whose moments read a gradient set only in the L2 branch (here a stale 0, where a
// student's uninitialised double holds whatever it holds).
void adamw_gradient_unset(Vector& x, const Vector& gradient, AdamState& state,
                          const AdamParams& p) {
  const long t = ++state.t;
  const auto [beta1, beta2] = p.betas;
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  for (Index i = 0; i < x.size(); ++i) {
    double g = 0.0;
    if (p.decoupled_weight_decay) {
      x(i) *= 1.0 - p.learning_rate * p.weight_decay;
    } else {
      g = gradient(i) + p.weight_decay * x(i);
    }
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g * g;
    const double v_hat =
        (p.amsgrad ? (state.v_max(i) = std::max(state.v_max(i), state.v(i))) : state.v(i)) / c2;
    x(i) -= p.learning_rate / c1 * state.m(i) / (std::sqrt(v_hat) + p.epsilon);
  }
}

// RMSProp whose denominator is held in an int (`auto d = 0;`).
void rmsprop_int_denominator(Vector& x, const Vector& gradient, RMSpropState& state,
                             const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.square_average(i) = p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    auto d = 0;
    if (p.centered) {
      state.gradient_average(i) = p.alpha * state.gradient_average(i) + (1.0 - p.alpha) * g;
      d = static_cast<int>(std::sqrt(state.square_average(i) -
                                     state.gradient_average(i) * state.gradient_average(i)) +
                           p.epsilon);
    } else {
      d = static_cast<int>(std::sqrt(state.square_average(i)) + p.epsilon);
    }
    if (p.momentum > 0.0) {
      state.momentum_buffer(i) = p.momentum * state.momentum_buffer(i) + g / d;
      x(i) -= p.learning_rate * state.momentum_buffer(i);
    } else {
      x(i) -= p.learning_rate * g / d;
    }
  }
}

// AdaBelief whose s is a copy (`Vector& m = state.m, s = state.s;`).
void adabelief_s_copied(Vector& x, const Vector& gradient, AdaBeliefState& state,
                        const AdaBeliefParams& p) {
  const auto [beta1, beta2] = p.betas;
  const long t = ++state.t;
  Vector &m = state.m, s = state.s;
  const double c1 = 1.0 - std::pow(beta1, double(t)), c2 = 1.0 - std::pow(beta2, double(t));
  for (Index i = 0; i < x.size(); ++i) {
    m(i) = beta1 * m(i) + (1.0 - beta1) * gradient(i);
    const double surprise = gradient(i) - m(i);
    s(i) = beta2 * s(i) + (1.0 - beta2) * surprise * surprise + p.epsilon;
    x(i) -= p.learning_rate / c1 * m(i) / (std::sqrt(s(i) / c2) + p.epsilon);
  }
}

// AMSGrad whose maximum takes v only when it exceeds v_max by more than ε.
void amsgrad_tolerance(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    if (state.v(i) > state.v_max(i) + p.epsilon) state.v_max(i) = state.v(i);
    x(i) -= p.learning_rate * (state.m(i) / (1.0 - std::pow(beta1, t))) /
            (std::sqrt(state.v_max(i) / (1.0 - std::pow(beta2, t))) + p.epsilon);
  }
}

// Adagrad with ε as a floor under the root, max(√S, ε), instead of a shift √S + ε.
void adagrad_floor(Vector& x, const Vector& g, AdagradState& state, const AdagradParams& p) {
  const double t = double(++state.t);
  const double eta = p.learning_rate / (1.0 + (t - 1.0) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = g(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += gi * gi;
    x(i) -= eta * gi / std::max(std::sqrt(state.sum_of_squares(i)), p.epsilon);
  }
}

// Backtracking that keeps the fraction τʲ of α₀ and returns it instead of the step α₀τʲ.
double returns_the_fraction(const ScalarFunction& f, const Vector& x, double loss,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double fraction = 1.0;
  for (int j = 0; j <= p.max_backtracks; ++j, fraction *= p.shrink) {
    const double alpha = fraction * p.initial_step;
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return fraction;
  }
  throw std::runtime_error("no step");
}

// Backtracking that moves the const x out to each trial point and back.
double moves_x_out_and_back(const ScalarFunction& f, const Vector& x, double loss,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("slope = " + std::to_string(slope));
  Vector& moved = const_cast<Vector&>(x);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    moved += alpha * direction;
    const double value = f(moved);
    moved -= alpha * direction;
    if (value <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose bound uses the fraction τʲ = α/α₀ in place of α.
double bound_with_the_fraction(const ScalarFunction& f, const Vector& x, double loss,
                               const Vector& gradient, const Vector& direction,
                               const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("slope = " + std::to_string(slope));
  double fraction = 1.0;
  for (int j = 0; j <= p.max_backtracks; ++j, fraction *= p.shrink) {
    const double alpha = fraction * p.initial_step;
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * fraction * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking whose first trial is capped at a step of length 1: α = min(α₀, 1/‖d‖).
double capped_at_unit_length(const ScalarFunction& f, const Vector& x, double loss,
                             const Vector& gradient, const Vector& direction,
                             const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("slope = " + std::to_string(slope));
  double alpha = std::min(p.initial_step, 1.0 / direction.norm());
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking that throws a pointer when the direction does not descend (throw new …).
double throws_a_pointer(const ScalarFunction& f, const Vector& x, double loss,
                        const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw new std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Central differences that refuse a bad h under another name, "step".
Vector refuses_as_step(const ScalarFunction& f, const Vector& x, double h) {
  workbook::require_positive("step", h);
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    const double minus = f(point);
    point(i) = x(i);
    g(i) = (plus - minus) / (2.0 * h);
  }
  return g;
}

// Backtracking that asks for a fraction c·α of the loss itself: f(x + αd) ≤ (1 − cα)f(x).
double fraction_of_the_loss(const ScalarFunction& f, const Vector& x, double loss, const Vector&,
                            const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= (1.0 - p.sufficient_decrease * alpha) * loss) return alpha;
  }
  throw std::runtime_error("no step");
}

// Central differences whose two perturbed points are one vector under two names.
Vector aliased_points(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    Vector& plus = point;
    Vector& minus = point;
    plus(i) = x(i) + h;
    minus(i) = x(i) - h;
    g(i) = (f(plus) - f(minus)) / (2.0 * h);
    point(i) = x(i);
  }
  return g;
}

// Central differences whose perturbation is made in a copy of the coordinate.
Vector perturbs_a_copy(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  Index i = 0;
  for (double coordinate : point) {
    coordinate += h;
    const double plus = f(point);
    coordinate -= 2.0 * h;
    g(i++) = (plus - f(point)) / (2.0 * h);
  }
  return g;
}

// The central difference whose quotient is taken before this coordinate's f(x − he_i): the
// minus value of the coordinate before stands in it.
Vector quotient_before_minus(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g = Vector::Zero(x.size());
  double f_minus = 0.0;
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double f_plus = f(point);
    g(i) = (f_plus - f_minus) / (2.0 * h);
    point(i) = x(i) - h;
    f_minus = f(point);
    point(i) = x(i);
  }
  return g;
}

// The central difference without its denominator: f(x + he_i) − f(x − he_i), 2h times ∂ᵢf.
Vector difference_not_divided(const ScalarFunction& f, const Vector& x, double h) {
  workbook::require_positive("h", h);
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    g(i) = plus - f(point);
    point(i) = x(i);
  }
  return g;
}

// The central difference that takes two equal values for a failure and doubles h until they
// differ (at most 60 times).
Vector doubles_h_while_equal(const ScalarFunction& f, const Vector& x, double h) {
  workbook::require_positive("h", h);
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    double step = h, plus = 0.0, minus = 0.0;
    for (int tries = 0; tries < 60; ++tries, step *= 2.0) {
      point(i) = x(i) + step;
      plus = f(point);
      point(i) = x(i) - step;
      minus = f(point);
      if (plus != minus) break;
    }
    point(i) = x(i);
    g(i) = (plus - minus) / (2.0 * step);
  }
  return g;
}

// The central difference stepping away from 0, by copysign(h, x_i), and dividing by 2h all the
// same.
Vector signed_like_x(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g = Vector::Zero(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    const double step = std::copysign(h, x(i));
    point(i) = x(i) + step;
    const double plus = f(point);
    point(i) = x(i) - step;
    const double minus = f(point);
    point(i) = x(i);
    g(i) = (plus - minus) / (2.0 * h);
  }
  return g;
}

// The heavy ball and Nesterov with β capped at 0.99.
void capped_heavy_ball(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const double beta = std::min(p.momentum, 0.99);
  const Vector next = x - p.learning_rate * g + beta * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}
void capped_nesterov(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                     const MomentumParams& p) {
  const double beta = std::min(p.momentum, 0.99);
  const Vector lookahead = x + beta * (x - state.x_previous);
  state.x_previous = x;
  x = lookahead - p.learning_rate * gradient_at(lookahead);
  ++state.t;
}

// Nesterov's lookahead made through torch's buffer, b = (x_{t−1} − x_t)/η, y = x_t − ηβb: the
// same point in exact arithmetic, an overflow for a tiny η.
void nesterov_through_the_buffer(Vector& x, const GradientFunction& gradient_at,
                                 MomentumState& state, const MomentumParams& p) {
  const Vector buffer = (state.x_previous - x) / p.learning_rate;
  const Vector lookahead = x - p.learning_rate * p.momentum * buffer;
  state.x_previous = x;
  x = lookahead - p.learning_rate * gradient_at(lookahead);
  ++state.t;
}

// RMSProp with AdamW's decoupled decay, θ ← (1 − ηλ)θ, instead of L2.
void rmsprop_decoupled(Vector& x, const Vector& gradient, RMSpropState& state,
                       const RMSpropParams& p) {
  x *= 1.0 - p.learning_rate * p.weight_decay;
  RMSpropParams plain = p;
  plain.weight_decay = 0.0;
  rmsprop_with<false, false>(x, gradient, state, plain);
}

// RMSProp whose ḡ is bound to v's storage (a line copied from the one above).
void rmsprop_average_in_v(Vector& x, const Vector& gradient, RMSpropState& state,
                          const RMSpropParams& p) {
  ++state.t;
  Vector& v = state.square_average;
  Vector& g_bar = state.square_average;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    v(i) = p.alpha * v(i) + (1.0 - p.alpha) * g * g;
    double d = std::sqrt(v(i)) + p.epsilon;
    if (p.centered) {
      g_bar(i) = p.alpha * g_bar(i) + (1.0 - p.alpha) * g;
      d = std::sqrt(v(i) - g_bar(i) * g_bar(i)) + p.epsilon;
    }
    if (p.momentum > 0.0) {
      double& b = state.momentum_buffer(i);
      b = p.momentum * b + g / d;
      x(i) -= p.learning_rate * b;
    } else {
      x(i) -= p.learning_rate * g / d;
    }
  }
}

// Adam whose λ is read from ε (lambda = params.epsilon, a declaration copied from the one above).
void adam_decay_from_epsilon(Vector& x, const Vector& gradient, AdamState& state,
                             const AdamParams& p) {
  AdamParams q = p;
  q.weight_decay = p.epsilon;
  adam_like<0>(x, gradient, state, q);
}

// Adam with the weight 1 − β₁ moved from m's line into the step: the notes' iterates, an m
// 1/(1 − β₁) times the notes'.
void adam_weight_in_the_step(Vector& x, const Vector& gradient, AdamState& state,
                             const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  const double c1 = 1.0 - std::pow(beta1, t), c2 = 1.0 - std::pow(beta2, t);
  for (Index i = 0; i < x.size(); ++i) {
    double g = gradient(i);
    if (p.decoupled_weight_decay) {
      x(i) *= 1.0 - p.learning_rate * p.weight_decay;
    } else {
      g += p.weight_decay * x(i);
    }
    state.m(i) = beta1 * state.m(i) + g;
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g * g;
    x(i) -= p.learning_rate * (1.0 - beta1) * state.m(i) / c1 /
            (std::sqrt(state.v(i) / c2) + p.epsilon);
  }
}

// Adagrad refusing ε = 0 when S starts at 0, a valid setting.
void adagrad_refusing_zero_epsilon(Vector& x, const Vector& gradient, AdagradState& state,
                                   const AdagradParams& p) {
  if (p.epsilon == 0.0 && p.initial_accumulator_value == 0.0)
    throw std::invalid_argument("epsilon = 0 is invalid with initial_accumulator_value = 0");
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    state.sum_of_squares(i) += gradient(i) * gradient(i);
    x(i) -= p.learning_rate * gradient(i) / (std::sqrt(state.sum_of_squares(i)) + p.epsilon);
  }
}

// RMSProp (not centred) with its fields unpacked in another order, λ and μ swapped; the branch
// asks params.momentum itself.
void rmsprop_fields_swapped(Vector& x, const Vector& gradient, RMSpropState& state,
                            const RMSpropParams& params) {
  const auto& [lr, alpha, epsilon, mu, lambda, centred] = params;
  (void)centred;
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + lambda * x(i);
    double& v = state.square_average(i);
    v = alpha * v + (1.0 - alpha) * g * g;
    const double d = std::sqrt(v) + epsilon;
    if (params.momentum > 0.0) {
      double& b = state.momentum_buffer(i);
      b = mu * b + g / d;
      x(i) -= lr * b;
    } else {
      x(i) -= lr * g / d;
    }
  }
}

// Armijo whose trial point walks back from the first one instead of being made from x.
double walks_the_trial_point(const ScalarFunction& f, const Vector& x, double loss,
                             const Vector& gradient, const Vector& direction,
                             const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  Vector trial = x + alpha * direction;
  for (int j = 0; j <= p.max_backtracks; ++j) {
    if (f(trial) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
    trial -= (1.0 - p.shrink) * alpha * direction;
    alpha *= p.shrink;
  }
  throw std::runtime_error("no step");
}

// Armijo whose trial point is made once, at α₀, and never again as α shrinks.
double one_trial_point(const ScalarFunction& f, const Vector& x, double loss,
                       const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  const Vector trial = x + alpha * direction;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(trial) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo whose bound is recomputed after a rejection but before α shrinks: it lags one trial.
double lagging_bound(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                     const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  double bound = loss + p.sufficient_decrease * alpha * slope;
  for (int j = 0; j <= p.max_backtracks; ++j) {
    if (f(x + alpha * direction) <= bound) return alpha;
    bound = loss + p.sufficient_decrease * alpha * slope;
    alpha *= p.shrink;
  }
  throw std::runtime_error("no step");
}

// RMSProp whose decayed gradient is std::fma(∇f, λ, θ) = λ∇f + θ.
void rmsprop_fma_order(Vector& x, const Vector& gradient, RMSpropState& state,
                       const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = std::fma(gradient(i), p.weight_decay, x(i));
    state.square_average(i) = p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    x(i) -= p.learning_rate * g / (std::sqrt(state.square_average(i)) + p.epsilon);
  }
}

// Adam whose second correction is β₂ᵗ − 1 (std::expm1 without its minus sign).
void adam_negative_correction(Vector& x, const Vector& gradient, AdamState& state,
                              const AdamParams& p) {
  const long t = ++state.t;
  const auto [beta1, beta2] = p.betas;
  const double c1 = p.bias_correction ? -std::expm1(double(t) * std::log(beta1)) : 1.0;
  const double c2 = p.bias_correction ? std::expm1(double(t) * std::log(beta2)) : 1.0;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g * g;
    x(i) -= p.learning_rate / c1 * state.m(i) / (std::sqrt(state.v(i) / c2) + p.epsilon);
  }
}

// RMSProp that checks the size of every state vector, the empty ones of its settings too.
void rmsprop_checking_every_buffer(Vector& x, const Vector& gradient, workbook::RMSpropState& state,
                                   const workbook::RMSpropParams& params) {
  workbook::require_size("state.momentum_buffer", state.momentum_buffer, x.size(), "the size of x");
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {  // uncentred, without weight decay
    double& v = state.square_average(i);
    v = params.alpha * v + (1.0 - params.alpha) * gradient(i) * gradient(i);
    const double scaled = gradient(i) / (std::sqrt(v) + params.epsilon);
    double& b = state.momentum_buffer(i);
    b = params.momentum * b + scaled;
    x(i) -= params.learning_rate * (params.momentum > 0.0 ? b : scaled);
  }
}

// Central differences whose perturbed point is a static: made from the first call's x, kept.
Vector point_kept_between_calls(const ScalarFunction& f, const Vector& x, double h) {
  workbook::require_positive("h", h);
  static Vector point = x;
  Vector g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    const double minus = f(point);
    point(i) = x(i);
    g(i) = (plus - minus) / (2.0 * h);
  }
  return g;
}

// Central differences whose step is floored at √ε: max(h, √ε).
Vector h_floored(const ScalarFunction& f, const Vector& x, double h) {
  workbook::require_positive("h", h);
  const double step = std::max(h, std::sqrt(std::numeric_limits<double>::epsilon()));
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + step;
    const double plus = f(point);
    point(i) = x(i) - step;
    const double minus = f(point);
    point(i) = x(i);
    g(i) = (plus - minus) / (2.0 * step);
  }
  return g;
}

// Central differences whose 1/(2h), computed once, is written 2.0 / h.
Vector two_over_h(const ScalarFunction& f, const Vector& x, double h) {
  const double factor = 2.0 / h;
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    g(i) = (plus - f(point)) * factor;
    point(i) = x(i);
  }
  return g;
}

// Central differences of width h: f at x ± (h/2)e_i, divided by h.
Vector width_h(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h / 2.0;
    const double plus = f(point);
    point(i) = x(i) - h / 2.0;
    g(i) = (plus - f(point)) / h;
    point(i) = x(i);
  }
  return g;
}

// The central difference with each quotient held in a float.
Vector quotient_in_float(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    const float slope = float((plus - f(point)) / (2.0 * h));
    g(i) = slope;
    point(i) = x(i);
  }
  return g;
}

// The one-sided second-order formula (−3f(x) + 4f(x + he_i) − f(x + 2he_i))/(2h).
Vector one_sided_second_order(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  const double at_x = f(x);
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double ahead = f(point);
    point(i) = x(i) + 2.0 * h;
    g(i) = (-3.0 * at_x + 4.0 * ahead - f(point)) / (2.0 * h);
    point(i) = x(i);
  }
  return g;
}

// Adagrad with the decay's parentheses dropped: η/(1 + t − 1·δ).
void adagrad_no_parentheses(Vector& x, const Vector& g, AdagradState& state,
                            const AdagradParams& p) {
  const double t = double(++state.t);
  const double eta = p.learning_rate / (1.0 + t - 1.0 * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = g(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += gi * gi;
    x(i) -= eta * gi / (std::sqrt(state.sum_of_squares(i)) + p.epsilon);
  }
}

// Adagrad whose lr decay divides the gradient, which then enters S decayed.
void adagrad_decay_on_the_gradient(Vector& x, const Vector& g, AdagradState& state,
                                   const AdagradParams& p) {
  const double t = double(++state.t);
  const double decay = 1.0 / (1.0 + (t - 1.0) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = (g(i) + p.weight_decay * x(i)) * decay;
    state.sum_of_squares(i) += gi * gi;
    x(i) -= p.learning_rate * gi / (std::sqrt(state.sum_of_squares(i)) + p.epsilon);
  }
}

// Adam whose v averages (g − m)², about the m just updated.
void adam_v_about_the_mean(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    const double surprise = g(i) - state.m(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * surprise * surprise;
    x(i) -= p.learning_rate * (state.m(i) / (1.0 - std::pow(beta1, t))) /
            (std::sqrt(state.v(i) / (1.0 - std::pow(beta2, t))) + p.epsilon);
  }
}

// RMSProp (plain) whose division by √v + ε became a product with ε added to 1/√v.
void rmsprop_epsilon_on_the_inverse(Vector& x, const Vector& gradient, RMSpropState& state,
                                    const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.square_average(i) = p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    x(i) -= p.learning_rate * g * (1.0 / std::sqrt(state.square_average(i)) + p.epsilon);
  }
}

// AMSGrad whose maximum compares the corrected v but stores the raw one.
void amsgrad_corrected_comparison(Vector& x, const Vector& g, AdamState& state,
                                  const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  const double c2 = 1.0 - std::pow(beta2, t);
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    if (state.v(i) / c2 > state.v_max(i)) state.v_max(i) = state.v(i);
    x(i) -= p.learning_rate * (state.m(i) / (1.0 - std::pow(beta1, t))) /
            (std::sqrt(state.v_max(i) / c2) + p.epsilon);
  }
}

// AdaBelief with std::pow's arguments swapped in the second correction: 1 − t^β₂.
void adabelief_pow_swapped(Vector& x, const Vector& g, AdaBeliefState& state,
                           const AdaBeliefParams& p) {
  const auto [beta1, beta2] = p.betas;
  const double t = double(++state.t);
  const double c1 = 1.0 - std::pow(beta1, t), c2 = 1.0 - std::pow(t, beta2);
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    const double surprise = g(i) - state.m(i);
    state.s(i) = beta2 * state.s(i) + (1.0 - beta2) * surprise * surprise + p.epsilon;
    x(i) -= p.learning_rate / c1 * state.m(i) / (std::sqrt(state.s(i) / c2) + p.epsilon);
  }
}

// The heavy ball whose momentum term is βᵗ(x_t − x_{t−1}).
void momentum_to_the_t(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const double t = double(++state.t);
  const Vector next = x - p.learning_rate * g + std::pow(p.momentum, t) * (x - state.x_previous);
  state.x_previous = x;
  x = next;
}

// Nesterov landing x_t + β·v − η∇f(y_t) with a v that already holds β(x_t − x_{t−1}).
void nesterov_momentum_twice(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                             const MomentumParams& p) {
  const Vector velocity = p.momentum * (x - state.x_previous);
  const Vector lookahead = x + velocity;
  const Vector next = x + p.momentum * velocity - p.learning_rate * gradient_at(lookahead);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// RMSProp with momentum whose plain step is taken too (an if without its else).
void rmsprop_both_branches(Vector& x, const Vector& gradient, RMSpropState& state,
                           const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.square_average(i) = p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    double d = std::sqrt(state.square_average(i)) + p.epsilon;
    if (p.centered) {
      double& g_bar = state.gradient_average(i);
      g_bar = p.alpha * g_bar + (1.0 - p.alpha) * g;
      d = std::sqrt(state.square_average(i) - g_bar * g_bar) + p.epsilon;
    }
    if (p.momentum > 0.0) {
      state.momentum_buffer(i) = p.momentum * state.momentum_buffer(i) + g / d;
      x(i) -= p.learning_rate * state.momentum_buffer(i);
    }
    x(i) -= p.learning_rate * g / d;
  }
}

// RMSProp whose options run as passes of their own: with both on, a centred plain step, then an
// uncentred step with momentum (v averaged twice, θ moved twice).
void rmsprop_two_passes(Vector& x, const Vector& gradient, RMSpropState& state,
                        const RMSpropParams& p) {
  if (!(p.centered && p.momentum > 0.0)) return rmsprop_with<false, false>(x, gradient, state, p);
  RMSpropParams centred = p, with_momentum = p;
  centred.momentum = 0.0;
  with_momentum.centered = false;
  RMSpropState first = state;
  rmsprop_with<false, false>(x, gradient, first, centred);
  state.square_average = first.square_average;
  state.gradient_average = first.gradient_average;
  rmsprop_with<false, false>(x, gradient, state, with_momentum);
}

// Backtracking whose slope is summed in an int (std::inner_product with the start value 0).
double integer_slope(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                     const Vector& direction, const ArmijoParams& p) {
  const double slope = std::inner_product(gradient.begin(), gradient.end(), direction.begin(), 0);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Adagrad with ε relative: √S·(1 + ε).
void adagrad_relative_epsilon(Vector& x, const Vector& g, AdagradState& state,
                              const AdagradParams& p) {
  const double t = double(++state.t);
  const double eta = p.learning_rate / (1.0 + (t - 1.0) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = g(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += gi * gi;
    x(i) -= eta * gi / (std::sqrt(state.sum_of_squares(i)) * (1.0 + p.epsilon));
  }
}

// The optimal heavy ball with η from the two conditions added, the left side taken as 2 + β.
MomentumParams conditions_added_tuning(double l1, double ln) {
  const double r = (std::sqrt(ln / l1) - 1.0) / (std::sqrt(ln / l1) + 1.0);
  return {(2.0 + r * r) / (l1 + ln), r * r};
}

// A search with c fixed at 10⁻⁴, whatever params.sufficient_decrease says.
double fixed_c_search(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                      const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + 1e-4 * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// The heavy ball with β fixed at 0.9, whatever params.momentum says.
void fixed_momentum_heavy_ball(Vector& x, const Vector& g, MomentumState& state,
                               const MomentumParams& p) {
  const Vector next = x - p.learning_rate * g + 0.9 * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball with β ramped up by a schedule over the run: β/2 for the first 1000 steps.
void scheduled_heavy_ball(Vector& x, const Vector& g, MomentumState& state,
                          const MomentumParams& p) {
  const double beta = state.t < 1000 ? p.momentum / 2.0 : p.momentum;
  const Vector next = x - p.learning_rate * g + beta * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball with the gradient weighted by 1 − β, the moving average's weight, for η.
void averaged_gradient_heavy_ball(Vector& x, const Vector& g, MomentumState& state,
                                  const MomentumParams& p) {
  const Vector next = x - (1.0 - p.momentum) * g + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// A search whose slope is the first coordinate's term ∂₀f·d₀ alone.
double first_coordinate_slope(const ScalarFunction& f, const Vector& x, double loss,
                              const Vector& gradient, const Vector& direction,
                              const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = gradient(0) * direction(0);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// A search whose trials are α₀·j^τ, std::pow(j, τ) for α₀τʲ.
double pow_arguments_search(const ScalarFunction& f, const Vector& x, double loss,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j) {
    const double alpha = p.initial_step * std::pow(j, p.shrink);
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// A search that shrinks the whole trial point, trial ← τ·trial, instead of the step αd.
double point_shrinking_search(const ScalarFunction& f, const Vector& x, double loss,
                              const Vector& gradient, const Vector& direction,
                              const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  Vector trial = x + alpha * direction;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink, trial *= p.shrink) {
    if (f(trial) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// A search whose α is held in a float.
double float_alpha_search(const ScalarFunction& f, const Vector& x, double loss,
                          const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  float alpha = static_cast<float>(p.initial_step);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= static_cast<float>(p.shrink)) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Central differences that write g whole at each i, g = quotient·e_i.
Vector whole_vector_difference(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g = Vector::Zero(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    g = (plus - f(point)) / (2.0 * h) * Vector::Unit(x.size(), i);
    point(i) = x(i);
  }
  return g;
}

// RMSProp that sends centered with momentum to the uncentred step with momentum.
void centred_momentum_uncentred(Vector& x, const Vector& g, RMSpropState& state,
                                const RMSpropParams& p) {
  RMSpropParams as_run = p;
  if (p.momentum > 0.0) as_run.centered = false;
  rmsprop_with<false, false>(x, g, state, as_run);
}

// The optimal heavy ball with ηλ = 1 at the geometric mean of the spectrum.
MomentumParams geometric_mean_tuning(double l1, double ln) {
  const double r = (std::sqrt(ln / l1) - 1.0) / (std::sqrt(ln / l1) + 1.0);
  return {1.0 / std::sqrt(l1 * ln), r * r};
}

// The optimal heavy ball with the rate's large-κ approximation 1 − 2/√κ.
MomentumParams approximate_rate_tuning(double l1, double ln) {
  const double rate = 1.0 - 2.0 / std::sqrt(ln / l1);
  return {4.0 / ((std::sqrt(l1) + std::sqrt(ln)) * (std::sqrt(l1) + std::sqrt(ln))), rate * rate};
}

// Nesterov's parameters with η = 1/κ, the condition number taken for L.
MomentumParams kappa_for_smoothness(double l1, double ln) {
  const double root = std::sqrt(ln / l1);
  return {l1 / ln, (root - 1.0) / (root + 1.0)};
}

// The map with β read off x_t's coefficient after the friction's −μΔt·x_t was lost: 2m/D − 1.
MomentumParams coefficient_without_friction(const PhysicalParams& ball) {
  const double d = ball.mass + ball.friction * ball.time_step;
  return {ball.time_step * ball.time_step / d, 2.0 * ball.mass / d - 1.0};
}

// §3.1's map with the time step Δt taken for the step size η in β.
MomentumParams beta_from_eta(const PhysicalParams& ball) {
  const double eta = ball.time_step * ball.time_step / (ball.mass + ball.friction * ball.time_step);
  return {eta, ball.mass / (ball.mass + ball.friction * eta)};
}

// §3.1's map with the time step read from the friction's field: Δt = μ throughout.
MomentumParams time_step_from_friction(const PhysicalParams& ball) {
  const double dt = ball.friction;
  const double d = ball.mass + ball.friction * dt;
  return {dt * dt / d, ball.mass / d};
}

// §3.1's map with β read off x_t's coefficient, the friction's sign lost on the way.
MomentumParams friction_sign_lost(const PhysicalParams& ball) {
  const double d = ball.mass + ball.friction * ball.time_step;
  return {ball.time_step * ball.time_step / d,
          (ball.mass - 2.0 * ball.friction * ball.time_step) / d};
}

// §3.1's map with x_t's coefficient minus 1 written (2m + μΔt − 1)/(m + μΔt).
MomentumParams one_from_the_numerator(const PhysicalParams& ball) {
  const double d = ball.mass + ball.friction * ball.time_step;
  return {ball.time_step * ball.time_step / d,
          (2.0 * ball.mass + ball.friction * ball.time_step - 1.0) / d};
}

// §3.1's map with η "simplified" to Δt/(m + μ).
MomentumParams cancels_a_time_step(const PhysicalParams& ball) {
  const double d = ball.mass + ball.friction * ball.time_step;
  return {ball.time_step / (ball.mass + ball.friction), ball.mass / d};
}

// The map with η taken as the effective step η/(1 − β) = Δt/μ.
MomentumParams effective_step_map(const PhysicalParams& ball) {
  const double d = ball.mass + ball.friction * ball.time_step, beta = ball.mass / d;
  return {ball.time_step * ball.time_step / d / (1.0 - beta), beta};
}

// The optimal heavy ball with ηλ₁ = (1 − √β)² solved as η = (1 − β)/λ₁.
MomentumParams difference_of_squares_tuning(double l1, double ln) {
  const double r = (std::sqrt(ln / l1) - 1.0) / (std::sqrt(ln / l1) + 1.0);
  return {(1.0 - r * r) / l1, r * r};
}

// Nesterov's parameters with the root over the whole quotient: √((κ − 1)/(κ + 1)).
MomentumParams root_over_the_quotient(double l1, double ln) {
  const double kappa = ln / l1;
  return {1.0 / ln, std::sqrt((kappa - 1.0) / (kappa + 1.0))};
}

// Nesterov's lookahead points followed with the state read as (y_t, x_t): the gradient taken at
// x, x handed back as y_{t+1} and x_previous as the landing point x_{t+1}.
void nesterov_state_as_lookahead(Vector& x, const GradientFunction& gradient_at,
                                 MomentumState& state, const MomentumParams& p) {
  const Vector landing = x - p.learning_rate * gradient_at(x);
  x = landing + p.momentum * (landing - state.x_previous);
  state.x_previous = landing;
}

// Nesterov's lookahead with torch's coefficient 1 + β, or (sum_of_powers) with β/(1 − β), the
// sum β + β² + … of every later step's momentum.
template <bool sum_of_powers>
void nesterov_lookahead(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                        const MomentumParams& p) {
  const double beta = p.momentum;
  const Vector lookahead =
      x + (sum_of_powers ? beta / (1.0 - beta) : 1.0 + beta) * (x - state.x_previous);
  state.x_previous = x;
  x = lookahead - p.learning_rate * gradient_at(lookahead);
  ++state.t;
}

// Nesterov's step, with (`fuzzy`) or without a case "at rest" tested by isApprox, where it takes
// a plain gradient step from x_t.
template <bool fuzzy>
void rest_nesterov(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                   const MomentumParams& p) {
  const Vector lookahead = fuzzy && x.isApprox(state.x_previous)
                               ? Vector(x)
                               : Vector(x + p.momentum * (x - state.x_previous));
  state.x_previous = x;
  x = lookahead - p.learning_rate * gradient_at(lookahead);
  ++state.t;
}

// Nesterov's step whose β = 0 is read as "use the convex schedule": β_t = (t − 1)/(t + 2).
void scheduled_when_zero(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                         const MomentumParams& p) {
  const double t = double(state.t + 1);
  const double beta = p.momentum == 0.0 ? (t - 1.0) / (t + 2.0) : p.momentum;
  const Vector lookahead = x + beta * (x - state.x_previous);
  state.x_previous = x;
  x = lookahead - p.learning_rate * gradient_at(lookahead);
  ++state.t;
}

// Adagrad whose "no decay" is a decay factor 0: η·lr_decay^(…) read as η·lr_decay.
void adagrad_decay_factor(Vector& x, const Vector& g, AdagradState& state, const AdagradParams& p) {
  const double t = double(++state.t);
  const double factor = p.lr_decay == 0.0 ? 0.0 : 1.0 / (1.0 + (t - 1.0) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = g(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += gi * gi;
    x(i) -= p.learning_rate * factor * gi / (std::sqrt(state.sum_of_squares(i)) + p.epsilon);
  }
}

// RMSProp with momentum whose buffer starts as the raw gradient (SGD's first-step rule), or
// (`forgets`) holds this step's g/d alone while θ steps by η(μb_old + g/d).
template <bool forgets>
void rmsprop_buffer_slip(Vector& x, const Vector& gradient, RMSpropState& state,
                         const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.square_average(i) = p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    const double d = std::sqrt(state.square_average(i)) + p.epsilon;
    if (p.momentum > 0.0) {
      double& b = state.momentum_buffer(i);
      if (forgets) {
        x(i) -= p.learning_rate * (p.momentum * b + g / d);
        b = g / d;
      } else {
        b = state.t == 1 ? g : p.momentum * b + g / d;
        x(i) -= p.learning_rate * b;
      }
    } else {
      x(i) -= p.learning_rate * g / d;
    }
  }
}

// The heavy ball keeping x_previous as a moving average of the iterates, β·x_previous + (1 − β)·x.
void previous_averaged(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const Vector next = x - p.learning_rate * g + p.momentum * (x - state.x_previous);
  state.x_previous = p.momentum * state.x_previous + (1.0 - p.momentum) * x;
  x = next;
  ++state.t;
}

// The central second difference taken for the gradient.
Vector second_difference(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  const double at_x = f(x);
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    g(i) = (plus - 2.0 * at_x + f(point)) / (h * h);
    point(i) = x(i);
  }
  return g;
}

// The mean of the two slopes measured outward from x, (f(x + he_i) − f(x))/h and
// (f(x − he_i) − f(x))/h: the backward difference turned round, the second difference over 2h.
Vector outward_slopes(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  const double at_x = f(x);
  for (Index i = 0; i < x.size(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    g(i) = ((plus - at_x) / h + (f(point) - at_x) / h) / 2.0;
    point(i) = x(i);
  }
  return g;
}

// Adagrad dividing every coordinate by ‖S‖, the norm of the whole sum, for its own √S_i.
void adagrad_norm_of_sum(Vector& x, const Vector& g, AdagradState& state, const AdagradParams& p) {
  const double t = double(++state.t);
  const double eta = p.learning_rate / (1.0 + (t - 1.0) * p.lr_decay);
  const Vector decayed = g + p.weight_decay * x;
  state.sum_of_squares += decayed.cwiseAbs2();
  x -= eta * decayed / (state.sum_of_squares.norm() + p.epsilon);
}

// Adagrad dividing by √S + τ, the initial accumulator taken for ε.
void adagrad_tau_for_epsilon(Vector& x, const Vector& g, AdagradState& state,
                             const AdagradParams& p) {
  const double t = double(++state.t);
  const double eta = p.learning_rate / (1.0 + (t - 1.0) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = g(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += gi * gi;
    x(i) -= eta * gi / (std::sqrt(state.sum_of_squares(i)) + p.initial_accumulator_value);
  }
}

// Adam that counts t only when it corrects the bias.
void adam_counts_only_with_correction(Vector& x, const Vector& g, AdamState& state,
                                      const AdamParams& p) {
  if (p.bias_correction) ++state.t;
  const double t = double(state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    const double c1 = p.bias_correction ? 1.0 - std::pow(beta1, t) : 1.0;
    const double c2 = p.bias_correction ? 1.0 - std::pow(beta2, t) : 1.0;
    x(i) -= p.learning_rate * (state.m(i) / c1) / (std::sqrt(state.v(i) / c2) + p.epsilon);
  }
}

// Adam whose two conventions exclude each other: without bias correction ε stays outside the root.
void adam_conventions_exclusive(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = p.decoupled_weight_decay ? g(i) : g(i) + p.weight_decay * x(i);
    if (p.decoupled_weight_decay) x(i) *= 1.0 - p.learning_rate * p.weight_decay;
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * gi;
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * gi * gi;
    if (!p.bias_correction) {
      x(i) -= p.learning_rate * state.m(i) / (std::sqrt(state.v(i)) + p.epsilon);
      continue;
    }
    const double m_hat = state.m(i) / (1.0 - std::pow(beta1, t));
    const double v_hat = state.v(i) / (1.0 - std::pow(beta2, t));
    x(i) -= p.learning_rate * m_hat /
            (p.epsilon_inside_root ? std::sqrt(v_hat + p.epsilon) : std::sqrt(v_hat) + p.epsilon);
  }
}

// Backtracking that refuses d when its first trial raises f.
double refuses_a_rising_first_trial(const ScalarFunction& f, const Vector& x, double loss,
                                    const Vector& gradient, const Vector& direction,
                                    const ArmijoParams& p) {
  if (!(f(x + p.initial_step * direction) < loss)) throw std::invalid_argument("not descending");
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// A search that takes d for a descent direction only when every coordinate descends.
double every_coordinate_descends(const ScalarFunction& f, const Vector& x, double loss,
                                 const Vector& gradient, const Vector& direction,
                                 const ArmijoParams& p) {
  if (!((gradient.array() * direction.array()) < 0.0).all())
    throw std::invalid_argument("not descending");
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Central differences whose perturbation captured the index by value before the loop.
Vector index_captured_once(const ScalarFunction& f, const Vector& x, double h) {
  Vector point = x, g(x.size());
  Index i = 0;
  const auto at = [=, &point, &f](double delta) {
    point = x;
    point(0) = x(i) + delta;
    return f(point);
  };
  for (i = 0; i < x.size(); ++i) g(i) = (at(h) - at(-h)) / (2.0 * h);
  return g;
}

// Adagrad that adds g² again where it reads S.
void adagrad_square_twice(Vector& x, const Vector& g, AdagradState& state, const AdagradParams& p) {
  const double t = double(++state.t);
  const double eta = p.learning_rate / (1.0 + (t - 1.0) * p.lr_decay);
  for (Index i = 0; i < x.size(); ++i) {
    const double gi = g(i) + p.weight_decay * x(i);
    state.sum_of_squares(i) += gi * gi;
    x(i) -= eta * gi / (std::sqrt(state.sum_of_squares(i) + gi * gi) + p.epsilon);
  }
}

// Adam whose corrections divide by the sum of the weights, (1 − βᵗ)/(1 − β).
void adam_sum_of_weights(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    x(i) -= p.learning_rate * (state.m(i) / ((1.0 - std::pow(beta1, t)) / (1.0 - beta1))) /
            (std::sqrt(state.v(i) / ((1.0 - std::pow(beta2, t)) / (1.0 - beta2))) + p.epsilon);
  }
}

// AMSGrad whose maximum runs over the coordinates of one step.
void amsgrad_across_coordinates(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  double largest = 0.0;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    largest = std::max(largest, state.v(i));
    state.v_max(i) = largest;
    x(i) -= p.learning_rate * (state.m(i) / (1.0 - std::pow(beta1, t))) /
            (std::sqrt(state.v_max(i) / (1.0 - std::pow(beta2, t))) + p.epsilon);
  }
}

// RMSProp that sizes its buffers on every call, the ones its options leave empty too.
void rmsprop_fills_every_buffer(Vector& x, const Vector& gradient, RMSpropState& state,
                                const RMSpropParams& p) {
  if (state.momentum_buffer.size() != x.size()) state.momentum_buffer.setZero(x.size());
  if (state.gradient_average.size() != x.size()) state.gradient_average.setZero(x.size());
  rmsprop_with<false, false>(x, gradient, state, p);
}

// Adam with its corrections written 1 − β·t.
void adam_beta_times_t(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    x(i) -= p.learning_rate * (state.m(i) / (1.0 - beta1 * t)) /
            (std::sqrt(state.v(i) / (1.0 - beta2 * t)) + p.epsilon);
  }
}

// x ← (1 − η)x − η·g: gradient descent written as an average of x and −∇f.
void shrinks_x(Vector& x, const Vector& g, GradientDescentState& state,
               const GradientDescentParams& p) {
  ++state.t;
  x = (1.0 - p.learning_rate) * x - p.learning_rate * g;
}

// x ← x − η·g, then η halved in the caller's parameters through a const_cast: a decay kept in
// the hyper-parameters instead of a local variable.
void halves_its_rate(Vector& x, const Vector& g, GradientDescentState& state,
                     const GradientDescentParams& p) {
  ++state.t;
  x -= p.learning_rate * g;
  const_cast<GradientDescentParams&>(p).learning_rate *= 0.5;
}

// Backtracking that remembers the step it accepted as the next search's α₀, in the caller's
// parameters through a const_cast.
double keeps_alpha_in_params(const ScalarFunction& f, const Vector& x, double loss,
                             const Vector& gradient, const Vector& direction,
                             const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) {
      const_cast<ArmijoParams&>(p).initial_step = alpha;
      return alpha;
    }
  }
  throw std::runtime_error("no step");
}

// Backtracking that starts every search at α = 1, whatever α₀ it is given.
double starts_at_one(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                     const Vector& direction, const ArmijoParams& p) {
  double alpha = 1.0;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking that builds the step α₀d first and then tries x + α·(α₀d): α₀ applied twice.
double applies_the_first_step_twice(const ScalarFunction& f, const Vector& x, double loss,
                                    const Vector& gradient, const Vector& direction,
                                    const ArmijoParams& p) {
  const Vector step = p.initial_step * direction;
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * step) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking that tries the sequence from its small end, j counting down.
double counts_down(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                   const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  for (int j = p.max_backtracks; j >= 0; --j) {
    const double alpha = p.initial_step * std::pow(p.shrink, j);
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Backtracking with the trials (α₀τ)ʲ: the power taken of α₀τ together.
double power_of_the_product(const ScalarFunction& f, const Vector& x, double loss,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j) {
    const double alpha = std::pow(p.initial_step * p.shrink, j);
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// The heavy ball with the effective step η/(1 − β) as the gradient's coefficient.
void effective_step_heavy_ball(Vector& x, const Vector& g, MomentumState& state,
                               const MomentumParams& p) {
  const Vector next =
      x - p.learning_rate / (1.0 - p.momentum) * g + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball with friction's share taken off again: (β − (1 − β))(x_t − x_{t−1}).
void friction_twice(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const Vector velocity = x - state.x_previous;
  const Vector next =
      x + p.momentum * velocity - (1.0 - p.momentum) * velocity - p.learning_rate * g;
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball with the whole last displacement added on top of β of it: (1 + β)(x_t − x_{t−1}).
void displacement_twice(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const Vector velocity = x - state.x_previous;
  const Vector next = x + velocity + p.momentum * velocity - p.learning_rate * g;
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball that keeps the last gradient in x_previous and adds β times it: a memory of one
// gradient.
void last_gradient_kept(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  if (state.t > 0) x -= p.learning_rate * p.momentum * state.x_previous;
  x -= p.learning_rate * g;
  state.x_previous = g;
  ++state.t;
}

// The heavy ball in torch's buffer form, b = (x_{t−1} − x_t)/η, with η on the gradient only.
void buffer_without_eta(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const Vector buffer = (state.x_previous - x) / p.learning_rate;
  const Vector next = x - p.learning_rate * g - p.momentum * buffer;
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball whose x_next is a reference to x_previous: the ball never moves.
void next_in_previous(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  Vector& x_next = state.x_previous;
  x_next = x - p.learning_rate * g + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = x_next;
  ++state.t;
}

// The heavy ball, with (`fuzzy`) or without a case "at rest" tested by isApprox, where it takes
// a plain gradient step.
template <bool fuzzy>
void rest_heavy_ball(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  const Vector next = fuzzy && x.isApprox(state.x_previous)
                          ? Vector(x - p.learning_rate * g)
                          : Vector(x - p.learning_rate * g + p.momentum * (x - state.x_previous));
  state.x_previous = x;
  x = next;
  ++state.t;
}

// The heavy ball that skips a coordinate at rest, x_t = x_{t−1}, gradient step and all.
void rest_skipped_heavy_ball(Vector& x, const Vector& g, MomentumState& state,
                             const MomentumParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double velocity = x(i) - state.x_previous(i);
    state.x_previous(i) = x(i);
    if (velocity == 0.0) continue;
    x(i) += -p.learning_rate * g(i) + p.momentum * velocity;
  }
}

// The heavy ball whose "at rest" is read from coordinate 0 alone: the momentum term is dropped
// for the whole vector when coordinate 0 does not move.
void rest_on_first_heavy_ball(Vector& x, const Vector& g, MomentumState& state,
                              const MomentumParams& p) {
  const bool at_rest = x(0) == state.x_previous(0);
  const Vector next = at_rest
                          ? Vector(x - p.learning_rate * g)
                          : Vector(x - p.learning_rate * g + p.momentum * (x - state.x_previous));
  state.x_previous = x;
  x = next;
  ++state.t;
}

// Nesterov's step whose "at rest" is read from coordinate 0 alone: the lookahead is skipped for
// the whole vector when coordinate 0 does not move.
void rest_on_first_nesterov(Vector& x, const GradientFunction& gradient_at, MomentumState& state,
                            const MomentumParams& p) {
  const Vector lookahead =
      x(0) == state.x_previous(0) ? Vector(x) : Vector(x + p.momentum * (x - state.x_previous));
  state.x_previous = x;
  x = lookahead - p.learning_rate * gradient_at(lookahead);
  ++state.t;
}

// Adam's step as §5.4 writes it, with v bound to state.v (`aliased` false) or to state.m (a line
// copied from the one above, so that state.v is never written).
void adam(Vector& x, const Vector& g, AdamState& state, const AdamParams& p, bool aliased) {
  const long t = ++state.t;
  Vector& m = state.m;
  Vector& v = aliased ? state.m : state.v;
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    m(i) = beta1 * m(i) + (1.0 - beta1) * g(i);
    v(i) = beta2 * v(i) + (1.0 - beta2) * g(i) * g(i);
    const double m_hat = m(i) / (1.0 - std::pow(beta1, double(t)));
    const double v_hat = v(i) / (1.0 - std::pow(beta2, double(t)));
    x(i) -= p.learning_rate * m_hat / (std::sqrt(v_hat) + p.epsilon);
  }
}
void notes_adam(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  adam(x, g, state, p, false);
}
void aliased(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  adam(x, g, state, p, true);
}

// A heavy-ball step that builds −ηg in the gradient's storage (a const_cast).
void writes_into_its_gradient(Vector& x, const Vector& g, MomentumState& state,
                              const MomentumParams& p) {
  Vector& scratch = const_cast<Vector&>(g);
  scratch *= -p.learning_rate;
  const Vector next = x + scratch + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = next;
  ++state.t;
}

// A heavy-ball step that treats β = 0 as a plain gradient step and returns before storing x_t.
void forgets_without_momentum(Vector& x, const Vector& g, MomentumState& state,
                              const MomentumParams& p) {
  ++state.t;
  if (p.momentum == 0.0) {
    x -= p.learning_rate * g;
    return;
  }
  const Vector next = x - p.learning_rate * g + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = next;
}

// The heavy ball as §3.2 writes it, β = 0 included.
void previous_kept(Vector& x, const Vector& g, MomentumState& state, const MomentumParams& p) {
  ++state.t;
  const Vector next = x - p.learning_rate * g + p.momentum * (x - state.x_previous);
  state.x_previous = x;
  x = next;
}

// A gradient step whose loop over the coordinates ends at the first zero gradient.
void breaks_at_a_zero_gradient(Vector& x, const Vector& g, GradientDescentState& state,
                               const GradientDescentParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    if (g(i) == 0.0) break;
    x(i) -= p.learning_rate * g(i);
  }
}

// A gradient step that moves every coordinate by η times the sum of the partial derivatives.
void sums_the_gradient(Vector& x, const Vector& g, GradientDescentState& state,
                       const GradientDescentParams& p) {
  ++state.t;
  x.array() -= p.learning_rate * g.sum();
}

// A central difference whose loop stops after coordinate 0 (bounded by x.cols(), 1 for a column).
Vector only_the_first_coordinate(const ScalarFunction& f, const Vector& x, double h) {
  Vector g = Vector::Zero(x.size()), point = x;
  for (Index i = 0; i < x.cols(); ++i) {
    point(i) = x(i) + h;
    const double plus = f(point);
    point(i) = x(i) - h;
    const double minus = f(point);
    point(i) = x(i);
    g(i) = (plus - minus) / (2.0 * h);
  }
  return g;
}

// A search that compares the change of f with the predicted one by their sizes.
double absolute_change(const ScalarFunction& f, const Vector& x, double loss,
                       const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    const double value = f(x + alpha * direction);
    if (std::abs(value - loss) >= p.sufficient_decrease * alpha * std::abs(slope)) return alpha;
  }
  throw std::runtime_error("no step");
}

// AMSGrad that skips the coordinate (step included) when the maximum does not change, that takes
// no maximum at its first step, that sums v into v_max, or (`identity`) that computes the maximum
// as (a + b + |a − b|)/2.
template <bool skips_kept_maximum, bool no_first_maximum, bool sums = false, bool identity = false>
void amsgrad_with(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    if (skips_kept_maximum && state.v(i) <= state.v_max(i)) continue;
    if (sums) {
      state.v_max(i) += state.v(i);
    } else if (identity) {
      const double a = state.v_max(i), b = state.v(i);
      state.v_max(i) = (a + b + std::abs(a - b)) / 2.0;
    } else if (!no_first_maximum || t > 1) {
      state.v_max(i) = std::max(state.v_max(i), state.v(i));
    }
    x(i) -= p.learning_rate * (state.m(i) / (1.0 - std::pow(beta1, t))) /
            (std::sqrt(state.v_max(i) / (1.0 - std::pow(beta2, t))) + p.epsilon);
  }
}

// Adam with 1/√(1 − β₂ᵗ) moved into the step size and ε divided by it instead of multiplied:
// η√c₂/c₁ · m/(√v + ε/√c₂).
void adam_folded_epsilon(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  const double t = double(++state.t);
  const auto [beta1, beta2] = p.betas;
  const double c1 = 1.0 - std::pow(beta1, t), c2 = 1.0 - std::pow(beta2, t);
  for (Index i = 0; i < x.size(); ++i) {
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g(i);
    state.v(i) = beta2 * state.v(i) + (1.0 - beta2) * g(i) * g(i);
    x(i) -= p.learning_rate * std::sqrt(c2) / c1 * state.m(i) /
            (std::sqrt(state.v(i)) + p.epsilon / std::sqrt(c2));
  }
}

// AMSGrad that refuses β₁ ≥ √β₂, Reddi et al.'s hypothesis taken for a condition of the update.
void amsgrad_refusing_betas(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  if (!(p.betas.first < std::sqrt(p.betas.second)))
    throw std::invalid_argument("betas: expected beta1 < sqrt(beta2)");
  amsgrad_with<false, false>(x, g, state, p);
}

// Adagrad that takes lr_decay for a rate in [0, 1).
void adagrad_decay_below_one(Vector& x, const Vector& g, AdagradState& state,
                             const AdagradParams& p) {
  if (!(p.lr_decay < 1.0)) throw std::invalid_argument("lr_decay: expected in [0, 1)");
  adagrad_like<0>(x, g, state, p);
}

// RMSProp that refuses centred with momentum.
void rmsprop_without_both(Vector& x, const Vector& g, RMSpropState& state, const RMSpropParams& p) {
  if (p.centered && p.momentum > 0.0)
    throw std::invalid_argument("centered with momentum is not supported");
  rmsprop_with<false, false>(x, g, state, p);
}

// Adam that takes each β in the open interval (0, 1): the valid β = 0 refused.
void adam_open_betas(Vector& x, const Vector& g, AdamState& state, const AdamParams& p) {
  for (const double beta : {p.betas.first, p.betas.second})
    if (!(beta > 0.0 && beta < 1.0)) throw std::invalid_argument("betas: expected in (0, 1)");
  adam_like<0>(x, g, state, p);
}

// AdaBelief whose squared surprise is Welford's product (g − m_{t−1})(g − m_t).
void adabelief_welford(Vector& x, const Vector& gradient, AdaBeliefState& state,
                       const AdaBeliefParams& p) {
  const auto [beta1, beta2] = p.betas;
  const double t = double(++state.t);
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i), before = state.m(i);
    state.m(i) = beta1 * state.m(i) + (1.0 - beta1) * g;
    state.s(i) = beta2 * state.s(i) + (1.0 - beta2) * (g - before) * (g - state.m(i)) + p.epsilon;
    x(i) -= p.learning_rate / (1.0 - std::pow(beta1, t)) * state.m(i) /
            (std::sqrt(state.s(i) / (1.0 - std::pow(beta2, t))) + p.epsilon);
  }
}

// RMSProp whose square average is written with +=, v ← v + αv + (1 − α)g².
void rmsprop_accumulates(Vector& x, const Vector& gradient, RMSpropState& state,
                         const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double g = gradient(i) + p.weight_decay * x(i);
    state.square_average(i) += p.alpha * state.square_average(i) + (1.0 - p.alpha) * g * g;
    double d = std::sqrt(state.square_average(i)) + p.epsilon;
    if (p.centered) {
      double& g_bar = state.gradient_average(i);
      g_bar = p.alpha * g_bar + (1.0 - p.alpha) * g;
      d = std::sqrt(state.square_average(i) - g_bar * g_bar) + p.epsilon;
    }
    if (p.momentum > 0.0) {
      state.momentum_buffer(i) = p.momentum * state.momentum_buffer(i) + g / d;
      x(i) -= p.learning_rate * state.momentum_buffer(i);
    } else {
      x(i) -= p.learning_rate * g / d;
    }
  }
}

// Armijo with each trial compared with itself: the trial's value kept in a local `loss` that
// hides the argument.
double compares_with_itself(const ScalarFunction& f, const Vector& x, double,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    const double loss = f(x + alpha * direction);
    if (loss <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo whose loop has no braces: only the trial point is repeated, and α₀ alone is tested.
double loop_without_braces(const ScalarFunction& f, const Vector& x, double loss,
                           const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  Vector trial(x.size());
  for (int j = 0; j <= p.max_backtracks; ++j) trial = x + alpha * direction;
  if (f(trial) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  alpha *= p.shrink;
  throw std::runtime_error("no step down to alpha = " + std::to_string(alpha));
}

// Armijo that refuses c ≥ ½, a range of its own.
double refuses_half(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                    const Vector& direction, const ArmijoParams& p) {
  if (!(p.sufficient_decrease > 0.0 && p.sufficient_decrease < 0.5))
    throw std::invalid_argument("sufficient_decrease must be in (0, 0.5)");
  const double slope = gradient.dot(direction);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo whose check of the direction returns 0 instead of throwing.
double ascent_returns_zero(const ScalarFunction& f, const Vector& x, double loss,
                           const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) return 0.0;
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo that refuses a direction that does not descend with std::runtime_error.
double ascent_runtime_error(const ScalarFunction& f, const Vector& x, double loss,
                            const Vector& gradient, const Vector& direction,
                            const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::runtime_error("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo whose τ is clamped to [0.1, 0.5].
double clamped_shrink(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                      const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  const double tau = std::clamp(p.shrink, 0.1, 0.5);
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= tau) {
    if (f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo whose test is followed by a stray `;`: α₀ is returned whatever f is there.
double empty_if(const ScalarFunction& f, const Vector& x, double loss, const Vector& gradient,
                const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    const bool passes = f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope;
    static_cast<void>(passes);  // if (passes); — the body below runs whatever the test says
    return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo's test divided through by f(x): f(x + αd)/f(x) ≤ 1 + cα∇fᵀd/f(x).
double relative_decrease(const ScalarFunction& f, const Vector& x, double loss,
                         const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) / loss <= 1.0 + p.sufficient_decrease * alpha * slope / loss)
      return alpha;
  }
  throw std::runtime_error("no step");
}

// Armijo that, when α₀ passes, goes on growing α by 1/τ while the condition holds.
double extends_a_passing_step(const ScalarFunction& f, const Vector& x, double loss,
                              const Vector& gradient, const Vector& direction,
                              const ArmijoParams& p) {
  const double slope = gradient.dot(direction);
  if (!(slope < 0.0)) throw std::invalid_argument("not a descent direction");
  const auto passes = [&](double alpha) {
    return f(x + alpha * direction) <= loss + p.sufficient_decrease * alpha * slope;
  };
  double alpha = p.initial_step;
  if (passes(alpha)) {
    while (passes(alpha / p.shrink)) alpha /= p.shrink;
    return alpha;
  }
  for (int j = 1; j <= p.max_backtracks; ++j) {
    alpha *= p.shrink;
    if (passes(alpha)) return alpha;
  }
  throw std::runtime_error("no step");
}

// A search that asks f to fall by the fixed amount c.
double falls_by_c(const ScalarFunction& f, const Vector& x, double loss, const Vector&,
                  const Vector& direction, const ArmijoParams& p) {
  double alpha = p.initial_step;
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x + alpha * direction) <= loss - p.sufficient_decrease) return alpha;
  }
  throw std::runtime_error("no step");
}

// A heavy-ball step that keeps the gradient step's point, x_t − η∇f, as x_previous.
void keeps_the_pushed_point(Vector& x, const Vector& g, MomentumState& state,
                            const MomentumParams& p) {
  ++state.t;
  const Vector next = x - p.learning_rate * g + p.momentum * (x - state.x_previous);
  state.x_previous = x - p.learning_rate * g;
  x = next;
}

// A search whose trials are x − αd: the gradient step's sign carried over to the direction.
double trials_behind_x(const ScalarFunction& f, const Vector& x, double loss,
                       const Vector& gradient, const Vector& direction, const ArmijoParams& p) {
  p.validate();
  double alpha = p.initial_step;
  const double slope = gradient.dot(direction);
  for (int j = 0; j <= p.max_backtracks; ++j, alpha *= p.shrink) {
    if (f(x - alpha * direction) <= loss + p.sufficient_decrease * alpha * slope) return alpha;
  }
  throw std::runtime_error("no step");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(probes)

BOOST_AUTO_TEST_CASE(a_memory_outside_the_state_is_named) {
  const std::vector<std::string> findings = testing::probe_step(remembers, {0.1}, shape());
  const std::string text = testing::what_the_probes_found(findings);
  BOOST_TEST_INFO(text);
  BOOST_TEST(findings.size() == 1u);
  BOOST_TEST(says(text, "remembers something outside its state, a static or a global"));
}

BOOST_AUTO_TEST_CASE(a_clipped_gradient_is_named) {
  const std::string text = probes_of(clips);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "exceeds C = 1 in size moved by η·C"));
}

BOOST_AUTO_TEST_CASE(the_notes_step_has_no_finding) {
  const std::vector<std::string> findings = testing::probe_step(notes_step, {0.1}, shape());
  BOOST_TEST_INFO(testing::what_the_probes_found(findings));
  BOOST_TEST(findings.empty());
}

BOOST_AUTO_TEST_CASE(a_whole_vector_operation_in_the_loop_is_named) {
  const std::string text = probes_of(decays_whole_vector);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "when it is the only one, with the same x, gradient and state"));
  BOOST_TEST(says(text, "inside the loop over coordinates, so that it runs once per coordinate"));
}

BOOST_AUTO_TEST_CASE(a_line_search_with_a_memory_is_named) {
  const std::vector<std::string> findings = testing::probe_line_search(warm_started);
  const std::string text = testing::what_the_probes_found(findings);
  BOOST_TEST_INFO(text);
  BOOST_TEST(findings.size() == 1u);
  BOOST_TEST(says(text, "it remembers something between calls, a static or a global"));
}

BOOST_AUTO_TEST_CASE(a_sequence_tried_from_its_small_end_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(counts_down));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the smallest of the sequence"));
  BOOST_TEST(says(text, "is the loop counting down, from j = max_backtracks?"));
  BOOST_TEST(!says(text, "call f only at the trial points"));
}

BOOST_AUTO_TEST_CASE(trials_as_powers_of_the_product_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(power_of_the_product));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the powers (α₀τ)ʲ = 4ʲ"));
  BOOST_TEST(!says(text, "ArmijoParams' default"));
}

BOOST_AUTO_TEST_CASE(a_first_step_applied_twice_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(applies_the_first_step_twice));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the first trial was α = 64 = α₀², not α₀ = 8"));
  BOOST_TEST(says(text, "α₀ was applied twice"));
}

BOOST_AUTO_TEST_CASE(a_first_trial_that_ignores_the_given_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(starts_at_one));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the first trial was α = 1, not the α₀ = 8 the search was given"));
  BOOST_TEST(says(text, "written into the search instead of read from params.initial_step"));
}

BOOST_AUTO_TEST_CASE(a_small_displacement_dropped_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(rest_heavy_ball<true>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a small displacement was dropped, the ball stopped"));
  const std::string right =
      testing::what_the_probes_found(testing::heavy_ball_lines(rest_heavy_ball<false>));
  BOOST_TEST(right == "");
  const std::string nesterov =
      testing::what_the_probes_found(testing::nesterov_lines(rest_nesterov<true>));
  BOOST_TEST_INFO(nesterov);
  BOOST_TEST(says(nesterov, "a small displacement was dropped, the ball stopped"));
  BOOST_TEST(testing::what_the_probes_found(testing::nesterov_lines(rest_nesterov<false>)) == "");
}

BOOST_AUTO_TEST_CASE(the_effective_step_as_the_gradients_coefficient_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(effective_step_heavy_ball));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the gradient enters the step as (−η/(1 − β))·∇f"));
  BOOST_TEST(says(text, "η/(1 − β) is §3.2's effective step"));
}

BOOST_AUTO_TEST_CASE(a_step_scaled_by_the_gradients_norm_is_named) {
  const std::string text = probes_of(scaled_by_the_norm);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "multiplied by ‖∇f‖ = "));
  BOOST_TEST(!says(text, "inside the loop over coordinates"));
}

BOOST_AUTO_TEST_CASE(a_step_divided_by_the_squared_norm_is_named) {
  const std::string text = probes_of(divided_by_the_squared_norm);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "divided by ‖∇f‖² = "));
  BOOST_TEST(!says(text, "one accumulator per coordinate"));
}

BOOST_AUTO_TEST_CASE(a_step_cut_to_a_length_is_named) {
  const std::string text = probes_of(cut_to_unit_length);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "steps longer than R = 1 are cut to length R"));
  BOOST_TEST(!says(text, "one accumulator per coordinate"));
}

BOOST_AUTO_TEST_CASE(the_descent_lemmas_factor_taken_for_the_step_is_named) {
  const std::string text = probes_of(descent_lemma_step);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the step is −η(1 − 0.5·η)∇f, the descent lemma's factor"));
  BOOST_TEST(!says(text, "one accumulator per coordinate"));
}

BOOST_AUTO_TEST_CASE(a_bound_with_the_next_trials_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(shrinks_before_the_test));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the bound uses τα, the next trial's step"));
}

BOOST_AUTO_TEST_CASE(a_first_step_capped_in_length_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(first_step_capped));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the first step's length capped"));
}

BOOST_AUTO_TEST_CASE(a_shrink_read_as_a_rate_of_decay_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(shrinks_by_exp));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is e^{−τ}: is τ read as a rate of decay"));
}

BOOST_AUTO_TEST_CASE(a_momentum_read_off_without_the_friction_term_is_named) {
  const std::string text = testing::physics_edit(coefficient_without_friction);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with the friction's −μΔt·x_t lost"));
}

BOOST_AUTO_TEST_CASE(a_wrong_first_moment_is_not_read_again_as_a_wrong_weight_decay) {
  // m ← β₁m + 1 − β₁g: after a zero gradient m is 1, which the decays' readings (through m and θ)
  // would take for a decay that entered the moments.
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<37>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the first moment's line"));
  BOOST_TEST(!says(text, "weight decay"));
}

BOOST_AUTO_TEST_CASE(a_first_moment_of_g_over_d_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<1>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the first moment's line averages g/d"));
}

BOOST_AUTO_TEST_CASE(a_decaying_first_moment_weight_is_named_first) {
  const std::string text = testing::adam_edit(adam_like<2>, true);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "one change, m ← β₁·m + (1 − β₁)·g is in yours m ← β₁/t·m"));
}

BOOST_AUTO_TEST_CASE(a_correction_moved_next_to_the_root_is_named) {
  const std::string text = testing::adam_edit(adam_like<3>, true);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the correction of m moved into the denominator next to the root"));
}

BOOST_AUTO_TEST_CASE(the_first_steps_corrections_kept_without_correction_are_named) {
  const std::string text = testing::adam_edit(adam_like<4>, false, true);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with bias_correction = false"));
  BOOST_TEST(says(text, "the corrections of the first step kept at every step"));
}

BOOST_AUTO_TEST_CASE(a_belief_kept_as_a_running_maximum_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 1>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "s is a running maximum"));
  BOOST_TEST(!says(text, "s averages g²"));
}

BOOST_AUTO_TEST_CASE(a_surprise_of_the_first_step_only_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 11>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "its surprise is β₁g, whatever m was"));
  BOOST_TEST(!says(text, "uses the m from before this step"));
}

BOOST_AUTO_TEST_CASE(an_epsilon_added_before_the_average_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 12>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "ε is added before the average, s ← β₂(s + ε)"));
}

BOOST_AUTO_TEST_CASE(an_epsilon_at_the_first_step_only_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 14>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "ε enters at the first step only"));
}

BOOST_AUTO_TEST_CASE(a_belief_taken_as_a_variance_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 13>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "θ's step divides by √(ŝ − m̂²)"));
  BOOST_TEST(says(text, "s averages g², which is Adam's v"));
  BOOST_TEST(!says(text, "is the square expanded"));
}

BOOST_AUTO_TEST_CASE(a_first_moment_updated_twice_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 2>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is m updated twice in one step"));
  BOOST_TEST(!says(text, "Welford"));
}

BOOST_AUTO_TEST_CASE(a_centred_denominator_that_falls_back_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 1>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the denominator fell back on √v where the variance is small"));
}

BOOST_AUTO_TEST_CASE(learning_rate_and_decay_exchanged_are_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<1>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "learning_rate and lr_decay are exchanged"));
}

BOOST_AUTO_TEST_CASE(a_decay_counted_with_the_coordinate_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<2>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the decay is counted with the coordinate's index i"));
}

BOOST_AUTO_TEST_CASE(a_learning_rate_kept_in_a_static_is_named) {
  GradientDescentState state;
  Vector x{{0.0}};
  static_learning_rate(x, Vector{{1.0}}, state, {0.5});  // the static now holds 0.5
  const std::string why = testing::gradient_descent_edit(static_learning_rate);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "it does not read this call's learning rate"));
}

BOOST_AUTO_TEST_CASE(an_index_stuck_at_zero_is_named) {
  const std::string text = probes_of(stuck_index);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is −η·∂₀f, coordinate 0's own step"));
  BOOST_TEST(!says(text, "`break`"));
}

BOOST_AUTO_TEST_CASE(an_index_advanced_twice_is_named) {
  const std::string text = probes_of(index_advanced_twice);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "every other coordinate is skipped; is the index advanced twice per pass"));
  BOOST_TEST(!says(text, "is an operation on the whole vector"));
}

BOOST_AUTO_TEST_CASE(a_step_divided_by_x_is_named) {
  const std::string text = probes_of(divided_by_x);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "coordinate 1 only, the one where x is 0"));
  BOOST_TEST(says(text, "is the step divided by xᵢ somewhere"));
}

BOOST_AUTO_TEST_CASE(a_slope_of_the_point_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(point_for_gradient));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "it stops where the slope xᵀd would"));
  BOOST_TEST(!says(text, "c is taken as a fixed amount"));
}

BOOST_AUTO_TEST_CASE(a_slope_averaged_over_the_coordinates_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(slope_averaged));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the slope is the mean of the products"));
  BOOST_TEST(!says(text, "the bound uses τα"));
  BOOST_TEST(!says(text, "plain decrease is not enough"));
}

BOOST_AUTO_TEST_CASE(a_bound_shrunk_whole_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(bound_shrunk_whole));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "τᵏ·(f(x) + c·α₀·∇fᵀd)"));
}

BOOST_AUTO_TEST_CASE(an_exception_is_named_by_its_type) {
  struct Endless {};
  const testing::Thrown thrown = testing::call_recording<Endless>(
      [] { throw std::out_of_range("ran out of step sizes"); }, "");
  BOOST_TEST(thrown.kind ==
             "threw std::out_of_range (a std::logic_error: a mistake in the "
             "caller's program)");
  BOOST_TEST(thrown.message == "ran out of step sizes");
}

BOOST_AUTO_TEST_CASE(a_lookahead_by_the_sum_of_the_powers_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::nesterov_lines(nesterov_lookahead<true>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is β/(1 − β), the sum β + β² + …"));
}

BOOST_AUTO_TEST_CASE(the_rates_large_kappa_approximation_is_named) {
  const std::string why = testing::tuning_edit(approximate_rate_tuning, false);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "the rate's large-κ approximation 1 − 2/√κ"));
}

BOOST_AUTO_TEST_CASE(the_condition_number_taken_for_l_is_named) {
  const std::string why = testing::tuning_edit(kappa_for_smoothness, true);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "κ = λₙ/λ₁ taken for L = λₙ"));
}

BOOST_AUTO_TEST_CASE(a_running_mean_for_the_centred_average_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 2>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a running mean of every gradient so far"));
}

BOOST_AUTO_TEST_CASE(a_first_step_of_its_own_is_said_without_a_type) {
  // v₁ = g² is the notes' lines with α = 0 at the first step alone: no integer type explains a
  // change of the first step only.
  const std::string why = testing::rmsprop_edit(rmsprop_with<false, false, 15>);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "α = 0.85 is 0 in yours"));
  BOOST_TEST(says(why, "only the first step is changed"));
  BOOST_TEST(!says(why, "integer type"));
}

BOOST_AUTO_TEST_CASE(a_norm_over_the_coordinates_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adagrad_lines(adagrad_norm_of_sum));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "= ‖S‖, the norm of the whole vector S"));
}

BOOST_AUTO_TEST_CASE(a_square_of_two_gradients_is_named) {
  const std::string why = testing::rmsprop_edit(rmsprop_with<false, false, 3>);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "v fed g·∇f, the gradient with its decay times the raw one"));
}

BOOST_AUTO_TEST_CASE(a_clamped_iterate_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<7>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "θ is clamped to [−1, 1]"));
}

BOOST_AUTO_TEST_CASE(moments_of_the_normalised_gradient_are_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<8>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "multiplying only coordinate 2's gradient by 10 changed coordinate 0's"));
}

BOOST_AUTO_TEST_CASE(a_maximum_compared_with_the_previous_v_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<9>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "compares the new v with the previous v, not with v_max"));
  BOOST_TEST(!says(text, "never writes v_max"));
}

BOOST_AUTO_TEST_CASE(a_maximum_of_the_root_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<10>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v_max holds √v, the running maximum of the root"));
  const std::string edit = testing::adam_edit(adam_like<10>, true);
  BOOST_TEST_INFO(edit);
  BOOST_TEST(says(edit, "v_max taken for a root"));
}

BOOST_AUTO_TEST_CASE(corrections_dropped_after_a_window_are_named) {
  for (const bool amsgrad : {false, true}) {
    const std::string text =
        testing::what_the_probes_found(testing::adam_lines(adam_like<11>, amsgrad));
    BOOST_TEST_INFO(text);
    BOOST_TEST(says(text, "without the bias corrections, though bias_correction is on"));
  }
  // The reference passes the probe: it corrects at every step.
  const std::string right = testing::what_the_probes_found(testing::adam_lines(adam_like<0>, true));
  BOOST_TEST(!says(right, "without the bias corrections"));
}

BOOST_AUTO_TEST_CASE(exponential_corrections_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 3>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "βᵗ ≈ e^(−t(1 − β))"));
}

BOOST_AUTO_TEST_CASE(a_difference_of_sizes_is_named) {
  const std::string why = testing::adabelief_edit(adabelief_with<false, false, 4>);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "(|g| − |m|)²"));
}

BOOST_AUTO_TEST_CASE(a_search_that_returns_the_steps_length_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(returns_the_length));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "= α‖d‖, the length of the step it accepted"));
}

BOOST_AUTO_TEST_CASE(a_search_for_the_best_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(looks_for_the_best));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the trial with the lowest f"));
  BOOST_TEST(says(text, "backtracking returns the first α that passes"));
}

BOOST_AUTO_TEST_CASE(a_result_vector_that_is_also_the_point_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(estimates_in_the_point));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "held the estimate already computed for it"));
}

BOOST_AUTO_TEST_CASE(a_previous_point_recovered_from_the_displacement_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(previous_recovered));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "x_{t+1} − (x_t − x_{t−1}), the new point less the old displacement"));
}

BOOST_AUTO_TEST_CASE(a_running_minimum_is_told_from_a_vector_never_written) {
  AdamParams params;
  params.amsgrad = true;
  const std::string why =
      testing::unwritten_state(amsgrad_minimum, params, testing::adam_shape("AMSGrad"));
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "AMSGrad writes v_max, but its line gives 0 from 0"));
  BOOST_TEST(says(why, "it keeps the smaller of v_max and v"));
}

BOOST_AUTO_TEST_CASE(a_maximum_of_the_first_moment_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<5>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the maximum's line reads m"));
  BOOST_TEST(says(text, "a maximum of the first moment"));
  BOOST_TEST(!says(text, "never writes v_max"));
}

BOOST_AUTO_TEST_CASE(no_bias_correction_made_by_zero_betas_is_named) {
  const std::string why = testing::adam_edit(adam_like<6>, true, true);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "with bias_correction = false"));
  BOOST_TEST(says(why, "the lines with β₁ = β₂ = 0 (m ← g, v ← g²)"));
}

BOOST_AUTO_TEST_CASE(a_running_maximum_for_adagrads_sum_is_named) {
  const std::string why = testing::adagrad_edit(adagrad_maximum);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "S ← max(S, g²)"));
}

BOOST_AUTO_TEST_CASE(a_denominator_carried_across_the_coordinates_is_named) {
  const std::string why = testing::adagrad_edit(adagrad_carried_denominator, true);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why,
                  "changing only coordinate 0's values before the step changed θ at "
                  "coordinate 1"));
  BOOST_TEST(says(why, "a variable declared before the loop over the coordinates"));
}

BOOST_AUTO_TEST_CASE(a_rate_capped_at_the_step_size_is_named) {
  const std::string why = testing::adagrad_edit(adagrad_capped_rate);
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "max(√S + ε, 1)"));
}

BOOST_AUTO_TEST_CASE(a_correction_that_stops_the_step_is_named) {
  const std::vector<std::string> findings =
      testing::probe_lines_and_step(correction_by_precedence, AdamParams{}, testing::adam_shape());
  const std::string text = testing::what_the_probes_found(findings);
  BOOST_TEST_INFO(text);
  BOOST_TEST(findings.size() == 1u);
  BOOST_TEST(says(text, "does not move x at all on its first step with bias_correction on"));
  BOOST_TEST(testing::stopped_by_the_correction(notes_adam, AdamParams{}, "Adam").empty());
}

BOOST_AUTO_TEST_CASE(a_bound_that_counts_alpha_twice_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(alpha_twice));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "f(x + αd) ≤ f(x) + c·α²·∇fᵀd"));
}

BOOST_AUTO_TEST_CASE(a_zero_previous_point_taken_as_not_started_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(zero_is_not_started));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "everywhere but where x_{t−1} = 0"));
  BOOST_TEST(says(text, "a zero x_previous taken as \"not started\""));
}

BOOST_AUTO_TEST_CASE(a_dropped_branch_is_named_before_an_edit_that_never_takes_it) {
  const std::string text = testing::radius_edit(radius_always_sqrt_beta);
  BOOST_TEST_INFO(text);
  BOOST_TEST(
      says(text, "with one change, ρ ← (√β if D < 0, else (|s| + √D)/2) is in yours ρ ← √β"));
}

BOOST_AUTO_TEST_CASE(a_gradient_centred_in_the_numerator_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<true, false>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the gradient centred too"));
}

BOOST_AUTO_TEST_CASE(a_centring_moved_to_the_numerator_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<true, false, 14>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the centring moved from the denominator to the numerator"));
}

BOOST_AUTO_TEST_CASE(a_zero_gradient_skipped_as_sparse_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_lines_and_step(
      rmsprop_with<false, true>, RMSpropParams{}, testing::rmsprop_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is a zero gradient skipped as a missing one"));
  BOOST_TEST(testing::skips_zero_gradients(rmsprop_with<false, false>, RMSpropParams{},
                                           testing::rmsprop_shape())
                 .empty());
}

BOOST_AUTO_TEST_CASE(a_zero_gradient_skipped_with_weight_decay_is_named) {
  // Without weight decay Adagrad rightly leaves such a coordinate as it was; with it, g = λθ.
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(adagrad_like<3>, AdagradParams{}, testing::adagrad_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with weight decay λ = 0.1"));
  BOOST_TEST(says(text, "is a zero gradient skipped as a missing one"));
  BOOST_TEST(
      testing::skips_zero_gradients(adagrad_like<0>, AdagradParams{}, testing::adagrad_shape())
          .empty());
}

// The heavy ball written as §3.4's recurrence, (1 + β)x_t − βx_{t−1} − η∇f: the same step on
// paper, but at rest it moves x by rounding.
void expanded_recurrence(Vector& x, const Vector& g, MomentumState& state,
                         const MomentumParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    const double previous = state.x_previous(i);
    state.x_previous(i) = x(i);
    x(i) = (1.0 + p.momentum) * x(i) - p.momentum * previous - p.learning_rate * g(i);
  }
}

BOOST_AUTO_TEST_CASE(a_ball_at_rest_skipped_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(rest_skipped_heavy_ball));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is a ball at rest a special case"));
  BOOST_TEST(says(text, "the ball did not move at all"));
}

BOOST_AUTO_TEST_CASE(at_rest_read_from_one_coordinate_is_named) {
  const testing::StepShape<MomentumState> ball = testing::momentum_shape("the heavy-ball step");
  const std::string text = testing::what_the_probes_found(
      testing::probe_step(rest_on_first_heavy_ball, MomentumParams{0.01, 0.9}, ball));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "moves the other coordinates differently when coordinate 0 is at rest"));
  const testing::StepShape<MomentumState> shape = testing::momentum_shape("Nesterov's step");
  const auto lookahead = [](const Vector& x, const MomentumState& s, const MomentumParams& p) {
    return Vector(x + p.momentum * (x - s.x_previous));
  };
  const std::string nesterov = testing::what_the_probes_found(testing::probe_lookahead_step(
      rest_on_first_nesterov, MomentumParams{0.01, 0.9}, shape, lookahead, "y_t"));
  BOOST_TEST_INFO(nesterov);
  BOOST_TEST(
      says(nesterov, "moves the other coordinates differently when coordinate 0 is at rest"));
  BOOST_TEST(testing::probe_lookahead_step(rest_nesterov<false>, MomentumParams{0.01, 0.9}, shape,
                                           lookahead, "y_t")
                 .empty());
}

BOOST_AUTO_TEST_CASE(adagrads_constant_gradient_sum_taken_for_the_rule_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<13>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a constant gradient's sum"));
  BOOST_TEST(!says(text, "the learning rate changes with t by itself"));
}

BOOST_AUTO_TEST_CASE(adagrads_root_mean_square_in_the_denominator_is_named) {
  const std::string lines =
      testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<15>));
  BOOST_TEST_INFO(lines);
  BOOST_TEST(says(lines, "is θ's denominator the root mean square √(S_t/t) of the gradients?"));
  BOOST_TEST(!says(lines, "the learning rate changes with t by itself"));
  const std::string edit = testing::adagrad_edit(adagrad_like<15>);
  BOOST_TEST_INFO(edit);
  BOOST_TEST(says(edit, "is in yours θ ← θ − η·g/(√(S/t) + ε), the root mean square"));
}

BOOST_AUTO_TEST_CASE(a_weight_decay_skipped_at_the_first_step_is_named) {
  const std::string text = testing::adagrad_edit(adagrad_like<14>);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "at its first step (t = 1)"));
  BOOST_TEST(says(text, "only the first step is changed"));
}

BOOST_AUTO_TEST_CASE(rmsprops_buffer_bias_corrected_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 11>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "θ ← θ − η·b/(1 − μᵗ)"));
}

BOOST_AUTO_TEST_CASE(adabeliefs_prediction_added_back_and_epsilon_not_stored_are_named) {
  const std::string added =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 15>));
  BOOST_TEST_INFO(added);
  BOOST_TEST(says(added, "θ's step divides by √(ŝ + m̂²)"));
  const std::string unstored =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 16>));
  BOOST_TEST_INFO(unstored);
  BOOST_TEST(says(unstored, "ε missing from the stored s"));
}

BOOST_AUTO_TEST_CASE(a_belief_of_the_absolute_surprise_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 17>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "s averages |g − m|, not its square (g − m)²"));
  BOOST_TEST(!says(text, "uses the m from before this step"));
}

BOOST_AUTO_TEST_CASE(a_step_that_moves_a_ball_at_rest_by_rounding_is_named) {
  const testing::StepShape<MomentumState> shape = testing::momentum_shape("the heavy-ball step");
  const std::string text = testing::what_the_probes_found(
      testing::probe_step(expanded_recurrence, MomentumParams{0.01, 0.9}, shape));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "it moved x by rounding only"));
  BOOST_TEST(!says(text, "a shrink of x itself"));
}

BOOST_AUTO_TEST_CASE(moments_updated_in_the_l2_branch_only_are_named) {
  for (const bool amsgrad : {false, true}) {
    const std::string text =
        testing::what_the_probes_found(testing::adam_lines(adam_like<12>, amsgrad));
    BOOST_TEST_INFO(text);
    BOOST_TEST(says(text, "are the moments' lines inside the branch of the L2 decay"));
  }
}

BOOST_AUTO_TEST_CASE(an_exponential_adamw_shrink_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<13>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "θ is multiplied by e^(−ηλ)"));
}

BOOST_AUTO_TEST_CASE(a_surprise_squared_by_expansion_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 5>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the square expanded, g² − 2gm + m²"));
}

BOOST_AUTO_TEST_CASE(an_allocation_inside_a_call_is_seen) {
  const std::optional<bool> made = testing::allocates([] { Vector v(3); });
  if (!made) {
    BOOST_TEST_MESSAGE("not measurable in a build without Eigen's checks (NDEBUG)");
    return;
  }
  BOOST_TEST(*made);
  Vector a{{1.0, 2.0}};
  BOOST_TEST(!testing::allocates([&] { a *= 2.0; }).value());
  BOOST_TEST(!testing::allocates([&] { a = 2.0 * a + a; }).value());  // no temporary
  // Allowed again after the call, even after a refusal.
  BOOST_TEST(testing::allocates([] { Vector v(3); }).value());
  Vector b(4);
  BOOST_TEST(b.size() == 4);
}

BOOST_AUTO_TEST_CASE(an_allocation_through_operator_new_is_seen) {
  if (!testing::counts_heap_allocations()) {
    BOOST_TEST_MESSAGE("not measurable under AddressSanitizer, whose operator new comes first");
    BOOST_TEST(testing::allocation_by([] { std::vector<double> v(3); }).empty());
    return;
  }
  BOOST_TEST(testing::allocation_by([] { std::vector<double> v(3); }) == "a container");
  BOOST_TEST(testing::allocation_by([] {
               double v[3] = {};
               static_cast<void>(v);
             }).empty());
  const std::string by = testing::allocation_by([] { Vector v(3); });
  BOOST_TEST((by == "Eigen" || by.empty()));  // empty in a build without Eigen's checks
}

BOOST_AUTO_TEST_CASE(a_step_that_makes_a_temporary_vector_is_named) {
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(adagrad_like<4>, AdagradParams{}, testing::adagrad_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "made a temporary vector"));
  BOOST_TEST(
      testing::makes_a_temporary(adagrad_like<0>, AdagradParams{}, "Adagrad's step").empty());
  // §5.9's claim of the library's own step, NAdam's.
  BOOST_TEST(
      testing::makes_a_temporary(workbook::nadam_step, NAdamParams{}, "NAdam's step").empty());
}

BOOST_AUTO_TEST_CASE(a_surprise_taken_as_the_change_of_m_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<true, false>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the surprise is the change of the prediction, m_t − m_{t−1}"));
}

BOOST_AUTO_TEST_CASE(a_surprise_read_from_an_overwritten_gradient_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_overwritten_g));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the surprise is (g − m_{t−1}) − m_t"));
  BOOST_TEST(!says(text, "the change of the prediction"));
}

BOOST_AUTO_TEST_CASE(a_surprise_read_from_the_scaled_gradient_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_scaled_g));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "its surprise is (1 − β₁)g − m_t = −β₁m_{t−1}"));
  BOOST_TEST(!says(text, "the change of the prediction"));
}

BOOST_AUTO_TEST_CASE(a_quotient_taken_before_its_minus_value_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(quotient_before_minus));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "component i is (f(x + he_i) − f(x − he_{i−1}))/(2h)"));
}

BOOST_AUTO_TEST_CASE(equal_values_taken_for_a_failure_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(doubles_h_while_equal));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "times, expected 2n = 6, at points as far as"));
  BOOST_TEST(says(text, "two equal values are a measurement, not a failure"));
}

BOOST_AUTO_TEST_CASE(a_difference_not_divided_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(difference_not_divided));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "2h times the gradient, halving with h"));
  BOOST_TEST(!says(text, "not 4h"));
}

BOOST_AUTO_TEST_CASE(a_step_signed_like_x_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(signed_like_x));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the gradient with its sign flipped exactly where x_i < 0"));
}

BOOST_AUTO_TEST_CASE(a_momentum_capped_below_one_is_named) {
  const std::string ball =
      testing::what_the_probes_found(testing::heavy_ball_lines(capped_heavy_ball));
  BOOST_TEST_INFO(ball);
  BOOST_TEST(says(ball, "the heavy-ball step with β = 0.995 weighs x_{t−1} by -0.99"));
  const std::string nesterov =
      testing::what_the_probes_found(testing::nesterov_lines(capped_nesterov));
  BOOST_TEST_INFO(nesterov);
  BOOST_TEST(says(nesterov, "Nesterov's step with β = 0.995 weighs x_{t−1} by -0.99"));
}

BOOST_AUTO_TEST_CASE(two_hyper_parameters_swapped_are_named_where_both_are_in_play) {
  // Where μ = 0 the swap reads as a weight decay never added; with both options it is a swap.
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_fields_swapped));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "λ and μ are swapped (fields unpacked in another order?"));
}

BOOST_AUTO_TEST_CASE(trial_points_walked_from_the_first_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(walks_the_trial_point));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is each trial point made from the last one"));
  // Trials that never leave the first point are another slip, with its own reading.
  const std::string same =
      testing::what_the_probes_found(testing::probe_line_search(one_trial_point));
  BOOST_TEST_INFO(same);
  BOOST_TEST(says(same, "every trial was at the same point"));
  BOOST_TEST(!says(same, "made from the last one"));
}

BOOST_AUTO_TEST_CASE(a_bound_that_lags_one_trial_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(lagging_bound));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "testing each trial against the previous trial's bound"));
  BOOST_TEST(!says(text, "the factor c is missing"));
}

BOOST_AUTO_TEST_CASE(theta_in_the_gradient_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_fma_order));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "without decay the state cannot depend on θ"));
  // The right steps' states do not depend on θ without decay.
  BOOST_TEST(testing::theta_in_the_gradient(adam_like<0>, AdamParams{}, "Adam's step").empty());
  BOOST_TEST(
      testing::theta_in_the_gradient(adagrad_like<0>, AdagradParams{}, "Adagrad's step").empty());
}

BOOST_AUTO_TEST_CASE(a_negative_bias_correction_is_named) {
  const std::string text = testing::what_the_probes_found(
      testing::probe_step(adam_negative_correction, AdamParams{}, testing::adam_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with bias_correction = false the same step is finite"));
}

BOOST_AUTO_TEST_CASE(a_search_loop_without_braces_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(loop_without_braces));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the search gave up after its first trial, α₀"));
  BOOST_TEST(says(text, "without braces repeats only the one statement after it"));
}

BOOST_AUTO_TEST_CASE(a_state_moved_out_of_the_step_is_named) {
  testing::KernelRun run(adam_moved_out, AdamParams{}, Vector{{1.0, 2.0}});
  std::string message;
  try {
    run.step(Vector{{0.5, -0.5}});
  } catch (const std::logic_error& resized) {
    message = resized.what();
  }
  BOOST_TEST_INFO(message);
  BOOST_TEST(says(message, "m (state.m) had 2 coordinates before the step and 0 after it"));
  BOOST_TEST(says(message, "moved out of the state"));
  // A right step keeps every size, including v_max's 0 when amsgrad is off.
  testing::KernelRun right(adam_like<0>, AdamParams{}, Vector{{1.0, 2.0}});
  BOOST_CHECK_NO_THROW(right.step(Vector{{0.5, -0.5}}));
}

BOOST_AUTO_TEST_CASE(adamw_moments_without_the_gradient_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adamw_gradient_unset, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "m's line averaged a gradient of 0, not g = 0.5"));
  BOOST_TEST(says(text, "assigned only in the L2 branch"));
}

BOOST_AUTO_TEST_CASE(an_integer_denominator_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_int_denominator));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "θ's line divided by whole numbers"));
  BOOST_TEST(says(text, "`auto d = 0;` deduces int"));
}

BOOST_AUTO_TEST_CASE(a_belief_updated_in_a_copy_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_s_copied));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the belief's line left s = 1 as it was"));
  BOOST_TEST(!says(text, "which is Adam's v"));
}

#ifndef NDEBUG
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
// A double set on one path only and read on the other, a student's slip made on purpose: the
// Debug builds give it the unset pattern (-ftrivial-auto-var-init=pattern). The value set comes
// from a parameter, as a gradient does in a step: a constant there may be folded into the read.
[[gnu::noinline]] double set_only_if(bool set, double to) {
  double value;
  if (set) value = to;
  return value;
}
#pragma GCC diagnostic pop

BOOST_AUTO_TEST_CASE(a_double_never_set_holds_the_unset_pattern) {
  const double unset = set_only_if(false, 1.0);
  BOOST_TEST(std::bit_cast<std::uint64_t>(unset) == std::uint64_t{0xFEFEFEFEFEFEFEFE});
  BOOST_TEST(unset == testing::unset_pattern());
  // What the readings see: the pattern times a moving average's weight.
  BOOST_TEST(testing::from_unset_pattern(0.1 * unset));
  BOOST_TEST(!testing::from_unset_pattern(0.5));
  BOOST_TEST(set_only_if(true, 1.0) == 1.0);
}

BOOST_AUTO_TEST_CASE(a_vector_made_with_its_size_only_holds_nan) {
  // The checking builds make every unwritten coefficient NaN (eigen_checks.hpp), so that a value
  // read before it is set is NaN every time.
  const Vector unset(3);
  BOOST_TEST(unset.array().isNaN().all());
  Vector resized;
  resized.resize(2);
  BOOST_TEST(resized.array().isNaN().all());
}
#endif

BOOST_AUTO_TEST_CASE(a_warm_up_without_the_denominator_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, true>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the step changes its form with t: at step t = 2 it grows"));
  BOOST_TEST(testing::adabelief_lines(adabelief_with<false, false>).empty());
}

BOOST_AUTO_TEST_CASE(epsilon_as_a_tolerance_in_the_maximum_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(amsgrad_tolerance, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is ε a tolerance in the comparison?"));
}

BOOST_AUTO_TEST_CASE(epsilon_as_a_floor_is_named) {
  const std::string text = testing::adagrad_edit(adagrad_floor);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "max(√S, ε)"));
}

BOOST_AUTO_TEST_CASE(a_search_that_returns_the_fraction_of_the_first_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(returns_the_fraction));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "= α/α₀ = τ^4, the fraction of α₀ that passed"));
}

BOOST_AUTO_TEST_CASE(a_const_x_moved_out_and_back_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(moves_x_out_and_back));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is x moved out to the trial point and back"));
}

BOOST_AUTO_TEST_CASE(a_bound_with_the_fraction_of_the_first_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(bound_with_the_fraction));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the bound uses the fraction α/α₀ = τʲ"));
}

BOOST_AUTO_TEST_CASE(a_first_trial_capped_at_unit_length_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(capped_at_unit_length));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is 1/‖d‖ = 1/√5: is α₀ capped"));
}

BOOST_AUTO_TEST_CASE(a_pointer_thrown_is_named) {
  const auto f = [](const Vector& p) { return p.squaredNorm(); };
  const testing::WatchedSearch run = testing::watch_search(
      throws_a_pointer, f, Vector{{1.0}}, 1.0, Vector{{2.0}}, Vector{{2.0}}, ArmijoParams{}, true);
  BOOST_TEST_INFO(run.outcome());
  BOOST_TEST(says(run.thrown, "threw a pointer to std::invalid_argument (throw new …)"));
}

BOOST_AUTO_TEST_CASE(a_refusal_under_another_name_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(refuses_as_step));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "refused, as it must be, but the message does not name h"));
}

BOOST_AUTO_TEST_CASE(a_fraction_of_the_loss_itself_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(fraction_of_the_loss));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "f(x + αd) ≤ (1 − c·α)·f(x)"));
  BOOST_TEST(!says(text, "∇fᵀd/‖d‖ would"));
}

BOOST_AUTO_TEST_CASE(a_perturbation_made_in_a_copy_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(perturbs_a_copy));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "was at x itself: no perturbation reached the vector f was given"));
  BOOST_TEST(!says(text, "i < x.size()"));
}

BOOST_AUTO_TEST_CASE(a_refused_empty_state_vector_that_the_settings_leave_unused_is_named) {
  testing::KernelRun run(rmsprop_checking_every_buffer, workbook::RMSpropParams{}, Vector{{0.0}});
  std::string text;
  try {
    run.step(1.0);
  } catch (const std::invalid_argument& refused) {
    text = refused.what();
  }
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is a size checked of a vector the step does not use?"));
  BOOST_TEST(says(text, "the momentum buffer b, empty unless momentum > 0"));
  // With momentum on, the buffer is sized and the same check passes: nothing to say.
  workbook::RMSpropParams with_momentum;
  with_momentum.momentum = 0.9;
  testing::KernelRun used(rmsprop_checking_every_buffer, with_momentum, Vector{{0.0}});
  BOOST_CHECK_NO_THROW(used.step(1.0));
}

BOOST_AUTO_TEST_CASE(a_perturbed_point_kept_between_calls_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(point_kept_between_calls));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the perturbed point outlives the call (a static"));
}

BOOST_AUTO_TEST_CASE(a_step_floored_at_root_epsilon_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(h_floored));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "= √ε, not by h: is a small h replaced by a floor"));
}

BOOST_AUTO_TEST_CASE(a_decay_without_its_parentheses_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adagrad_lines(adagrad_no_parentheses));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "are the parentheses around t − 1 missing?"));
}

BOOST_AUTO_TEST_CASE(a_maximum_decided_on_the_corrected_v_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(amsgrad_corrected_comparison, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the maximum decided on the corrected v/(1 − β₂ᵗ) but the raw v stored"));
}

BOOST_AUTO_TEST_CASE(powers_with_their_arguments_swapped_are_named) {
  const std::string text = testing::adabelief_edit(adabelief_pow_swapped);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with one change, ŝ ← s/(1 − β₂ᵗ) is in yours ŝ ← s/(1 − t^(β₂))"));
}

BOOST_AUTO_TEST_CASE(a_momentum_raised_to_the_power_t_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(momentum_to_the_t));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "βᵗ at the step measured"));
}

BOOST_AUTO_TEST_CASE(a_landing_with_the_momentum_applied_twice_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::nesterov_lines(nesterov_momentum_twice));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "β is applied twice"));
}

BOOST_AUTO_TEST_CASE(an_lr_decay_applied_to_the_gradient_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adagrad_lines(adagrad_decay_on_the_gradient));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the lr decay applied to the gradient?"));
}

BOOST_AUTO_TEST_CASE(a_second_moment_about_the_mean_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_v_about_the_mean, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the second moment's line reads m"));
  BOOST_TEST(says(text, "it averages (g − m)²"));
}

BOOST_AUTO_TEST_CASE(epsilon_added_to_the_inverse_is_named) {
  const std::string text = testing::rmsprop_edit(rmsprop_epsilon_on_the_inverse);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "η·g·(1/√v + ε)"));
}

BOOST_AUTO_TEST_CASE(both_branches_taken_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_both_branches));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "both branches taken"));
}

BOOST_AUTO_TEST_CASE(an_average_started_at_the_first_square_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 5>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v = 0 is a case of its own that starts the average at g²"));
}

BOOST_AUTO_TEST_CASE(options_run_as_two_passes_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_two_passes));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v was averaged twice in one step"));
  BOOST_TEST(says(text, "run as two passes"));
}

BOOST_AUTO_TEST_CASE(a_slope_summed_in_an_int_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(integer_slope));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the slope truncated to an integer?"));
}

BOOST_AUTO_TEST_CASE(a_relative_epsilon_is_named) {
  const std::string text = testing::adagrad_edit(adagrad_relative_epsilon);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "√S·(1 + ε)"));
}

BOOST_AUTO_TEST_CASE(a_momentum_fixed_at_its_default_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(fixed_momentum_heavy_ball));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is β fixed at 0.9, MomentumParams's default"));
}

BOOST_AUTO_TEST_CASE(trials_made_with_the_arguments_of_pow_exchanged_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(pow_arguments_search));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is α₀·j^τ, std::pow(j, τ) with the arguments the wrong way round"));
}

BOOST_AUTO_TEST_CASE(both_weight_decays_at_once_are_named) {
  // AdamW's shrink with L2, before λθ is added (the gradient sees the shrunk θ) and after it.
  for (const auto kernel : {adam_like<38>, adam_like<39>}) {
    const std::string text = testing::what_the_probes_found(testing::adam_lines(kernel, false));
    BOOST_TEST_INFO(text);
    BOOST_TEST(says(text, "both decays at once"));
  }
}

BOOST_AUTO_TEST_CASE(a_trial_point_shrunk_whole_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(point_shrinking_search));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the whole trial point was multiplied by τ after each rejection"));
}

BOOST_AUTO_TEST_CASE(a_step_held_in_a_float_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(float_alpha_search));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is α held in a float?"));
}

BOOST_AUTO_TEST_CASE(a_gradient_written_whole_at_each_coordinate_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(whole_vector_difference));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "only the last component is the slope, every other is 0"));
}

BOOST_AUTO_TEST_CASE(bias_corrections_exchanged_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 18>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the two bias corrections are exchanged"));
}

BOOST_AUTO_TEST_CASE(centred_with_momentum_sent_to_the_uncentred_step_is_named) {
  RMSpropParams both;
  both.centered = true;
  both.momentum = 0.9;
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(centred_momentum_uncentred, both, testing::rmsprop_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "does the branch for the two options at once go to the uncentred step?"));
}

BOOST_AUTO_TEST_CASE(the_conditions_added_with_two_plus_beta_are_named) {
  const std::string text = testing::tuning_edit(conditions_added_tuning, false);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with the left side taken as 2 + β"));
}

BOOST_AUTO_TEST_CASE(a_sufficient_decrease_fixed_at_its_typical_value_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(fixed_c_search));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is c fixed at §1.5's typical value 10⁻⁴"));
}

BOOST_AUTO_TEST_CASE(a_band_centred_at_the_geometric_mean_is_named) {
  const std::string text = testing::tuning_edit(geometric_mean_tuning, false);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "ηλ = 1 put at the geometric mean √(λ₁λₙ)"));
}

BOOST_AUTO_TEST_CASE(a_direction_refused_by_its_first_trial_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(refuses_a_rising_first_trial));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the search refused d = (−2, −1), a descent direction"));
}

BOOST_AUTO_TEST_CASE(a_direction_refused_unless_every_coordinate_descends_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(every_coordinate_descends));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is d refused unless every coordinate descends?"));
}

BOOST_AUTO_TEST_CASE(a_factor_two_over_h_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(two_over_h));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is 1/(2h) written 2.0 / h"));
}

BOOST_AUTO_TEST_CASE(a_central_difference_of_width_h_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(width_h));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the points x ± (h/2)e_i over h make the central difference of width h"));
}

BOOST_AUTO_TEST_CASE(a_quotient_held_in_a_float_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(quotient_in_float));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "every component of the estimate is a float's value"));
}

BOOST_AUTO_TEST_CASE(a_one_sided_second_order_difference_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(one_sided_second_order));
  BOOST_TEST_INFO(text);
  BOOST_TEST(
      says(text, "that is the one-sided formula (−3f(x) + 4f(x + he_i) − f(x + 2he_i))/(2h)"));
  BOOST_TEST(!says(text, "the central difference needs no f(x)"));
}

BOOST_AUTO_TEST_CASE(a_friction_moved_across_without_its_sign_is_named) {
  const std::string text = testing::physics_edit(friction_sign_lost);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "moved across the equation without its sign changed"));
}

BOOST_AUTO_TEST_CASE(a_one_taken_from_the_numerator_alone_is_named) {
  const std::string text = testing::physics_edit(one_from_the_numerator);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with the 1 taken from the numerator alone"));
}

BOOST_AUTO_TEST_CASE(the_effective_step_taken_for_eta_is_named) {
  const std::string text = testing::physics_edit(effective_step_map);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "§3.2's effective step η/(1 − β) = Δt/μ"));
}

BOOST_AUTO_TEST_CASE(a_time_step_cancelled_is_named) {
  const std::string text = testing::physics_edit(cancels_a_time_step);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a Δt cancelled between Δt² and m + μΔt"));
}

BOOST_AUTO_TEST_CASE(an_input_read_from_another_field_is_named) {
  const std::string text = testing::physics_edit(time_step_from_friction);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "every line reads μ where the notes have Δt"));
}

BOOST_AUTO_TEST_CASE(a_time_step_taken_for_the_step_size_is_named) {
  const std::string text = testing::physics_edit(beta_from_eta);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "β ← m/(m + μ·η)"));
}

BOOST_AUTO_TEST_CASE(a_square_expanded_as_a_difference_of_squares_is_named) {
  const std::string text = testing::tuning_edit(difference_of_squares_tuning, false);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the square of a difference taken as the difference of the squares"));
}

BOOST_AUTO_TEST_CASE(a_root_over_the_whole_quotient_is_named) {
  const std::string text = testing::tuning_edit(root_over_the_quotient, true);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "√((κ − 1)/(κ + 1))"));
}

BOOST_AUTO_TEST_CASE(a_lookahead_with_one_plus_beta_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::nesterov_lines(nesterov_lookahead<false>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the lookahead's momentum is 1 + β, expected β"));
}

BOOST_AUTO_TEST_CASE(a_state_read_as_the_lookahead_point_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::nesterov_lines(nesterov_state_as_lookahead));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text,
                  "the step reads its state as (y_t, x_t), x the lookahead point and "
                  "x_previous the last landing point"));
}

BOOST_AUTO_TEST_CASE(a_schedule_taken_for_no_momentum_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::nesterov_lines(scheduled_when_zero));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with β = 0, from x_t = 1, x_{t−1} = 0 at step 31 ∇f was asked at"));
  BOOST_TEST(says(text, "β = 0 is a valid momentum that means none"));
}

BOOST_AUTO_TEST_CASE(no_decay_read_as_a_factor_zero_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adagrad_lines(adagrad_decay_factor));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is lr_decay = 0 taken as a factor 0 on the learning rate?"));
}

BOOST_AUTO_TEST_CASE(a_buffer_started_at_the_gradient_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_buffer_slip<false>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "torch.optim.SGD's first-step rule"));
}

BOOST_AUTO_TEST_CASE(a_buffer_that_forgets_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_buffer_slip<true>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "b holds this step's g/d alone"));
}

BOOST_AUTO_TEST_CASE(a_previous_point_averaged_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(previous_averaged));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a moving average of the iterates"));
}

BOOST_AUTO_TEST_CASE(a_second_difference_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(second_difference));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is the second difference"));
}

BOOST_AUTO_TEST_CASE(the_mean_of_two_outward_slopes_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(outward_slopes));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the mean of two slopes both measured outward from x"));
  BOOST_TEST(!says(text, "integer division"));
}

BOOST_AUTO_TEST_CASE(the_initial_accumulator_taken_for_epsilon_is_named) {
  const std::string text = testing::adagrad_edit(adagrad_tau_for_epsilon);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "√S + τ"));
}

BOOST_AUTO_TEST_CASE(a_counter_that_depends_on_the_options_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_counts_only_with_correction, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with bias_correction = false the step counter t is 0"));
}

BOOST_AUTO_TEST_CASE(conventions_that_exclude_each_other_are_named) {
  const std::string text = testing::adam_edit(adam_conventions_exclusive, false);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with epsilon_inside_root with bias_correction = false"));
}

BOOST_AUTO_TEST_CASE(an_index_captured_once_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(index_captured_once));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "moved coordinate 0, whatever i"));
}

BOOST_AUTO_TEST_CASE(an_update_applied_again_where_it_is_read_is_named) {
  const std::string text = testing::adagrad_edit(adagrad_square_twice);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "√(S + g²)"));
}

BOOST_AUTO_TEST_CASE(corrections_by_the_sum_of_the_weights_are_named) {
  const std::string text = testing::adam_edit(adam_sum_of_weights, false);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "(1 − β₁ᵗ)/(1 − β₁)"));
}

BOOST_AUTO_TEST_CASE(a_maximum_over_the_coordinates_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(amsgrad_across_coordinates, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the maximum taken over the coordinates?"));
}

BOOST_AUTO_TEST_CASE(a_buffer_filled_that_the_options_leave_empty_is_named) {
  const std::string text = testing::what_the_probes_found(
      testing::probe_step(rmsprop_fills_every_buffer, RMSpropParams{}, testing::rmsprop_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "filled b (3 entries), which reset() leaves empty"));
  BOOST_TEST(says(text, "filled ḡ (3 entries)"));
}

BOOST_AUTO_TEST_CASE(a_two_sided_goldstein_test_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(goldstein));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "Goldstein's second line"));
  BOOST_TEST(!says(text, "the factor c is missing"));
}

BOOST_AUTO_TEST_CASE(a_slope_summed_over_the_outer_product_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(outer_slope));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the sum of the matrix ∇f dᵀ"));
  BOOST_TEST(!says(text, "−‖∇f‖² = −17"));
}

BOOST_AUTO_TEST_CASE(a_cauchy_schwarz_slope_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(cauchy_schwarz_slope));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "it stops where the slope −‖∇f‖‖d‖ = −9.22 would"));
}

BOOST_AUTO_TEST_CASE(a_nan_step_that_passes_the_check_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(nan_step_passes));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a NaN h passes a test such as h <= 0"));
}

BOOST_AUTO_TEST_CASE(an_l1_weight_decay_is_named) {
  const std::string text = testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_l1));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "that is λ·sign(θ)"));
}

BOOST_AUTO_TEST_CASE(powers_read_as_products_are_named) {
  const std::string text = testing::what_the_probes_found(
      testing::probe_step(adam_beta_times_t, AdamParams{}, testing::adam_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is βᵗ written β·t?"));
}

BOOST_AUTO_TEST_CASE(a_ratio_is_written_in_the_betas_with_powers_up_to_two) {
  const std::vector<testing::Named> betas = {{"β₁", 0.9}, {"β₂", 0.999}};
  BOOST_TEST(testing::as_product(0.999 / 0.9, betas) == "β₂/β₁");
  BOOST_TEST(testing::as_product(0.999 * std::sqrt(0.999) / 0.9, betas) == "β₂√β₂/β₁");
  BOOST_TEST(testing::as_product(0.9 * 0.9 / 0.999, betas) == "β₁²/β₂");
  BOOST_TEST(testing::as_product(3.0, betas).empty());
}

BOOST_AUTO_TEST_CASE(a_loop_unrolled_without_its_tail_is_named) {
  const std::string text = probes_of(unrolled_without_tail);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the last coordinate of every odd n, none of an even n"));
  BOOST_TEST(
      testing::unstepped_coordinates(notes_step, GradientDescentParams{0.1}, "the step").empty());
}

BOOST_AUTO_TEST_CASE(a_line_skipped_while_its_old_value_is_zero_is_named) {
  const auto skipped = [](double u, double w) { return u == 0.0 ? 0.0 : u + w; };
  const auto product = [](double u, double w) { return u * (1.0 + 0.5 * w); };
  const std::vector<testing::Named> constants = {{"1", 1.0}};
  const auto said = [&](const testing::MeasuredLine& line) {
    return testing::check_line("the sum's line", "S", line, {{1.0, "S"}, {1.0, "g²"}}, constants,
                               "§5.2");
  };
  const std::string guard = said(testing::measure_line(skipped));
  BOOST_TEST_INFO(guard);
  BOOST_TEST(says(guard, "is the line skipped while S = 0"));
  const std::string times = said(testing::measure_line(product));
  BOOST_TEST_INFO(times);
  BOOST_TEST(says(times, "is the line written S *= …"));
}

BOOST_AUTO_TEST_CASE(a_step_that_moves_at_a_zero_gradient_is_named) {
  const std::string text = probes_of(shrinks_x);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "moved x where the gradient is 0"));
  BOOST_TEST(says(text, "it multiplied x by 0.9 = 1 − η"));
  BOOST_TEST(testing::probe_step(notes_step, GradientDescentParams{0.1}, shape()).empty());
}

BOOST_AUTO_TEST_CASE(hyper_parameters_written_into_are_named) {
  // The step's and the search's parameters are const inputs: a write through a const_cast is
  // named with the field, its value before and after.
  const std::string step = probes_of(halves_its_rate);
  BOOST_TEST_INFO(step);
  BOOST_TEST(says(step,
                  "the gradient step changed its const input, the hyper-parameters "
                  "(learning_rate = 0.1 became 0.05)"));
  BOOST_TEST(probes_of(notes_step).empty());
  const std::string search =
      testing::what_the_probes_found(testing::probe_line_search(keeps_alpha_in_params));
  BOOST_TEST_INFO(search);
  BOOST_TEST(says(search,
                  "the search changed its const input, the hyper-parameters "
                  "(initial_step = 8 became"));
}

BOOST_AUTO_TEST_CASE(a_state_vector_never_written_is_named) {
  const std::string why = testing::unwritten_state(aliased, AdamParams{}, testing::adam_shape());
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "Adam's step never wrote v: after a first step"));
  BOOST_TEST(says(why, "a reference bound to another state vector"));
  BOOST_TEST(testing::unwritten_state(notes_adam, AdamParams{}, testing::adam_shape()).empty());
}

BOOST_AUTO_TEST_CASE(a_gradient_written_into_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(writes_into_its_gradient));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "changed its const input, the gradient"));
  BOOST_TEST(testing::hidden_memory(writes_into_its_gradient, MomentumParams{0.01, 0.9},
                                    std::string("the step"))
                 .empty());
}

BOOST_AUTO_TEST_CASE(a_previous_point_not_kept_without_momentum_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(forgets_without_momentum));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with momentum β = 0, from x_t = 1 and x_{t−1} = 0.5"));
  BOOST_TEST(testing::heavy_ball_lines(previous_kept).empty());
}

BOOST_AUTO_TEST_CASE(a_loop_that_ends_at_a_zero_gradient_is_named) {
  const std::string text = probes_of(breaks_at_a_zero_gradient);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "`break` where `continue`"));
}

BOOST_AUTO_TEST_CASE(one_number_for_every_coordinate_is_named) {
  const std::string text = probes_of(sums_the_gradient);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the sum of the partial derivatives, applied to every coordinate"));
  BOOST_TEST(!says(text, "uphill"));
}

BOOST_AUTO_TEST_CASE(a_loop_that_stops_after_coordinate_0_is_not_an_index_captured) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(only_the_first_coordinate));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "was never perturbed: the loop must visit every coordinate"));
  BOOST_TEST(!says(text, "whatever i"));
}

BOOST_AUTO_TEST_CASE(a_change_of_f_compared_by_its_size_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(absolute_change));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "|f(x + αd) − f(x)| ≥ c·α·|∇fᵀd|"));
  BOOST_TEST(!says(text, "is the comparison reversed?"));
}

BOOST_AUTO_TEST_CASE(a_step_skipped_where_the_maximum_is_kept_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(amsgrad_with<true, false>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is there a `continue` (or a return) in the branch where v ≤ v_max?"));
  BOOST_TEST(
      !says(testing::what_the_probes_found(testing::adam_lines(amsgrad_with<false, false>, true)),
            "`continue`"));
}

BOOST_AUTO_TEST_CASE(a_first_step_without_its_maximum_is_named) {
  const std::string why = testing::unwritten_state(
      amsgrad_with<false, true>, AdamParams{.amsgrad = true}, testing::adam_shape());
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "wrote v_max at its second step but not at its first"));
}

BOOST_AUTO_TEST_CASE(a_surprise_squared_as_welfords_product_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_welford));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "(g − m_{t−1})(g − m_t)"));
}

BOOST_AUTO_TEST_CASE(a_moving_average_written_with_plus_equals_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_accumulates));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the line written v += … where v = … was meant?"));
}

BOOST_AUTO_TEST_CASE(a_momentum_schedule_over_the_run_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(scheduled_heavy_ball));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text,
                  "the step changes with t: from the same x_t, x_{t−1} and ∇f the fourth "
                  "step gives"));
}

BOOST_AUTO_TEST_CASE(a_complement_of_another_parameter_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(averaged_gradient_heavy_ball));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "(1 − β wherever the line has η)"));
}

BOOST_AUTO_TEST_CASE(a_slope_of_the_first_coordinate_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(first_coordinate_slope));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the slope ∂₀f·d₀ = −2 would, the first coordinate's term alone"));
}

BOOST_AUTO_TEST_CASE(a_fixed_amount_to_fall_by_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(falls_by_c));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "f(x + αd) ≤ f(x) − c would"));
  BOOST_TEST(!says(text, "plain decrease"));
}

BOOST_AUTO_TEST_CASE(a_wrong_previous_point_is_not_blamed_on_beta_zero) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(keeps_the_pushed_point));
  BOOST_TEST_INFO(text);
  BOOST_TEST(!says(text, "with momentum β = 0"));
  BOOST_TEST(says(text, "x_previous must hold x_t after the step; it holds"));
}

BOOST_AUTO_TEST_CASE(a_running_sum_for_the_maximum_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(amsgrad_with<false, false, true>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v_max ← v_max + v, a sum"));
}

BOOST_AUTO_TEST_CASE(a_moving_average_written_with_times_equals_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 4>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v ← v·(α + (1 − α)·g²): from v = 0 it stays 0 whatever g²"));
  BOOST_TEST(says(text, "is the line written v *= … where v = … was meant?"));
  BOOST_TEST(!says(text, "does v accumulate g or |g|"));
}

BOOST_AUTO_TEST_CASE(a_step_counter_is_named_by_how_it_counts) {
  BOOST_TEST(testing::counter_finding(1, 3) == "");
  BOOST_TEST(says(testing::counter_finding(2, 6), "counted twice per step"));
  BOOST_TEST(says(testing::counter_finding(3, 9, 3), "once per coordinate"));
  BOOST_TEST(says(testing::counter_finding(0, 0), "t is never incremented"));
  BOOST_TEST(says(testing::counter_finding(1, 1), "t is set to 1, not counted"));
  BOOST_TEST(says(testing::counter_finding(0, 2), "incremented after it is used"));
}

BOOST_AUTO_TEST_CASE(a_trial_compared_with_itself_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(compares_with_itself));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "each trial compared with itself"));
}

BOOST_AUTO_TEST_CASE(a_direction_answered_with_zero_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(ascent_returns_zero));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "answered with a step size instead of refused"));
  BOOST_TEST(!says(text, "`!slope < 0`"));
}

BOOST_AUTO_TEST_CASE(a_test_divided_by_f_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(relative_decrease));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the condition divided by f(x), a relative decrease"));
}

BOOST_AUTO_TEST_CASE(a_passing_first_step_grown_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(extends_a_passing_step));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "a step longer than α₀. Backtracking only shrinks"));
}

BOOST_AUTO_TEST_CASE(a_direction_refused_with_runtime_error_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(ascent_runtime_error));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "refused before any trial, but with the wrong exception"));
}

BOOST_AUTO_TEST_CASE(a_clamped_shrink_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(clamped_shrink));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with τ = 0.7 the search tried α = 8, then 4"));
  BOOST_TEST(says(text, "is τ clamped to a range of its own"));
}

BOOST_AUTO_TEST_CASE(a_test_whose_outcome_is_not_used_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(empty_if));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the search returns α₀ after one call of f whatever f(x + α₀d) is"));
}

BOOST_AUTO_TEST_CASE(two_names_for_one_perturbed_point_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(aliased_points));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "f was called twice at x − he_i and never at x + he_i"));
}

BOOST_AUTO_TEST_CASE(a_local_bound_to_the_state_is_named) {
  const std::string text = testing::heavy_ball_edit(next_in_previous);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "x_next and x_previous are one variable under two names"));
}

BOOST_AUTO_TEST_CASE(a_maximum_by_arithmetic_is_named) {
  const std::string text = testing::what_the_probes_found(
      testing::adam_lines(amsgrad_with<false, false, false, true>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "not max(v_max, v) exactly"));
}

BOOST_AUTO_TEST_CASE(a_square_written_with_another_factor_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 7>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "it averages (g − m)·g, not the squared surprise"));
}

BOOST_AUTO_TEST_CASE(a_search_refusing_valid_parameters_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_line_search(refuses_half));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the search refused a valid call"));
}

BOOST_AUTO_TEST_CASE(a_lookahead_through_torchs_buffer_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::nesterov_lines(nesterov_through_the_buffer));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "1e10/1e-300 overflows"));
}

BOOST_AUTO_TEST_CASE(rmsprop_with_decoupled_decay_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_decoupled));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "AdamW's decoupled decay θ ← (1 − ηλ)θ"));
}

BOOST_AUTO_TEST_CASE(a_state_vector_bound_to_another_is_named_by_the_lines) {
  // Asked with every option that uses a vector: the default RMSProp is not centred.
  const std::string text = testing::lines_say(rmsprop_average_in_v, RMSpropParams{})();
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "RMSProp's step never wrote ḡ"));
}

BOOST_AUTO_TEST_CASE(a_decay_read_from_epsilon_is_named) {
  const std::string text =
      testing::theta_in_the_gradient(adam_decay_from_epsilon, AdamParams{}, "Adam's step");
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "read from a small parameter of another name, such as ε"));
  // θ in the gradient's place is the other reading.
  BOOST_TEST(!says(testing::theta_in_the_gradient(rmsprop_fma_order, RMSpropParams{}, "RMSProp"),
                   "small parameter"));
}

BOOST_AUTO_TEST_CASE(the_first_moments_weight_moved_into_the_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_weight_in_the_step, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the weight 1 − β₁ moved from m's line into the step"));
}

BOOST_AUTO_TEST_CASE(a_refused_epsilon_of_zero_is_named) {
  const std::string text = testing::what_the_probes_found(testing::probe_lines_and_step(
      adagrad_refusing_zero_epsilon, AdagradParams{}, testing::adagrad_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "Adagrad's step refused ε = 0"));
}

BOOST_AUTO_TEST_CASE(valid_betas_refused_are_named) {
  AdamParams p;
  p.amsgrad = true;
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(amsgrad_refusing_betas, p, testing::shape_for(p)));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "AMSGrad's step refused β₁ = 0.99, β₂ = 0.9"));
  BOOST_TEST(says(text, "not a condition of the update"));
  const std::string open = testing::what_the_probes_found(testing::probe_lines_and_step(
      adam_open_betas, AdamParams{}, testing::shape_for(AdamParams{})));
  BOOST_TEST_INFO(open);
  BOOST_TEST(says(open, "Adam's step refused β₁ = 0, β₂ = 0.999"));
  BOOST_TEST(says(open, "β₁ = 0 is the step without momentum"));
  const std::string decay = testing::what_the_probes_found(testing::probe_lines_and_step(
      adagrad_decay_below_one, AdagradParams{}, testing::shape_for(AdagradParams{})));
  BOOST_TEST_INFO(decay);
  BOOST_TEST(says(decay, "refused lr_decay = 2"));
  const std::string options = testing::what_the_probes_found(testing::probe_lines_and_step(
      rmsprop_without_both, RMSpropParams{}, testing::shape_for(RMSpropParams{})));
  BOOST_TEST_INFO(options);
  BOOST_TEST(says(options, "refused centered = true with momentum μ = 0.9"));
}

BOOST_AUTO_TEST_CASE(a_clamped_decoupled_shrink_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<14>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the shrink clamped, max(0, 1 − ηλ)?"));
}

BOOST_AUTO_TEST_CASE(epsilon_added_to_v_inside_the_root_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<15>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with epsilon_inside_root, with ε = 0.1 and g = 0 the second moment's"));
}

BOOST_AUTO_TEST_CASE(a_root_written_back_into_the_sum_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<5>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the root written back into S"));
}

BOOST_AUTO_TEST_CASE(epsilon_as_a_floor_of_the_belief_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 6>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "ε is a floor, s ← max(β₂s + (1 − β₂)(g − m)², ε), not a term"));
}

BOOST_AUTO_TEST_CASE(a_decay_beside_the_root_alone_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<6>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "with ε = √S it takes ε as ε·1/(1 + (t − 1)·lr_decay)"));
  BOOST_TEST(says(text, "the decay 1 + (t − 1)·lr_decay is put beside √S alone"));
}

BOOST_AUTO_TEST_CASE(epsilon_scaled_by_a_folded_correction_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_folded_epsilon, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(text.find("θ's line is the notes' at a tiny ε, but with ε = √v̂ it takes ε as "
                       "ε·1/(1 − β₂ᵗ)") == 2u);  // said first, after ": "
}

BOOST_AUTO_TEST_CASE(a_first_step_that_sets_the_sum_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<7>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the first step does not read the S it is given"));
  // A step that never reads S (S ← g² every step) ignores it at t = 5 too: not this reading.
  BOOST_TEST(!says(testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<5>)),
                   "the first step does not read"));
}

BOOST_AUTO_TEST_CASE(a_correction_one_step_late_is_named) {
  AdamParams amsgrad;
  amsgrad.amsgrad = true;
  const std::string text =
      testing::stopped_by_the_correction(adam_like<16>, amsgrad, "AMSGrad's step");
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is a correction computed with t − 1"));
  BOOST_TEST(!says(text, "ternary"));
}

BOOST_AUTO_TEST_CASE(a_maximum_taken_before_v_is_updated_is_named) {
  AdamParams amsgrad;
  amsgrad.amsgrad = true;
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(adam_like<36>, amsgrad, testing::adam_shape("AMSGrad's step")));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the v of the first step: v_max is written from v before v's own line"));
  BOOST_TEST(!says(text, "special-cased"));
}

BOOST_AUTO_TEST_CASE(trials_on_the_other_side_of_x_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(trials_behind_x));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "which is x − αd; the trial point is x + αd"));
  BOOST_TEST(!says(text, "made from the last one"));
}

BOOST_AUTO_TEST_CASE(squares_of_the_gradient_and_the_decay_added_apart_are_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<8>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "S gained ∇f² + (λθ)², the two squares apart"));
}

BOOST_AUTO_TEST_CASE(a_first_step_that_sets_the_maximum_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<17>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is the first step special-cased, v_max = v when t == 1?"));
  BOOST_TEST(!says(text, "min(v_max, v)"));
}

BOOST_AUTO_TEST_CASE(corrections_without_their_exponent_are_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<18>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the step size is η·1/(1 − β₁), the notes' η/(1 − β₁ᵗ)"));
}

BOOST_AUTO_TEST_CASE(a_decay_multiplied_instead_of_divided_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<9>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is η multiplied by 1 + (t − 1)·lr_decay where the notes divide by it?"));
}

BOOST_AUTO_TEST_CASE(a_learning_rate_decayed_inside_the_step_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<19>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the step size is η·1/((1 − β₁ᵗ)·√t)"));
  BOOST_TEST(says(text, "is the learning rate decayed inside the step"));
}

BOOST_AUTO_TEST_CASE(corrections_added_instead_of_divided_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<20>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the corrections are added, m̂ = m + β₁ᵗg and v̂ = v + β₂ᵗg²"));
}

BOOST_AUTO_TEST_CASE(corrections_inside_the_averages_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<21>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the newest term is divided by 1 − β₁ᵗ inside the average"));
  BOOST_TEST(says(text, "the newest term is divided by 1 − β₂ᵗ inside the average"));
}

BOOST_AUTO_TEST_CASE(a_weight_decay_added_after_the_division_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<10>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the weight decay λθ is added after the division"));
}

BOOST_AUTO_TEST_CASE(a_search_that_returns_the_loss_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(returns_the_loss));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "it returns the loss it compared, not the step size"));
  BOOST_TEST(!says(text, "expanding line search"));
}

BOOST_AUTO_TEST_CASE(friction_taken_off_twice_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(friction_twice));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "(2β − 1)·(x_t − x_{t−1})"));
  BOOST_TEST(says(text, "2β − 1 = β − (1 − β)"));
}

BOOST_AUTO_TEST_CASE(the_displacement_added_on_top_of_its_momentum_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(displacement_twice));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the momentum term is (1 + β)·(x_t − x_{t−1})"));
  BOOST_TEST(says(text, "is x_t − x_{t−1} added on top of β(x_t − x_{t−1})?"));
}

BOOST_AUTO_TEST_CASE(a_kept_gradient_is_named_first) {
  const std::vector<std::string> found = testing::heavy_ball_lines(last_gradient_kept);
  BOOST_TEST_REQUIRE(!found.empty());
  BOOST_TEST_INFO(found.front());
  BOOST_TEST(says(found.front(), "it holds ∇f, the gradient"));
}

BOOST_AUTO_TEST_CASE(a_buffer_form_without_eta_on_the_buffer_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::heavy_ball_lines(buffer_without_eta));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the momentum term is β/η·(x_t − x_{t−1})"));
  BOOST_TEST(says(text, "η multiplies the whole bracket"));
}

BOOST_AUTO_TEST_CASE(a_buffer_that_holds_the_previous_position_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 8>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the buffer holds θ_t = 1, the position before the step"));
}

BOOST_AUTO_TEST_CASE(a_surprise_with_beta1_twice_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 10>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the surprise is β₁(g − m_t) = β₁²(g − m_{t−1})"));
}

BOOST_AUTO_TEST_CASE(epsilon_factored_out_of_the_denominator_is_named) {
  // Its probe runs before the lines: measured from states with S > 0, the lines are the notes'.
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(adagrad_like<12>, AdagradParams{}, testing::adagrad_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "made coordinate 1 NaN on a first step whose gradient there is exactly 0"));
  BOOST_TEST(says(testing::lines_say(adagrad_like<12>, AdagradParams{})(), "a 0/0"));
  for (const std::string& found :
       {testing::nan_from_a_zero_gradient(adagrad_like<0>, AdagradParams{},
                                          testing::adagrad_shape()),
        testing::nan_from_a_zero_gradient(adam_like<0>, AdamParams{}, testing::adam_shape())}) {
    BOOST_TEST_INFO(found);
    BOOST_TEST(found.empty());
  }
}

BOOST_AUTO_TEST_CASE(a_dead_zone_for_gradients_below_epsilon_is_named) {
  // Its probe runs before the lines, which could not say it (no single edit skips a coordinate).
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(adagrad_like<11>, AdagradParams{}, testing::adagrad_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text,
                  "is a gradient below a threshold (|g| ≤ ε, or one that looks like 0) "
                  "skipped?"));
  BOOST_TEST(says(testing::lines_say(adagrad_like<11>, AdagradParams{})(), "not a dead zone"));
  for (const std::string& found :
       {testing::skips_small_gradients(adagrad_like<0>, AdagradParams{}, testing::adagrad_shape()),
        testing::skips_small_gradients(adam_like<0>, AdamParams{}, testing::adam_shape())}) {
    BOOST_TEST_INFO(found);
    BOOST_TEST(found.empty());
  }
}

BOOST_AUTO_TEST_CASE(the_second_correction_moved_into_the_step_size_as_a_division_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<24>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text,
                  "the correction √(1 − β₂ᵗ) was moved out of the denominator into the "
                  "step size as a division"));
  BOOST_TEST(!says(text, "(1 − β₁ᵗ)/(1 − β₁ᵗ)"));
}

BOOST_AUTO_TEST_CASE(corrections_of_first_order_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<26>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the corrections are t(1 − β₁) and t(1 − β₂)"));
  BOOST_TEST(!says(text, "√η"));
}

BOOST_AUTO_TEST_CASE(the_two_forms_of_a_moving_average_mixed_are_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<27>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "m ← (2β₁ − 1)·m + (1 − β₁)·g"));
  BOOST_TEST(says(text, "are the two forms of a moving average mixed"));
}

BOOST_AUTO_TEST_CASE(a_second_moment_floored_at_the_first_squared_is_named) {
  const std::string text = testing::adam_edit(adam_like<28>, false, true);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v̂ ← max(v, m̂²), v̂ floored at m̂², as if Jensen's inequality gave v̂ ≥ m̂²"));
}

BOOST_AUTO_TEST_CASE(a_decay_added_in_the_step_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<30>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "λθ is added beside m̂ in the step"));
  BOOST_TEST(!says(text, "weight_decay is ignored"));
}

BOOST_AUTO_TEST_CASE(a_shrink_of_the_update_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<31>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "multiplied the update by 1 − ηλ and left θ unshrunk"));
}

BOOST_AUTO_TEST_CASE(a_maximum_corrected_only_when_raised_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<41>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v_max is bias corrected only when this step's v is the maximum"));
}

BOOST_AUTO_TEST_CASE(a_shrink_of_the_gradient_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<40>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "multiplied the gradient by 1 − ηλ and left θ unshrunk"));
  BOOST_TEST(!says(text, "decoupled weight decay is not applied"));
}

BOOST_AUTO_TEST_CASE(corrections_as_powers_of_the_weights_are_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<32>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the bias corrections are 1 − (1 − β₁)ᵗ and 1 − (1 − β₂)ᵗ"));
  BOOST_TEST(!says(text, "do they stop after some step"));
}

BOOST_AUTO_TEST_CASE(a_maximum_stored_corrected_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<33>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "max(v_max, v)/(1 − β₂ᵗ)"));
}

BOOST_AUTO_TEST_CASE(a_zero_decay_replaced_by_the_default_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<34>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "θ was shrunk as if λ = 0.01: is λ = 0 replaced by a default"));
}

BOOST_AUTO_TEST_CASE(a_first_moment_not_stored_without_momentum_is_named) {
  const std::string text = testing::what_the_probes_found(
      testing::probe_lines_and_step(adam_like<35>, AdamParams{}, testing::adam_shape()));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is β₁ = 0 a shortcut that steps with g and never stores m?"));
}

BOOST_AUTO_TEST_CASE(an_option_read_inverted_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<29>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the option that tells them apart is read inverted"));
  BOOST_TEST(!says(text, "do they stop after some step"));
}

BOOST_AUTO_TEST_CASE(a_maximum_that_adds_every_rise_of_v_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adam_lines(adam_like<25>, true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the maximum's line adds every rise of v to v_max"));
  BOOST_TEST(!says(text, "never writes v_max"));
}

BOOST_AUTO_TEST_CASE(a_mean_stored_as_its_square_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 9>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the square of §5.3's line: is a square that another line needs stored"));
}

BOOST_AUTO_TEST_CASE(an_lr_decay_read_as_a_forgetting_factor_is_named) {
  const std::string text = testing::what_the_probes_found(testing::adagrad_lines(adagrad_like<16>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "is lr_decay read as a forgetting factor of S"));
}

BOOST_AUTO_TEST_CASE(a_variance_written_back_into_v_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 12>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "v holds v − ḡ², the variance written back into the state"));
}

BOOST_AUTO_TEST_CASE(a_hyper_parameter_written_as_a_number_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 13>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text,
                  "α is 0.9 in every line, whatever the parameters say: is it written as a "
                  "number (a library's default?)"));
}

BOOST_AUTO_TEST_CASE(a_buffer_divided_whole_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 10>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "b ← (μb + g)/d: the old buffer is divided by d again at every step"));
}

BOOST_AUTO_TEST_CASE(a_centred_average_of_the_gradients_size_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 6>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "ḡ averages |g|, the gradient's size"));
}

BOOST_AUTO_TEST_CASE(a_surprise_against_the_belief_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 8>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the surprise is g − s, the gradient minus the belief"));
}

BOOST_AUTO_TEST_CASE(a_bound_added_up_over_the_trials_is_named_alone) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_line_search(bound_added_up));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the predicted decrease added up over the rejected trials"));
  // The step-down function tells it from a bound shrunk whole and from a bound that keeps α₀.
  BOOST_TEST(!says(text, "τᵏ·(f(x) + c·α₀·∇fᵀd)"));
  BOOST_TEST(!says(text, "the bound uses α₀ at every trial"));
}

BOOST_AUTO_TEST_CASE(a_root_of_a_difference_taken_as_a_difference_of_roots_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<22>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "√(1 − β₂ᵗ) is taken as 1 − √(β₂ᵗ)"));
}

BOOST_AUTO_TEST_CASE(a_component_made_of_another_coordinates_values_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::probe_central_difference(pairs_read_at_i));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "coordinate 1's slope: a component made of another coordinate's values"));
}

BOOST_AUTO_TEST_CASE(a_decoupled_decay_at_the_first_step_only_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adam_lines(adam_like<23>, false));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the decay is applied at the first step only?"));
}

BOOST_AUTO_TEST_CASE(a_bessel_corrected_variance_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::rmsprop_lines(rmsprop_with<false, false, 7>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "the variance is multiplied by Bessel's correction t/(t − 1)"));
}

BOOST_AUTO_TEST_CASE(an_epsilon_corrected_in_advance_is_named) {
  const std::string text =
      testing::what_the_probes_found(testing::adabelief_lines(adabelief_with<false, false, 9>));
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "s gains ε/(1 − β₂)"));
}

BOOST_AUTO_TEST_CASE(a_symbol_dropped_from_a_sum_is_named_as_dropped) {
  const std::string text = testing::radius_edit(radius_sum_without_beta);
  BOOST_TEST_INFO(text);
  BOOST_TEST(says(text, "s ← 1 + β − η·λ is in yours s ← 1 − η·λ"));
  BOOST_TEST(!says(text, "max(1, β)"));
}

BOOST_AUTO_TEST_SUITE_END()
