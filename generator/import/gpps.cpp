// GP Patient Survey scores for London practices (the londongp.directory
// extract: gpps_overall_pct, gpps_contact_pct, gpps_responses). The survey
// year is not in the file, so --period is required.
//
// The file gives percentages and the number of survey responses but not each
// question's own base, so the numerator is estimated as
// round(percent x responses / 100) over the responses: close enough for a
// confidence interval, and stated in the indicator's description.
#include <cmath>

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

namespace {
const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"gpps_overall_good", "Good overall experience of the practice (GP Patient Survey)",
       Domain::kPatientExperience, 14, Unit::kPercent, Polarity::kHigherIsBetter,
       "GP Patient Survey: percentage of respondents describing their overall experience of the practice as good. "
       "Numerator estimated as the percentage of the practice's survey responses; denominator: responses."},
      {"gpps_contact_good", "Good experience of contacting the practice (GP Patient Survey)",
       Domain::kPatientExperience, 15, Unit::kPercent, Polarity::kHigherIsBetter,
       "GP Patient Survey: percentage of respondents describing their experience of contacting the practice as "
       "good. Numerator estimated as the percentage of the practice's survey responses; denominator: responses."},
  };
  return kDefs;
}
}  // namespace

ImportResult import_gpps(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  std::map<std::string, SourceLoc> first;
  std::string period;
  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto p = period_for(ctx, file, std::nullopt, diags, "2024-25");
    auto code = find_column(*table, {"ods_code"}, {}, diags);
    auto overall = find_column(*table, {"gpps_overall_pct"}, {}, diags);
    auto contact = find_column(*table, {"gpps_contact_pct"}, {}, diags);
    auto responses = find_column(*table, {"gpps_responses"}, {}, diags);
    if (!p || !code || !overall || !contact || !responses) continue;
    period = *p;
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      const std::string ods(trim(row[*code]));
      bool ok = true;
      auto o = source_number(row, *overall, *table, ok, diags);
      auto c = source_number(row, *contact, *table, ok, diags);
      auto n = source_number(row, *responses, *table, ok, diags);
      if (!ok || !ctx.keep(ods) || (!o && !c)) continue;
      if (auto [it, inserted] = first.emplace(ods, row.loc(*code)); !inserted) {
        diags.error(row.loc(*code), fmt::format("practice {} is listed twice (first at {})", ods, it->second.str()));
        continue;
      }
      auto add = [&](const IndicatorDef& d, std::optional<double> pct) {
        if (!pct) return;
        ValueRow r = make_row(ods, d, period, pct);
        if (n && *n > 0) {
          r.numerator = format_number(std::round(*pct * *n / 100.0), 0);
          r.denominator = format_number(*n, 0);
        }
        rows.push_back(std::move(r));
      };
      add(defs[0], o);
      add(defs[1], c);
    }
  }
  ctx.set_source({"gpps", "GP Patient Survey (London practices, via londongp.directory)", "NHS England / Ipsos",
                  period, "https://www.gp-patient.co.uk/",
                  "Contains public sector information from the GP Patient Survey (NHS England) licensed under the "
                  "Open Government Licence v3.0; London extract compiled by londongp.directory."});
  const std::size_t count = rows.size();
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(fmt::format("gpps: {} values for {}", count, period));
}

}  // namespace gpress::import_detail
