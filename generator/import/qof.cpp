// Quality and Outcomes Framework: total points achieved by practice
// (NHS Digital's "QOF points achieved" table, one CSV per year).
//
// The header is reworded every year ("Achievement score (max. 559)",
// "(559 max)", "(635 max)"; "All ages" / "List size"; CCG / sub-ICB columns),
// and in 2022-23 two header cells contain line breaks, so columns are found
// by folded name or prefix. The year is not inside the file: it comes from
// --period or the file name (QOF_2022-23.csv).
//
// Points are not counts of people, so achievement has no confidence
// interval in any year, whether or not a year's points happen to be whole.
#include <fmt/format.h>

#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {

const IndicatorDef kQof = {
    "qof_achievement",
    "QOF achievement",
    Domain::kEfficiency,
    11,
    Unit::kPercent,
    Polarity::kHigherIsBetter,
    "none",
    "QOF points achieved as a percentage of the points available to the practice (the maximum for the indicators "
    "where it has a register). Numerator: points achieved; denominator: points available. Points are not counts "
    "of people, so no confidence interval is drawn."};

enum Col { kCode, kPoints, kMax, kPcn, kPcnName, kSub, kSubName };

const SourceSpec kSpec = {
    .kind = "a QOF points-achieved file",
    .columns = {{{"practice code"}},
                {{"achievement score*"}},
                {{"total points for indicators where register exists*", "max. qof points available*"}},
                {{"pcn ods code"}, false},
                {{"pcn name"}, false},
                {{"sub icb loc ods code", "ccg code"}, false},
                {{"sub icb loc name", "ccg name"}, false}},
    .code = kCode,
    .period = FilePeriod::kFileName,
};

}  // namespace

const SourceSpec& qof_spec() { return kSpec; }

ImportResult import_qof(ImportContext& ctx) {
  std::vector<ValueRow> rows;
  struct Offer {
    Groupings g;
    std::string period;
  };
  std::map<std::string, Offer> newest;  // the newest year's groupings of each practice
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    auto num = row.number(kPoints);
    auto den = row.number(kMax);
    if (!row.accept()) return;
    rows.push_back(make_row(row.ods(), kQof, row.period(), std::nullopt, num, den));
    if (!row.has(kPcn)) return;
    Offer& o = newest[row.ods()];
    if (!o.period.empty() && *Period::parse(o.period) > *Period::parse(row.period())) return;
    o.period = row.period();
    o.g = {std::string(row.text(kPcn)),
           std::string(row.text(kPcnName)),
           std::string(row.text(kSub)),
           std::string(row.text(kSubName)),
           "",
           ""};
  });
  for (auto& [ods, o] : newest) ctx.offer_groupings(ods, std::move(o.g), period_end_date(o.period), "qof");
  check_dropped(ctx, "qof", counts);
  ctx.set_source({"qof", "Quality and Outcomes Framework, Achievement, Prevalence and Exceptions data", "NHS England",
                  period_span(counts.periods),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data",
                  "Contains public sector information from NHS England (NHS Digital) licensed under the Open "
                  "Government Licence v3.0."});
  ctx.set_values({kQof}, std::move(rows));
  return ctx.commit(describe_counts("qof", counts, ctx));
}

}  // namespace gpress::import_detail
