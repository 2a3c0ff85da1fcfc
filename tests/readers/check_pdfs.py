#!/usr/bin/python3
"""Prints the fixture's data packs and options reports to PDF and reads them
back with poppler (pdfinfo, pdftotext), which shares no code with gpress or
Chromium.

    check_pdfs.py GPRESS_EXE FIXTURE_PROJECT

Checks, for every practice: both PDFs open, are A4, have the page count the
footer states, carry the practice and the document in every page's footer,
and hold the page's text (the practice name, an indicator); that printing
again gives the same bytes; that a build without --pdf removes them; and
that a missing browser is an error naming the fix.
"""
import csv
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def pdfinfo(path):
    out = run("pdfinfo", str(path))
    if out.returncode != 0:
        return None
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def page_texts(path, pages):
    return [run("pdftotext", "-layout", "-f", str(p), "-l", str(p), str(path), "-").stdout for p in range(1, pages + 1)]


def main():
    gpress, fixture = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(fixture, project, ignore=shutil.ignore_patterns("expected"))
        built = run(gpress, "build", "packs", "options", "--pdf", "--jobs", "2", "--project", str(project))
        check(built.returncode == 0, f"build --pdf failed: {built.stdout}{built.stderr}")
        practices = list(csv.DictReader(open(project / "data/practices.csv", encoding="utf-8")))
        indicators = [row["name"] for row in csv.DictReader(open(project / "data/indicators.csv", encoding="utf-8"))]
        for practice in practices:
            ods, name = practice["ods_code"], practice["name"]
            for stem, title in (("data-pack", "Data pack"), ("options-report", "Options report")):
                pdf = project / "private/practices" / ods / f"{stem}.pdf"
                info = pdfinfo(pdf)
                check(info is not None, f"{pdf.name} of {ods} does not open")
                if info is None:
                    continue
                pages = int(info["Pages"])
                width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
                check(abs(width - 595) < 2 and abs(height - 842) < 2, f"{stem}.pdf of {ods} is not A4: {info['Page size']}")
                texts = page_texts(pdf, pages)
                for number, text in enumerate(texts, 1):
                    flat = " ".join(text.split())
                    check(f"{title}: {name} ({ods})" in flat, f"{stem}.pdf of {ods}, page {number}: footer lacks the practice")
                    check(f"Page {number} of {pages}" in flat, f"{stem}.pdf of {ods}, page {number}: no 'Page {number} of {pages}'")
                whole = " ".join(" ".join(texts).split())
                check(name in whole.split(f"{title}:")[0], f"{stem}.pdf of {ods}: the first page does not name the practice")
                if stem == "data-pack":
                    check(any(i in whole for i in indicators), f"data-pack.pdf of {ods}: no indicator in its text")

        first = project / "private/practices" / practices[0]["ods_code"] / "data-pack.pdf"
        before = first.read_bytes() if first.exists() else b""
        first.unlink()
        again = run(gpress, "build", "packs", "--pdf", "--practice", practices[0]["ods_code"], "--project", str(project))
        check(again.returncode == 0 and first.exists() and first.read_bytes() == before,
              "printing the same pack again gave different bytes")

        plain = run(gpress, "build", "packs", "options", "--project", str(project))
        check(plain.returncode == 0, f"build without --pdf failed: {plain.stdout}{plain.stderr}")
        check(not list((project / "private/practices").glob("*/*.pdf")), "a build without --pdf kept PDFs it no longer makes")

        with open(project / "gpress.toml", "a", encoding="utf-8") as f:
            f.write('\n[pdf]\nenabled = true\nbrowser = "/nonexistent/chromium"\n')
        ignored = run(gpress, "build", "packs", "--project", str(project))
        check(ignored.returncode == 0 and "[pdf] browser = \"/nonexistent/chromium\" is a program chosen by the project"
              in ignored.stderr, f"[pdf] browser was not refused without --allow-project-tools: {ignored.stderr}")
        missing = run(gpress, "build", "packs", "--allow-project-tools", "--project", str(project))
        check(missing.returncode == 1, "a missing browser did not exit 1")
        check("gpress.toml: error: [pdf] browser '/nonexistent/chromium' not found" in missing.stderr,
              f"a missing browser's error: {missing.stderr}")

    for f in failures:
        print("FAIL:", f)
    print(f"pdf: {len(failures)} failures")
    sys.exit(1 if failures else 0)


main()
