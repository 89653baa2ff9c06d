// What one epoch of minibatch SGD costs (Chapter 2): train() with a shuffled sampler and plain
// gradient descent at a fixed learning rate, on logistic regression (breast cancer) and softmax
// regression (digits), at batch sizes B = 1, 32 and 256, in double precision.
//
// Each problem is the training half of the workbook's stratified 80/20 split (seed 0),
// standardised with its own statistics: breast cancer N = 456 examples of d = 30 features (31
// parameters), digits N = 1438 of d = 64 features and K = 10 classes (650 parameters). One
// benchmark iteration is one call of train() for one epoch from θ = 0 with lr = 0.1: ⌈N/B⌉ steps,
// each drawing a batch, evaluating L_B and ∇L_B on its rows and stepping, and at the end the full
// loss and gradient that train() reports. `examples/s` counts N per epoch.
//
// `bare` is the same epoch without the driver: the sampler, batch_value_and_gradient() and
// x ← x − η g written as a loop, no full evaluation at the end. The difference is what the driver
// adds (divergence checks, observers' information, the rule's std::function, the final full
// evaluation).
//
//   cmake --preset release && cmake --build --preset release --target bench_stochastic
//   build-release/bin/bench_stochastic
//   /usr/bin/python3 bench/torch_stochastic.py build-release/bin/bench_stochastic   (torch's time)
//
// The data are read from WORKBOOK_DATA_DIR, or from the project's data/ when it is unset.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/driver.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/sampling.hpp"

namespace {

using workbook::FiniteSumProblem;
using workbook::Index;
using workbook::Vector;

constexpr double learning_rate = 0.1;

// The training half of a data set of data/, standardised with its own statistics.
workbook::Dataset standardised_training_set(const char* name) {
  setenv("WORKBOOK_DATA_DIR", WORKBOOK_SOURCE_DATA_DIR, 0);  // unless it is set already
  workbook::Split split = workbook::stratified_split(workbook::load_csv(workbook::data_file(name)));
  workbook::standardise(split);
  return split.train;
}

const FiniteSumProblem& breast_cancer() {
  static const workbook::LogisticRegression problem(standardised_training_set("breast_cancer.csv"));
  return problem;
}

const FiniteSumProblem& digits() {
  static const workbook::SoftmaxRegression problem(standardised_training_set("digits.csv"));
  return problem;
}

workbook::SamplerParams batches_of(const benchmark::State& state) {
  return {.batch_size = static_cast<Index>(state.range(0)), .seed = 0};
}

void count_examples(benchmark::State& state, const FiniteSumProblem& problem) {
  state.counters["examples/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * problem.examples()), benchmark::Counter::kIsRate);
}

// One epoch through train(); the sampler is reset by train(), so every epoch has the same batches.
void train_epoch(benchmark::State& state, const FiniteSumProblem& problem) {
  workbook::ShuffledSampler sampler(problem.examples(), batches_of(state));
  auto sgd = workbook::gradient_descent_rule({.learning_rate = learning_rate});
  const Vector x0 = problem.default_start();
  const workbook::Training training{.sampler = &sampler, .epochs = 1};
  for (auto _ : state) {
    const workbook::Result result = workbook::train(problem, sgd, x0, training);
    benchmark::DoNotOptimize(result.loss);
  }
  count_examples(state, problem);
}

// The same epoch as a bare loop: the sampler, the batch gradient and the step.
void bare_epoch(benchmark::State& state, const FiniteSumProblem& problem) {
  workbook::ShuffledSampler sampler(problem.examples(), batches_of(state));
  const Vector x0 = problem.default_start();
  const long steps = sampler.batches_per_epoch();
  Vector x(x0.size()), g(x0.size());
  for (auto _ : state) {
    sampler.reset();
    x = x0;
    double loss = 0.0;
    for (long k = 0; k < steps; ++k) {
      loss = problem.batch_value_and_gradient(x, sampler.next_batch(), g);
      x -= learning_rate * g;
    }
    benchmark::DoNotOptimize(loss);
    benchmark::DoNotOptimize(x.data());
  }
  count_examples(state, problem);
}

void logistic(benchmark::State& state) {
  train_epoch(state, breast_cancer());
}
void softmax(benchmark::State& state) {
  train_epoch(state, digits());
}
void logistic_bare(benchmark::State& state) {
  bare_epoch(state, breast_cancer());
}
void softmax_bare(benchmark::State& state) {
  bare_epoch(state, digits());
}

}  // namespace

#define WORKBOOK_BATCH_SIZES Arg(1)->Arg(32)->Arg(256)->Unit(benchmark::kMicrosecond)
BENCHMARK(logistic)->WORKBOOK_BATCH_SIZES;
BENCHMARK(softmax)->WORKBOOK_BATCH_SIZES;
BENCHMARK(logistic_bare)->WORKBOOK_BATCH_SIZES;
BENCHMARK(softmax_bare)->WORKBOOK_BATCH_SIZES;
BENCHMARK_MAIN();
