// Patients Registered at a GP Practice (gp-reg-pat-prac-all.csv): list sizes
// by month, and their change from one imported extract to the next.
//
// The header changed with the move from CCGs to sub-ICB locations
// (CCG_CODE -> SUB_ICB_LOCATION_CODE) and the extract date went from
// 01JAN2021 to 2025-12-01; both layouts are read. The extract date inside the
// file, not its name, gives the month (PracPopFeb26.csv is the 1 March 2026
// extract). Counts and changes of counts are not proportions, so neither
// indicator has a confidence interval.
//
// The same publication's file by sex and 5-year age band
// (gp-reg-pat-prac-quin-age.csv: ..., ORG_CODE, POSTCODE, SEX, AGE_GROUP_5,
// NUMBER_OF_PATIENTS, with a TYPE or ORG_TYPE column naming GP rows) is read
// too: its FEMALE and MALE rows by band go to data/age_sex.csv for the
// pack's population pyramid, and its ALL/ALL rows are totals like any other.
// An import without such rows leaves age_sex.csv as it was.
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {

const std::vector<IndicatorDef>& indicators() {
  static const std::vector<IndicatorDef> kDefs = {
      {"registered_patients", "Registered patients", Domain::kOrganisational, std::nullopt, Unit::kCount,
       Polarity::kNeither, "none",
       "Patients registered at the practice on the first day of the month (NHS England, Patients Registered at a "
       "GP Practice). Comparators: the sum over their practices."},
      {"list_size_change", "Change in registered patients", Domain::kOrganisational, std::nullopt, Unit::kPercent,
       Polarity::kNeither, "none",
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

enum Col { kCode, kPatients, kDate, kSex, kAge, kType };

const SourceSpec kSpec = {
    .kind = "a Patients Registered at a GP Practice file (gp-reg-pat-prac-all.csv)",
    .columns = {{{"code", "practice_code", "org_code"}},
                {{"number_of_patients"}},
                {{"extract_date"}, false},
                {{"sex"}, false},
                {{"age", "age_group_5"}, false},
                {{"type", "org_type"}, false}},
    .code = kCode,
    .period_example = "2025-12",
};

}  // namespace

const SourceSpec& registrations_spec() { return kSpec; }

ImportResult import_registrations(ImportContext& ctx) {
  // ods -> period -> patients
  std::map<std::string, std::map<std::string, double>> lists;
  // ods -> period -> sex ("female", "male") -> band -> patients
  std::map<std::string, std::map<std::string, std::map<std::string, std::map<std::size_t, double>>>> age_sex;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    if (row.has(kType) && row.text(kType) != "GP") return row.skip("areas other than practices");
    const std::string_view sex = row.has(kSex) ? row.text(kSex) : "ALL";
    const std::string_view age = row.has(kAge) ? row.text(kAge) : "ALL";
    const auto band = age_band_index(age);
    const bool by_age_sex = (sex == "FEMALE" || sex == "MALE") && band;
    if (!by_age_sex && (sex != "ALL" || age != "ALL")) return row.skip("breakdowns by sex or age alone");
    if (row.period().empty()) {
      if (!row.has(kDate)) {
        row.error(kCode, "the file has no EXTRACT_DATE column; give the month with --period (e.g. --period 2025-12)");
        return;
      }
      auto m = extract_month(row.text(kDate));
      if (!m) {
        row.error(kDate, fmt::format("bad extract date '{}' (expected e.g. 2025-12-01 or 01DEC2025)", row.text(kDate)));
        return;
      }
      row.set_period(*m);
    }
    auto n = row.number(kPatients);
    const std::string part = by_age_sex ? fmt::format("{} {}", sex, kAgeBands[*band]) : std::string();
    if (!row.accept(part) || !n) return;
    if (by_age_sex) age_sex[row.ods()][row.period()][sex == "FEMALE" ? "female" : "male"][*band] = *n;
    else lists[row.ods()][row.period()] = *n;
  });

  if (!age_sex.empty()) {
    std::vector<std::vector<std::string>> out;
    for (const auto& [ods, by_period] : age_sex)
      for (const auto& [period, by_sex] : by_period)
        for (const auto& [sex, by_band] : by_sex)
          for (const auto& [band, n] : by_band)
            out.push_back({ods, period, sex, std::string(kAgeBands[band]), format_number(n)});
    ctx.set_age_sex(std::move(out));
  }
  check_dropped(ctx, "registrations", counts);
  // A file by age and sex alone (no ALL/ALL rows) leaves the totals as they were.
  if (lists.empty() && !age_sex.empty()) return ctx.commit(describe_counts("registrations", counts, ctx));

  const auto& defs = indicators();
  std::vector<ValueRow> rows;
  for (const auto& [ods, by_period] : lists) {
    const double* previous = nullptr;
    // Periods in time order: YYYY-MM sorts as text.
    for (const auto& period : counts.periods) {
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
    p.list_size = format_number(by_period.rbegin()->second);
  }
  ctx.practices_changed();
  const std::string span = period_span(counts.periods);
  ctx.set_source({"registrations", "Patients Registered at a GP Practice", "NHS England", span,
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "patients-registered-at-a-gp-practice",
                  "Contains public sector information from NHS England licensed under the Open Government Licence "
                  "v3.0."});
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(describe_counts("registrations", counts, ctx));
}

}  // namespace gpress::import_detail
