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
#include "import/common.hpp"
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
std::optional<std::string> rating(const CsvRow& row, std::size_t col, bool& ok, Diagnostics& diags) {
  const std::string_view text = trim(row[col]);
  if (text.empty() || text == "NA" || text == "Not rated" || text == "No published rating") return std::string();
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const auto& name : cqc_rating_names()) {
    std::string l;
    for (char c : name) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (l == lower) return name;
  }
  ok = false;
  diags.error(row.loc(col), fmt::format("unknown rating '{}' (expected Outstanding, Good, Requires improvement or "
                                        "Inadequate)",
                                        text));
  return std::nullopt;
}

int severity(const std::string& r) {
  if (auto v = parse_cqc_rating(r)) return static_cast<int>(*v);
  return -1;
}

}  // namespace

ImportResult import_cqc(ImportContext& ctx) {
  auto& diags = ctx.diags;
  ctx.require_register();
  std::map<std::string, Candidate> best;
  std::size_t read = 0;
  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    const bool domains = table->column("well_led").has_value();
    if (domains) {
      auto code = find_column(*table, {"ods_code"}, {}, diags);
      std::vector<std::optional<std::size_t>> cols;
      for (const char* c : {"overall", "safe", "effective", "caring", "responsive", "well_led"})
        cols.push_back(find_column(*table, {c}, {}, diags));
      auto inspected = find_column(*table, {"inspected"}, {}, diags);
      auto status = table->column("registration_status");
      if (!code || !inspected || std::any_of(cols.begin(), cols.end(), [](auto& c) { return !c; })) continue;
      for (std::size_t i = 0; i < table->row_count(); ++i) {
        const CsvRow row = table->row(i);
        const std::string ods(trim(row[*code]));
        if (ods.empty()) continue;  // CQC locations that are not GP practices
        bool ok = true;
        std::vector<std::string> ratings;
        for (const auto& c : cols) ratings.push_back(rating(row, *c, ok, diags).value_or(""));
        const std::string date(trim(row[*inspected]));
        if (!date.empty() && !is_iso_date(date)) {
          diags.error(row.loc(*inspected), fmt::format("bad inspection date '{}' (expected YYYY-MM-DD)", date));
          ok = false;
        }
        if (!ok || !ctx.keep(ods)) continue;
        if (std::all_of(ratings.begin(), ratings.end(), [](const std::string& r) { return r.empty(); })) continue;
        ++read;
        Candidate cand;
        cand.rank = 2;
        cand.registered = !status || trim(row[*status]) != "Deregistered";
        cand.when = date;
        cand.severity = severity(ratings[0]);
        cand.row = {ods, date};
        cand.row.insert(cand.row.end(), ratings.begin(), ratings.end());
        auto [it, inserted] = best.emplace(ods, cand);
        if (!inserted && better(cand, it->second)) it->second = std::move(cand);
      }
    } else {
      auto code = find_column(*table, {"Practice.Code", "Location ODS Code"}, {}, diags,
                              "is this a CQC ratings file?");
      auto latest = find_column(*table, {"latest_rating", "Latest Rating"}, {}, diags);
      auto domain = table->column("domain");
      auto year = table->column("Year");
      if (!code || !latest) continue;
      for (std::size_t i = 0; i < table->row_count(); ++i) {
        const CsvRow row = table->row(i);
        const std::string ods(trim(row[*code]));
        if (ods.empty() || ods == "NA") continue;
        if (domain && trim(row[*domain]) != "Overall") continue;
        bool ok = true;
        auto r = rating(row, *latest, ok, diags);
        if (!ok || !ctx.keep(ods) || !r || r->empty()) continue;
        ++read;
        Candidate cand;
        cand.rank = 1;
        cand.when = year ? std::string(trim(row[*year])) : std::string();
        cand.severity = severity(*r);
        // Only the year is known, so no inspection date is claimed.
        cand.row = {ods, "", *r, "", "", "", "", ""};
        auto [it, inserted] = best.emplace(ods, cand);
        if (!inserted && better(cand, it->second)) it->second = std::move(cand);
      }
    }
  }
  std::vector<std::vector<std::string>> rows;
  for (auto& [ods, c] : best) rows.push_back(std::move(c.row));
  const std::size_t n = rows.size();
  ctx.set_cqc(std::move(rows));
  ctx.set_source({"cqc", "Care Quality Commission ratings of GP practices", "Care Quality Commission", "",
                  "https://www.cqc.org.uk/about-us/transparency/using-cqc-data",
                  "Contains public sector information from the Care Quality Commission licensed under the Open "
                  "Government Licence v3.0."});
  return ctx.commit(fmt::format("cqc: ratings for {} practices (from {} location ratings)", n, read));
}

}  // namespace gpress::import_detail
