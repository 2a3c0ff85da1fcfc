#!/bin/sh
# Rebuilds the sample project's practice data (data/*.csv) for every GP
# practice in England, open or closed, from the NHS publications in the
# shared realdata folder, then compresses the large files (gpress reads
# data/NAME.csv.gz where data/NAME.csv is absent).
#
#   data/import-sample.sh GPRESS REALDATA [PROJECT]
#
# GPRESS is the gpress binary, REALDATA the folder holding the downloads
# (../shared/realdata), PROJECT the project folder (default: this script's
# parent). Order matters: epraccur builds the register the others attach to,
# icb-lookup gives each sub-ICB location its ICB, and the newest source with
# PCNs (online consultations, December 2025) is imported last, so it gives the
# practice groupings.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: $0 GPRESS REALDATA [PROJECT]" >&2
  exit 2
fi
G=$1
R=$2
P=${3:-$(cd "$(dirname "$0")/.." && pwd)}
D=$P/data

# Start from nothing, so no row of an earlier import survives.
for f in practices values indicators sources cqc sub_icbs; do
  rm -f "$D/$f.csv" "$D/$f.csv.gz" "$D/$f.csv.bak" "$D/$f.csv.gz.bak"
done

"$G" import epraccur "$R/ods-epraccur-2025-04/epraccur.csv" --project "$P"
"$G" import icb-lookup "$R/lookup-subicb-to-icb-heec/CCG_ICB_code.csv" --project "$P"
"$G" import qof \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2017-18.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2018-19.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2019-20.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2021-22.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2022-23.csv" \
  --project "$P"
"$G" import qof-prevalence "$R/qof-2020-21-raw-prevalence/PREVALENCE_2021_v2.csv" --project "$P"
"$G" import payments \
  "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-21-22-prac-csv-v2.csv" \
  "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-22-23-prac-csv.csv" \
  --project "$P"
"$G" import registrations \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopOct.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopNov.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopDec.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopJan26.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopFeb26.csv" \
  --project "$P"
"$G" import workforce "$R/gp-workforce-fy-averages-heec/workforce_year_FY2023-FY2025.csv" --project "$P"
"$G" import imd "$R/imd-2019-by-practice-fingertips/fingertips_93553_imd2019_by_practice.csv" --project "$P"
"$G" import cqc \
  "$R/cqc-ratings-overall-2024-04-heec/cqc.csv" \
  "$R/cqc-domains-london-2026-08/cqc_london_location_domains.csv" \
  --project "$P"
"$G" import gpps "$R/gpps-london-extract-thierry/gps_london.csv" --project "$P" --period 2024-25
"$G" import telephony \
  "$R/online-consultation-and-telephony-2025-12/Cloud Based Telephony Publication Summary December 2025.xlsx" \
  --project "$P"
"$G" import online-consultations \
  "$R/online-consultation-and-telephony-2025-12/Submissions via OC Systems in General Practice - December 2025.xlsx" \
  --project "$P"

# The register and the values are committed compressed (-n: no name or time
# in the header, so the same data give the same bytes).
for f in practices values; do
  gzip -9 -n -f "$D/$f.csv"
done
rm -f "$D"/*.bak
