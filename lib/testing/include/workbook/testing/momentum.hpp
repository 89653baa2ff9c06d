/// \file
/// What the tests of momentum (Chapter 3) share: the first iterates on x²/2, iterations to a
/// tolerance, the 2×2 iteration matrices measured from the exercises' steps, and a least-squares
/// slope.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

namespace workbook::testing {

/// ‖x‖∞.
inline double infinity_norm(const Vector& x) {
  return x.lpNorm<Eigen::Infinity>();
}

/// The result of running `rule` from `x0` until ‖x_k − x*‖∞ ≤ `tolerance` (x* = 0 here), at most
/// `budget` iterations, with no other stopping rule.
inline workbook::Result run_to_tolerance(const workbook::Problem& problem,
                                         workbook::UpdateRule& rule, const Vector& x0,
                                         double tolerance, long budget) {
  workbook::StopWhen reached(
      [tolerance](const workbook::IterationInfo& info) {
        return infinity_norm(info.x) <= tolerance;
      },
      "|x|_inf <= " + workbook::format_number(tolerance));
  workbook::StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = budget;
  return workbook::minimize(problem, rule, x0, stopping, {&reached});
}

/// An iterate that a known mistake produces: x_`step` = `value`, and `why` says what went wrong.
struct KnownWrongIterate {
  std::size_t step = 0;  ///< k
  double value = 0.0;    ///< the wrong x_k
  std::string why;       ///< the diagnosis, in the notes' terms
};

/// Runs `rule` by the driver on f = x²/2 from x₀ = 1 (at rest) for expected.size() − 1 steps and
/// requires x_k = expected[k] to 1e-14 for every k ≥ 1; when x_k is `wrong`'s value at its step,
/// the message says why; at any other wrong iterate, `lines` (the step's lines, measured) do, if
/// given. Returns the run (its counts).
inline Result check_iterates_on_half_x_squared(UpdateRule& rule,
                                               const std::vector<double>& expected,
                                               const KnownWrongIterate& wrong,
                                               const std::function<std::string()>& lines = {}) {
  const Quadratic half_x_squared = Quadratic::diagonal(Vector{{1.0}});
  TraceRecorder trace;
  const long steps = static_cast<long>(expected.size()) - 1;
  const Result result = run_steps(half_x_squared, rule, Vector{{1.0}}, steps, &trace);
  BOOST_TEST_INFO(result.message);
  BOOST_TEST_REQUIRE(trace.points().size() == expected.size());
  for (std::size_t k = 1; k < expected.size(); ++k) {
    const double got = trace.points()[k].x(0);
    std::string why = "x_" + std::to_string(k) + " = " + format_number(got, 6) + ", expected " +
                      format_number(expected[k]);
    if (k == wrong.step && close(got, wrong.value)) {
      why += ": " + wrong.why;
    } else if (lines && !close(got, expected[k], 1e-14)) {
      why += lines();
    }
    BOOST_TEST_INFO(why);
    BOOST_TEST(got == expected[k], tt::tolerance(1e-14));
  }
  return result;
}

/// The heavy ball's iteration matrix on f = ½λx², measured from workbook::heavy_ball_step: column
/// j is the state (e_{t+1}, e_t) after one step from the unit state (e_t, e_{t−1}) = e_j.
inline Eigen::Matrix2d measured_heavy_ball_matrix(double learning_rate, double momentum,
                                                  double eigenvalue) {
  Eigen::Matrix2d T;
  for (int j = 0; j < 2; ++j) {
    Vector x{{j == 0 ? 1.0 : 0.0}};
    workbook::MomentumState state;
    state.x_previous = Vector{{j == 1 ? 1.0 : 0.0}};
    const Vector gradient = eigenvalue * x;  // ∇f(x) = λx
    workbook::heavy_ball_step(x, gradient, state, {learning_rate, momentum});
    T(0, j) = x(0);
    T(1, j) = state.x_previous(0);
  }
  return T;
}

/// Nesterov's iteration matrix on f = ½λx², measured from workbook::nesterov_step.
inline Eigen::Matrix2d measured_nesterov_matrix(double learning_rate, double momentum,
                                                double eigenvalue) {
  Eigen::Matrix2d T;
  const workbook::GradientFunction gradient = [eigenvalue](const Vector& y) {
    return Vector(eigenvalue * y);
  };
  for (int j = 0; j < 2; ++j) {
    Vector x{{j == 0 ? 1.0 : 0.0}};
    workbook::MomentumState state;
    state.x_previous = Vector{{j == 1 ? 1.0 : 0.0}};
    workbook::nesterov_step(x, gradient, state, {learning_rate, momentum});
    T(0, j) = x(0);
    T(1, j) = state.x_previous(0);
  }
  return T;
}

/// The least-squares slope of y against x.
inline double fitted_slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  return sxy / sxx;
}

}  // namespace workbook::testing
