/// \file
/// Chapter 1: gradient descent with a fixed step and with Armijo backtracking.
#pragma once

#include <functional>
#include <string>

#include "workbook/driver.hpp"
#include "workbook/function.hpp"

namespace workbook {

/// \name Chapter 1 exercises
/// Declared here once; defined in `exercises/ch01/` (the stubs a student completes) and in the
/// reference solutions. The update rules below call them.
/// \{

/// The gradient step \f$x \leftarrow x - \eta\, \nabla f(x)\f$ (Chapter 1, §1.2), in place.
///
/// \param x              \f$x_k\f$ on entry, \f$x_{k+1}\f$ on exit
/// \param gradient       \f$\nabla f(x_k)\f$
/// \param learning_rate  \f$\eta > 0\f$
void gradient_descent_step(Vector& x, const Vector& gradient, double learning_rate);

/// Hyper-parameters of the backtracking line search (Chapter 1, §1.5).
struct ArmijoParams {
  /// \f$\alpha_0\f$, the first step size tried; \f$> 0\f$.
  double initial_step = 1.0;
  /// \f$\rho\f$, the factor a rejected step size is multiplied by; in \f$(0, 1)\f$.
  double shrink = 0.5;
  /// \f$c\f$ in the sufficient-decrease condition; in \f$(0, 1)\f$.
  double sufficient_decrease = 1e-4;
  /// How many times \f$\alpha\f$ may shrink before the search gives up; \f$\ge 1\f$.
  int max_backtracks = 60;

  /// Throws `std::invalid_argument` naming the first value out of its range.
  void validate() const;
};

/// Backtracking (Armijo) line search along a descent direction \f$d\f$ (Chapter 1, §1.5).
///
/// Returns the first \f$\alpha \in \{\alpha_0, \rho\alpha_0, \rho^2\alpha_0, \dots\}\f$ with
/// \f[ f(x + \alpha d) \le f(x) + c\, \alpha\, \nabla f(x)^\top d. \f]
/// Throws `std::invalid_argument` if \f$\nabla f(x)^\top d \ge 0\f$ (not a descent direction) and
/// `std::runtime_error` if no step of the form \f$\rho^j \alpha_0\f$, \f$j \le\f$ max_backtracks,
/// satisfies the condition.
///
/// \param f          the objective \f$f\f$
/// \param x          the current point
/// \param loss       \f$f(x)\f$
/// \param gradient   \f$\nabla f(x)\f$
/// \param direction  \f$d\f$, e.g. \f$-\nabla f(x)\f$
/// \param params     \f$\alpha_0\f$, \f$\rho\f$, \f$c\f$ and how often \f$\alpha\f$ may shrink
double armijo_backtracking(const ScalarFunction& f, const Vector& x, double loss,
                           const Vector& gradient, const Vector& direction,
                           const ArmijoParams& params);
/// \}

/// Hyper-parameters of fixed-step gradient descent.
struct GradientDescentParams {
  /// \f$\eta\f$, the step size; \f$> 0\f$. On an \f$L\f$-smooth \f$f\f$ it must stay below \f$2/L\f$.
  double learning_rate = 0.1;
  /// Throws `std::invalid_argument` unless learning_rate \f$> 0\f$.
  void validate() const;
};

/// Gradient descent with a fixed step: \f$x_{k+1} = x_k - \eta\, \nabla f(x_k)\f$.
///
/// No state between steps (zero vectors per parameter).
class GradientDescent final : public UpdateRule {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid (GradientDescentParams::validate()).
  explicit GradientDescent(GradientDescentParams params = {});
  std::string name() const override;
  void reset(Index) override {}
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override;
  int state_vectors() const override { return 0; }
  /// The hyper-parameters it was built with.
  const GradientDescentParams& params() const { return params_; }

 private:
  GradientDescentParams params_;
};

/// Gradient descent with Armijo backtracking:
/// \f$x_{k+1} = x_k - \alpha_k \nabla f(x_k)\f$, where \f$\alpha_k\f$ is armijo_backtracking() along
/// \f$d_k = -\nabla f(x_k)\f$.
class GradientDescentArmijo final : public UpdateRule {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid (ArmijoParams::validate()).
  explicit GradientDescentArmijo(ArmijoParams params = {});
  std::string name() const override { return "gd-armijo"; }
  void reset(Index) override { last_step_size_ = 0.0; }
  void step(Vector& x, double loss, const Vector& gradient, Objective& objective) override;
  int state_vectors() const override { return 0; }
  /// The hyper-parameters it was built with.
  const ArmijoParams& params() const { return params_; }
  /// \f$\alpha_k\f$ of the last step.
  double last_step_size() const { return last_step_size_; }

 private:
  ArmijoParams params_;
  double last_step_size_ = 0.0;
  Vector direction_;
};

}  // namespace workbook
