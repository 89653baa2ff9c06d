#!/usr/bin/python3
"""Writes lib/testing/golden/torch_*.csv (adaptive methods): trajectories of torch.optim 1.13's Adagrad, RMSprop,
Adam (with and without AMSGrad), AdamW and NAdam on two deterministic problems, over a grid of
hyper-parameters. The tests of Chapter 5 require the library's iterates to match them to 1e-10
relative; they read these files and never run torch.

Run with Debian's Python, which has torch (python3-torch):

    /usr/bin/python3 tools/golden/torch_adaptive.py [output folder, default lib/testing/golden]

Details that matter for exactness:
- Everything is float64, and so is torch's default dtype: NAdam keeps its product of momentum
  coefficients in a scalar tensor created with the default dtype, which would otherwise be float32
  (an error of about 1e-8 in every step).
- The gradient is set by hand from the same formula, in the same order of operations, as the
  library's problem computes it (adaptive_model.py), so torch and the library see the same numbers.
- NAdam is run with foreach=True: the multi-tensor path computes the documented algorithm. The
  default single-tensor path of 1.13 multiplies mu_t into the product for the momentum term a
  second time; its trajectories are written too (variant torch_single_tensor) so that the tests can
  show the difference.
- Each trajectory is also checked against the formulas of adaptive_model.py; the script stops if
  torch and the formulas disagree by more than 1e-12 relative.
"""

import itertools
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import adaptive_model as model  # noqa: E402
import golden_csv  # noqa: E402

STEPS = 30


def grid(**axes):
    names = list(axes)
    for values in itertools.product(*(axes[name] for name in names)):
        yield dict(zip(names, values))


GRIDS = {
    "adagrad": (torch.optim.Adagrad, list(grid(lr=[0.1, 0.5], lr_decay=[0.0, 0.05],
                                               initial_accumulator_value=[0.0, 0.1],
                                               weight_decay=[0.0, 0.1], eps=[1e-10, 1e-3]))),
    "rmsprop": (torch.optim.RMSprop, list(grid(lr=[0.01, 0.002], alpha=[0.99, 0.9],
                                               weight_decay=[0.0, 0.1], momentum=[0.0, 0.9],
                                               centered=[False, True], eps=[1e-8]))),
    "adam": (torch.optim.Adam, list(grid(lr=[1e-3, 0.05], betas=[(0.9, 0.999), (0.5, 0.9)],
                                         eps=[1e-8, 1e-3], weight_decay=[0.0, 0.1],
                                         amsgrad=[False, True]))),
    "adamw": (torch.optim.AdamW, list(grid(lr=[1e-3, 0.05], betas=[(0.9, 0.999), (0.5, 0.9)],
                                           weight_decay=[1e-2, 0.5], amsgrad=[False, True]))),
    "nadam": (torch.optim.NAdam, list(grid(lr=[2e-3, 0.05], betas=[(0.9, 0.999), (0.8, 0.99)],
                                           weight_decay=[0.0, 0.1],
                                           momentum_decay=[4e-3, 0.1]))),
}


def torch_trajectory(optimizer_class, settings, problem, foreach=None):
    x0, gradient = model.PROBLEMS[problem]
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    kwargs = dict(settings)
    if foreach is not None:
        kwargs["foreach"] = foreach
    optimizer = optimizer_class([p], **kwargs)
    xs = [list(x0)]
    for _ in range(STEPS):
        x = p.detach().tolist()
        p.grad = torch.tensor(gradient(x), dtype=torch.float64)
        optimizer.step()
        xs.append(p.detach().tolist())
    return xs


def model_trajectory(name, settings, problem, variant="formula"):
    x0, gradient = model.PROBLEMS[problem]
    rule = model.make(name, settings, variant)
    xs = [list(x0)]
    x = list(x0)
    for _ in range(STEPS):
        x = rule.step(x, gradient(x))
        xs.append(x)
    return xs


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}")
    out = golden_csv.output_folder()
    for name, (optimizer_class, settings_grid) in GRIDS.items():
        lines = []
        worst = 0.0
        case = 0
        for settings in settings_grid:
            for problem in model.PROBLEMS:
                case += 1
                runs = [("torch", torch_trajectory(optimizer_class, settings, problem,
                                                   foreach=True if name == "nadam" else None))]
                if name == "nadam":
                    runs.append(("torch_single_tensor",
                                 torch_trajectory(optimizer_class, settings, problem,
                                                  foreach=False)))
                for variant, xs in runs:
                    expected = model_trajectory(
                        name, settings, problem,
                        "single_tensor_slip" if variant == "torch_single_tensor" else "formula")
                    difference = model.max_relative_difference(xs, expected)
                    worst = max(worst, difference)
                    if not difference <= 1e-12:
                        sys.exit(f"{name} {settings} on {problem} ({variant}): torch and the "
                                 f"formulas differ by {difference:.3g}")
                    for step, x in enumerate(xs):
                        lines.append(model.row(case, name, variant, problem, step, [], x, settings))
        path = golden_csv.write(
            out / f"torch_{name}.csv",
            [f"torch.optim.{optimizer_class.__name__}, torch {torch.__version__}, float64; "
             "tools/golden/torch_adaptive.py"], model.HEADER, lines)
        print(f"{name:8s} {case:3d} cases: torch and the formulas agree to {worst:.2g} relative; "
              f"wrote {path}")


if __name__ == "__main__":
    main()
