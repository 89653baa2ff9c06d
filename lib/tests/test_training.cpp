// Minibatch training (train()): the driver's one loop with a sampler, a schedule, an average and
// per-epoch observers. The rule here is a test double (x ← x − η g) and the sampler draws with
// replacement, so that these tests use no graded function.
#include <limits>

#include "workbook/averaging.hpp"
#include "workbook/least_squares.hpp"
#include "workbook/problems.hpp"
#include "workbook/sampling.hpp"
#include "workbook/schedules.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using workbook::testing::message_has;

namespace {

// x ← x − η g, with a learning rate a schedule can set.
class PlainStep final : public UpdateRule {
 public:
  explicit PlainStep(double learning_rate) : learning_rate_(learning_rate) {}
  std::string name() const override { return "plain"; }
  void reset(Index) override {}
  void step(Vector& x, double, const Vector& g, Objective&) override { x -= learning_rate_ * g; }
  int state_vectors() const override { return 0; }
  bool has_learning_rate() const override { return true; }
  double learning_rate() const override { return learning_rate_; }
  void set_learning_rate(double learning_rate) override {
    require_positive("learning_rate", learning_rate);  // as the library's rules
    learning_rate_ = learning_rate;
  }

 private:
  double learning_rate_;
};

// Checks, at every step, that what the rule evaluates through the Objective is the minibatch
// loss of the step, as a lookahead rule (Nesterov) needs it, then steps like PlainStep.
class ProbeBatch final : public UpdateRule {
 public:
  std::string name() const override { return "probe"; }
  void reset(Index) override {}
  void step(Vector& x, double, const Vector& g, Objective& objective) override {
    const auto& problem = dynamic_cast<const FiniteSumProblem&>(objective.problem());
    Vector lookahead = x - 0.01 * g, expected, seen;
    problem.batch_value_and_gradient(lookahead, objective.batch(), expected);
    objective.gradient(lookahead, seen);
    mismatches += seen == expected ? 0 : 1;
    x -= 0.01 * g;
  }
  int state_vectors() const override { return 0; }
  int mismatches = 0;
};

// Records the epochs the driver reports.
class EpochLog final : public Observer {
 public:
  bool on_iteration(const IterationInfo& info) override {
    rates.push_back(info.learning_rate);
    seen.push_back(info.examples_seen);
    return true;
  }
  bool on_epoch(const EpochInfo& info) override {
    epochs.push_back(info.epoch);
    iterations.push_back(info.iteration);
    return true;
  }
  std::vector<double> rates;
  std::vector<long> seen, epochs, iterations;
};

// y = 2 x₁ − x₂ + noise over N = 10 examples.
LeastSquares ten_examples() {
  return LeastSquares::linear_regression(10, Vector{{2.0, -1.0}}, 0.1, 3);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(training)

BOOST_AUTO_TEST_CASE(each_step_uses_the_gradient_of_one_fresh_minibatch) {
  // train() is minimize()'s loop with f = L_{B_k}: the same steps as a hand-written SGD loop over
  // the same batches, bit for bit.
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 4, .seed = 11});
  PlainStep rule(0.1);
  const Result result = train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 2});

  UniformSampler same(10, {.batch_size = 4, .seed = 11});
  Vector x = Vector::Zero(2), g;
  for (int k = 0; k < 6; ++k) {  // 2 epochs of ⌈10/4⌉ = 3 batches
    problem.batch_value_and_gradient(x, same.next_batch(), g);
    x -= 0.1 * g;
  }
  BOOST_TEST(result.iterations == 6);
  BOOST_TEST(result.x == x);
  BOOST_TEST(result.epochs == 2);
  BOOST_TEST(result.examples_seen == 24,
             "examples seen = " << result.examples_seen << ": expected 6 batches of 4");
  BOOST_TEST(result.reason == StopReason::max_epochs);
  BOOST_TEST(result.message == "max epochs: 2 epochs (6 iterations, 24 examples) done");
  // The result is the full loss, not the last batch's.
  BOOST_TEST(result.loss == problem.value(result.x));
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_run_bit_for_bit) {
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 3, .seed = 5});
  PlainStep rule(0.05);
  const Training training{.sampler = &sampler, .epochs = 4};
  const Result first = train(problem, rule, Vector::Zero(2), training);
  const Result second = train(problem, rule, Vector::Zero(2), training);  // the sampler is reset
  BOOST_TEST(first.x == second.x);
  UniformSampler other(10, {.batch_size = 3, .seed = 6});
  const Result third = train(problem, rule, Vector::Zero(2), {.sampler = &other, .epochs = 4});
  BOOST_TEST(first.x != third.x, "another seed gave the same run: is the seed used?");
}

BOOST_AUTO_TEST_CASE(observers_see_every_epoch_end_and_the_examples_seen) {
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 4, .seed = 1});
  PlainStep rule(0.1);
  EpochLog log;
  train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 3},
        StoppingRules::epochs_only(), {&log});
  BOOST_TEST(log.epochs == (std::vector<long>{1, 2, 3}), tt::per_element());
  BOOST_TEST(log.iterations == (std::vector<long>{3, 6, 9}), tt::per_element());
  BOOST_TEST(log.seen == (std::vector<long>{0, 4, 8, 12, 16, 20, 24, 28, 32}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(a_schedule_sets_the_learning_rate_per_iteration_or_per_epoch) {
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 5, .seed = 2});  // 2 batches per epoch
  ExponentialLR halving(0.4, {.gamma = 0.5});
  PlainStep rule(123.0);  // overwritten by the schedule's η_0
  EpochLog per_iteration, per_epoch;
  train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 2, .schedule = &halving},
        StoppingRules::epochs_only(), {&per_iteration});
  BOOST_TEST(per_iteration.rates == (std::vector<double>{0.4, 0.2, 0.1, 0.05}), tt::per_element());
  train(problem, rule, Vector::Zero(2),
        {.sampler = &sampler,
         .epochs = 2,
         .schedule = &halving,
         .schedule_step = ScheduleStep::per_epoch},
        StoppingRules::epochs_only(), {&per_epoch});
  BOOST_TEST(per_epoch.rates == (std::vector<double>{0.4, 0.4, 0.2, 0.2}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(a_cosine_down_to_zero_over_the_run_is_never_set_to_zero) {
  // torch's usual set-up: T_max = the run's steps and η_min = 0. The rate 0 is the one after the
  // last step, which no step uses: the rule, which refuses η = 0, never gets it.
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 5, .seed = 2});  // 2 batches per epoch
  CosineAnnealingLR cosine(0.2, {.T_max = 4, .eta_min = 0.0});
  PlainStep rule(0.2);
  EpochLog log;
  const Result result =
      train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 2, .schedule = &cosine},
            StoppingRules::epochs_only(), {&log});
  BOOST_TEST(result.reason == StopReason::max_epochs, result.message);
  BOOST_TEST(log.rates.size() == 4u);
  BOOST_TEST(log.rates.back() > 0.0);
  BOOST_TEST(cosine.learning_rate() == 0.0);
}

BOOST_AUTO_TEST_CASE(the_average_is_fed_every_iterate_after_a_step) {
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 2, .seed = 9});
  PlainStep rule(0.2);
  ExponentialAverage average({.decay = 0.5});
  TraceRecorder trace;
  const Result result =
      train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 2, .average = &average},
            StoppingRules::epochs_only(), {&trace});
  // θ̃ = x_1, then θ̃ ← θ̃ + ½(x_k − θ̃) for k = 2, ..., K; the trace holds x_0 ... x_{K−1}, the
  // result x_K.
  std::vector<Vector> fed;
  for (std::size_t k = 1; k < trace.points().size(); ++k) fed.push_back(trace.points()[k].x);
  fed.push_back(result.x);
  Vector expected = fed[0];
  for (std::size_t k = 1; k < fed.size(); ++k) expected += 0.5 * (fed[k] - expected);
  BOOST_TEST(result.average.size() == 2);
  BOOST_TEST((result.average - expected).norm() <= 1e-14 * expected.norm());
}

BOOST_AUTO_TEST_CASE(rules_evaluate_on_the_minibatch_of_the_step) {
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 3, .seed = 4});
  ProbeBatch probe;
  train(problem, probe, Vector::Zero(2), {.sampler = &sampler, .epochs = 3});
  BOOST_TEST(probe.mismatches == 0,
             probe.mismatches << " steps saw another loss than their minibatch's");
}

BOOST_AUTO_TEST_CASE(epoch_evaluation_records_full_losses_and_stops_early) {
  const LeastSquares problem = ten_examples();
  UniformSampler sampler(10, {.batch_size = 5, .seed = 3});
  PlainStep rule(0.1);
  EpochEvaluation evaluation(&problem, [](const Vector&) { return 0.5; });
  train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 3},
        StoppingRules::epochs_only(), {&evaluation});
  BOOST_TEST_REQUIRE(evaluation.records().size() == 4u);  // the start and 3 epochs
  BOOST_TEST(evaluation.records()[0].train_loss == problem.value(Vector::Zero(2)));
  BOOST_TEST(evaluation.records()[3].examples_seen == 30);
  BOOST_TEST(evaluation.records()[3].test_accuracy == 0.5);

  // Far too large a step: the loss grows from the first epoch on, and patience 2 ends the run.
  PlainStep too_large(5.0);
  EpochEvaluation stopper(nullptr, {}, {.patience = 2});
  const Result stopped =
      train(problem, too_large, Vector::Zero(2), {.sampler = &sampler, .epochs = 50},
            StoppingRules::epochs_only(), {&stopper});
  BOOST_TEST(stopped.reason == StopReason::stopped_by_observer, stopped.message);
  BOOST_TEST(stopped.epochs == 2);
  for (const char* part : {"stopped early: the training loss", "after epoch 0", "at epoch 2"}) {
    BOOST_TEST(stopped.message.find(part) != std::string::npos, stopped.message);
  }
}

BOOST_AUTO_TEST_CASE(a_zero_minibatch_gradient_does_not_end_training) {
  // Started at the minimiser of a noiseless regression, every batch gradient is exactly 0: the
  // run goes on to its epoch budget (minimize() would call a zero gradient converged).
  const LeastSquares exact = LeastSquares::linear_regression(10, Vector{{2.0, -1.0}}, 0.0, 3);
  UniformSampler sampler(10, {.batch_size = 2, .seed = 1});
  PlainStep rule(0.1);
  const Result result =
      train(exact, rule, exact.minimisers()[0], {.sampler = &sampler, .epochs = 2});
  BOOST_TEST(result.reason == StopReason::max_epochs, result.message);
  BOOST_TEST(result.iterations == 10);
}

BOOST_AUTO_TEST_CASE(bad_settings_are_named) {
  const LeastSquares problem = ten_examples();
  PlainStep rule(0.1);
  UniformSampler sampler(10, {.batch_size = 2});
  UniformSampler other(12, {.batch_size = 2});
  BOOST_CHECK_EXCEPTION(train(problem, rule, Vector::Zero(2), {}), std::invalid_argument,
                        message_has({"no sampler"}));
  BOOST_CHECK_EXCEPTION(train(problem, rule, Vector::Zero(2), {.sampler = &sampler, .epochs = 0}),
                        std::invalid_argument, message_has({"epochs = 0", "expected"}));
  BOOST_CHECK_EXCEPTION(train(problem, rule, Vector::Zero(2), {.sampler = &other}),
                        std::invalid_argument, message_has({"N = 12", "10"}));
  BOOST_CHECK_EXCEPTION(EpochEvaluation(nullptr, {}, {.patience = -1}), std::invalid_argument,
                        message_has({"patience = -1"}));
}

BOOST_AUTO_TEST_SUITE_END()
