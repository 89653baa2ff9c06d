// Chapter 3, §3.1 and §3.4: the ball in the valley. The heavy ball is the discretised damped
// oscillator m x'' + μx' = −∇U(x). Exercise: heavy_ball_from_physics
// (exercises/ch03/heavy_ball_from_physics.cpp), graded by running the student's (η, β) in the
// heavy-ball step and reading which equation the step solves.
#include <algorithm>
#include <boost/core/demangle.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <typeinfo>

#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum.hpp"
#include "workbook/testing/momentum_edits.hpp"
#include "workbook/testing/probes.hpp"
#include "workbook/testing/step_lines.hpp"

using namespace workbook;
using testing::close;

namespace {

std::string describe(const PhysicalParams& p) {
  return "m = " + format_number(p.mass) + ", μ = " + format_number(p.friction) +
         ", Δt = " + format_number(p.time_step);
}

// §3.1's map, what the readings compare a student's with: η = Δt²/(m + μΔt), β = m/(m + μΔt).
MomentumParams notes_map(const PhysicalParams& ball) {
  const double lead = ball.mass + ball.friction * ball.time_step;  // x_{t+1}'s coefficient
  return {ball.time_step * ball.time_step / lead, ball.mass / lead};
}

std::string describe(const MomentumParams& p) {
  return "η = " + format_number(p.learning_rate, 6) + ", β = " + format_number(p.momentum, 6);
}

// The three points of one time step on one coordinate, and the force's gradient at x_t.
struct Sample {
  double before;    // x_{t−1}
  double now;       // x_t
  double gradient;  // ∇U(x_t)
};

// Random (x_{t−1}, x_t, ∇U(x_t)) in [−1, 1]³, the same every run.
const std::vector<Sample>& samples() {
  static const std::vector<Sample> drawn = [] {
    std::mt19937 generator(31);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    std::vector<Sample> s(20);
    for (Sample& sample : s) sample = {uniform(generator), uniform(generator), uniform(generator)};
    return s;
  }();
  return drawn;
}

// The heavy-ball step of §3.2 with (η, β) on one coordinate: x_{t+1}.
double heavy_ball_next(const MomentumParams& p, const Sample& s) {
  return s.now - p.learning_rate * s.gradient + p.momentum * (s.now - s.before);
}

// A discretisation of m x'' + μx' = −∇U(x) at time t, in the notes' words: the left-hand side
// m x'' + μx' with its difference quotients, given x_{t−1}, x_t and x_{t+1}.
struct Discretisation {
  std::string name;
  std::function<double(const PhysicalParams&, double, double, double)> left;
};

double second_difference(double before, double now, double next, double dt) {
  return (next - 2.0 * now + before) / (dt * dt);
}

// Exercise 1's: the central second difference for x'' and the forward difference for x'.
const Discretisation forward{"the forward difference (x_{t+1} − x_t)/Δt for x'",
                             [](const PhysicalParams& p, double before, double now, double next) {
                               const double dt = p.time_step;
                               return p.mass * second_difference(before, now, next, dt) +
                                      p.friction * (next - now) / dt;
                             }};

// What a slip discretises instead.
const std::vector<Discretisation>& other_discretisations() {
  static const std::vector<Discretisation> others{
      {"the equation discretised with the backward difference (x_t − x_{t−1})/Δt for x'",
       [](const PhysicalParams& p, double before, double now, double next) {
         const double dt = p.time_step;
         return p.mass * second_difference(before, now, next, dt) +
                p.friction * (now - before) / dt;
       }},
      {"the equation discretised with the central difference (x_{t+1} − x_{t−1})/(2Δt) for x'",
       [](const PhysicalParams& p, double before, double now, double next) {
         const double dt = p.time_step;
         return p.mass * second_difference(before, now, next, dt) +
                p.friction * (next - before) / (2.0 * dt);
       }},
      {"the equation with the second difference divided by 2Δt² instead of Δt² (the 2 belongs "
       "to the central first difference, (x_{t+1} − x_{t−1})/(2Δt))",
       [](const PhysicalParams& p, double before, double now, double next) {
         const double dt = p.time_step;
         return p.mass * second_difference(before, now, next, dt) / 2.0 +
                p.friction * (next - now) / dt;
       }},
      {"m x'' − μx' = −∇U, friction with the wrong sign: a friction that pushes the ball along "
       "its velocity instead of braking it",
       [](const PhysicalParams& p, double before, double now, double next) {
         const double dt = p.time_step;
         return p.mass * second_difference(before, now, next, dt) - p.friction * (next - now) / dt;
       }}};
  return others;
}

// The largest residual of `equation` = −∇U over the samples when x_{t+1} is the heavy-ball step
// with `params`, each relative to the size of the terms that the equation adds up.
double worst_residual(const Discretisation& equation, const PhysicalParams& physics,
                      const MomentumParams& params) {
  double worst = 0.0;
  for (const Sample& s : samples()) {
    const double next = heavy_ball_next(params, s);
    const double left = equation.left(physics, s.before, s.now, next);
    // The terms before they cancel: the scale of the rounding.
    const double dt = physics.time_step;
    const double size =
        physics.mass * (std::abs(next) + 2.0 * std::abs(s.now) + std::abs(s.before)) / (dt * dt) +
        physics.friction * (std::abs(next) + std::abs(s.now) + std::abs(s.before)) / dt +
        std::abs(s.gradient);
    const double residual = std::abs(left + s.gradient) / size;
    if (!std::isfinite(residual)) return std::numeric_limits<double>::infinity();
    worst = std::max(worst, residual);
  }
  return worst;
}

// The student's map of `ball`, a ball that PhysicalParams::validate() accepts. A refusal of it is
// said in §3.1's words (a valid ball refused), not as an exception the test did not expect.
MomentumParams map_ball(const PhysicalParams& ball) {
  try {
    return workbook::heavy_ball_from_physics(ball);
  } catch (const std::invalid_argument& refused) {
    std::string why = std::string("the map refused the ball m = ") + format_number(ball.mass) +
                      ", μ = " + format_number(ball.friction) +
                      ", Δt = " + format_number(ball.time_step) + " (\"" + refused.what() +
                      "\"), which is a valid ball: refuse only what physics.validate() refuses, "
                      "m ≤ 0, Δt ≤ 0 or μ < 0";
    if (ball.friction == 0.0) {
      why +=
          ". μ = 0 is a ball without friction (§3.1): the map gives β = 1; only the optimizers "
          "built from it (heavy_ball_rule, nesterov_rule) need μ > 0, to come to rest";
    }
    throw std::invalid_argument(why);
  }
}

// The residual the heavy ball with the map's (η, β) leaves in Exercise 1's equation is rounding:
// at most 1.5e-16 measured; 1e-14 leaves room for any order of the operations.
constexpr double solved = 1e-14;

// What every map from (m, μ, Δt) to (η, β) keeps, whatever its formula: one sentence per property
// that `map` breaks.
std::vector<std::string> what_every_map_keeps(
    const std::function<MomentumParams(const PhysicalParams&)>& map) {
  std::vector<std::string> findings;
  const std::vector<PhysicalParams> balls = {
      {1.0, 2.0, 0.1}, {5.0, 0.1, 3.0}, {0.3, 7.0, 0.01}, {2.0, 0.5, 0.2}};
  // Right to a float's precision only: the ball, or the map's arithmetic, held in floats.
  {
    double worst = 0.0;
    for (const PhysicalParams& ball : balls) {
      const MomentumParams got = map(ball), want = notes_map(ball);
      for (const auto& [a, b] : {std::pair{got.learning_rate, want.learning_rate},
                                 std::pair{got.momentum, want.momentum}}) {
        worst = std::max(worst, std::isfinite(a) ? std::abs(a - b) / std::abs(b) : 1.0);
      }
    }
    if (worst > 1e-12 && worst < 1e-6) {
      findings.push_back(
          "on four balls η and β agree with §3.1's Δt²/(m + μΔt) and m/(m + μΔt) "
          "to " +
          format_number(worst, 2) +
          " relative only, a float's precision (a rounding is about 6e-8), not a "
          "double's: are m, μ and Δt (or η and β) held in floats? Every quantity "
          "of the map is a double");
      return findings;
    }
  }
  // The ball is a const input: it comes back bit for bit.
  for (const PhysicalParams& ball : balls) {
    PhysicalParams passed = ball;
    map(passed);
    if (std::string changed = testing::changed_params(ball, passed, "the map"); !changed.empty()) {
      findings.push_back(changed);
      return findings;
    }
  }
  // (η, β) are computed from the ball: a value that no ball changes is not.
  {
    std::vector<MomentumParams> maps;
    for (const PhysicalParams& ball : balls) maps.push_back(map(ball));
    const auto same = [&](auto value) {
      for (const MomentumParams& q : maps)
        if (!(value(q) == value(maps.front()))) return false;
      return true;
    };
    const MomentumParams unset{};
    const auto stuck = [&](const char* symbol, double value, double default_value) {
      findings.push_back(std::string(symbol) + " = " + format_number(value, 6) +
                         " for every ball (m, μ and Δt changed, " + symbol +
                         " did not): " + symbol + " is not computed from the ball" +
                         (value == default_value
                              ? std::string(": it is MomentumParams's default, never assigned?")
                              : std::string()));
    };
    const bool eta_stuck = same([](const MomentumParams& q) { return q.learning_rate; });
    const bool beta_stuck = same([](const MomentumParams& q) { return q.momentum; });
    if (eta_stuck && beta_stuck && maps.front().learning_rate == unset.learning_rate &&
        maps.front().momentum == unset.momentum) {
      findings.push_back(
          "the map returns MomentumParams's defaults, (η, β) = (0.01, 0.9), for every ball: "
          "neither is computed into the params returned; are they computed into copies? auto "
          "[eta, beta] = params binds the members of a hidden copy of params (auto& [eta, beta] "
          "binds params itself), and a local double is not the member; assign "
          "params.learning_rate and params.momentum, then return params");
      return findings;  // every other property reads the same two constants
    }
    if (eta_stuck) stuck("η", maps.front().learning_rate, unset.learning_rate);
    if (beta_stuck) stuck("β", maps.front().momentum, unset.momentum);
  }
  // A shrinking time step: η ≈ Δt²/m shrinks like Δt², and β = m/(m + μΔt) tends to 1.
  {
    const MomentumParams coarse = map({1.0, 1.0, 1e-3}), fine = map({1.0, 1.0, 1e-4});
    const double shrink = coarse.learning_rate / fine.learning_rate;
    if (std::abs(shrink / 10.0 - 1.0) <= 1e-2 &&
        std::abs(coarse.momentum - fine.momentum) <= 1e-9 && std::abs(fine.momentum - 1.0) > 1e-2) {
      findings.push_back(
          "a shrinking time step: from Δt = 1e-3 to 1e-4 (m = μ = 1) η shrank " +
          format_number(shrink, 4) +
          " times, like Δt, expected about 100 times, like Δt² (η = Δt²/(m + μΔt) ≈ Δt²/m), "
          "and β stayed " +
          format_number(fine.momentum, 6) +
          ", expected to tend to 1 (friction takes a share μΔt/m of the velocity per step, less "
          "as the step shrinks): is the second difference divided by Δt instead of Δt²? "
          "x'' ≈ (x_{t+1} − 2x_t + x_{t−1})/Δt², a difference of two velocities each already "
          "divided by Δt");
    }
  }
  // No friction: nothing drains the ball's energy.
  const MomentumParams frictionless = map({2.0, 0.0, 0.1});
  if (!std::isfinite(frictionless.learning_rate)) {
    findings.push_back(
        "no friction: for m = 2, μ = 0, Δt = 0.1 the map gives η = " +
        format_number(frictionless.learning_rate) +
        ": a division by μ, or by 1 − β (which is 0 without friction)? A ball without friction "
        "still answers the force: its η is finite, and μ = 0 is a ball of §3.1");
  }
  // Without friction the general formula still holds: η = Δt²/m, the force divided by the mass.
  // η m times the notes' on balls with friction as well: the force never divided by m.
  const auto eta_times_m = [&](const PhysicalParams& ball) {
    const double want = notes_map(ball).learning_rate;
    return std::abs(map(ball).learning_rate / (ball.mass * want) - 1.0) <= 1e-12;
  };
  const bool force_times_m = eta_times_m({2.0, 0.5, 0.2}) && eta_times_m({0.3, 7.0, 0.01});
  // A Taylor step x_{t+1} = x_t + Δt·x' + ½Δt²·x'' with x' = (x_t − x_{t−1})/Δt and
  // m x'' = −∇U − μx': η = Δt²/(2m), β = 1 − μΔt/(2m).
  const auto taylor = [&](const PhysicalParams& ball) {
    const MomentumParams got = map(ball);
    const double eta = ball.time_step * ball.time_step / (2.0 * ball.mass);
    const double beta = 1.0 - ball.friction * ball.time_step / (2.0 * ball.mass);
    return std::abs(got.learning_rate / eta - 1.0) <= 1e-12 &&
           std::abs(got.momentum - beta) <= 1e-12 * (1.0 + std::abs(beta));
  };
  if (taylor({2.0, 0.5, 0.2}) && taylor({0.3, 7.0, 0.01})) {
    findings.push_back(
        "on every ball (m = 2, μ = 0.5, Δt = 0.2 and m = 0.3, μ = 7, Δt = 0.01) η = Δt²/(2m) "
        "and β = 1 − μΔt/(2m): that is a Taylor step, x_{t+1} = x_t + Δt·x' + ½Δt²·x'' with "
        "x' = (x_t − x_{t−1})/Δt, another discretisation; §3.1 replaces x'' by the second "
        "difference (x_{t+1} − 2x_t + x_{t−1})/Δt² (no ½) and the friction's x' by the forward "
        "difference (x_{t+1} − x_t)/Δt, and solves for x_{t+1}: η = Δt²/(m + μΔt), "
        "β = m/(m + μΔt)");
    return findings;
  }
  // η = 1/(m/Δt² + μ/Δt) split as if 1/(a + b) were 1/a + 1/b: Δt²/m + Δt/μ.
  const auto split = [&](const PhysicalParams& ball) {
    const double dt = ball.time_step;
    return close(map(ball).learning_rate, dt * dt / ball.mass + dt / ball.friction, 1e-12);
  };
  if (split({2.0, 0.5, 0.2}) && split({0.3, 7.0, 0.01})) {
    findings.push_back(
        "η = Δt²/m + Δt/μ on every ball with friction (m = 2, μ = 0.5, Δt = 0.2 and m = 0.3, "
        "μ = 7, Δt = 0.01): Δt²/(m + μΔt) = 1/(m/Δt² + μ/Δt) split as if 1/(a + b) were "
        "1/a + 1/b? A fraction does not split over a sum in its denominator: Δt²/(m + μΔt) is "
        "smaller than both Δt²/m and Δt/μ, and tends to the first without friction and to the "
        "second without mass");
  }
  if (force_times_m) {
    findings.push_back(
        "η is m times Δt²/(m + μΔt) on every ball (m = 2, μ = 0.5, Δt = 0.2 and m = 0.3, μ = 7, "
        "Δt = 0.01), η = mΔt²/(m + μΔt) = βΔt², with β right: is the equation divided by m "
        "everywhere but in the force? Per unit mass the force is −∇U/m, so "
        "η = (Δt²/m)/(1 + μΔt/m) = Δt²/(m + μΔt), which has the units time²/mass");
  }
  if (std::isfinite(frictionless.learning_rate) &&
      !(std::abs(frictionless.learning_rate / 0.005 - 1.0) <= 1e-12)) {
    findings.push_back(
        "no friction: for m = 2, μ = 0, Δt = 0.1 the map gives η = " +
        format_number(frictionless.learning_rate) + ", expected Δt²/(m + μΔt) = Δt²/m = 0.005" +
        (std::abs(frictionless.learning_rate / 0.01 - 1.0) <= 1e-12 && force_times_m
             ? ": that is Δt², the mass dropped, and with friction too η is m times "
               "Δt²/(m + μΔt): the force is not divided by m (see above)"
         : std::abs(frictionless.learning_rate / 0.01 - 1.0) <= 1e-12
             ? ": that is Δt², the mass dropped: is μ = 0 a case of its own? The general "
               "formula holds at μ = 0 too, and a special case must agree with it: the ball "
               "without friction still divides the force by its mass"
             : ": is μ = 0 a case of its own? The general formula holds there too"));
  }
  // No mass: no inertia; the ball goes where the force and the friction send it.
  const double mu = 2.0, dt = 0.1;
  const MomentumParams massless = map({1e-9, mu, dt});
  const bool reversed =
      std::abs(frictionless.momentum) <= 1e-12 && std::abs(massless.momentum - 1.0) <= 1e-6;
  if (!(std::abs(frictionless.momentum - 1.0) <= 1e-15)) {
    findings.push_back(
        "no friction: with μ = 0 nothing drains the ball's energy and β must be 1, the velocity "
        "kept whole; for m = 2, μ = 0, Δt = 0.1 the map gives β = " +
        format_number(frictionless.momentum, 6) +
        (reversed ? " (and β → 1 without mass: both limits reversed; β and 1 − β exchanged? "
                    "1 − β is the share of the velocity that friction takes)"
                  : ""));
  }
  if (!(std::abs(massless.momentum) <= 1e-6 &&
        std::abs(massless.learning_rate * mu / dt - 1.0) <= 1e-6)) {
    findings.push_back(
        "no mass: as m → 0 the ball has no inertia, β must tend to 0 and η to Δt/μ: gradient "
        "descent, the ball moving at the velocity −∇U/μ at which friction balances the force; "
        "for m = 1e-9, μ = 2, Δt = 0.1 the map gives " +
        describe(massless) + ", expected β ≈ 0 and η ≈ Δt/μ = " + format_number(dt / mu));
  }
  // A very small time step: β = m/(m + μΔt) = 1 to double precision, though m/Δt² alone (1e320)
  // is not a double.
  const MomentumParams instant = map({1.0, 1.0, 1e-160});
  if (!(std::abs(instant.momentum - 1.0) <= 1e-15 && std::isfinite(instant.learning_rate) &&
        instant.learning_rate >= 0.0)) {
    findings.push_back(
        "a small time step: for m = 1, μ = 1, Δt = 1e-160 the map gives " + describe(instant) +
        ", expected β = m/(m + μΔt) = 1 to double precision and η = Δt²/(m + μΔt) = 1e-320" +
        (std::isfinite(instant.momentum)
             ? std::string()
             : std::string(": is the equation divided by the coefficient m/Δt² + μ/Δt, whose "
                           "m/Δt² = 1e320 overflows? Multiplied through by Δt², the coefficient "
                           "of x_{t+1} is m + μΔt, a double for every ball")));
  }
  // Smaller still: Δt² = 1e-400 underflows to 0, and so does η; β = m/(m + μΔt) is still 1.
  const MomentumParams tinier = map({1.0, 1.0, 1e-200});
  if (!(std::abs(tinier.momentum - 1.0) <= 1e-15)) {
    findings.push_back(
        "a time step whose square underflows: for m = 1, μ = 1, Δt = 1e-200 the map gives " +
        describe(tinier) +
        ", expected β = m/(m + μΔt) = 1 (η = Δt²/(m + μΔt) underflows to 0, as it may)" +
        (std::isnan(tinier.momentum)
             ? std::string(": is β computed from η, as η·m/Δt², which is 0/0 here? β = "
                           "m/(m + μΔt) needs no Δt²")
             : std::string()));
  }
  // A coefficient of x_{t+1}, m + μΔt, below the normal range: β = m/(m + μΔt) = 1/2 still.
  const MomentumParams subnormal = map({1e-310, 1.0, 1e-310});
  // The same limit far out, where Δt²/m alone (1e310) is not a double but the map's η is 1e5.
  const MomentumParams feather = map({1e-300, 1.0, 1e5});
  // A small mass answered by the no-mass limit itself, (Δt/μ, 0), exactly: β = m/(m + μΔt) is
  // positive for every m > 0 (1/2 for the first ball), and the limit is no ball's.
  const bool limit_for_small_mass = subnormal.momentum == 0.0 &&
                                    subnormal.learning_rate == 1e-310 && feather.momentum == 0.0 &&
                                    feather.learning_rate == 1e5;
  if (limit_for_small_mass) {
    const MomentumParams frictionless_feather = map({1e-300, 0.0, 1e-10});
    findings.push_back(
        "a small mass: for m = 1e-310, μ = 1, Δt = 1e-310 the map gives " + describe(subnormal) +
        ", expected β = m/(m + μΔt) = 1/2, and for m = 1e-300, μ = 1, Δt = 1e5 " +
        describe(feather) +
        ", exactly the no-mass limit (Δt/μ, 0): is a small mass a case of its own that returns "
        "the limit? No mass is the limit m → 0, which the formulas reach by themselves; a "
        "ball of mass m > 0 has β = m/(m + μΔt) > 0 however small m is" +
        (frictionless_feather.momentum == 1.0
             ? std::string()
             : "; without friction (m = 1e-300, μ = 0, Δt = 1e-10) it gives " +
                   describe(frictionless_feather) +
                   ", where a ball without friction keeps its velocity whole, β = 1"));
  }
  if (!limit_for_small_mass && !(std::abs(subnormal.momentum - 0.5) <= 1e-12)) {
    findings.push_back(
        "a subnormal mass and time step: for m = 1e-310, μ = 1, Δt = 1e-310 the map gives " +
        describe(subnormal) + ", expected β = m/(m + μΔt) = 1/2" +
        (std::isinf(subnormal.momentum)
             ? std::string(": is 1/(m + μΔt) computed once and multiplied into β and η? The "
                           "reciprocal of a subnormal sum overflows to ∞; m/(m + μΔt) divides "
                           "once and stays in range")
             : std::string()));
  }
  // β itself is small, not 0: m/(m + μΔt) = 1e-305, to its last digits; a β computed as a
  // difference of numbers near 1 keeps none of them.
  const double feather_beta = 1e-300 / (1e-300 + 1e5);
  // β set to 0 beyond some time step: 0 exactly where m/(m + μΔt) is 1/6, no cancellation.
  const MomentumParams coarse = map({1.0, 0.5, 10.0});
  if (coarse.momentum == 0.0 && std::abs(coarse.learning_rate - 100.0 / 6.0) <= 1e-9) {
    double from = 10.0;  // the smallest Δt, in steps of 1 %, where β is still set to 0
    while (from > 1e-3 && map({1.0, 0.5, from / 1.01}).momentum == 0.0) from /= 1.01;
    findings.push_back(
        "β set to 0 beyond some time step: for m = 1, μ = 0.5 the map gives β = 0 from about "
        "Δt = " +
        format_number(from, 3) +
        " on (2m/μ = 4) and at Δt = 10, with η right, expected β = "
        "m/(m + μΔt) = 1/6: is β guarded or clamped where a formula would turn it negative? "
        "Δt = 2m/μ is where the central difference's momentum reaches 0; the forward "
        "difference's β = m/(m + μΔt) stays in (0, 1) for every Δt and needs no guard");
  }
  if (!limit_for_small_mass && coarse.momentum != 0.0 &&
      std::abs(feather.learning_rate / 1e5 - 1.0) <= 1e-6 &&
      !(std::abs(feather.momentum / feather_beta - 1.0) <= 1e-12)) {
    findings.push_back(
        "no mass, far out: for m = 1e-300, μ = 1, Δt = 1e5 the map gives β = " +
        format_number(feather.momentum, 6) +
        ", expected m/(m + μΔt) = 1e-305 to 1e-12 of "
        "itself: is β a difference of nearly equal numbers, such as (2m + μΔt)/(m + μΔt) − 1 "
        "or 1 − μΔt/(m + μΔt), which cancels when m ≪ μΔt? β = m/(m + μΔt) keeps its digits");
  }
  if (!(std::abs(feather.momentum) <= 1e-6 &&
        std::abs(feather.learning_rate / 1e5 - 1.0) <= 1e-6)) {
    findings.push_back(
        "no mass, far out: for m = 1e-300, μ = 1, Δt = 1e5 the map gives " + describe(feather) +
        ", expected β ≈ 0 and η ≈ Δt/μ = 1e5" +
        (std::isfinite(feather.learning_rate)
             ? std::string()
             : std::string(": η is not finite where Δt²/(m + μΔt) = 1e5 is; is an intermediate "
                           "computed on the way that is not a double, such as Δt²/m = 1e310? "
                           "Divide Δt² by m + μΔt, the coefficient of x_{t+1}, in one step")));
  }
  // A light ball in strong friction: the friction rate μ/m (1e310) is not a double, but the
  // map's η = Δt²/(m + μΔt) = 1e-10 is.
  const MomentumParams dragged = map({1e-300, 1e10, 1.0});
  if (!(std::abs(dragged.learning_rate / 1e-10 - 1.0) <= 1e-12 && dragged.momentum >= 0.0 &&
        dragged.momentum <= 1e-300)) {
    findings.push_back(
        "no mass in strong friction: for m = 1e-300, μ = 1e10, Δt = 1 the map gives " +
        describe(dragged) + ", expected β = m/(m + μΔt) ≈ 1e-310 and η = Δt²/(m + μΔt) = 1e-10" +
        (dragged.learning_rate == 0.0 || !std::isfinite(dragged.learning_rate)
             ? std::string(": is an intermediate computed on the way that is not a double, such "
                           "as the friction rate μ/m = 1e310? Every quantity of the map is a "
                           "quotient by m + μΔt, a double for every ball")
             : std::string()));
  }
  // Units. η∇U is a length and ∇U a force: η has units of time²/mass, β is a pure number.
  const PhysicalParams ball{0.6, 1.5, 0.2};
  const MomentumParams p = map(ball);
  const double s = 2.0;
  const MomentumParams heavier = map({s * ball.mass, s * ball.friction, ball.time_step});
  const MomentumParams slower = map({ball.mass, ball.friction / s, s * ball.time_step});
  const double mass_exponent_eta = std::log(heavier.learning_rate / p.learning_rate) / std::log(s);
  const double time_exponent_eta = std::log(slower.learning_rate / p.learning_rate) / std::log(s);
  const double mass_exponent_beta = std::log(heavier.momentum / p.momentum) / std::log(s);
  const bool beta_is_a_number =
      close(heavier.momentum, p.momentum, 1e-13) && close(slower.momentum, p.momentum, 1e-13);
  if (!beta_is_a_number) {
    std::string why =
        "units: β is a pure number, the fraction of the velocity kept; a unit of mass 2 times "
        "smaller (m and μ doubled) or of time 2 times smaller (Δt doubled, μ halved) must leave "
        "it; for " +
        describe(ball) + " the map gives β = " + format_number(p.momentum, 6) + ", then " +
        format_number(heavier.momentum, 6) + " and " + format_number(slower.momentum, 6);
    if (std::abs(mass_exponent_beta - 1.0) < 1e-6 && std::abs(mass_exponent_eta) < 1e-6) {
      why +=
          ": β has units of mass and η does not depend on the mass, as the coefficients of the "
          "equation multiplied by Δt², not yet divided by the coefficient of the new point "
          "x_{t+1}";
    }
    findings.push_back(why);
  }
  // The same ball in a unit of mass 10¹⁰ times larger or smaller: m and μ both divided (or
  // multiplied) by 10¹⁰. β stays, η is multiplied (divided) by 10¹⁰: a map that compares m or μ
  // with a fixed number sees the change.
  if (beta_is_a_number) {
    for (const double unit : {1e10, 1e-10}) {
      const PhysicalParams other{ball.mass / unit, ball.friction / unit, ball.time_step};
      const MomentumParams q = map(other);
      if (close(q.momentum, p.momentum, 1e-12) &&
          close(q.learning_rate, unit * p.learning_rate, 1e-12))
        continue;
      findings.push_back(
          "units: the same ball in a unit of mass " + format_number(unit) +
          " times larger (m and μ both divided by " + format_number(unit) + "), " +
          describe(other) + ", must keep β = " + format_number(p.momentum, 6) +
          " and multiply η by " + format_number(unit) + "; the map gives " + describe(q) +
          (q.momentum == 1.0
               ? ": this ball is treated as frictionless: is μ compared with a fixed threshold "
                 "(|μ| < 1e-9, say)? Whether friction matters depends on μΔt against m, two "
                 "quantities of the same units; a threshold on μ alone changes its verdict "
                 "with the unit of mass. μ = 0 needs no case of its own: the formulas give "
                 "β = 1 and η = Δt²/m there"
               : ": is m or μ compared with a fixed number? A threshold on a quantity with units "
                 "changes its verdict with the units; β depends only on the ratio μΔt/m"));
      break;
    }
  }
  if (!close(heavier.learning_rate, p.learning_rate / s, 1e-13)) {
    findings.push_back(
        "units: η has units of time²/mass, so a unit of mass 2 times smaller (m and μ doubled) "
        "must halve it; the map multiplied it by " +
        format_number(heavier.learning_rate / p.learning_rate, 6) + " (η scales like m^" +
        format_number(mass_exponent_eta, 3) + ", expected m^-1)");
  }
  if (!close(slower.learning_rate, s * s * p.learning_rate, 1e-13)) {
    findings.push_back(
        "units: η has units of time²/mass, so a unit of time 2 times smaller (Δt doubled, μ "
        "halved, m kept) must multiply it by 4; the map multiplied it by " +
        format_number(slower.learning_rate / p.learning_rate, 6) + " (η scales like Δt^" +
        format_number(time_exponent_eta, 3) +
        ", expected Δt^2): η does not have the units of time²/mass");
  }
  // The forward difference's property (§3.1): a momentum in (0, 1) for every time step.
  for (double step : {1e-3, 0.1, 1.0, 10.0, 1e3}) {
    const MomentumParams q = map({1.0, 0.5, step});
    if (!(q.momentum > 0.0 && q.momentum < 1.0)) {
      findings.push_back(
          "a momentum in (0, 1): with friction, every time step Δt > 0 must give 0 < β < 1 (the "
          "forward difference's property, §3.1); for m = 1, μ = 0.5, Δt = " +
          format_number(step) + " the map gives β = " + format_number(q.momentum, 6) +
          (q.momentum < 0.0   ? ": a negative momentum reverses the last displacement"
           : q.momentum > 1.0 ? ": a momentum above 1 makes the velocity grow at every step"
                              : ""));
      break;
    }
  }
  return findings;
}

std::string student_map_keeps() {
  return testing::what_the_probes_found(what_every_map_keeps(map_ball));
}

// "" unless every η and β the map returns for a few balls is a whole multiple of 10⁻ᵏ for some
// k ≤ 15 where the notes' values are not: the map's values rounded to k decimals.
std::string rounded_to_decimals() {
  const std::vector<PhysicalParams> balls = {{1.0, 0.5, 10.0}, {2.0, 0.5, 0.2}, {1.0, 2.0, 0.1},
                                             {0.3, 7.0, 0.01}, {5.0, 0.1, 3.0}, {0.6, 1.5, 0.2}};
  std::vector<double> got, want;
  for (const PhysicalParams& ball : balls) {
    const MomentumParams q = map_ball(ball), notes = notes_map(ball);
    got.insert(got.end(), {q.learning_rate, q.momentum});
    want.insert(want.end(), {notes.learning_rate, notes.momentum});
  }
  if (got == want) return "";
  // The same (η, β) for every ball is not a rounding: what_every_map_keeps says it.
  bool constant = true;
  for (std::size_t k = 2; k < got.size(); ++k) constant = constant && got[k] == got[k % 2];
  if (constant) return "";
  const auto whole_multiples = [](const std::vector<double>& values, double unit) {
    for (const double v : values) {
      if (!std::isfinite(v) ||
          std::abs(v - std::round(v / unit) * unit) >
              4.0 * std::numeric_limits<double>::epsilon() * std::max(std::abs(v), unit))
        return false;
    }
    return true;
  };
  for (int k = 0; k <= 15; ++k) {
    const double unit = std::pow(10.0, -k);
    if (!whole_multiples(got, unit) || whole_multiples(want, unit)) continue;
    const MomentumParams slow = map_ball({1.0, 1.0, 1e-7});
    return "for " + std::to_string(balls.size()) +
           " balls every η and β the map returns is a whole multiple of 1e-" + std::to_string(k) +
           " (m = 1, μ = 0.5, Δt = 10 gives η = " + format_number(got.front(), 16) +
           ", expected Δt²/(m + μΔt) = " + format_number(want.front(), 16) +
           "; m = μ = 1, Δt = 1e-7 gives " + describe(slow) +
           ", expected η = 1e-14): are η and β rounded to " + std::to_string(k) +
           " decimals? A fixed number of decimals is an absolute precision: it wipes out a "
           "small η or β (η ∝ Δt² as Δt → 0) and drops the digits of a large one. "
           "0.1·0.1 = 0.010000000000000002 is the nearest double to the product, not an error "
           "to correct; compare results with a relative tolerance instead";
  }
  return "";
}

// What the heavy-ball step with (η, β) = `got` solves instead of Exercise 1's equation, in the
// notes' terms, and what every map keeps that the student's map breaks. "" when it solves it.
std::string diagnose_map(const PhysicalParams& physics, const MomentumParams& got) {
  const double residual = worst_residual(forward, physics, got);
  if (residual <= solved) return "";
  std::string why = describe(physics) + ": the map returned " + describe(got) +
                    "; the heavy-ball step x_{t+1} = x_t − η∇U(x_t) + β(x_t − x_{t−1}) with them "
                    "misses m(x_{t+1} − 2x_t + x_{t−1})/Δt² + μ(x_{t+1} − x_t)/Δt = −∇U(x_t) by " +
                    format_number(residual) + " (relative)";
  if (const std::string rounded = rounded_to_decimals(); !rounded.empty())
    return why + ": " + rounded;
  // Wrong only without friction, where every ball with friction is solved: μ = 0 taken apart.
  if (physics.friction == 0.0) {
    bool rest_solved = true;
    for (const PhysicalParams& ball :
         {PhysicalParams{1.0, 2.0, 0.1}, PhysicalParams{2.0, 0.5, 0.2},
          PhysicalParams{0.3, 7.0, 0.01}, PhysicalParams{5.0, 0.1, 3.0}}) {
      rest_solved = rest_solved && worst_residual(forward, ball, map_ball(ball)) <= solved;
    }
    // NaN without friction, right with it: a formula that divides by μ, 0/0 at μ = 0 (such as
    // η = (1 − β)Δt/μ, equal to Δt²/(m + μΔt) only while μ ≠ 0).
    if (rest_solved && (std::isnan(got.learning_rate) || std::isnan(got.momentum))) {
      return why + ": every ball with friction is solved and this one, without, gives " +
             (std::isnan(got.learning_rate) ? "η" : "β") +
             " = NaN: 0/0, a formula that divides by μ? Written from the other parameter, as "
             "η = (1 − β)Δt/μ (1 − β = μΔt/(m + μΔt)), it equals Δt²/(m + μΔt) only while μ ≠ 0; "
             "η = Δt²/(m + μΔt) and β = m/(m + μΔt) divide by m + μΔt, which a ball with mass "
             "never makes 0";
    }
    if (rest_solved) {
      return why + ": every ball with friction is solved and this one, without, is not: is " +
             "μ = 0 a case of its own? The general η = Δt²/(m + μΔt) and β = m/(m + μΔt) hold " +
             "at μ = 0 too (Δt²/m and 1), and a special case must agree with them" +
             (close(got.learning_rate, physics.time_step * physics.time_step, 1e-12)
                  ? "; here η = Δt², the mass dropped"
                  : "");
    }
  }
  // β with its sign turned, on every ball: read off x_{t−1}'s coefficient, −β.
  const auto turned = [](const PhysicalParams& ball) {
    const MomentumParams q = map_ball(ball);
    return q.momentum < 0.0 && close(-q.momentum, notes_map(ball).momentum, 1e-12);
  };
  if (turned(physics) && turned({2.0, 0.0, 0.1}) && turned({0.3, 7.0, 0.01})) {
    return why + ": β = " + format_number(got.momentum, 6) +
           " = −m/(m + μΔt), the right size with its sign turned: in the heavy ball β multiplies "
           "the last displacement x_t − x_{t−1}, so x_{t−1} carries −β; read off x_{t−1}'s "
           "coefficient in the solved equation, −m/(m + μΔt), that gives β = +m/(m + μΔt), a "
           "fraction of the velocity kept, in (0, 1]";
  }
  // Both parameters the notes' divided by m, on every ball: the equation divided by m, and then
  // by m + μΔt as if x_{t+1}'s coefficient were still that.
  const auto over_m = [](const PhysicalParams& ball) {
    const MomentumParams q = map_ball(ball), notes = notes_map(ball);
    const double m = ball.mass;
    return m != 1.0 && close(q.momentum * m, notes.momentum, 1e-9) &&
           close(q.learning_rate * m, notes.learning_rate, 1e-9);
  };
  if (over_m(physics) && over_m({2.0, 0.0, 0.1}) && over_m({0.3, 7.0, 0.01})) {
    return why + ": β = " + format_number(got.momentum, 6) +
           " and η = " + format_number(got.learning_rate, 6) +
           " are m/(m + μΔt) and Δt²/(m + μΔt) divided by m once more: is the equation divided "
           "by m, and then by m + μΔt as x_{t+1}'s coefficient? After dividing by m that "
           "coefficient is 1 + μΔt/m; divide once, by m + μΔt, the coefficient of the equation "
           "multiplied by Δt²";
  }
  const std::string edit = testing::physics_edit(heavy_ball_from_physics);
  if (!edit.empty()) why += ": " + edit;
  if (!std::isfinite(got.learning_rate) || !std::isfinite(got.momentum)) {
    const std::string probes = testing::what_the_probes_found(what_every_map_keeps(map_ball));
    return why + (probes.empty() ? ": η or β is NaN or infinite, a division by zero?" : probes);
  }
  if (worst_residual(forward, physics, {got.momentum, got.learning_rate}) <= solved) {
    return why +
           ": η and β are swapped; η multiplies ∇U(x_t) in the step, β the last displacement "
           "x_t − x_{t−1}";
  }
  for (const Discretisation& other : other_discretisations()) {
    if (worst_residual(other, physics, got) <= solved) {
      return why + ": the step solves " + other.name +
             "; Exercise 1 uses the central second difference for x'' and " + forward.name;
    }
  }
  // The right β and a wrong η: the step solves the equation with the force scaled.
  std::vector<double> scales;
  for (const Sample& s : samples()) {
    scales.push_back(-forward.left(physics, s.before, s.now, heavy_ball_next(got, s)) / s.gradient);
  }
  const auto [low, high] = std::minmax_element(scales.begin(), scales.end());
  if (close(*low, *high, 1e-9)) {
    const double m = physics.mass, mu_dt = physics.friction * physics.time_step;
    const bool by_m_alone = close(*low, (m + mu_dt) / m, 1e-9);
    // A plain number (a ½ from kinematics, a 2) before a product of the ball's parameters, which
    // can equal it by chance.
    const std::string factor = by_m_alone                ? "(m + μΔt)/m"
                               : close(*low, 0.5, 1e-12) ? "½"
                               : close(*low, 2.0, 1e-12)
                                   ? "2"
                                   : testing::as_product(*low, {{"m + μΔt", m + mu_dt},
                                                                {"m", m},
                                                                {"Δt", physics.time_step},
                                                                {"μ", physics.friction}});
    why += ": the step solves m x'' + μx' = −s∇U with the force scaled by s = " +
           format_number(*low, 6) + (factor.empty() ? "" : " = " + factor) +
           ": β fits the equation and η is s times the equation's";
    if (close(*low, -1.0, 1e-12)) {
      why +=
          "; η has its sign turned: the heavy-ball step subtracts η∇U, so the −Δt²/(m + μΔt) in "
          "front of ∇U(x_t) in the solved equation is −η, and η = Δt²/(m + μΔt) > 0";
    }
    if (got.learning_rate == got.momentum &&
        close(*low, m / (physics.time_step * physics.time_step), 1e-9)) {
      why +=
          "; η equals β, m/(m + μΔt): is η's line a copy of β's with its numerator m left in? "
          "Clearing the denominators multiplies the force by Δt², so η's numerator is Δt²";
    }
    if (by_m_alone) {
      why +=
          "; η divides the force by m alone, while β's term is divided by m + μΔt: solving "
          "for x_{t+1} divides every term by the same coefficient, x_{t+1}'s";
    }
  }
  // After a line named by the edit, the properties it breaks are the evidence, not a cause.
  const std::string probes = testing::what_the_probes_found(what_every_map_keeps(map_ball));
  if (!edit.empty() && !probes.empty()) {
    return why + ". The properties of §3.1 that such a map breaks" + probes;
  }
  return why + probes;
}

// "; " and diagnose_map(physics, got), or "" when the map's (η, β) solve the equation.
std::string diagnose_map_after(const PhysicalParams& physics, const MomentumParams& got) {
  const std::string why = diagnose_map(physics, got);
  return why.empty() ? why : "; " + why;
}

// x(t) of the heavy ball with the parameters of `physics`, for U = ½kx², from rest at x0: the
// iterate after t/Δt steps.
double heavy_ball_position(const PhysicalParams& physics, double k, double x0, double t) {
  const Quadratic potential = Quadratic::diagonal(Vector{{k}});
  auto ball = heavy_ball_rule(optimizer_from_physics(physics));
  const long steps = std::lround(t / physics.time_step);
  return testing::run_steps(potential, ball, Vector{{x0}}, steps).x(0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(heavy_ball_from_physics)

//! [map]
BOOST_AUTO_TEST_CASE(
    solves_the_discretised_equation_of_motion,
    *utf::description("§3.1, Exercise 1: the heavy-ball step with the map's (η, β) solves "
                      "m(x_{t+1} − 2x_t + x_{t−1})/Δt² + μ(x_{t+1} − x_t)/Δt = −∇U(x_t) for "
                      "random x_{t−1}, x_t, ∇U(x_t) and seven balls, to rounding (1e-14 of the "
                      "equation's terms)")) {
  double worst = 0.0;  // the largest residual over the balls, and where
  PhysicalParams worst_ball;
  MomentumParams worst_map;
  for (const PhysicalParams& ball :
       {PhysicalParams{1.0, 2.0, 0.1}, PhysicalParams{2.0, 0.5, 0.2}, PhysicalParams{},
        PhysicalParams{0.3, 7.0, 0.01}, PhysicalParams{5.0, 0.1, 3.0},
        PhysicalParams{1.0, 0.0, 0.1}, PhysicalParams{2.0, 0.0, 0.1}}) {
    const MomentumParams p = map_ball(ball);
    const double residual = worst_residual(forward, ball, p);
    if (residual > worst) {  // worst_residual() says infinity for NaN
      worst = residual;
      worst_ball = ball;
      worst_map = p;
    }
  }
  BOOST_TEST_INFO(diagnose_map(worst_ball, worst_map));
  BOOST_TEST(worst <= solved);
}
//! [map]

BOOST_AUTO_TEST_CASE(
    keeps_what_every_map_keeps,
    *utf::description(
        "§3.1: what every map from (m, μ, Δt) to (η, β) keeps, whatever slip it "
        "has: without friction β = 1 and η = Δt²/m; without mass β → 0 (as m/(m + μΔt), even for "
        "m = 1e-300) and η → Δt/μ (even where μ/m = 1e310 is not a double); with "
        "Δt = 1e-160 and 1e-200 (where Δt² underflows), β = 1; β is a pure "
        "number and η has units of time²/mass (doubling m and μ halves η, doubling "
        "Δt and halving μ multiplies η by 4, neither changes β; nor does a unit of mass "
        "10¹⁰ times larger or smaller); with friction, "
        "0 < β < 1 for every Δt")) {
  const std::vector<std::string> findings = what_every_map_keeps(map_ball);
  BOOST_TEST_INFO("the map" << testing::what_the_probes_found(findings));
  BOOST_TEST(findings.empty());
}

BOOST_AUTO_TEST_CASE(
    mass_is_inertia_and_friction_is_damping,
    *utf::description("§3.1: a heavier ball keeps more of its velocity (β grows with m) "
                      "and answers the force less (η falls); more friction keeps "
                      "less (β falls with μ)")) {
  const MomentumParams light = map_ball({1.0, 1.0, 0.1});
  const MomentumParams heavy = map_ball({4.0, 1.0, 0.1});
  const MomentumParams sticky = map_ball({1.0, 5.0, 0.1});
  const std::string why = "m = 1, μ = 1: " + describe(light) + "; m = 4: " + describe(heavy) +
                          "; μ = 5: " + describe(sticky) + student_map_keeps();
  BOOST_TEST_INFO(why);
  BOOST_TEST(heavy.momentum > light.momentum);
  BOOST_TEST_INFO(why);
  BOOST_TEST(heavy.learning_rate < light.learning_rate);
  BOOST_TEST_INFO(why);
  BOOST_TEST(sticky.momentum < light.momentum);
}

//! [inverse]
BOOST_AUTO_TEST_CASE(the_inverse_map_recovers_the_physics,
                     *utf::description("§3.1: physics_from_heavy_ball undoes the map; the "
                                       "default ball m = 0.9, μ = 1, Δt = 0.1 is the default "
                                       "optimizer (η, β) = (0.01, 0.9)")) {
  for (const PhysicalParams& ball :
       {PhysicalParams{1.0, 2.0, 0.1}, PhysicalParams{0.3, 7.0, 0.01}, PhysicalParams{}}) {
    const MomentumParams p = map_ball(ball);
    const PhysicalParams back = physics_from_heavy_ball(p, ball.time_step);
    BOOST_TEST_INFO(diagnose_map(ball, p));
    BOOST_TEST(back.mass == ball.mass, tt::tolerance(1e-13));
    BOOST_TEST_INFO(diagnose_map(ball, p));
    BOOST_TEST(back.friction == ball.friction, tt::tolerance(1e-13));
  }
  const MomentumParams defaults = map_ball(PhysicalParams{});
  BOOST_TEST_INFO(diagnose_map(PhysicalParams{}, defaults));
  BOOST_TEST(defaults.learning_rate == MomentumParams{}.learning_rate, tt::tolerance(1e-14));
  BOOST_TEST_INFO(diagnose_map(PhysicalParams{}, defaults));
  BOOST_TEST(defaults.momentum == MomentumParams{}.momentum, tt::tolerance(1e-14));
}
//! [inverse]

BOOST_AUTO_TEST_CASE(
    small_time_steps_recover_the_ode,
    *utf::description("§3.1: as Δt → 0 the map tends to the ball's time scales: (1 − β)/Δt → "
                      "μ/m, the rate at which friction brakes the ball, and η/Δt² → 1/m, each "
                      "with a relative error below μΔt/m")) {
  const double m = 2.0, mu = 3.0;
  for (double dt : {1e-2, 1e-3, 1e-4}) {
    const MomentumParams p = map_ball({m, mu, dt});
    const double relative = mu * dt / m;
    const std::string why = "Δt = " + format_number(dt) +
                            ": (1 − β)/Δt = " + format_number((1.0 - p.momentum) / dt, 6) +
                            " and η/Δt² = " + format_number(p.learning_rate / (dt * dt), 6) +
                            ", expected about μ/m = 1.5 and 1/m = 0.5" +
                            diagnose_map_after({m, mu, dt}, p);
    BOOST_TEST_INFO(why);
    BOOST_TEST((1.0 - p.momentum) / dt == mu / m, tt::tolerance(1.01 * relative));
    BOOST_TEST_INFO(why);
    BOOST_TEST(p.learning_rate / (dt * dt) == 1.0 / m, tt::tolerance(1.01 * relative));
  }
}

BOOST_AUTO_TEST_CASE(bad_physics_is_refused,
                     *utf::description("§3.1: mass ≤ 0, friction < 0 and Δt ≤ 0 are refused, "
                                       "naming the value and the allowed range; an optimizer "
                                       "also needs friction > 0")) {
  struct Case {
    PhysicalParams physics;
    std::string message;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Case& c :
       {Case{{0.0, 1.0, 0.1}, "mass = 0 is invalid: expected mass > 0"},
        Case{{-2.0, 1.0, 0.1}, "mass = -2 is invalid: expected mass > 0"},
        Case{{1.0, -0.5, 0.1}, "friction = -0.5 is invalid: expected friction >= 0"},
        Case{{1.0, 1.0, 0.0}, "time_step = 0 is invalid: expected time_step > 0"},
        Case{{1.0, 1.0, -0.1}, "time_step = -0.1 is invalid"},
        Case{{1.0, nan, 0.1}, "friction = nan is invalid"},
        // Without friction too: a special case for μ = 0 must not skip the validation.
        Case{{0.0, 0.0, 0.1}, "mass = 0 is invalid: expected mass > 0"},
        Case{{1.0, 0.0, -0.1}, "time_step = -0.1 is invalid"}}) {
    // What the map threw instead, if it threw: the right message under another type is a
    // refusal caught and thrown again.
    std::string instead;
    try {
      workbook::heavy_ball_from_physics(c.physics);
    } catch (const std::invalid_argument&) {
    } catch (const std::exception& error) {
      if (std::string(error.what()).find(c.message) != std::string::npos) {
        instead = ": the check ran (its message is there) but came out as " +
                  boost::core::demangle(typeid(error).name()) +
                  ": is validate()'s std::invalid_argument caught and thrown again as another "
                  "type? Let it pass; the caller catches bad input as std::invalid_argument";
      }
    }
    BOOST_TEST_INFO("heavy_ball_from_physics(mass = "
                    << c.physics.mass << ", friction = " << c.physics.friction
                    << ", time_step = " << c.physics.time_step
                    << ") must throw std::invalid_argument saying '" << c.message << "'"
                    << (instead.empty() ? ": the physics is not validated; call "
                                          "physics.validate() before using it"
                                        : instead));
    BOOST_CHECK_EXCEPTION(workbook::heavy_ball_from_physics(c.physics), std::invalid_argument,
                          testing::message_has({c.message}));
    BOOST_CHECK_EXCEPTION(heavy_ball_rule(optimizer_from_physics(c.physics)), std::invalid_argument,
                          testing::message_has({c.message}));
    BOOST_CHECK_EXCEPTION(nesterov_rule(optimizer_from_physics(c.physics)), std::invalid_argument,
                          testing::message_has({c.message}));
  }
  // Without friction β = 1: a valid oscillator, but an optimizer that never comes to rest.
  const double frictionless = map_ball({1.0, 0.0, 0.1}).momentum;
  BOOST_TEST_INFO("m = 1, μ = 0, Δt = 0.1: β = "
                  << format_number(frictionless, 17) << ", expected m/(m + μΔt) = 1 exactly"
                  << (frictionless < 1.0 && frictionless > 0.999
                          ? ": is β clamped below 1, to fit MomentumParams' range [0, 1)? The map "
                            "computes the physics; only the optimizers built from it "
                            "(heavy_ball_rule, nesterov_rule) need β < 1, and refuse μ = 0 "
                            "themselves"
                          : ""));
  BOOST_TEST(frictionless == 1.0);
  // So for every mass: m/(m + 0) = 1, where m·(1/m) rounds twice (49·(1/49) = 1 − 2⁻⁵³).
  const double heavy = map_ball({49.0, 0.0, 0.1}).momentum;
  BOOST_TEST_INFO("m = 49, μ = 0, Δt = 0.1: β = "
                  << format_number(heavy, 17) << ", expected m/(m + μΔt) = 1 exactly"
                  << (heavy == 1.0 - std::ldexp(1.0, -53)
                          ? ": 1 − 2⁻⁵³, one rounding short: is β computed as m·(1/(m + μΔt)), "
                            "the reciprocal taken first? It rounds twice (49·(1/49) is not 1); "
                            "m/(m + μΔt) rounds once, and is 1 when μΔt = 0"
                          : ""));
  BOOST_TEST(heavy == 1.0);
  BOOST_CHECK_EXCEPTION(heavy_ball_rule(optimizer_from_physics({1.0, 0.0, 0.1})),
                        std::invalid_argument,
                        testing::message_has({"friction = 0 is invalid: expected friction > 0"}));
  BOOST_TEST(heavy_ball_rule(optimizer_from_physics({1.0, 2.0, 0.1})).name() ==
             "heavy ball (lr = 0.00833, momentum = 0.833)");
}

//! [one recurrence]
BOOST_AUTO_TEST_CASE(the_heavy_ball_is_the_damped_oscillator,
                     *utf::description("§3.1: the heavy ball with (η, β) from (m, μ, Δt) and the "
                                       "integrator of m x'' + μx' = −∇U with the same (m, μ, Δt) "
                                       "give the same iterates over 200 steps, to 1e-12 of the "
                                       "start's size (rounding apart)")) {
  const Quadratic valley = Quadratic::with_spectrum(Vector{{1.0, 4.0}}, 11);
  const Vector x0{{1.0, -0.5}};
  for (const PhysicalParams& ball :
       {PhysicalParams{1.0, 0.5, 0.1}, PhysicalParams{2.0, 3.0, 0.05}, PhysicalParams{}}) {
    auto optimizer = heavy_ball_rule(optimizer_from_physics(ball));
    auto physics = damped_oscillator_rule(ball);  // released at rest, like the heavy ball
    TraceRecorder optimizer_trace, physics_trace;
    const Result run = testing::run_steps(valley, optimizer, x0, 200, &optimizer_trace);
    testing::run_steps(valley, physics, x0, 200, &physics_trace);
    BOOST_TEST_INFO("the heavy ball: " << run.message);
    BOOST_TEST_REQUIRE(optimizer_trace.points().size() == physics_trace.points().size());
    double worst = 0.0;
    for (std::size_t k = 0; k < optimizer_trace.points().size(); ++k) {
      const Vector& a = optimizer_trace.points()[k].x;
      const Vector& b = physics_trace.points()[k].x;
      worst = std::max(worst, testing::infinity_norm(a - b) / testing::infinity_norm(x0));
    }
    const std::string why = "m = " + format_number(ball.mass) +
                            ", μ = " + format_number(ball.friction) +
                            ", Δt = " + format_number(ball.time_step) +
                            ": largest difference between the heavy ball and the oscillator, "
                            "relative to ‖x₀‖∞: " +
                            format_number(worst) + diagnose_map_after(ball, optimizer.params());
    BOOST_TEST_INFO(why);
    BOOST_TEST(worst <= 1e-12);
  }
}
//! [one recurrence]

//! [first order]
BOOST_AUTO_TEST_CASE(
    the_error_is_first_order_in_the_time_step,
    *utf::description("§3.1: U = 2x², m = 1, μ = 0.5, x(0) = 1, x'(0) = 0: the heavy "
                      "ball's error against the exact x(5) = −0.269075 is 6.42e-3 at Δt = 0.1 "
                      "and falls by 1.886, 1.943, 1.971 each time Δt halves, towards 2 (first "
                      "order: the one-sided difference for x')")) {
  const double m = 1.0, mu = 0.5, k = 4.0;  // U = 2x² = ½kx²
  const double exact = damped_oscillator_solution(m, mu, k, 1.0, 0.0, 5.0);
  BOOST_TEST(exact == -0.269075, tt::tolerance(1e-5));
  std::vector<double> errors;
  for (double dt : {0.1, 0.05, 0.025, 0.0125}) {
    errors.push_back(std::abs(heavy_ball_position({m, mu, dt}, k, 1.0, 5.0) - exact));
  }
  const std::vector<double> measured{1.886, 1.943, 1.971};  // the ratios, approaching 2
  for (std::size_t i = 1; i < errors.size(); ++i) {
    const double ratio = errors[i - 1] / errors[i];
    BOOST_TEST_INFO("Δt halved: error " << errors[i - 1] << " → " << errors[i] << ", ratio "
                                        << ratio << ", expected about 2 (first order)");
    BOOST_TEST(ratio == measured[i - 1], tt::tolerance(1e-3));
  }
  BOOST_TEST(errors.front() == 6.42e-3, tt::tolerance(1e-3));
  BOOST_TEST(errors.back() == 8.89e-4, tt::tolerance(1e-3));
}
//! [first order]

//! [critical friction]
BOOST_AUTO_TEST_CASE(
    discrete_critical_damping_tends_to_the_continuous_one,
    *utf::description("§3.4: for U = ½kx² the heavy ball's characteristic roots are double "
                      "exactly at μ = 2√(mk) + kΔt, which tends to the ODE's critical "
                      "friction 2√(mk) as Δt → 0")) {
  const double m = 1.0, k = 4.0;
  for (double dt : {0.1, 0.01, 0.001}) {
    const double critical = 2.0 * std::sqrt(m * k) + k * dt;
    const MomentumParams p = map_ball({m, critical, dt});
    // Roots of z² − (1 + β − ηk)z + β: double when the discriminant is 0.
    const double trace = 1.0 + p.momentum - p.learning_rate * k;
    const double discriminant = trace * trace - 4.0 * p.momentum;
    BOOST_TEST_INFO("Δt = " << dt << ", μ = " << critical << ": discriminant " << discriminant
                            << " (relative to 4β: " << discriminant / (4.0 * p.momentum) << ")"
                            << diagnose_map_after({m, critical, dt}, p));
    BOOST_TEST(std::abs(discriminant) <= 1e-12 * 4.0 * p.momentum);
  }
}
//! [critical friction]

//! [regimes figure]
BOOST_AUTO_TEST_CASE(
    damping_regimes_next_to_the_ode,
    *utf::label("plot") *
        utf::description("§3.4: m = 1, k = 4 (U = 2x²), from rest at x = 1: μ = 1 "
                         "oscillates (under-damped), μ = 2√(mk) = 4 returns fastest "
                         "without crossing 0 (critical), μ = 12 creeps (over-damped); the "
                         "heavy ball with Δt = 0.05 follows each x(t) within 0.05")) {
  const double m = 1.0, k = 4.0, dt = 0.05, t_end = 6.0;
  const Quadratic potential = Quadratic::diagonal(Vector{{k}});
  plot::Figure figure("Damping regimes of x″ + μx′ + 4x = 0: heavy ball (points), ODE (lines)");
  figure.x_label("time t").y_label("x(t)");
  struct Regime {
    double friction;
    std::string label;
  };
  for (const Regime& r : {Regime{1.0, "under-damped, μ = 1"}, Regime{4.0, "critical, μ = 4"},
                          Regime{12.0, "over-damped, μ = 12"}}) {
    auto ball = heavy_ball_rule(optimizer_from_physics({m, r.friction, dt}));
    TraceRecorder trace;
    testing::run_steps(potential, ball, Vector{{1.0}}, std::lround(t_end / dt), &trace);
    std::vector<double> t, discrete, exact;
    double worst = 0.0;
    for (const TracePoint& point : trace.points()) {
      t.push_back(dt * static_cast<double>(point.iteration));
      discrete.push_back(point.x(0));
      exact.push_back(damped_oscillator_solution(m, r.friction, k, 1.0, 0.0, t.back()));
      worst = std::max(worst, std::abs(discrete.back() - exact.back()));
    }
    BOOST_TEST_INFO(r.label << ": the heavy ball is " << worst << " away from x(t) at worst"
                            << diagnose_map_after({m, r.friction, dt}, ball.params()));
    BOOST_TEST(worst <= 0.05);
    const bool crosses = *std::min_element(exact.begin(), exact.end()) < 0.0;
    BOOST_TEST(crosses == (r.friction < 4.0));
    figure.add(r.label, t, exact, plot::Style::lines);
    figure.add("heavy ball, " + r.label, t, discrete, plot::Style::points);
  }
  testing::draw(figure, "ch03_damping_regimes");
}
//! [regimes figure]

BOOST_AUTO_TEST_SUITE_END()
