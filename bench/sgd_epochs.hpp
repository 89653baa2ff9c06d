// What the epoch benchmarks of Chapters 2 and 6 share (bench_stochastic.cpp, bench_networks.cpp):
// the batches of a benchmark's argument, and one epoch of minibatch SGD written as a bare loop.
#pragma once

#include <benchmark/benchmark.h>

#include "workbook/finite_sum.hpp"
#include "workbook/sampling.hpp"

/// Minibatches of the benchmark's argument, shuffled from seed 0.
inline workbook::SamplerParams batches_of(const benchmark::State& state) {
  return {.batch_size = static_cast<workbook::Index>(state.range(0)), .seed = 0};
}

/// Times one epoch per benchmark iteration without the driver: the sampler, the batch gradient and
/// θ ← θ − η g, from the problem's start, the same batches every epoch.
inline void time_bare_sgd_epochs(benchmark::State& state, const workbook::FiniteSumProblem& problem,
                                 double learning_rate) {
  workbook::ShuffledSampler sampler(problem.examples(), batches_of(state));
  const workbook::Vector x0 = problem.default_start();
  const long steps = sampler.batches_per_epoch();
  workbook::Vector x(x0.size()), g(x0.size());
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
}
