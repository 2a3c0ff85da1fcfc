#include "xlsx/pack_workbook.hpp"

#include <cmath>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "analyse/practice_profile.hpp"
#include "analyse/risk.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "xlsx/workbook.hpp"

namespace gpress {
namespace {

using analyse::Level;

void check(lxw_error err, const char* what) { xlsx::check(err, "data-pack.xlsx", what); }

struct Formats {
  lxw_format* header;
  lxw_format* heading;
  lxw_format* wrap;
  lxw_format* whole;
  lxw_format* count;  // numerators and denominators
  lxw_format* by_unit[7];
};

// Excel number formats showing what format_value() shows on the page.
const char* number_format(Unit unit) {
  switch (unit) {
    case Unit::kPercent:
    case Unit::kPer1000:
    case Unit::kPer10000:
    case Unit::kScore: return "0.0";
    case Unit::kRatio: return "#,##0.0";
    case Unit::kCount: return "#,##0";
    case Unit::kGbp: return "\"£\"#,##0.00";
  }
  return "General";
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_font_color(f.header, 0xFFFFFF);
  format_set_bg_color(f.header, 0x005EB8);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.heading = workbook_add_format(wb);
  format_set_bold(f.heading);
  format_set_font_size(f.heading, 12);
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  f.whole = workbook_add_format(wb);
  format_set_num_format(f.whole, "0");
  f.count = workbook_add_format(wb);
  format_set_num_format(f.count, "#,##0.##");
  // One format per number format: libxlsxwriter 1.1 looks a format up by
  // hashing all its properties for every cell written with it unless the
  // format is the first of its kind, so identical formats (four units show
  // "0.0") would cost a hash per cell.
  std::map<std::string_view, lxw_format*> made;
  for (Unit u :
       {Unit::kPercent, Unit::kCount, Unit::kRatio, Unit::kPer1000, Unit::kPer10000, Unit::kScore, Unit::kGbp}) {
    lxw_format*& fmt = made[number_format(u)];
    if (!fmt) {
      fmt = workbook_add_format(wb);
      format_set_num_format(fmt, number_format(u));
    }
    f.by_unit[static_cast<int>(u)] = fmt;
  }
  return f;
}

class Sheet {
 public:
  Sheet(lxw_worksheet* ws) : ws_(ws) {}
  void text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
    if (s.empty()) return;
    check(worksheet_write_string(ws_, r, c, xlsx::fit_cell(s).c_str(), f), "writing text");
  }
  // A blank cell for a missing value: never 0.
  void number(lxw_row_t r, lxw_col_t c, std::optional<double> v, lxw_format* f = nullptr) {
    if (!v || !std::isfinite(*v)) return;
    check(worksheet_write_number(ws_, r, c, *v, f), "writing a number");
  }
  void header(lxw_row_t r, const std::vector<std::string>& names, lxw_format* f) {
    for (std::size_t c = 0; c < names.size(); ++c) text(r, static_cast<lxw_col_t>(c), names[c], f);
  }
  // Neighbouring columns of one width are set as one range: the sheet holds
  // one <col> element for them, not one each.
  void widths(const std::vector<double>& w) {
    for (std::size_t first = 0, last = 0; first < w.size(); first = last + 1) {
      for (last = first; last + 1 < w.size() && w[last + 1] == w[first];) ++last;
      check(worksheet_set_column(ws_, static_cast<lxw_col_t>(first), static_cast<lxw_col_t>(last), w[first], nullptr),
            "setting a column width");
    }
  }
  lxw_worksheet* get() { return ws_; }

 private:
  lxw_worksheet* ws_;
};

std::string rating(std::optional<CqcRatingValue> r) { return r ? std::string(to_string(*r)) : "Not rated"; }

// indicators.csv's `interval`, for readers: the same in every period.
std::string_view interval_words(IntervalMethod m) {
  switch (m) {
    case IntervalMethod::kWilson: return "Wilson score (a proportion of people)";
    case IntervalMethod::kByar: return "Byar's method, exact Poisson below 10 events (a rate of events)";
    case IntervalMethod::kNone: return "None: not significance-tested";
  }
  return "";
}

void summary_sheet(Sheet s, const Formats& f, const PracticePack& pack, const PackPage& page) {
  const Practice& p = *pack.practice;
  s.widths({34, 60});
  s.header(0, {"Practice", p.name}, f.header);
  lxw_row_t r = 1;
  auto row = [&](const std::string& label, const std::string& value) {
    s.text(r, 0, label);
    s.text(r, 1, value);
    ++r;
  };
  row("ODS code", p.ods_code);
  row("Postcode", p.postcode);
  s.text(r, 0, "List size (registered patients)");
  if (p.list_size) s.number(r, 1, static_cast<double>(*p.list_size), f.by_unit[static_cast<int>(Unit::kCount)]);
  else s.text(r, 1, "Not published");
  ++r;
  row("PCN", p.pcn_name.empty() ? "Not in a PCN" : fmt::format("{} ({})", p.pcn_name, p.pcn_code));
  row("Sub-ICB", fmt::format("{} ({})", p.sub_icb_name.empty() ? p.sub_icb_code : p.sub_icb_name, p.sub_icb_code));
  row("ICB", fmt::format("{} ({})", p.icb_name.empty() ? p.icb_code : p.icb_name, p.icb_code));
  row("Region", p.region);
  s.text(r, 0, "Deprivation (IMD score)");
  if (pack.deprivation) s.number(r, 1, pack.deprivation, f.by_unit[static_cast<int>(Unit::kScore)]);
  else s.text(r, 1, "Not published");
  ++r;
  if (pack.deprivation_decile) {
    s.text(r, 0, fmt::format("Deprivation decile in {} (10 = most deprived)", page.widest_area));
    s.number(r, 1, *pack.deprivation_decile, f.whole);
    ++r;
  }
  if (!p.contract_type.empty()) row("Contract type", p.contract_type);
  ++r;
  s.text(r++, 0, "CQC ratings", f.heading);
  const CqcRating* c = pack.cqc;
  row("Overall", c ? rating(c->overall) : "Not rated");
  row("Safe", c ? rating(c->safe) : "Not rated");
  row("Effective", c ? rating(c->effective) : "Not rated");
  row("Caring", c ? rating(c->caring) : "Not rated");
  row("Responsive", c ? rating(c->responsive) : "Not rated");
  row("Well-led", c ? rating(c->well_led) : "Not rated");
  row("Inspected on", c && c->inspected_on ? *c->inspected_on : "Not known");
  ++r;
  s.text(r++, 0, "Data periods", f.heading);
  if (page.first_period)
    row("Periods in this pack", fmt::format("{} to {}", page.first_period->str(), page.last_period->str()));
  row("Periods up to", page.cap ? fmt::format("end of {} (--quarter)", page.cap->str()) : "the latest in the data");
  row("Programme", page.programme);
}

void indicators_sheet(Sheet s, const Formats& f, const PracticePack& pack, const PackPage& page) {
  const std::string& w = page.widest_area;  // "England" unless the data covers some ICBs only
  // The significance columns name the interval that decides them ([packs] significance).
  const std::string by = fmt::format(" ({} CI)", analyse::percent_text(page.significance));
  const std::vector<std::string> headers = {"Domain",
                                            "Criterion",
                                            "Indicator",
                                            "Indicator ID",
                                            "Unit",
                                            "Period",
                                            "Value",
                                            "Numerator",
                                            "Denominator",
                                            "PCN",
                                            "Sub-ICB",
                                            "ICB",
                                            w,
                                            w + " Q1",
                                            w + " median",
                                            w + " Q3",
                                            w + " min",
                                            w + " max",
                                            w + " decile",
                                            "ICB decile",
                                            "Significance vs " + w + by,
                                            "Significance vs ICB" + by,
                                            "95% CI lower",
                                            "95% CI upper",
                                            "99.8% CI lower",
                                            "99.8% CI upper",
                                            "Recent trend"};
  s.header(0, headers, f.header);
  s.widths({22, 9, 44, 26, 18, 9, 10, 12, 12, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 24, 24, 10, 10, 10, 10, 40});
  check(worksheet_set_row(s.get(), 0, 30, nullptr), "setting the header height");
  lxw_row_t r = 1;
  for (const IndicatorFigures& ind : pack.indicators) {
    const Indicator& i = *ind.indicator;
    lxw_format* vf = f.by_unit[static_cast<int>(i.unit)];
    for (const PeriodFigures& pf : ind.periods) {
      s.text(r, 0, std::string(criteria_domain_title(i.domain)));
      if (i.criterion) s.number(r, 1, *i.criterion, f.whole);
      s.text(r, 2, i.name);
      s.text(r, 3, i.id);
      s.text(r, 4, std::string(to_string(i.unit)));
      s.text(r, 5, pf.period.str());
      s.number(r, 6, pf.value, vf);
      s.number(r, 7, pf.numerator, f.count);
      s.number(r, 8, pf.denominator, f.count);
      lxw_col_t c = 9;
      for (Level level : {Level::kPcn, Level::kSubIcb, Level::kIcb, Level::kEngland})
        s.number(r, c++, pf.area(level).value, vf);
      if (const auto& sp = pf.area(Level::kEngland).spread) {
        s.number(r, 13, sp->q1, vf);
        s.number(r, 14, sp->median, vf);
        s.number(r, 15, sp->q3, vf);
        s.number(r, 16, sp->min, vf);
        s.number(r, 17, sp->max, vf);
      }
      if (pf.england_decile) s.number(r, 18, *pf.england_decile, f.whole);
      if (pf.icb_decile) s.number(r, 19, *pf.icb_decile, f.whole);
      s.text(r, 20, analyse::label(pf.area(Level::kEngland).significance, page.significance));
      s.text(r, 21, analyse::label(pf.area(Level::kIcb).significance, page.significance));
      if (pf.interval && pf.value) {
        s.number(r, 22, pf.interval->lower, vf);
        s.number(r, 23, pf.interval->upper, vf);
      }
      if (pf.interval_998 && pf.value) {
        s.number(r, 24, pf.interval_998->lower, vf);
        s.number(r, 25, pf.interval_998->upper, vf);
      }
      // The recent trend runs up to the latest period, so it is shown on that row.
      if (&pf == &ind.latest()) s.text(r, 26, analyse::trend_text(ind.trend));
      ++r;
    }
  }
  worksheet_freeze_panes(s.get(), 1, 0);
  check(worksheet_autofilter(s.get(), 0, 0, r > 1 ? r - 1 : 1, static_cast<lxw_col_t>(headers.size() - 1)),
        "adding the autofilter");
}

void sources_sheet(Sheet s, const Formats& f, const PracticePack& pack, const PackPage& page) {
  const std::vector<std::string> headers = {
      "Indicator ID",      "Indicator",           "Domain", "Criterion", "Unit", "Polarity",
      "Comparator method", "Confidence interval", "Source", "Definition"};
  s.header(0, headers, f.header);
  s.widths({26, 40, 20, 34, 16, 22, 30, 30, 34, 80});
  lxw_row_t r = 1;
  for (const IndicatorFigures& ind : pack.indicators) {
    const Indicator& i = *ind.indicator;
    s.text(r, 0, i.id);
    s.text(r, 1, i.name, f.wrap);
    s.text(r, 2, std::string(criteria_domain_title(i.domain)));
    s.text(r, 3, i.criterion ? fmt::format("{}: {}", *i.criterion, national_criterion(*i.criterion).title) : "None",
           f.wrap);
    s.text(r, 4, std::string(to_string(i.unit)));
    s.text(r, 5, std::string(polarity_label(i.polarity)), f.wrap);
    s.text(r, 6,
           ind.latest().method == analyse::ComparatorMethod::kPooled ? "Pooled: sum of numerators / sum of denominators"
                                                                     : "Median of practice values",
           f.wrap);
    s.text(r, 7, std::string(interval_words(i.interval)), f.wrap);
    s.text(r, 8, source_title(page, i.source), f.wrap);
    s.text(r, 9, i.description, f.wrap);
    ++r;
  }
  worksheet_freeze_panes(s.get(), 1, 0);
  check(worksheet_autofilter(s.get(), 0, 0, r > 1 ? r - 1 : 1, static_cast<lxw_col_t>(headers.size() - 1)),
        "adding the autofilter");

  r += 1;
  s.text(r++, 0, "How the figures are worked out", f.heading);
  for (const std::string& line :
       {fmt::format("Area values (PCN, sub-ICB, ICB, {}) are pooled where the indicator has numerators and "
                    "denominators: the total of the practices' numerators over the total of their denominators. "
                    "Otherwise they are the median of the practices' values.",
                    page.widest_area),
        std::string("Quartiles (Q1, median, Q3) use linear interpolation between the unrounded practice values, as "
                    "Excel's QUARTILE.INC does. Deciles: 1 holds the lowest values, 10 the highest, whatever the "
                    "polarity."),
        fmt::format("Significance: the practice's {} confidence interval (gpress.toml [packs] significance; both "
                    "the 95% and the 99.8% intervals are listed), by the indicator's method (column "
                    "Confidence interval: Wilson score for a proportion of people; exact Poisson below 10 events and "
                    "Byar's method from 10 for a rate of events), against the area's value, the same way in every "
                    "period. Better or worse follows the polarity; higher or lower where it has none. Indicators "
                    "without an interval are not compared.",
                    analyse::percent_text(page.significance)),
        std::string("Recent trend (on each indicator's latest row): OHID's Fingertips method over the last five "
                    "years in a row: the chi-squared test for trend on the counts for a proportion, a regression "
                    "weighted by the 95% intervals for a rate, significant at 99.8%. Monthly and quarterly figures, "
                    "and indicators without intervals, are not tested."),
        std::string("Values are kept unrounded; the number formats round them for display only."),
        std::string("A blank cell means the figure is not published (never zero).")}) {
    s.text(r++, 0, line);
  }
  r += 1;
  s.text(r++, 0, "Sources", f.heading);
  s.header(r++, {"Source", "Publisher", "Period", "URL", "Licence", "Attribution"}, f.header);
  if (page.sources)
    for (const Source& src : *page.sources) {
      s.text(r, 0, src.title, f.wrap);
      s.text(r, 1, src.publisher, f.wrap);
      s.text(r, 2, src.period);
      s.text(r, 3, src.url, f.wrap);
      s.text(r, 4, src.licence.empty() ? "Open Government Licence v3.0" : src.licence, f.wrap);
      s.text(r, 5, src.attribution, f.wrap);
      ++r;
    }
}

// Practices like this one (docs/comparators.md, "Practices like yours"): the
// measures they were matched on, nearest first, then each indicator's latest
// value against them as a group and against the practice's deprivation
// decile, as the page's area tables show them.
void peers_sheet(Sheet s, const Formats& f, const PracticePack& pack, const PackPage& page) {
  const Practice& self = *pack.practice;
  const std::string band =
      pack.profiles ? std::string(pack.profiles->age_band()) : std::string("in the older age band");
  s.widths({44, 12, 44, 14, 14, 16, 12, 22, 14, 22});
  s.header(0, {"Practice", "ODS code", "ICB", "List size", "IMD score", "Share " + band + " (%)", "Distance"},
           f.header);
  lxw_row_t r = 1;
  auto practice_row = [&](const Practice& p, std::optional<double> list, std::optional<double> imd,
                          std::optional<double> age, std::optional<double> distance) {
    s.text(r, 0, &p == &self ? p.name + " (this practice)" : p.name);
    s.text(r, 1, p.ods_code);
    s.text(r, 2, p.icb_name.empty() ? p.icb_code : p.icb_name);
    s.number(r, 3, list, f.by_unit[static_cast<int>(Unit::kCount)]);
    s.number(r, 4, imd, f.by_unit[static_cast<int>(Unit::kScore)]);
    s.number(r, 5, age ? std::optional<double>(100 * *age) : std::nullopt, f.by_unit[static_cast<int>(Unit::kPercent)]);
    s.number(r, 6, distance, f.by_unit[static_cast<int>(Unit::kRatio)]);
    ++r;
  };
  practice_row(self, self.list_size ? std::optional<double>(static_cast<double>(*self.list_size)) : std::nullopt,
               pack.deprivation, pack.age_share, std::nullopt);
  for (const PracticePack::PeerFigures& peer : pack.peers)
    practice_row(*peer.practice, peer.measures.list_size, peer.measures.deprivation, peer.measures.age_share,
                 peer.distance);
  if (pack.profiles)
    s.text(
        r++, 0,
        fmt::format("Nearest open practices in {} on list size, IMD score and share {} ({}), by standardised "
                    "Euclidean distance over the {} practices with all three.",
                    page.widest_area, band, pack.profiles->age_source_text(), pack.profiles->peer_space().pool_size()));
  r += 1;

  s.header(r++,
           {"Indicator", "Indicator ID", "Period", "Value", "Practices like yours", "Of them with a value",
            "Significance vs practices like yours", "Same deprivation decile", "Practices in the decile",
            "Significance vs the decile"},
           f.header);
  for (const IndicatorFigures& ind : pack.indicators) {
    const PeriodFigures& pf = ind.latest();
    if (pf.like_yours.code.empty() && pf.same_decile.code.empty()) continue;
    lxw_format* vf = f.by_unit[static_cast<int>(ind.indicator->unit)];
    s.text(r, 0, ind.indicator->name);
    s.text(r, 1, ind.indicator->id);
    s.text(r, 2, pf.period.str());
    s.number(r, 3, pf.value, vf);
    lxw_col_t c = 4;
    for (const AreaFigures* a : {&pf.like_yours, &pf.same_decile}) {
      if (!a->code.empty()) {
        s.number(r, c, a->value, vf);
        s.number(r, c + 1, static_cast<double>(a->practices), f.whole);
        s.text(r, c + 2, analyse::label(a->significance, page.significance));
      }
      c += 3;
    }
    ++r;
  }
}

// Each QOF register against the prevalence its age profile and deprivation
// predict (docs/expected-prevalence.md), in percent like the Indicators sheet.
void expected_sheet(Sheet s, const Formats& f, const PracticePack& pack) {
  s.widths({40, 28, 9, 12, 14, 12, 12, 12, 12, 28, 16, 9, 12});
  s.header(
      0,
      {"Register", "Indicator ID", "Period", "On the register", "Patients in the age base", "Recorded prevalence (%)",
       "Expected prevalence (%)", "Expected range lower (%)", "Expected range upper (%)", "Against expected",
       "More patients expected than recorded", "Model R²", "Practices in the model"},
      f.header);
  check(worksheet_set_row(s.get(), 0, 45, nullptr), "setting the header height");
  lxw_format* pct = f.by_unit[static_cast<int>(Unit::kPercent)];
  lxw_format* count = f.by_unit[static_cast<int>(Unit::kCount)];
  lxw_row_t r = 1;
  for (const IndicatorFigures& ind : pack.indicators) {
    if (!ind.expected) continue;
    const RegisterExpectation& x = *ind.expected;
    const analyse::ExpectedPrevalence& e = x.figures;
    s.text(r, 0, ind.indicator->name);
    s.text(r, 1, ind.indicator->id);
    s.text(r, 2, x.model->period.str());
    s.number(r, 3, x.on_register, count);
    s.number(r, 4, x.list, count);
    s.number(r, 5, 100 * e.recorded, pct);
    s.number(r, 6, 100 * e.expected, pct);
    s.number(r, 7, 100 * e.range.lower, pct);
    s.number(r, 8, 100 * e.range.upper, pct);
    s.text(r, 9,
           e.against == analyse::AgainstExpected::kBelow   ? "Significantly below expected"
           : e.against == analyse::AgainstExpected::kAbove ? "Significantly above expected"
                                                           : "Similar to expected");
    s.number(r, 10, e.gap, count);
    s.number(r, 11, x.model->model.r_squared, f.count);
    s.number(r, 12, static_cast<double>(x.model->model.practices), f.whole);
    ++r;
  }
  if (r == 1) s.text(r, 0, "No QOF register with a prevalence model in this data.");
  worksheet_freeze_panes(s.get(), 1, 0);
}

}  // namespace

std::string pack_workbook(const PracticePack& pack, const PackPage& page) {
  xlsx::Workbook wb("data-pack.xlsx");
  const std::string title = fmt::format("{} ({}): data pack", pack.practice->name, pack.practice->ods_code);
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.author = const_cast<char*>(page.programme.c_str());
  props.created = xlsx::kFixedCreated;
  check(workbook_set_properties(wb.get(), &props), "setting document properties");
  const Formats f = make_formats(wb.get());
  summary_sheet(Sheet(wb.sheet("Summary")), f, pack, page);
  indicators_sheet(Sheet(wb.sheet("Indicators")), f, pack, page);
  peers_sheet(Sheet(wb.sheet("Practices like yours")), f, pack, page);
  expected_sheet(Sheet(wb.sheet("Expected prevalence")), f, pack);
  sources_sheet(Sheet(wb.sheet("Sources & definitions")), f, pack, page);
  return wb.close();
}

}  // namespace gpress
