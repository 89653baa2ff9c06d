// The driver: stopping rules, divergence, results and their messages, evaluation counts, bad
// input. The update rules here are test doubles, so the driver is tested on its own.
#include "workbook/driver.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// x ← factor·x: converges for |factor| < 1 on a quadratic with minimiser 0, runs away for > 1.
class Scale final : public UpdateRule {
 public:
  explicit Scale(double factor) : factor_(factor) {}
  std::string name() const override { return "scale"; }
  void reset(Index) override { resets_++; }
  void step(Vector& x, double, const Vector&, Objective&) override { x *= factor_; }
  int state_vectors() const override { return 0; }
  int resets_ = 0;

 private:
  double factor_;
};

// Puts a NaN into x at its `at`-th step.
class NanAt final : public UpdateRule {
 public:
  explicit NanAt(int at) : at_(at) {}
  std::string name() const override { return "nan"; }
  void reset(Index) override { steps_ = 0; }
  void step(Vector& x, double, const Vector&, Objective&) override {
    if (++steps_ == at_)
      x(0) = std::numeric_limits<double>::quiet_NaN();
    else
      x *= 0.5;
  }
  int state_vectors() const override { return 0; }

 private:
  int at_, steps_ = 0;
};

// Evaluates f twice per step (like a line search).
class ProbeTwice final : public UpdateRule {
 public:
  std::string name() const override { return "probe"; }
  void reset(Index) override {}
  void step(Vector& x, double, const Vector&, Objective& objective) override {
    objective.value(x);
    objective.value(x);
    x *= 0.5;
  }
  int state_vectors() const override { return 0; }
};

// A line search in miniature: evaluates f at the trial point x/2 and moves there, as a line search
// moves to the trial point it accepts.
class MoveToTrial final : public UpdateRule {
 public:
  std::string name() const override { return "trial"; }
  void reset(Index) override {}
  void step(Vector& x, double, const Vector&, Objective& objective) override {
    const Vector trial = 0.5 * x;
    objective.value(trial);
    x = trial;
  }
  int state_vectors() const override { return 0; }
};

class Resize final : public UpdateRule {
 public:
  std::string name() const override { return "resize"; }
  void reset(Index) override {}
  void step(Vector& x, double, const Vector&, Objective&) override { x.resize(3); }
  int state_vectors() const override { return 0; }
};

const Quadratic bowl = Quadratic::diagonal(Vector{{1.0, 4.0}});

}  // namespace

BOOST_AUTO_TEST_SUITE(driver)

BOOST_AUTO_TEST_CASE(converges_on_the_gradient_norm_and_says_so) {
  Scale halve(0.5);
  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-6;
  const Result result = minimize(bowl, halve, Vector{{1.0, 1.0}}, stopping);
  // |g_k| = 2^-k |g_0| = 2^-k √17 ≤ 1e-6 first at k = 22.
  BOOST_TEST(result.reason == StopReason::gradient_converged);
  BOOST_TEST(result.converged());
  BOOST_TEST(result.iterations == 22);
  BOOST_TEST(result.gradient_norm <= 1e-6);
  BOOST_TEST(result.message == "converged: |g| = " + format_number(result.gradient_norm) +
                                   " <= 1e-6 after 22 iterations");
  BOOST_TEST(result.loss == bowl.value(result.x));
  BOOST_TEST(halve.resets_ == 1);
}

BOOST_AUTO_TEST_CASE(a_stationary_start_takes_no_step) {
  Scale halve(0.5);
  const Result result = minimize(bowl, halve, Vector::Zero(2));
  BOOST_TEST(result.iterations == 0);
  BOOST_TEST(result.reason == StopReason::gradient_converged);
  BOOST_TEST(result.message == "converged: |g| = 0 <= 1e-8 after 0 iterations");
}

BOOST_AUTO_TEST_CASE(counts_every_evaluation) {
  ProbeTwice probe;
  StoppingRules stopping;
  stopping.max_iterations = 5;
  stopping.gradient_tolerance = 0.0;
  const Result result = minimize(bowl, probe, Vector{{1.0, 1.0}}, stopping);
  BOOST_TEST(result.iterations == 5);
  BOOST_TEST(result.function_evaluations ==
             6 + 2 * 5);  // driver: one per iterate; rule: two per step
  BOOST_TEST(result.gradient_evaluations == 6);
  BOOST_TEST(result.hessian_evaluations == 0);
}

BOOST_AUTO_TEST_CASE(
    reuses_what_the_rule_evaluated_at_the_next_iterate,
    *utf::description("a rule that evaluates f at its trial point and moves there (a line "
                      "search) leaves the driver only ∇f to evaluate at the new iterate: 5 "
                      "steps cost 1 + 5 evaluations of f, not 1 + 2·5; a rule that evaluates "
                      "f elsewhere (ProbeTwice) reuses nothing")) {
  const testing::CountedProblem counted(bowl);
  MoveToTrial trial;
  const Result result = testing::run_steps(counted, trial, Vector{{1.0, 1.0}}, 5);
  BOOST_TEST(result.x == Vector({{1.0 / 32.0, 1.0 / 32.0}}));
  BOOST_TEST(result.function_evaluations == 1 + 5);  // f(x₀), and each trial once
  BOOST_TEST(result.gradient_evaluations == 1 + 5);
  // What reached the problem is what was counted: f and ∇f together at x₀, the 5 trial values,
  // then ∇f alone at each new iterate.
  BOOST_TEST(counted.both == 1);
  BOOST_TEST(counted.values == 5);
  BOOST_TEST(counted.gradients == 5);
  BOOST_TEST(result.loss == bowl.value(result.x));

  const testing::CountedProblem elsewhere(bowl);
  ProbeTwice probe;
  const Result probed = testing::run_steps(elsewhere, probe, Vector{{1.0, 1.0}}, 5);
  BOOST_TEST(probed.function_evaluations == 6 + 2 * 5);
  BOOST_TEST(elsewhere.both == 6);
  BOOST_TEST(elsewhere.values == 2 * 5);
}

BOOST_AUTO_TEST_CASE(stops_at_max_iterations_with_the_numbers) {
  Scale shrink(0.9);
  const Result result = testing::run_steps(bowl, shrink, Vector{{1.0, 1.0}}, 10);
  BOOST_TEST(result.reason == StopReason::max_iterations);
  BOOST_TEST(!result.converged());
  BOOST_TEST(result.iterations == 10);
  BOOST_TEST(result.x(0) == std::pow(0.9, 10), tt::tolerance(1e-14));
  BOOST_TEST(result.message.find("max iterations: 10 iterations reached; loss = ") == 0u);
}

BOOST_AUTO_TEST_CASE(stops_on_a_small_relative_loss_change) {
  Scale shrink(0.999);
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.relative_loss_tolerance = 1e-2;
  const Result result = minimize(bowl, shrink, Vector{{1.0, 1.0}}, stopping);
  // f_k = 0.999^{2k} f_0: relative change 1 − 0.999² ≈ 2e-3 ≤ 1e-2 at the first step.
  BOOST_TEST(result.reason == StopReason::loss_converged);
  BOOST_TEST(result.iterations == 1);
  BOOST_TEST(
      result.message.find("converged: relative loss change 0.002 <= 0.01 after 1 iteration") == 0u);
}

BOOST_AUTO_TEST_CASE(runaway_growth_is_divergence) {
  Scale grow(10.0);
  const Result result = minimize(bowl, grow, Vector{{1.0, 1.0}});
  // f_k = 100^k f_0 with f_0 = 2.5: more than f_0 + 1e10·2.5 first at k = 6.
  BOOST_TEST(result.reason == StopReason::diverged);
  BOOST_TEST(result.iterations == 6);
  BOOST_TEST(result.message.find("diverged: loss = 2.5e12 at iteration 6") == 0u);
}

BOOST_AUTO_TEST_CASE(overflow_to_infinity_is_divergence) {
  Scale grow(1e100);
  StoppingRules stopping;
  stopping.divergence_factor = 1e300;
  const Result result = minimize(bowl, grow, Vector{{1.0, 1.0}}, stopping);
  BOOST_TEST(result.reason == StopReason::diverged);
  BOOST_TEST(result.message == "diverged: loss = inf at iteration 2");
}

BOOST_AUTO_TEST_CASE(a_nan_stops_the_run_never_silently) {
  NanAt nan(3);
  TraceRecorder trace;
  const Result result = minimize(bowl, nan, Vector{{1.0, 1.0}}, {}, {&trace});
  BOOST_TEST(result.reason == StopReason::diverged);
  BOOST_TEST(result.iterations == 3);
  BOOST_TEST(result.message == "diverged: loss = nan at iteration 3");
  // The trace ends where the run did: the observers saw the NaN iterate.
  BOOST_TEST(trace.points().size() == 4u);
}

BOOST_AUTO_TEST_CASE(an_observer_can_stop_the_run) {
  Scale halve(0.5);
  StopWhen small([](const IterationInfo& info) { return info.x.lpNorm<Eigen::Infinity>() <= 1e-3; },
                 "|x|_inf <= 1e-3");
  const Result result = minimize(bowl, halve, Vector{{1.0, 1.0}}, {}, {&small});
  BOOST_TEST(result.reason == StopReason::stopped_by_observer);
  BOOST_TEST(result.iterations == 10);  // 2^-10 < 1e-3 < 2^-9
  BOOST_TEST(result.message == "stopped: |x|_inf <= 1e-3 at iteration 10");
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  Scale halve(0.5);
  BOOST_CHECK_EXCEPTION(minimize(bowl, halve, Vector::Zero(3)), std::invalid_argument,
                        testing::message_has({"x0 has 3 entries", "expected 2", "quadratic"}));
  BOOST_CHECK_EXCEPTION(minimize(bowl, halve, Vector{{1.0, NAN}}), std::invalid_argument,
                        testing::message_has({"x0[1] = nan", "expected a finite number"}));
  StoppingRules negative;
  negative.gradient_tolerance = -1.0;
  BOOST_CHECK_EXCEPTION(minimize(bowl, halve, Vector::Ones(2), negative), std::invalid_argument,
                        testing::message_has({"gradient_tolerance = -1", ">= 0"}));
  StoppingRules budget;
  budget.max_iterations = -5;
  BOOST_CHECK_EXCEPTION(minimize(bowl, halve, Vector::Ones(2), budget), std::invalid_argument,
                        testing::message_has({"max_iterations = -5", ">= 0"}));
  Resize resize;
  BOOST_CHECK_EXCEPTION(minimize(bowl, resize, Vector::Ones(2)), std::logic_error,
                        testing::message_has({"changed the size of x from 2 to 3"}));
}

BOOST_AUTO_TEST_CASE(numbers_in_messages) {
  BOOST_TEST(format_number(3.1e-9) == "3.1e-9");
  BOOST_TEST(format_number(1e10) == "1e10");
  BOOST_TEST(format_number(412.0) == "412");
  BOOST_TEST(format_number(0.060466176, 9) == "0.060466176");
  BOOST_TEST(format_number(-std::numeric_limits<double>::infinity()) == "-inf");
  BOOST_TEST(format_vector(Vector{{1.0, -2.5}}) == "(1, -2.5)");
}

BOOST_AUTO_TEST_SUITE_END()
