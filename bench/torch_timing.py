"""What the scripts that time torch against the workbook's benchmarks share (torch_adam.py,
torch_stochastic.py, torch_networks.py): torch on one thread, the workbook's times from a Google
Benchmark program, an epoch of minibatch SGD as a DataLoader with shuffle=True runs it, and the
best time of a run over repetitions.

Import this module before torch: it sets the thread counts that torch's pools read at import.
"""

import json
import os
import subprocess
import time

for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[variable] = "1"

_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def import_torch():
    """torch on one thread, or None (after saying so) where it is not installed: Debian's
    python3-torch is optional, and the pyenv python3 on PATH has none."""
    try:
        import torch
    except ImportError:
        print("torch is not importable here (try /usr/bin/python3): no comparison")
        return None
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    return torch


def benchmark_runs(bench, benchmark_filter, repetitions=None):
    """The runs of a Google Benchmark program, by run name: with `repetitions`, their medians.
    Each run gets `cpu_s` and `real_s`, its times in seconds."""
    command = [bench, f"--benchmark_filter={benchmark_filter}", "--benchmark_format=json"]
    if repetitions:
        command += [f"--benchmark_repetitions={repetitions}",
                    "--benchmark_report_aggregates_only=true"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    runs = {}
    for run in json.loads(output)["benchmarks"]:
        if repetitions and run.get("aggregate_name") != "median":
            continue
        scale = _SECONDS[run["time_unit"]]
        run["cpu_s"], run["real_s"] = run["cpu_time"] * scale, run["real_time"] * scale
        runs[run["run_name"]] = run
    return runs


def load_csv(torch, path):
    """Features (N × d, float64) and integer labels of a CSV file of data/ (a header, then the
    features and the label of one example per line)."""
    with open(path) as f:
        next(f)  # the header
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    table = torch.tensor(rows, dtype=torch.float64)
    return table[:, :-1].contiguous(), table[:, -1].long()


def training_indices(torch, y, generator):
    """The training half of the workbook's stratified 80/20 split: in each class round(0.2 N_c)
    examples go to the test set (shuffled with torch's generator, not the workbook's Random, so
    the same sizes but not the same examples), the rest, in order, to training."""
    train = []
    for c in range(int(y.max()) + 1):
        members = (y == c).nonzero().flatten()
        members = members[torch.randperm(len(members), generator=generator)]
        test_count = int(0.2 * len(members) + 0.5)  # round half away from zero, as std::round
        train.append(members[test_count:])
    return torch.cat(train).sort().values


def sgd_epoch(torch, model, loss_function, X, y, learning_rate, batch_size, generator, full):
    """One epoch of SGD: the loop of a DataLoader with shuffle=True and no workers, written out
    (torch.randperm(N) once, then for each slice of B indices X[idx], y[idx], zero_grad(), the
    loss, backward(), step(); the last batch is partial when B does not divide N). With `full`,
    then the loss and its gradient over every example, in one batch, as the workbook's train()
    reports them."""
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    order = torch.randperm(len(y), generator=generator)
    for first in range(0, len(y), batch_size):
        idx = order[first:first + batch_size]
        optimizer.zero_grad()
        loss = loss_function(model(X[idx]), y[idx])
        loss.backward()
        optimizer.step()
    if full:
        optimizer.zero_grad()
        loss = loss_function(model(X), y)
        loss.backward()
    return loss.item()


def best_seconds(run, minimum_seconds=0.3, minimum_repetitions=5):
    """The best (CPU, wall-clock) seconds of run() over repetitions, after one that warms up: at
    least `minimum_repetitions` of them and `minimum_seconds` in all. CPU time (process_time) is
    what a benchmark and torch measure the same way on a shared machine."""
    run()
    best_cpu = best_real = float("inf")
    repetitions = 0
    start = time.perf_counter()
    while time.perf_counter() - start < minimum_seconds or repetitions < minimum_repetitions:
        cpu0, real0 = time.process_time(), time.perf_counter()
        run()
        best_cpu = min(best_cpu, time.process_time() - cpu0)
        best_real = min(best_real, time.perf_counter() - real0)
        repetitions += 1
    return best_cpu, best_real
