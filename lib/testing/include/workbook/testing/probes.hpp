#pragma once
// Probes of an update rule's step: properties that every correct step of the notes has, whatever
// its formula, each with the sentence a teacher would say when it breaks. The tests run them on
// the student's kernel, so that a slip nobody listed is still named in the notes' words instead of
// being reported as bare numbers.
//
//     const auto findings = testing::probe_step(workbook::adam_step, AdamParams{}, adam_shape());
//     for (const auto& finding : findings) BOOST_TEST_INFO(finding);
//     BOOST_TEST(findings.empty());
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "workbook/format.hpp"
#include "workbook/rule.hpp"
#include "workbook/types.hpp"

namespace workbook::testing {

/// What a step should do, for the probes: how its first step depends on the gradient's scale and
/// where its state keeps vectors and the step counter.
template <class State>
struct StepShape {
  /// The step's name in the sentences, "Adam's step".
  std::string name;
  /// How the first step from a fresh state scales when the gradient is multiplied by c: as
  /// \f$c^{p}\f$ with p = `scale_exponent` (0 for the adaptive methods, whose first step is
  /// about \f$\eta\f$ whatever the gradient; 1 for gradient descent and momentum).
  double scale_exponent = 0.0;
  /// The state's vectors by name (`m`, `v`, ...), checked for NaN and infinity.
  std::function<std::vector<std::pair<std::string, const Vector*>>(const State&)> vectors;
  /// The state's step counter \f$t\f$, if it has one.
  std::function<long(const State&)> counter;
  /// What NaN or infinity after the very first step most likely comes from.
  std::string first_step_nan = "a division by zero on the first step?";
};

namespace detail {

inline bool finite(const Vector& v) {
  return v.allFinite();
}

// Whether a and b agree to a relative `tolerance`, coordinate by coordinate.
inline bool agree(const Vector& a, const Vector& b, double tolerance) {
  if (a.size() != b.size()) return false;
  for (Index i = 0; i < a.size(); ++i) {
    if (std::abs(a(i) - b(i)) > tolerance * std::max(std::abs(a(i)), std::abs(b(i)))) return false;
  }
  return true;
}

}  // namespace detail

/// Runs the probes on `kernel` with the hyper-parameters `params` (with learning_rate): returns
/// one sentence per property that the step breaks, empty if it keeps them all. Exceptions from the
/// kernel (a stub's "not implemented yet") pass through.
template <class Params, class State>
std::vector<std::string> probe_step(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                    const Params& params, const StepShape<State>& shape) {
  std::vector<std::string> findings;
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector g0{{0.3, -2.0, 5.0}};
  const std::string step = shape.name;

  // One fresh step from x0 with gradient g and these parameters: the displacement.
  auto first_step = [&](const Vector& x_start, const Vector& g, const Params& p) {
    Vector x = x_start;
    State state = start_state<State>(x, p);
    kernel(x, g, state, p);
    return Vector(x - x_start);
  };

  // The gradient is a const input: it must come back bit for bit.
  {
    Vector x = x0;
    const Vector g = g0;
    Vector copy = g;
    State state = start_state<State>(x, params);
    kernel(x, copy, state, params);
    if (std::memcmp(copy.data(), g.data(), sizeof(double) * std::size_t(g.size())) != 0) {
      findings.push_back(step + " changed its const input, the gradient (" + format_vector(g) +
                         " became " + format_vector(copy) +
                         "): work on a copy, or on the state, never on the gradient");
    }
  }

  // NaN or infinity: where it first appears, and from what.
  {
    Vector x = x0;
    State state = start_state<State>(x, params);
    for (int t = 1; t <= 5; ++t) {
      kernel(x, g0 * (t % 2 == 0 ? 0.5 : 1.0), state, params);
      std::string where;
      if (!detail::finite(x)) where = "x";
      if (shape.vectors) {
        for (const auto& [name, vector] : shape.vectors(state)) {
          if (vector != nullptr && !detail::finite(*vector))
            where += (where.empty() ? "" : ", ") + name;
        }
      }
      if (!where.empty()) {
        std::string why = step + " produced NaN or infinity in " + where + " at step " +
                          std::to_string(t) + " with finite gradients";
        if (t == 1) {
          why += ": " + shape.first_step_nan;
        } else {
          why +=
              ": a division by a quantity that can be 0 (a square root without ε, a "
              "correction with the wrong t?)";
        }
        findings.push_back(why);
        break;
      }
    }
  }

  // The step counter: 1 after the first step, t after t steps.
  if (shape.counter) {
    Vector x = x0;
    State state = start_state<State>(x, params);
    kernel(x, g0, state, params);
    const long after_one = shape.counter(state);
    kernel(x, g0, state, params);
    kernel(x, g0, state, params);
    const long after_three = shape.counter(state);
    if (after_one != 1 || after_three != 3) {
      std::string why = "the step counter t is " + std::to_string(after_one) +
                        " after one step and " + std::to_string(after_three) +
                        " after three; expected 1 and 3";
      if (after_three == after_one) {
        why += ": t is never incremented, so the bias corrections stay those of one step";
      } else if (after_one == 0) {
        why += ": t is incremented after it is used; the first step is t = 1";
      } else {
        why += ": increment t once per step, before the bias corrections";
      }
      findings.push_back(why);
    }
  }

  const Vector moved = first_step(x0, g0, params);
  if (!detail::finite(moved)) return findings;  // named above

  // Every coordinate moves, and against its gradient.
  for (Index i = 0; i < moved.size(); ++i) {
    if (moved(i) == 0.0) {
      findings.push_back(step + " left coordinate " + std::to_string(i) + " of " +
                         std::to_string(moved.size()) + " where it was although its gradient is " +
                         format_number(g0(i)) +
                         ": does the loop visit every coordinate (i < x.size())?");
    } else if (moved(i) * g0(i) > 0.0) {
      findings.push_back(step + " moved coordinate " + std::to_string(i) +
                         " uphill, along its gradient " + format_number(g0(i)) + " (by " +
                         format_number(moved(i)) + "): the step subtracts, θ ← θ − η·(...)");
    }
  }

  // The coordinates are independent: reversing their order reverses the step.
  {
    const Vector reversed = first_step(x0.reverse(), g0.reverse(), params);
    if (!detail::agree(reversed.reverse(), moved, 1e-12)) {
      findings.push_back(step +
                         " depends on the order of the coordinates: the same gradients in "
                         "reverse order give " +
                         format_vector(reversed.reverse()) + " instead of " + format_vector(moved) +
                         " (reversed back): each coordinate must use its own g, m, v (index i "
                         "everywhere)");
    }
  }

  // Linear in the learning rate.
  {
    Params doubled = params;
    doubled.learning_rate *= 2.0;
    const Vector twice = first_step(x0, g0, doubled);
    if (!detail::agree(twice, 2.0 * moved, 1e-9)) {
      const double ratio = twice.norm() / moved.norm();
      findings.push_back(step +
                         " is not proportional to the learning rate: doubling η changed "
                         "the first step by a factor " +
                         format_number(ratio, 4) + " instead of 2" +
                         (std::abs(ratio - 4.0) < 1e-6   ? " (η used twice?)"
                          : std::abs(ratio - 1.0) < 1e-6 ? " (η not used?)"
                                                         : ""));
    }
  }

  // The scale of the gradient: c·g moves the first step by c^p.
  {
    const double c = 100.0;
    const Vector scaled = first_step(x0, c * g0, params);
    // The largest distance, over the coordinates, between the measured exponent and the method's.
    double worst_deviation = 0.0;
    for (Index i = 0; i < moved.size(); ++i) {
      if (moved(i) != 0.0 && scaled(i) != 0.0) {
        const double measured = std::log(std::abs(scaled(i) / moved(i))) / std::log(c);
        worst_deviation = std::max(worst_deviation, std::abs(measured - shape.scale_exponent));
      }
    }
    if (worst_deviation > 1e-3) {
      const double p = std::log(scaled.norm() / moved.norm()) / std::log(c);
      std::string why = step + "'s first step scales like c^" + format_number(p, 3) +
                        " when the gradient is multiplied by c, expected c^" +
                        format_number(shape.scale_exponent);
      if (shape.scale_exponent == 0.0) {
        const double first = moved.cwiseAbs().maxCoeff() / params.learning_rate;
        if (std::abs(p - 1.0) < 0.05 && first > 1e4) {
          why += ": its first step is " + format_number(first) +
                 "·η, a division by ε alone? Add the current g² to the accumulated squares "
                 "before dividing by their root";
        } else if (std::abs(p - 1.0) < 0.05) {
          why +=
              ": it grows with the gradient, as plain gradient descent does; is the division "
              "by the root of the accumulated squares (√v̂, √S) missing?";
        } else if (std::abs(p + 1.0) < 0.05) {
          why +=
              ": it shrinks like 1/g; dividing by the accumulated squares (v̂, S) instead of "
              "their square root?";
        } else if (std::abs(p - 0.5) < 0.05) {
          why += ": it grows like √g; do the accumulated squares hold g instead of g²?";
        } else {
          why +=
              ": the step divides a gradient by the root of accumulated squared gradients, "
              "a ratio that does not depend on the gradient's scale";
        }
      } else if (std::abs(p) < 0.05) {
        why += ": it does not grow with the gradient; is the gradient normalised somewhere?";
      }
      findings.push_back(why);
    }
  }
  return findings;
}

}  // namespace workbook::testing

namespace workbook::testing {

/// The probes' findings as the end of a diagnosis: "" if there are none, else ": " and the
/// findings joined by "; ".
inline std::string what_the_probes_found(const std::vector<std::string>& findings) {
  std::string text;
  for (const std::string& finding : findings) text += (text.empty() ? ": " : "; ") + finding;
  return text;
}

/// The probes' findings said once per test case: the first call in a case runs `find` and returns
/// its text; later calls in the same case point back to it instead of repeating it.
inline std::string once_per_case(const std::string& probes,
                                 const std::function<std::string()>& find) {
  static std::map<std::string, boost::unit_test::test_unit_id> said;
  const boost::unit_test::test_unit_id id = boost::unit_test::framework::current_test_case().p_id;
  const auto it = said.find(probes);
  if (it != said.end() && it->second == id) {
    return " (what the probes found is in this case's first failure)";
  }
  std::string found = find();
  if (!found.empty()) said[probes] = id;
  return found;
}

}  // namespace workbook::testing
