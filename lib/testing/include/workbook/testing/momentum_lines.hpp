#pragma once
// The lines of Chapter 3's steps, measured (step_lines.hpp). A heavy-ball step is linear in what
// it reads, x_{t+1} = a·x_t + b·x_{t−1} + c·∇f: three steps measure (a, b, c), which §3.2 says are
// (1 + β, −β, −η). Nesterov's step is measured twice: where it evaluates the gradient, p·x_t +
// q·x_{t−1} (the lookahead point, (1 + β, −β)), and where it lands. A wrong step is named by the
// property its coefficients break, in the notes' words.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "workbook/momentum.hpp"
#include "workbook/testing/momentum_edits.hpp"
#include "workbook/testing/probes.hpp"
#include "workbook/testing/step_lines.hpp"

namespace workbook::testing {

/// What the probes (probes.hpp) know of a momentum step's state: x_previous and the counter t.
/// `name` is the step's name in the sentences, "the heavy-ball step".
inline StepShape<MomentumState> momentum_shape(std::string name) {
  return {
      std::move(name), 1.0,
      [](const MomentumState& s) {
        return std::vector<std::pair<std::string, const Vector*>>{{"x_previous", &s.x_previous}};
      },
      [](const MomentumState& s) { return s.t; }};
}

namespace detail {

// One-dimensional Polyak-form coefficients: x_{t+1} = a·x_t + b·x_{t−1} + c·g, and where
// x_previous ends, e·x_t + f·x_{t−1} + h·g.
struct MomentumCoefficients {
  double a = 0, b = 0, c = 0;  // x_{t+1}
  double e = 0, f = 0, h = 0;  // x_previous after the step
  bool linear = true;
};

// The parameters the steps are measured with: distinct from every constant a slip could put in
// their place (β ≠ 1 − β, η ≠ ηβ).
inline MomentumParams measuring_params() {
  MomentumParams params;
  params.learning_rate = 0.1;
  params.momentum = 0.6;
  return params;
}

// One step of a one-dimensional state, from x_t = x and x_{t−1} = previous (the fourth step):
// `step(point, state)` takes it; returns x_{t+1} and x_previous after it (NaN if the step resized
// them).
template <class Step>
std::pair<double, double> one_dimensional_step(double x, double previous, Step step, long t = 3) {
  Vector point{{x}};
  MomentumState state;
  state.x_previous = Vector{{previous}};
  state.t = t;
  step(point, state);
  return {point.size() == 1 ? point(0) : std::nan(""),
          state.x_previous.size() == 1 ? state.x_previous(0) : std::nan("")};
}

/// A step that is affine away from 0 but not at it: it treats a zero x_t, x_{t−1} or ∇f as a
/// special case. The affine map is measured by differences around (x_t, x_{t−1}, ∇f) =
/// (0.3, 0.7, 0.2), checked at (1.1, −0.4, 0.9), and compared with the step where one of the
/// three is 0. `step(x, previous, g)` returns {x_{t+1}, x_previous after}; returns the sentence,
/// empty if the step is not affine away from 0 either, or is affine everywhere.
template <class Step>
std::string special_at_zero(Step step, const std::string& name) {
  const double x0 = 0.3, p0 = 0.7, g0 = 0.2;
  const double base = step(x0, p0, g0).first;
  const double a = step(x0 + 1.0, p0, g0).first - base, b = step(x0, p0 + 1.0, g0).first - base,
               c = step(x0, p0, g0 + 1.0).first - base;
  const auto line = [&](double x, double previous, double g) {
    return base + a * (x - x0) + b * (previous - p0) + c * (g - g0);
  };
  const auto near = [](double got, double expected) {
    return std::abs(got - expected) <= 1e-9 * (std::abs(expected) + 1.0);
  };
  if (!near(step(1.1, -0.4, 0.9).first, line(1.1, -0.4, 0.9))) return "";
  struct Zero {
    double x, previous, g;
    std::string what;
  };
  for (const Zero& z : {Zero{1.0, 0.0, 0.5, "x_{t−1} = 0 (x_previous is the origin)"},
                        Zero{0.0, 1.0, 0.5, "x_t = 0"}, Zero{1.0, 0.5, 0.0, "∇f = 0"},
                        Zero{0.6, 0.6, 0.5, "x_t = x_{t−1} (a ball at rest)"}}) {
    const double got = step(z.x, z.previous, z.g).first;
    if (near(got, line(z.x, z.previous, z.g))) continue;
    std::string why =
        name + " is linear in x_t, x_{t−1} and ∇f everywhere but where " + z.what +
        ": from x_t = " + format_number(z.x) + ", x_{t−1} = " + format_number(z.previous) +
        ", ∇f = " + format_number(z.g) + " it gives " + format_number(got, 6) +
        ", where the same line elsewhere gives " + format_number(line(z.x, z.previous, z.g), 6) +
        (z.x == z.previous ? ": is a ball at rest a special case" : ": is a zero a special case");
    if (z.x == z.previous) {
      why +=
          "? At rest only the momentum term vanishes, β·0 = 0 by itself; the gradient term "
          "−η∇f still moves the ball, which is how a run started at rest gets going (§3.2)";
      if (got == z.x)
        why +=
            ": here the ball did not move at all, as if a coordinate at rest were skipped (a "
            "`continue` when x_t − x_{t−1} = 0) together with its gradient step";
    } else if (z.previous == 0.0) {
      why +=
          ", a zero x_previous taken as \"not started\"? reset() fills x_previous with zeros and "
          "start(x₀) sets it to x₀ before the first step; the step itself cannot tell a run that "
          "has not started from one that passes through the origin, and must not guess: it "
          "always adds β(x_t − x_{t−1})";
    } else {
      why += "? The step is the same formula at every point, 0 included";
    }
    return why;
  }
  return "";
}

template <class Step>
MomentumCoefficients measure_momentum(Step step) {
  // step(x_t, x_{t−1}, g) returns {x_{t+1}, x_previous after}.
  MomentumCoefficients k;
  const auto [a, e] = step(1.0, 0.0, 0.0);
  const auto [b, f] = step(0.0, 1.0, 0.0);
  const auto [c, h] = step(0.0, 0.0, 1.0);
  k = {a, b, c, e, f, h, true};
  const auto [x, previous] = step(2.0, -1.0, 3.0);
  auto near = [](double got, double expected) {
    return std::abs(got - expected) <= 1e-9 * std::abs(expected) + 1e-12;
  };
  k.linear = near(x, 2.0 * a - b + 3.0 * c) && near(previous, 2.0 * e - f + 3.0 * h);
  return k;
}

// Every β of [0, 1) is the step's own: a β near 1, little friction, which §3.5's tuning gives an
// ill-conditioned problem, used as given. `step(x, previous, g, params)` returns {x_{t+1},
// x_previous after}; returns the sentence, empty if both β's are used as given.
template <class Step>
std::string beta_near_one(Step step, const std::string& name) {
  for (const double beta : {0.995, 0.9999}) {
    MomentumParams p = measuring_params();
    p.momentum = beta;
    const MomentumCoefficients k = measure_momentum(
        [&](double x, double previous, double g) { return step(x, previous, g, p); });
    if (!k.linear || agrees(-k.b, beta, 1e-9)) continue;
    return name + " with β = " + format_number(beta) + " weighs x_{t−1} by " +
           format_number(k.b, 6) + ", expected −β: the momentum it used is " +
           format_number(-k.b, 6) +
           ": is β limited (std::min, std::clamp, a cap below 1)? Every β in [0, 1) is valid, "
           "and §3.5's tuning asks for β near 1 on ill-conditioned problems (0.96 at κ = 10⁴, "
           "0.9996 at κ = 10⁸); the step uses params.momentum as it is";
  }
  return "";
}

// "a·x_t − b·x_{t−1}": a combination of the two iterates, its signs written out.
inline std::string affine(double a, double b) {
  return format_number(a, 4) + "·x_t " + (b < 0 ? "− " : "+ ") + format_number(std::abs(b), 4) +
         "·x_{t−1}";
}

// ": the coefficient is (1 + β) times −η", when a wrong coefficient is the notes' times a product
// of their quantities; "" otherwise.
inline std::string times_the_notes(double got, double wanted, const std::string& symbol,
                                   double beta) {
  const std::string product =
      as_product(got / wanted, {{"β", beta}, {"1 − β", 1 - beta}, {"1 + β", 1 + beta}, {"2", 2}});
  return product.empty() ? "" : ": " + product + " times " + symbol;
}

// The findings, the first saying with which η and β the step was measured.
inline std::vector<std::string> measured_with(std::vector<std::string> findings, double eta,
                                              double beta) {
  if (!findings.empty()) {
    findings.front() = "measured with η = " + format_number(eta) +
                       " and β = " + format_number(beta) + ", " + findings.front();
  }
  return findings;
}

// What x_previous holds after the step, named: x_t is right.
inline std::string previous_holds(const MomentumCoefficients& k, double beta) {
  auto is = [](double got, double expected) {
    return std::abs(got - expected) <= 1e-9 * std::abs(expected) + 1e-12;
  };
  if (is(k.e, 1.0) && is(k.f, 0.0) && is(k.h, 0.0)) return "";
  std::string holds;
  if (is(k.e, k.a) && is(k.f, k.b) && is(k.h, k.c)) {
    holds = "x_{t+1}, the new point: the displacement x_{t+1} − x_t is lost";
  } else if (is(k.e, k.a - 1.0) && is(k.f, k.b) && is(k.h, k.c)) {
    holds =
        "the displacement x_{t+1} − x_t, a velocity (torch's buffer), not a position: the next "
        "step's x_t − x_{t−1} then subtracts a step from a point";
  } else if (is(k.e, 0.0) && is(k.f, 1.0) && is(k.h, 0.0)) {
    holds = "x_{t−1} still: it is never updated";
  } else if (is(k.e, k.a - 1.0) && is(k.f, k.b + 1.0) && is(k.h, k.c)) {
    holds =
        "x_{t+1} − (x_t − x_{t−1}), the new point less the old displacement, which is x_t only "
        "if the step added exactly that displacement: it also adds −η∇f and multiplies the "
        "displacement by β. Keep x_t in a temporary before x is overwritten, and store that";
  } else if (is(k.e, 0.0) && is(k.f, 0.0) && is(k.h, 1.0)) {
    holds =
        "∇f, the gradient: a step that adds β times the last gradient keeps a memory of one "
        "gradient, and no velocity builds up; Polyak's momentum is β times the last displacement "
        "x_t − x_{t−1}, which holds every earlier gradient with the weights βʲ: x_previous holds "
        "the position x_t";
  } else if (is(k.e, 1.0 + beta) && is(k.f, -beta) && is(k.h, 0.0)) {
    holds = "the lookahead point y_t";
  } else if (is(k.e + k.f, 1.0) && is(k.h, 0.0) && (is(k.f, beta) || is(k.e, beta))) {
    holds = affine(k.e, k.f) + " = " +
            (is(k.f, beta) ? "(1 − β)·x_t + β·x_{t−1}" : "β·x_t + (1 − β)·x_{t−1}") +
            ", a moving average of the iterates: momentum averages the steps, not the points; "
            "x_previous is the last point itself, so that x_t − x_{t−1} is the last step";
  } else {
    holds = affine(k.e, k.f) + (k.h < 0 ? " − " : " + ") + format_number(std::abs(k.h), 4) + "·∇f";
  }
  return "x_previous must hold x_t after the step; it holds " + holds;
}

// A small displacement far from 0 is a displacement like any other: from x_t = 1e8 and
// x_{t−1} = x_t − 2⁻²⁰ (1e-14 of x_t, far above its rounding) with ∇f = 0 and β = ½, a momentum
// step moves by β·2⁻²⁰ = 2⁻²¹, exactly. A step that tests "at rest" with a tolerance (isApprox,
// a relative threshold) drops it; one that rounds, as (1 + β)x_t − βx_{t−1} does, keeps most of
// it (its own reading says so). `step(point, state, params)` takes one step with ∇f = 0; `k`,
// the step measured with measuring_params(): asked only of a step whose measured line is right
// (one that never moves, say, has its own reading).
template <class Step>
std::string small_displacement_dropped(Step step, const MomentumCoefficients& k) {
  const MomentumParams measured = measuring_params();
  const double eta = measured.learning_rate, beta = measured.momentum;
  if (!(k.linear && agrees(k.a, 1.0 + beta) && agrees(k.b, -beta) && agrees(k.c, -eta))) return "";
  MomentumParams half = measured;
  half.momentum = 0.5;
  const double x = 1e8, displacement = std::ldexp(1.0, -20);
  const double next =
      one_dimensional_step(x, x - displacement, [&](Vector& point, MomentumState& state) {
        step(point, state, half);
      }).first;
  const double moved = next - x, expected = half.momentum * displacement;
  if (!std::isfinite(moved) || std::abs(moved) >= 0.5 * expected) return "";
  return "from x_t = 1e8 and x_{t−1} = x_t − 2⁻²⁰ (a displacement of " +
         format_number(displacement) +
         ", 1e-14 of x_t) with ∇f = 0 and β = 0.5, the step moved "
         "x by " +
         format_number(moved) + ", expected β(x_t − x_{t−1}) = 2⁻²¹ = " + format_number(expected) +
         ": a small displacement was dropped, the ball stopped; is \"at rest\" tested with a "
         "tolerance (isApprox, a relative threshold)? The momentum term β(x_t − x_{t−1}) is added "
         "whatever its size, and at rest it is 0 by itself: no case is needed";
}

}  // namespace detail

/// The heavy ball's step measured: one sentence per property of §3.2's x_{t+1} = x_t − η∇f +
/// β(x_t − x_{t−1}) that it breaks.
inline std::vector<std::string> heavy_ball_lines(void (*kernel)(Vector&, const Vector&,
                                                                MomentumState&,
                                                                const MomentumParams&)) {
  // A gradient written into changes what every later measurement feeds the step.
  if (std::string changed = changed_const_input(kernel, detail::measuring_params(), "the step");
      !changed.empty())
    return {changed};
  std::vector<std::string> findings = edits::as_findings(heavy_ball_edit(kernel));
  const MomentumParams params = detail::measuring_params();
  // Whatever β: a step without momentum keeps x_t too, for a later step that has some. Asked
  // only of a step that keeps it with momentum (the lines below say what a wrong x_previous holds).
  const auto kept_with = [&](const MomentumParams& p) {
    return detail::one_dimensional_step(1.0, 0.5, [&](Vector& point, MomentumState& state) {
             kernel(point, Vector{{2.0}}, state, p);
           }).second == 1.0;
  };
  if (kept_with(params)) {
    MomentumParams without = params;
    without.momentum = 0.0;
    const auto [next, previous] = detail::one_dimensional_step(
        1.0, 0.5,
        [&](Vector& point, MomentumState& state) { kernel(point, Vector{{2.0}}, state, without); });
    if (std::isfinite(next) && previous != 1.0 && findings.empty()) {
      findings.push_back(
          "with momentum β = 0, from x_t = 1 and x_{t−1} = 0.5, the step left "
          "x_previous at " +
          format_number(previous) +
          ", expected x_t = 1: x_previous must hold x_t after every step, "
          "whatever β; is β = 0 a special case that returns before it is stored? "
          "A later step (with β > 0, or a schedule of β) reads it");
    }
  }
  const double eta = params.learning_rate, beta = params.momentum;
  const detail::MomentumCoefficients k =
      detail::measure_momentum([&](double x, double previous, double g) {
        return detail::one_dimensional_step(x, previous, [&](Vector& point, MomentumState& state) {
          kernel(point, Vector{{g}}, state, params);
        });
      });
  const std::vector<Named> constants = {{"−η", -eta},         {"η", eta},
                                        {"−ηβ", -eta * beta}, {"−η/(1 − β)", -eta / (1 - beta)},
                                        {"0", 0.0},           {"β", beta},
                                        {"−β", -beta},        {"β/2", beta / 2},
                                        {"ηβ", eta * beta},   {"1 − β", 1 - beta},
                                        {"β²", beta * beta},  {"1", 1.0},
                                        {"2β", 2 * beta},     {"−(1 − β)η", -(1 - beta) * eta},
                                        {"β/η", beta / eta}};
  if (!k.linear) {
    // A restart: the momentum term dropped when the last displacement points uphill,
    // ∇fᵀ(x_t − x_{t−1}) > 0, and kept otherwise.
    const auto at = [&](double g) {
      return detail::one_dimensional_step(1.0, 0.5,
                                          [&](Vector& point, MomentumState& state) {
                                            kernel(point, Vector{{g}}, state, params);
                                          })
          .first;
    };
    if (agrees(at(2.0), 1.0 - 2.0 * eta) && agrees(at(-2.0), 1.0 + 2.0 * eta + 0.5 * beta)) {
      findings.push_back(
          "the step drops its momentum term when the last displacement points uphill "
          "(∇fᵀ(x_t − x_{t−1}) > 0: from x_t = 1, x_{t−1} = 0.5 it gives x_t − η∇f for ∇f = 2 "
          "and the whole step for ∇f = −2): that is an adaptive restart, a method of its own; "
          "§3.2's heavy ball adds β(x_t − x_{t−1}) at every step, uphill or not, and the "
          "analysis of §3.4 is of that linear step");
      return detail::measured_with(std::move(findings), eta, beta);
    }
    const std::string zero = detail::special_at_zero(
        [&](double x, double previous, double g) {
          return detail::one_dimensional_step(x, previous,
                                              [&](Vector& point, MomentumState& state) {
                                                kernel(point, Vector{{g}}, state, params);
                                              });
        },
        "the heavy-ball step");
    findings.push_back(!zero.empty() ? zero
                                     : "the heavy-ball step is not linear in x_t, x_{t−1} and ∇f: "
                                       "x_t − η∇f + β(x_t − x_{t−1}) has no product, power or "
                                       "branch");
    return findings;
  }
  if (std::string dropped = detail::small_displacement_dropped(
          [&](Vector& point, MomentumState& state, const MomentumParams& p) {
            kernel(point, Vector{{0.0}}, state, p);
          },
          k);
      !dropped.empty())
    findings.push_back(dropped);
  // The same step at every t: measured at the first step (t = 0) it must be what it is at the
  // fourth.
  const detail::MomentumCoefficients first = detail::measure_momentum([&](double x, double previous,
                                                                          double g) {
    return detail::one_dimensional_step(
        x, previous,
        [&](Vector& point, MomentumState& state) { kernel(point, Vector{{g}}, state, params); }, 0);
  });
  if (!(agrees(first.a, k.a) && agrees(first.b, k.b) && agrees(first.c, k.c))) {
    findings.push_back(
        "the step changes with t: from the same x_t, x_{t−1} and ∇f the first step (t = 0) gives "
        "x_{t+1} = " +
        detail::affine(first.a, first.b) + (first.c < 0 ? " − " : " + ") +
        format_number(std::abs(first.c), 4) + "·∇f and the fourth " + detail::affine(k.a, k.b) +
        (k.c < 0 ? " − " : " + ") + format_number(std::abs(k.c), 4) + "·∇f" +
        (agrees(first.a, 1.0 + beta) && first.b == 0.0 && agrees(first.c, -eta)
             ? std::string(": at t = 0 the momentum term is β·x_t, as if x_{t−1} were 0: is "
                           "x_previous zeroed at the first step (a reset() inside the step)? "
                           "start(x₀) has set it to x₀ before the first step, and the step "
                           "reads it as it is")
         : agrees(first.a, 1.0) && first.b == 0.0 && agrees(first.c, -(1.0 + beta) * eta)
             ? std::string(": the first step is −(1 + β)η∇f, as if x_{t−1} were "
                           "x_t + η∇f: is torch's first buffer, b₁ = ∇f(x₀), read as a "
                           "previous point? torch's buffer is a velocity; §3.2's "
                           "x_previous = x₀ makes the first step −η∇f")
             : std::string()) +
        ": x_{t+1} = x_t − η∇f + β(x_t − x_{t−1}) at every step; the first needs no special "
        "case, since x_previous = x₀ there makes its momentum term 0 by itself");
  } else {
    // Late in a long run (t = 10⁴): a schedule that ramps β up over hundreds of steps gives the
    // same step at t = 0 and t = 3, and a different one only late in the run. Said first: the
    // lines, measured at t = 3, would read the β of that step as the step's.
    const detail::MomentumCoefficients late =
        detail::measure_momentum([&](double x, double previous, double g) {
          return detail::one_dimensional_step(
              x, previous,
              [&](Vector& point, MomentumState& state) {
                kernel(point, Vector{{g}}, state, params);
              },
              10000);
        });
    if (!(agrees(late.a, k.a) && agrees(late.b, k.b) && agrees(late.c, k.c))) {
      findings.insert(
          findings.begin(),
          "the step changes with t: from the same x_t, x_{t−1} and ∇f the fourth step gives "
          "x_{t+1} = " +
              detail::affine(k.a, k.b) + (k.c < 0 ? " − " : " + ") +
              format_number(std::abs(k.c), 4) + "·∇f and step 10⁴ " +
              detail::affine(late.a, late.b) + (late.c < 0 ? " − " : " + ") +
              format_number(std::abs(late.c), 4) + "·∇f, with β = " + format_number(beta) +
              ": is the momentum ramped up over the run, as Sutskever et al.'s schedule does? "
              "§3.2's step uses the β it is given at every step; a schedule is the caller's, "
              "through the parameters");
    }
  }
  if (agrees(k.b, -beta)) {
    const std::string near_one = detail::beta_near_one(
        [&](double x, double previous, double g, const MomentumParams& p) {
          return detail::one_dimensional_step(
              x, previous,
              [&](Vector& point, MomentumState& state) { kernel(point, Vector{{g}}, state, p); });
        },
        "the heavy-ball step");
    if (!near_one.empty()) findings.push_back(near_one);
  }
  // Right to a float's precision only: every coefficient within 1e-5, not within rounding.
  const std::string precision = float_precision(k.c, -eta);
  if (!precision.empty() && agrees(k.a, 1.0 + beta, 1e-5) && agrees(k.b, -beta, 1e-5)) {
    findings.push_back("the heavy-ball step is " + precision);
    return detail::measured_with(std::move(findings), eta, beta);
  }
  if (!agrees(k.c, -eta)) {
    std::string why =
        "the gradient enters the step as " + factor_name(k.c, constants) + "·∇f, expected −η·∇f";
    if (agrees(k.c, eta)) why += ": the step goes uphill";
    if (agrees(k.c, -(1 - beta) * eta)) {
      why +=
          ": the gradient is damped by 1 − β; the heavy ball's gradient term is −η∇f (torch's "
          "dampening is 0)";
    } else if (agrees(k.c, -eta / (1 - beta))) {
      why +=
          ": η/(1 − β) is §3.2's effective step, the displacement per step that the momentum "
          "term builds up by itself under a constant gradient; put into the gradient's "
          "coefficient it is counted twice. The gradient term is −η∇f";
    } else if (agrees(k.c, -(1 + beta) * eta) && agrees(k.a, 1.0 + beta * beta) &&
               agrees(k.b, -beta * beta)) {
      why +=
          ": with the momentum term β²(x_t − x_{t−1}) that is torch's SGD with nesterov = True, "
          "which steps along ∇f + βb; Polyak's heavy ball steps along b itself, x_{t+1} = x_t − "
          "η∇f + β(x_t − x_{t−1})";
    } else if (agrees(k.c, -(1 + beta) * eta) && agrees(k.a, 1.0 + beta) && agrees(k.b, -beta)) {
      why +=
          ": (1 + β)·(−η), the gradient counted a second time inside β(x_t − x_{t−1}): x was "
          "stepped by −η∇f in place before the momentum term read it; both terms use x_t, so "
          "compute x_t − η∇f + β(x_t − x_{t−1}) before x changes";
    } else if (!agrees(k.c, eta) && named(k.c, constants) == nullptr) {
      why += detail::times_the_notes(k.c, -eta, "−η", beta);
    }
    findings.push_back(why);
  }
  const double at_rest = k.a + k.b;
  if (agrees(k.a, 1.0 + beta) && agrees(k.b, -1.0)) {
    findings.push_back(
        "the step is x_t − η∇f + β·x_t − x_{t−1}: β multiplies x_t alone, and all of x_{t−1} is "
        "subtracted; β multiplies the difference, β·(x_t − x_{t−1}): are the parentheses "
        "missing?");
  } else if (!agrees(at_rest, 1.0)) {
    findings.push_back(
        "a ball at rest where the gradient is 0 (x_t = x_{t−1}, ∇f = 0) does not stay: the step "
        "multiplies it by a + b = " +
        format_number(at_rest, 4) + " (x_{t+1} = " + detail::affine(k.a, k.b) +
        "); the momentum term β(x_t − x_{t−1}) is a difference, which vanishes at rest");
  } else if (!agrees(k.a - 1.0, beta)) {
    const double kept = k.a - 1.0;
    std::string why = "the momentum term is " + factor_name(kept, constants) +
                      "·(x_t − x_{t−1}), expected β(x_t − x_{t−1})";
    if (agrees(kept, -beta)) why += ": the momentum term has the wrong sign";
    if (agrees(kept, MomentumParams{}.momentum) && !agrees(beta, MomentumParams{}.momentum)) {
      why += ", whatever β is given (here β = " + format_number(beta) +
             "): is β fixed at 0.9, MomentumParams's default and the notes' example, instead of "
             "read from params.momentum? β is the caller's, like η";
      // Said here with the default's name, the edit of the lines that found the same number
      // is not said twice.
      std::erase_if(findings, [](const std::string& f) {
        return f.find("in every line, whatever the parameters say") != std::string::npos;
      });
    }
    if (agrees(kept, 0.0)) {
      why +=
          ": there is no momentum (is x_previous overwritten before use? With Eigen, auto "
          "x_next = x − η·∇f + β·(x − x_previous) is an expression, computed only when read, "
          "after x_previous has changed: declare it a Vector)";
    }
    if (agrees(kept, eta * beta)) why += ": η multiplies the momentum term too";
    if (agrees(kept, beta / eta)) {
      why +=
          ": the displacement divided by η and never multiplied back: in torch's buffer form, "
          "b_t = (x_{t−1} − x_t)/η and x_{t+1} = x_t − η(βb_t + ∇f), η multiplies the whole "
          "bracket, the buffer as well as the gradient, which leaves β(x_t − x_{t−1})";
    }
    if (agrees(kept, 1.0 + beta)) {
      why +=
          ": the whole last displacement and β of it besides: is x_t − x_{t−1} added on top of "
          "β(x_t − x_{t−1})? β is already the fraction of the last displacement the ball keeps "
          "(all of it only without friction, β = 1); the step adds β(x_t − x_{t−1}) and nothing "
          "else";
    }
    if (agrees(kept, 2.0 * beta - 1.0)) {
      why +=
          ": 2β − 1 = β − (1 − β): is friction's share 1 − β subtracted from the "
          "velocity once more? β is already what is left of the velocity after friction (§3.1: "
          "β = m/(m + μΔt)); the step adds β(x_t − x_{t−1}) and nothing else";
    }
    for (const int power : {3, 4}) {
      if (agrees(kept, std::pow(beta, double(power)))) {
        why += ": that is β^" + std::to_string(power) +
               ", βᵗ at the step measured (t = " + std::to_string(power) +
               "), the weight that an old displacement has after t steps; the fraction of the "
               "last displacement kept is β at every step, and the powers build up by themselves";
      }
    }
    if (agrees(kept, -eta * beta)) {
      why +=
          ": the momentum term went inside −η(…) with the gradient, so η scales it down and the "
          "minus sign turns it back; only ∇f is multiplied by −η";
    }
    findings.push_back(why);
  }
  const std::string previous = detail::previous_holds(k, beta);
  // x_previous holding the gradient explains the rest (a step that changes with t, a ball at rest
  // that moves): said first.
  if (previous.find("it holds ∇f, the gradient") != std::string::npos) {
    findings.insert(findings.begin(), previous);
  } else if (!previous.empty()) {
    findings.push_back(previous);
  }
  return detail::measured_with(std::move(findings), eta, beta);
}

/// Nesterov's step measured: where it evaluates the gradient and where it lands, against §3.6's
/// y_t = x_t + β(x_t − x_{t−1}), x_{t+1} = y_t − η∇f(y_t).
inline std::vector<std::string> nesterov_lines(void (*kernel)(Vector&, const GradientFunction&,
                                                              MomentumState&,
                                                              const MomentumParams&)) {
  std::vector<std::string> findings = edits::as_findings(nesterov_edit(kernel));
  const MomentumParams params = detail::measuring_params();
  const double eta = params.learning_rate, beta = params.momentum;
  // The gradient is the constant g wherever it is asked, so that the step is linear; the points
  // where it is asked are recorded.
  std::vector<double> asked_at;
  int calls_in_one_step = 0;
  const detail::MomentumCoefficients k =
      detail::measure_momentum([&](double x, double previous, double g) {
        return detail::one_dimensional_step(x, previous, [&](Vector& point, MomentumState& state) {
          int calls = 0;
          const GradientFunction gradient_at = [&](const Vector& y) {
            ++calls;
            asked_at.push_back(y.size() == 1 ? y(0) : std::nan(""));
            return Vector{{g}};
          };
          kernel(point, gradient_at, state, params);
          calls_in_one_step = std::max(calls_in_one_step, calls);
        });
      });
  // A ball that barely answers the force (η = 1e-300) keeps its momentum: from x_t = 2e10,
  // x_{t−1} = 1e10 with ∇f = 1 it lands on 2e10 + 0.9·1e10 = 2.9e10.
  {
    MomentumParams inert = params;
    inert.learning_rate = 1e-300;
    inert.momentum = 0.9;
    const double landed =
        detail::one_dimensional_step(2e10, 1e10, [&](Vector& point, MomentumState& state) {
          kernel(
              point, [](const Vector&) { return Vector{{1.0}}; }, state, inert);
        }).first;
    if (!agrees(landed, 2.9e10, 1e-12)) {
      findings.push_back(
          "with η = 1e-300, β = 0.9, from x_t = 2e10, x_{t−1} = 1e10 and ∇f = 1 Nesterov's step "
          "landed on " +
          format_number(landed, 6) + ", expected y_t − η∇f(y_t) = 2.9e10" +
          (std::isfinite(landed)
               ? std::string()
               : std::string(": is the displacement divided by η on the way, as in torch's "
                             "buffer b = (x_{t−1} − x_t)/η (1e10/1e-300 overflows)? §3.6's "
                             "lookahead y_t = x_t + β(x_t − x_{t−1}) never divides by η")));
    }
  }
  if (calls_in_one_step != 1) {
    findings.push_back("Nesterov's step asked for the gradient " +
                       std::to_string(calls_in_one_step) +
                       " times in one step; it needs it once, at the lookahead point y_t");
    return findings;
  }
  if (std::string dropped = detail::small_displacement_dropped(
          [&](Vector& point, MomentumState& state, const MomentumParams& p) {
            kernel(
                point, [](const Vector&) { return Vector{{0.0}}; }, state, p);
          },
          k);
      !dropped.empty())
    findings.push_back(dropped);
  // The first three probes are x_t = 1, x_{t−1} = 1 and g = 1 alone: where ∇f was asked.
  const double p = asked_at[0], q = asked_at[1];
  // Where ∇f is first asked at step 31 (x_t = 1, x_{t−1} = 0) with the parameters `with`.
  const auto asked_later = [&](const MomentumParams& with) {
    double first = std::nan("");
    detail::one_dimensional_step(
        1.0, 0.0,
        [&](Vector& point, MomentumState& state) {
          const GradientFunction gradient_at = [&](const Vector& y) {
            if (std::isnan(first)) first = y.size() == 1 ? y(0) : std::nan("");
            return Vector{{0.0}};
          };
          kernel(point, gradient_at, state, with);
        },
        30);
    return first;
  };
  // The same step later in the run: β is a constant, so the lookahead must not move with t.
  const double p_later = asked_later(params);
  if (std::isfinite(p_later) && !agrees(p_later, p, 1e-9)) {
    findings.push_back(
        "the lookahead's momentum changes with t: from x_t = 1, x_{t−1} = 0 ∇f was "
        "asked at " +
        format_number(p, 4) + " at step 4 and at " + format_number(p_later, 4) +
        " at step 31, so the momentum was " + format_number(p - 1.0, 4) + " and then " +
        format_number(p_later - 1.0, 4) +
        " while β = 0.6: the step uses the constant β it is given "
        "(params.momentum); a schedule such as (k − 1)/(k + 2) is §3.6's choice "
        "for convex f, not this step's");
    return detail::measured_with(std::move(findings), eta, beta);
  }
  // β = 0 later in the run: no momentum at any step, so the lookahead point is x_t itself.
  MomentumParams without = params;
  without.momentum = 0.0;
  const double p_without = asked_later(without);
  // Said only of a lookahead that is right with β = 0.6: a wrong one is named below.
  if (std::isfinite(p_without) && !agrees(p_without, 1.0, 1e-12) && agrees(p, 1.0 + beta) &&
      agrees(q, -beta)) {
    findings.push_back(
        "with β = 0, from x_t = 1, x_{t−1} = 0 at step 31 ∇f was asked at " +
        format_number(p_without, 4) +
        ", expected x_t = 1: β = 0 is a valid momentum that means "
        "none, the lookahead point is x_t and the step is gradient descent; a schedule such as "
        "(k − 1)/(k + 2) is §3.6's choice for convex f, another method, not a default for β = 0");
  }
  // The lookahead points followed (§3.6's torch's form) with the state read as (y_t, x_t): ∇f
  // taken at x, which is then moved to y_{t+1} = x_{t+1} + β(x_{t+1} − x_previous), while
  // x_previous gets the landing point x_{t+1} = x − η∇f(x). Every line is a line of a correct
  // form of Nesterov's method, wired to the other reading of the state.
  if (k.linear && agrees(p, 1.0) && agrees(q, 0.0) && agrees(k.a, 1.0 + beta) &&
      agrees(k.b, -beta) && agrees(k.c, -(1.0 + beta) * eta) && agrees(k.e, 1.0) &&
      agrees(k.f, 0.0) && agrees(k.h, -eta)) {
    findings.insert(
        findings.begin(),
        "∇f was taken at x itself, x was handed back as (1 + β)(x − η∇f(x)) − β·x_previous and "
        "x_previous as x − η∇f(x): the step reads its state as (y_t, x_t), x the lookahead point "
        "and x_previous the last landing point, lands on x_{t+1} = y_t − η∇f(y_t) and hands back "
        "the next lookahead point y_{t+1} = x_{t+1} + β(x_{t+1} − x_t), the points that §3.6's "
        "torch's form follows. This step keeps the iterates themselves: on entry x is x_t and "
        "x_previous is x_{t−1}; y_t is built inside the step, and x_previous becomes x_t");
    return detail::measured_with(std::move(findings), eta, beta);
  }
  const std::vector<Named> constants = {
      {"β", beta},  {"−β", -beta}, {"ηβ", eta * beta}, {"0", 0.0},        {"1", 1.0},
      {"−η", -eta}, {"η", eta},    {"2β", 2 * beta},   {"β/2", beta / 2}, {"1 + β", 1 + beta}};
  if (!(agrees(p, 1.0 + beta) && agrees(q, -beta))) {
    std::string why = "∇f was evaluated at " + detail::affine(p, q) +
                      ", expected the lookahead point y_t = x_t + β(x_t − x_{t−1}) = " +
                      detail::affine(1.0 + beta, -beta);
    if (agrees(p, 1.0) && agrees(q, 0.0) && k.linear && agrees(k.a, 1.0) && agrees(k.b, 0.0)) {
      why +=
          ": the step is plain gradient descent, x_t − η∇f(x_t): x_{t−1} has no effect at all, "
          "neither on where ∇f is taken nor on where the step lands; is x_previous overwritten "
          "with x_t before y_t is built from it? (With Eigen, auto y = x + β·(x − x_previous) "
          "is not a vector but an expression, computed only where y is read: declare y a "
          "Vector.)";
    } else if (agrees(p, 1.0) && agrees(q, 0.0)) {
      why += ": the gradient is taken at x_t; Nesterov's is taken at the lookahead point";
    } else if (agrees(p, beta) && agrees(q, -beta)) {
      why +=
          ": that is β(x_t − x_{t−1}), the momentum's displacement alone, a step and not a "
          "point; the lookahead point is where that displacement takes x_t, x_t + β(x_t − "
          "x_{t−1})";
    } else if (agrees(p + q, 1.0)) {
      why += ": the lookahead's momentum is " + name_of(p - 1.0, constants) + ", expected β";
      if (agrees(p - 1.0, -beta)) why += " (the lookahead goes backwards)";
      if (agrees(p - 1.0, 1.0 + beta)) {
        why +=
            ": (1 + β) is a coefficient of torch's form, which follows the lookahead points "
            "themselves (§3.6); the lookahead form moves x_t by β(x_t − x_{t−1}) alone";
      }
      if (agrees(p - 1.0, beta / (1.0 - beta))) {
        why +=
            "; that is β/(1 − β), the sum β + β² + … of every later step's momentum: where "
            "momentum "
            "alone would finally carry the ball, not where it carries it in one step; the "
            "lookahead point is x_t + β(x_t − x_{t−1}), one step of momentum";
      }
    }
    findings.push_back(why);
  }
  if (!k.linear) {
    const std::string zero = detail::special_at_zero(
        [&](double x, double previous, double g) {
          return detail::one_dimensional_step(
              x, previous, [&](Vector& point, MomentumState& state) {
                kernel(
                    point, [&](const Vector&) { return Vector{{g}}; }, state, params);
              });
        },
        "Nesterov's step");
    findings.push_back(!zero.empty() ? zero
                                     : "Nesterov's step is not linear in x_t, x_{t−1} and ∇f(y_t)");
  } else {
    if (!agrees(k.c, -eta)) {
      std::string why = "the gradient enters the step as " + factor_name(k.c, constants) +
                        "·∇f(y_t), expected −η·∇f(y_t)";
      if (agrees(k.c, eta)) {
        why += ": the step goes uphill";
      } else if (agrees(k.c, -eta / (1 - beta))) {
        why +=
            ": η/(1 − β) is §3.2's effective step, the displacement per step that the momentum "
            "builds up by itself under a constant gradient; put into the gradient's coefficient "
            "it is counted twice. The gradient term is −η∇f(y_t)";
      } else if (agrees(k.c, -(1 + beta) * eta)) {
        why +=
            ": (1 + β)η is the gradient's coefficient in torch's form, which follows the "
            "lookahead points themselves (§3.6: p_{t+1} = p_t + β²v_t − (1 + β)η∇f(p_t)); the "
            "lookahead form steps x_{t+1} = y_t − η∇f(y_t)";
      } else if (named(k.c, constants) == nullptr) {
        why += detail::times_the_notes(k.c, -eta, "−η", beta);
      }
      findings.push_back(why);
    }
    // It lands from where it took the gradient, or, if that point is wrong, from the notes' y_t.
    const bool from_y = agrees(k.a, 1.0 + beta) && agrees(k.b, -beta);
    if (!(agrees(k.a, p) && agrees(k.b, q)) && !from_y) {
      std::string why = "x_{t+1} = " + detail::affine(k.a, k.b) +
                        " − η∇f(y_t): it should step from y_t = " + detail::affine(p, q) +
                        ", where the gradient was taken";
      if (agrees(k.a, 1.0) && agrees(k.b, 0.0)) {
        why += "; it steps from x_t instead";
      } else if (agrees(k.a + k.b, 1.0) && k.a > p) {
        why += "; the momentum is added twice, once in y_t and once more in x_{t+1}";
      } else if (agrees(k.a + k.b, 1.0) && agrees(k.a - 1.0, beta * beta)) {
        why += "; it lands with momentum β² = " + format_number(beta * beta) +
               ", expected β = " + format_number(beta) +
               ", that of y_t: β is applied twice; is a displacement that already holds "
               "β(x_t − x_{t−1}) multiplied by β again?";
      } else if (agrees(k.a + k.b, 1.0)) {
        why += "; it lands with momentum " + name_of(k.a - 1.0, constants) +
               ", expected β = " + format_number(beta) + ", that of y_t";
        if (agrees(k.a - 1.0, eta)) {
          why +=
              ": η where β belongs; written out, y_t − η∇f(y_t) is x_t + β(x_t − x_{t−1}) − "
              "η∇f(y_t): η multiplies the gradient only";
        }
      }
      findings.push_back(why);
    }
    if (agrees(q, -beta) && agrees(k.b, -beta)) {
      const std::string near_one = detail::beta_near_one(
          [&](double x, double previous, double g, const MomentumParams& with) {
            return detail::one_dimensional_step(
                x, previous, [&](Vector& point, MomentumState& state) {
                  kernel(
                      point, [&](const Vector&) { return Vector{{g}}; }, state, with);
                });
          },
          "Nesterov's step");
      if (!near_one.empty()) findings.push_back(near_one);
    }
  }
  const std::string previous = detail::previous_holds(k, beta);
  if (!previous.empty()) findings.push_back(previous);
  return detail::measured_with(std::move(findings), eta, beta);
}

}  // namespace workbook::testing
