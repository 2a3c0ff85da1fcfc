#!/bin/bash
# Builds the national benchmark project: every active GP practice in England
# from the 2022/23 bundle of ../shared/realdata, with the sample's settings,
# themes and content, and seeded assessments.
#
#   bench/make-national.sh [REALDATA] [OUT]
#
# REALDATA defaults to $REALDATA or /work/shared/realdata, OUT to
# bench/out/national. GPRESS names the gpress binary (default: build-bench/,
# then build/). The project is rebuilt from scratch each time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
R=${1:-${REALDATA:-/work/shared/realdata}}
P=${2:-$here/out/national}
if [ -z "${GPRESS:-}" ]; then
  for g in "$root/build-bench/gpress" "$root/build/gpress"; do
    if [ -x "$g" ]; then GPRESS=$g; break; fi
  done
fi
G=${GPRESS:?gpress not found: build it (see bench/README.md) or set GPRESS}
[ -d "$R/ods-epraccur-2023-02" ] || { echo "$R does not hold the realdata bundle" >&2; exit 2; }

rm -rf "$P"
mkdir -p "$P/data" "$P/sources"
# Every practice of England gets its outputs: the sample's cohort (one ICB) is left out.
grep -v '^cohort *=' "$root/gpress.toml" > "$P/gpress.toml"
cp "$root/data/themes.yaml" "$P/data/"
cp -r "$root/content" "$P/"

# The workforce file holds FY2023-FY2025; the 2022/23 bundle takes FY2023
# only, so later years do not describe practices that closed in between.
awk -F, 'NR == 1 || $2 == "\"2023\""' "$R/gp-workforce-fy-averages-heec/workforce_year_FY2023-FY2025.csv" \
  > "$P/sources/workforce_FY2023.csv"

t0=$(date +%s.%N)
# Same order as data/import-sample.sh: epraccur builds the register, the
# lookup names ICBs, QOF and payments name PCNs. QOF and payments bring
# their earlier years too, so packs draw trend charts as they do for the sample.
"$G" import epraccur "$R/ods-epraccur-2023-02/epraccur.csv" --project "$P"
"$G" import icb-lookup "$R/lookup-subicb-to-icb-heec/CCG_ICB_code.csv" --project "$P"
"$G" import qof \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2017-18.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2018-19.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2019-20.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2021-22.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2022-23.csv" \
  --project "$P"
# The sample's clinical coding review is recommended by QOF registers below
# their expected prevalence, so the national project has the registers too.
"$G" import qof-prevalence "$R/qof-2020-21-raw-prevalence/PREVALENCE_2021_v2.csv" --project "$P"
"$G" import payments \
  "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-21-22-prac-csv-v2.csv" \
  "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-22-23-prac-csv.csv" \
  --project "$P"
"$G" import workforce "$P/sources/workforce_FY2023.csv" --project "$P"
"$G" import imd "$R/imd-2019-by-practice-fingertips/fingertips_93553_imd2019_by_practice.csv" --project "$P"
"$G" import cqc "$R/cqc-ratings-overall-2024-04-heec/cqc.csv" --project "$P"
# The sample's menu of support triggers on GP Patient Survey, telephony and
# online consultation indicators, which the 2022/23 bundle lacks; without
# them the actions do not validate. The nearest publications stand in: the
# December 2025 national telephony and online consultation returns and the
# London GPPS extract, as the sample imports them.
"$G" import gpps "$R/gpps-london-extract-thierry/gps_london.csv" --project "$P" --period 2024-25
"$G" import telephony \
  "$R/online-consultation-and-telephony-2025-12/Cloud Based Telephony Publication Summary December 2025.xlsx" \
  --project "$P"
"$G" import online-consultations \
  "$R/online-consultation-and-telephony-2025-12/Submissions via OC Systems in General Practice - December 2025.xlsx" \
  --project "$P"
t1=$(date +%s.%N)

# Only a registrations import sets list_size, and the bundle has no 2022/23
# registrations extract: take the average registered patients from payments
# 2022-23, as ../shared/realdata/README.md suggests.
/usr/bin/python3 - "$P/data/practices.csv" "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-22-23-prac-csv.csv" <<'PY'
import csv, sys
practices, payments = sys.argv[1], sys.argv[2]
with open(payments, encoding="utf-8-sig", newline="") as f:
    size = {r["Practice Code"].strip(): r["Average Number of Registered Patients"].strip() for r in csv.DictReader(f)}
with open(practices, encoding="utf-8", newline="") as f:
    reader = csv.DictReader(f)
    fields, rows = reader.fieldnames, list(reader)
filled = 0
for r in rows:
    if not r["list_size"] and size.get(r["ods_code"]):
        r["list_size"] = str(round(float(size[r["ods_code"]].replace(",", ""))))
        filled += 1
with open(practices, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(f"list_size from payments 2022-23 for {filled} of {len(rows)} practices")
PY

/usr/bin/python3 "$here/seed-assessments.py" "$P" --seed "${SEED:-20230401}" --quarter "${QUARTER:-2023-Q2}"

awk -v a="$t0" -v b="$t1" 'BEGIN { printf "imports took %.1f s\n", b - a }'
echo "national project in $P: $(($(wc -l < "$P/data/practices.csv") - 1)) practices, $(($(wc -l < "$P/data/values.csv") - 1)) values"
