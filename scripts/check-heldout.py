#!/usr/bin/python3
"""Recomputes figures of a built project's data packs without gpress, from
the project's data/ files and the documented methods, and compares them with
each practice's data-pack.xlsx.

    scripts/check-heldout.py PROJECT [PRACTICES] [--seed N]

PRACTICES practices (default 4) are drawn at random from the pool of
practices like each other (open, with a list size, an IMD score and QOF's
lists by age). For each it checks, for diabetes prevalence (QOF):

- the 95% and 99.8% Wilson intervals (docs/comparators.md);
- the England deprivation decile (docs/comparators.md, "Deprivation decile");
- the 10 practices like it and their distances ("Practices like yours");
- the expected prevalence, its range and the gap in patients
  (docs/expected-prevalence.md), from a weighted least squares fit of its own.

It uses QOF's share aged 50 and over, so it stops on a project with
data/age_sex.csv. Exit status 1 when any figure differs. Needs openpyxl
(scripts/install-deps.sh --tests installs it); the arithmetic is written out.
"""
import argparse, csv, math, os, random, sys
import openpyxl

args = argparse.ArgumentParser()
args.add_argument("project")
args.add_argument("practices", nargs="?", type=int, default=4)
args.add_argument("--seed", type=int, default=20261203)
args = args.parse_args()
P = args.project
if os.path.exists(f"{P}/data/age_sex.csv"):
    sys.exit("check-heldout: the project has data/age_sex.csv; this check knows QOF's age share only")
prac = {r["ods_code"]: r for r in csv.DictReader(open(f"{P}/data/practices.csv"))}
vals = {}
for r in csv.DictReader(open(f"{P}/data/values.csv")):
    vals.setdefault((r["ods_code"], r["indicator_id"]), []).append(r)
def latest(ods, ind):
    rows = vals.get((ods, ind))
    return rows[-1] if rows else None  # sorted by period
def f(x): return float(x) if x not in ("", None) else None

def wilson(x, n, z):
    p = x / n
    c = (p + z*z/(2*n)) / (1 + z*z/n)
    h = z * math.sqrt(p*(1-p)/n + z*z/(4*n*n)) / (1 + z*z/n)
    return 100*(c-h), 100*(c+h)

# Measures
imd = {o: f(latest(o, "imd_score")["value"]) for o in prac if latest(o, "imd_score")}
def age(o):
    a, b = latest(o, "qof_prevalence_ost"), latest(o, "qof_prevalence_af")
    if not a or not b or a["period"] != b["period"] or not f(b["denominator"]): return None
    return f(a["denominator"]) / f(b["denominator"])
ages = {o: age(o) for o in prac}
pool = [o for o, r in prac.items() if not r["closed_on"] and r["list_size"] and imd.get(o) is not None and ages.get(o) is not None]
def mean(xs): return sum(xs) / len(xs)
def sd(xs):  # population standard deviation
    m = mean(xs); return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))
measures = [[float(prac[o]["list_size"]) for o in pool], [imd[o] for o in pool], [ages[o] for o in pool]]
centre = [(mean(m), sd(m)) for m in measures]
zi = {o: [(measures[k][i] - centre[k][0]) / centre[k][1] for k in range(3)] for i, o in enumerate(pool)}
def distance(a, b): return math.sqrt(sum((x - y) ** 2 for x, y in zip(zi[a], zi[b])))

# Deprivation decile: among practices with a score
scores = [s for s in imd.values() if s is not None]
def dep_decile(o):
    s = imd[o]; higher = sum(1 for t in scores if t > s)
    return min(10, 1 + (10 * higher) // len(scores))

# Expected prevalence model for diabetes, latest period
per = max(r["period"] for (o, i), rows in vals.items() if i == "qof_prevalence_dm" for r in rows)
obs = []
for o in prac:
    r = [r for r in vals.get((o, "qof_prevalence_dm"), []) if r["period"] == per]
    if not r or imd.get(o) is None or ages.get(o) is None: continue
    x, n = f(r[0]["numerator"]), f(r[0]["denominator"])
    if x is None or not n: continue
    obs.append((o, x, n, ages[o], imd[o]))
def solve3(m, v):  # Gaussian elimination with partial pivoting
    m = [row[:] + [v[i]] for i, row in enumerate(m)]
    for c in range(3):
        p = max(range(c, 3), key=lambda r: abs(m[r][c])); m[c], m[p] = m[p], m[c]
        for r in range(c + 1, 3):
            f_ = m[r][c] / m[c][c]; m[r] = [a - f_ * b for a, b in zip(m[r], m[c])]
    out = [0.0] * 3
    for r in (2, 1, 0):
        out[r] = (m[r][3] - sum(m[r][k] * out[k] for k in range(r + 1, 3))) / m[r][r]
    return out
rows_ = [(1.0, a, d) for (_, _, _, a, d) in obs]
y = [x / n for (_, x, n, _, _) in obs]; w = [n for (_, _, n, _, _) in obs]
XtWX = [[sum(wi * r[i] * r[j] for wi, r in zip(w, rows_)) for j in range(3)] for i in range(3)]
XtWy = [sum(wi * r[i] * yi for wi, r, yi in zip(w, rows_, y)) for i in range(3)]
b = solve3(XtWX, XtWy)
yh = [min(1.0, max(0.0, sum(bi * ri for bi, ri in zip(b, r)))) for r in rows_]
s2 = [p * (1 - p) / n for p, n in zip(yh, w)]
zs = [(yi - p) / math.sqrt(v) for yi, p, v in zip(y, yh, s2)]
def percentile_inc(xs, q):  # Excel's PERCENTILE.INC
    xs = sorted(xs); h = (len(xs) - 1) * q; lo = int(math.floor(h)); hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])
lo, hi = percentile_inc(zs, 0.1), percentile_inc(zs, 0.9)
phi = mean([min(hi, max(lo, z)) ** 2 for z in zs])
ww = [1 / v for v in s2]; I = len(obs)
tau2 = max(0.0, (I * phi - (I - 1)) / (sum(ww) - sum(x * x for x in ww) / sum(ww)))

random.seed(args.seed)
held = random.sample(pool, args.practices)
bad = 0
def cmp(what, mine, theirs, tol):
    global bad
    ok = theirs is not None and abs(mine - theirs) <= tol
    bad += not ok
    print(f"  {'ok ' if ok else 'BAD'} {what}: independent {mine:.6g}, pack {theirs}")
for o in held:
    print(o, prac[o]["name"])
    wb = openpyxl.load_workbook(f"{P}/private/practices/{o}/data-pack.xlsx", read_only=True)
    ind = list(wb["Indicators"].iter_rows(values_only=True)); h = ind[0]; c = {n: i for i, n in enumerate(h)}
    row = [r for r in ind[1:] if r[c["Indicator ID"]] == "qof_prevalence_dm"][-1]
    r = latest(o, "qof_prevalence_dm"); x, n = f(r["numerator"]), f(r["denominator"])
    for z, lab in ((1.959964, "95%"), (3.090232306, "99.8%")):
        l, u = wilson(x, n, z)
        cols = [k for k in h if k and k.startswith(lab) and "lower" in k]
        cmp(f"diabetes {lab} lower", l, row[c[cols[0]]], 1e-6)
        cols = [k for k in h if k and k.startswith(lab) and "upper" in k]
        cmp(f"diabetes {lab} upper", u, row[c[cols[0]]], 1e-6)
    summ = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    dk = [k for k in summ if k.startswith("Deprivation decile")]
    cmp("deprivation decile", dep_decile(o), summ[dk[0]], 0)
    d = sorted((distance(o, q), q) for q in pool if q != o)[:10]
    pr = list(wb["Practices like yours"].iter_rows(values_only=True))
    got = [(r[6], r[1]) for r in pr[2:12]]
    same = [q for _, q in d] == [q for _, q in got]
    bad += not same
    print(f"  {'ok ' if same else 'BAD'} the 10 peers, nearest first: {[q for _, q in d][:4]}...")
    for (dd, q), (gd, gq) in zip(d, got): cmp(f"distance to {q}", dd, gd, 1e-9)
    ex = [r for r in wb["Expected prevalence"].iter_rows(values_only=True) if r[1] == "qof_prevalence_dm"]
    if ex:
        e = ex[0]; k = [i for i, t in enumerate(obs) if t[0] == o][0]
        pred = yh[k]; half = 1.959964 * math.sqrt(pred*(1-pred)/obs[k][2] + tau2)
        cmp("diabetes expected %", 100*pred, e[6], 1e-6)
        cmp("expected range lower %", 100*max(0, pred-half), e[7], 1e-4)
        cmp("expected range upper %", 100*min(1, pred+half), e[8], 1e-4)
        cmp("gap in patients", pred*obs[k][2] - obs[k][1], e[10], 1e-3)
print("model: b =", b, "tau2 =", tau2, "practices", I)
print("mismatches:", bad)
sys.exit(1 if bad else 0)
