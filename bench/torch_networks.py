#!/usr/bin/python3
"""One epoch of minibatch SGD on Chapter 6's networks: the workbook's train() (bench_networks)
against torch's.

    /usr/bin/python3 bench/torch_networks.py build-release/bin/bench_networks

Runs the `mlp` and `cnn` benchmarks of bench_networks (Google Benchmark, JSON output), train(),
and `mlp_bare` and `cnn_bare`, the loop alone, and, in the same session, the same epoch in torch with one thread (OMP_NUM_THREADS, MKL_NUM_THREADS and
torch.set_num_threads(1), torch.set_num_interop_threads(1)), in float64 and in float32:

  - the digits of data/digits.csv, split as the workbook splits them: in each class
    round(0.2 N_c) examples go to the test set (shuffled with torch's generator, not the
    workbook's Random, so the same sizes, 1438 training images, but not the same examples); for
    the MLP the training half standardised with its own mean and population standard deviation
    (1 for a constant pixel), for the CNN the pixels divided by 16, as 1×8×8 images;
  - the networks of mlp_digits_network(64) and cnn_digits_network(8): nn.Linear(64, 64), ReLU,
    nn.Linear(64, 10); and nn.Conv2d(1, 8, 3, padding=1), ReLU, nn.MaxPool2d(2), Flatten,
    nn.Linear(128, 10); the weights He-normal (kaiming_normal_, fan-in, ReLU's gain, as the
    workbook's Initialization::he_normal) and the biases 0, drawn once; each epoch starts from
    them;
  - CrossEntropyLoss (the batch mean of softmax cross-entropy), torch.optim.SGD with the
    chapter's learning rates, 0.1 for the MLP and 0.7 for the CNN;
  - the loop of a DataLoader with shuffle=True and no workers, written out: torch.randperm(N)
    once per epoch, then for each slice of B indices X[idx], y[idx] (index_select), zero_grad(),
    the loss, backward(), step(); the last batch is partial when B does not divide N;
  - then, as train() reports them, the loss and its gradient over the whole training set at the
    final iterate, in one batch (the first table; the second is the loop alone, against the
    workbook's loop without the driver, bench_networks' mlp_bare and cnn_bare).

Each epoch is timed from the same start, best of several repetitions (at least 0.3 s of them),
in CPU time (process_time; what both measure the same way on a shared machine) and wall-clock
time. The workbook's time is the median CPU time of Google Benchmark's repetitions, and its
GFLOP/s is bench_networks' `flops` counter (the matrix products of what is timed, in CPU time).
The workbook computes in double precision only: the float32 column is torch's, for comparison.
The speed-ups are torch float64's time over ours.

torch is optional: without it (Debian's python3-torch; the pyenv python3 on PATH has none) the
script says so and exits with status 0.
"""

import os
import sys

from torch_timing import (benchmark_runs, best_seconds, import_torch, load_csv, sgd_epoch,
                          training_indices)

BATCH_SIZES = [32, 256]
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
LEARNING_RATES = {"mlp": 0.1, "cnn": 0.7}


def ours(bench):
    """(cpu s, real s, flop/s) per epoch for each (benchmark, B), from bench_networks: the
    benchmarks mlp and cnn (train()) and mlp_bare and cnn_bare (the loop alone)."""
    times = {}
    for name, run in benchmark_runs(bench, "^(mlp|cnn)(_bare)?/", repetitions=5).items():
        network, batch = name.split("/")
        times[network, int(batch)] = (run["cpu_s"], run["real_s"], run["flops"])
    return times


def training_half(torch, generator):
    """The training half of a stratified 80/20 split: pixels as in the file, and labels."""
    X, y = load_csv(torch, os.path.join(DATA, "digits.csv"))
    train = training_indices(torch, y, generator)
    return X[train], y[train]


def standardised(X):
    """X standardised with its own statistics (a constant pixel: minus itself, over 1)."""
    mean = X.mean(dim=0)
    deviation = X.std(dim=0, unbiased=False)
    constant = X.max(dim=0).values == X.min(dim=0).values
    mean[constant] = X[0, constant]
    deviation[constant] = 1.0
    return (X - mean) / deviation


def networks(torch, dtype):
    """The two networks as (X, y, model, initial parameters, learning rate) in `dtype`."""
    nn = torch.nn
    generator = torch.Generator().manual_seed(0)
    pixels, y = training_half(torch, generator)
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    cnn = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(8 * 4 * 4, 10))
    problems = {}
    for name, model, X in (("mlp", mlp, standardised(pixels)),
                           ("cnn", cnn, (pixels / 16.0).reshape(-1, 1, 8, 8))):
        model = model.to(dtype)
        with torch.no_grad():
            for module in model.modules():
                if isinstance(module, (nn.Linear, nn.Conv2d)):
                    nn.init.kaiming_normal_(module.weight, nonlinearity="relu")  # N(0, 2/fan_in)
                    module.bias.zero_()
        start = [p.detach().clone() for p in model.parameters()]
        problems[name] = (X.to(dtype).contiguous(), y, model, start, LEARNING_RATES[name])
    return problems


def best_epoch(torch, problem, batch_size, full):
    """Best seconds (cpu, real) of an epoch from the initial weights, over repetitions."""
    X, y, model, start, learning_rate = problem
    loss_function = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)

    def epoch():
        with torch.no_grad():
            for p, p0 in zip(model.parameters(), start):
                p.copy_(p0)
        sgd_epoch(torch, model, loss_function, X, y, learning_rate, batch_size, generator, full)

    return best_seconds(epoch)


def table(torch, mine, problems, full):
    """One row per network and B: ours (train() with `full`, else the bare loop) against torch."""
    print(f"{'network':>7} {'N':>5} {'B':>4} {'ours (f64)':>11} {'torch f64':>10} {'torch f32':>10}"
          f" {'speed-up':>9} {'speed-up (wall)':>16} {'ours GFLOP/s':>13}")
    in_float64, in_float32 = problems
    for name in ("mlp", "cnn"):
        for batch_size in BATCH_SIZES:
            cpu64, real64 = best_epoch(torch, in_float64[name], batch_size, full)
            cpu32, _ = best_epoch(torch, in_float32[name], batch_size, full)
            our_cpu, our_real, flops = mine[name if full else name + "_bare", batch_size]
            print(f"{name:>7} {len(in_float64[name][1]):>5} {batch_size:>4} {our_cpu * 1e6:>9.0f}us"
                  f" {cpu64 * 1e6:>8.0f}us {cpu32 * 1e6:>8.0f}us {cpu64 / our_cpu:>8.1f}x"
                  f" {real64 / our_real:>15.1f}x {flops * 1e-9:>13.2f}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch = import_torch()
    if torch is None:
        return
    mine = ours(sys.argv[1])
    problems = (networks(torch, torch.float64), networks(torch, torch.float32))
    print(f"torch {torch.__version__}, 1 thread; CPU time per epoch of SGD (best of repetitions"
          f" for torch, median for ours); ours is double precision only")
    print("train(): the epoch and the full evaluation, against torch's epoch + full")
    table(torch, mine, problems, full=True)
    print("the epoch alone: the bare loop (mlp_bare, cnn_bare) against torch's epoch")
    table(torch, mine, problems, full=False)


if __name__ == "__main__":
    main()
