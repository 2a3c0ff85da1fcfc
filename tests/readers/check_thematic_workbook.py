#!/usr/bin/env python3
"""Builds the thematic-basic fixture with gpress and reads both workbooks back
the way their readers will: openpyxl for the cells, LibreOffice headless for
"opens without repair".

What it asserts is what a reader would notice: the sheets and headers, the
counts the fixture was crafted to give (recomputed here from the fixture's
own story, not read from gpress), and for the wider variant that no cell holds
a count from 1 to 4 and that no hidden count follows from its row or column
totals.

usage: check_thematic_workbook.py GPRESS_EXE SOURCE_DIR [--libreoffice]
"""
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

SHEETS = ["Summary", "Themes", "Opportunities", "Practices", "Actions", "By PCN", "Movements", "Changes", "Notes"]
MARK = "[c]"
failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def build(exe, source):
    project = tempfile.mkdtemp(prefix="gpress-thematic-")
    shutil.copytree(os.path.join(source, "tests/fixtures/thematic-basic"), project, dirs_exist_ok=True)
    subprocess.run([exe, "build", "thematic", "--project", project], check=True, capture_output=True)
    return project


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def find_row(table, first_cells):
    for r in table:
        if r[: len(first_cells)] == first_cells:
            return r
    return None


def header_index(ws):
    return {v: i for i, v in enumerate(next(ws.iter_rows(values_only=True))) if v is not None}


def check_local(path):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS, f"sheets are {wb.sheetnames}")
    themes = wb["Themes"]
    h = header_index(themes)
    for col in ["Kind", "ID", "Criterion or finding", "Practices", "Previous quarter", "New", "Persisting",
                "Resolved", "ICB: Fixture ICB", "Sub-ICB: Sub-ICB West", "Sub-ICB: Sub-ICB East"]:
        check(col in h, f"Themes has no column {col!r}")
    t = rows(themes)
    # QOF below 90: Q3 A00001 A00002 A00009; Q4 adds A00003 and A00010.
    qof = find_row(t, ["finding", "indicator-qof_achievement"])
    check(qof is not None, "Themes has no QOF finding row")
    if qof:
        got = [qof[h[c]] for c in ["Practices", "Previous quarter", "New", "Persisting", "Resolved",
                                   "Sub-ICB: Sub-ICB West", "Sub-ICB: Sub-ICB East"]]
        check(got == [5, 3, 2, 3, 0, 3, 2], f"QOF finding counts {got}")
    # PCN counts: one row per PCN and item on By PCN.
    by_pcn = {(r[1], r[3]): r[5] for r in rows(wb["By PCN"])[1:]}
    got = [by_pcn.get((pcn, "indicator-qof_achievement")) for pcn in ["North PCN", "East PCN"]]
    check(got == [3, 2], f"By PCN QOF counts {got}")
    # Every sheet prints on A4 landscape; table sheets repeat their header row.
    for ws in wb:
        check(ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9",
              f"{ws.title} does not print on A4 landscape")
        if ws.title not in ("Summary", "Movements"):
            check(ws.print_title_rows is not None, f"{ws.title} repeats no header row when printed")
    # Criterion 10 (isolation): flagged in Q3 for A00011, cleared in Q4.
    c10 = find_row(t, ["criterion", "criterion-10"])
    check(c10 and [c10[h[c]] for c in ["Practices", "Previous quarter", "Resolved"]] == [0, 1, 1],
          f"criterion 10 row {c10}")
    check(sum(1 for r in t if r[0] == "criterion") == 16, "Themes lists all 16 criteria")

    op = wb["Opportunities"]
    oh = header_index(op)
    cl = rows(op)
    got = sorted((r[oh["PCN"]], r[oh["ID"]], r[oh["Practices"]]) for r in cl[1:] if r[0])
    # The QOF finding and the leadership flag are answered by the actions the
    # same three practices share, so only the actions are listed.
    check(got == sorted([("North PCN", "qof-support", 3), ("South PCN", "od-review", 3)]), f"opportunities {got}")
    check([r[0] for r in cl[1:] if r[0]] == [1, 2], "opportunities are ranked 1..n")
    north = next((r for r in cl[1:] if r[oh["PCN"]] == "North PCN"), None)
    check(north and "A00003 Cedar Medical Centre" in north[-1], "the opportunity names its practices")
    check(op.print_title_rows is not None, "Opportunities repeats no header row when printed")

    pr = wb["Practices"]
    ph = header_index(pr)
    check(pr.max_row == 13, f"Practices has {pr.max_row - 1} rows, expected 12")
    check(len(pr.conditional_formatting) > 0, "Practices has no RAG conditional formatting")
    check(pr.freeze_panes == "A2", f"Practices header not frozen ({pr.freeze_panes})")
    check(pr.auto_filter.ref is not None, "Practices has no autofilter")
    check(pr.page_setup.orientation == "landscape", "Practices does not print landscape")
    check(pr.print_title_rows is not None, "Practices repeats no header row when printed")
    a12 = find_row(rows(pr), ["A00012"])
    check(a12 and a12[ph["Support level"]] == "Manage" and a12[ph["RAG"]] == "Red", f"A00012 row {a12}")

    act = rows(wb["Actions"])
    od = find_row(act, ["action", "od-review"])
    check(od and od[3:8] == [3, 1, 2, 1, 0], f"OD review action row {od}")

    mv = rows(wb["Movements"])
    total = find_row(mv, ["Total"])
    check(total and total[-1] == 12, f"movements total {total}")
    check(wb.properties.created.year == 2025 and wb.properties.created.month == 12, "created date is the quarter's end")
    notes = rows(wb["Notes"])
    check(find_row(notes, ["Build date", "2025-12-31"]) is not None, "Notes gives the build date")


def check_wider(path):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS, f"wider sheets are {wb.sheetnames}")
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, (int, float)) and not isinstance(v, bool) and 1 <= v <= 4:
                    failures.append(f"wider {ws.title}!{cell.coordinate} holds {v}")
                if isinstance(v, str) and ("Alder" in v or "A00001" in v):
                    failures.append(f"wider {ws.title}!{cell.coordinate} names a practice: {v!r}")
    # Row and column totals of the movements matrix.
    mv = rows(wb["Movements"])
    start = next(i for i, r in enumerate(mv) if r[0] and str(r[0]).startswith("Last quarter"))
    block = mv[start + 1: start + 7]
    check_margins([r[1:7] for r in block], "Movements")
    # Themes: Practices = ICB = the sub-ICBs, and Practices = New + Persisting.
    themes = wb["Themes"]
    h = header_index(themes)
    for r in rows(themes)[1:]:
        if r[0] not in ("criterion", "finding"):
            continue
        check_sum([r[h["Practices"]], r[h["Sub-ICB: Sub-ICB West"]], r[h["Sub-ICB: Sub-ICB East"]]], f"Themes {r[1]} sub-ICBs")
        check_sum([r[h["Practices"]], r[h["New"]], r[h["Persisting"]]], f"Themes {r[1]} new+persisting")
        check_sum([r[h["Previous quarter"]], r[h["Persisting"]], r[h["Resolved"]]], f"Themes {r[1]} persisting+resolved")
    check("not included" in str(rows(wb["Practices"])[1][0]).lower(), "wider Practices sheet explains why it is empty")


def check_sum(cells, where):
    """cells[0] = sum(cells[1:]): a single hidden member would be derivable."""
    hidden = [c for c in cells if c == MARK]
    if len(hidden) == 1:
        failures.append(f"{where}: one hidden member of {cells} can be worked out")
    if not hidden and cells[0] != sum(cells[1:]):
        failures.append(f"{where}: {cells[0]} != sum of {cells[1:]}")


def check_margins(matrix, where):
    """A matrix whose last row and column are totals."""
    for r in matrix:
        check_sum([r[-1]] + r[:-1], f"{where} row {r}")
    for j in range(len(matrix[0])):
        col = [r[j] for r in matrix]
        check_sum([col[-1]] + col[:-1], f"{where} column {j}")


def libreoffice_converts(path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        failures.append("libreoffice not installed (apt-get install libreoffice-calc-nogui)")
        return
    out = tempfile.mkdtemp(prefix="gpress-lo-")
    profile = tempfile.mkdtemp(prefix="gpress-lo-profile-")
    r = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv",
                        "--outdir", out, path], capture_output=True, text=True, timeout=180)
    csv = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".csv")
    check(r.returncode == 0 and os.path.exists(csv), f"LibreOffice could not convert {path}: {r.stdout} {r.stderr}")
    if os.path.exists(csv):
        with open(csv, encoding="utf-8", errors="replace") as f:
            check("Thematic highlight report 2025-Q4" in f.read(), "LibreOffice's CSV lacks the Summary title")


def main():
    exe, source = sys.argv[1], sys.argv[2]
    project = build(exe, source)
    folder = os.path.join(project, "private/thematic/2025-Q4")
    local = os.path.join(folder, "thematic-highlights-2025-Q4.xlsx")
    wider = os.path.join(folder, "thematic-highlights-2025-Q4-wider.xlsx")
    if "--libreoffice" in sys.argv:
        libreoffice_converts(local)
        libreoffice_converts(wider)
    else:
        check_local(local)
        check_wider(wider)
    shutil.rmtree(project, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
