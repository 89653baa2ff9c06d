// What one step of each adaptive method costs, against the memory bandwidth (Chapter 5, §5.9).
//
// For n = 1e3 ... 1e7 parameters, one call of each method's kernel (its single pass over x, the
// gradient and the state, stepped here with a State of its own), reported as bytes moved per second, and a STREAM-like triad
// a[i] = b[i] + s·c[i] measured in the same program. Bytes are counted as the algorithm must move
// them, 8 per double read or written once per step:
//   triad        reads b, c; writes a                          24 bytes per element
//   Adagrad      reads x, g, S; writes x, S                    40
//   RMSprop      reads x, g, v; writes x, v                    40  (+16 per extra state vector)
//   Adam/AdamW   reads x, g, m, v; writes x, m, v              56
//   AMSGrad      reads x, g, m, v, v_max; writes x, m, v, v_max 72
//   NAdam        as Adam                                       56
//   AdaBelief    reads x, g, m, s; writes x, m, s              56
// (The triad's store to a, which it never reads, costs a cache line read on most machines as well
// (write-allocate); the updates here write only what they have just read.)
//
//   cmake --preset release && cmake --build --preset release --target bench_adaptive
//   build-release/bin/bench_adaptive --benchmark_filter='triad|adam/'
//   /usr/bin/python3 bench/torch_adam.py build-release/bin/bench_adaptive   (the torch ratio)
#include <benchmark/benchmark.h>

#include "triad.hpp"
#include "workbook/adaptive.hpp"
#include "workbook/rule.hpp"

namespace {

using workbook::Index;
using workbook::Vector;

using workbook::bench::triad;

// One call of `kernel` on n parameters, with its own State, counted as `bytes_per_element`.
template <class Params, class State>
void kernel_step(benchmark::State& s, void (*kernel)(Vector&, const Vector&, State&, const Params&),
                 const Params& params, int bytes_per_element) {
  const auto n = static_cast<Index>(s.range(0));
  Vector x = Vector::Random(n);
  const Vector g = Vector::Random(n);
  State state = workbook::start_state<State>(x, params);
  for (auto _ : s) {
    kernel(x, g, state, params);
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  s.SetBytesProcessed(s.iterations() * n * bytes_per_element);
}

workbook::AdamParams amsgrad() {
  workbook::AdamParams params;
  params.amsgrad = true;
  return params;
}

workbook::RMSpropParams rmsprop_full() {
  workbook::RMSpropParams params;
  params.momentum = 0.9;
  params.centered = true;
  return params;
}

void adagrad(benchmark::State& s) {
  kernel_step(s, workbook::adagrad_step, workbook::AdagradParams{}, 40);
}
void rmsprop(benchmark::State& s) {
  kernel_step(s, workbook::rmsprop_step, workbook::RMSpropParams{}, 40);
}
void rmsprop_centered_momentum(benchmark::State& s) {
  kernel_step(s, workbook::rmsprop_step, rmsprop_full(), 72);
}
void adam(benchmark::State& s) {
  kernel_step(s, workbook::adam_step, workbook::AdamParams{}, 56);
}
void adam_amsgrad(benchmark::State& s) {
  kernel_step(s, workbook::amsgrad_step, amsgrad(), 72);
}
void adamw(benchmark::State& s) {
  kernel_step(s, workbook::adam_step, workbook::AdamWParams{}.adam(), 56);
}
void nadam(benchmark::State& s) {
  kernel_step(s, workbook::nadam_step, workbook::NAdamParams{}, 56);
}
void adabelief(benchmark::State& s) {
  kernel_step(s, workbook::adabelief_step, workbook::AdaBeliefParams{}, 56);
}

}  // namespace

#define WORKBOOK_SIZES RangeMultiplier(10)->Range(1000, 10000000)->Unit(benchmark::kMicrosecond)
BENCHMARK(triad)->WORKBOOK_SIZES;
BENCHMARK(adagrad)->WORKBOOK_SIZES;
BENCHMARK(rmsprop)->WORKBOOK_SIZES;
BENCHMARK(rmsprop_centered_momentum)->WORKBOOK_SIZES;
BENCHMARK(adam)->WORKBOOK_SIZES;
BENCHMARK(adam_amsgrad)->WORKBOOK_SIZES;
BENCHMARK(adamw)->WORKBOOK_SIZES;
BENCHMARK(nadam)->WORKBOOK_SIZES;
BENCHMARK(adabelief)->WORKBOOK_SIZES;
BENCHMARK_MAIN();
