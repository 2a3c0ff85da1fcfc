#include "xlsx/thematic_workbook.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

#include <fmt/format.h>

#include "analyse/risk.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "xlsx/workbook.hpp"

namespace gpress {
namespace {

void check(lxw_error err, const char* what) { xlsx::check(err, "thematic workbook", what); }

// The quarter's last day at noon UTC: the report describes the quarter as it
// ended, and a fixed instant keeps the bytes reproducible.
time_t created_at(const Period& q) {
  std::tm tm{};
  tm.tm_year = q.year - 1900;
  tm.tm_mon = q.number * 3 - 1;
  tm.tm_mday = q.number == 1 || q.number == 4 ? 31 : 30;
  tm.tm_hour = 12;
  return timegm(&tm);
}

struct Formats {
  lxw_format *title, *subtitle, *header, *bold, *count, *percent, *wrap, *hidden, *note, *italic, *top, *red, *amber,
      *green;
};

lxw_format* format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  if (!f) throw InternalError("thematic workbook: cannot add a format");
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  f.subtitle = format(wb);
  format_set_bold(f.subtitle);
  format_set_font_size(f.subtitle, 12);
  f.header = format(wb);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(f.header, 0xE8EDEE);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.bold = format(wb);
  format_set_bold(f.bold);
  // Everything sits at the top of its cell, level with the first line of a
  // wrapped label beside it.
  f.top = format(wb);
  format_set_align(f.top, LXW_ALIGN_VERTICAL_TOP);
  f.count = format(wb);
  format_set_num_format(f.count, "#,##0");
  format_set_align(f.count, LXW_ALIGN_VERTICAL_TOP);
  f.percent = format(wb);
  format_set_num_format(f.percent, "0%");
  f.wrap = format(wb);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  f.hidden = format(wb);
  format_set_align(f.hidden, LXW_ALIGN_RIGHT);
  format_set_align(f.hidden, LXW_ALIGN_VERTICAL_TOP);
  format_set_font_color(f.hidden, 0x4C6272);
  f.note = format(wb);
  format_set_italic(f.note);
  format_set_text_wrap(f.note);
  format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
  // A one-line note that may run on into empty cells to its right.
  f.italic = format(wb);
  format_set_italic(f.italic);
  // RAG fills with dark text: readable in colour and in greyscale print.
  f.red = format(wb);
  format_set_bg_color(f.red, 0xF4C7C3);
  format_set_font_color(f.red, 0x7A0000);
  f.amber = format(wb);
  format_set_bg_color(f.amber, 0xFFE9A8);
  format_set_font_color(f.amber, 0x5C4400);
  f.green = format(wb);
  format_set_bg_color(f.green, 0xC9E7CF);
  format_set_font_color(f.green, 0x0B4D1E);
  return f;
}

lxw_row_t row_t(int r) { return static_cast<lxw_row_t>(r); }
lxw_col_t col_t(int c) { return static_cast<lxw_col_t>(c); }

class Sheet {
 public:
  Sheet(lxw_worksheet* ws, const Formats& f, Audience audience, const DisclosedCounts& disclosed)
      : ws_(ws), f_(f), audience_(audience), disclosed_(disclosed) {}

  lxw_worksheet* get() const { return ws_; }
  bool wider() const { return audience_ == Audience::kWider; }

  void text(int r, int c, const std::string& s, lxw_format* fmt = nullptr) {
    if (s.empty()) return;
    check(worksheet_write_string(ws_, row_t(r), col_t(c), xlsx::fit_cell(s).c_str(), fmt ? fmt : f_.top),
          "writing text");
  }
  /// Text in a wrapping format: the row is made tall enough for its lines,
  /// since LibreOffice keeps a row's height when it opens a workbook and
  /// would print the lines over each other. Set the column's width first.
  void wrapped(int r, int c, const std::string& s, lxw_format* fmt) {
    text(r, c, s, fmt);
    const auto col = static_cast<std::size_t>(c);
    const int lines = line_count(s, col < widths_.size() ? widths_[col] : 8.43);
    int& tallest = lines_[r];
    if (lines <= tallest) return;
    tallest = lines;
    check(worksheet_set_row(ws_, row_t(r), kLineHeight * lines, nullptr), "setting a row height");
  }
  void number(int r, int c, double v, lxw_format* fmt) {
    check(worksheet_write_number(ws_, row_t(r), col_t(c), v, fmt ? fmt : f_.top), "writing a number");
  }
  /// A count the wider variant may hide.
  void count(int r, int c, const std::string& key, int value) {
    if (wider() && disclosed_.hidden(key)) text(r, c, kSuppressedMark, f_.hidden);
    else number(r, c, value, f_.count);
  }
  void header(int r, const std::vector<std::string>& names) {
    for (std::size_t c = 0; c < names.size(); ++c) wrapped(r, static_cast<int>(c), names[c], f_.header);
  }
  void widths(const std::vector<double>& w) {
    for (std::size_t c = 0; c < w.size(); ++c) width_from(static_cast<int>(c), static_cast<int>(c), w[c]);
  }
  void width_from(int first, int last, double w) {
    if (last < first) return;
    check(worksheet_set_column(ws_, col_t(first), col_t(last), w, nullptr), "setting a column width");
    if (widths_.size() <= static_cast<std::size_t>(last)) widths_.resize(static_cast<std::size_t>(last) + 1, 8.43);
    std::fill(widths_.begin() + first, widths_.begin() + last + 1, w);
  }
  /// Prints on A4 landscape, as many pages wide as the columns need at a
  /// readable size (the first `key_columns` repeated on each), fitted to that
  /// width, as many pages down as it takes.
  void page_setup(int key_columns = 1) {
    worksheet_set_landscape(ws_);
    worksheet_set_paper(ws_, 9);
    double total = 0;
    for (double w : widths_) total += w;
    const auto pages = static_cast<std::uint16_t>(std::max(1.0, std::ceil(total / kPageWidth)));
    worksheet_fit_to_pages(ws_, pages, 0);
    if (pages > 1) check(worksheet_repeat_columns(ws_, 0, col_t(key_columns - 1)), "repeating key columns");
  }
  /// page_setup() for a table whose header row is frozen and repeated on
  /// every printed page. Set the column widths first.
  void print_setup(int header_row, int key_columns = 1) {
    page_setup(key_columns);
    worksheet_freeze_panes(ws_, row_t(header_row + 1), 0);
    check(worksheet_repeat_rows(ws_, row_t(header_row), row_t(header_row)), "repeating header rows");
  }
  void autofilter(int header_row, int last_row, int last_col) {
    check(worksheet_autofilter(ws_, row_t(header_row), 0, row_t(std::max(last_row, header_row + 1)), col_t(last_col)),
          "setting an autofilter");
  }

 private:
  // A row's height per line of 11-point text, in points.
  static constexpr double kLineHeight = 15;
  // Column width units (widths of '0') that print on an A4 landscape page at
  // about 70% (about 100 at 100%, as LibreOffice prints them): wider sheets
  // print across more pages instead of shrinking further.
  static constexpr double kPageWidth = 140;

  // Lines `s` wraps to in a column `width` wide: words greedily, at about 1.2
  // characters of ordinary text per width unit.
  static int line_count(const std::string& s, double width) {
    const auto capacity = static_cast<std::size_t>(std::max(1.0, width * 1.2 - 1));
    int lines = 1;
    std::size_t used = 0;
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t end = s.find(' ', start);
      if (end == std::string::npos) end = s.size();
      // UTF-8 continuation bytes take no width of their own.
      std::size_t word = 0;
      for (std::size_t i = start; i < end; ++i) word += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
      if (used > 0 && used + 1 + word > capacity) {
        ++lines;
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + word;
      while (used > capacity) {  // a word longer than the line
        ++lines;
        used -= capacity;
      }
      start = end + 1;
    }
    return lines;
  }

  lxw_worksheet* ws_;
  const Formats& f_;
  Audience audience_;
  const DisclosedCounts& disclosed_;
  std::vector<double> widths_;
  std::map<int, int> lines_;  // row -> lines its tallest wrapped cell needs
};

std::string level_key(const char* when, std::size_t i) { return fmt::format("level/{}/{}", when, i); }
std::string item_key(const SharedItem& s, const std::string& field) {
  return fmt::format("item/{}/{}/{}", to_string(s.kind), s.id, field);
}

const char* kNoPrevious = "No previous quarter in the data: change not shown.";

std::string criterion_number(const SharedItem& s) { return s.id.substr(10); }

// The support levels of an opportunity's practices: "Stabilise 2, Improve 3".
std::string levels_text(const Opportunity& o, Audience audience, const DisclosedCounts& disclosed) {
  std::vector<std::string> parts;
  for (std::size_t l = 0; l < o.levels.size(); ++l) {
    const bool hidden =
        audience == Audience::kWider && disclosed.hidden(fmt::format("{}/level/{}", opportunity_key(o), l));
    if (o.levels[l] == 0 && !hidden) continue;
    parts.push_back(
        fmt::format("{} {}", kLevelLabels[l], hidden ? std::string(kSuppressedMark) : std::to_string(o.levels[l])));
  }
  return join(parts, ", ");
}

// The rows a chart reads its data from, first to last (none when last < first).
struct RowSpan {
  int first = 0, last = -1;
};

void summary_title(Sheet& s, const Formats& f, const ThematicReport& r, const ThematicWorkbookMeta& meta) {
  check(worksheet_set_row(s.get(), 0, 24, nullptr), "setting the title's height");
  s.text(0, 0, fmt::format("Thematic highlight report {}", r.quarter.str()), f.title);
  s.text(1, 0, meta.programme + (meta.local_office.empty() ? "" : " — " + meta.local_office));
  s.text(2, 0, fmt::format("Quarter {} to {}", r.quarter_start, r.quarter_end));
  s.text(3, 0,
         s.wider() ? "For a wider audience: no practice is named and small counts are suppressed ([c]; see Notes)."
                   : "For the local office: practices are named. Do not forward; share the -wider version instead.",
         f.italic);
  s.text(4, 0, r.movements ? fmt::format("Compared with {}.", r.previous_quarter->str()) : kNoPrevious, f.italic);
}

// The headline counts from `row` on; returns the support levels' rows.
RowSpan headline_table(Sheet& s, const Formats& f, const ThematicReport& r, int& row) {
  const bool prev = r.movements.has_value();
  const bool wider = s.wider();
  s.header(row, prev && !wider ? std::vector<std::string>{"Headline", "This quarter", "Previous quarter", "Change"}
                               : std::vector<std::string>{"Headline", "This quarter", prev ? "Previous quarter" : ""});
  ++row;
  s.text(row, 0, "Practices in the report");
  s.count(row, 1, "cohort", r.practice_count);
  if (prev) s.count(row, 2, "cohort", r.practice_count);
  ++row;
  s.text(row, 0, "Practices supported (assessed)");
  s.count(row, 1, "outcome/supported", r.outcomes.supported);
  ++row;
  RowSpan levels{.first = row};
  for (std::size_t i = 0; i < kLevelLabels.size(); ++i, ++row) {
    s.text(row, 0, i < 4 ? fmt::format("Support level: {}", kLevelLabels[i]) : std::string(kLevelLabels[i]));
    s.count(row, 1, level_key("now", i), r.level_counts[i]);
    if (prev) {
      s.count(row, 2, level_key("prev", i), (*r.previous_level_counts)[i]);
      if (!wider) s.number(row, 3, r.level_counts[i] - (*r.previous_level_counts)[i], nullptr);
    }
  }
  levels.last = row - 1;
  if (!wider) {
    s.text(row, 0, "Opportunities for collective work");
    s.number(row, 1, static_cast<double>(r.opportunities.size()), f.count);
    ++row;
  }
  return levels;
}

// The top opportunities: what the local office could commission once.
void top_opportunities_table(Sheet& s, const Formats& f, const ThematicReport& r, Audience audience,
                             const DisclosedCounts& disclosed, int& row) {
  const bool prev = r.movements.has_value();
  const bool wider = s.wider();
  const std::vector<const Opportunity*> leading = top_opportunities(r, audience, disclosed);
  const std::size_t top = leading.size();
  row += 1;
  s.text(row++, 0, fmt::format("Top {} opportunities for collective work", top), f.subtitle);
  if (top > 0 && !wider) {
    const OpportunityReach reach = reach_of(r, leading);
    s.text(row++, 0,
           fmt::format("Together they reach {} practices and {} registered patients (a practice sharing "
                       "several is counted once). Every opportunity is on the Opportunities sheet.",
                       reach.practices, format_value(static_cast<double>(reach.patients), Unit::kCount)),
           f.italic);
  }
  s.header(row++, {"Finding or action", "Practices", "Registered patients", prev ? "Since last quarter" : "",
                   r.opportunities_by_sub_icb ? "Sub-ICB" : "PCN", "Support levels"});
  for (const Opportunity* o : leading) {
    const std::string key = opportunity_key(*o);
    s.wrapped(row, 0, fmt::format("{}. {}", o->rank, o->label), f.wrap);
    s.count(row, 1, key, static_cast<int>(o->ods.size()));
    if (wider && disclosed.hidden(key)) s.text(row, 2, kSuppressedMark, f.hidden);
    else s.number(row, 2, static_cast<double>(o->patients), f.count);
    if (prev) s.text(row, 3, o->status ? to_string(*o->status) : "");
    s.wrapped(row, 4, o->area_name, f.wrap);
    s.wrapped(row, 5, levels_text(*o, audience, disclosed), f.wrap);
    ++row;
  }
  if (leading.empty())
    s.text(row++, 0,
           r.opportunities.empty()
               ? fmt::format("No {} has {} or more practices sharing a finding or action.",
                             r.opportunities_by_sub_icb ? "sub-ICB" : "PCN", r.cluster_min_practices)
               : std::string("None whose counts can be shown here; see the Opportunities sheet."),
           f.italic);
}

// The ten items most practices share: a chart's data. Returns their rows.
RowSpan most_shared_table(Sheet& s, const Formats& f, const std::vector<SharedItem>& items, const char* heading,
                          int& row) {
  row += 1;
  s.text(row, 0, heading, f.subtitle);
  ++row;
  s.header(row, {"", "Practices"});
  ++row;
  const int first = row;
  for (std::size_t i = 0; i < items.size() && i < 10; ++i) {
    if (items[i].practices == 0) break;
    s.wrapped(row, 0, items[i].label, f.wrap);
    s.count(row, 1, item_key(items[i], "now"), items[i].practices);
    ++row;
  }
  if (row == first) {
    s.text(row, 0, "None this quarter.", f.italic);
    ++row;
  }
  return {.first = first, .last = row - 1};
}

// The Summary sheet's charts, one below the other under the tables, as wide
// as the tables; each starts a printed page, so none is cut by a page break.
class SummaryCharts {
 public:
  SummaryCharts(Sheet& s, lxw_workbook* wb, int row) : s_(s), wb_(wb), row_(row) { opt_.x_scale = 2.0; }

  void levels(const ThematicReport& r, RowSpan rows) {
    lxw_chart* chart = add(LXW_CHART_COLUMN, "Practices by support level");
    lxw_chart_series* now = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(now, "Summary", row_t(rows.first), 0, row_t(rows.last), 0);
    chart_series_set_values(now, "Summary", row_t(rows.first), 1, row_t(rows.last), 1);
    chart_series_set_name(now, r.quarter.str().c_str());
    if (r.movements) {
      lxw_chart_series* before = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(before, "Summary", row_t(rows.first), 0, row_t(rows.last), 0);
      chart_series_set_values(before, "Summary", row_t(rows.first), 2, row_t(rows.last), 2);
      chart_series_set_name(before, r.previous_quarter->str().c_str());
    }
    chart_axis_set_name(chart->y_axis, "Practices");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    place(chart, 1.2, 20);
  }

  void bar(const char* title, RowSpan rows) {
    if (rows.last < rows.first) return;
    lxw_chart* chart = add(LXW_CHART_BAR, title);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, "Summary", row_t(rows.first), 0, row_t(rows.last), 0);
    chart_series_set_values(series, "Summary", row_t(rows.first), 1, row_t(rows.last), 1);
    chart_series_set_name(series, "Practices");
    chart_axis_set_name(chart->x_axis, "Practices");
    chart_axis_set_reverse(chart->y_axis);  // most shared at the top, as in the table
    // Every label, however many: none skipped to make room.
    chart_axis_set_interval_unit(chart->y_axis, 1);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    place(chart, 1.8, 28);
  }

  void break_pages() {
    breaks_.push_back(0);  // the list's end
    check(worksheet_set_h_pagebreaks(s_.get(), breaks_.data()), "breaking pages before the charts");
  }

 private:
  lxw_chart* add(std::uint8_t type, const char* title) {
    lxw_chart* chart = workbook_add_chart(wb_, type);
    if (!chart) throw InternalError("thematic workbook: cannot add a chart");
    chart_title_set_name(chart, title);
    return chart;
  }
  void place(lxw_chart* chart, double y_scale, int rows_tall) {
    opt_.y_scale = y_scale;
    breaks_.push_back(row_t(row_));
    check(worksheet_insert_chart_opt(s_.get(), row_t(row_), 0, chart, &opt_), "inserting a chart");
    row_ += rows_tall;
  }

  Sheet& s_;
  lxw_workbook* wb_;
  int row_;
  lxw_chart_options opt_{};
  std::vector<lxw_row_t> breaks_;
};

void summary_sheet(Sheet s, const Formats& f, lxw_workbook* wb, const ThematicReport& r, Audience audience,
                   const DisclosedCounts& disclosed, const ThematicWorkbookMeta& meta) {
  // One column of labels, then numbers, then the opportunities' area and
  // support levels: everything fits one A4 landscape page across, and the
  // charts go below the tables rather than beside them.
  s.widths({46, 12, 14, 12, 26, 24});
  summary_title(s, f, r, meta);
  int row = 6;
  const RowSpan levels = headline_table(s, f, r, row);
  top_opportunities_table(s, f, r, audience, disclosed, row);
  const RowSpan findings = most_shared_table(s, f, r.findings, "Most shared findings", row);
  const RowSpan actions = most_shared_table(s, f, r.actions, "Most recommended actions", row);

  SummaryCharts charts(s, wb, row + 2);
  charts.levels(r, levels);
  charts.bar("Most shared findings", findings);
  charts.bar("Most recommended actions", actions);
  charts.break_pages();
  // A fixed scale, not fit-to-width: fitting would override the page breaks.
  // The columns above are 134 units wide, which 75% fits on A4 landscape.
  worksheet_set_landscape(s.get());
  worksheet_set_paper(s.get(), 9);
  worksheet_set_print_scale(s.get(), 75);
}

// Columns of area counts shared by Themes and Actions: the ICBs and sub-ICBs.
// PCN counts, one column per PCN, would make a sheet too wide to read or
// print; they are on the By PCN sheet, one row per PCN and item.
struct AreaColumns {
  std::vector<std::string> headers;
  std::vector<std::pair<std::string, std::size_t>> keys;  // "icb" / "sub", index
};

AreaColumns area_columns(const ThematicReport& r) {
  AreaColumns a;
  for (std::size_t i = 0; i < r.icbs.size(); ++i) {
    a.headers.push_back("ICB: " + r.icbs[i].name);
    a.keys.emplace_back("icb", i);
  }
  for (std::size_t i = 0; i < r.sub_icbs.size(); ++i) {
    a.headers.push_back("Sub-ICB: " + r.sub_icbs[i].name);
    a.keys.emplace_back("sub", i);
  }
  return a;
}

void write_area_counts(Sheet& s, int row, int col, const ThematicReport& r, const SharedItem& item,
                       const AreaColumns& a) {
  for (const auto& [level, i] : a.keys) {
    if (level == "icb") s.count(row, col, item_key(item, "icb/" + r.icbs[i].code), item.by_icb[i]);
    else s.count(row, col, item_key(item, "sub/" + r.sub_icbs[i].code), item.by_sub_icb[i]);
    ++col;
  }
}

// Themes and Actions: one row per item with its counts.
int items_block(Sheet& s, const Formats& f, const ThematicReport& r, Audience audience,
                const std::vector<const SharedItem*>& items, bool with_domain) {
  const bool prev = r.previous_quarter.has_value();
  const AreaColumns areas = area_columns(r);
  std::vector<std::string> headers = {"Kind", "ID", with_domain ? "Criterion or finding" : "Action"};
  std::vector<double> w = {10, 30, 48};
  if (with_domain) {
    headers.emplace_back("Criteria domain");
    w.push_back(22);
  }
  headers.emplace_back("Practices");
  w.push_back(11);
  if (prev) {
    headers.insert(headers.end(), {"Previous quarter", "New", "Persisting", "Resolved"});
    w.insert(w.end(), {11, 9, 11, 10});
  }
  const int first_area = static_cast<int>(headers.size());
  headers.insert(headers.end(), areas.headers.begin(), areas.headers.end());
  w.insert(w.end(), areas.keys.size(), 16);
  if (audience != Audience::kWider) {
    headers.emplace_back("Practices (ODS codes)");
    w.push_back(90);  // wide, so that a long list takes few lines
  }
  s.widths(w);
  const int last_col = static_cast<int>(headers.size()) - 1;
  s.header(0, headers);
  int row = 1;
  for (const SharedItem* item : items) {
    int c = 0;
    s.text(row, c++, to_string(item->kind));
    s.text(row, c++, item->id);
    s.wrapped(
        row, c++,
        item->kind == ItemKind::kCriterion ? fmt::format("{}. {}", criterion_number(*item), item->label) : item->label,
        f.wrap);
    if (with_domain)
      s.text(row, c++,
             item->kind == ItemKind::kCriterion ? national_criterion_domain(std::stoi(criterion_number(*item))) : "");
    s.count(row, c++, item_key(*item, "now"), item->practices);
    if (prev) {
      s.count(row, c++, item_key(*item, "prev"), item->change->previous);
      s.count(row, c++, item_key(*item, "new"), item->change->added);
      s.count(row, c++, item_key(*item, "persisting"), item->change->persisting);
      s.count(row, c++, item_key(*item, "resolved"), item->change->resolved);
    }
    write_area_counts(s, row, first_area, r, *item, areas);
    if (audience != Audience::kWider) s.wrapped(row, last_col, join(item->ods, " "), f.wrap);
    ++row;
  }
  s.autofilter(0, row - 1, last_col);
  s.print_setup(0, 3);
  return row;
}

// By PCN: one row per PCN and finding or action that any of its practices
// has (local office only: PCN counts are mostly below any threshold).
void by_pcn_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience) {
  s.widths({10, 30, 10, 26, 50, 11, 14});
  s.header(0, {"PCN code", "PCN", "Kind", "ID", "Finding or action", "Practices", "Practices in the PCN"});
  s.print_setup(0, 2);
  if (audience == Audience::kWider) {
    s.text(1, 0,
           "Not included in the wider-audience version: counts per PCN are mostly small enough to identify "
           "practices; opportunities show the PCNs where enough practices share something.",
           f.italic);
    return;
  }
  int row = 1;
  for (std::size_t a = 0; a < r.pcns.size(); ++a)
    for (const auto* list : {&r.findings, &r.actions})
      for (const SharedItem& item : *list) {
        if (item.by_pcn[a] == 0) continue;
        s.text(row, 0, r.pcns[a].code);
        s.wrapped(row, 1, r.pcns[a].name, f.wrap);
        s.text(row, 2, to_string(item.kind));
        s.text(row, 3, item.id);
        s.wrapped(row, 4, item.label, f.wrap);
        s.number(row, 5, item.by_pcn[a], f.count);
        s.number(row, 6, r.pcns[a].practices, f.count);
        ++row;
      }
  s.autofilter(0, row - 1, 6);
}

void themes_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience) {
  std::vector<const SharedItem*> items;
  for (const auto& c : r.criteria) items.push_back(&c);
  for (const auto& x : r.findings) items.push_back(&x);
  int row = items_block(s, f, r, audience, items, true) + 2;

  s.text(row++, 0, "Maturity profile: practices at each level of each theme domain (latest self-assessment)",
         f.subtitle);
  // In the columns of the table above: short identifiers first, the words in
  // its widest column.
  s.header(row++, {"Domain", "Theme", "Theme and domain", "A", "B", "C", "D", "Assessed"});
  for (const auto& m : r.maturity) {
    const std::string base = fmt::format("maturity/{}/{}/", m.theme_slug, m.domain);
    s.text(row, 0, fmt::format("Domain {}", m.domain));
    s.text(row, 1, m.theme_slug);
    s.wrapped(row, 2, m.theme_title + ": " + m.domain_title, f.wrap);
    for (int l = 0; l < 4; ++l)
      s.count(row, 3 + l, base + std::string(1, static_cast<char>('A' + l)), m.at[static_cast<std::size_t>(l)]);
    s.count(row, 7, base + "assessed", m.assessed);
    ++row;
  }
}

void actions_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience) {
  std::vector<const SharedItem*> items;
  for (const auto& a : r.actions) items.push_back(&a);
  items_block(s, f, r, audience, items, false);
}

// Every opportunity, ranked (for the wider audience, hidden ones last).
void opportunities_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience,
                         const DisclosedCounts& disclosed) {
  const bool wider = audience == Audience::kWider;
  const bool prev = r.previous_quarter.has_value();
  const std::string area = r.opportunities_by_sub_icb ? "Sub-ICB" : "PCN";
  std::vector<std::string> headers = {
      "Rank",          area + " code", area, "Kind", "ID", "Finding or action", "Practices", "Registered patients",
      "Support levels"};
  std::vector<double> w = {7, 10, 26, 9, 22, 44, 11, 12, 24};
  if (prev) {
    headers.emplace_back("Since last quarter");
    w.push_back(12);
  }
  if (!wider) {
    headers.insert(headers.end(), {"Practices in the area", "Practices named"});
    w.insert(w.end(), {11, 60});
  }
  s.widths(w);
  s.header(0, headers);
  const auto order = opportunities_in_order(r, audience, disclosed);
  int row = 1;
  for (const Opportunity* o : order) {
    const std::string key = opportunity_key(*o);
    const bool hidden = wider && disclosed.hidden(key);
    int col = 0;
    if (hidden) ++col;  // a hidden opportunity's rank would narrow down its count
    else s.number(row, col++, o->rank, nullptr);
    s.text(row, col++, o->area_code);
    s.wrapped(row, col++, o->area_name, f.wrap);
    s.text(row, col++, to_string(o->kind));
    s.text(row, col++, o->id);
    s.wrapped(row, col++, o->label, f.wrap);
    s.count(row, col++, key, static_cast<int>(o->ods.size()));
    if (hidden) s.text(row, col++, kSuppressedMark, f.hidden);
    else s.number(row, col++, static_cast<double>(o->patients), f.count);
    s.wrapped(row, col++, levels_text(*o, audience, disclosed), f.wrap);
    if (prev) s.text(row, col++, o->status ? to_string(*o->status) : "");
    if (!wider) {
      s.number(row, col++, o->area_practices, f.count);
      std::vector<std::string> named;
      for (std::size_t i = 0; i < o->ods.size(); ++i) named.push_back(o->ods[i] + " " + o->names[i]);
      s.wrapped(row, col++, join(named, "; "), f.wrap);
    }
    ++row;
  }
  const int last = row;
  if (order.empty())
    s.text(row++, 0,
           fmt::format("No {} has {} or more practices sharing a finding or action this quarter.",
                       r.opportunities_by_sub_icb ? "sub-ICB" : "PCN", r.cluster_min_practices),
           f.italic);
  else if (!prev) s.text(++row, 0, kNoPrevious, f.italic);
  if (wider && !order.empty())
    s.text(++row, 0, "Opportunities whose counts are suppressed are listed last, by area and name, not by rank.",
           f.italic);
  s.autofilter(0, std::max(1, last - 1), static_cast<int>(headers.size()) - 1);
  s.print_setup(0, 3);
}

void practices_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience) {
  const bool prev = r.previous_quarter.has_value();
  std::vector<std::string> headers = {"ODS code", "Practice", "PCN", "Sub-ICB", "ICB", "Support level"};
  if (prev) headers.emplace_back("Previous support level");
  headers.insert(headers.end(), {"RAG", "Criteria met", "Criteria", "Findings", "Recommended actions"});
  if (prev) headers.insert(headers.end(), {"New findings and actions", "Resolved findings and actions"});
  headers.insert(headers.end(), {"CQC overall", "CQC inspected on", "Supported since"});
  if (audience == Audience::kWider) {
    s.widths({60});
    s.header(0, headers);
    s.print_setup(0);
    s.text(1, 0, "Not included in the wider-audience version: practice-level rows would identify practices.", f.italic);
    return;
  }
  std::vector<double> w = {10, 26, 18, 16, 16, 12};
  if (prev) w.push_back(12);
  w.insert(w.end(), {8, 9, 12, 40, 40});
  if (prev) w.insert(w.end(), {11, 11});
  w.insert(w.end(), {14, 12, 12});
  s.widths(w);
  s.header(0, headers);
  s.print_setup(0, 2);
  int row = 1;
  int rag_col = 0;
  for (const auto& p : r.practices) {
    const PracticeQuarter& q = p.now;
    int c = 0;
    s.text(row, c++, q.ods);
    s.wrapped(row, c++, q.name, f.wrap);
    s.wrapped(row, c++, q.pcn_name, f.wrap);
    s.wrapped(row, c++, q.sub_icb_name, f.wrap);
    s.wrapped(row, c++, q.icb_name, f.wrap);
    s.text(row, c++, q.support_level.empty() ? kLevelLabels[4] : q.support_level);
    if (prev) s.text(row, c++, p.previous_level.value_or(""));
    rag_col = c;
    s.text(row, c++, p.rag);
    std::vector<int> met = q.criteria_met;
    std::sort(met.begin(), met.end());
    s.number(row, c++, static_cast<double>(met.size()), f.count);
    std::vector<std::string> names;
    for (int n : met) names.push_back(std::to_string(n));
    s.text(row, c++, join(names, ", "));
    std::vector<std::string> findings, actions;
    for (const auto& x : q.findings) findings.push_back(x.label);
    for (const auto& x : q.actions) actions.push_back(x.label);
    s.wrapped(row, c++, join(findings, "; "), f.wrap);
    s.wrapped(row, c++, join(actions, "; "), f.wrap);
    if (prev) {
      s.number(row, c++, p.new_items, f.count);
      s.number(row, c++, p.resolved_items, f.count);
    }
    s.text(row, c++, q.cqc_overall.value_or(""));
    s.text(row, c++, q.cqc_inspected_on.value_or(""));
    s.text(row, c++, q.supported_since.value_or(""));
    ++row;
  }
  const int last = static_cast<int>(headers.size()) - 1;
  s.autofilter(0, row - 1, last);
  if (row > 1) {
    for (auto [word, fmt_] : {std::pair{"Red", f.red}, std::pair{"Amber", f.amber}, std::pair{"Green", f.green}}) {
      lxw_conditional_format cf{};
      cf.type = LXW_CONDITIONAL_TYPE_TEXT;
      cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING;
      cf.value_string = const_cast<char*>(word);
      cf.format = fmt_;
      check(worksheet_conditional_format_range(s.get(), 1, col_t(rag_col), row_t(row - 1), col_t(rag_col), &cf),
            "adding RAG colours");
    }
  }
}

int transition_block(Sheet& s, const Formats& f, int row, const Transition& t, const std::string& prefix,
                     const std::string& corner, bool keyed_totals_as_levels) {
  std::vector<std::string> headers = {corner};
  headers.insert(headers.end(), t.to.begin(), t.to.end());
  headers.emplace_back("Total");
  s.header(row++, headers);
  const int last = static_cast<int>(t.to.size()) + 1;
  for (std::size_t i = 0; i < t.from.size(); ++i, ++row) {
    s.text(row, 0, t.from[i], f.bold);
    for (std::size_t j = 0; j < t.to.size(); ++j)
      s.count(row, static_cast<int>(j) + 1, fmt::format("{}/{}/{}", prefix, i, j), t.counts[i][j]);
    s.count(row, last, keyed_totals_as_levels ? level_key("prev", i) : fmt::format("{}/row/{}", prefix, i),
            t.row_totals[i]);
  }
  s.text(row, 0, "Total", f.bold);
  for (std::size_t j = 0; j < t.to.size(); ++j)
    s.count(row, static_cast<int>(j) + 1,
            keyed_totals_as_levels ? level_key("now", j) : fmt::format("{}/col/{}", prefix, j), t.column_totals[j]);
  s.count(row, last, keyed_totals_as_levels ? "cohort" : prefix + "/total", t.total);
  return row + 1;
}

void movements_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience) {
  s.widths({34, 16, 16, 16, 16, 16, 14});
  int row = 0;
  s.text(row++, 0,
         r.previous_quarter
             ? fmt::format("Support level in {} (rows) and in {} (columns)", r.previous_quarter->str(), r.quarter.str())
             : "Support level movements",
         f.subtitle);
  if (r.movements) {
    row = transition_block(s, f, row, *r.movements, "move", "Last quarter \\ this quarter", true);
  } else {
    s.text(row++, 0, kNoPrevious, f.italic);
  }
  row += 1;
  s.text(row++, 0, "Outcomes: CQC overall rating of supported practices re-inspected since their support began",
         f.subtitle);
  s.text(row, 0, "Supported practices");
  s.count(row++, 1, "outcome/supported", r.outcomes.supported);
  s.text(row, 0, "Re-inspected since support began");
  s.count(row++, 1, "outcome/total", r.outcomes.reinspected);
  row = transition_block(s, f, row, r.outcomes.ratings, "outcome", "Before support \\ at re-inspection", false);
  if (audience != Audience::kWider && r.outcomes.reinspected > 0) {
    s.text(row++, 0, "Share of re-inspected practices by rating", f.bold);
    for (std::size_t j = 0; j < r.outcomes.ratings.to.size(); ++j, ++row) {
      s.text(row, 0, r.outcomes.ratings.to[j]);
      s.number(row, 1, static_cast<double>(r.outcomes.ratings.column_totals[j]) / r.outcomes.reinspected, f.percent);
    }
  }

  s.page_setup();
}

// Changes: every practice's new, persisting and resolved items (local office
// only), a table of its own so its header repeats on every printed page.
void changes_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience) {
  s.widths({10, 30, 26, 10, 26, 50, 12});
  s.header(0, {"ODS code", "Practice", "PCN", "Kind", "ID", "Criterion, finding or action", "Change"});
  s.print_setup(0, 2);
  if (audience == Audience::kWider) {
    s.text(1, 0, "Not included in the wider-audience version: practice-level rows would identify practices.", f.italic);
    return;
  }
  if (!r.previous_quarter) {
    s.text(1, 0, kNoPrevious, f.italic);
    return;
  }
  int row = 1;
  for (const auto& c : r.changes) {
    s.text(row, 0, c.ods);
    s.wrapped(row, 1, c.name, f.wrap);
    s.wrapped(row, 2, c.pcn_name, f.wrap);
    s.text(row, 3, to_string(c.kind));
    s.text(row, 4, c.id);
    s.wrapped(row, 5, c.label, f.wrap);
    s.text(row, 6, to_string(c.status));
    ++row;
  }
  s.autofilter(0, row - 1, 6);
}

void notes_sheet(Sheet s, const Formats& f, const ThematicReport& r, Audience audience, const DisclosedCounts& d,
                 const ThematicWorkbookMeta& meta) {
  s.widths({26, 110});
  s.header(0, {"Topic", "Note"});
  s.print_setup(0);
  std::vector<std::pair<std::string, std::string>> notes = {
      {"Report", fmt::format("Thematic highlight report for {} ({}).", r.quarter.str(), meta.programme)},
      {"Quarter", fmt::format("{} to {}. Every figure is the position at the end of the quarter: indicator values "
                              "for periods ending on or before {}, the latest CQC inspection and assessments "
                              "dated on or before it.",
                              r.quarter_start, r.quarter_end, r.quarter_end)},
      {"Build date", r.quarter_end},
      {"Previous quarter", r.previous_quarter ? r.previous_quarter->str() : kNoPrevious},
      {"Audience", audience == Audience::kWider
                       ? "Wider audience: no practice is named; small counts are suppressed as below."
                       : "Local office: names practices. Share the -wider version beyond the local office."},
      {"Sources",
       "data/practices.csv (practice register: PCN, sub-ICB, ICB); data/values.csv and indicators.csv "
       "(indicators behind the national criteria); data/cqc.csv (CQC ratings); data/assessments/ "
       "(maturity self-assessment, team 360, local intelligence, support level overrides); "
       "content/actions/ (the menu of support)."},
      {"National criteria",
       "The 16 criteria of the General Practice Resilience Programme in 6 domains; a practice "
       "meets a criterion when its CQC rating, an indicator against its comparator or a local "
       "intelligence flag says so (docs/options-report.md)."},
      {"Finding",
       "One piece of evidence behind a met criterion, named the same way for every practice (for "
       "example an indicator significantly worse than its comparator), so it can be counted across "
       "practices."},
      {"Recommended action",
       "An action from the menu of support that the practice's options report leads with: "
       "its trigger holds, it suits the practice's support level, and it is among the "
       "[options] max_actions of highest priority (docs/options-report.md)."},
      {"Opportunity",
       fmt::format("A {} where at least {} practices share a finding or a recommended action, which "
                   "could be commissioned once for all of them. Ranked by practices reached, then "
                   "their registered patients, then actions before findings, then area code and id. "
                   "New when the area did not reach {} practices for it last quarter, else "
                   "persisting.",
                   r.opportunities_by_sub_icb ? "sub-ICB" : "PCN", r.cluster_min_practices, r.cluster_min_practices)},
      {"New, persisting, resolved",
       "Per practice: new = has it this quarter but not last; persisting = both "
       "quarters; resolved = last quarter but not this. Previous quarter = persisting "
       "+ resolved; this quarter = new + persisting."},
      {"Support level",
       "Manage, Stabilise, Improve or Sustain from the [support] rules or the support team's "
       "override; Not assessed for practices without a decision."},
      {"RAG", "Red: Manage. Amber: Stabilise or Improve. Green: Sustain. Blank: not assessed."},
      {"Maturity profile", "Practices at each level A-D of each theme domain in their latest self-assessment."},
      {"Outcomes",
       "Supported practices whose latest CQC inspection is after their first assessment, by the "
       "overall rating before support (where the data hold it) and at re-inspection."},
      {"Suppression", audience == Audience::kWider
                          ? suppression_explanation(d.threshold) +
                                " Rule: (1) counts from 1 to threshold-1 are suppressed; (2) wherever a total and "
                                "its parts are shown together (a row of a table, a column, this quarter = new + "
                                "persisting, an ICB = its sub-ICBs), a total with exactly one suppressed member "
                                "has one more member suppressed: the smallest shown part above zero, else the "
                                "total itself; (3) step 2 repeats until nothing changes; (4) a final exact check "
                                "across all totals at once suppresses more where a chain of subtractions would "
                                "still reveal a count. Zero is shown."
                          : "Nothing is suppressed in this version. The -wider version suppresses counts from 1 to " +
                                std::to_string(d.threshold - 1) + " and any count they could be worked out from."},
  };
  int row = 1;
  for (const auto& [topic, text] : notes) {
    s.text(row, 0, topic, f.bold);
    s.wrapped(row, 1, text, f.wrap);
    ++row;
  }
}

}  // namespace

std::string thematic_workbook(const ThematicReport& report, Audience audience, const DisclosedCounts& disclosed,
                              const ThematicWorkbookMeta& meta) {
  xlsx::Workbook wb("thematic workbook");
  const std::string title = fmt::format("Thematic highlight report {}", report.quarter.str());
  const std::string subject = audience == Audience::kWider ? "For a wider audience: small counts suppressed"
                                                           : "For the local office: names practices";
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.subject = const_cast<char*>(subject.c_str());
  props.author = const_cast<char*>(meta.programme.c_str());
  props.company = const_cast<char*>(meta.local_office.c_str());
  props.created = created_at(report.quarter);
  check(workbook_set_properties(wb.get(), &props), "setting document properties");
  const Formats f = make_formats(wb.get());
  auto sheet = [&](const char* name) { return Sheet(wb.sheet(name), f, audience, disclosed); };
  summary_sheet(sheet("Summary"), f, wb.get(), report, audience, disclosed, meta);
  themes_sheet(sheet("Themes"), f, report, audience);
  opportunities_sheet(sheet("Opportunities"), f, report, audience, disclosed);
  practices_sheet(sheet("Practices"), f, report, audience);
  actions_sheet(sheet("Actions"), f, report, audience);
  by_pcn_sheet(sheet("By PCN"), f, report, audience);
  movements_sheet(sheet("Movements"), f, report, audience);
  changes_sheet(sheet("Changes"), f, report, audience);
  notes_sheet(sheet("Notes"), f, report, audience, disclosed, meta);
  return wb.close();
}

}  // namespace gpress
