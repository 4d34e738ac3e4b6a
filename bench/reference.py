#!/usr/bin/env python3
"""Exact reference totals for bench/compare: Python's decimal module (the C
implementation, libmpdec) and a dict, as an analyst would write them.

    python3 bench/reference.py data.csv
    python3 bench/reference.py --book book.csv [runs]

Reads the CSV (donor,category,amount) into a list of (donor, category,
Decimal) tuples, then times only the summation into a dict, 3 runs.
Prints one line per group, "donor,category,amount" with exactly two
decimals, sorted, then "# times_ns=t1,t2,t3" and "# python=...".

With --book, reads a book's CSV as pledge.Book.WriteCSV writes it, from
the file to the totals by donor and category (rows of kind pledge, or
empty), each run timed whole; prints the totals of the last run, then
"# e2e_ns=t1,t2,..." (one time a run, 3 runs unless told), "# rows=..."
and "# python=...".
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


def exact():
    # Never round: enough digits for any sum of the data set, and an error
    # rather than a rounded result should that ever be too few.
    ctx = decimal.getcontext()
    ctx.prec = 100
    ctx.traps[decimal.Inexact] = True
    ctx.traps[decimal.Rounded] = True


def book_totals(path):
    """The file to the totals, as an analyst would write it."""
    totals = defaultdict(Decimal)
    rows = 0
    with open(path, newline="") as f:
        reader = csv.reader(f)
        head = next(reader)
        kind, donor, cat, amount = (head.index(c) for c in ("kind", "donor", "category", "amount"))
        for row in reader:
            if row[kind] in ("", "pledge"):
                totals[row[donor], row[cat]] += Decimal(row[amount])
                rows += 1
    return totals, rows


def write(totals):
    cent = Decimal("0.01")
    out = sys.stdout
    for (donor, cat), amount in sorted(totals.items()):
        out.write(f"{donor},{cat},{amount.quantize(cent):f}\n")


def versions():
    return f"python={platform.python_version()} decimal={decimal.__version__} libmpdec={decimal.__libmpdec_version__}"


def main_book(path, runs):
    exact()
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        totals, rows = book_totals(path)
        times.append(time.perf_counter_ns() - start)
    write(totals)
    sys.stdout.write(f"# e2e_ns={','.join(map(str, times))}\n")
    sys.stdout.write(f"# rows={rows}\n")
    sys.stdout.write(f"# {versions()}\n")


def main():
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--book":
        return main_book(sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 3)
    if len(sys.argv) != 2:
        sys.exit("usage: reference.py data.csv | reference.py --book book.csv [runs]")
    exact()

    with open(sys.argv[1], newline="") as f:
        reader = csv.reader(f)
        if next(reader) != ["donor", "category", "amount"]:
            sys.exit("reference.py: unexpected header")
        rows = [(donor, cat, Decimal(amount)) for donor, cat, amount in reader]

    times = []
    for _ in range(3):
        start = time.perf_counter_ns()
        totals = total(rows)
        times.append(time.perf_counter_ns() - start)

    write(totals)
    out = sys.stdout
    out.write(f"# times_ns={','.join(map(str, times))}\n")
    out.write(f"# rows={len(rows)}\n")
    out.write(f"# {versions()}\n")


if __name__ == "__main__":
    main()
