#!/usr/bin/env python3
"""Makes a class of crafted submissions, to time `workbook grade-batch` on.

    bench/make_class.py OUT [--students 60] [--seed 1]

Each student hands in an exercises/ folder. For every exercise of the manifests a student hands in
the reference solution (55 %), one of its known mistakes (25 %), the untouched stub (10 %) or
nothing (10 %), drawn with a fixed seed: a class whose grading compiles, links and runs what a real
class's does. Then, from the instructor's copy:

    ./workbook grade-batch OUT --out grading-class -j 2

Run it from the workbook's root, in the instructor's copy (it reads solutions/).
"""
import argparse
import json
import pathlib
import random
import shutil
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path, help="the folder of submissions to write")
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.students < 1:
        sys.exit(f"make_class.py: --students {args.students}: expected at least 1")
    root = pathlib.Path(__file__).resolve().parent.parent
    if not (root / "solutions").is_dir():
        sys.exit(f"make_class.py: {root}/solutions is missing: run it in the instructor's copy")
    if args.out.exists():
        sys.exit(f"make_class.py: {args.out} exists: give a folder to create")
    rng = random.Random(args.seed)
    manifests = sorted((root / "solutions").glob("ch*/manifest.json"))
    counts = {"reference": 0, "mistake": 0, "stub": 0, "missing": 0}
    for number in range(1, args.students + 1):
        student = args.out / f"student{number:02d}" / "exercises"
        for manifest in manifests:
            chapter = manifest.parent.name
            for exercise in json.loads(manifest.read_text())["exercises"]:
                draw = rng.random()
                mistakes = exercise.get("mistakes", [])
                if draw < 0.55:
                    kind, source = "reference", root / "solutions" / chapter / "reference" / exercise["file"]
                elif draw < 0.80 and mistakes:
                    mistake = rng.choice(mistakes)
                    kind, source = "mistake", root / "solutions" / chapter / "mistakes" / mistake["file"]
                elif draw < 0.90:
                    kind, source = "stub", root / "exercises" / chapter / exercise["file"]
                else:
                    kind, source = "missing", None
                counts[kind] += 1
                if source is not None:
                    target = student / chapter / exercise["file"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
    print(f"{args.students} submissions in {args.out}: " +
          ", ".join(f"{n} {kind}" for kind, n in counts.items()))


if __name__ == "__main__":
    main()
