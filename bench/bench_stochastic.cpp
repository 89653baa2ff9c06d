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
// The data are read as workbook::data_file() reads them: from data/, or WORKBOOK_DATA_DIR if set.
//
// Measured on a shared two-core AMD EPYC virtual machine (Release build, g++ 12, Eigen 3.4, one
// thread; torch 1.13 from Debian, float64, torch.set_num_threads(1) and OMP/MKL/OpenBLAS threads
// 1), CPU time per epoch in µs: ours the median of 5 repetitions, torch's the best of at least 5.
// "torch + full" adds the full loss and its gradient after the epoch, as train() computes them;
// the speed-up is its time over train()'s. The machine was busy (load about 7), so the numbers are
// indicative: over three runs the speed-up was 163-209x, 25-36x and 8.6-14x on logistic regression
// and 17-31x, 4.9-7.7x and 2.7-4.8x on softmax regression at B = 1, 32 and 256.
//
//   problem    N     B   train()   bare   torch epoch   torch + full   speed-up
//   logistic   456     1     183      114       30313          29774       163x
//   logistic   456    32      33       21        1048           1104        34x
//   logistic   456   256      32       19         208            272       8.6x
//   softmax   1438     1    4992     2478       83807          84351        17x
//   softmax   1438    32     978      525        3880           4835       4.9x
//   softmax   1438   256     869      494        1357           2335       2.7x
//
// At small batches torch's time is a fixed cost per step (dispatching the index_select, the
// matrix product, the loss, autograd's backward pass and the optimizer's step): about 65 µs per
// step at B = 1 on logistic regression, where a step of train() takes 0.4 µs (3.5 µs on softmax
// regression). At B = 256 on softmax regression the arithmetic dominates, and torch's epoch
// alone, without the full evaluation, still takes 1.6 times as long as train() with it. (The two
// torch columns are timed apart; at B = 1 their difference is below the noise.)
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "sgd_epochs.hpp"
#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/driver.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/sampling.hpp"

namespace {

using workbook::FiniteSumProblem;
using workbook::Vector;

constexpr double learning_rate = 0.1;

// The training half of a data set of data/, standardised with its own statistics.
workbook::Dataset standardised_training_set(const char* name) {
  workbook::Split split = workbook::standardised_split(name);
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
  time_bare_sgd_epochs(state, problem, learning_rate);
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
