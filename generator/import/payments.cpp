// NHS Payments to General Practice (one CSV per financial year): payments
// per registered and per weighted patient, and the practice's PCN.
//
// 2021-22 names its list sizes "(Last Known Figure)" and its sub-ICB columns
// "CCG"; 2022-23 says "Average Number of ...". The year comes from --period or
// the file name (nhspaymentsgp-22-23-prac-csv.csv). Payments are money, so
// no confidence interval is drawn.
#include <fmt/format.h>

#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {
const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"payments_per_patient", "NHS payments per registered patient", Domain::kEfficiency, std::nullopt, Unit::kGbp,
       Polarity::kNeither, "none",
       "Total NHS payments to the practice in the financial year (before deductions, excluding PCN and COVID "
       "payments) divided by its average number of registered patients. Numerator: payments (GBP); denominator: "
       "registered patients."},
      {"payments_per_weighted_patient", "NHS payments per weighted patient", Domain::kEfficiency, std::nullopt,
       Unit::kGbp, Polarity::kNeither, "none",
       "Total NHS payments to the practice in the financial year divided by its average number of weighted "
       "(Carr-Hill formula) patients, which adjusts for age, need and rurality. Numerator: payments (GBP); "
       "denominator: weighted patients."},
  };
  return kDefs;
}

enum Col { kCode, kTotal, kRegistered, kWeighted, kPcn, kPcnName, kSub, kSubName };

const SourceSpec kSpec = {
    .kind = "an NHS Payments to General Practice file",
    .columns = {{{"practice code"}},
                {{"total nhs payments to general practice"}},
                {{"average number of registered patients", "number of registered patients*"}},
                {{"average number of weighted patients", "number of weighted patients*"}},
                {{"pcn code"}, false},
                {{"pcn name"}, false},
                {{"sub icb code", "ccg code"}},
                {{"sub icb name", "ccg name"}, false}},
    .code = kCode,
    .period = FilePeriod::kFileName,
};
}  // namespace

const SourceSpec& payments_spec() { return kSpec; }

ImportResult import_payments(ImportContext& ctx) {
  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  std::map<std::string, std::pair<std::string, Groupings>> newest;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    auto pay = row.number(kTotal);
    auto patients = row.number(kRegistered);
    auto weighted = row.number(kWeighted);
    if (!row.accept()) return;
    rows.push_back(make_row(row.ods(), defs[0], row.period(), std::nullopt, pay, patients));
    rows.push_back(make_row(row.ods(), defs[1], row.period(), std::nullopt, pay, weighted));
    auto& [when, g] = newest[row.ods()];
    if (!when.empty() && when > row.period()) return;
    when = row.period();
    // "Unknown or no PCN" is written with an empty or placeholder code.
    const std::string_view pc = row.text(kPcn);
    const bool pcn = pc.size() == 6 && pc[0] == 'U';
    g = {pcn ? std::string(pc) : std::string(),
         pcn ? std::string(row.text(kPcnName)) : std::string(),
         std::string(row.text(kSub)),
         std::string(row.text(kSubName)),
         "",
         ""};
  });
  for (auto& [ods, entry] : newest)
    ctx.offer_groupings(ods, std::move(entry.second), period_end_date(entry.first), "payments");
  check_dropped(ctx, "payments", counts);
  ctx.set_source({"payments", "NHS Payments to General Practice, England", "NHS England", period_span(counts.periods),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "nhs-payments-to-general-practice",
                  "Contains public sector information from NHS England licensed under the Open Government Licence "
                  "v3.0."});
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(describe_counts("payments", counts, ctx));
}

}  // namespace gpress::import_detail
