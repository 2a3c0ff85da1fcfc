// General Practice Workforce by practice, financial-year averages (HEEC's
// derivation from NHS Digital's monthly practice-level CSVs).
//
// `Year` is the year in which the financial year ends (2023 = 2022-23).
// Two layouts exist: FY2023-FY2025 with nurses, direct patient care and
// locum/trainee FTE, and FY2016-FY2024 with GPs and admin only; indicators
// whose columns a file lacks are not produced from it. HEEC writes `NA` for
// missing values.
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

namespace {

enum Ind { kPatientsPerGp, kGpPer10k, kNursePer10k, kLocumShare, kAdminPer10k, kDpcPer10k, kCount };

const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"patients_per_gp_fte", "Patients per GP (FTE)", Domain::kWorkforce, 4, Unit::kRatio, Polarity::kLowerIsBetter,
       "Registered patients per full-time-equivalent qualified GP, excluding GP trainees and locums (financial-year "
       "average). Numerator: patients; denominator: GP FTE."},
      {"gp_fte_per_10k", "GPs (FTE) per 10,000 patients", Domain::kWorkforce, 4, Unit::kPer10000,
       Polarity::kHigherIsBetter,
       "Full-time-equivalent qualified GPs, excluding trainees and locums, per 10,000 registered patients "
       "(financial-year average). Numerator: GP FTE; denominator: patients."},
      {"nurse_fte_per_10k", "Nurses (FTE) per 10,000 patients", Domain::kWorkforce, 4, Unit::kPer10000,
       Polarity::kHigherIsBetter,
       "Full-time-equivalent practice nurses per 10,000 registered patients (financial-year average). Numerator: "
       "nurse FTE; denominator: patients."},
      {"locum_trainee_share", "Locum and trainee share of GP FTE", Domain::kWorkforce, 5, Unit::kPercent,
       Polarity::kLowerIsBetter,
       "GP locum and GP trainee FTE as a percentage of all GP FTE (financial-year average): a sign of posts not "
       "filled by permanent GPs. Numerator: locum and trainee FTE; denominator: all GP FTE."},
      {"admin_fte_per_10k", "Admin and non-clinical staff (FTE) per 10,000 patients", Domain::kWorkforce,
       std::nullopt, Unit::kPer10000, Polarity::kNeither,
       "Full-time-equivalent admin and non-clinical staff per 10,000 registered patients (financial-year "
       "average). Numerator: admin FTE; denominator: patients."},
      {"dpc_fte_per_10k", "Direct patient care staff (FTE) per 10,000 patients", Domain::kWorkforce, std::nullopt,
       Unit::kPer10000, Polarity::kNeither,
       "Full-time-equivalent direct patient care staff (healthcare assistants, pharmacists, physiotherapists, "
       "physician associates and others) per 10,000 registered patients (financial-year average). Numerator: DPC "
       "FTE; denominator: patients."},
  };
  return kDefs;
}

}  // namespace

ImportResult import_workforce(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  std::map<std::pair<std::string, std::string>, SourceLoc> first;
  std::set<std::string> periods;

  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto code = find_column(*table, {"Practice.Code", "PRAC_CODE", "Practice Code"}, {}, diags,
                            "is this a workforce-by-practice file?");
    auto year = find_column(*table, {"Year"}, {}, diags);
    auto patients = find_column(*table, {"TOTAL_PATIENTS"}, {}, diags);
    auto gp = find_column(*table, {"TOTAL_GP_EXTGL_FTE"}, {}, diags);
    if (!code || !year || !patients || !gp) continue;
    auto locum = table->column("TOTAL_LOCUUM_TRN_FTE");
    auto nurse = table->column("TOTAL_NURSES_FTE");
    auto dpc = table->column("TOTAL_DPC_FTE");
    auto admin = table->column("TOTAL_ADMIN_FTE");
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      const std::string ods(trim(row[*code]));
      const std::string_view y = trim(row[*year]);
      std::optional<Period> fy;
      if (y.size() == 4 && y.find_first_not_of("0123456789") == std::string_view::npos)
        fy = Period::parse(fmt::format("{}-{:02}", std::stoi(std::string(y)) - 1, std::stoi(std::string(y)) % 100));
      if (!fy) {
        diags.error(row.loc(*year),
                    fmt::format("bad year '{}' (expected the year a financial year ends in, e.g. 2023 for 2022-23)", y));
        continue;
      }
      bool ok = true;
      auto pats = source_number(row, *patients, *table, ok, diags);
      auto gps = source_number(row, *gp, *table, ok, diags);
      auto get = [&](const std::optional<std::size_t>& c) {
        return c ? source_number(row, *c, *table, ok, diags) : std::nullopt;
      };
      auto locums = get(locum), nurses = get(nurse), dpcs = get(dpc), admins = get(admin);
      if (!ok || !ctx.keep(ods)) continue;
      const std::string period = fy->str();
      if (auto [it, inserted] = first.emplace(std::make_pair(ods, period), row.loc(*code)); !inserted) {
        diags.error(row.loc(*code), fmt::format("practice {} is listed twice for {} (first at {})", ods, period,
                                                it->second.str()));
        continue;
      }
      periods.insert(period);
      // FTE to 2 decimals, patients (a mean over months) to 1.
      auto add = [&](Ind k, std::optional<double> num, std::optional<double> den) {
        ValueRow r = make_row(ods, defs[k], period, std::nullopt, num, den, 2);
        if (!num || !den) r.value.clear();
        rows.push_back(std::move(r));
      };
      const std::optional<double> pats1 = pats ? std::optional<double>(std::round(*pats * 10) / 10) : std::nullopt;
      add(kPatientsPerGp, pats1, gps);
      add(kGpPer10k, gps, pats1);
      if (nurse) add(kNursePer10k, nurses, pats1);
      if (locum) {
        std::optional<double> all;
        if (gps && locums) all = *gps + *locums;
        add(kLocumShare, locums, all);
      }
      if (admin) add(kAdminPer10k, admins, pats1);
      if (dpc) add(kDpcPer10k, dpcs, pats1);
    }
  }
  ctx.set_source({"workforce", "General Practice Workforce (practice level), financial-year averages",
                  "NHS England (NHS Digital); averages by the Health Equity Evidence Centre",
                  periods.empty() ? std::string() : *periods.begin() + " to " + *periods.rbegin(),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "general-and-personal-medical-services",
                  "Contains public sector information from NHS England licensed under the Open Government Licence "
                  "v3.0; financial-year averages derived by the Health Equity Evidence Centre (HEEC)."});
  const std::size_t n = rows.size();
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(fmt::format("workforce: {} values over {} financial year(s)", n, periods.size()));
}

}  // namespace gpress::import_detail
