// General Practice Workforce by practice, financial-year averages (HEEC's
// derivation from NHS Digital's monthly practice-level CSVs).
//
// `Year` is the year in which the financial year ends (2023 = 2022-23).
// Two layouts exist: FY2023-FY2025 with nurses, direct patient care and
// locum/trainee FTE, and FY2016-FY2024 with GPs and admin only; indicators
// whose columns a file lacks are not produced from it. HEEC writes `NA` for
// missing values. FTEs are not counts of people, so no indicator here has a
// confidence interval.
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {

enum Ind { kPatientsPerGp, kGpPer10k, kNursePer10k, kLocumShare, kAdminPer10k, kDpcPer10k, kCount };

const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"patients_per_gp_fte", "Patients per GP (FTE)", Domain::kWorkforce, 4, Unit::kRatio, Polarity::kLowerIsBetter,
       "none",
       "Registered patients per full-time-equivalent qualified GP, excluding GP trainees and locums (financial-year "
       "average). Numerator: patients; denominator: GP FTE."},
      {"gp_fte_per_10k", "GPs (FTE) per 10,000 patients", Domain::kWorkforce, 4, Unit::kPer10000,
       Polarity::kHigherIsBetter, "none",
       "Full-time-equivalent qualified GPs, excluding trainees and locums, per 10,000 registered patients "
       "(financial-year average). Numerator: GP FTE; denominator: patients."},
      {"nurse_fte_per_10k", "Nurses (FTE) per 10,000 patients", Domain::kWorkforce, 4, Unit::kPer10000,
       Polarity::kHigherIsBetter, "none",
       "Full-time-equivalent practice nurses per 10,000 registered patients (financial-year average). Numerator: "
       "nurse FTE; denominator: patients."},
      {"locum_trainee_share", "Locum and trainee share of GP FTE", Domain::kWorkforce, 5, Unit::kPercent,
       Polarity::kLowerIsBetter, "none",
       "GP locum and GP trainee FTE as a percentage of all GP FTE (financial-year average): a sign of posts not "
       "filled by permanent GPs. Numerator: locum and trainee FTE; denominator: all GP FTE."},
      {"admin_fte_per_10k", "Admin and non-clinical staff (FTE) per 10,000 patients", Domain::kWorkforce, std::nullopt,
       Unit::kPer10000, Polarity::kNeither, "none",
       "Full-time-equivalent admin and non-clinical staff per 10,000 registered patients (financial-year "
       "average). Numerator: admin FTE; denominator: patients."},
      {"dpc_fte_per_10k", "Direct patient care staff (FTE) per 10,000 patients", Domain::kWorkforce, std::nullopt,
       Unit::kPer10000, Polarity::kNeither, "none",
       "Full-time-equivalent direct patient care staff (healthcare assistants, pharmacists, physiotherapists, "
       "physician associates and others) per 10,000 registered patients (financial-year average). Numerator: DPC "
       "FTE; denominator: patients."},
  };
  return kDefs;
}

enum Col { kCode, kYear, kPatients, kGp, kLocum, kNurse, kDpc, kAdmin };

const SourceSpec kSpec = {
    .kind = "a GP workforce by practice file",
    .columns = {{{"practice.code", "prac_code", "practice code"}},
                {{"year"}},
                {{"total_patients"}},
                {{"total_gp_extgl_fte"}},
                {{"total_locuum_trn_fte"}, false},
                {{"total_nurses_fte"}, false},
                {{"total_dpc_fte"}, false},
                {{"total_admin_fte"}, false}},
    .code = kCode,
};

}  // namespace

const SourceSpec& workforce_spec() { return kSpec; }

ImportResult import_workforce(ImportContext& ctx) {
  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    if (ctx.options().period.empty()) {
      const std::string_view y = row.text(kYear);
      std::optional<Period> fy;
      if (y.size() == 4 && y.find_first_not_of("0123456789") == std::string_view::npos)
        fy = Period::parse(fmt::format("{}-{:02}", std::stoi(std::string(y)) - 1, std::stoi(std::string(y)) % 100));
      if (!fy) {
        row.error(kYear,
                  fmt::format("bad year '{}' (expected the year a financial year ends in, e.g. 2023 for 2022-23)", y));
        return;
      }
      row.set_period(fy->str());
    }
    auto get = [&](Col c) { return row.has(c) ? row.number(c) : std::nullopt; };
    auto pats = get(kPatients), gps = get(kGp), locums = get(kLocum), nurses = get(kNurse), dpcs = get(kDpc),
         admins = get(kAdmin);
    if (!row.accept()) return;
    // FTEs and patients (a mean over months) as published.
    auto add = [&](Ind k, std::optional<double> num, std::optional<double> den) {
      ValueRow r = make_row(row.ods(), defs[k], row.period(), std::nullopt, num, den);
      if (!num || !den) r.value.clear();
      rows.push_back(std::move(r));
    };
    add(kPatientsPerGp, pats, gps);
    add(kGpPer10k, gps, pats);
    if (row.has(kNurse)) add(kNursePer10k, nurses, pats);
    if (row.has(kLocum)) {
      std::optional<double> all;
      if (gps && locums) all = *gps + *locums;
      add(kLocumShare, locums, all);
    }
    if (row.has(kAdmin)) add(kAdminPer10k, admins, pats);
    if (row.has(kDpc)) add(kDpcPer10k, dpcs, pats);
  });
  check_dropped(ctx, "workforce", counts);
  ctx.set_source({"workforce", "General Practice Workforce (practice level), financial-year averages",
                  "NHS England (NHS Digital); averages by the Health Equity Evidence Centre",
                  period_span(counts.periods),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "general-and-personal-medical-services",
                  "Contains public sector information from NHS England licensed under the Open Government Licence "
                  "v3.0; financial-year averages derived by the Health Equity Evidence Centre (HEEC)."});
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(describe_counts("workforce", counts, ctx));
}

}  // namespace gpress::import_detail
