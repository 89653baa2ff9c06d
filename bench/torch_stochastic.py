#!/usr/bin/python3
"""One epoch of minibatch SGD: the workbook's train() (bench_stochastic) against torch's.

    /usr/bin/python3 bench/torch_stochastic.py build-release/bin/bench_stochastic

Runs the `logistic` and `softmax` benchmarks of bench_stochastic (Google Benchmark, JSON output)
and, in the same session, the same epoch in torch with one thread (OMP_NUM_THREADS,
MKL_NUM_THREADS and torch.set_num_threads(1), torch.set_num_interop_threads(1)), float64:

  - the data of data/ (breast_cancer.csv, digits.csv), split as the workbook splits them: in each
    class round(0.2 N_c) examples go to the test set (shuffled with torch's generator, not the
    workbook's Random, so the same sizes but not the same examples), the training half
    standardised with its own mean and population standard deviation (1 for a constant feature);
  - the model torch.nn.Linear(d, 1) or (d, 10), zero-initialised as the workbook's θ_0 = 0, with
    BCEWithLogitsLoss or CrossEntropyLoss (both the batch mean), torch.optim.SGD(lr = 0.1);
  - the loop of a DataLoader with shuffle=True and no workers, written out: torch.randperm(N)
    once per epoch, then for each slice of B indices X[idx], y[idx] (index_select), zero_grad(),
    the loss, backward(), step(); the last batch is partial when B does not divide N;
  - then, as train() reports them, the loss and its gradient over the whole training set at the
    final iterate (column "+ full"; column "epoch" is the loop alone).

Each epoch is timed from the same start, best of several repetitions (at least 0.3 s of them),
in CPU time (process_time; what both measure the same way on a shared machine) and wall-clock
time. The workbook's time is the median CPU time of Google Benchmark's repetitions.

torch is optional: without it (Debian's python3-torch; the pyenv python3 on PATH has none) the
script says so and exits with status 0.
"""

import os
import sys

from torch_timing import (benchmark_runs, best_seconds, import_torch, load_csv, sgd_epoch,
                          training_indices)

BATCH_SIZES = [1, 32, 256]
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
LEARNING_RATE = 0.1


def ours(bench):
    """Seconds per epoch (cpu, real) for each (problem, B), from bench_stochastic."""
    times = {}
    for name, run in benchmark_runs(bench, "^(logistic|softmax)/", repetitions=5).items():
        problem, batch = name.split("/")
        times[problem, int(batch)] = (run["cpu_s"], run["real_s"])
    return times


def standardised_training_set(torch, name, generator):
    """The training half of a stratified 80/20 split, standardised with its own statistics."""
    X, y = load_csv(torch, os.path.join(DATA, name))
    train = training_indices(torch, y, generator)
    X, y = X[train], y[train]
    mean = X.mean(dim=0)
    deviation = X.std(dim=0, unbiased=False)
    constant = X.max(dim=0).values == X.min(dim=0).values
    mean[constant] = X[0, constant]
    deviation[constant] = 1.0
    return (X - mean) / deviation, y


def best_epoch(torch, problem, batch_size, full):
    """Best seconds (cpu, real) of an epoch from zero weights, over repetitions."""
    X, y, model, loss_function = problem
    generator = torch.Generator().manual_seed(0)

    def epoch():
        with torch.no_grad():
            for p in model.parameters():
                p.zero_()
        sgd_epoch(torch, model, loss_function, X, y, LEARNING_RATE, batch_size, generator, full)

    return best_seconds(epoch)


def problems(torch):
    """The two problems as (X, y, model, loss function)."""
    generator = torch.Generator().manual_seed(0)
    X, y = standardised_training_set(torch, "breast_cancer.csv", generator)
    logistic = (X, y.double().unsqueeze(1), torch.nn.Linear(X.shape[1], 1, dtype=torch.float64),
                torch.nn.BCEWithLogitsLoss())
    X, y = standardised_training_set(torch, "digits.csv", generator)
    classes = int(y.max()) + 1
    softmax = (X, y, torch.nn.Linear(X.shape[1], classes, dtype=torch.float64),
               torch.nn.CrossEntropyLoss())
    return {"logistic": logistic, "softmax": softmax}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch = import_torch()
    if torch is None:
        return
    mine = ours(sys.argv[1])
    print(f"torch {torch.__version__}, 1 thread, float64; CPU time per epoch of SGD (best of"
          f" repetitions for torch, median for ours)")
    print(f"{'problem':>9} {'N':>5} {'B':>4} {'ours':>10} {'torch epoch':>12} {'torch + full':>13}"
          f" {'speed-up':>9} {'speed-up (wall)':>16}")
    for name, problem in problems(torch).items():
        for batch_size in BATCH_SIZES:
            torch_loop, _ = best_epoch(torch, problem, batch_size, full=False)
            torch_cpu, torch_real = best_epoch(torch, problem, batch_size, full=True)
            our_cpu, our_real = mine[name, batch_size]
            print(f"{name:>9} {len(problem[1]):>5} {batch_size:>4} {our_cpu * 1e6:>8.0f}us"
                  f" {torch_loop * 1e6:>10.0f}us {torch_cpu * 1e6:>11.0f}us"
                  f" {torch_cpu / our_cpu:>8.1f}x {torch_real / our_real:>15.1f}x")


if __name__ == "__main__":
    main()
