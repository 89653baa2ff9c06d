#!/usr/bin/python3
"""Writes the golden CSV files of optlab's tests with torch.optim, in lib/testing/golden/optlab/.

    /usr/bin/python3 tools/golden/torch_optlab.py            # every run of optlab/runs.txt
    /usr/bin/python3 tools/golden/torch_optlab.py gd-beale   # only the runs named

Each line of lib/testing/golden/optlab/runs.txt names a run and gives the arguments of `optlab run`. This script
performs the same run with torch.optim in float64: the same problem (its loss written in torch, its
gradient from autograd), the same start, the optimizer of the same name with the same
hyper-parameters, the same number of steps. It writes optlab/<name>.csv the way optlab's --csv
does: `step,loss,grad_norm,x0,x1,...`, one row per iterate from the start point on, in the format
of every golden file (golden_csv.py): a comment line, the header, every number with 17 significant
digits. The tests compare optlab's CSV with it (to a relative 1e-10) and never
run torch. Commit the CSV files this writes.

To add a golden run: add a line to optlab/runs.txt, run this script, commit the new CSV. An
optimizer is known here by the torch.optim class of the same name (OPTIMIZERS below); a problem by
its loss (PROBLEMS below).

Needs torch (Debian's python3-torch; use /usr/bin/python3, not a python without torch).
"""
import math
import os
import shlex
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_csv  # noqa: E402

FOLDER = golden_csv.FOLDER / "optlab"
RUNS = FOLDER / "runs.txt"

# optlab's optimizer name -> (torch.optim class, arguments fixed by the name).
OPTIMIZERS = {
    "gd": (torch.optim.SGD, {"momentum": 0.0}),  # gradient descent: SGD without momentum
    "sgd": (torch.optim.SGD, {}),
    "adagrad": (torch.optim.Adagrad, {}),
    "rmsprop": (torch.optim.RMSprop, {}),
    "adam": (torch.optim.Adam, {}),
    "adamw": (torch.optim.AdamW, {}),
    # torch 1.13's single-tensor NAdam multiplies mu_{t+1} into the product twice; its multi-tensor
    # path computes the algorithm as documented.
    "nadam": (torch.optim.NAdam, {"foreach": True}),
}


def quadratic(settings):
    """f = 1/2 sum d_i x_i^2 (only --diag: a rotation cannot be reproduced here)."""
    if "diag" not in settings or set(settings) != {"diag"}:
        sys.exit("golden runs of quadratic take --diag d1,d2,... and no other setting")
    d = torch.tensor([float(v) for v in settings["diag"].split(",")], dtype=torch.float64)
    return (lambda x: 0.5 * torch.sum(d * x * x)), [1.0] * len(d)


def rosenbrock(settings):
    n = int(settings.get("dim", "2"))
    start = [-1.2 if i % 2 == 0 else 1.0 for i in range(n)]
    return (lambda x: torch.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)), start


def beale(settings):
    def f(p):
        x, y = p[0], p[1]
        return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2)

    return f, [1.0, 1.0]


def booth(settings):
    return (lambda p: (p[0] + 2 * p[1] - 7) ** 2 + (2 * p[0] + p[1] - 5) ** 2), [0.0, 0.0]


def himmelblau(settings):
    return (lambda p: (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2), [0.0, 0.0]


PROBLEMS = {
    "quadratic": (quadratic, {"diag", "dim", "condition_number", "rotation_seed"}),
    "rosenbrock": (rosenbrock, {"dim"}),
    "beale": (beale, set()),
    "booth": (booth, set()),
    "himmelblau": (himmelblau, set()),
}


def parse(arguments):
    """optlab's arguments -> {setting: text}: `--name value`, or `--name` alone for a flag."""
    given, i = {}, 0
    while i < len(arguments):
        word = arguments[i]
        if not word.startswith("--"):
            sys.exit(f"unexpected argument {word!r}: the golden runs use --name value")
        name, equals, value = word[2:].partition("=")
        if not equals:
            has_value = i + 1 < len(arguments) and not arguments[i + 1].startswith("--")
            value = arguments[i + 1] if has_value else "true"
            i += has_value
        given[name.replace("-", "_")] = value
        i += 1
    return given


def hyper_parameter(text):
    """'0.9,0.999' -> (0.9, 0.999); 'true' -> True; '0.1' -> 0.1."""
    if text in ("true", "false"):
        return text == "true"
    if "," in text:
        return tuple(float(v) for v in text.split(","))
    return float(text)


def run(arguments):
    given = parse(arguments)
    for unsupported in ("tol", "csv", "plot"):
        if unsupported in given:
            sys.exit(f"golden runs take exactly --steps steps: drop --{unsupported}")
    problem_name, optimizer_name = given.pop("problem"), given.pop("optimizer")
    steps = int(given.pop("steps", "1000"))
    x0 = given.pop("x0", None)
    make_problem, problem_settings = PROBLEMS[problem_name]
    f, start = make_problem({k: v for k, v in given.items() if k in problem_settings})
    if x0 is not None:
        start = [float(v) for v in x0.split(",")]
    optimizer_class, fixed = OPTIMIZERS[optimizer_name]
    settings = {k: hyper_parameter(v) for k, v in given.items() if k not in problem_settings}

    x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([x], **fixed, **settings)
    rows = []
    for step in range(steps + 1):
        optimizer.zero_grad()
        loss = f(x)
        loss.backward()
        g = x.grad.detach()
        rows.append([step, loss.item(), math.sqrt(float(torch.sum(g * g))), *x.detach().tolist()])
        if step < steps:
            optimizer.step()
    return rows


def write(path, rows):
    n = len(rows[0]) - 3
    golden_csv.write(path, [f"torch.optim, torch {torch.__version__}, float64; "
                            "tools/golden/torch_optlab.py"],
                     ["step", "loss", "grad_norm"] + [f"x{i}" for i in range(n)],
                     [[row[0]] + [golden_csv.number(v) for v in row[1:]] for row in rows])


def main(names):
    torch.set_default_dtype(torch.float64)
    for line in RUNS.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *arguments = shlex.split(line)
        if names and name not in names:
            continue
        path = FOLDER / f"{name}.csv"
        write(path, run(arguments))
        print(f"wrote {path} ({torch.__version__})")


if __name__ == "__main__":
    main(sys.argv[1:])
