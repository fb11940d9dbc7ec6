#!/usr/bin/env python3
"""pre-commit hook: every CSV row has as many cells as its header, and access
files (ir.model.access.csv) have the columns Odoo expects with 0/1 permissions."""

import csv
import sys

ACCESS_HEADER = ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create", "perm_unlink"]


def check(path):
    problems = []
    with open(path, newline="", encoding="utf-8") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.reader(handle, delimiter=delimiter))
    if not rows:
        return [f"{path}: empty file"]
    header = rows[0]
    for number, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(header):
            problems.append(f"{path}:{number}: {len(row)} cells, header has {len(header)}")
    if path.endswith("ir.model.access.csv"):
        if header != ACCESS_HEADER:
            problems.append(f"{path}: header must be {','.join(ACCESS_HEADER)}")
        ids = [row[0] for row in rows[1:] if row]
        problems += [f"{path}: duplicate id {dup}" for dup in {i for i in ids if ids.count(i) > 1}]
        for number, row in enumerate(rows[1:], start=2):
            if row and any(cell not in ("0", "1") for cell in row[4:]):
                problems.append(f"{path}:{number}: permissions must be 0 or 1")
    return problems


def main():
    problems = [problem for path in sys.argv[1:] for problem in check(path)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
