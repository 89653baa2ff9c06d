#!/usr/bin/python3
"""Golden iterates of torch.optim.SGD for Chapter 3 (lib/testing/golden/sgd_*.csv).

Runs torch.optim.SGD (PyTorch 1.13, float64, CPU: the single-tensor path) on two deterministic
problems for several settings of lr, momentum, dampening, nesterov and weight_decay, and writes

    sgd_cases.csv      one row per run: its problem and settings
    sgd_<case>.csv     the run's iterates: step, then x_step (x_0 first)

in the format of every golden file (golden_csv.py): every number with 17 significant digits, so
that the files hold torch's doubles exactly. The
library's Sgd must reproduce them (lib/tests/test_momentum_sgd.cpp); the tests read the files and
never run torch. Regenerate with (torch is a Debian package, hence /usr/bin/python3):

    /usr/bin/python3 tools/golden/torch_sgd.py [output folder, default lib/testing/golden]

The gradients are the library's closed forms (Quadratic::gradient, Rosenbrock::gradient), assigned
to p.grad, so that the files test SGD's update rule and nothing else.
"""

import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_csv  # noqa: E402

# f(x) = ½xᵀAx − bᵀx, as in lib/tests/test_momentum_sgd.cpp.
A = torch.tensor([[3.0, 0.5, 0.0], [0.5, 2.0, -0.3], [0.0, -0.3, 1.0]], dtype=torch.float64)
B = torch.tensor([1.0, -0.5, 0.25], dtype=torch.float64)

PROBLEMS = {
    "quadratic": {"start": [1.0, -1.0, 0.5], "gradient": lambda x: A @ x - B},
    "rosenbrock": {
        "start": [-1.2, 1.0],
        "gradient": lambda x: torch.stack([
            -400.0 * x[0] * (x[1] - x[0] * x[0]) - 2.0 * (1.0 - x[0]),
            200.0 * (x[1] - x[0] * x[0]),
        ]),
    },
}

# name, problem, lr, momentum, dampening, nesterov, weight_decay, steps, lr_change_step, lr_after
# (lr_change_step k > 0: steps 1..k use lr, later steps lr_after, set as torch users do, through
# optimizer.param_groups[0]["lr"]).
CASES = [
    ("plain", "quadratic", 0.1, 0.0, 0.0, False, 0.0, 40, 0, 0.0),
    ("momentum", "quadratic", 0.1, 0.9, 0.0, False, 0.0, 60, 0, 0.0),
    ("dampening", "quadratic", 0.1, 0.9, 0.5, False, 0.0, 60, 0, 0.0),
    ("nesterov", "quadratic", 0.1, 0.9, 0.0, True, 0.0, 60, 0, 0.0),
    ("weight_decay", "quadratic", 0.05, 0.8, 0.0, False, 0.1, 60, 0, 0.0),
    ("dampening_weight_decay", "quadratic", 0.05, 0.7, 0.3, False, 0.01, 60, 0, 0.0),
    ("nesterov_weight_decay", "quadratic", 0.05, 0.9, 0.0, True, 0.05, 60, 0, 0.0),
    ("lr_change", "quadratic", 0.1, 0.9, 0.0, False, 0.0, 60, 20, 0.01),
    ("rosenbrock_momentum", "rosenbrock", 1e-3, 0.9, 0.0, False, 0.0, 200, 0, 0.0),
    ("rosenbrock_nesterov", "rosenbrock", 1e-3, 0.9, 0.0, True, 0.0, 200, 0, 0.0),
    ("rosenbrock_dampening", "rosenbrock", 1e-3, 0.9, 0.9, False, 0.0, 200, 0, 0.0),
]


def run(problem, lr, momentum, dampening, nesterov, weight_decay, steps, lr_change_step, lr_after):
    spec = PROBLEMS[problem]
    x = torch.tensor(spec["start"], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr, momentum=momentum, dampening=dampening,
                                nesterov=nesterov, weight_decay=weight_decay)
    iterates = [x.detach().clone()]
    for step in range(1, steps + 1):
        if lr_change_step and step == lr_change_step + 1:
            optimizer.param_groups[0]["lr"] = lr_after
        with torch.no_grad():
            x.grad = spec["gradient"](x.detach())
        optimizer.step()
        iterates.append(x.detach().clone())
    return iterates


def main():
    out = golden_csv.output_folder()
    note = f"torch.optim.SGD, torch {torch.__version__}, float64; tools/golden/torch_sgd.py"
    number = golden_csv.number
    golden_csv.write(out / "sgd_cases.csv", [note],
                     ["case", "problem", "lr", "momentum", "dampening", "nesterov", "weight_decay",
                      "steps", "lr_change_step", "lr_after"],
                     [[name, problem, number(lr), number(momentum), number(dampening),
                       int(nesterov), number(weight_decay), steps, lr_change_step, number(lr_after)]
                      for (name, problem, lr, momentum, dampening, nesterov, weight_decay, steps,
                           lr_change_step, lr_after) in CASES])
    for case in CASES:
        name = case[0]
        iterates = run(*case[1:])
        golden_csv.write(out / f"sgd_{name}.csv", [note + f", case {name}"], ["step", "x"],
                         [[step, golden_csv.vector(x.tolist())] for step, x in enumerate(iterates)])
    print(f"{out}: {len(CASES)} cases")


if __name__ == "__main__":
    main()
