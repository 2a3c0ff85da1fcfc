// Quality and Outcomes Framework: total points achieved by practice
// (NHS Digital's "QOF points achieved" table, one CSV per year).
//
// The header is reworded every year ("Achievement score (max. 559)",
// "(559 max)", "(635 max)"; "All ages" / "List size"; CCG / sub-ICB columns),
// and in 2022-23 two header cells contain line breaks, so columns are found
// by folded name or prefix. The year is not inside the file: it comes from
// --period or the file name (QOF_2022-23.csv).
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

namespace {
const IndicatorDef kQof = {
    "qof_achievement", "QOF achievement", Domain::kEfficiency, 11, Unit::kPercent, Polarity::kHigherIsBetter,
    "QOF points achieved as a percentage of the points available to the practice (the maximum for the indicators "
    "where it has a register). Numerator: points achieved; denominator: points available."};
}  // namespace

ImportResult import_qof(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  std::vector<ValueRow> rows;
  std::map<std::pair<std::string, std::string>, SourceLoc> first;
  std::vector<std::string> periods;
  // The newest file names each practice's PCN and sub-ICB location.
  std::map<std::string, std::pair<std::string, PracticeRow>> newest;

  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto period = period_for(ctx, file, financial_year_in(file.filename().string()), diags, "2022-23");
    auto code = find_column(*table, {"Practice code"}, {}, diags, "is this a QOF points-achieved file?");
    auto points = find_column(*table, {}, {"Achievement score"}, diags);
    auto max = find_column(*table, {}, {"Total points for indicators where register exists", "Max. QOF points available"},
                           diags);
    if (!period || !code || !points || !max) continue;
    periods.push_back(*period);
    auto pcn = table->column("PCN ODS code");
    auto pcn_name = table->column("PCN name");
    auto sub = table->column("Sub ICB Loc ODS code");
    auto sub_name = table->column("Sub ICB Loc name");
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      const std::string ods(trim(row[*code]));
      bool ok = true;
      auto num = source_number(row, *points, *table, ok, diags);
      auto den = source_number(row, *max, *table, ok, diags);
      if (!ok || !ctx.keep(ods)) continue;
      if (auto [it, inserted] = first.emplace(std::make_pair(ods, *period), row.loc(*code)); !inserted) {
        diags.error(row.loc(*code), fmt::format("practice {} is listed twice for {} (first at {})", ods, *period,
                                                it->second.str()));
        continue;
      }
      rows.push_back(make_row(ods, kQof, *period, std::nullopt, num, den));
      auto& [when, p] = newest[ods];
      if (pcn && (when.empty() || Period::parse(*period) > Period::parse(when))) {
        when = *period;
        p.pcn_code = trim(row[*pcn]);
        p.pcn_name = pcn_name ? std::string(trim(row[*pcn_name])) : std::string();
        p.sub_icb_code = sub ? std::string(trim(row[*sub])) : std::string();
        p.sub_icb_name = sub_name ? std::string(trim(row[*sub_name])) : std::string();
      }
    }
  }
  for (const auto& [ods, entry] : newest) {
    const PracticeRow& from = entry.second;
    PracticeRow& p = ctx.practices()[ods];
    if (!from.pcn_code.empty()) {
      p.pcn_code = from.pcn_code;
      p.pcn_name = from.pcn_name;
    }
    if (!from.sub_icb_name.empty() && from.sub_icb_code == p.sub_icb_code) p.sub_icb_name = from.sub_icb_name;
  }
  ctx.practices_changed();
  std::sort(periods.begin(), periods.end());
  ctx.set_source({"qof", "Quality and Outcomes Framework, Achievement, Prevalence and Exceptions data", "NHS England",
                  periods.empty() ? std::string() : periods.front() + " to " + periods.back(),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data",
                  "Contains public sector information from NHS England (NHS Digital) licensed under the Open "
                  "Government Licence v3.0."});
  const std::size_t n = rows.size();
  ctx.set_values({kQof}, std::move(rows));
  return ctx.commit(fmt::format("qof: {} values over {} year(s)", n, periods.size()));
}

}  // namespace gpress::import_detail
