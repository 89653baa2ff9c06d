// Chapter 3 library code that calls no exercise: the damped-oscillator integrator and the exact
// solution it approximates (§3.1), the iteration matrices and the optimal parameters (§3.4–§3.6),
// and the checks of every hyper-parameter.
#include <cmath>
#include <limits>
#include <vector>

#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/registry.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// x(t_end) of the integrator for U = ½k x² (∇U = kx), from x(0) = x0, x'(0) = v0.
double integrate(const PhysicalParams& physics, double k, double x0, double v0, double t_end) {
  const Quadratic potential = Quadratic::diagonal(Vector{{k}});
  auto oscillator = damped_oscillator_rule(physics, Vector{{v0}});
  const long steps = std::lround(t_end / physics.time_step);
  return testing::run_steps(potential, oscillator, Vector{{x0}}, steps).x(0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(momentum_physics)

BOOST_AUTO_TEST_CASE(integrator_error_is_first_order,
                     *utf::description("§3.1: m x'' + μx' = −∇U with U = 2x², m = 1, μ = 0.5, "
                                       "x(0) = 1, x'(0) = 0: the integrator's error at t = 5 about "
                                       "halves when Δt halves (first order, from the one-sided "
                                       "difference for x')")) {
  const double m = 1.0, mu = 0.5, k = 4.0;  // U = 2x² = ½·4·x²
  const double exact = damped_oscillator_solution(m, mu, k, 1.0, 0.0, 5.0);
  std::vector<double> errors;
  for (double dt : {0.1, 0.05, 0.025, 0.0125}) {
    errors.push_back(std::abs(integrate({m, mu, dt}, k, 1.0, 0.0, 5.0) - exact));
  }
  for (std::size_t i = 1; i < errors.size(); ++i) {
    const double ratio = errors[i - 1] / errors[i];
    BOOST_TEST_INFO("error " << errors[i - 1] << " → " << errors[i] << " when Δt halves: ratio "
                             << ratio << ", expected about 2");
    BOOST_TEST(ratio >= 1.85);
    BOOST_TEST(ratio <= 2.05);
  }
  // A ball thrown with x'(0) = 1 too: the start x₋₁ = x₀ − Δt·v₀ keeps the order.
  const double moving = damped_oscillator_solution(m, mu, k, 0.5, 1.0, 5.0);
  const double coarse = std::abs(integrate({m, mu, 0.02}, k, 0.5, 1.0, 5.0) - moving);
  const double fine = std::abs(integrate({m, mu, 0.01}, k, 0.5, 1.0, 5.0) - moving);
  BOOST_TEST_INFO("thrown with x'(0) = 1: errors " << coarse << " and " << fine);
  BOOST_TEST(coarse / fine == 2.0, tt::tolerance(0.05));
}

//! [central variant]
// The central difference (x_{k+1} − x_{k−1})/(2Δt) for x' (§3.1): one step of
// m(x_{k+1} − 2x_k + x_{k−1})/Δt² + μ(x_{k+1} − x_{k−1})/(2Δt) = −∇U(x_k), solved for x_{k+1}
// (the equation is linear in it: a x_{k+1} = r).
namespace {
double central_next(double m, double mu, double dt, double before, double now, double gradient) {
  const double a = m / (dt * dt) + mu / (2.0 * dt);
  const double r = m * (2.0 * now - before) / (dt * dt) + mu * before / (2.0 * dt) - gradient;
  return r / a;
}

// x(t_end) for U = ½kx², from x(0) = x0 at rest, with x₋₁ = x0 (released at rest) or the Taylor
// step x₋₁ = x0 + ½Δt²x''(0), x''(0) = −k x0/m.
double central_position(double m, double mu, double dt, double k, double x0, double t_end,
                        bool taylor_start) {
  double previous = taylor_start ? x0 - 0.5 * dt * dt * k * x0 / m : x0, x = x0;
  for (long step = 0; step < std::lround(t_end / dt); ++step) {
    const double next = central_next(m, mu, dt, previous, x, k * x);
    previous = x;
    x = next;
  }
  return x;
}
}  // namespace

BOOST_AUTO_TEST_CASE(
    the_central_difference_variant_is_second_order,
    *utf::description("§3.1: with the central difference for x' the step is a heavy ball whose "
                      "β falls to 0 at Δt = 2m/μ and is negative beyond; on U = 2x², m = 1, "
                      "μ = 0.5 from x(0) = 1 at rest its error at t = 5 falls by about 4 when Δt "
                      "halves (4.082, 4.021, 4.005) if it starts with the Taylor step "
                      "x₋₁ = x₀ + ½Δt²x''(0), and only by about 2 (2.183, 2.079, 2.037) if it is "
                      "released with x₋₁ = x₀")) {
  const double m = 1.0, mu = 0.5, k = 4.0;
  const double exact = damped_oscillator_solution(m, mu, k, 1.0, 0.0, 5.0);
  for (const bool taylor : {true, false}) {
    const std::vector<double> measured = taylor ? std::vector<double>{4.082, 4.021, 4.005}
                                                : std::vector<double>{2.183, 2.079, 2.037};
    std::vector<double> errors;
    for (double dt : {0.1, 0.05, 0.025, 0.0125})
      errors.push_back(std::abs(central_position(m, mu, dt, k, 1.0, 5.0, taylor) - exact));
    for (std::size_t i = 1; i < errors.size(); ++i) {
      const double ratio = errors[i - 1] / errors[i];
      BOOST_TEST_INFO((taylor ? "Taylor start" : "released at rest")
                      << ": error " << errors[i - 1] << " → " << errors[i]
                      << " when Δt halves, ratio " << ratio);
      BOOST_TEST(ratio == measured[i - 1], tt::tolerance(1e-3));
    }
    if (taylor) BOOST_TEST(errors.front() == 2.255e-3, tt::tolerance(1e-3));
  }
  // Its momentum β_c, measured: without force, from x_{k−1} = −1 and x_k = 0 the heavy ball lands
  // on x_{k+1} = β_c(x_k − x_{k−1}) = β_c. It is 0 at Δt = 2m/μ = 4 and negative beyond.
  const auto beta_central = [&](double dt) { return central_next(m, mu, dt, -1.0, 0.0, 0.0); };
  BOOST_TEST(std::abs(beta_central(4.0)) <= 1e-15);
  BOOST_TEST(beta_central(10.0) == -3.0 / 7.0, tt::tolerance(1e-14));
}
//! [central variant]

BOOST_AUTO_TEST_CASE(exact_solution_solves_the_ode,
                     *utf::description("§3.4: x(t) satisfies m x'' + μx' + kx = 0, x(0) = x₀, "
                                       "x'(0) = v₀ in all three regimes; from rest only the "
                                       "under-damped ball crosses 0")) {
  const double m = 1.0, k = 4.0;  // critical friction 2√(mk) = 4
  struct Case {
    double friction;
    Damping regime;
  };
  const double h = 1e-4;
  for (const Case& c :
       {Case{1.0, Damping::under}, Case{4.0, Damping::critical}, Case{12.0, Damping::over}}) {
    BOOST_TEST(damping_regime(m, c.friction, k) == c.regime);
    auto x = [&](double t) { return damped_oscillator_solution(m, c.friction, k, 0.7, -0.4, t); };
    BOOST_TEST(x(0.0) == 0.7, tt::tolerance(1e-15));
    BOOST_TEST((x(h) - x(-h)) / (2 * h) == -0.4, tt::tolerance(1e-7));
    for (double t : {0.3, 1.0, 2.5}) {
      const double acceleration = (x(t + h) - 2 * x(t) + x(t - h)) / (h * h);
      const double velocity = (x(t + h) - x(t - h)) / (2 * h);
      const double residual = m * acceleration + c.friction * velocity + k * x(t);
      BOOST_TEST_INFO(to_string(c.regime) << " at t = " << t << ": residual " << residual);
      BOOST_TEST(std::abs(residual) <= 1e-5);
    }
    int sign_changes = 0;
    double previous = 1.0;
    for (int i = 1; i <= 600; ++i) {
      const double now = damped_oscillator_solution(m, c.friction, k, 1.0, 0.0, 0.01 * i);
      if (now * previous < 0) ++sign_changes;
      previous = now;
    }
    BOOST_TEST_INFO(to_string(c.regime) << ": " << sign_changes << " sign changes on [0, 6]");
    BOOST_TEST((sign_changes > 0) == (c.regime == Damping::under));
  }
  BOOST_TEST(to_string(Damping::critical) == "critically damped");
}

BOOST_AUTO_TEST_CASE(spectral_radius_of_two_by_two_matrices,
                     *utf::description("§3.4: ρ(T) is the largest |root| of z² − tr(T)z + det T, "
                                       "real or complex")) {
  Eigen::Matrix2d rotation, diagonal, complex_pair;
  rotation << 0.6, -0.8, 0.8, 0.6;
  diagonal << 0.5, 0.0, 0.0, -2.0;
  complex_pair << 0.0, -0.25, 1.0, 0.0;  // z² + 0.25 = 0
  BOOST_TEST(spectral_radius(rotation) == 1.0, tt::tolerance(1e-15));
  BOOST_TEST(spectral_radius(diagonal) == 2.0, tt::tolerance(1e-15));
  BOOST_TEST(spectral_radius(complex_pair) == 0.5, tt::tolerance(1e-15));
  Eigen::Matrix2d bad = rotation;
  bad(0, 1) = std::nan("");
  BOOST_CHECK_EXCEPTION(spectral_radius(bad), std::invalid_argument,
                        testing::message_has({"NaN or infinite"}));
}

BOOST_AUTO_TEST_CASE(
    stability_boundary_from_the_iteration_matrix,
    *utf::description("§3.4: for β = 0.9, λ = 1 the heavy ball's spectral radius is "
                      "√0.9 = 0.94868 at ηλ = 3.79 (complex roots) and 1.06466 at "
                      "ηλ = 3.81, beyond 2 + 2β = 3.8; at η = 0.5 it is √β")) {
  BOOST_TEST(spectral_radius(heavy_ball_iteration_matrix({3.79, 0.9}, 1.0)) == 0.94868,
             tt::tolerance(1e-5));
  BOOST_TEST(spectral_radius(heavy_ball_iteration_matrix({3.81, 0.9}, 1.0)) == 1.06466,
             tt::tolerance(1e-5));
  BOOST_TEST(spectral_radius(heavy_ball_iteration_matrix({0.5, 0.9}, 1.0)) == std::sqrt(0.9),
             tt::tolerance(1e-14));
  const Eigen::Matrix2d N = nesterov_iteration_matrix({0.01, 9.0 / 11.0}, 1.0);
  BOOST_TEST(N(0, 0) == 1.8, tt::tolerance(1e-14));  // (1 + β)(1 − ηλ) = (20/11)(0.99)
  BOOST_TEST(N(0, 1) == -0.81, tt::tolerance(1e-14));
  BOOST_CHECK_EXCEPTION(heavy_ball_iteration_matrix({0.1, 0.9}, std::nan("")),
                        std::invalid_argument, testing::message_has({"eigenvalue = nan"}));
  BOOST_CHECK_EXCEPTION(nesterov_iteration_matrix({0.1, 1.0}, 1.0), std::invalid_argument,
                        testing::message_has({"momentum = 1 is invalid"}));
}

BOOST_AUTO_TEST_CASE(the_rates_of_the_tuned_methods,
                     *utf::description("§3.5–§3.6: on λ ∈ [1, 100] the optimal heavy ball's rate "
                                       "is 9/11 and Nesterov's 0.9 (the tuned parameters are "
                                       "the exercise momentum_tuning, tested in "
                                       "solutions/ch03/test_tuning.cpp)")) {
  BOOST_TEST(optimal_heavy_ball_rate(1.0, 100.0) == 9.0 / 11.0, tt::tolerance(1e-15));
  BOOST_TEST(nesterov_rate(1.0, 100.0) == 0.9, tt::tolerance(1e-15));
  BOOST_TEST(optimal_heavy_ball_rate(4.0, 4.0) == 0.0);
  BOOST_CHECK_EXCEPTION(optimal_heavy_ball_rate(0.0, 100.0), std::invalid_argument,
                        testing::message_has({"smallest_eigenvalue = 0 is invalid", "> 0"}));
  BOOST_CHECK_EXCEPTION(
      nesterov_rate(10.0, 5.0), std::invalid_argument,
      testing::message_has({"largest_eigenvalue = 5 is invalid",
                            "expected largest_eigenvalue >= smallest_eigenvalue = 10"}));
  BOOST_CHECK_EXCEPTION(nesterov_rate(1.0, std::numeric_limits<double>::infinity()),
                        std::invalid_argument,
                        testing::message_has({"largest_eigenvalue = inf is invalid"}));
}

BOOST_AUTO_TEST_CASE(inverse_map_from_the_optimizer_to_the_physics,
                     *utf::description("§3.1: physics_from_heavy_ball reads (η, β) = (0.01, 0.9) "
                                       "at Δt = 0.1 as the ball m = 0.9, μ = 1, the default "
                                       "physics")) {
  const PhysicalParams physics = physics_from_heavy_ball({0.01, 0.9}, 0.1);
  const PhysicalParams defaults;
  BOOST_TEST(physics.mass == defaults.mass, tt::tolerance(1e-14));
  BOOST_TEST(physics.friction == defaults.friction, tt::tolerance(1e-14));
  BOOST_TEST(physics.time_step == defaults.time_step);
  BOOST_CHECK_EXCEPTION(physics_from_heavy_ball({0.01, 0.0}, 0.1), std::invalid_argument,
                        testing::message_has({"momentum = 0 is invalid", "in (0, 1)"}));
  BOOST_CHECK_EXCEPTION(physics_from_heavy_ball({-0.01, 0.9}, 0.1), std::invalid_argument,
                        testing::message_has({"learning_rate = -0.01 is invalid"}));
  BOOST_CHECK_EXCEPTION(physics_from_heavy_ball({0.01, 0.9}, 0.0), std::invalid_argument,
                        testing::message_has({"time_step = 0 is invalid", "time_step > 0"}));
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_refused_with_the_value_and_the_range,
                     *utf::description("§3.1–§3.6: lr ≤ 0, momentum outside [0, 1), mass ≤ 0, "
                                       "friction < 0 and Δt ≤ 0 are refused, naming the value "
                                       "and the allowed range")) {
  const MomentumParams defaults;
  BOOST_TEST(defaults.learning_rate == 0.01);
  BOOST_TEST(defaults.momentum == 0.9);
  BOOST_CHECK_EXCEPTION(heavy_ball_rule({0.0, 0.9}), std::invalid_argument,
                        testing::message_has({"learning_rate = 0 is invalid", "> 0"}));
  BOOST_CHECK_EXCEPTION(heavy_ball_rule({0.1, 1.0}), std::invalid_argument,
                        testing::message_has({"momentum = 1 is invalid", "in [0, 1)"}));
  BOOST_CHECK_EXCEPTION(nesterov_rule({0.1, -0.2}), std::invalid_argument,
                        testing::message_has({"momentum = -0.2 is invalid", "in [0, 1)"}));
  BOOST_CHECK_EXCEPTION(nesterov_rule({std::nan(""), 0.5}), std::invalid_argument,
                        testing::message_has({"learning_rate = nan is invalid"}));
  auto heavy = heavy_ball_rule();
  BOOST_CHECK_EXCEPTION(heavy.set_learning_rate(-1.0), std::invalid_argument,
                        testing::message_has({"learning_rate = -1 is invalid"}));
  heavy.set_learning_rate(0.5);
  BOOST_TEST(heavy.params().learning_rate == 0.5);
  auto nesterov = nesterov_rule();
  BOOST_CHECK_EXCEPTION(nesterov.set_learning_rate(0.0), std::invalid_argument,
                        testing::message_has({"learning_rate = 0 is invalid"}));

  BOOST_CHECK_NO_THROW(PhysicalParams{}.validate());
  BOOST_CHECK_EXCEPTION(damped_oscillator_rule({0.0, 1.0, 0.1}), std::invalid_argument,
                        testing::message_has({"mass = 0 is invalid", "expected mass > 0"}));
  BOOST_CHECK_EXCEPTION(damped_oscillator_rule({-1.0, 1.0, 0.1}), std::invalid_argument,
                        testing::message_has({"mass = -1 is invalid"}));
  BOOST_CHECK_EXCEPTION(damped_oscillator_rule({1.0, -0.5, 0.1}), std::invalid_argument,
                        testing::message_has({"friction = -0.5 is invalid", "friction >= 0"}));
  BOOST_CHECK_EXCEPTION(damped_oscillator_rule({1.0, 1.0, 0.0}), std::invalid_argument,
                        testing::message_has({"time_step = 0 is invalid", "time_step > 0"}));
  BOOST_CHECK_EXCEPTION(damped_oscillator_rule({1.0, 1.0, -0.1}), std::invalid_argument,
                        testing::message_has({"time_step = -0.1 is invalid"}));
  // no friction: a valid oscillator
  BOOST_CHECK_NO_THROW(damped_oscillator_rule({1.0, 0.0, 0.1}));
  BOOST_CHECK_EXCEPTION(damped_oscillator_rule({}, Vector{{std::nan("")}}), std::invalid_argument,
                        testing::message_has({"initial_velocity[0] = nan is invalid"}));
  auto wrong_size = damped_oscillator_rule({}, Vector{{1.0, 2.0}});
  const Quadratic line = Quadratic::diagonal(Vector{{1.0}});
  BOOST_CHECK_EXCEPTION(testing::run_steps(line, wrong_size, Vector{{1.0}}, 3),
                        std::invalid_argument,
                        testing::message_has({"initial_velocity has 2 entries: expected 1"}));
  BOOST_CHECK_EXCEPTION(damping_regime(1.0, 1.0, 0.0), std::invalid_argument,
                        testing::message_has({"stiffness = 0 is invalid", "stiffness > 0"}));
}

BOOST_AUTO_TEST_CASE(registered_with_torch_names,
                     *utf::description("§3.2, §3.6: heavy-ball and nesterov are built by name "
                                       "with the settings lr and momentum")) {
  for (const std::string name : {"heavy-ball", "nesterov"}) {
    const OptimizerEntry& entry = workbook::registry().optimizer(name);
    BOOST_TEST_REQUIRE(entry.settings.size() == 2u);
    BOOST_TEST(entry.settings[0].name == "lr");
    BOOST_TEST(entry.settings[0].default_value == "0.01");
    BOOST_TEST(entry.settings[1].name == "momentum");
    BOOST_TEST(entry.settings[1].default_value == "0.9");
    const auto rule = entry.make({{"lr", "0.05"}, {"momentum", "0.5"}});
    BOOST_TEST(rule->state_vectors() == 1);
    BOOST_CHECK_EXCEPTION(entry.make({{"momentum", "1"}}), std::invalid_argument,
                          testing::message_has({"momentum = 1 is invalid"}));
  }
  BOOST_TEST(workbook::registry().optimizer("heavy-ball").make({})->name() ==
             "heavy ball (lr = 0.01, momentum = 0.9)");
}

BOOST_AUTO_TEST_SUITE_END()
