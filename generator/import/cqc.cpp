// CQC ratings (data/cqc.csv), from either of two files:
//  - the CQC API extract for London locations, with the five key questions
//    (safe, effective, caring, responsive, well-led) and the inspection date;
//  - HEEC's national table of overall ratings (April 2024), which has only
//    the year of the rating and writes `NA` where a location has no ODS code.
// Given both, a practice's domain ratings win over its overall-only rating.
// Where a practice has several CQC locations, a registered location beats a
// deregistered one, then the latest inspection, then the worse rating (the
// cautious reading).
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/source_loop.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

namespace {

struct Candidate {
  int rank = 0;  // 2 domain ratings, 1 overall only
  bool registered = true;
  std::string when;  // ISO date or year: sorts as text
  int severity = 0;  // higher is worse
  std::vector<std::string> row;
};

bool better(const Candidate& a, const Candidate& b) {
  return std::tie(a.rank, a.registered, a.when, a.severity) > std::tie(b.rank, b.registered, b.when, b.severity);
}

// The rating's canonical spelling; CQC's own files vary in case.
std::optional<std::string> rating(SourceRow& row, std::size_t col) {
  const std::string_view text = row.text(col);
  if (text.empty() || text == "NA" || text == "Not rated" || text == "No published rating") return std::string();
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const auto& name : cqc_rating_names()) {
    std::string l;
    for (char c : name) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (l == lower) return name;
  }
  row.error(col,
            fmt::format("unknown rating '{}' (expected Outstanding, Good, Requires improvement or Inadequate)", text));
  return std::nullopt;
}

int severity(const std::string& r) {
  if (auto v = parse_cqc_rating(r)) return static_cast<int>(*v);
  return -1;
}

enum DomainsCol { kCode, kOverall, kSafe, kEffective, kCaring, kResponsive, kWellLed, kInspected, kStatus };
enum OverallCol { kOverallCode, kLatest, kDomain, kYear };

const SourceSpec kDomainsSpec = {
    .kind = "a CQC ratings file",
    .columns = {{{"ods_code"}},
                {{"overall"}},
                {{"safe"}},
                {{"effective"}},
                {{"caring"}},
                {{"responsive"}},
                {{"well_led"}},
                {{"inspected"}},
                {{"registration_status"}, false}},
    .code = kCode,
    .once_per_period = false,
};
const SourceSpec kOverallSpec = {
    .kind = "a CQC ratings file",
    .columns = {{{"practice.code", "location ods code"}},
                {{"latest_rating", "latest rating"}},
                {{"domain"}, false},
                {{"year"}, false}},
    .code = kOverallCode,
    .once_per_period = false,
};

}  // namespace

const SourceSpec& cqc_spec() { return kDomainsSpec; }
const SourceSpec& cqc_overall_spec() { return kOverallSpec; }

ImportResult import_cqc(ImportContext& ctx) {
  std::map<std::string, Candidate> best;
  auto offer = [&](const std::string& ods, Candidate cand) {
    auto [it, inserted] = best.emplace(ods, cand);
    if (!inserted && better(cand, it->second)) it->second = std::move(cand);
  };
  const RowCounts counts = read_rows(ctx, {&kDomainsSpec, &kOverallSpec}, [&](SourceRow& row) {
    if (row.layout() == 0) {
      if (row.ods().empty()) return row.skip("CQC locations that are not GP practices");
      std::vector<std::string> ratings;
      for (std::size_t c = kOverall; c <= kWellLed; ++c) ratings.push_back(rating(row, c).value_or(""));
      const std::string date(row.text(kInspected));
      if (!date.empty() && !is_iso_date(date))
        row.error(kInspected, fmt::format("bad inspection date '{}' (expected YYYY-MM-DD)", date));
      if (row.ok() && std::all_of(ratings.begin(), ratings.end(), [](const std::string& r) { return r.empty(); }))
        return row.no_data();
      if (!row.accept()) return;
      Candidate cand;
      cand.rank = 2;
      cand.registered = !row.has(kStatus) || row.text(kStatus) != "Deregistered";
      cand.when = date;
      cand.severity = severity(ratings[0]);
      cand.row = {row.ods(), date};
      cand.row.insert(cand.row.end(), ratings.begin(), ratings.end());
      offer(row.ods(), std::move(cand));
    } else {
      if (row.ods() == "NA" || row.ods().empty()) return row.skip("CQC locations with no ODS practice code");
      if (row.has(kDomain) && row.text(kDomain) != "Overall") return row.skip("ratings of population groups");
      auto r = rating(row, kLatest);
      if (row.ok() && (!r || r->empty())) return row.no_data();
      if (!row.accept()) return;
      Candidate cand;
      cand.rank = 1;
      cand.when = std::string(row.text(kYear));
      cand.severity = severity(*r);
      // Only the year is known, so no inspection date is claimed.
      cand.row = {row.ods(), "", *r, "", "", "", "", ""};
      offer(row.ods(), std::move(cand));
    }
  });
  std::vector<std::vector<std::string>> rows;
  for (auto& [ods, c] : best) rows.push_back(std::move(c.row));
  check_dropped(ctx, "cqc", counts);
  ctx.set_cqc(std::move(rows));
  ctx.set_source({"cqc", "Care Quality Commission ratings of GP practices", "Care Quality Commission", "",
                  "https://www.cqc.org.uk/about-us/transparency/using-cqc-data",
                  "Contains public sector information from the Care Quality Commission licensed under the Open "
                  "Government Licence v3.0."});
  std::string summary = describe_counts("cqc", counts, ctx);
  summary += fmt::format("\n  data/cqc.csv: ratings for {} practices", with_thousands(best.size()));
  return ctx.commit(std::move(summary));
}

}  // namespace gpress::import_detail
