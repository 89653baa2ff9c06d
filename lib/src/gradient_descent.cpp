// Chapter 1 update rules. The graded kernels they call, gradient_descent_step() and
// armijo_backtracking(), are exercises: see exercises/ch01/.
#include "workbook/gradient_descent.hpp"

#include "catalogue.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

namespace workbook {

const Settings<GradientDescentParams>& GradientDescentParams::fields() {
  static const auto fields = Settings<GradientDescentParams>().add(
      learning_rate_field<GradientDescentParams>("step size (learning rate) eta"));
  return fields;
}

const Settings<ArmijoParams>& ArmijoParams::fields() {
  static const auto fields =
      Settings<ArmijoParams>()
          .add(&ArmijoParams::initial_step, "initial_step", "initial_step", Range::positive(),
               "first step size tried, alpha_0")
          .add(&ArmijoParams::shrink, "shrink", "shrink", Range::open(0.0, 1.0),
               "factor tau a rejected step is multiplied by")
          .add(&ArmijoParams::sufficient_decrease, "sufficient_decrease", "sufficient_decrease",
               Range::open(0.0, 1.0), "c in f(x + alpha d) <= f(x) + c alpha grad f . d")
          .add(&ArmijoParams::max_backtracks, "max_backtracks", "max_backtracks",
               Range::at_least(1), "how many times alpha may shrink");
  return fields;
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
  registry.add(
      optimizer_entry("gd", "gradient descent with a fixed step: x <- x - lr * grad f (Chapter 1)",
                      GradientDescentParams::fields(), gradient_descent_rule));
  registry.add(optimizer_entry(
      "gd-armijo", "gradient descent with backtracking (Armijo) line search (Chapter 1)",
      ArmijoParams::fields(), gradient_descent_armijo_rule));
}
