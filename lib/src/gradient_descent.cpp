// Chapter 1 update rules. The graded kernels they call, gradient_descent_step() and
// armijo_backtracking(), are exercises: see exercises/ch01/.
#include "workbook/gradient_descent.hpp"

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

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

void gradient_descent_armijo_step(Vector& x, double loss, const Vector& gradient,
                                  Objective& objective, ArmijoState& state,
                                  const ArmijoParams& params) {
  const ScalarFunction f = [&objective](const Vector& p) { return objective.value(p); };
  state.step_size = armijo_backtracking(f, x, loss, gradient, -gradient, params);  // α_k
  gradient_descent_step(x, gradient, state, GradientDescentParams{state.step_size});
}

GradientDescentRule gradient_descent_rule(GradientDescentParams params) {
  return {params, gradient_descent_step, [](const GradientDescentParams& p) {
            return "gd (lr = " + format_number(p.learning_rate) + ")";
          }};
}

GradientDescentArmijoRule gradient_descent_armijo_rule(ArmijoParams params) {
  return {params, gradient_descent_armijo_step,
          [](const ArmijoParams&) { return std::string("gd-armijo"); }};
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

void workbook::catalogue::add_gradient_descent(Registry& registry) {
  registry.add(optimizer_entry(
      "gd", "gradient descent with a fixed step: x <- x - lr * grad f (Chapter 1)",
      Settings<GradientDescentParams>().add("lr", &GradientDescentParams::learning_rate,
                                            "step size (learning rate) eta", "lr > 0"),
      gradient_descent_rule));
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
      gradient_descent_armijo_rule));
}
