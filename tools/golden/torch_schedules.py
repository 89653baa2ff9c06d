#!/usr/bin/python3
"""Golden learning rates of torch.optim.lr_scheduler for Chapter 2 (lib/testing/golden/).

Steps each scheduler of torch 1.13 (StepLR, MultiStepLR, ExponentialLR, LambdaLR with the inverse
time decay 1/(1 + k t), CosineAnnealingLR, LinearLR, SequentialLR, and no scheduler for the constant
schedule) for several settings and writes

    schedule_cases.csv   one row per case: its base learning rate, its schedule and the steps
    schedule_rates.csv   case, step t, the learning rate eta_t (t = 0: after the constructor)

every number with 17 significant digits, so that the files hold torch's doubles exactly. The
library's schedules (lib/include/workbook/schedules.hpp) must reproduce them
(lib/tests/test_schedules.cpp); the tests read the files and never run torch. Regenerate with
(torch is a Debian package, hence /usr/bin/python3):

    /usr/bin/python3 tools/golden/torch_schedules.py [output folder, default lib/testing/golden]

A schedule is written as the library's name and settings, "step step_size=10 gamma=0.5", lists
separated by ';' ("multistep milestones=30;80 gamma=0.1"); a sequential one as
"sequential milestones=5 : <first schedule> : <second schedule>". Each case runs
as a training loop does: optimizer.step(), then scheduler.step(), reading param_groups[0]["lr"].
"""

import os
import sys
import warnings

import torch
from torch.optim import lr_scheduler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_csv  # noqa: E402

STEPS = 100

# name, base learning rate, schedule
CASES = [
    ("constant", 0.1, "constant"),
    ("step_10_half", 0.1, "step step_size=10 gamma=0.5"),
    ("step_30_tenth", 0.05, "step step_size=30 gamma=0.1"),
    ("step_every_step", 1.0, "step step_size=1 gamma=0.9"),
    ("multistep_30_80", 0.1, "multistep milestones=30;80 gamma=0.1"),
    ("multistep_uneven", 0.3, "multistep milestones=5;17;18;60 gamma=0.7"),
    ("exponential_095", 0.1, "exponential gamma=0.95"),
    ("exponential_099", 1.0, "exponential gamma=0.99"),
    ("exponential_half", 0.2, "exponential gamma=0.5"),
    ("inverse_time_001", 0.1, "inverse_time decay=0.01"),
    ("inverse_time_03", 0.5, "inverse_time decay=0.3"),
    ("inverse_time_third", 1.0, "inverse_time decay=0.3333333333333333"),
    ("cosine_100", 0.1, "cosine_annealing T_max=100 eta_min=0"),
    ("cosine_30_beyond", 0.1, "cosine_annealing T_max=30 eta_min=0.001"),
    ("cosine_7", 0.05, "cosine_annealing T_max=7 eta_min=0.01"),
    ("cosine_1", 1.0, "cosine_annealing T_max=1 eta_min=0"),
    ("linear_default", 0.1, "linear start_factor=0.3333333333333333 end_factor=1 total_iters=5"),
    ("linear_warmup_20", 0.1, "linear start_factor=0.1 end_factor=1 total_iters=20"),
    ("linear_decay", 0.5, "linear start_factor=1 end_factor=0.1 total_iters=30"),
    ("linear_partial", 0.05, "linear start_factor=0.25 end_factor=0.75 total_iters=10"),
    ("warmup_cosine", 0.1,
     "sequential milestones=5 : linear start_factor=0.1 end_factor=1 total_iters=5"
     " : cosine_annealing T_max=95 eta_min=0"),
    ("warmup_cosine_eta_min", 0.3,
     "sequential milestones=10 : linear start_factor=0.01 end_factor=1 total_iters=10"
     " : cosine_annealing T_max=40 eta_min=0.003"),
    ("warmup_exponential", 0.1,
     "sequential milestones=10 : linear start_factor=0.01 end_factor=1 total_iters=10"
     " : exponential gamma=0.95"),
    ("warmup_short_then_step", 0.2,
     "sequential milestones=8 : linear start_factor=0.25 end_factor=1 total_iters=4"
     " : step step_size=10 gamma=0.5"),
    ("warmup_cut_then_multistep", 0.1,
     "sequential milestones=5 : linear start_factor=0.1 end_factor=1 total_iters=10"
     " : multistep milestones=20;50 gamma=0.1"),
    ("warmup_inverse_time", 0.5,
     "sequential milestones=3 : linear start_factor=0.2 end_factor=1 total_iters=3"
     " : inverse_time decay=0.1"),
    ("three_phases", 0.1,
     "sequential milestones=5;20 : linear start_factor=0.2 end_factor=1 total_iters=5"
     " : constant : cosine_annealing T_max=80 eta_min=0.0001"),
]


def settings(text):
    """'step step_size=10 gamma=0.5' -> ('step', {'step_size': '10', 'gamma': '0.5'})"""
    name, *pairs = text.split()
    return name, dict(pair.split("=", 1) for pair in pairs)


def integers(text):
    """'30;80' -> [30, 80] (';' keeps the CSV files free of quotes)"""
    return [int(v) for v in text.split(";")]


def make(optimizer, text):
    """The torch scheduler for one schedule of the library (None: the constant schedule)."""
    name, s = settings(text)
    if name == "constant":
        return None
    if name == "step":
        return lr_scheduler.StepLR(optimizer, step_size=int(s["step_size"]),
                                   gamma=float(s["gamma"]))
    if name == "multistep":
        return lr_scheduler.MultiStepLR(optimizer, milestones=integers(s["milestones"]),
                                        gamma=float(s["gamma"]))
    if name == "exponential":
        return lr_scheduler.ExponentialLR(optimizer, gamma=float(s["gamma"]))
    if name == "inverse_time":
        k = float(s["decay"])
        return lr_scheduler.LambdaLR(optimizer, lambda t: 1.0 / (1.0 + k * t))
    if name == "cosine_annealing":
        return lr_scheduler.CosineAnnealingLR(optimizer, T_max=int(s["T_max"]),
                                              eta_min=float(s["eta_min"]))
    if name == "linear":
        return lr_scheduler.LinearLR(optimizer, start_factor=float(s["start_factor"]),
                                     end_factor=float(s["end_factor"]),
                                     total_iters=int(s["total_iters"]))
    raise ValueError(f"unknown schedule {name}")


def run(base_lr, text):
    parameter = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([parameter], lr=base_lr)
    parts = text.split(" : ")
    name, s = settings(parts[0])
    if name == "sequential":
        # SequentialLR needs a scheduler per phase: the constant phase is LambdaLR with 1.0.
        children = [make(optimizer, part) or lr_scheduler.LambdaLR(optimizer, lambda t: 1.0)
                    for part in parts[1:]]
        scheduler = lr_scheduler.SequentialLR(optimizer, children, integers(s["milestones"]))
    else:
        scheduler = make(optimizer, text)
    rates = [optimizer.param_groups[0]["lr"]]
    for _ in range(STEPS):
        parameter.grad = torch.zeros_like(parameter)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        rates.append(optimizer.param_groups[0]["lr"])
    return rates


def main():
    warnings.simplefilter("ignore")  # SequentialLR's own step(0) warns that epochs are deprecated
    out = golden_csv.output_folder()
    note = f"torch.optim.lr_scheduler, torch {torch.__version__}; tools/golden/torch_schedules.py"
    golden_csv.write(out / "schedule_cases.csv", [note], ["case", "base_lr", "schedule", "steps"],
                     [[name, golden_csv.number(base_lr), schedule, STEPS]
                      for name, base_lr, schedule in CASES])
    golden_csv.write(out / "schedule_rates.csv", [note], ["case", "step", "lr"],
                     [[name, step, golden_csv.number(lr)]
                      for name, base_lr, schedule in CASES
                      for step, lr in enumerate(run(base_lr, schedule))])
    print(f"{out}: {len(CASES)} schedules, {STEPS} steps each")


if __name__ == "__main__":
    main()
