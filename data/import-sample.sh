#!/bin/sh
# Rebuilds the sample project's practice data (data/*.csv) for North Central
# London ICB (QMJ) from the NHS publications in the shared realdata folder.
#
#   data/import-sample.sh GPRESS REALDATA [PROJECT]
#
# GPRESS is the gpress binary, REALDATA the folder holding the downloads
# (../shared/realdata), PROJECT the project folder (default: this script's
# parent). Order matters: epraccur builds the register the others attach to,
# icb-lookup names the ICB, QOF and payments name the PCNs.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: $0 GPRESS REALDATA [PROJECT]" >&2
  exit 2
fi
G=$1
R=$2
P=${3:-$(cd "$(dirname "$0")/.." && pwd)}
ICB=QMJ

"$G" import epraccur "$R/ods-epraccur-2025-04/epraccur.csv" --project "$P" --icb "$ICB"
"$G" import icb-lookup "$R/lookup-subicb-to-icb-heec/CCG_ICB_code.csv" --project "$P"
"$G" import qof \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2017-18.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2018-19.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2019-20.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2021-22.csv" \
  "$R/qof-points-by-practice-2017-18-to-2022-23/QOF_2022-23.csv" \
  --project "$P" --icb "$ICB"
"$G" import payments \
  "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-21-22-prac-csv-v2.csv" \
  "$R/nhs-payments-to-gp-2021-22-and-2022-23/nhspaymentsgp-22-23-prac-csv.csv" \
  --project "$P" --icb "$ICB"
"$G" import registrations \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopOct.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopNov.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopDec.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopJan26.csv" \
  "$R/gp-reg-pat-prac-all-2025-10-to-2026-03/PracPopFeb26.csv" \
  --project "$P" --icb "$ICB"
"$G" import workforce "$R/gp-workforce-fy-averages-heec/workforce_year_FY2023-FY2025.csv" --project "$P" --icb "$ICB"
"$G" import imd "$R/imd-2019-by-practice-fingertips/fingertips_93553_imd2019_by_practice.csv" --project "$P" --icb "$ICB"
"$G" import cqc \
  "$R/cqc-ratings-overall-2024-04-heec/cqc.csv" \
  "$R/cqc-domains-london-2026-08/cqc_london_location_domains.csv" \
  --project "$P" --icb "$ICB"
"$G" import gpps "$R/gpps-london-extract-thierry/gps_london.csv" --project "$P" --icb "$ICB" --period 2024-25
"$G" import telephony \
  "$R/online-consultation-and-telephony-2025-12/Cloud Based Telephony Publication Summary December 2025.xlsx" \
  --project "$P" --icb "$ICB"
"$G" import online-consultations \
  "$R/online-consultation-and-telephony-2025-12/Submissions via OC Systems in General Practice - December 2025.xlsx" \
  --project "$P" --icb "$ICB"
