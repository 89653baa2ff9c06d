#!/usr/bin/python3
"""One Adam step on n doubles: the workbook's (bench_adaptive) against torch.optim.Adam's.

    /usr/bin/python3 bench/torch_adam.py build-release/bin/bench_adaptive

Runs the `adam` benchmark of bench_adaptive (Google Benchmark, JSON output) and, in the same
session, torch.optim.Adam.step() on the same n = 1e3 ... 1e7 float64 parameters with one thread
(torch.set_num_threads(1), the default single-tensor path of torch 1.13). Prints, for each n, both
times per step and the ratio ours/torch, from CPU time (what both measure the same way on a shared
machine) and from wall-clock time.

torch is optional: without it (Debian's python3-torch; the pyenv python3 on PATH has none) the
script says so and exits with status 0.
"""

import sys
import time

from torch_timing import benchmark_runs, import_torch

SIZES = [1000, 10000, 100000, 1000000, 10000000]


def ours(bench):
    """Seconds per Adam step (cpu, real) for each n, from bench_adaptive."""
    return {int(name.split("/")[1]): (run["cpu_s"], run["real_s"])
            for name, run in benchmark_runs(bench, "^adam/").items()}


def torch_adam(torch, n, minimum_seconds=0.5):
    """Seconds per torch.optim.Adam step (cpu, real) on n float64 parameters."""
    p = torch.rand(n, dtype=torch.float64, requires_grad=True)
    p.grad = torch.rand(n, dtype=torch.float64)
    optimizer = torch.optim.Adam([p])
    for _ in range(3):  # allocate the state, warm the caches
        optimizer.step()
    steps = 0
    cpu0, real0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - real0 < minimum_seconds or steps < 5:
        optimizer.step()
        steps += 1
    return (time.process_time() - cpu0) / steps, (time.perf_counter() - real0) / steps


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch = import_torch()
    if torch is None:
        return
    mine = ours(sys.argv[1])
    print(f"torch {torch.__version__}, 1 thread; times per Adam step on n float64 parameters")
    print(f"{'n':>10} {'ours cpu':>12} {'torch cpu':>12} {'ours/torch':>11} {'speed-up':>9}"
          f" {'ours/torch (wall)':>18}")
    for n in SIZES:
        torch_cpu, torch_real = torch_adam(torch, n)
        our_cpu, our_real = mine[n]
        print(f"{n:>10} {our_cpu * 1e6:>10.1f}us {torch_cpu * 1e6:>10.1f}us"
              f" {our_cpu / torch_cpu:>11.3f} {torch_cpu / our_cpu:>8.1f}x"
              f" {our_real / torch_real:>18.3f}")


if __name__ == "__main__":
    main()
