// Patients Registered at a GP Practice (gp-reg-pat-prac-all.csv): list sizes
// by month, and their change from one imported extract to the next.
//
// The header changed with the move from CCGs to sub-ICB locations
// (CCG_CODE -> SUB_ICB_LOCATION_CODE) and the extract date went from
// 01JAN2021 to 2025-12-01; both layouts are read. The extract date inside the
// file, not its name, gives the month (PracPopFeb26.csv is the 1 March 2026
// extract).
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

namespace {

const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"registered_patients", "Registered patients", Domain::kOrganisational, std::nullopt, Unit::kCount,
       Polarity::kNeither,
       "Patients registered at the practice on the first day of the month (NHS England, Patients Registered at a "
       "GP Practice). Comparators: the sum over their practices."},
      {"list_size_change", "Change in registered patients", Domain::kOrganisational, std::nullopt, Unit::kPercent,
       Polarity::kNeither,
       "Percentage change in registered patients since the previous extract imported (100 x (this - previous) / "
       "previous). Comparators: the change in the sum of their practices' lists."},
  };
  return kDefs;
}

// "2025-12-01" or "01JAN2021" as YYYY-MM.
std::optional<std::string> extract_month(std::string_view t) {
  if (t.size() >= 7 && t[4] == '-') {
    if (auto p = Period::parse(t.substr(0, 7)); p && p->kind == Period::Kind::kMonth) return p->str();
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                               "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  if (t.size() == 9) {
    for (std::size_t m = 0; m < 12; ++m) {
      std::string mon(t.substr(2, 3));
      for (auto& c : mon) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      if (mon == kMonths[m]) {
        auto p = Period::parse(fmt::format("{}-{:02}", t.substr(5, 4), m + 1));
        if (p) return p->str();
      }
    }
  }
  return std::nullopt;
}

}  // namespace

ImportResult import_registrations(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  // ods -> period -> patients, and where each came from for duplicate messages.
  std::map<std::string, std::map<std::string, double>> lists;
  std::map<std::pair<std::string, std::string>, SourceLoc> first;
  std::set<std::string> periods;
  std::size_t skipped = 0;

  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto code = find_column(*table, {"CODE", "PRACTICE_CODE", "ORG_CODE"}, {}, diags,
                            "is this a gp-reg-pat-prac-all.csv file?");
    auto patients = find_column(*table, {"NUMBER_OF_PATIENTS"}, {}, diags);
    auto date = table->column("EXTRACT_DATE");
    auto sex = table->column("SEX");
    auto age = table->column("AGE");
    if (!code || !patients) continue;
    std::optional<std::string> fixed;
    if (!date) {
      fixed = period_for(ctx, file, std::nullopt, diags, "2025-12");
      if (!fixed) continue;
    }
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      if ((sex && trim(row[*sex]) != "ALL") || (age && trim(row[*age]) != "ALL")) continue;
      std::string period;
      if (fixed) {
        period = *fixed;
      } else if (auto m = extract_month(trim(row[*date]))) {
        period = *m;
      } else {
        diags.error(row.loc(*date), fmt::format("bad extract date '{}' (expected e.g. 2025-12-01 or 01DEC2025)",
                                                trim(row[*date])));
        continue;
      }
      bool ok = true;
      auto n = source_number(row, *patients, *table, ok, diags);
      const std::string ods(trim(row[*code]));
      if (!ok || !ctx.keep(ods)) {
        skipped += ok ? 1 : 0;
        continue;
      }
      auto [it, inserted] = first.emplace(std::make_pair(ods, period), row.loc(*code));
      if (!inserted) {
        diags.error(row.loc(*code), fmt::format("practice {} is listed twice for {} (first at {})", ods, period,
                                                it->second.str()));
        continue;
      }
      periods.insert(period);
      if (n) lists[ods][period] = *n;
    }
  }

  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  for (const auto& [ods, by_period] : lists) {
    const double* previous = nullptr;
    // Periods in time order: YYYY-MM sorts as text.
    for (const auto& period : periods) {
      auto it = by_period.find(period);
      if (it == by_period.end()) {
        previous = nullptr;
        continue;
      }
      rows.push_back(make_row(ods, defs[0], period, it->second));
      if (previous && *previous > 0)
        rows.push_back(make_row(ods, defs[1], period, 100.0 * (it->second - *previous) / *previous));
      previous = &it->second;
    }
    // The register's list size is the newest one.
    auto& p = ctx.practices()[ods];
    p.list_size = format_number(by_period.rbegin()->second, 0);
  }
  ctx.practices_changed();
  const std::string span = periods.empty() ? std::string() : *periods.begin() + " to " + *periods.rbegin();
  ctx.set_source({"registrations", "Patients Registered at a GP Practice", "NHS England", span,
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "patients-registered-at-a-gp-practice",
                  "Contains public sector information from NHS England licensed under the Open Government Licence "
                  "v3.0."});
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(fmt::format("registrations: {} practices x {} months ({} rows outside the register or --icb "
                                "skipped)",
                                lists.size(), periods.size(), skipped));
}

}  // namespace gpress::import_detail
