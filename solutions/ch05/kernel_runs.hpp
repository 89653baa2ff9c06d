/// \file
/// Small runs of Chapter 5's graded kernels on gradients the test chooses (no problem, no driver):
/// what the claims about single steps and moments need.
#pragma once

#include "workbook/adaptive.hpp"

namespace workbook::testing {

/// Adam or AMSGrad (`params.amsgrad`) on explicit gradients: adam_step() / amsgrad_step() with
/// the state kept here.
struct AdamRun {
  AdamParams params;
  Vector x, m, v, v_max;
  long t = 0;

  AdamRun(AdamParams p, Vector x0)
      : params(p),
        x(std::move(x0)),
        m(Vector::Zero(x.size())),
        v(Vector::Zero(x.size())),
        v_max(Vector::Zero(x.size())) {}
  /// One step with gradient `g`; returns the displacement \f$x_t - x_{t-1}\f$.
  Vector step(const Vector& g) {
    const Vector before = x;
    ++t;
    if (params.amsgrad)
      workbook::amsgrad_step(x, g, m, v, v_max, t, params);
    else
      workbook::adam_step(x, g, m, v, t, params);
    return x - before;
  }
  /// One step of a one-parameter run; returns the displacement.
  double step(double g) { return step(Vector{{g}})(0); }
};

/// Adagrad on explicit gradients (adagrad_step()).
struct AdagradRun {
  AdagradParams params;
  Vector x, sum_of_squares;
  long t = 0;

  AdagradRun(AdagradParams p, Vector x0)
      : params(p),
        x(std::move(x0)),
        sum_of_squares(Vector::Constant(x.size(), p.initial_accumulator_value)) {}
  Vector step(const Vector& g) {
    const Vector before = x;
    ++t;
    workbook::adagrad_step(x, g, sum_of_squares, t, params);
    return x - before;
  }
  double step(double g) { return step(Vector{{g}})(0); }
};

/// RMSprop on explicit gradients (rmsprop_step()).
struct RMSpropRun {
  RMSpropParams params;
  Vector x, square_average, momentum_buffer, gradient_average;

  RMSpropRun(RMSpropParams p, Vector x0)
      : params(p),
        x(std::move(x0)),
        square_average(Vector::Zero(x.size())),
        momentum_buffer(Vector::Zero(p.momentum > 0.0 ? x.size() : 0)),
        gradient_average(Vector::Zero(p.centered ? x.size() : 0)) {}
  Vector step(const Vector& g) {
    const Vector before = x;
    workbook::rmsprop_step(x, g, square_average, momentum_buffer, gradient_average, params);
    return x - before;
  }
  double step(double g) { return step(Vector{{g}})(0); }
};

/// AdaBelief on explicit gradients (adabelief_step()).
struct AdaBeliefRun {
  AdaBeliefParams params;
  Vector x, m, s;
  long t = 0;

  AdaBeliefRun(AdaBeliefParams p, Vector x0)
      : params(p), x(std::move(x0)), m(Vector::Zero(x.size())), s(Vector::Zero(x.size())) {}
  Vector step(const Vector& g) {
    const Vector before = x;
    ++t;
    workbook::adabelief_step(x, g, m, s, t, params);
    return x - before;
  }
  double step(double g) { return step(Vector{{g}})(0); }
};

}  // namespace workbook::testing
