#!/usr/bin/python3
"""Reads data-pack.xlsx back with openpyxl, a reader gpress does not share code
with, and checks it says what the pack page says.

    check_pack_workbook.py GPRESS_EXE FIXTURE_PROJECT

Builds the fixture's packs into a temporary copy, then for practice A81001
checks the sheets, headers, frozen panes, autofilter, number formats, blanks
for unpublished values, and that every figure in the Indicators sheet shown
on the page (value, PCN, sub-ICB, ICB, England, quartiles) rounds to the
page's text.
"""
import html
import re
import shutil
import subprocess
import math
import sys
import tempfile
from pathlib import Path

import openpyxl

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def unit_text(unit, value):
    """The page's formatting (assemble/pack.cpp format_value), redone here."""
    decimals = {"count": 0, "gbp": 2}.get(unit, 1)
    n = f"{value:,.{decimals}f}"
    if n.startswith("-") and float(n.replace(",", "")) == 0:
        n = n[1:]
    if unit == "gbp":
        n = "-£" + n[1:] if n.startswith("-") else "£" + n
    return n + {"percent": "%", "per-1000": " per 1,000", "per-10000": " per 10,000"}.get(unit, "")


def page_indicator(page, indicator_id):
    anchor = "ind-" + indicator_id.replace("_", "-")
    start = page.find(f'id="{anchor}"')
    end = page.find("</article>", start)
    return html.unescape(page[start:end]) if start >= 0 else ""


def main():
    exe, fixture = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(fixture, project, ignore=shutil.ignore_patterns("expected"))
        subprocess.run([exe, "build", "packs", "--project", str(project)], check=True, capture_output=True)
        folder = project / "private/practices/A81001"
        page = (folder / "data-pack.html").read_text(encoding="utf-8")
        wb = openpyxl.load_workbook(folder / "data-pack.xlsx")

        check(wb.sheetnames == ["Summary", "Indicators", "Practices like yours", "Expected prevalence",
                                "Sources & definitions"], f"sheet names {wb.sheetnames}")

        summary = wb["Summary"]
        rows = {r[0]: r[1] for r in summary.iter_rows(values_only=True) if r[0]}
        check(rows.get("Practice") == "Alpha Surgery", f"practice name {rows.get('Practice')}")
        check(rows.get("ODS code") == "A81001", "ODS code")
        check(rows.get("List size (registered patients)") == 10000, "list size")
        check(rows.get("Overall") == "Requires improvement", "CQC overall")
        check(rows.get("Well-led") == "Inadequate", "CQC well-led")
        check(rows.get("Contract type") == "GMS", "contract type")

        ws = wb["Indicators"]
        headers = [c.value for c in ws[1]]
        expected_headers = [
            "Domain", "Criterion", "Indicator", "Indicator ID", "Unit", "Period", "Value", "Numerator",
            "Denominator", "PCN", "Sub-ICB", "ICB", "England", "England Q1", "England median", "England Q3",
            "England min", "England max", "England decile", "ICB decile", "Significance vs England (95% CI)",
            "Significance vs ICB (95% CI)", "95% CI lower", "95% CI upper", "99.8% CI lower", "99.8% CI upper", "Recent trend"]
        check(headers == expected_headers, f"headers {headers}")
        check(ws.freeze_panes == "A2", f"frozen panes {ws.freeze_panes}")
        check(ws.auto_filter.ref == f"A1:AA{ws.max_row}", f"autofilter {ws.auto_filter.ref}")
        col = {h: i for i, h in enumerate(headers)}
        data = [r for r in ws.iter_rows(min_row=2, values_only=True)]
        check(len(data) == 19, f"{len(data)} indicator rows")
        by_key = {(r[col["Indicator ID"]], r[col["Period"]]): r for r in data}

        # Not published: a blank cell, never zero.
        q1 = by_key[("reviewed_pct", "2024-Q1")]
        check(q1[col["Value"]] is None, "an unpublished value is blank")
        check(q1[col["Significance vs England (95% CI)"]] == "Not compared", "unpublished is not compared")

        q2 = by_key[("reviewed_pct", "2024-Q2")]
        check(ws.cell(row=data.index(q2) + 2, column=col["Value"] + 1).number_format == "0.0", "percent format")
        check(abs(q2[col["England"]] - 100 * 212 / 349) < 1e-9, f"England pooled {q2[col['England']]}")
        check(abs(q2[col["ICB"]] - 100 * 136 / 240) < 1e-9, "ICB pooled")
        check(q2[col["Significance vs England (95% CI)"]] == "Better (95% confidence)", "significance vs England")
        check(q2[col["England decile"]] == 9, "England decile")
        # 99.8% Wilson interval for 40 / 50, worked here from the formula.
        z, p, n = 3.090232306, 40 / 50, 50
        scale = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / scale
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / scale
        check(abs(q2[col["99.8% CI lower"]] - 100 * (centre - half)) < 1e-9, f"99.8% lower {q2[col['99.8% CI lower']]}")
        check(abs(q2[col["99.8% CI upper"]] - 100 * (centre + half)) < 1e-9, "99.8% upper")
        check(q2[col["99.8% CI lower"]] < q2[col["95% CI lower"]], "the 99.8% interval is the wider")
        # The recent trend is on the latest row only, as the page words it.
        check(by_key[("screening_pct", "2022-23")][col["Recent trend"]] == "Decreasing and getting worse",
              "recent trend on the latest row")
        check(by_key[("screening_pct", "2021-22")][col["Recent trend"]] is None, "no trend on older rows")
        check("Recent trend: Decreasing and getting worse (2018-19 to 2022-23)" in page_indicator(page, "screening_pct"),
              "the page shows the same trend")
        gbp = by_key[("payments_per_patient", "2022-23")]
        gbp_row = data.index(gbp) + 2
        check("£" in ws.cell(row=gbp_row, column=col["Value"] + 1).number_format, "pounds format")

        # Every figure the page shows for an indicator's latest period matches.
        latest = {}
        for r in data:
            latest[r[col["Indicator ID"]]] = r  # rows run oldest to newest
        for ind, r in latest.items():
            text = page_indicator(page, ind)
            check(text, f"{ind} missing from the page")
            unit = r[col["Unit"]]
            check(f"· {r[col['Period']]}</p>" in text, f"{ind}: period {r[col['Period']]}")
            value = r[col["Value"]]
            shown = unit_text(unit, value) if value is not None else "Not published"
            check(f">{shown}</p>" in text, f"{ind}: value {shown}")
            for name in ["PCN", "Sub-ICB", "ICB", "England", "England Q1", "England median", "England Q3",
                         "England min", "England max"]:
                v = r[col[name]]
                if v is None:
                    continue
                check(f'<td class="pack-num">{unit_text(unit, v)}</td>' in text, f"{ind}: {name} {unit_text(unit, v)}")
            for name, area in [("Significance vs England (95% CI)", "England"), ("Significance vs ICB (95% CI)", "ICB")]:
                word = r[col[name]].split(" ")[0].lower()
                phrase = {"better": f"Better than {area}", "worse": f"Worse than {area}", "similar": f"Similar to {area}",
                          "higher": f"Higher than {area}", "lower": f"Lower than {area}", "not": f"Not compared with {area}"}[word]
                check(phrase in text, f"{ind}: {phrase}")

        # Practices like yours: the practice first, then its peers nearest
        # first, each named in the page's table of peers.
        peers = wb["Practices like yours"]
        rows = list(peers.iter_rows(values_only=True))
        check(rows[1][0] == "Alpha Surgery (this practice)", f"first row {rows[1][0]}")
        distances = []
        for r in rows[2:]:
            if r[6] is None:
                break
            distances.append(r[6])
            check(f'{r[1]}' in page, f"peer {r[1]} named on the page")
            check(f">{r[6]:.2f}<" in page, f"peer {r[1]} distance {r[6]:.2f} on the page")
        check(distances and distances == sorted(distances), f"peers nearest first {distances}")

        # Expected prevalence: every register's figures as the page words them.
        expected = wb["Expected prevalence"]
        registers = [r for r in expected.iter_rows(min_row=2, values_only=True) if r[1]]
        check(len(registers) >= 2, f"{len(registers)} registers with a model")
        for r in registers:
            text = page_indicator(page, r[1])
            check(f"({r[2]}): {r[6]:.1f}%</strong>" in text, f"{r[1]}: expected {r[6]:.1f}%")
            check(f"Recorded: {r[5]:.1f}%." in text, f"{r[1]}: recorded {r[5]:.1f}%")
            check(f"record {r[7]:.1f}% to {r[8]:.1f}%" in text, f"{r[1]}: range")
            check(r[9] in text, f"{r[1]}: {r[9]}")
            check(abs(r[5] - 100 * r[3] / r[4]) < 1e-9, f"{r[1]}: recorded = on register / age base")

        sources = wb["Sources & definitions"]
        check([c.value for c in sources[1]][:3] == ["Indicator ID", "Indicator", "Domain"], "definitions header")
        check(sources.freeze_panes == "A2", "definitions frozen")
        texts = [c for row in sources.iter_rows(values_only=True) for c in row if isinstance(c, str)]
        check("Open Government Licence v3.0" in texts, "licence listed")
        check(any("Median of practice values" == t for t in texts), "median method named")

    if failures:
        for f in failures:
            print("FAIL:", f)
        sys.exit(1)
    print("pack workbook: all checks passed")


if __name__ == "__main__":
    main()
