#!/usr/bin/env python3
"""Exact reference totals for bench/compare: Python's decimal module (the C
implementation, libmpdec) and a dict, as an analyst would write them.

    python3 bench/reference.py data.csv

Reads the CSV (donor,category,amount) into a list of (donor, category,
Decimal) tuples, then times only the summation into a dict, best of 3.
Prints one line per group, "donor,category,amount" with exactly two
decimals, sorted, then "# time_ns=..." and "# python=...".
"""

import csv
import decimal
import platform
import sys
import time
from collections import defaultdict
from decimal import Decimal


def total(rows):
    totals = defaultdict(Decimal)
    for donor, cat, amount in rows:
        totals[donor, cat] += amount
    return totals


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reference.py data.csv")
    # Never round: enough digits for any sum of the data set, and an error
    # rather than a rounded result should that ever be too few.
    ctx = decimal.getcontext()
    ctx.prec = 100
    ctx.traps[decimal.Inexact] = True
    ctx.traps[decimal.Rounded] = True

    with open(sys.argv[1], newline="") as f:
        reader = csv.reader(f)
        if next(reader) != ["donor", "category", "amount"]:
            sys.exit("reference.py: unexpected header")
        rows = [(donor, cat, Decimal(amount)) for donor, cat, amount in reader]

    best = None
    for _ in range(3):
        start = time.perf_counter_ns()
        totals = total(rows)
        elapsed = time.perf_counter_ns() - start
        best = elapsed if best is None else min(best, elapsed)

    cent = Decimal("0.01")
    out = sys.stdout
    for (donor, cat), amount in sorted(totals.items()):
        out.write(f"{donor},{cat},{amount.quantize(cent):f}\n")
    out.write(f"# time_ns={best}\n")
    out.write(f"# rows={len(rows)}\n")
    out.write(f"# python={platform.python_version()} decimal={decimal.__version__} libmpdec={decimal.__libmpdec_version__}\n")


if __name__ == "__main__":
    main()
