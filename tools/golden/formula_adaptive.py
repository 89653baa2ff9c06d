#!/usr/bin/env python3
"""Writes lib/testing/golden/formula_adaptive.csv: trajectories of Chapter 5's optimizers
computed from their formulas (adaptive_model.py), each next to the trajectories of the same run
with one convention changed on purpose.

The gradients are a fixed sequence written into the file (no problem is evaluated), chosen so that
every convention matters: an O(1) coordinate that changes sign, a steady one of size 1e-3, one of
size 1e-6 (where eps = 1e-8 is 1 %) and a constant one of size 1e-7 (where AdaBelief's (g - m)^2
falls below eps = 1e-16), and one that decays from 10 (where v falls and AMSGrad's maximum
matters). The tests feed these gradients to the library's update rules and require
the "formula" trajectory to 1e-10 relative; every other variant is at least 1e-6 away (checked
here), so each convention changed on purpose fails a test.

Needs only Python 3:  python3 tools/golden/formula_adaptive.py [output folder]
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import adaptive_model as model  # noqa: E402
import golden_csv  # noqa: E402

STEPS = 40
X0 = (0.5, -0.25, 1.0, 0.0, -1.0)


def gradient(t):
    return [math.cos(0.7 * t) + 0.3,
            1e-3 * (1.0 + 0.5 * math.sin(1.3 * t)),
            1e-6 * math.cos(0.4 * t + 1.0),
            1e-7,
            10.0 * math.exp(-t / 3.0)]


# (optimizer, settings, variants to pin). Settings use the registry's (torch's) names.
CASES = [
    ("adam", {}, ["no_bias_correction", "epsilon_inside_root", "epsilon_before_correction",
                  "betas_swapped"]),
    ("adam", {"lr": 0.05, "betas": (0.5, 0.9), "eps": 1e-4, "weight_decay": 0.1},
     ["no_bias_correction", "epsilon_inside_root", "epsilon_before_correction", "betas_swapped"]),
    ("adam", {"lr": 0.01, "amsgrad": True},
     ["max_after_correction", "no_max", "no_bias_correction", "epsilon_inside_root"]),
    ("adam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.05,
              "amsgrad": True},
     ["max_after_correction", "no_max", "betas_swapped"]),
    ("adamw", {"lr": 0.01, "weight_decay": 0.5}, ["coupled_weight_decay", "no_bias_correction"]),
    ("adamw", {"lr": 0.01, "weight_decay": 0.5, "amsgrad": True},
     ["coupled_weight_decay", "max_after_correction"]),
    ("rmsprop", {}, ["with_bias_correction", "epsilon_inside_root"]),
    ("rmsprop", {"lr": 0.005, "alpha": 0.9, "weight_decay": 0.1, "momentum": 0.9,
                 "centered": True},
     ["epsilon_inside_root", "not_centered", "momentum_before_scaling"]),
    ("rmsprop", {"lr": 0.01, "momentum": 0.5}, ["momentum_before_scaling", "epsilon_inside_root"]),
    ("adagrad", {}, ["epsilon_inside_root"]),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1,
                 "weight_decay": 0.1, "eps": 1e-6},
     ["lr_decay_counts_from_one", "accumulator_starts_at_zero"]),
    ("nadam", {}, ["single_tensor_slip"]),
    ("nadam", {"lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.1, "momentum_decay": 0.1},
     ["single_tensor_slip"]),
    ("adabelief", {}, ["no_epsilon_in_s", "previous_m"]),
    ("adabelief", {"lr": 0.01, "betas": (0.5, 0.9), "eps": 1e-8}, ["no_epsilon_in_s",
                                                                    "previous_m"]),
]

# Variants the notes call selectable: the test runs the library with these settings and expects
# the variant's trajectory.
SELECTABLE = {"no_bias_correction": {"bias_correction": False},
              "epsilon_inside_root": {"eps_inside_root": True}}


def trajectory(optimizer, settings, variant):
    rule = model.make(optimizer, settings, variant)
    xs, gs = [list(X0)], [[]]
    x = list(X0)
    for t in range(1, STEPS + 1):
        g = gradient(t)
        x = rule.step(x, g)
        xs.append(x)
        gs.append(g)
    return xs, gs


def main():
    out = golden_csv.output_folder() / "formula_adaptive.csv"
    pinned = {name: set() for name in model.VARIANTS}
    lines = []
    for case, (optimizer, settings, variants) in enumerate(CASES, start=1):
        reference, gradients = trajectory(optimizer, settings, "formula")
        family = "adam" if optimizer == "adamw" else optimizer
        for variant in ["formula"] + variants:
            xs = reference if variant == "formula" else trajectory(optimizer, settings, variant)[0]
            if variant != "formula":
                difference = model.max_relative_difference(xs, reference)
                print(f"case {case:2d} {optimizer:9s} {variant:26s} differs by {difference:.3g}")
                if not difference >= 1e-6:
                    sys.exit(f"case {case}: the variant {variant} is within 1e-6 of the formula: "
                             "it would not be pinned")
                pinned[family].add(variant)
            for step, (x, g) in enumerate(zip(xs, gradients)):
                lines.append(model.row(case, optimizer, variant, "sequence", step, g, x, settings))
    for family, variants in model.VARIANTS.items():
        missing = set(variants) - {"formula"} - pinned[family]
        if missing:
            sys.exit(f"{family}: no case pins {sorted(missing)}")
    golden_csv.write(out, ["the formulas of Chapter 5 (adaptive_model.py); "
                           "tools/golden/formula_adaptive.py"], model.HEADER, lines)
    print(f"wrote {out} ({len(lines)} rows)")


if __name__ == "__main__":
    main()
