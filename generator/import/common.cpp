#include "import/common.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/gzip.hpp"
#include "core/text.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

namespace {

const std::vector<std::string> kPracticeColumns = {
    "ods_code", "name",     "postcode", "pcn_code",  "pcn_name",  "sub_icb_code", "sub_icb_name",
    "icb_code", "icb_name", "region",   "list_size", "closed_on", "groupings_on", "groupings_source"};
const std::vector<std::string> kValueColumns = {"ods_code", "indicator_id", "period",
                                                "value",    "numerator",    "denominator"};
const std::vector<std::string> kIndicatorColumns = {"id",       "name",     "domain", "criterion",  "unit",
                                                    "polarity", "interval", "source", "description"};
const std::vector<std::string> kCqcColumns = {"ods_code",  "inspected_on", "overall",    "safe",
                                              "effective", "caring",       "responsive", "well_led"};
const std::vector<std::string> kAgeSexColumns = {"ods_code", "period", "sex", "age_band", "patients"};
const std::vector<std::string> kSourceColumns = {"id",  "title",   "publisher",   "period",
                                                 "url", "licence", "attribution", "coverage"};
const std::vector<std::string> kSubIcbColumns = {"sub_icb_code", "sub_icb_name", "icb_code", "icb_name"};

// A data file of the project as rows in `columns` order (missing columns read
// as empty), or nullopt when the file does not exist.
std::optional<std::vector<std::vector<std::string>>> read_data_file(const fs::path& plain, const std::string& shown,
                                                                    const std::vector<std::string>& columns,
                                                                    Diagnostics& diags) {
  const fs::path file = data_file(plain);
  if (!fs::exists(file)) return std::nullopt;
  CsvTable table = read_csv(file, diags, {}, file == plain ? shown : shown + ".gz");
  std::vector<std::optional<std::size_t>> idx;
  for (const auto& c : columns) idx.push_back(table.column(c));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.row_count());
  for (std::size_t i = 0; i < table.row_count(); ++i) {
    const CsvRow row = table.row(i);
    std::vector<std::string> out;
    out.reserve(columns.size());
    for (const auto& c : idx) out.emplace_back(c ? trim(row[*c]) : std::string_view{});
    rows.push_back(std::move(out));
  }
  return rows;
}

std::string write_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  CsvWriter w;
  w.row(header);
  for (const auto& r : rows) w.row(r);
  return w.take();
}

// Sort key of a period: parsed periods in time order, anything else after.
std::tuple<int, int, std::string> period_key(const std::string& text) {
  if (auto p = Period::parse(text)) return {0, p->first_month() * 4 + static_cast<int>(p->kind), {}};
  return {1, 0, text};
}

using Table = std::vector<std::vector<std::string>>;

// values.csv: the kept rows of other indicators (of registered practices),
// then the imported ones, by practice, indicator and period.
std::string values_csv(const std::optional<Table>& old_values, std::vector<ValueRow> imported,
                       const std::vector<IndicatorDef>& indicators,
                       const std::function<bool(const std::string&)>& registered) {
  std::unordered_set<std::string> ids;
  for (const auto& ind : indicators) ids.insert(ind.id);
  std::vector<ValueRow> values;
  if (old_values)
    for (const auto& r : *old_values)
      if (!ids.count(r[1]) && registered(r[0])) values.push_back({r[0], r[1], r[2], r[3], r[4], r[5]});
  for (auto& r : imported) values.push_back(std::move(r));
  std::sort(values.begin(), values.end(), [](const ValueRow& a, const ValueRow& b) {
    return std::tie(a.ods_code, a.indicator_id) < std::tie(b.ods_code, b.indicator_id) ||
           (std::tie(a.ods_code, a.indicator_id) == std::tie(b.ods_code, b.indicator_id) &&
            period_key(a.period) < period_key(b.period));
  });
  CsvWriter w;
  w.row(kValueColumns);
  for (const auto& r : values) w.row({r.ods_code, r.indicator_id, r.period, r.value, r.numerator, r.denominator});
  return w.take();
}

// indicators.csv: the other indicators as they were, and the imported ones.
std::string indicators_csv(std::optional<Table> old_indicators, const std::vector<IndicatorDef>& indicators,
                           const std::string& source_id) {
  std::unordered_set<std::string> ids;
  for (const auto& ind : indicators) ids.insert(ind.id);
  Table rows;
  if (old_indicators)
    for (auto& r : *old_indicators)
      if (!ids.count(r[0])) rows.push_back(std::move(r));
  for (const auto& ind : indicators) {
    rows.push_back({ind.id, ind.name, std::string(to_string(ind.domain)),
                    ind.criterion ? std::to_string(*ind.criterion) : std::string(), std::string(to_string(ind.unit)),
                    std::string(to_string(ind.polarity)), ind.interval, source_id, ind.description});
  }
  std::sort(rows.begin(), rows.end());
  return write_table(kIndicatorColumns, rows);
}

// sources.csv: the other sources as they were, and this import's.
std::string sources_csv(std::optional<Table> old_sources, const SourceInfo& source, const std::string& coverage) {
  Table rows;
  if (old_sources)
    for (auto& r : *old_sources)
      if (r[0] != source.id) rows.push_back(std::move(r));
  rows.push_back(
      {source.id, source.title, source.publisher, source.period, source.url, kOgl, source.attribution, coverage});
  std::sort(rows.begin(), rows.end());
  return write_table(kSourceColumns, rows);
}

std::string practices_csv(const std::map<std::string, PracticeRow>& practices) {
  Table rows;
  for (const auto& [code, p] : practices)
    rows.push_back({p.ods_code, p.name, p.postcode, p.pcn_code, p.pcn_name, p.sub_icb_code, p.sub_icb_name, p.icb_code,
                    p.icb_name, p.region, p.list_size, p.closed_on, p.groupings_on, p.groupings_source});
  return write_table(kPracticeColumns, rows);
}

std::string sub_icbs_csv(const std::map<std::string, SubIcbRow>& sub_icbs) {
  Table rows;
  for (const auto& [code, s] : sub_icbs) rows.push_back({s.sub_icb_code, s.sub_icb_name, s.icb_code, s.icb_name});
  return write_table(kSubIcbColumns, rows);
}

// Writes each file, keeping its previous version beside it (so an import
// that went wrong can be undone by hand). A file committed compressed
// (data/values.csv.gz) stays compressed.
void write_with_backups(std::vector<std::pair<fs::path, std::string>> outputs) {
  for (auto& [path, bytes] : outputs) {
    path = data_file(path);
    if (path.extension() == ".gz") bytes = gzip_compress(bytes);
  }
  for (const auto& [path, bytes] : outputs) {
    if (fs::exists(path)) {
      fs::path bak = path;
      bak += ".bak";
      write_file_atomic(bak, read_file(path));
    }
  }
  for (const auto& [path, bytes] : outputs) write_file_atomic(path, bytes);
}

}  // namespace

ImportContext::ImportContext(const ImportOptions& options) : options_(options), data_dir_(options.project / "data") {
  load_existing();
}

std::string ImportContext::data_display(const char* name) const {
  return (options_.project / "data" / name).lexically_normal().generic_string();
}

void ImportContext::load_existing() {
  if (auto rows = read_data_file(data_dir_ / "practices.csv", data_display("practices.csv"), kPracticeColumns, diags)) {
    has_register_ = true;
    for (auto& r : *rows) {
      PracticeRow p{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]};
      practices_.emplace(p.ods_code, std::move(p));
    }
  }
  if (auto rows = read_data_file(data_dir_ / "sub_icbs.csv", data_display("sub_icbs.csv"), kSubIcbColumns, diags)) {
    for (auto& r : *rows) sub_icbs_.emplace(r[0], SubIcbRow{r[0], r[1], r[2], r[3]});
  }
  if (auto rows = read_data_file(data_dir_ / "sources.csv", data_display("sources.csv"), kSourceColumns, diags)) {
    for (auto& r : *rows)
      if (r[0] == "epraccur") register_coverage_ = r[7];
  }
}

bool ImportContext::require_register() {
  if (has_register_) return true;
  if (!register_reported_) {
    diags.error(SourceLoc{data_display("practices.csv")},
                "no practice register yet: run `gpress import epraccur epraccur.csv` first, so rows can be "
                "matched to practices and --icb can select them");
    register_reported_ = true;
  }
  return false;
}

Membership ImportContext::membership(std::string_view ods) const {
  auto it = practices_.find(std::string(ods));
  if (it == practices_.end()) return Membership::kNotInRegister;
  if (options_.icbs.empty() ||
      std::find(options_.icbs.begin(), options_.icbs.end(), it->second.icb_code) != options_.icbs.end())
    return Membership::kKept;
  return Membership::kOutsideIcb;
}

void ImportContext::offer_groupings(const std::string& ods, Groupings g, const std::string& on,
                                    const std::string& source) {
  auto it = practices_.find(ods);
  if (it == practices_.end()) return;
  PracticeRow& p = it->second;
  // epraccur names no PCN, so any source that does beats it.
  auto rank = [](const std::string& src, const std::string& date) { return std::make_pair(src != "epraccur", date); };
  if (!p.groupings_source.empty() && rank(p.groupings_source, p.groupings_on) > rank(source, on)) return;
  if (auto s = sub_icbs_.find(g.sub_icb_code); s != sub_icbs_.end()) {
    if (g.icb_code.empty()) g.icb_code = s->second.icb_code;
    if (s->second.icb_code == g.icb_code) g.icb_name = s->second.icb_name;
    if (g.sub_icb_name.empty()) g.sub_icb_name = s->second.sub_icb_name;
  }
  if (g.icb_code.empty()) {  // a sub-ICB the lookup does not know: the ICB stays
    g.icb_code = p.icb_code;
    g.icb_name = p.icb_name;
  }
  auto keep_name = [](const std::string& old_code, const std::string& old_name, const std::string& code,
                      std::string& name) {
    if (code == old_code && !old_name.empty()) name = old_name;
  };
  keep_name(p.pcn_code, p.pcn_name, g.pcn_code, g.pcn_name);
  keep_name(p.sub_icb_code, p.sub_icb_name, g.sub_icb_code, g.sub_icb_name);
  keep_name(p.icb_code, p.icb_name, g.icb_code, g.icb_name);
  p.pcn_code = std::move(g.pcn_code);
  p.pcn_name = std::move(g.pcn_name);
  p.sub_icb_code = std::move(g.sub_icb_code);
  p.sub_icb_name = std::move(g.sub_icb_name);
  p.icb_code = std::move(g.icb_code);
  p.icb_name = std::move(g.icb_name);
  p.groupings_on = on;
  p.groupings_source = source;
  practices_dirty_ = true;
}

void ImportContext::check_icbs(const std::set<std::string>& known, std::string_view where) {
  const std::vector<std::string> names(known.begin(), known.end());
  for (const auto& icb : options_.icbs) {
    if (known.count(icb)) continue;
    if (auto near = closest_match(icb, names)) {
      diags.error(SourceLoc{std::string(where)},
                  fmt::format("--icb {}: no practice has this ICB code (did you mean '{}'?)", icb, *near));
    } else {
      diags.error(SourceLoc{std::string(where)},
                  fmt::format("--icb {}: no practice has this ICB code (ICB codes are three characters, e.g. QMJ "
                              "for North Central London)",
                              icb));
    }
  }
}

void ImportContext::set_values(const std::vector<IndicatorDef>& indicators, std::vector<ValueRow> rows) {
  values_set_ = true;
  indicators_ = indicators;
  values_ = std::move(rows);
}

void ImportContext::set_cqc(std::vector<std::vector<std::string>> rows) { cqc_ = std::move(rows); }
void ImportContext::set_age_sex(std::vector<std::vector<std::string>> rows) { age_sex_ = std::move(rows); }

ImportResult ImportContext::commit(std::string summary) {
  // Read everything that is kept before writing anything, so a problem in an
  // existing file stops the import with nothing changed.
  std::optional<Table> old_values, old_indicators, old_sources, old_cqc;
  // A new register drops the rows of practices no longer in it, so the
  // project stays loadable.
  const bool purge = practices_dirty_;
  if (values_set_ || purge)
    old_values = read_data_file(data_dir_ / "values.csv", data_display("values.csv"), kValueColumns, diags);
  if (values_set_)
    old_indicators =
        read_data_file(data_dir_ / "indicators.csv", data_display("indicators.csv"), kIndicatorColumns, diags);
  if (purge && !cqc_) old_cqc = read_data_file(data_dir_ / "cqc.csv", data_display("cqc.csv"), kCqcColumns, diags);
  if (purge && !age_sex_)
    age_sex_ = read_data_file(data_dir_ / "age_sex.csv", data_display("age_sex.csv"), kAgeSexColumns, diags);
  if (source_)
    old_sources = read_data_file(data_dir_ / "sources.csv", data_display("sources.csv"), kSourceColumns, diags);
  if (diags.has_errors()) throw InputError(diags);

  const std::function<bool(const std::string&)> registered = [&](const std::string& ods) {
    return !purge || practices_.count(ods) > 0;
  };
  std::vector<std::pair<fs::path, std::string>> outputs;
  if (values_set_ || (purge && old_values))
    outputs.emplace_back(data_dir_ / "values.csv", values_csv(old_values, std::move(values_), indicators_, registered));
  if (values_set_)
    outputs.emplace_back(data_dir_ / "indicators.csv",
                         indicators_csv(std::move(old_indicators), indicators_, source_ ? source_->id : std::string()));
  if (old_cqc) {
    Table kept;
    for (auto& r : *old_cqc)
      if (registered(r[0])) kept.push_back(std::move(r));
    cqc_ = std::move(kept);
  } else if (cqc_ && purge) {
    std::erase_if(*cqc_, [&](const std::vector<std::string>& r) { return !registered(r[0]); });
  }
  if (source_)
    outputs.emplace_back(data_dir_ / "sources.csv",
                         sources_csv(std::move(old_sources), *source_, join(options_.icbs, " ")));
  if (cqc_) {
    std::sort(cqc_->begin(), cqc_->end());
    outputs.emplace_back(data_dir_ / "cqc.csv", write_table(kCqcColumns, *cqc_));
  }
  if (age_sex_) {
    std::erase_if(*age_sex_, [&](const std::vector<std::string>& r) { return !registered(r[0]); });
    outputs.emplace_back(data_dir_ / "age_sex.csv", write_table(kAgeSexColumns, *age_sex_));
  }
  if (practices_dirty_) outputs.emplace_back(data_dir_ / "practices.csv", practices_csv(practices_));
  if (sub_icbs_dirty_) outputs.emplace_back(data_dir_ / "sub_icbs.csv", sub_icbs_csv(sub_icbs_));
  write_with_backups(std::move(outputs));
  // Warnings (a file read as Windows-1252) follow the summary line, so the
  // user sees them even though the import went ahead.
  if (!diags.all().empty()) {
    std::string warnings = diags.str();
    warnings.pop_back();
    summary += "\n" + warnings;
  }
  return ImportResult{std::move(summary)};
}

std::string format_number(double v) {
  // A quotient of published numbers carries noise in its last bits (27.9 /
  // 55.8 x 100 is 49.99999999999999 in binary): rounding to the 15
  // significant digits every double holds exactly removes it, and keeps any
  // published figure of up to 15 digits as it was written.
  const std::string digits = fmt::format("{:.15g}", v);
  double r = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), r);
  if (r == 0) r = 0;  // no "-0"
  return fmt::format("{}", r);
}

std::string format_optional(const std::optional<double>& v) { return v ? format_number(*v) : std::string(); }

ValueRow make_row(std::string_view ods, const IndicatorDef& ind, std::string_view period, std::optional<double> value,
                  std::optional<double> numerator, std::optional<double> denominator) {
  if (numerator && denominator) {
    value = *denominator > 0 ? std::optional<double>(unit_scale(ind.unit) * *numerator / *denominator) : std::nullopt;
  }
  return ValueRow{std::string(ods),           ind.id,
                  std::string(period),        format_optional(value),
                  format_optional(numerator), format_optional(denominator)};
}

std::optional<std::string> financial_year_in(std::string_view name) {
  // 2022-23, 2022_23 or 22-23, with the second year following the first.
  for (std::size_t i = 0; i + 5 <= name.size(); ++i) {
    auto is_digit = [&](std::size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; };
    auto num = [&](std::size_t k, std::size_t len) {
      int v = 0;
      for (std::size_t j = k; j < k + len; ++j) v = v * 10 + (name[j] - '0');
      return v;
    };
    if (i > 0 && is_digit(i - 1)) continue;
    if (is_digit(i) && is_digit(i + 1) && is_digit(i + 2) && is_digit(i + 3) && i + 7 <= name.size() &&
        (name[i + 4] == '-' || name[i + 4] == '_') && is_digit(i + 5) && is_digit(i + 6) && !is_digit(i + 7)) {
      const int y = num(i, 4);
      if (num(i + 5, 2) == (y + 1) % 100) return fmt::format("{:04}-{:02}", y, (y + 1) % 100);
    }
    if (is_digit(i) && is_digit(i + 1) && (name[i + 2] == '-' || name[i + 2] == '_') && is_digit(i + 3) &&
        is_digit(i + 4) && !is_digit(i + 5)) {
      const int y = num(i, 2);
      if (num(i + 3, 2) == (y + 1) % 100) return fmt::format("20{:02}-{:02}", y, (y + 1) % 100);
    }
  }
  return std::nullopt;
}

std::optional<std::string> period_for(const ImportContext& ctx, const fs::path& file,
                                      const std::optional<std::string>& from_file, Diagnostics& diags,
                                      std::string_view example) {
  const std::string& given = ctx.options().period;
  if (!given.empty()) {
    if (auto p = Period::parse(given)) return p->str();
    diags.error(SourceLoc{"--period"}, bad_period_message(given));
    return std::nullopt;
  }
  if (from_file) return from_file;
  diags.error(
      SourceLoc{ImportContext::display(file)},
      fmt::format("cannot tell which period this file covers; give it with --period (e.g. --period {})", example));
  return std::nullopt;
}

std::string period_end_date(std::string_view text) {
  auto p = Period::parse(text);
  if (!p) return {};
  const int last = p->last_month();  // months since year 0
  const int year = last / 12, month = last % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return fmt::format("{:04}-{:02}-{:02}", year, month, kDays[month - 1] + (month == 2 && leap ? 1 : 0));
}

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string region_name(std::string_view code) {
  static const std::map<std::string_view, std::string_view> kRegions = {{"Y56", "London"},
                                                                        {"Y58", "South West"},
                                                                        {"Y59", "South East"},
                                                                        {"Y60", "Midlands"},
                                                                        {"Y61", "East of England"},
                                                                        {"Y62", "North West"},
                                                                        {"Y63", "North East and Yorkshire"}};
  auto it = kRegions.find(code);
  return it == kRegions.end() ? std::string(code) : std::string(it->second);
}

}  // namespace gpress::import_detail
