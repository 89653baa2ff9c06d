// The memory bandwidth a benchmark's streaming kernel is compared with: a STREAM-like triad
// a[i] = b[i] + s·c[i] over n doubles, which reads b and c and writes a, 24 bytes per element
// (32 where the store to a, which it never reads, costs a cache-line read as well: write-allocate).
#pragma once

#include <benchmark/benchmark.h>

#include "workbook/types.hpp"

namespace workbook::bench {

/// One triad over state.range(0) elements per iteration; reports the bytes processed (24 per
/// element) and the counters `bandwidth` (24 B) and `write-allocate` (32 B) in bytes per second.
inline void triad(benchmark::State& state) {
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
  using benchmark::Counter;
  const auto elements = static_cast<double>(state.iterations()) * static_cast<double>(n);
  state.SetBytesProcessed(static_cast<std::int64_t>(24.0 * elements));
  state.counters["bandwidth"] = Counter(24.0 * elements, Counter::kIsRate, Counter::kIs1000);
  state.counters["write-allocate"] = Counter(32.0 * elements, Counter::kIsRate, Counter::kIs1000);
}

}  // namespace workbook::bench
