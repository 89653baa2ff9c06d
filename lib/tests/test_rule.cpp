// KernelRule: the one adapter from (params, state, kernel) to an update rule the driver runs. The
// kernels here are small test doubles of the three forms, so the adapter is tested on its own.
#include "workbook/rule.hpp"

#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using workbook::testing::message_has;

namespace {

struct StepParams {
  double learning_rate = 0.1;
  void validate() const { require_positive("learning_rate", learning_rate); }
};

// A velocity v, a start point, and the step counter: enough to see every hook called.
struct VelocityState {
  Vector velocity;
  Vector x0;
  long t = 0;
  int starts = 0;
  void reset(Index n, const StepParams&) { velocity.setZero(n); }
  void start(const Vector& x) {
    x0 = x;
    ++starts;
  }
  int vectors() const { return velocity.size() > 0 ? 1 : 0; }
};

// First form: v ← v/2 + g, x ← x − ηv.
void velocity_step(Vector& x, const Vector& gradient, VelocityState& state,
                   const StepParams& params) {
  state.velocity = 0.5 * state.velocity + gradient;
  x -= params.learning_rate * state.velocity;
  ++state.t;
}

// Second form: x ← x − η∇f(x/2), the gradient at a point of its choosing.
void halfway_step(Vector& x, const GradientFunction& gradient_at, VelocityState& state,
                  const StepParams& params) {
  x -= params.learning_rate * gradient_at(0.5 * x);
  ++state.t;
}

struct NoParams {
  void validate() const {}
};
struct CountState {
  long t = 0;
  void reset(Index, const NoParams&) {}
  int vectors() const { return 0; }
};

// Third form: tries the full step x − ∇f and halves it until f decreases (a line search).
void halving_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                  CountState& state, const NoParams&) {
  double alpha = 1.0;
  while (objective.value(x - alpha * gradient) >= loss) alpha /= 2;
  x -= alpha * gradient;
  ++state.t;
}

std::string velocity_name(const StepParams& p) {
  return "velocity (lr = " + format_number(p.learning_rate) + ")";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kernel_rule)

BOOST_AUTO_TEST_CASE(the_driver_runs_a_kernel_with_its_state_and_params) {
  const Quadratic problem = Quadratic::diagonal(Vector{{1.0, 4.0}});
  KernelRule rule(StepParams{0.1}, velocity_step, velocity_name);
  BOOST_TEST(rule.name() == "velocity (lr = 0.1)");

  const Vector x0{{1.0, 1.0}};
  const Result result = workbook::testing::run_steps(problem, rule, x0, 5);
  // The same five steps, with a state of our own: the adapter adds nothing to the kernel.
  VelocityState state;
  state.reset(2, StepParams{});
  Vector x = x0, g;
  for (int k = 0; k < 5; ++k) {
    problem.gradient(x, g);
    velocity_step(x, g, state, StepParams{0.1});
  }
  BOOST_TEST(result.x(0) == x(0), tt::tolerance(0.0));
  BOOST_TEST(result.x(1) == x(1), tt::tolerance(0.0));
  BOOST_TEST(rule.state().t == 5);
  BOOST_TEST(rule.state_vectors() == 1);
  BOOST_TEST(rule.state().starts == 1, "start() runs once, before the first step");
  BOOST_TEST(rule.state().x0 == x0);

  // A new run starts from a fresh state: reset() forgets the velocity and the count.
  workbook::testing::run_steps(problem, rule, x0, 2);
  BOOST_TEST(rule.state().t == 2);
  BOOST_TEST(rule.state().starts == 1);
}

BOOST_AUTO_TEST_CASE(a_lookahead_kernel_evaluates_through_the_objective_and_is_counted) {
  const Quadratic problem = Quadratic::diagonal(Vector{{1.0, 4.0}});
  KernelRule rule(StepParams{0.1}, halfway_step, velocity_name);
  const Result result = workbook::testing::run_steps(problem, rule, Vector{{1.0, 1.0}}, 3);
  // The driver's own gradient at each of the 4 iterates, and one lookahead per step.
  BOOST_TEST(result.gradient_evaluations == 4 + 3);
  BOOST_TEST(rule.state().t == 3);
}

BOOST_AUTO_TEST_CASE(an_objective_kernel_sees_the_loss_and_its_evaluations_are_counted) {
  const Quadratic problem = Quadratic::diagonal(Vector{{1.0, 4.0}});
  KernelRule rule(NoParams{}, halving_step, [](const NoParams&) { return std::string("halving"); });
  const Result result = workbook::testing::run_steps(problem, rule, Vector{{1.0, 1.0}}, 1);
  // f = ½x₁² + 2x₂² from (1, 1), f = 2.5, ∇f = (1, 4): α = 1 lands on (0, −3) with f = 18 and is
  // rejected, α = ½ lands on (½, −1) with f = 2.125 and is accepted. Two trial values, plus the
  // driver's own at x₀; at x₁ = (½, −1), the accepted trial point, it reuses the trial's value.
  BOOST_TEST(result.function_evaluations == 2 + 1);
  BOOST_TEST(rule.state().t == 1);
  BOOST_TEST(!rule.has_learning_rate());
  BOOST_CHECK_EXCEPTION(rule.learning_rate(), std::logic_error,
                        message_has({"halving has no learning rate"}));
  BOOST_CHECK_EXCEPTION(rule.set_learning_rate(0.1), std::logic_error,
                        message_has({"halving has no learning rate"}));
}

BOOST_AUTO_TEST_CASE(a_schedule_sets_the_learning_rate_through_validate) {
  KernelRule rule(StepParams{0.1}, velocity_step, velocity_name);
  BOOST_TEST(rule.has_learning_rate());
  rule.set_learning_rate(0.05);
  BOOST_TEST(rule.learning_rate() == 0.05);
  BOOST_TEST(rule.name() == "velocity (lr = 0.05)");
  BOOST_CHECK_EXCEPTION(rule.set_learning_rate(-1.0), std::invalid_argument,
                        message_has({"learning_rate = -1", "learning_rate > 0"}));
  BOOST_TEST(rule.learning_rate() == 0.05, "a rejected value leaves the rule as it was");
}

BOOST_AUTO_TEST_CASE(bad_params_and_sizes_are_named) {
  BOOST_CHECK_EXCEPTION(KernelRule(StepParams{0.0}, velocity_step, velocity_name),
                        std::invalid_argument, message_has({"learning_rate = 0", "> 0"}));
  KernelRule rule(StepParams{0.1}, velocity_step, velocity_name);
  rule.reset(2);
  Vector x{{1.0, 2.0, 3.0}};
  const Vector g3{{1.0, 1.0, 1.0}}, g2{{1.0, 1.0}};
  const Quadratic problem = Quadratic::diagonal(Vector{{1.0, 4.0}});
  Objective objective(problem);
  BOOST_CHECK_EXCEPTION(rule.step(x, 0.0, g3, objective), std::invalid_argument,
                        message_has({"x has 3 entries", "was reset to 2"}));
  x = Vector{{1.0, 2.0}};
  BOOST_CHECK_EXCEPTION(rule.step(x, 0.0, g3, objective), std::invalid_argument,
                        message_has({"gradient", "3"}));
  BOOST_CHECK_NO_THROW(rule.step(x, 0.0, g2, objective));
}

BOOST_AUTO_TEST_SUITE_END()
