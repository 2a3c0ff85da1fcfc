// NHS Payments to General Practice (one CSV per financial year): payments
// per registered and per weighted patient, and the practice's PCN.
//
// 2021-22 names its list sizes "(Last Known Figure)" and its sub-ICB columns
// "CCG"; 2022-23 says "Average Number of ...". The year comes from --period or
// the file name (nhspaymentsgp-22-23-prac-csv.csv).
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

namespace {
const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"payments_per_patient", "NHS payments per registered patient", Domain::kEfficiency, std::nullopt, Unit::kGbp,
       Polarity::kNeither,
       "Total NHS payments to the practice in the financial year (before deductions, excluding PCN and COVID "
       "payments) divided by its average number of registered patients. Numerator: payments (GBP); denominator: "
       "registered patients."},
      {"payments_per_weighted_patient", "NHS payments per weighted patient", Domain::kEfficiency, std::nullopt,
       Unit::kGbp, Polarity::kNeither,
       "Total NHS payments to the practice in the financial year divided by its average number of weighted "
       "(Carr-Hill formula) patients, which adjusts for age, need and rurality. Numerator: payments (GBP); "
       "denominator: weighted patients."},
  };
  return kDefs;
}
}  // namespace

ImportResult import_payments(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  std::map<std::pair<std::string, std::string>, SourceLoc> first;
  std::set<std::string> periods;
  std::map<std::string, std::pair<std::string, PracticeRow>> newest;

  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto period = period_for(ctx, file, financial_year_in(file.filename().string()), diags, "2022-23");
    auto code = find_column(*table, {"Practice Code"}, {}, diags, "is this an NHS Payments to General Practice file?");
    auto total = find_column(*table, {"Total NHS Payments to General Practice"}, {}, diags);
    auto reg = find_column(*table, {"Average Number of Registered Patients", "Number of Registered Patients (Last Known Figure)"},
                           {"Number of Registered Patients"}, diags);
    auto weighted = find_column(*table, {"Average Number of Weighted Patients", "Number of Weighted Patients (Last Known Figure)"},
                                {"Number of Weighted Patients"}, diags);
    if (!period || !code || !total || !reg || !weighted) continue;
    periods.insert(*period);
    auto pcn = table->column("PCN Code");
    auto pcn_name = table->column("PCN Name");
    auto sub = find_column(*table, {"Sub ICB Code", "CCG Code"}, {}, diags);
    auto sub_name = table->column("Sub ICB NAME");
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      const std::string ods(trim(row[*code]));
      bool ok = true;
      auto pay = source_number(row, *total, *table, ok, diags);
      auto patients = source_number(row, *reg, *table, ok, diags);
      auto wpatients = source_number(row, *weighted, *table, ok, diags);
      if (!ok || !ctx.keep(ods)) continue;
      if (auto [it, inserted] = first.emplace(std::make_pair(ods, *period), row.loc(*code)); !inserted) {
        diags.error(row.loc(*code), fmt::format("practice {} is listed twice for {} (first at {})", ods, *period,
                                                it->second.str()));
        continue;
      }
      rows.push_back(make_row(ods, defs[0], *period, std::nullopt, pay, patients, 2));
      rows.push_back(make_row(ods, defs[1], *period, std::nullopt, pay, wpatients, 2));
      auto& [when, p] = newest[ods];
      if (pcn && (when.empty() || *period > when)) {
        when = *period;
        const std::string_view pc = trim(row[*pcn]);
        // "Unknown or no PCN" is written with an empty or placeholder code.
        if (pc.size() == 6 && pc[0] == 'U') {
          p.pcn_code = pc;
          p.pcn_name = pcn_name ? std::string(trim(row[*pcn_name])) : std::string();
        }
        p.sub_icb_code = sub ? std::string(trim(row[*sub])) : std::string();
        p.sub_icb_name = sub_name ? std::string(trim(row[*sub_name])) : std::string();
      }
    }
  }
  for (const auto& [ods, entry] : newest) {
    const PracticeRow& from = entry.second;
    PracticeRow& p = ctx.practices()[ods];
    if (!from.pcn_code.empty() && p.pcn_code.empty()) {
      p.pcn_code = from.pcn_code;
      p.pcn_name = from.pcn_name;
    }
    if (!from.sub_icb_name.empty() && p.sub_icb_name.empty() && from.sub_icb_code == p.sub_icb_code)
      p.sub_icb_name = from.sub_icb_name;
  }
  ctx.practices_changed();
  ctx.set_source({"payments", "NHS Payments to General Practice, England", "NHS England",
                  periods.empty() ? std::string() : *periods.begin() + " to " + *periods.rbegin(),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "nhs-payments-to-general-practice",
                  "Contains public sector information from NHS England licensed under the Open Government Licence "
                  "v3.0."});
  const std::size_t n = rows.size();
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(fmt::format("payments: {} values over {} financial year(s)", n, periods.size()));
}

}  // namespace gpress::import_detail
