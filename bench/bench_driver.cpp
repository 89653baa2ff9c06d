// What the driver costs: one gradient-descent iteration through minimize() (evaluation, stopping
// rules, divergence check, step) against the same iteration written as a bare loop.
#include <benchmark/benchmark.h>

#include "workbook/gradient_descent.hpp"
#include "workbook/problems.hpp"

namespace {

using workbook::Vector;

constexpr long iterations = 1000;

void driver_loop(benchmark::State& state) {
  const auto n = static_cast<workbook::Index>(state.range(0));
  const workbook::Quadratic q = workbook::Quadratic::diagonal(Vector::LinSpaced(n, 1.0, 10.0));
  auto gd = workbook::gradient_descent_rule({0.05});
  workbook::StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = iterations;
  const Vector x0 = Vector::Ones(n);
  for (auto _ : state) {
    workbook::Result result = workbook::minimize(q, gd, x0, stopping);
    benchmark::DoNotOptimize(result.loss);
  }
  state.SetItemsProcessed(state.iterations() * iterations);
}

void bare_loop(benchmark::State& state) {
  const auto n = static_cast<workbook::Index>(state.range(0));
  const workbook::Quadratic q = workbook::Quadratic::diagonal(Vector::LinSpaced(n, 1.0, 10.0));
  const Vector x0 = Vector::Ones(n);
  Vector x(n), g(n);
  for (auto _ : state) {
    x = x0;
    double f = 0.0;
    for (long k = 0; k < iterations; ++k) {
      f = q.value_and_gradient(x, g);
      x -= 0.05 * g;
    }
    benchmark::DoNotOptimize(f);
  }
  state.SetItemsProcessed(state.iterations() * iterations);
}

}  // namespace

BENCHMARK(driver_loop)->RangeMultiplier(10)->Range(2, 200)->Unit(benchmark::kMicrosecond);
BENCHMARK(bare_loop)->RangeMultiplier(10)->Range(2, 200)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
