#!/usr/bin/python3
"""Reads ranked-practices.xlsx back with openpyxl and checks it is the list the
practices index shows, in the same order.

    check_ranked_workbook.py GPRESS_EXE FIXTURE_PROJECT

Builds the fixture's options reports into a temporary copy, then checks the
sheet, its headers, frozen header row and autofilter, that ranks run 1..n
with risk scores never rising, and that the practices come in the order of
private/practices/index.html.
"""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HEADERS = ["Rank", "ODS code", "Practice", "PCN", "ICB", "Risk score", "Criteria met", "Support level",
           "Set by support team", "Top criteria", "Top action", "Data pack", "Options report"]
LEVELS = {"Manage", "Stabilise", "Improve", "Sustain"}


def main():
    gpress, fixture = sys.argv[1], Path(sys.argv[2])
    failures = []

    def check(cond, message):
        if not cond:
            failures.append(message)

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(fixture, project, ignore=shutil.ignore_patterns("expected"))
        subprocess.run([gpress, "build", "options", "--project", str(project), "--quiet"], check=True)
        out = project / "private/practices"
        wb = openpyxl.load_workbook(out / "ranked-practices.xlsx")
        check(wb.sheetnames == ["Ranked practices"], f"sheets: {wb.sheetnames}")
        ws = wb["Ranked practices"]
        rows = list(ws.iter_rows(values_only=True))
        check(list(rows[0]) == HEADERS, f"headers: {rows[0]}")
        check(ws.freeze_panes == "A2", f"frozen panes: {ws.freeze_panes}")
        check(ws.auto_filter.ref == f"A1:M{len(rows)}", f"autofilter: {ws.auto_filter.ref}")
        body = rows[1:]
        check([r[0] for r in body] == list(range(1, len(body) + 1)), "ranks run 1..n")
        scores = [r[5] for r in body]
        check(scores == sorted(scores, reverse=True), f"risk scores never rise: {scores}")
        check(all(r[7] in LEVELS for r in body), "every practice has a support level")
        index = (out / "index.html").read_text(encoding="utf-8")
        index_order = re.findall(r'data-value="\d+">\d+</td>\s*<td>([A-Z]\d{5})</td>', index)
        check(len(body) > 1 and index_order, "the fixture ranks several practices")
        check([r[1] for r in body] == index_order, f"workbook order {[r[1] for r in body]} != index {index_order}")

    for f in failures:
        print("FAIL:", f)
    print(f"{1 if not failures else 0} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
