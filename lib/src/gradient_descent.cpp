// Chapter 1 update rules. The graded kernels they call, gradient_descent_step() and
// armijo_backtracking(), are exercises: see exercises/ch01/.
#include "workbook/gradient_descent.hpp"

#include "workbook/errors.hpp"
#include "workbook/format.hpp"

namespace workbook {

void GradientDescentParams::validate() const {
  require_positive("learning_rate", learning_rate);
}

void ArmijoParams::validate() const {
  require_positive("initial_step", initial_step);
  require_open_interval("shrink", shrink, 0.0, 1.0);
  require_open_interval("sufficient_decrease", sufficient_decrease, 0.0, 1.0);
  require_at_least("max_backtracks", max_backtracks, 1);
}

GradientDescent::GradientDescent(GradientDescentParams params) : params_(params) {
  params_.validate();
}

std::string GradientDescent::name() const {
  return "gd (lr = " + format_number(params_.learning_rate) + ")";
}

void GradientDescent::step(Vector& x, double, const Vector& gradient, Objective&) {
  gradient_descent_step(x, gradient, params_.learning_rate);
}

GradientDescentArmijo::GradientDescentArmijo(ArmijoParams params) : params_(params) {
  params_.validate();
}

void GradientDescentArmijo::step(Vector& x, double loss, const Vector& gradient,
                                 Objective& objective) {
  direction_ = -gradient;
  last_step_size_ =
      armijo_backtracking([&objective](const Vector& p) { return objective.value(p); }, x, loss,
                          gradient, direction_, params_);
  gradient_descent_step(x, gradient, last_step_size_);
}

}  // namespace workbook
