#include "load/assessments.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "core/parallel.hpp"
#include "core/text.hpp"
#include "load/csv.hpp"
#include "load/practice_data.hpp"

namespace gpress {
namespace {

namespace fs = std::filesystem;

std::optional<std::vector<std::size_t>> columns(const CsvTable& table, const std::vector<std::string>& names,
                                                Diagnostics& diags) {
  std::vector<std::size_t> out;
  bool ok = true;
  for (const auto& name : names) {
    if (auto c = table.column(name)) {
      out.push_back(*c);
      continue;
    }
    ok = false;
    diags.error(table.header_line_loc(),
                fmt::format("missing column '{}' (the header must name: {})", name, join(names)));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& names) {
  if (auto near = closest_match(word, names)) return fmt::format("did you mean '{}'?", *near);
  return fmt::format("expected one of: {}", join(names));
}

// The checks every assessment file shares: the practice and the date.
class RowChecker {
 public:
  RowChecker(const PracticeData& data, std::string practices_path, Diagnostics& diags)
      : data_(data), practices_path_(std::move(practices_path)), diags_(diags) {}

  bool practice(const CsvRow& row, std::size_t col) {
    const std::string_view ods = trim(row[col]);
    if (!is_ods_practice_code(ods)) {
      diags_.error(row.loc(col),
                   ods.empty()
                       ? std::string("missing ODS code (expected one letter and five digits, e.g. A81001)")
                       : fmt::format("bad ODS code '{}' (expected one letter and five digits, e.g. A81001)", ods));
      return false;
    }
    if (!data_.find_practice(ods)) {
      if (data_.register_complete)
        diags_.error(row.loc(col), fmt::format("unknown practice '{}' (not in {})", ods, practices_path_));
      return false;
    }
    return true;
  }

  bool date(const CsvRow& row, std::size_t col, const char* what) {
    const std::string_view text = trim(row[col]);
    if (is_iso_date(text)) return true;
    diags_.error(row.loc(col), text.empty() ? fmt::format("missing {} (expected a date YYYY-MM-DD)", what)
                                            : fmt::format("bad {} '{}' (expected a date YYYY-MM-DD)", what, text));
    return false;
  }

  Diagnostics& diags() { return diags_; }

 private:
  const PracticeData& data_;
  std::string practices_path_;
  Diagnostics& diags_;
};

std::optional<int> whole_number(std::string_view text) {
  auto n = parse_number(text);
  if (!n || *n != static_cast<double>(static_cast<long long>(*n)) || *n < -1e6 || *n > 1e6) return std::nullopt;
  return static_cast<int>(*n);
}

void load_maturity(const CsvTable& t, const std::vector<Theme>& themes, RowChecker& check, Assessments& out) {
  auto c = columns(t, {"ods_code", "assessed_on", "theme", "domain", "level"}, check.diags());
  if (!c) return;
  out.maturity.reserve(t.row_count());
  std::vector<std::string> slugs;
  for (const auto& th : themes) slugs.push_back(th.slug);
  std::unordered_map<std::string, std::uint32_t> seen;  // practice, date, theme and domain -> first line
  seen.reserve(t.row_count());
  for (std::size_t i = 0; i < t.row_count(); ++i) {
    const CsvRow row = t.row(i);
    bool ok = check.practice(row, (*c)[0]);
    ok = check.date(row, (*c)[1], "assessment date") && ok;
    MaturityRating r;
    r.ods_code = std::string(trim(row[(*c)[0]]));
    r.assessed_on = std::string(trim(row[(*c)[1]]));
    r.theme = std::string(trim(row[(*c)[2]]));
    r.line = row.line();
    const Theme* theme = nullptr;
    for (const auto& th : themes)
      if (th.slug == r.theme) theme = &th;
    if (!theme && themes.empty()) {
      ok = false;  // themes.yaml is missing or broken, and says so
    } else if (!theme) {
      check.diags().error(row.loc((*c)[2]),
                          r.theme.empty()
                              ? fmt::format("missing theme (expected one of: {})", join(slugs))
                              : fmt::format("unknown theme '{}' ({})", r.theme, suggestion(r.theme, slugs)));
      ok = false;
    }
    const std::string_view domain_text = trim(row[(*c)[3]]);
    auto domain = whole_number(domain_text);
    if (!domain) {
      check.diags().error(
          row.loc((*c)[3]),
          fmt::format("bad domain '{}' (expected the domain's position in its theme, e.g. 1)", domain_text));
      ok = false;
    } else if (theme && (*domain < 1 || static_cast<std::size_t>(*domain) > theme->domains.size())) {
      check.diags().error(row.loc((*c)[3]), fmt::format("domain {} is out of range: theme '{}' has domains 1-{}",
                                                        *domain, theme->slug, theme->domains.size()));
      ok = false;
    } else {
      r.domain = *domain;
    }
    const std::string_view level = trim(row[(*c)[4]]);
    if (level.size() != 1 || maturity_rank(level[0]) == 0) {
      check.diags().error(row.loc((*c)[4]),
                          fmt::format("level '{}' is not a maturity level (expected A, B, C or D)", level));
      ok = false;
    } else {
      r.level = level[0];
    }
    if (!ok) continue;
    auto [it, fresh] =
        seen.emplace(fmt::format("{}\x1f{}\x1f{}\x1f{}", r.ods_code, r.assessed_on, r.theme, r.domain), r.line);
    if (!fresh) {
      check.diags().error(row.loc(0), fmt::format("{} already has a level for {} domain {} on {} (line {})", r.ods_code,
                                                  r.theme, r.domain, r.assessed_on, it->second));
      continue;
    }
    out.maturity.push_back(std::move(r));
  }
}

// `configured`: gpress.toml's [team360] dimensions, the only ones a row may
// name when given; otherwise a row may name any.
void load_team360(const CsvTable& t, RowChecker& check, const std::vector<std::string>& configured, Assessments& out) {
  auto c = columns(t, {"ods_code", "assessed_on", "dimension", "score"}, check.diags());
  if (!c) return;
  out.team360.reserve(t.row_count());
  std::unordered_map<std::string, std::uint32_t> seen;  // practice, date and dimension -> first line
  seen.reserve(t.row_count());
  for (std::size_t i = 0; i < t.row_count(); ++i) {
    const CsvRow row = t.row(i);
    bool ok = check.practice(row, (*c)[0]);
    ok = check.date(row, (*c)[1], "assessment date") && ok;
    Team360Score s;
    s.ods_code = std::string(trim(row[(*c)[0]]));
    s.assessed_on = std::string(trim(row[(*c)[1]]));
    s.dimension = std::string(trim(row[(*c)[2]]));
    s.line = row.line();
    const auto listed = [&](const std::string& d) { return equals_ignoring_case(d, s.dimension); };
    if (s.dimension.empty()) {
      check.diags().error(row.loc((*c)[2]), "missing dimension (the team 360 tool's name for it, e.g. leadership)");
      ok = false;
    } else if (!configured.empty() && std::none_of(configured.begin(), configured.end(), listed)) {
      check.diags().error(row.loc((*c)[2]),
                          fmt::format("unknown team 360 dimension '{}': gpress.toml's [team360] dimensions does "
                                      "not list it ({})",
                                      s.dimension, suggestion(s.dimension, configured)));
      ok = false;
    }
    const std::string_view score_text = trim(row[(*c)[3]]);
    auto score = parse_number(score_text);
    if (!score) {
      check.diags().error(row.loc((*c)[3]),
                          fmt::format("score '{}' is not a number (expected 1-5, e.g. 3.4)", score_text));
      ok = false;
    } else if (*score < 1 || *score > 5) {
      check.diags().error(row.loc((*c)[3]),
                          fmt::format("score {} is outside 1-5 (the mean of answers on a 1-5 scale)", score_text));
      ok = false;
    } else {
      s.score = *score;
    }
    if (!ok) continue;
    // "Leadership" and "leadership" are one dimension.
    std::string dimension_key = s.dimension;
    for (char& ch : dimension_key) ch = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    auto [it, fresh] = seen.emplace(fmt::format("{}\x1f{}\x1f{}", s.ods_code, s.assessed_on, dimension_key), s.line);
    if (!fresh) {
      check.diags().error(row.loc(0), fmt::format("{} already has a {} score on {} (line {})", s.ods_code, s.dimension,
                                                  s.assessed_on, it->second));
      continue;
    }
    out.team360.push_back(std::move(s));
  }
}

void load_intelligence(const CsvTable& t, RowChecker& check, Assessments& out) {
  auto c = columns(t, {"ods_code", "recorded_on", "criterion", "flag", "note"}, check.diags());
  if (!c) return;
  out.intelligence.reserve(t.row_count());
  for (std::size_t i = 0; i < t.row_count(); ++i) {
    const CsvRow row = t.row(i);
    bool ok = check.practice(row, (*c)[0]);
    ok = check.date(row, (*c)[1], "date recorded") && ok;
    IntelligenceFlag f;
    f.ods_code = std::string(trim(row[(*c)[0]]));
    f.recorded_on = std::string(trim(row[(*c)[1]]));
    f.note = std::string(trim(row[(*c)[4]]));
    f.line = row.line();
    const std::string_view crit_text = trim(row[(*c)[2]]);
    auto crit = whole_number(crit_text);
    if (crit && (*crit == 1 || *crit == 2)) {
      check.diags().error(
          row.loc((*c)[2]),
          fmt::format("criterion {} comes from CQC ratings (data/cqc.csv), not from local intelligence", *crit));
      ok = false;
    } else if (!crit || *crit < kFirstFlagCriterion || *crit > kLastCriterion) {
      check.diags().error(row.loc((*c)[2]),
                          fmt::format("unknown criterion '{}' (expected a national criterion number from {} to {})",
                                      crit_text, kFirstFlagCriterion, kLastCriterion));
      ok = false;
    } else {
      f.criterion = *crit;
    }
    const std::string_view flag = trim(row[(*c)[3]]);
    if (flag == "yes") f.flag = true;
    else if (flag == "no") f.flag = false;
    else {
      check.diags().error(row.loc((*c)[3]), fmt::format("flag '{}' must be yes or no", flag));
      ok = false;
    }
    if (ok) out.intelligence.push_back(std::move(f));
  }
}

void load_overrides(const CsvTable& t, RowChecker& check, Assessments& out) {
  auto c = columns(t, {"ods_code", "set_on", "level", "reason"}, check.diags());
  if (!c) return;
  out.overrides.reserve(t.row_count());
  for (std::size_t i = 0; i < t.row_count(); ++i) {
    const CsvRow row = t.row(i);
    bool ok = check.practice(row, (*c)[0]);
    ok = check.date(row, (*c)[1], "date set") && ok;
    SupportOverride o;
    o.ods_code = std::string(trim(row[(*c)[0]]));
    o.set_on = std::string(trim(row[(*c)[1]]));
    o.reason = std::string(trim(row[(*c)[3]]));
    o.line = row.line();
    const std::string_view level = trim(row[(*c)[2]]);
    if (auto l = parse_support_level(level)) {
      o.level = *l;
    } else {
      check.diags().error(row.loc((*c)[2]), fmt::format("unknown support level '{}' (expected one of: {})", level,
                                                        join(support_level_names())));
      ok = false;
    }
    if (o.reason.empty()) {
      check.diags().error(row.loc((*c)[3]),
                          "missing reason (say why the support team set this level; the report shows it)");
      ok = false;
    }
    if (ok) out.overrides.push_back(std::move(o));
  }
}

}  // namespace

Assessments load_assessments(const fs::path& project, const PracticeData& data, const std::vector<Theme>& themes,
                             const std::vector<std::string>& team360_dimensions, Diagnostics& diags) {
  // The four files are read side by side, each into its own part and its
  // own messages, then put together in this order.
  constexpr const char* kFiles[] = {"maturity.csv", "team360.csv", "intelligence.csv", "overrides.csv"};
  std::array<Assessments, 4> parts;
  std::array<Diagnostics, 4> part_diags;
  parallel_for(parts.size(), default_jobs(), [&](std::size_t k) {
    const fs::path file = data_file(project / "data" / "assessments" / kFiles[k]);
    if (!fs::exists(file)) return;
    // Paths in messages are relative to the project, as the user sees them in it.
    const CsvTable t = read_csv(file, part_diags[k], {}, "data/assessments/" + file.filename().string());
    RowChecker check(data, "data/practices.csv", part_diags[k]);
    switch (k) {
      case 0: load_maturity(t, themes, check, parts[k]); break;
      case 1: load_team360(t, check, team360_dimensions, parts[k]); break;
      case 2: load_intelligence(t, check, parts[k]); break;
      default: load_overrides(t, check, parts[k]);
    }
  });
  Assessments out;
  out.maturity = std::move(parts[0].maturity);
  out.team360 = std::move(parts[1].team360);
  out.intelligence = std::move(parts[2].intelligence);
  out.overrides = std::move(parts[3].overrides);
  out.team360_dimensions = team360_dimensions;  // reindex() adds those only the rows name
  for (const auto& d : part_diags) diags.append(d);
  out.reindex();
  return out;
}

}  // namespace gpress
