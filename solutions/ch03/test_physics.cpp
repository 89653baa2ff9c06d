// Chapter 3, §3.1 and §3.4: the ball in the valley. The heavy ball is the discretised damped
// oscillator m x'' + μx' = −∇U(x). Exercise: heavy_ball_from_physics
// (exercises/ch03/heavy_ball_from_physics.cpp).
#include <algorithm>
#include <cmath>
#include <limits>

#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum.hpp"

using namespace workbook;
using testing::close;

namespace {

// What a wrong map from (m, μ, Δt) to (η, β) returned, in the notes' terms.
std::string diagnose_map(const PhysicalParams& p, const MomentumParams& got) {
  const double m = p.mass, mu = p.friction, dt = p.time_step;
  const double eta = dt * dt / (m + mu * dt), beta = m / (m + mu * dt);
  const std::string returned = "returned η = " + format_number(got.learning_rate, 6) +
                               ", β = " + format_number(got.momentum, 6) +
                               " for m = " + format_number(m) + ", μ = " + format_number(mu) +
                               ", Δt = " + format_number(dt) +
                               "; expected η = Δt²/(m + μΔt) = " + format_number(eta, 6) +
                               ", β = m/(m + μΔt) = " + format_number(beta, 6);
  if (close(got.momentum, 1.0 - mu * dt / m) && close(got.learning_rate, dt * dt / m)) {
    return returned +
           ": β = 1 − μΔt/m and η = Δt²/m come from the backward difference (x_t − x_{t−1})/Δt "
           "for x'; the notes use the forward difference (x_{t+1} − x_t)/Δt";
  }
  if (close(got.learning_rate, beta) && close(got.momentum, eta)) {
    return returned + ": η and β are swapped";
  }
  if (close(got.learning_rate, dt / (m + mu * dt))) {
    return returned + ": η has Δt², not Δt, in its numerator";
  }
  if (close(got.momentum, mu * dt / (m + mu * dt))) {
    return returned + ": β is the mass's share m/(m + μΔt), not the friction's μΔt/(m + μΔt)";
  }
  return returned;
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
BOOST_AUTO_TEST_CASE(maps_mass_friction_and_time_step_to_eta_and_beta,
                     *utf::description("§3.1: β = m/(m + μΔt), η = Δt²/(m + μΔt). m = 1, μ = 2, "
                                       "Δt = 0.1: β = 1/1.2 = 0.833333, η = 0.01/1.2 = 0.008333")) {
  const PhysicalParams ball{1.0, 2.0, 0.1};  // mass m, friction μ, time step Δt
  const MomentumParams p = workbook::heavy_ball_from_physics(ball);
  const std::string why = diagnose_map(ball, p);
  BOOST_TEST_INFO(why);
  BOOST_TEST(p.momentum == 0.833333, tt::tolerance(1e-6));
  BOOST_TEST_INFO(why);
  BOOST_TEST(p.learning_rate == 0.008333, tt::tolerance(1e-4));
  BOOST_TEST(p.momentum == 1.0 / 1.2, tt::tolerance(1e-15));
  BOOST_TEST(p.learning_rate == 0.01 / 1.2, tt::tolerance(1e-15));

  const PhysicalParams heavier{2.0, 0.5, 0.2};
  const MomentumParams q = workbook::heavy_ball_from_physics(heavier);
  const std::string why_heavier = diagnose_map(heavier, q);
  BOOST_TEST_INFO(why_heavier);
  BOOST_TEST(q.momentum == 2.0 / 2.1, tt::tolerance(1e-15));
  BOOST_TEST_INFO(why_heavier);
  BOOST_TEST(q.learning_rate == 0.04 / 2.1, tt::tolerance(1e-15));
}
//! [map]

BOOST_AUTO_TEST_CASE(
    mass_is_inertia_and_friction_is_damping,
    *utf::description("§3.1: a heavier ball keeps more of its velocity (β grows with m) "
                      "and answers the force less (η falls); more friction keeps "
                      "less (β falls with μ); without friction β = 1")) {
  const MomentumParams light = workbook::heavy_ball_from_physics({1.0, 1.0, 0.1});
  const MomentumParams heavy = workbook::heavy_ball_from_physics({4.0, 1.0, 0.1});
  const MomentumParams sticky = workbook::heavy_ball_from_physics({1.0, 5.0, 0.1});
  const MomentumParams frictionless = workbook::heavy_ball_from_physics({1.0, 0.0, 0.1});
  BOOST_TEST(heavy.momentum > light.momentum);
  BOOST_TEST(heavy.learning_rate < light.learning_rate);
  BOOST_TEST(sticky.momentum < light.momentum);
  BOOST_TEST_INFO("μ = 0 must give β = m/m = 1 and η = Δt²/m = 0.01, got "
                  << frictionless.momentum << " and " << frictionless.learning_rate);
  BOOST_TEST(frictionless.momentum == 1.0);
  BOOST_TEST(frictionless.learning_rate == 0.01, tt::tolerance(1e-14));
}

//! [inverse]
BOOST_AUTO_TEST_CASE(the_inverse_map_recovers_the_physics,
                     *utf::description("§3.1: m = βΔt²/η and μ = (1 − β)Δt/η undo the map; the "
                                       "default ball m = 0.9, μ = 1, Δt = 0.1 is (η, β) = "
                                       "(0.01, 0.9)")) {
  for (const PhysicalParams& ball :
       {PhysicalParams{1.0, 2.0, 0.1}, PhysicalParams{0.3, 7.0, 0.01}, PhysicalParams{}}) {
    const MomentumParams p = workbook::heavy_ball_from_physics(ball);
    const PhysicalParams back = physics_from_heavy_ball(p, ball.time_step);
    BOOST_TEST_INFO(diagnose_map(ball, p));
    BOOST_TEST(back.mass == ball.mass, tt::tolerance(1e-13));
    BOOST_TEST_INFO(diagnose_map(ball, p));
    BOOST_TEST(back.friction == ball.friction, tt::tolerance(1e-13));
  }
  const MomentumParams defaults = workbook::heavy_ball_from_physics(PhysicalParams{});
  BOOST_TEST(defaults.learning_rate == MomentumParams{}.learning_rate, tt::tolerance(1e-14));
  BOOST_TEST(defaults.momentum == MomentumParams{}.momentum, tt::tolerance(1e-14));
}
//! [inverse]

BOOST_AUTO_TEST_CASE(small_time_steps_recover_the_ode,
                     *utf::description("§3.1: as Δt → 0, 1 − β ≈ μΔt/m and η ≈ Δt²/m, each with "
                                       "a relative error of about μΔt/m")) {
  const double m = 2.0, mu = 3.0;
  for (double dt : {1e-2, 1e-3, 1e-4}) {
    const MomentumParams p = workbook::heavy_ball_from_physics({m, mu, dt});
    const double relative = mu * dt / m;
    BOOST_TEST_INFO("Δt = " << dt << ": (1 − β)/Δt = " << (1.0 - p.momentum) / dt
                            << ", expected about μ/m = " << mu / m);
    BOOST_TEST((1.0 - p.momentum) / dt == mu / m, tt::tolerance(1.01 * relative));
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
        Case{{1.0, nan, 0.1}, "friction = nan is invalid"}}) {
    BOOST_TEST_INFO("heavy_ball_from_physics(mass = "
                    << c.physics.mass << ", friction = " << c.physics.friction
                    << ", time_step = " << c.physics.time_step
                    << ") must throw std::invalid_argument saying '" << c.message
                    << "': the physics is not validated; call physics.validate() before using it");
    BOOST_CHECK_EXCEPTION(workbook::heavy_ball_from_physics(c.physics), std::invalid_argument,
                          testing::message_has({c.message}));
    BOOST_CHECK_EXCEPTION(heavy_ball_rule(optimizer_from_physics(c.physics)), std::invalid_argument,
                          testing::message_has({c.message}));
    BOOST_CHECK_EXCEPTION(nesterov_rule(optimizer_from_physics(c.physics)), std::invalid_argument,
                          testing::message_has({c.message}));
  }
  // Without friction β = 1: a valid oscillator, but an optimizer that never comes to rest.
  BOOST_TEST(workbook::heavy_ball_from_physics({1.0, 0.0, 0.1}).momentum == 1.0);
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
                            format_number(worst) + "; " + diagnose_map(ball, optimizer.params());
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
    const MomentumParams p = workbook::heavy_ball_from_physics({m, critical, dt});
    // Roots of z² − (1 + β − ηk)z + β: double when the discriminant is 0.
    const double trace = 1.0 + p.momentum - p.learning_rate * k;
    const double discriminant = trace * trace - 4.0 * p.momentum;
    BOOST_TEST_INFO("Δt = " << dt << ", μ = " << critical << ": discriminant " << discriminant
                            << " (relative to 4β: " << discriminant / (4.0 * p.momentum) << ")");
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
    BOOST_TEST_INFO(r.label << ": the heavy ball is " << worst << " away from x(t) at worst: "
                            << diagnose_map({m, r.friction, dt}, ball.params()));
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
