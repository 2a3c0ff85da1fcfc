// Deprivation score (IMD) by practice from OHID Fingertips (indicator 93553
// for IMD 2019): either Fingertips' standard CSV export (Area Code, Area
// Type, Time period, Value) or HEEC's compilation (AreaCode, Year, Value)
// covering IMD 2010, 2015 and 2019.
//
// An IMD edition is labelled with the financial year it was published in
// (IMD 2019 -> 2019-20) unless --period says otherwise. A score has no
// confidence interval.
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {
const IndicatorDef kImd = {
    "imd_score",
    "Deprivation score (IMD)",
    Domain::kExternal,
    std::nullopt,
    Unit::kScore,
    Polarity::kLowerIsBetter,
    "none",
    "Index of Multiple Deprivation score of the practice's registered population: the IMD scores of the small "
    "areas (LSOAs) its patients live in, weighted by how many live in each (OHID Fingertips indicator 93553 for IMD "
    "2019). Higher means more deprived. Comparators: the median of their practices."};

enum Col { kCode, kValue, kYear, kType, kCurrent };

const SourceSpec kSpec = {
    .kind = "a Fingertips export of the deprivation score by practice",
    .columns = {{{"area code", "areacode"}},
                {{"value"}},
                {{"time period", "year"}},
                {{"area type"}, false},
                {{"isareacurrent"}, false}},
    .code = kCode,
    .period_example = "2019-20",
};
}  // namespace

const SourceSpec& imd_spec() { return kSpec; }

ImportResult import_imd(ImportContext& ctx) {
  std::vector<ValueRow> rows;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    if (row.has(kType) && row.text(kType) != "GP") return row.skip("England and other areas that are not practices");
    if (row.has(kCurrent) && row.text(kCurrent) == "0") return row.skip("codes no longer in use");
    if (row.period().empty()) {
      const std::string_view y = row.text(kYear);
      if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string_view::npos) {
        row.error(kYear, fmt::format("bad IMD year '{}' (expected e.g. 2019, or give --period)", y));
        return;
      }
      const int yy = std::stoi(std::string(y));
      row.set_period(fmt::format("{:04}-{:02}", yy, (yy + 1) % 100));
    }
    auto v = row.number(kValue);
    if (!row.accept()) return;
    rows.push_back(make_row(row.ods(), kImd, row.period(), v));
  });
  check_dropped(ctx, "imd", counts);
  ctx.set_source({"imd", "Deprivation score (IMD) by GP practice, Fingertips indicator 93553",
                  "Office for Health Improvement and Disparities", period_span(counts.periods),
                  "https://fingertips.phe.org.uk/search/93553",
                  "Contains public sector information from the Office for Health Improvement and Disparities "
                  "(Fingertips) licensed under the Open Government Licence v3.0."});
  ctx.set_values({kImd}, std::move(rows));
  return ctx.commit(describe_counts("imd", counts, ctx));
}

}  // namespace gpress::import_detail
