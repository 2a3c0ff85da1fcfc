// Deprivation score (IMD) by practice from OHID Fingertips (indicator 93553
// for IMD 2019): either Fingertips' standard CSV export (Area Code, Area
// Type, Time period, Value) or HEEC's compilation (AreaCode, Year, Value)
// covering IMD 2010, 2015 and 2019.
//
// An IMD edition is labelled with the financial year it was published in
// (IMD 2019 -> 2019-20) unless --period says otherwise.
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

namespace {
const IndicatorDef kImd = {
    "imd_score", "Deprivation score (IMD)", Domain::kExternal, std::nullopt, Unit::kScore, Polarity::kLowerIsBetter,
    "Index of Multiple Deprivation score of the practice's registered population: the IMD scores of the small "
    "areas (LSOAs) its patients live in, weighted by how many live in each (OHID Fingertips indicator 93553 for IMD "
    "2019). Higher means more deprived. Comparators: the median of their practices."};
}  // namespace

ImportResult import_imd(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  std::vector<ValueRow> rows;
  std::map<std::pair<std::string, std::string>, SourceLoc> first;
  std::set<std::string> periods;
  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto code = find_column(*table, {"Area Code", "AreaCode"}, {}, diags, "is this a Fingertips export?");
    auto value = find_column(*table, {"Value"}, {}, diags);
    auto year = find_column(*table, {"Time period", "Year"}, {}, diags);
    auto type = table->column("Area Type");
    auto current = table->column("IsAreaCurrent");
    if (!code || !value || !year) continue;
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      if (type && trim(row[*type]) != "GP") continue;
      if (current && trim(row[*current]) == "0") continue;  // a code no longer in use
      const std::string ods(trim(row[*code]));
      bool ok = true;
      auto v = source_number(row, *value, *table, ok, diags);
      if (!ok || !ctx.keep(ods)) continue;
      std::string period;
      if (!ctx.options().period.empty()) {
        auto p = period_for(ctx, file, std::nullopt, diags, "2019-20");
        if (!p) break;
        period = *p;
      } else {
        const std::string_view y = trim(row[*year]);
        if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string_view::npos) {
          diags.error(row.loc(*year), fmt::format("bad IMD year '{}' (expected e.g. 2019, or give --period)", y));
          continue;
        }
        const int yy = std::stoi(std::string(y));
        period = fmt::format("{:04}-{:02}", yy, (yy + 1) % 100);
      }
      if (auto [it, inserted] = first.emplace(std::make_pair(ods, period), row.loc(*code)); !inserted) {
        diags.error(row.loc(*code), fmt::format("practice {} is listed twice for {} (first at {})", ods, period,
                                                it->second.str()));
        continue;
      }
      periods.insert(period);
      rows.push_back(make_row(ods, kImd, period, v));
    }
  }
  ctx.set_source({"imd", "Deprivation score (IMD) by GP practice, Fingertips indicator 93553",
                  "Office for Health Improvement and Disparities",
                  periods.empty() ? std::string() : *periods.begin() + " to " + *periods.rbegin(),
                  "https://fingertips.phe.org.uk/search/93553",
                  "Contains public sector information from the Office for Health Improvement and Disparities "
                  "(Fingertips) licensed under the Open Government Licence v3.0."});
  const std::size_t n = rows.size();
  ctx.set_values({kImd}, std::move(rows));
  return ctx.commit(fmt::format("imd: {} values", n));
}

}  // namespace gpress::import_detail
