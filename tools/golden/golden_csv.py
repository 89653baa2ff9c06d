"""The one format of the golden files, which every script of tools/golden/ writes into
lib/testing/golden/ and lib/testing/include/workbook/testing/golden.hpp reads:

- first, lines that start with '#': where the numbers come from (torch's version, the script);
- then a header, the names of the columns;
- then one row per record, with as many cells as the header; a cell that holds a comma is quoted;
- a number is written with 17 significant digits, so that it reads back to the same double; a
  vector is one cell, its numbers separated by spaces.
"""

import csv
import math
import pathlib
import sys

# lib/testing/golden/, where the tests find the files (WORKBOOK_GOLDEN_DIR).
FOLDER = pathlib.Path(__file__).resolve().parents[2] / "lib" / "testing" / "golden"


def output_folder():
    """The folder to write into: the first argument of the script, else lib/testing/golden/."""
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    out.mkdir(parents=True, exist_ok=True)
    return out


def number(value):
    """A number with 17 significant digits (nan, inf and -inf as C's strtod reads them)."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return format(value, ".17g")


def vector(values):
    """A vector: its numbers, separated by spaces."""
    return " ".join(number(v) for v in values)


def write(path, comments, header, rows):
    """Writes a golden file: the comment lines, the header, then the rows (lists of cells, already
    text: numbers through number() or vector())."""
    path = pathlib.Path(path)
    with open(path, "w", newline="") as f:
        for comment in comments:
            f.write(f"# {comment}\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            if len(row) != len(header):
                sys.exit(f"{path}: a row of {len(row)} cells under a header of {len(header)}")
            w.writerow(row)
    return path
