// NHS England's monthly access publications, read from their .xlsx
// workbooks as downloaded:
//  - Cloud Based Telephony, sheet "Table 3" (inbound calls by outcome): two
//    header rows (a merged outcome label over Total / %), a national Total
//    row first, practices keyed by "GP Practice \r\n(ODS_CODE)";
//  - Submissions via Online Consultation Systems, sheet "Table 2".
// Both have title blocks above the header, notes below the table and
// footnote markers in header cells ("Submissions [7]"), and give the month as
// an Excel serial date. Missed calls are a proportion of calls (Wilson
// interval); submissions per 1,000 patients a rate of events (Byar).
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/source_loop.hpp"
#include "import/xlsx_reader.hpp"

namespace gpress::import_detail {

namespace {

const IndicatorDef kMissed = {
    "calls_missed_pct",
    "Missed calls",
    Domain::kPatientExperience,
    15,
    Unit::kPercent,
    Polarity::kLowerIsBetter,
    "wilson",
    "Inbound calls to the practice's cloud-based telephony that were missed (not answered, not ended in the IVR "
    "and not a call-back request), as a percentage of inbound calls in the month. Numerator: missed calls; "
    "denominator: inbound calls. Only practices on cloud-based telephony are published."};
const IndicatorDef kOc = {
    "oc_submissions_per_1000",
    "Online consultation submissions per 1,000 patients",
    Domain::kPatientExperience,
    16,
    Unit::kPer1000,
    Polarity::kNeither,
    "byar",
    "Submissions received through online consultation systems in the month per 1,000 registered patients. "
    "Numerator: submissions; denominator: registered patients. Practices not taking part in the collection are "
    "left out."};

// The columns both workbooks share; each adds its own after these.
enum Col { kCode, kMonth, kPcn, kPcnName, kSub, kSubName, kIcb, kIcbName, kCount, kTotal, kPart };

std::vector<ColumnSpec> columns(std::string code, std::string count, std::string total) {
  return {{{std::move(code)}},       {{"month"}},
          {{"pcn code"}, false},     {{"pcn name"}, false},
          {{"sub icb code"}, false}, {{"sub icb name"}, false},
          {{"icb code"}, false},     {{"icb name"}, false},
          {{std::move(count)}},      {{std::move(total)}},
          {{"participation"}, false}};
}

const SourceSpec kTelephony = {
    .kind = "NHS England's Cloud Based Telephony workbook",
    .columns = columns("gp practice (ods_code)", "missed", "count of inbound calls"),
    .code = kCode,
    .sheet = "Table 3",
    .period_example = "2025-12",
};
const SourceSpec kOnline = {
    .kind = "NHS England's Submissions via Online Consultation Systems workbook",
    .columns = columns("gp code", "submissions", "registered patient count"),
    .code = kCode,
    .sheet = "Table 2",
    .period_example = "2025-12",
};

ImportResult run(ImportContext& ctx, const SourceSpec& spec, const IndicatorDef& def, SourceInfo source) {
  std::vector<ValueRow> rows;
  std::map<std::string, std::pair<std::string, Groupings>> groupings;
  const RowCounts counts = read_rows(ctx, spec, [&](SourceRow& row) {
    if (row.period().empty()) {
      // The national Total row, notes and the copyright line have no month.
      const std::string_view text = row.text(kMonth);
      auto serial = parse_number(text);
      if (!serial) return row.skip("the national total and notes");
      auto month = excel_serial_month(*serial);
      if (!month) {
        row.error(kMonth, fmt::format("bad month '{}' (expected an Excel date; or give --period)", text));
        return;
      }
      row.set_period(*month);
    }
    if (row.has(kPart) && row.text(kPart) == "0") return row.no_data();  // not taking part
    auto count = row.number(kCount);
    auto total = row.number(kTotal);
    if (!row.accept()) return;
    rows.push_back(make_row(row.ods(), def, row.period(), std::nullopt, count, total));
    if (!row.has(kPcn)) return;
    // "U" / "Unallocated": in no PCN.
    const std::string_view pcn = row.text(kPcn);
    const bool in_pcn = pcn.size() == 6 && pcn[0] == 'U';
    groupings[row.ods()] = {
        row.period(),
        {in_pcn ? std::string(pcn) : std::string(), in_pcn ? std::string(row.text(kPcnName)) : std::string(),
         std::string(row.text(kSub)), std::string(row.text(kSubName)), std::string(row.text(kIcb)),
         std::string(row.text(kIcbName))}};
  });
  for (auto& [ods, g] : groupings) ctx.offer_groupings(ods, std::move(g.second), period_end_date(g.first), source.id);
  check_dropped(ctx, source.id, counts);
  source.period = period_span(counts.periods);
  ctx.set_source(source);
  ctx.set_values({def}, std::move(rows));
  return ctx.commit(describe_counts(source.id, counts, ctx));
}

}  // namespace

const SourceSpec& telephony_spec() { return kTelephony; }
const SourceSpec& online_consultations_spec() { return kOnline; }

ImportResult import_telephony(ImportContext& ctx) {
  return run(ctx, kTelephony, kMissed,
             {"telephony", "Cloud Based Telephony Data in General Practice", "NHS England", "",
              "https://digital.nhs.uk/data-and-information/publications/statistical/"
              "cloud-based-telephony-data-in-general-practice",
              "Contains public sector information from NHS England licensed under the Open Government Licence v3.0."});
}

ImportResult import_online_consultations(ImportContext& ctx) {
  return run(
      ctx, kOnline, kOc,
      {"online-consultations", "Submissions via Online Consultation Systems in General Practice", "NHS England", "",
       "https://digital.nhs.uk/data-and-information/publications/statistical/"
       "submissions-via-online-consultation-systems-in-general-practice",
       "Contains public sector information from NHS England licensed under the Open Government Licence v3.0."});
}

}  // namespace gpress::import_detail
