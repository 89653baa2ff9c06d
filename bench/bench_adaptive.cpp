// What one step of each adaptive method costs, against the memory bandwidth (Chapter 5, §5.9).
//
// For n = 1e3 ... 1e7 parameters, one call of the update rule's step() (the size checks and the
// graded kernel's single pass), reported as bytes moved per second, and a STREAM-like triad
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

#include <functional>
#include <memory>
#include <string>

#include "workbook/adaptive.hpp"

namespace {

using workbook::Index;
using workbook::Vector;

// A problem that only has a dimension: step() needs an Objective, these rules never evaluate it.
class Dimension : public workbook::Problem {
 public:
  explicit Dimension(Index n) : n_(n) {}
  std::string name() const override { return "dimension"; }
  Index dimension() const override { return n_; }
  double value(const Vector&) const override { return 0.0; }
  void gradient(const Vector&, Vector& g) const override { g.setZero(n_); }
  Vector default_start() const override { return Vector::Zero(n_); }

 private:
  Index n_;
};

void triad(benchmark::State& state) {
  const auto n = static_cast<Index>(state.range(0));
  Vector a = Vector::Zero(n), b = Vector::Random(n), c = Vector::Random(n);
  const double s = 0.5;
  double* pa = a.data();
  const double* pb = b.data();
  const double* pc = c.data();
  for (auto _ : state) {
    for (Index i = 0; i < n; ++i) pa[i] = pb[i] + s * pc[i];
    benchmark::DoNotOptimize(pa);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * n * 24);
}

// One step() of the rule `make()` builds, on n parameters, counted as `bytes_per_element`.
void rule_step(benchmark::State& state,
               const std::function<std::unique_ptr<workbook::UpdateRule>()>& make,
               int bytes_per_element) {
  const auto n = static_cast<Index>(state.range(0));
  const auto rule = make();
  const Dimension problem(n);
  workbook::Objective objective(problem);
  rule->reset(n);
  Vector x = Vector::Random(n);
  const Vector g = Vector::Random(n);
  for (auto _ : state) {
    rule->step(x, 0.0, g, objective);
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * n * bytes_per_element);
}

template <class Rule, class Params>
std::function<std::unique_ptr<workbook::UpdateRule>()> maker(Params params) {
  return [params] { return std::make_unique<Rule>(params); };
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
  rule_step(s, maker<workbook::Adagrad>(workbook::AdagradParams{}), 40);
}
void rmsprop(benchmark::State& s) {
  rule_step(s, maker<workbook::RMSprop>(workbook::RMSpropParams{}), 40);
}
void rmsprop_centered_momentum(benchmark::State& s) {
  rule_step(s, maker<workbook::RMSprop>(rmsprop_full()), 72);
}
void adam(benchmark::State& s) {
  rule_step(s, maker<workbook::Adam>(workbook::AdamParams{}), 56);
}
void adam_amsgrad(benchmark::State& s) {
  rule_step(s, maker<workbook::Adam>(amsgrad()), 72);
}
void adamw(benchmark::State& s) {
  rule_step(s, maker<workbook::Adam>(workbook::AdamWParams{}), 56);
}
void nadam(benchmark::State& s) {
  rule_step(s, maker<workbook::NAdam>(workbook::NAdamParams{}), 56);
}
void adabelief(benchmark::State& s) {
  rule_step(s, maker<workbook::AdaBelief>(workbook::AdaBeliefParams{}), 56);
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
