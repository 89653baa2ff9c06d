/// \file
/// Chapter 1: gradient descent with a fixed step and with Armijo backtracking.
#pragma once

#include "workbook/driver.hpp"
#include "workbook/function.hpp"
#include "workbook/rule.hpp"
#include "workbook/settings.hpp"

namespace workbook {

/// Hyper-parameters of fixed-step gradient descent (\ref ch01-gradient-step "Chapter 1, §1.2").
struct GradientDescentParams {
  /// \f$\eta\f$, the step size; \f$> 0\f$. On an \f$L\f$-smooth \f$f\f$ it must stay below \f$2/L\f$.
  double learning_rate = 0.1;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<GradientDescentParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// What gradient descent carries from one step to the next: only the step counter.
struct GradientDescentState {
  long t = 0;  ///< \f$t\f$, the steps taken; gradient_descent_step() counts them
  /// Nothing to size: gradient descent keeps no vector.
  void reset(Index, const GradientDescentParams&) {}
  /// 0: no vector is kept between steps.
  int vectors() const { return 0; }
};

/// Hyper-parameters of the backtracking line search (\ref ch01-armijo "Chapter 1, §1.5").
struct ArmijoParams {
  /// \f$\alpha_0\f$, the first step size tried; \f$> 0\f$.
  double initial_step = 1.0;
  /// \f$\tau\f$, the factor a rejected step size is multiplied by; in \f$(0, 1)\f$.
  double shrink = 0.5;
  /// \f$c\f$ in the sufficient-decrease condition; in \f$(0, 1)\f$.
  double sufficient_decrease = 1e-4;
  /// How many times \f$\alpha\f$ may shrink before the search gives up; \f$\ge 1\f$.
  int max_backtracks = 60;
  /// Its fields: names, ranges and help, for validate() and the registry (settings.hpp).
  static const Settings<ArmijoParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range, as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// What gradient descent with Armijo backtracking carries: gradient descent's step counter and
/// the step size \f$\alpha_k\f$ its last line search chose.
struct ArmijoState : GradientDescentState {
  double step_size = 0.0;  ///< \f$\alpha_k\f$ of the last step (0 before the first)
  /// Nothing to size.
  void reset(Index, const ArmijoParams&) {}
};

/// \name Chapter 1 exercises
/// Declared here once; defined in `exercises/ch01/` (the stubs a student completes) and in the
/// reference solutions. The update rules below call them.
/// \{

/// The gradient step, in place; counts the step (`++state.t`):
/// \f[ x_{k+1} = x_k - \eta\, \nabla f(x_k). \f]
/// Why it descends is derived in \ref ch01-gradient-step "§1.2", for which \f$\eta\f$ in
/// \ref ch01-descent-lemma "§1.3"; the exercise is `exercises/ch01/gradient_descent_step.cpp`
/// (\ref exercises/ch01/gradient_descent_step.cpp "its stub").
///
/// \param x         \f$x_k\f$ on entry, \f$x_{k+1}\f$ on exit
/// \param gradient  \f$\nabla f(x_k)\f$
/// \param state     the step counter \f$t\f$
/// \param params    \f$\eta > 0\f$, `params.learning_rate`
void gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState& state,
                           const GradientDescentParams& params);

/// Backtracking (Armijo) line search along a descent direction \f$d\f$, derived in
/// \ref ch01-armijo "Chapter 1, §1.5" (\ref exercises/ch01/armijo_backtracking.cpp "the stub").
///
/// Returns the first \f$\alpha \in \{\alpha_0, \tau\alpha_0, \tau^2\alpha_0, \dots\}\f$ with
/// \f[ f(x + \alpha d) \le f(x) + c\, \alpha\, \nabla f(x)^\top d. \f]
/// Throws `std::invalid_argument` if \f$\nabla f(x)^\top d \ge 0\f$ (not a descent direction) and
/// `std::runtime_error` if no step of the form \f$\tau^j \alpha_0\f$, \f$j \le\f$ max_backtracks,
/// satisfies the condition.
///
/// \param f          the objective \f$f\f$
/// \param x          the current point
/// \param loss       \f$f(x)\f$
/// \param gradient   \f$\nabla f(x)\f$
/// \param direction  \f$d\f$, e.g. \f$-\nabla f(x)\f$
/// \param params     \f$\alpha_0\f$, \f$\tau\f$, \f$c\f$ and how often \f$\alpha\f$ may shrink
double armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                           const Vector& gradient, const Vector& direction,
                           const ArmijoParams& params);
/// \}

/// One step of gradient descent with Armijo backtracking, in place:
/// \f$x_{k+1} = x_k - \alpha_k \nabla f(x_k)\f$, where \f$\alpha_k\f$ is armijo_backtracking() along
/// \f$d_k = -\nabla f(x_k)\f$ and the step itself is gradient_descent_step() with
/// \f$\eta = \alpha_k\f$. The trial values of \f$f\f$ go through `objective` and are counted; the
/// accepted trial point is \f$x_{k+1}\f$, whose \f$f\f$ the driver then reuses.
void gradient_descent_armijo_step(Vector& x, double loss, const Vector& gradient,
                                  Objective& objective, ArmijoState& state,
                                  const ArmijoParams& params);

/// Gradient descent with a fixed step, \f$x_{k+1} = x_k - \eta\, \nabla f(x_k)\f$
/// (\ref ch01-gradient-step "§1.2"): a KernelRule of gradient_descent_step().
using GradientDescentRule = KernelRule<GradientDescentParams, GradientDescentState>;
/// Gradient descent with a fixed step. Throws `std::invalid_argument` if `params` is invalid.
GradientDescentRule gradient_descent_rule(GradientDescentParams params = {});

/// Gradient descent with Armijo backtracking (\ref ch01-armijo "§1.5"),
/// \f$x_{k+1} = x_k - \alpha_k \nabla f(x_k)\f$: a KernelRule of gradient_descent_armijo_step().
using GradientDescentArmijoRule = KernelRule<ArmijoParams, ArmijoState>;
/// Gradient descent with Armijo backtracking. Throws `std::invalid_argument` if `params` is
/// invalid.
GradientDescentArmijoRule gradient_descent_armijo_rule(ArmijoParams params = {});

}  // namespace workbook
