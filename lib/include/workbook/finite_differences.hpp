/// \file
/// Numerical derivatives, and the gradient check that compares them with analytic ones.
///
/// \ref ch01-finite-differences "Chapter 1, §1.6" derives the errors: a difference quotient with step \f$h\f$ has a truncation
/// error that falls with \f$h\f$ (like \f$h\f$ forward, \f$h^2\f$ central, \f$h^4\f$ five-point) and a
/// rounding error \f$\approx \varepsilon |f| / h\f$ that grows as \f$h\f$ shrinks, so each has a best
/// \f$h\f$ (\f$\sqrt\varepsilon\f$, \f$\varepsilon^{1/3}\f$, \f$\varepsilon^{1/5}\f$ for \f$f\f$ of order 1).
#pragma once

#include <functional>
#include <string>

#include "workbook/function.hpp"
#include "workbook/problem.hpp"

namespace workbook {

/// Forward differences:
/// \f$\partial_i f(x) \approx \dfrac{f(x + h e_i) - f(x)}{h}\f$, truncation error
/// \f$\tfrac h2 |\partial_i^2 f|\f$; \f$n + 1\f$ evaluations of \f$f\f$.
Vector forward_difference_gradient(const ScalarFunction& f, const Vector& x, double h);

/// Central differences (the exercise of \ref ch01-finite-differences "§1.6",
/// \ref exercises/ch01/central_difference_gradient.cpp "its stub"):
/// \f$\partial_i f(x) \approx \dfrac{f(x + h e_i) - f(x - h e_i)}{2h}\f$, truncation error
/// \f$\tfrac{h^2}{6} |\partial_i^3 f|\f$; \f$2n\f$ evaluations of \f$f\f$. `x` is left unchanged.
Vector central_difference_gradient(const ScalarFunction& f, const Vector& x, double h);

/// The five-point stencil
/// \f$\partial_i f(x) \approx \dfrac{-f(x + 2he_i) + 8 f(x + he_i) - 8 f(x - he_i) + f(x - 2he_i)}{12h}\f$,
/// truncation error \f$\tfrac{h^4}{30} |\partial_i^5 f|\f$; \f$4n\f$ evaluations of \f$f\f$.
///
/// The library checks its own analytic gradients with it: at \f$h = 10^{-3}\f$ it agrees with a
/// correct gradient of a smooth \f$f\f$ to about \f$10^{-10}\f$ relative.
Vector five_point_gradient(const ScalarFunction& f, const Vector& x, double h = 1e-3);

/// \f$\nabla^2 f(x)\f$ by five-point differences of the analytic gradient, column by column
/// (\f$\nabla^2 f\, e_j \approx\f$ the stencil applied to \f$\nabla f\f$ along \f$e_j\f$), then symmetrised
/// as \f$\tfrac12(H + H^\top)\f$.
Matrix hessian_by_differences(const Problem& problem, const Vector& x, double h = 1e-3);

/// The outcome of comparing an analytic gradient \f$a\f$ with a numerical one \f$\tilde a\f$.
struct GradientCheck {
  /// Per coordinate \f$r_i = \dfrac{|a_i - \tilde a_i|}{\max(|a_i|, |\tilde a_i|)}\f$, and 0 where both are 0.
  Vector relative_error;
  /// \f$\max_i r_i\f$.
  double max_relative_error = 0.0;
  /// The coordinate where it is reached.
  Index worst_coordinate = 0;

  /// The usual reading of max_relative_error for a smooth function checked with central
  /// differences: "correct" (< 1e-7), "probably correct" (< 1e-4; expected near kinks),
  /// "suspicious" (< 1e-2), "wrong" (>= 1e-2).
  std::string verdict() const;
};

/// Compares `analytic` with `numerical` coordinate by coordinate (\ref ch01-gradient-check "§1.7"). Throws `std::invalid_argument`
/// if their sizes differ.
GradientCheck gradient_check(const Vector& analytic, const Vector& numerical);

/// Compares `problem.gradient(x)` with five_point_gradient() of `problem.value` at `x`.
GradientCheck gradient_check(const Problem& problem, const Vector& x, double h = 1e-3);

/// A gradient checked along one direction \f$v\f$ with two evaluations of the loss
/// (\ref ch06-gradient-check "§6.2"): what check_along() measured.
struct DirectionalCheck {
  /// \f$h\f$, the step the check took: it evaluated \f$L(\theta + hv)\f$ and \f$L(\theta - hv)\f$.
  double step = 0.0;
  /// The central difference quotient \f$D_h = \dfrac{L(\theta + hv) - L(\theta - hv)}{2h}\f$.
  double difference = 0.0;
  /// \f$g^\top v\f$, the directional derivative the gradient \f$g\f$ claims.
  double derivative = 0.0;
  /// \f$\dfrac{|D_h - g^\top v|}{\max(\|g\|\,\|v\|,\ |D_h|)}\f$, and 0 when both are 0.
  double relative_error = 0.0;
};

/// **Exercise (\ref ch06-gradient-check "§6.2").** Checks a claimed gradient `gradient` of
/// `loss` at `theta` along the direction `direction` with two evaluations of `loss`, at a step
/// \f$h\f$ it chooses, and returns what it measured. Throws `std::invalid_argument` if the sizes of
/// `theta`, `gradient` and `direction` differ.
DirectionalCheck check_along(const ScalarFunction& loss, const Vector& theta,
                             const Vector& gradient, const Vector& direction);

}  // namespace workbook
