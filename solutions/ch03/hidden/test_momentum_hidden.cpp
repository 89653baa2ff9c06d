// Chapter 3, §3.2 and §3.6: hidden tests of the heavy-ball and Nesterov steps, in many dimensions.
// Hidden tests (solutions/<chapter>/hidden/) are graded like the others; the student edition
// leaves their code out, and the manifest declares them so that their names and points are known.
#include <cmath>
#include <string>

#include "workbook/momentum.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// The first coordinate where a and b differ by more than `tolerance` relative, or −1.
Index first_difference(const Vector& a, const Vector& b, double tolerance) {
  for (Index i = 0; i < a.size(); ++i) {
    if (std::abs(a(i) - b(i)) > tolerance * std::max(1.0, std::abs(b(i)))) return i;
  }
  return -1;
}

// The curvatures dᵢ = 1 + i/100 of f = ½Σ dᵢxᵢ² in n dimensions.
Vector curvatures(Index n) {
  Vector d(n);
  for (Index i = 0; i < n; ++i) d(i) = 1.0 + static_cast<double>(i) / 100.0;
  return d;
}

// A state at rest at x: x_{−1} = x.
MomentumState at_rest(const Vector& x) {
  MomentumState state;
  state.x_previous = x;
  return state;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(heavy_ball_step)

BOOST_AUTO_TEST_CASE(
    three_steps_in_a_thousand_dimensions,
    *utf::description("§3.2: x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1}) in every coordinate. In "
                      "n = 1000 dimensions, on f = ½Σ dᵢxᵢ² with dᵢ = 1 + i/100, from rest at "
                      "xᵢ = 1, three steps with η = 0.05, β = 0.8 equal the recurrence written "
                      "out coordinate by coordinate")) {
  const Index n = 1000;
  const double eta = 0.05, beta = 0.8;
  const Vector d = curvatures(n);
  Vector x = Vector::Ones(n);
  MomentumState state = at_rest(x);
  for (int t = 1; t <= 3; ++t) {
    // Each step is checked from the state the step before left, so that one slip is named once.
    const Vector x_t = x, x_t_minus_1 = state.x_previous;
    const Vector gradient = d.cwiseProduct(x);
    workbook::heavy_ball_step(x, gradient, state, {eta, beta});
    const Vector expected = x_t - eta * d.cwiseProduct(x_t) + beta * (x_t - x_t_minus_1);
    const Vector& expected_previous = x_t;
    const Index i = first_difference(x, expected, 1e-13);
    std::string why = "step " + std::to_string(t) + ": ";
    if (i < 0) {
      why += "every coordinate right";
    } else {
      why += "x_" + std::to_string(i) + " = " + format_number(x(i), 10) + ", expected " +
             format_number(expected(i), 10);
      if (x(i) == expected_previous(i)) why += ": that coordinate did not move";
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(i == -1);
    const Index j = first_difference(state.x_previous, expected_previous, 1e-13);
    BOOST_TEST_INFO("step " << t << ": x_previous must hold x_t after the step; coordinate " << j
                            << " does not");
    BOOST_TEST(j == -1);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(nesterov_step)

BOOST_AUTO_TEST_CASE(
    three_steps_in_a_thousand_dimensions,
    *utf::description("§3.6: y_t = x_t + β(x_t − x_{t−1}), x_{t+1} = y_t − η∇f(y_t) in every "
                      "coordinate. In n = 1000 dimensions, on f = ½Σ dᵢxᵢ² with dᵢ = 1 + i/100, "
                      "from rest at xᵢ = 1, three steps with η = 0.05, β = 0.8 equal the "
                      "lookahead form written out, with one gradient per step")) {
  const Index n = 1000;
  const double eta = 0.05, beta = 0.8;
  const Vector d = curvatures(n);
  Vector x = Vector::Ones(n);
  MomentumState state = at_rest(x);
  int evaluations = 0;
  const GradientFunction gradient_at = [&](const Vector& y) {
    ++evaluations;
    return Vector(d.cwiseProduct(y));
  };
  for (int t = 1; t <= 3; ++t) {
    const Vector x_t = x, x_t_minus_1 = state.x_previous;
    workbook::nesterov_step(x, gradient_at, state, {eta, beta});
    const Vector y = x_t + beta * (x_t - x_t_minus_1);
    const Vector expected = y - eta * d.cwiseProduct(y);
    const Index i = first_difference(x, expected, 1e-13);
    BOOST_TEST_INFO("step " << t << ": coordinate " << i << " is " << (i < 0 ? 0.0 : x(i))
                            << ", expected " << (i < 0 ? 0.0 : expected(i)));
    BOOST_TEST(i == -1);
  }
  BOOST_TEST_INFO("∇f was evaluated " << evaluations << " times in 3 steps: once per step, at y_t");
  BOOST_TEST(evaluations == 3);
}

BOOST_AUTO_TEST_SUITE_END()
