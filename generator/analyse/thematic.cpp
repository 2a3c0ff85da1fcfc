#include "analyse/thematic.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "analyse/risk.hpp"

namespace gpress {
namespace {

using IdSet = std::set<std::string>;

// What one practice has, per kind, as sets of ids.
struct Holdings {
  std::array<IdSet, 3> ids;  // by ItemKind
};

std::string criterion_id(int n) { return fmt::format("criterion-{}", n); }

Holdings holdings_of(const PracticeQuarter& p) {
  Holdings h;
  for (int c : p.criteria_met)
    if (c >= 1 && c <= 16) h.ids[0].insert(criterion_id(c));
  for (const auto& f : p.findings) h.ids[1].insert(f.id);
  for (const auto& a : p.actions) h.ids[2].insert(a.id);
  return h;
}

std::size_t kind_index(ItemKind k) { return static_cast<std::size_t>(k); }

int level_index(const std::string& level) {
  for (std::size_t i = 0; i < 4; ++i)
    if (level == kLevelLabels[i]) return static_cast<int>(i);
  return 4;
}

std::string rag_of(const std::string& level) {
  if (level == "Manage") return "Red";
  if (level == "Stabilise" || level == "Improve") return "Amber";
  if (level == "Sustain") return "Green";
  return "";
}

int rating_index(const std::optional<std::string>& rating) {
  if (!rating) return -1;
  for (std::size_t i = 0; i < kCqcRatings.size(); ++i)
    if (*rating == kCqcRatings[i]) return static_cast<int>(i);
  return -1;
}

std::vector<Area> areas(const std::vector<PracticeQuarter>& practices, std::string PracticeQuarter::*code,
                        std::string PracticeQuarter::*name, std::string PracticeQuarter::*parent) {
  std::map<std::string, Area> by_code;
  for (const auto& p : practices) {
    Area& a = by_code[p.*code];
    a.code = p.*code;
    if (a.name.empty()) a.name = (p.*name).empty() ? (a.code.empty() ? "Not known" : a.code) : p.*name;
    if (parent) a.parent_code = p.*parent;
    ++a.practices;
  }
  std::vector<Area> out;
  for (auto& [c, a] : by_code) out.push_back(std::move(a));
  return out;
}

std::size_t area_index(const std::vector<Area>& list, const std::string& code) {
  auto it =
      std::lower_bound(list.begin(), list.end(), code, [](const Area& a, const std::string& c) { return a.code < c; });
  return static_cast<std::size_t>(it - list.begin());
}

void finish_transition(Transition& t) {
  t.row_totals.assign(t.from.size(), 0);
  t.column_totals.assign(t.to.size(), 0);
  t.total = 0;
  for (std::size_t i = 0; i < t.from.size(); ++i)
    for (std::size_t j = 0; j < t.to.size(); ++j) {
      t.row_totals[i] += t.counts[i][j];
      t.column_totals[j] += t.counts[i][j];
      t.total += t.counts[i][j];
    }
}

}  // namespace

const char* to_string(ItemKind kind) {
  switch (kind) {
    case ItemKind::kCriterion: return "criterion";
    case ItemKind::kFinding: return "finding";
    case ItemKind::kAction: return "action";
  }
  return "";
}

const char* to_string(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kNew: return "new";
    case ChangeStatus::kPersisting: return "persisting";
    case ChangeStatus::kResolved: return "resolved";
  }
  return "";
}

// The criteria's wording comes from analyse/risk, so every report names a
// criterion the same way.
const std::string& national_criterion_name(int number) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& c : national_criteria()) v.emplace_back(c.title);
    return v;
  }();
  return names.at(static_cast<std::size_t>(number - 1));
}

const std::string& national_criterion_domain(int number) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& c : national_criteria()) v.emplace_back(criteria_domain_title(c.domain));
    return v;
  }();
  return names.at(static_cast<std::size_t>(number - 1));
}

std::string opportunity_key(const Opportunity& o) {
  return fmt::format("opportunity/{}/{}/{}", o.area_code, to_string(o.kind), o.id);
}

std::vector<const Opportunity*> opportunities_in_order(const ThematicReport& r, Audience audience,
                                                       const DisclosedCounts& disclosed) {
  std::vector<const Opportunity*> shown, hidden;
  for (const auto& o : r.opportunities)
    (audience == Audience::kWider && disclosed.hidden(opportunity_key(o)) ? hidden : shown).push_back(&o);
  std::sort(hidden.begin(), hidden.end(), [](const Opportunity* a, const Opportunity* b) {
    return std::tie(a->area_code, a->kind, a->id) < std::tie(b->area_code, b->kind, b->id);
  });
  shown.insert(shown.end(), hidden.begin(), hidden.end());
  return shown;
}

std::vector<const Opportunity*> top_opportunities(const ThematicReport& r, Audience audience,
                                                  const DisclosedCounts& disclosed) {
  std::vector<const Opportunity*> top;
  for (const Opportunity* o : opportunities_in_order(r, audience, disclosed)) {
    if (top.size() == static_cast<std::size_t>(r.top_opportunities) ||
        (audience == Audience::kWider && disclosed.hidden(opportunity_key(*o))))
      break;
    top.push_back(o);
  }
  return top;
}

OpportunityReach reach_of(const ThematicReport& r, std::span<const Opportunity* const> list) {
  std::set<std::string> ods;
  for (const Opportunity* o : list) ods.insert(o->ods.begin(), o->ods.end());
  OpportunityReach reach;
  reach.practices = static_cast<int>(ods.size());
  for (const auto& p : r.practices)
    if (ods.count(p.now.ods)) reach.patients += p.now.list_size.value_or(0);
  return reach;
}

Period previous_quarter(const Period& q) {
  Period p = q;
  if (q.number == 1) {
    p.year = static_cast<std::uint16_t>(q.year - 1);
    p.number = 4;
  } else {
    p.number = static_cast<std::uint8_t>(q.number - 1);
  }
  return p;
}

std::string quarter_first_day(const Period& q) { return fmt::format("{:04}-{:02}-01", q.year, (q.number - 1) * 3 + 1); }

std::string quarter_last_day(const Period& q) {
  static const char* ends[] = {"03-31", "06-30", "09-30", "12-31"};
  return fmt::format("{:04}-{}", q.year, ends[q.number - 1]);
}

namespace {

// Item labels by kind and id.
using Labels = std::array<std::map<std::string, std::string>, 3>;

// The quarter's practices in ODS order with what each holds now and held last
// quarter, and the areas each belongs to: what every stage below reads.
struct QuarterPractices {
  bool has_previous = false;
  std::vector<PracticeQuarter> current;                  ///< ODS order
  std::map<std::string, const PracticeQuarter*> before;  ///< last quarter's snapshot, by ODS code
  std::vector<Holdings> now, then;                       ///< per practice in `current`
  std::vector<Holdings> gone;                            ///< practices that left the register since last quarter
  std::vector<std::size_t> icb_of, sub_icb_of, pcn_of;   ///< per practice: its area in the report's lists
};

QuarterPractices practices_of(const ThematicInput& input) {
  QuarterPractices c;
  c.has_previous = input.previous.has_value();
  c.current = input.current;
  std::sort(c.current.begin(), c.current.end(), [](const auto& a, const auto& b) { return a.ods < b.ods; });
  if (c.has_previous)
    for (const auto& p : *input.previous) c.before[p.ods] = &p;
  for (const auto& p : c.current) {
    c.now.push_back(holdings_of(p));
    auto it = c.before.find(p.ods);
    c.then.push_back(it != c.before.end() ? holdings_of(*it->second) : Holdings{});
  }
  // Practices that left the register since last quarter still count in last
  // quarter's totals, so previous = persisting + resolved holds.
  if (c.has_previous) {
    std::set<std::string> here;
    for (const auto& p : c.current) here.insert(p.ods);
    for (const auto& p : *input.previous)
      if (!here.count(p.ods)) c.gone.push_back(holdings_of(p));
  }
  return c;
}

void place_in_areas(QuarterPractices& c, const ThematicReport& r) {
  for (const auto& p : c.current) {
    c.icb_of.push_back(area_index(r.icbs, p.icb_code));
    c.sub_icb_of.push_back(area_index(r.sub_icbs, p.sub_icb_code));
    c.pcn_of.push_back(area_index(r.pcns, p.pcn_code));
  }
}

// Labels: the catalogue's, then the first practice's wording in ODS order.
Labels item_labels(const ThematicInput& input, const QuarterPractices& c) {
  Labels labels;
  for (int n = 1; n <= 16; ++n) labels[0][criterion_id(n)] = national_criterion_name(n);
  for (const auto& a : input.action_catalogue) labels[2].emplace(a.id, a.label);
  auto collect = [&](const PracticeQuarter& p) {
    for (const auto& f : p.findings) labels[1].emplace(f.id, f.label);
    for (const auto& a : p.actions) labels[2].emplace(a.id, a.label);
  };
  for (const auto& p : c.current) collect(p);
  if (c.has_previous) {
    std::vector<const PracticeQuarter*> prev;
    for (const auto& p : *input.previous) prev.push_back(&p);
    std::sort(prev.begin(), prev.end(), [](const auto* a, const auto* b) { return a->ods < b->ods; });
    for (const auto* p : prev) collect(*p);
  }
  return labels;
}

// Every item of one kind on the menu, with no practice counted yet.
std::vector<SharedItem> empty_items(ItemKind kind, const Labels& labels, const ThematicReport& r) {
  std::vector<SharedItem> items;
  for (const auto& [id, label] : labels[kind_index(kind)]) {
    SharedItem s;
    s.kind = kind;
    s.id = id;
    s.label = label;
    s.by_icb.assign(r.icbs.size(), 0);
    s.by_sub_icb.assign(r.sub_icbs.size(), 0);
    s.by_pcn.assign(r.pcns.size(), 0);
    items.push_back(std::move(s));
  }
  return items;
}

// Each practice's holdings are counted where they are, not looked up once
// per item on the menu: the work grows with what practices hold, not with
// items times practices.
void count_holdings(std::vector<SharedItem>& items, ItemKind kind, const QuarterPractices& c) {
  const std::size_t k = kind_index(kind);
  std::map<std::string_view, std::size_t> at;
  for (std::size_t n = 0; n < items.size(); ++n) at.emplace(items[n].id, n);
  auto item_of = [&](const std::string& id) {
    auto it = at.find(id);
    return it == at.end() ? items.size() : it->second;
  };
  std::vector<ItemChange> changes(items.size());
  for (std::size_t i = 0; i < c.current.size(); ++i) {
    const IdSet& now = c.now[i].ids[k];
    const IdSet& then = c.then[i].ids[k];
    for (const auto& id : now) {
      const std::size_t n = item_of(id);
      if (n == items.size()) continue;
      SharedItem& s = items[n];
      ++s.practices;
      s.ods.push_back(c.current[i].ods);
      ++s.by_icb[c.icb_of[i]];
      ++s.by_sub_icb[c.sub_icb_of[i]];
      ++s.by_pcn[c.pcn_of[i]];
      if (then.count(id)) ++changes[n].persisting;
      else ++changes[n].added;
    }
    for (const auto& id : then)
      if (!now.count(id))
        if (const std::size_t n = item_of(id); n != items.size()) ++changes[n].resolved;
  }
  for (const auto& g : c.gone)
    for (const auto& id : g.ids[k])
      if (const std::size_t n = item_of(id); n != items.size()) ++changes[n].resolved;
  for (std::size_t n = 0; n < items.size(); ++n) {
    changes[n].previous = changes[n].persisting + changes[n].resolved;
    if (c.has_previous) items[n].change = changes[n];
  }
}

// Criteria in their national order; findings and actions most shared first.
std::vector<SharedItem> shared_items(ItemKind kind, const Labels& labels, const QuarterPractices& c,
                                     const ThematicReport& r) {
  std::vector<SharedItem> items = empty_items(kind, labels, r);
  count_holdings(items, kind, c);
  if (kind != ItemKind::kCriterion) {
    std::stable_sort(items.begin(), items.end(), [](const SharedItem& a, const SharedItem& b) {
      return a.practices != b.practices ? a.practices > b.practices : a.id < b.id;
    });
  } else {
    std::sort(items.begin(), items.end(), [](const SharedItem& a, const SharedItem& b) {
      return std::stoi(a.id.substr(10)) < std::stoi(b.id.substr(10));
    });
  }
  return items;
}

// Findings and actions shared by at least N practices of one area. Each
// area's practices are listed once, so an opportunity looks at its own
// practices only.
std::vector<Opportunity> find_opportunities(const ThematicReport& r, const ThematicSettings& settings,
                                            const QuarterPractices& c) {
  const int n_min = std::max(1, settings.cluster_min_practices);
  const std::vector<Area>& area_list = settings.by_sub_icb ? r.sub_icbs : r.pcns;
  const std::vector<std::size_t>& area_of = settings.by_sub_icb ? c.sub_icb_of : c.pcn_of;
  std::vector<std::vector<std::size_t>> members(area_list.size());
  for (std::size_t i = 0; i < c.current.size(); ++i) members[area_of[i]].push_back(i);
  std::vector<Opportunity> out;
  for (const auto* list : {&r.findings, &r.actions}) {
    for (const auto& item : *list) {
      const std::size_t k = kind_index(item.kind);
      const std::vector<int>& by_area = settings.by_sub_icb ? item.by_sub_icb : item.by_pcn;
      for (std::size_t a = 0; a < area_list.size(); ++a) {
        if (by_area[a] < n_min) continue;
        Opportunity o;
        o.area_code = area_list[a].code;
        o.area_name = area_list[a].name;
        o.area_practices = area_list[a].practices;
        o.kind = item.kind;
        o.id = item.id;
        o.label = item.label;
        int before_count = 0;
        for (std::size_t i : members[a]) {
          const auto& p = c.current[i];
          if (c.now[i].ids[k].count(item.id)) {
            o.ods.push_back(p.ods);
            o.names.push_back(p.name);
            o.patients += p.list_size.value_or(0);
            ++o.levels[static_cast<std::size_t>(level_index(p.support_level))];
          }
          if (c.then[i].ids[k].count(item.id)) ++before_count;
        }
        if (c.has_previous) o.status = before_count >= n_min ? ChangeStatus::kPersisting : ChangeStatus::kNew;
        out.push_back(std::move(o));
      }
    }
  }
  return out;
}

// A finding whose practices all share an action opportunity in the same
// area is answered by it: the action is what to commission, and listing
// both would spend two of the top places on one thing.
// (Practices are listed in ODS order, as std::includes needs.)
std::vector<Opportunity> without_answered_findings(const std::vector<Opportunity>& all) {
  std::vector<Opportunity> kept;
  for (const Opportunity& f : all) {
    const bool answered =
        f.kind == ItemKind::kFinding && std::any_of(all.begin(), all.end(), [&](const Opportunity& a) {
          return a.kind == ItemKind::kAction && a.area_code == f.area_code &&
                 std::includes(a.ods.begin(), a.ods.end(), f.ods.begin(), f.ods.end());
        });
    if (!answered) kept.push_back(f);
  }
  return kept;
}

// Most practices first, then most patients, actions before findings.
void rank_opportunities(std::vector<Opportunity>& list) {
  std::sort(list.begin(), list.end(), [](const Opportunity& a, const Opportunity& b) {
    if (a.ods.size() != b.ods.size()) return a.ods.size() > b.ods.size();
    if (a.patients != b.patients) return a.patients > b.patients;
    if (a.kind != b.kind) return a.kind == ItemKind::kAction;
    if (a.area_code != b.area_code) return a.area_code < b.area_code;
    return a.id < b.id;
  });
  for (std::size_t i = 0; i < list.size(); ++i) list[i].rank = static_cast<int>(i + 1);
}

std::vector<Opportunity> ranked_opportunities(const ThematicReport& r, const ThematicSettings& settings,
                                              const QuarterPractices& c) {
  std::vector<Opportunity> list = without_answered_findings(find_opportunities(r, settings, c));
  rank_opportunities(list);
  return list;
}

// Change per practice and item: new first, then persisting, then resolved.
std::vector<PracticeChange> practice_changes(const QuarterPractices& c, const Labels& labels) {
  std::vector<PracticeChange> out;
  for (std::size_t i = 0; i < c.current.size(); ++i) {
    const auto& p = c.current[i];
    for (ItemKind kind : {ItemKind::kCriterion, ItemKind::kFinding, ItemKind::kAction}) {
      const std::size_t k = kind_index(kind);
      std::set<std::string> all = c.now[i].ids[k];
      all.insert(c.then[i].ids[k].begin(), c.then[i].ids[k].end());
      std::vector<PracticeChange> rows;
      for (const auto& id : all) {
        const bool now = c.now[i].ids[k].count(id), then = c.then[i].ids[k].count(id);
        const ChangeStatus st = now && then ? ChangeStatus::kPersisting
                                : now       ? ChangeStatus::kNew
                                            : ChangeStatus::kResolved;
        const auto label = labels[k].find(id);
        rows.push_back({p.ods, p.name, p.pcn_name, kind, id, label != labels[k].end() ? label->second : "", st});
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [](const PracticeChange& a, const PracticeChange& b) { return a.status < b.status; });
      out.insert(out.end(), rows.begin(), rows.end());
    }
  }
  return out;
}

// Support levels this quarter and the movements between them since the last.
void count_support_levels(ThematicReport& r, const QuarterPractices& c) {
  r.level_counts.assign(kLevelLabels.size(), 0);
  for (const auto& p : c.current) ++r.level_counts[static_cast<std::size_t>(level_index(p.support_level))];
  if (!c.has_previous) return;
  Transition t;
  t.from.assign(kLevelLabels.begin(), kLevelLabels.end());
  t.to = t.from;
  t.counts.assign(t.from.size(), std::vector<int>(t.to.size(), 0));
  for (const auto& p : c.current) {
    auto it = c.before.find(p.ods);
    const int from = it != c.before.end() ? level_index(it->second->support_level) : 4;
    ++t.counts[static_cast<std::size_t>(from)][static_cast<std::size_t>(level_index(p.support_level))];
  }
  finish_transition(t);
  r.previous_level_counts = t.row_totals;
  r.movements = std::move(t);
}

// Practices at each maturity level, theme by theme and domain by domain.
std::vector<MaturityRow> maturity_rows(const std::vector<ThemeOutline>& themes, const QuarterPractices& c) {
  std::vector<MaturityRow> out;
  for (const auto& theme : themes) {
    for (std::size_t d = 0; d < theme.domains.size(); ++d) {
      MaturityRow row;
      row.theme_slug = theme.slug;
      row.theme_title = theme.title;
      row.domain = static_cast<int>(d + 1);
      row.domain_title = theme.domains[d];
      for (const auto& p : c.current) {
        auto it = p.maturity.find(theme.slug);
        if (it == p.maturity.end() || d >= it->second.size()) continue;
        const char level = it->second[d];
        if (level < 'A' || level > 'D') continue;
        ++row.at[static_cast<std::size_t>(level - 'A')];
        ++row.assessed;
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

// The CQC rating a supported practice had before its support began, where
// known.
std::optional<std::string> rating_before_support(const PracticeQuarter& p, const QuarterPractices& c) {
  if (p.cqc_before_support) return p.cqc_before_support;
  // Last quarter's snapshot still held the inspection before this one.
  auto it = c.before.find(p.ods);
  if (it == c.before.end()) return std::nullopt;
  const PracticeQuarter& q = *it->second;
  if (q.cqc_before_support) return q.cqc_before_support;
  if (q.cqc_inspected_on && *q.cqc_inspected_on < *p.cqc_inspected_on) return q.cqc_overall;
  return std::nullopt;
}

// Outcomes: supported practices re-inspected since their support began.
Outcomes support_outcomes(const QuarterPractices& c) {
  Outcomes out;
  Transition& o = out.ratings;
  o.from.assign(kCqcRatings.begin(), kCqcRatings.end());
  o.from.emplace_back("Not known");
  o.to.assign(kCqcRatings.begin(), kCqcRatings.end());
  o.counts.assign(o.from.size(), std::vector<int>(o.to.size(), 0));
  for (const auto& p : c.current) {
    if (!p.supported) continue;
    ++out.supported;
    const int after = rating_index(p.cqc_overall);
    if (after < 0 || !p.cqc_inspected_on || !p.supported_since || *p.cqc_inspected_on <= *p.supported_since) continue;
    const int from = rating_index(rating_before_support(p, c));
    ++o.counts[from < 0 ? 4 : static_cast<std::size_t>(from)][static_cast<std::size_t>(after)];
  }
  finish_transition(o);
  out.reinspected = o.total;
  return out;
}

// One row per practice. The last use of the cohort's practices: each row
// takes its practice's state over.
void practice_rows(ThematicReport& r, QuarterPractices& c) {
  for (std::size_t i = 0; i < c.current.size(); ++i) {
    PracticeRow row;
    row.rag = rag_of(c.current[i].support_level);
    if (c.current[i].supported) ++r.supported_count;
    if (c.has_previous) {
      auto it = c.before.find(c.current[i].ods);
      row.previous_level = it != c.before.end() && !it->second->support_level.empty() ? it->second->support_level
                                                                                      : std::string(kLevelLabels[4]);
      for (std::size_t k = 1; k < 3; ++k) {
        for (const auto& id : c.now[i].ids[k]) row.new_items += c.then[i].ids[k].count(id) ? 0 : 1;
        for (const auto& id : c.then[i].ids[k]) row.resolved_items += c.now[i].ids[k].count(id) ? 0 : 1;
      }
    }
    row.now = std::move(c.current[i]);
    r.practices.push_back(std::move(row));
  }
}

}  // namespace

ThematicReport build_thematic(const ThematicInput& input, const ThematicSettings& settings) {
  if (input.quarter.kind != Period::Kind::kQuarter) throw std::invalid_argument("build_thematic needs a quarter");
  if (input.current.empty()) throw std::invalid_argument("build_thematic needs at least one practice");
  ThematicReport r;
  r.quarter = input.quarter;
  r.quarter_start = quarter_first_day(input.quarter);
  r.quarter_end = quarter_last_day(input.quarter);
  if (input.previous) r.previous_quarter = previous_quarter(input.quarter);

  QuarterPractices cohort = practices_of(input);
  const auto& current = cohort.current;
  r.icbs = areas(current, &PracticeQuarter::icb_code, &PracticeQuarter::icb_name, nullptr);
  r.sub_icbs =
      areas(current, &PracticeQuarter::sub_icb_code, &PracticeQuarter::sub_icb_name, &PracticeQuarter::icb_code);
  r.pcns = areas(current, &PracticeQuarter::pcn_code, &PracticeQuarter::pcn_name, &PracticeQuarter::sub_icb_code);
  r.practice_count = static_cast<int>(current.size());
  place_in_areas(cohort, r);

  const Labels labels = item_labels(input, cohort);
  r.criteria = shared_items(ItemKind::kCriterion, labels, cohort, r);
  r.findings = shared_items(ItemKind::kFinding, labels, cohort, r);
  r.actions = shared_items(ItemKind::kAction, labels, cohort, r);

  r.cluster_min_practices = settings.cluster_min_practices;
  r.opportunities_by_sub_icb = settings.by_sub_icb;
  r.top_opportunities = settings.top_opportunities;
  r.opportunities = ranked_opportunities(r, settings, cohort);

  if (cohort.has_previous) r.changes = practice_changes(cohort, labels);
  count_support_levels(r, cohort);
  r.maturity = maturity_rows(input.themes, cohort);
  r.outcomes = support_outcomes(cohort);
  practice_rows(r, cohort);
  return r;
}

}  // namespace gpress
