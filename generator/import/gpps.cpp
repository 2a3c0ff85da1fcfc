// GP Patient Survey scores for London practices (the londongp.directory
// extract: gpps_overall_pct, gpps_contact_pct, gpps_responses). The survey
// year is not in the file, so --period is required.
//
// The file gives percentages and the number of survey responses but not each
// question's own base, so the numerator is estimated as
// round(percent x responses / 100) over the responses: close enough for a
// Wilson interval (a proportion of people), and stated in the indicator's
// description.
#include <cmath>

#include <fmt/format.h>

#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {
const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"gpps_overall_good", "Good overall experience of the practice (GP Patient Survey)", Domain::kPatientExperience,
       14, Unit::kPercent, Polarity::kHigherIsBetter, "wilson",
       "GP Patient Survey: percentage of respondents describing their overall experience of the practice as good. "
       "Numerator estimated as the percentage of the practice's survey responses; denominator: responses."},
      {"gpps_contact_good", "Good experience of contacting the practice (GP Patient Survey)",
       Domain::kPatientExperience, 15, Unit::kPercent, Polarity::kHigherIsBetter, "wilson",
       "GP Patient Survey: percentage of respondents describing their experience of contacting the practice as "
       "good. Numerator estimated as the percentage of the practice's survey responses; denominator: responses."},
  };
  return kDefs;
}

enum Col { kCode, kOverall, kContact, kResponses };

const SourceSpec kSpec = {
    .kind = "the londongp.directory GP Patient Survey extract",
    .columns = {{{"ods_code"}}, {{"gpps_overall_pct"}}, {{"gpps_contact_pct"}}, {{"gpps_responses"}}},
    .code = kCode,
    .period = FilePeriod::kOption,
    .period_example = "2024-25",
};
}  // namespace

const SourceSpec& gpps_spec() { return kSpec; }

ImportResult import_gpps(ImportContext& ctx) {
  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    auto o = row.number(kOverall);
    auto c = row.number(kContact);
    auto n = row.number(kResponses);
    if (row.ok() && !o && !c) return row.no_data();
    if (!row.accept()) return;
    auto add = [&](const IndicatorDef& d, std::optional<double> pct) {
      if (!pct) return;
      ValueRow r = make_row(row.ods(), d, row.period(), pct);
      if (n && *n > 0) {
        r.numerator = format_number(std::round(*pct * *n / 100.0));
        r.denominator = format_number(*n);
      }
      rows.push_back(std::move(r));
    };
    add(defs[0], o);
    add(defs[1], c);
  });
  const std::string period = period_span(counts.periods);
  check_dropped(ctx, "gpps", counts);
  ctx.set_source({"gpps", "GP Patient Survey (London practices, via londongp.directory)", "NHS England / Ipsos", period,
                  "https://www.gp-patient.co.uk/",
                  "Contains public sector information from the GP Patient Survey (NHS England) licensed under the "
                  "Open Government Licence v3.0; London extract compiled by londongp.directory."});
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(describe_counts("gpps", counts, ctx));
}

}  // namespace gpress::import_detail
