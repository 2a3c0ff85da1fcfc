// NHS England's monthly access publications, read from their .xlsx
// workbooks as downloaded:
//  - Cloud Based Telephony, sheet "Table 3" (inbound calls by outcome): two
//    header rows (a merged outcome label over Total / %), a national Total
//    row first, practices keyed by "GP Practice \r\n(ODS_CODE)";
//  - Submissions via Online Consultation Systems, sheet "Table 2".
// Both have title blocks above the header and footnote markers in header
// cells ("Submissions [7]"), and give the month as an Excel serial date.
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"
#include "import/xlsx_reader.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

namespace {

const IndicatorDef kMissed = {
    "calls_missed_pct", "Missed calls", Domain::kPatientExperience, 15, Unit::kPercent, Polarity::kLowerIsBetter,
    "Inbound calls to the practice's cloud-based telephony that were missed (not answered, not ended in the IVR "
    "and not a call-back request), as a percentage of inbound calls in the month. Numerator: missed calls; "
    "denominator: inbound calls. Only practices on cloud-based telephony are published."};
const IndicatorDef kOc = {
    "oc_submissions_per_1000", "Online consultation submissions per 1,000 patients", Domain::kPatientExperience, 16,
    Unit::kPer1000, Polarity::kNeither,
    "Submissions received through online consultation systems in the month per 1,000 registered patients. "
    "Numerator: submissions; denominator: registered patients."};

// A header cell without its footnote markers, folded: "Submissions [7]" ->
// "submissions", "GP Practice \r\n(ODS_CODE)" -> "gp practice (ods_code)".
std::string header_key(std::string_view cell) {
  std::string out;
  int depth = 0;
  for (char c : cell) {
    if (c == '[') ++depth;
    if (depth == 0) out += c;
    if (c == ']' && depth > 0) --depth;
  }
  return fold_header(out);
}

struct Layout {
  std::size_t header_row = 0;
  std::map<std::string, std::size_t> columns;  // header key -> column
};

// The first row (of the first 60) with a cell whose key is `anchor`.
std::optional<Layout> find_header(const XlsxSheet& sheet, std::string_view anchor, Diagnostics& diags) {
  for (std::size_t r = 0; r < sheet.rows.size() && r < 60; ++r) {
    Layout layout;
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const std::string key = header_key(sheet.rows[r][c]);
      if (!key.empty()) layout.columns.emplace(key, c);
    }
    if (layout.columns.count(std::string(anchor))) {
      layout.header_row = r;
      return layout;
    }
  }
  diags.error(SourceLoc{sheet.path}, fmt::format("no header row with a '{}' column in sheet '{}' (is this the "
                                                 "publication's own workbook?)",
                                                 anchor, sheet.name));
  return std::nullopt;
}

std::optional<std::size_t> column(const XlsxSheet& sheet, const Layout& layout, std::string_view key,
                                  Diagnostics& diags) {
  auto it = layout.columns.find(std::string(key));
  if (it != layout.columns.end()) return it->second;
  diags.error(sheet.loc(layout.header_row, 0),
              fmt::format("no '{}' column in the header row of sheet '{}'", key, sheet.name));
  return std::nullopt;
}

std::optional<double> number(const XlsxSheet& sheet, std::size_t r, std::size_t c, bool& ok, Diagnostics& diags) {
  const std::string_view text = trim(sheet.cell(r, c));
  if (text.empty() || text == "*" || text == "-" || text == "..") return std::nullopt;
  if (auto v = parse_number(text)) return v;
  ok = false;
  diags.error(sheet.loc(r, c), fmt::format("'{}' is not a number", text));
  return std::nullopt;
}

std::optional<std::string> month_of(const ImportContext& ctx, const XlsxSheet& sheet, std::size_t r,
                                    std::optional<std::size_t> c, Diagnostics& diags) {
  if (!ctx.options().period.empty() || !c) return period_for(ctx, sheet.path, std::nullopt, diags, "2025-12");
  const std::string_view text = trim(sheet.cell(r, *c));
  if (auto v = parse_number(text))
    if (auto m = excel_serial_month(*v)) return m;
  if (auto p = Period::parse(text.substr(0, std::min<std::size_t>(7, text.size())))) return p->str();
  diags.error(sheet.loc(r, *c), fmt::format("bad month '{}' (expected an Excel date; or give --period)", text));
  return std::nullopt;
}

using Reader = void (*)(ImportContext&, const XlsxSheet&, std::vector<ValueRow>&, std::set<std::string>&,
                        std::map<std::pair<std::string, std::string>, SourceLoc>&);

ImportResult run(ImportContext& ctx, const char* sheet_name, Reader reader, const IndicatorDef& def,
                 const SourceInfo& info, const char* what) {
  ctx.require_register();
  std::vector<ValueRow> rows;
  std::set<std::string> periods;
  std::map<std::pair<std::string, std::string>, SourceLoc> first;
  for (const auto& file : ctx.options().files) {
    auto sheet = read_xlsx_sheet(file, sheet_name, ctx.diags);
    if (sheet) reader(ctx, *sheet, rows, periods, first);
  }
  SourceInfo source = info;
  source.period = periods.empty() ? std::string() : *periods.begin() + " to " + *periods.rbegin();
  if (periods.size() == 1) source.period = *periods.begin();
  ctx.set_source(source);
  const std::size_t n = rows.size();
  ctx.set_values({def}, std::move(rows));
  return ctx.commit(fmt::format("{}: {} values over {} month(s)", what, n, periods.size()));
}

bool first_time(ImportContext& ctx, std::map<std::pair<std::string, std::string>, SourceLoc>& first,
                const std::string& ods, const std::string& period, SourceLoc loc) {
  auto [it, inserted] = first.emplace(std::make_pair(ods, period), loc);
  if (inserted) return true;
  ctx.diags.error(loc, fmt::format("practice {} is listed twice for {} (first at {})", ods, period, it->second.str()));
  return false;
}

void read_telephony(ImportContext& ctx, const XlsxSheet& sheet, std::vector<ValueRow>& rows,
                    std::set<std::string>& periods, std::map<std::pair<std::string, std::string>, SourceLoc>& first) {
  auto& diags = ctx.diags;
  auto layout = find_header(sheet, "gp practice (ods_code)", diags);
  if (!layout) return;
  auto code = column(sheet, *layout, "gp practice (ods_code)", diags);
  auto inbound = column(sheet, *layout, "count of inbound calls", diags);
  auto missed = column(sheet, *layout, "missed", diags);
  std::optional<std::size_t> month;
  if (auto it = layout->columns.find("month"); it != layout->columns.end()) month = it->second;
  if (!code || !inbound || !missed) return;
  for (std::size_t r = layout->header_row + 1; r < sheet.rows.size(); ++r) {
    const std::string ods(trim(sheet.cell(r, *code)));
    if (!is_ods_practice_code(ods)) continue;  // the national Total row, blank and footnote rows
    bool ok = true;
    auto in = number(sheet, r, *inbound, ok, diags);
    auto miss = number(sheet, r, *missed, ok, diags);
    auto period = month_of(ctx, sheet, r, month, diags);
    if (!ok || !period || !ctx.keep(ods)) continue;
    if (!first_time(ctx, first, ods, *period, sheet.loc(r, *code))) continue;
    periods.insert(*period);
    rows.push_back(make_row(ods, kMissed, *period, std::nullopt, miss, in, 0));
  }
}

void read_online_consultations(ImportContext& ctx, const XlsxSheet& sheet, std::vector<ValueRow>& rows,
                               std::set<std::string>& periods,
                               std::map<std::pair<std::string, std::string>, SourceLoc>& first) {
  auto& diags = ctx.diags;
  auto layout = find_header(sheet, "gp code", diags);
  if (!layout) return;
  auto code = column(sheet, *layout, "gp code", diags);
  auto submissions = column(sheet, *layout, "submissions", diags);
  auto patients = column(sheet, *layout, "registered patient count", diags);
  std::optional<std::size_t> month;
  if (auto it = layout->columns.find("month"); it != layout->columns.end()) month = it->second;
  if (!code || !submissions || !patients) return;
  for (std::size_t r = layout->header_row + 1; r < sheet.rows.size(); ++r) {
    const std::string ods(trim(sheet.cell(r, *code)));
    if (!is_ods_practice_code(ods)) continue;
    bool ok = true;
    auto subs = number(sheet, r, *submissions, ok, diags);
    auto pats = number(sheet, r, *patients, ok, diags);
    auto period = month_of(ctx, sheet, r, month, diags);
    if (!ok || !period || !ctx.keep(ods)) continue;
    if (!first_time(ctx, first, ods, *period, sheet.loc(r, *code))) continue;
    periods.insert(*period);
    rows.push_back(make_row(ods, kOc, *period, std::nullopt, subs, pats, 0));
  }
}

}  // namespace

ImportResult import_telephony(ImportContext& ctx) {
  return run(ctx, "Table 3", read_telephony, kMissed,
             {"telephony", "Cloud Based Telephony Data in General Practice", "NHS England", "",
              "https://digital.nhs.uk/data-and-information/publications/statistical/"
              "cloud-based-telephony-data-in-general-practice",
              "Contains public sector information from NHS England licensed under the Open Government Licence v3.0."},
             "telephony");
}

ImportResult import_online_consultations(ImportContext& ctx) {
  return run(ctx, "Table 2", read_online_consultations, kOc,
             {"online-consultations", "Submissions via Online Consultation Systems in General Practice",
              "NHS England", "",
              "https://digital.nhs.uk/data-and-information/publications/statistical/"
              "submissions-via-online-consultation-systems-in-general-practice",
              "Contains public sector information from NHS England licensed under the Open Government Licence v3.0."},
             "online-consultations");
}

}  // namespace gpress::import_detail
