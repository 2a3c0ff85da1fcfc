#!/usr/bin/python3
"""Seeded assessments for every practice of a gpress project.

    bench/seed-assessments.py PROJECT [--seed N] [--quarter YYYY-Qn]

Public data has no maturity self-assessments, team 360 surveys or local
intelligence, yet options reports and the thematic report need them. This
writes PROJECT/data/assessments/{maturity,team360,intelligence}.csv with one
assessment per practice in the given quarter and one in the quarter before
(so the thematic report has a change to show), in the formats of design.md.

The same seed and register give byte-identical files. Values are plausible
rather than realistic: each practice has a latent "strength" that moves its
maturity levels, team 360 scores and flags together, and drifts a little
between the two quarters.
"""
import argparse
import csv
import datetime
import os
import random
import re
import sys

SOFT_CRITERIA = [3, 6, 8, 9, 10, 13]
DIMENSIONS = ["leadership", "teamwork", "communication", "workload", "wellbeing", "learning"]
NOTES = {
    3: "Concerns raised about a clinician's performance",
    6: "Practice has asked the ICB for external support",
    8: "Leadership gap after a partner retired",
    9: "Significant change: merger or new premises under way",
    10: "Isolated single-handed practice with little peer contact",
    13: "Practice has applied to close its list",
}


def themes_outline(path):
    """(slug, number of domains) for each theme of data/themes.yaml."""
    try:
        import yaml  # Debian's python3-yaml; the fallback below covers its absence

        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        return [(t["slug"], len(t.get("domains") or [])) for t in doc["themes"]]
    except ImportError:
        out = []
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\s*-\s*slug:\s*(\S+)", line)
            if m:
                out.append([m.group(1), 0])
            elif re.match(r"\s*-\s*title:", line) and out:
                out[-1][1] += 1
        return [tuple(t) for t in out]


def quarter_bounds(q):
    m = re.fullmatch(r"(\d{4})-Q([1-4])", q)
    if not m:
        sys.exit(f"bad quarter '{q}' (expected YYYY-Qn)")
    y, n = int(m.group(1)), int(m.group(2))
    start = datetime.date(y, 3 * n - 2, 1)
    end = datetime.date(y + (n == 4), (3 * n) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def previous_quarter(q):
    y, n = int(q[:4]), int(q[-1])
    return f"{y - 1}-Q4" if n == 1 else f"{y}-Q{n - 1}"


def day_in(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project")
    ap.add_argument("--seed", type=int, default=20230401)
    ap.add_argument("--quarter", default="2023-Q2", help="the later of the two quarters (default 2023-Q2)")
    args = ap.parse_args()

    project = args.project
    with open(os.path.join(project, "data", "practices.csv"), encoding="utf-8", newline="") as f:
        practices = sorted(row["ods_code"] for row in csv.DictReader(f))
    themes = themes_outline(os.path.join(project, "data", "themes.yaml"))
    quarters = [previous_quarter(args.quarter), args.quarter]
    bounds = [quarter_bounds(q) for q in quarters]

    rng = random.Random(args.seed)
    out_dir = os.path.join(project, "data", "assessments")
    os.makedirs(out_dir, exist_ok=True)
    files = {name: open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="")
             for name in ("maturity.csv", "team360.csv", "intelligence.csv")}
    writers = {name: csv.writer(f, lineterminator="\n") for name, f in files.items()}
    writers["maturity.csv"].writerow(["ods_code", "assessed_on", "theme", "domain", "level"])
    writers["team360.csv"].writerow(["ods_code", "assessed_on", "dimension", "score"])
    writers["intelligence.csv"].writerow(["ods_code", "recorded_on", "criterion", "flag", "note"])
    counts = dict.fromkeys(files, 0)

    for ods in practices:
        strength = rng.gauss(0, 1)
        for start, end in bounds:
            # Practices improve a little on average between assessments.
            strength += rng.gauss(0.15, 0.3)
            when = day_in(rng, start, end).isoformat()
            for slug, n_domains in themes:
                for d in range(1, n_domains + 1):
                    rank = round(1.6 + 0.8 * strength + rng.gauss(0, 0.7))
                    writers["maturity.csv"].writerow([ods, when, slug, d, "ABCD"[min(3, max(0, rank))]])
                    counts["maturity.csv"] += 1
            for dim in DIMENSIONS:
                score = min(5.0, max(1.0, 3.3 + 0.6 * strength + rng.gauss(0, 0.5)))
                writers["team360.csv"].writerow([ods, when, dim, f"{score:.1f}"])
                counts["team360.csv"] += 1
            for crit in SOFT_CRITERIA:
                p_yes = min(0.6, max(0.02, 0.1 - 0.08 * strength))
                yes = rng.random() < p_yes
                writers["intelligence.csv"].writerow([ods, when, crit, "yes" if yes else "no", NOTES[crit] if yes else ""])
                counts["intelligence.csv"] += 1

    for f in files.values():
        f.close()
    print(f"{len(practices)} practices, quarters {quarters[0]} and {quarters[1]}: "
          + ", ".join(f"{name} {n} rows" for name, n in counts.items()))


if __name__ == "__main__":
    main()
