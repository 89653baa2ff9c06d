// Chapter 1 update rules. The graded kernels they call, gradient_descent_step() and
// armijo_backtracking(), are exercises: see exercises/ch01/.
#include "workbook/gradient_descent.hpp"

#include <memory>

#include "catalogue.hpp"
#include "workbook/registry.hpp"

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

// ------------------------------------------------------------------------------------ catalogue

void workbook::catalogue::add_gradient_descent(Registry& registry) {
  registry.add(optimizer_entry(
      "gd", "gradient descent with a fixed step: x <- x - lr * grad f (Chapter 1)",
      Settings<GradientDescentParams>().add("lr", &GradientDescentParams::learning_rate,
                                            "step size (learning rate) eta", "lr > 0"),
      [](const GradientDescentParams& p) { return std::make_unique<GradientDescent>(p); }));
  registry.add(optimizer_entry(
      "gd-armijo", "gradient descent with backtracking (Armijo) line search (Chapter 1)",
      Settings<ArmijoParams>()
          .add("initial_step", &ArmijoParams::initial_step, "first step size tried, alpha_0",
               "initial_step > 0")
          .add("shrink", &ArmijoParams::shrink, "factor rho a rejected step is multiplied by",
               "shrink in (0, 1)")
          .add("sufficient_decrease", &ArmijoParams::sufficient_decrease,
               "c in f(x + alpha d) <= f(x) + c alpha grad f . d", "sufficient_decrease in (0, 1)")
          .add("max_backtracks", &ArmijoParams::max_backtracks, "how many times alpha may shrink",
               "max_backtracks >= 1"),
      [](const ArmijoParams& p) { return std::make_unique<GradientDescentArmijo>(p); }));
}
