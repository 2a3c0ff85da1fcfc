#include "load/practice_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "core/input_text.hpp"
#include "core/text.hpp"
#include "load/csv.hpp"

namespace gpress {

namespace fs = std::filesystem;

// The largest list_size accepted: far beyond England's largest practice, and
// small enough that list sizes summed over every practice stay exact.
constexpr std::int64_t kLargestListSize = 1'000'000;

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !is_usable_number(v)) return std::nullopt;
  return v;
}

bool is_too_large_number(std::string_view text) {
  text = trim(text);
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ptr != end || text.empty()) return false;
  return ec == std::errc::result_out_of_range || (ec == std::errc() && std::isfinite(v) && !is_usable_number(v));
}

std::string bad_number_message(std::string_view what, std::string_view text) {
  const bool too_large = is_too_large_number(text);
  if (text.size() > 40) text = text.substr(0, 40);  // the field's own error already gave its length
  if (too_large)
    return fmt::format("{} '{}' is too large (numbers in gpress's data are at most {} in size)", what, text,
                       kLargestNumberText);
  return fmt::format("{} '{}' is not a number (expected e.g. 12.5; leave it empty when not published)", what, text);
}

bool is_ods_practice_code(std::string_view t) {
  if (t.size() != 6 || t[0] < 'A' || t[0] > 'Z') return false;
  for (std::size_t i = 1; i < 6; ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

std::string bad_period_message(std::string_view text) {
  if (text.size() == 7 && text[4] == '-') {
    int year = 0, second = 0;
    auto r1 = std::from_chars(text.data(), text.data() + 4, year);
    auto r2 = std::from_chars(text.data() + 5, text.data() + 7, second);
    if (r1.ec == std::errc() && r2.ec == std::errc() && r1.ptr == text.data() + 4 && r2.ptr == text.data() + 7 &&
        second > 12) {
      return fmt::format("bad period '{}' (a financial year's second year must follow its first: {:04}-{:02})", text,
                         year, (year + 1) % 100);
    }
  }
  return fmt::format("bad period '{}' (expected YYYY-MM, YYYY-Qn or a financial year YYYY-YY such as 2022-23)", text);
}

namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using LineIndex = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

std::string display(const fs::path& project, const char* name) {
  return (project / "data" / name).lexically_normal().generic_string();
}

// Column indexes of one file's required columns; nullopt (and an error at
// line 1) when any is missing, since its rows would make no sense.
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
    std::vector<std::string> present;
    for (const auto& h : table.header()) present.push_back(fold_header(h));
    if (auto near = closest_match(name, present)) {
      diags.error(table.header_line_loc(),
                  fmt::format("missing column '{}' (is '{}' meant to be '{}'?)", name, *near, name));
    } else {
      diags.error(table.header_line_loc(),
                  fmt::format("missing column '{}' (the header must name: {})", name, join(names)));
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

// An optional column's cell; empty when the file has no such column.
std::string_view optional_cell(const CsvRow& row, std::optional<std::size_t> col) {
  return col ? trim(row[*col]) : std::string_view();
}

// An optional ISO date cell: empty, or YYYY-MM-DD.
bool date_cell(const CsvRow& row, std::optional<std::size_t> col, std::string& out, Diagnostics& diags) {
  const std::string_view text = optional_cell(row, col);
  if (text.empty()) return true;
  if (!is_iso_date(text)) {
    diags.error(row.loc(*col), fmt::format("bad date '{}' (expected YYYY-MM-DD, or empty)", text));
    return false;
  }
  out = text;
  return true;
}

std::optional<CsvTable> open(const fs::path& project, const char* name, Diagnostics& diags) {
  const fs::path file = data_file(project / "data" / name);
  if (!fs::exists(file)) return std::nullopt;
  return read_csv(file, diags, {}, display(project, file.filename().string().c_str()));
}

std::string suggestion(std::string_view word, const std::vector<std::string>& names) {
  if (auto near = closest_match(word, names)) return fmt::format("did you mean '{}'?", *near);
  return fmt::format("expected one of: {}", join(names));
}

template <typename Enum>
std::optional<Enum> enum_cell(const CsvRow& row, std::size_t col, const char* what,
                              std::optional<Enum> (*parse)(std::string_view), const std::vector<std::string>& names,
                              Diagnostics& diags) {
  const std::string_view text = trim(row[col]);
  if (auto v = parse(text)) return v;
  if (text.empty()) {
    diags.error(row.loc(col), fmt::format("missing {} (expected one of: {})", what, join(names)));
  } else {
    diags.error(row.loc(col), fmt::format("unknown {} '{}' ({})", what, text, suggestion(text, names)));
  }
  return std::nullopt;
}

// An optional number cell: empty is "not published"; anything else must parse.
bool number_cell(const CsvRow& row, std::size_t col, const char* what, std::optional<double>& out, Diagnostics& diags) {
  const std::string_view text = trim(row[col]);
  if (text.empty()) return true;
  out = parse_number(text);
  if (out) return true;
  diags.error(row.loc(col), bad_number_message(what, text));
  return false;
}

bool ods_cell(const CsvRow& row, std::size_t col, Diagnostics& diags) {
  const std::string_view text = trim(row[col]);
  if (is_ods_practice_code(text)) return true;
  if (text.empty()) {
    diags.error(row.loc(col), "missing ODS code (expected one letter and five digits, e.g. A81001)");
  } else {
    diags.error(row.loc(col),
                fmt::format("bad ODS code '{}' (expected one letter and five digits, e.g. A81001)", text));
  }
  return false;
}

// Whether a data row's ODS code is well formed and a practice of the register.
// A code the register lacks is an error only when the register is complete
// (epraccur imported); otherwise the row is skipped quietly.
bool registered_practice(const CsvRow& row, std::size_t col, const LineIndex& practices, const PracticeData& data,
                         const std::string& practices_path, Diagnostics& diags) {
  if (!ods_cell(row, col, diags)) return false;
  const std::string_view ods = trim(row[col]);
  if (practices.find(ods) != practices.end()) return true;
  if (data.register_complete)
    diags.error(row.loc(col), fmt::format("unknown practice '{}' (not in {})", ods, practices_path));
  return false;
}

std::optional<CqcRatingValue> rating_cell(const CsvRow& row, std::size_t col, bool& ok, Diagnostics& diags) {
  const std::string_view text = trim(row[col]);
  if (text.empty()) return std::nullopt;
  if (auto r = parse_cqc_rating(text)) return r;
  ok = false;
  const auto names = cqc_rating_names();
  if (auto near = closest_match(text, names)) {
    diags.error(row.loc(col), fmt::format("unknown rating '{}' (did you mean '{}'?)", text, *near));
  } else {
    diags.error(row.loc(col),
                fmt::format("unknown rating '{}' (expected Outstanding, Good, Requires improvement, Inadequate "
                            "or empty)",
                            text));
  }
  return std::nullopt;
}

// data/sources.csv: the publications behind the figures, their licences and
// the ICBs an import was limited to. Read first, so practices.csv's
// groupings_source can be checked against it.
void load_sources(const fs::path& project, PracticeData& data, Diagnostics& diags) {
  auto table = open(project, "sources.csv", diags);
  if (!table) return;
  if (!columns(*table, {"id"}, diags)) return;
  auto cell = [&](const CsvRow& row, const char* name) { return std::string(optional_cell(row, table->column(name))); };
  LineIndex seen;
  std::vector<std::string> covered;
  for (std::size_t i = 0; i < table->row_count(); ++i) {
    const CsvRow row = table->row(i);
    Source s{cell(row, "id"),  cell(row, "title"),   cell(row, "publisher"),   cell(row, "period"),
             cell(row, "url"), cell(row, "licence"), cell(row, "attribution"), {},
             row.loc(0)};
    if (auto [it, inserted] = seen.emplace(s.id, row.line()); !inserted) {
      diags.error(row.loc(*table->column("id")),
                  fmt::format("duplicate source '{}' (first at line {})", s.id, it->second));
      continue;
    }
    // Every pack links to it: the same check as a content file's source.
    if (!s.url.empty() && !is_web_address(s.url)) {
      diags.error(row.loc(*table->column("url")),
                  fmt::format("url '{}' must be a web address starting with https:// or http://", s.url));
      s.url.clear();
    }
    for (const auto& code : split(cell(row, "coverage"), ' '))
      if (!code.empty()) s.coverage.push_back(code);
    covered.insert(covered.end(), s.coverage.begin(), s.coverage.end());
    data.sources.push_back(std::move(s));
  }
  std::sort(data.sources.begin(), data.sources.end(),
            [](const Source& a, const Source& b) { return a.title < b.title; });
  std::sort(covered.begin(), covered.end());
  covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
  // Practices of some ICBs only are not England, and must not be called so.
  if (!covered.empty()) data.widest_area = "All imported practices: " + join(covered, " ");
}

void load_practices(const fs::path& project, PracticeData& data, Diagnostics& diags) {
  auto table = open(project, "practices.csv", diags);
  if (!table) return;
  auto cols = columns(*table,
                      {"ods_code", "name", "postcode", "pcn_code", "pcn_name", "sub_icb_code", "sub_icb_name",
                       "icb_code", "icb_name", "region", "list_size"},
                      diags);
  if (!cols) return;
  const auto& c = *cols;
  // Optional columns: the contract type ODS and payments data carry, and
  // when the practice closed and where its groupings come from.
  auto contract = table->column("contract_type");
  if (!contract) contract = table->column("contract");
  const auto closed_on = table->column("closed_on");
  const auto groupings_on = table->column("groupings_on");
  const auto groupings_source = table->column("groupings_source");
  LineIndex seen;
  data.practices.reserve(table->row_count());
  for (std::size_t i = 0; i < table->row_count(); ++i) {
    const CsvRow row = table->row(i);
    bool ok = ods_cell(row, c[0], diags);
    const std::string_view ods = trim(row[c[0]]);
    if (ok) {
      auto [it, inserted] = seen.emplace(std::string(ods), row.line());
      if (!inserted) {
        diags.error(row.loc(c[0]), fmt::format("duplicate practice '{}' (first at line {})", ods, it->second));
        ok = false;
      }
    }
    Practice p;
    if (trim(row[c[1]]).empty()) {
      diags.error(row.loc(c[1]), fmt::format("practice '{}' has no name", ods));
      ok = false;
    }
    const std::string_view list = trim(row[c[10]]);
    if (!list.empty()) {
      std::int64_t n = 0;
      auto [ptr, ec] = std::from_chars(list.data(), list.data() + list.size(), n);
      if (ec != std::errc() || ptr != list.data() + list.size() || n < 0 || n > kLargestListSize) {
        diags.error(row.loc(c[10]),
                    fmt::format("list_size '{}' is not a whole number of patients from 0 to {} (leave it "
                                "empty when unknown)",
                                list, kLargestListSize));
        // The practice is kept (its list size unknown): its other files' rows
        // still name a practice that exists, so this is the one error.
      } else {
        p.list_size = n;
      }
    }
    ok = date_cell(row, closed_on, p.closed_on, diags) && ok;
    ok = date_cell(row, groupings_on, p.groupings_on, diags) && ok;
    p.groupings_source = optional_cell(row, groupings_source);
    if (!p.groupings_source.empty() && !data.find_source(p.groupings_source)) {
      std::vector<std::string> ids;
      for (const Source& s : data.sources) ids.push_back(s.id);
      diags.error(row.loc(*groupings_source),
                  fmt::format("unknown source '{}' ({})", p.groupings_source,
                              ids.empty() ? fmt::format("{} lists no sources", display(project, "sources.csv"))
                                          : suggestion(p.groupings_source, ids)));
      ok = false;
    }
    if (!ok) continue;
    p.ods_code = ods;
    p.name = trim(row[c[1]]);
    p.postcode = trim(row[c[2]]);
    p.pcn_code = trim(row[c[3]]);
    p.pcn_name = trim(row[c[4]]);
    p.sub_icb_code = trim(row[c[5]]);
    p.sub_icb_name = trim(row[c[6]]);
    p.icb_code = trim(row[c[7]]);
    p.icb_name = trim(row[c[8]]);
    p.region = trim(row[c[9]]);
    p.contract_type = optional_cell(row, contract);
    p.loc = row.loc(0);
    data.practices.push_back(std::move(p));
  }
}

void load_indicators(const fs::path& project, PracticeData& data, Diagnostics& diags) {
  auto table = open(project, "indicators.csv", diags);
  if (!table) return;
  auto cols =
      columns(*table, {"id", "name", "domain", "criterion", "unit", "polarity", "source", "description"}, diags);
  if (!cols) return;
  const auto& c = *cols;
  const auto interval = table->column("interval");
  LineIndex seen;
  for (std::size_t i = 0; i < table->row_count(); ++i) {
    const CsvRow row = table->row(i);
    bool ok = true;
    const std::string_view id = trim(row[c[0]]);
    if (id.empty()) {
      diags.error(row.loc(c[0]), "missing indicator id");
      ok = false;
    } else if (auto [it, inserted] = seen.emplace(std::string(id), row.line()); !inserted) {
      diags.error(row.loc(c[0]), fmt::format("duplicate indicator '{}' (first at line {})", id, it->second));
      ok = false;
    }
    Indicator ind;
    auto domain = enum_cell<Domain>(row, c[2], "domain", parse_domain, domain_names(), diags);
    auto unit = enum_cell<Unit>(row, c[4], "unit", parse_unit, unit_names(), diags);
    auto polarity = enum_cell<Polarity>(row, c[5], "polarity", parse_polarity, polarity_names(), diags);
    std::optional<IntervalMethod> method;
    if (!optional_cell(row, interval).empty())
      method =
          enum_cell<IntervalMethod>(row, *interval, "interval", parse_interval_method, interval_method_names(), diags);
    ok = ok && domain && unit && polarity && (method || optional_cell(row, interval).empty());
    const std::string_view crit = trim(row[c[3]]);
    if (!crit.empty()) {
      int n = 0;
      auto [ptr, ec] = std::from_chars(crit.data(), crit.data() + crit.size(), n);
      if (ec != std::errc() || ptr != crit.data() + crit.size() || n < 1 || n > 16) {
        diags.error(row.loc(c[3]),
                    fmt::format("bad criterion '{}' (expected a national criterion number 1-16, or empty)", crit));
        ok = false;
      } else {
        ind.criterion = n;
      }
    }
    if (!ok) continue;
    ind.id = id;
    ind.name = trim(row[c[1]]);
    ind.domain = *domain;
    ind.unit = *unit;
    ind.polarity = *polarity;
    ind.interval = method ? *method : default_interval(*unit);
    ind.source = trim(row[c[6]]);
    ind.description = trim(row[c[7]]);
    ind.loc = row.loc(0);
    data.indicators.push_back(std::move(ind));
  }
}

// Whether a value's numbers fit the indicator's interval method: Wilson
// needs whole people out of whole people, Byar a whole count of events. A
// value that does not fit is an error rather than quietly left uncompared, so
// the same indicator is judged the same way in every period.
bool fits_interval(const CsvRow& row, std::size_t num_col, std::size_t den_col, const Value& v, const Indicator& ind,
                   Diagnostics& diags) {
  if (ind.interval == IntervalMethod::kNone) return true;
  const bool wilson = ind.interval == IntervalMethod::kWilson;
  const std::string why = fmt::format(
      "indicator '{}' has interval '{}'{}; give it interval 'none' in indicators.csv if its figures are "
      "not counts",
      ind.id, to_string(ind.interval), wilson ? " (people out of people)" : " (a count of events)");
  bool ok = true;
  if (v.numerator && (*v.numerator < 0 || std::floor(*v.numerator) != *v.numerator)) {
    diags.error(row.loc(num_col), fmt::format("numerator '{}' is not a whole count: {}", trim(row[num_col]), why));
    ok = false;
  }
  if (wilson && v.denominator && std::floor(*v.denominator) != *v.denominator) {
    diags.error(row.loc(den_col), fmt::format("denominator '{}' is not a whole count: {}", trim(row[den_col]), why));
    ok = false;
  }
  if (ok && wilson && v.numerator && v.denominator && *v.numerator > *v.denominator) {
    diags.error(row.loc(num_col), fmt::format("numerator {} is above its denominator {}: {}", trim(row[num_col]),
                                              trim(row[den_col]), why));
    ok = false;
  }
  return ok;
}

void load_values(const fs::path& project, PracticeData& data, const LineIndex& practices,
                 const std::vector<std::string>& indicator_ids, Diagnostics& diags) {
  data.values_path = display(project, "values.csv");
  auto table = open(project, "values.csv", diags);
  if (!table) return;
  auto cols = columns(*table, {"ods_code", "indicator_id", "period", "value", "numerator", "denominator"}, diags);
  if (!cols) return;
  const auto& c = *cols;
  std::unordered_map<std::string_view, const Indicator*> indicators;
  for (const auto& ind : data.indicators) indicators.emplace(ind.id, &ind);
  const std::string practices_path = display(project, "practices.csv");

  data.values.reserve(table->row_count());
  for (std::size_t i = 0; i < table->row_count(); ++i) {
    const CsvRow row = table->row(i);
    bool ok = registered_practice(row, c[0], practices, data, practices_path, diags);
    const std::string_view ods = trim(row[c[0]]);
    const std::string_view ind = trim(row[c[1]]);
    const auto known = indicators.find(ind);
    if (known == indicators.end()) {
      if (ind.empty()) {
        diags.error(row.loc(c[1]), "missing indicator id");
      } else if (auto near = closest_match(ind, indicator_ids)) {
        diags.error(row.loc(c[1]), fmt::format("unknown indicator '{}' (did you mean '{}'?)", ind, *near));
      } else {
        diags.error(row.loc(c[1]),
                    fmt::format("unknown indicator '{}' (not in {})", ind, display(project, "indicators.csv")));
      }
      ok = false;
    }
    const std::string_view period_text = trim(row[c[2]]);
    auto period = Period::parse(period_text);
    if (!period) {
      diags.error(row.loc(c[2]), bad_period_message(period_text));
      ok = false;
    }
    Value v;
    ok = number_cell(row, c[3], "value", v.value, diags) && ok;
    ok = number_cell(row, c[4], "numerator", v.numerator, diags) && ok;
    ok = number_cell(row, c[5], "denominator", v.denominator, diags) && ok;
    if (v.denominator && *v.denominator < 0) {
      diags.error(row.loc(c[5]), fmt::format("denominator '{}' is negative", trim(row[c[5]])));
      ok = false;
    }
    if (ok && known != indicators.end()) ok = fits_interval(row, c[4], c[5], v, *known->second, diags);
    if (!ok) continue;
    v.ods_code = ods;
    v.indicator_id = ind;
    v.period = *period;
    v.line = row.line();
    data.values.push_back(std::move(v));
  }
}

void load_cqc(const fs::path& project, PracticeData& data, const LineIndex& practices, Diagnostics& diags) {
  auto table = open(project, "cqc.csv", diags);
  if (!table) return;
  auto cols = columns(
      *table, {"ods_code", "inspected_on", "overall", "safe", "effective", "caring", "responsive", "well_led"}, diags);
  if (!cols) return;
  const auto& c = *cols;
  const std::string practices_path = display(project, "practices.csv");
  LineIndex seen;
  for (std::size_t i = 0; i < table->row_count(); ++i) {
    const CsvRow row = table->row(i);
    bool ok = registered_practice(row, c[0], practices, data, practices_path, diags);
    const std::string_view ods = trim(row[c[0]]);
    if (ok) {
      if (auto [it, inserted] = seen.emplace(std::string(ods), row.line()); !inserted) {
        diags.error(row.loc(c[0]),
                    fmt::format("duplicate CQC rating for '{}' (first at line {}; keep one row per practice)", ods,
                                it->second));
        ok = false;
      }
    }
    CqcRating r;
    const std::string_view date = trim(row[c[1]]);
    if (!date.empty()) {
      if (is_iso_date(date)) {
        r.inspected_on = std::string(date);
      } else {
        diags.error(row.loc(c[1]), fmt::format("bad date '{}' (expected YYYY-MM-DD)", date));
        ok = false;
      }
    }
    r.overall = rating_cell(row, c[2], ok, diags);
    r.safe = rating_cell(row, c[3], ok, diags);
    r.effective = rating_cell(row, c[4], ok, diags);
    r.caring = rating_cell(row, c[5], ok, diags);
    r.responsive = rating_cell(row, c[6], ok, diags);
    r.well_led = rating_cell(row, c[7], ok, diags);
    if (!ok) continue;
    r.ods_code = ods;
    r.loc = row.loc(0);
    data.cqc.push_back(std::move(r));
  }
}

// data/age_sex.csv (optional): registered patients by sex and 5-year age band.
void load_age_sex(const fs::path& project, PracticeData& data, const LineIndex& practices, Diagnostics& diags) {
  auto table = open(project, "age_sex.csv", diags);
  if (!table) return;
  auto cols = columns(*table, {"ods_code", "period", "sex", "age_band", "patients"}, diags);
  if (!cols) return;
  const auto& c = *cols;
  const std::string practices_path = display(project, "practices.csv");
  for (std::size_t i = 0; i < table->row_count(); ++i) {
    const CsvRow row = table->row(i);
    bool ok = registered_practice(row, c[0], practices, data, practices_path, diags);
    const std::string_view ods = trim(row[c[0]]);
    const auto period = Period::parse(trim(row[c[1]]));
    if (!period) {
      diags.error(row.loc(c[1]), bad_period_message(trim(row[c[1]])));
      ok = false;
    }
    const std::string_view sex = trim(row[c[2]]);
    if (sex != "female" && sex != "male") {
      diags.error(row.loc(c[2]), fmt::format("bad sex '{}' (expected female or male)", sex));
      ok = false;
    }
    const auto band = age_band_index(trim(row[c[3]]));
    if (!band) {
      diags.error(row.loc(c[3]), fmt::format("bad age band '{}' (expected one of: {})", trim(row[c[3]]),
                                             join(std::vector<std::string>(kAgeBands.begin(), kAgeBands.end()))));
      ok = false;
    }
    std::optional<double> patients;
    ok = number_cell(row, c[4], "patients", patients, diags) && ok;
    if (ok && (!patients || *patients < 0)) {
      diags.error(row.loc(c[4]), fmt::format("bad patients '{}' (expected a count of 0 or more)", trim(row[c[4]])));
      ok = false;
    }
    if (ok) data.age_sex.push_back({std::string(ods), *period, sex == "female", *band, *patients});
  }
  std::stable_sort(data.age_sex.begin(), data.age_sex.end(), [](const AgeSexCount& a, const AgeSexCount& b) {
    return std::tie(a.ods_code, a.period) < std::tie(b.ods_code, b.period);
  });
}

}  // namespace

PracticeData load_practice_data(const fs::path& project, Diagnostics& diags) {
  PracticeData data;
  load_sources(project, data, diags);
  const std::size_t errors_before = diags.error_count();
  load_practices(project, data, diags);
  data.register_complete = diags.error_count() == errors_before;
  load_indicators(project, data, diags);

  LineIndex practices;
  for (const auto& p : data.practices) practices.emplace(p.ods_code, p.loc.line);
  std::vector<std::string> indicator_ids;
  for (const auto& ind : data.indicators) indicator_ids.push_back(ind.id);

  load_values(project, data, practices, indicator_ids, diags);
  load_cqc(project, data, practices, diags);
  load_age_sex(project, data, practices, diags);
  data.reindex();

  // Sorted by key (stably, so file order within a key): a duplicate is next
  // to its first occurrence.
  std::vector<bool> drop(data.values.size(), false);
  bool duplicates = false;
  for (std::size_t i = 1, first = 0; i < data.values.size(); ++i) {
    const Value& a = data.values[first];
    const Value& v = data.values[i];
    if (a.ods_code == v.ods_code && a.indicator_id == v.indicator_id && a.period == v.period) {
      diags.error(data.loc(v), fmt::format("duplicate value for {} {} {} (first at line {})", v.ods_code,
                                           v.indicator_id, v.period.str(), a.line));
      drop[i] = duplicates = true;
    } else {
      first = i;
    }
  }
  if (duplicates) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < data.values.size(); ++i)
      if (!drop[i]) {
        if (out != i) data.values[out] = std::move(data.values[i]);
        ++out;
      }
    data.values.resize(out);
    data.reindex();
  }
  return data;
}

}  // namespace gpress
