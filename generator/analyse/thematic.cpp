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

std::vector<Area> areas(const std::vector<PracticeQuarter>& practices,
                        std::string PracticeQuarter::*code, std::string PracticeQuarter::*name,
                        std::string PracticeQuarter::*parent) {
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
  auto it = std::lower_bound(list.begin(), list.end(), code,
                             [](const Area& a, const std::string& c) { return a.code < c; });
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

ThematicReport build_thematic(const ThematicInput& input, const ThematicSettings& settings) {
  if (input.quarter.kind != Period::Kind::kQuarter) throw std::invalid_argument("build_thematic needs a quarter");
  if (input.current.empty()) throw std::invalid_argument("build_thematic needs at least one practice");
  ThematicReport r;
  r.quarter = input.quarter;
  r.quarter_start = quarter_first_day(input.quarter);
  r.quarter_end = quarter_last_day(input.quarter);
  const bool has_previous = input.previous.has_value();
  if (has_previous) r.previous_quarter = previous_quarter(input.quarter);

  std::vector<PracticeQuarter> current = input.current;
  std::sort(current.begin(), current.end(), [](const auto& a, const auto& b) { return a.ods < b.ods; });
  std::map<std::string, const PracticeQuarter*> before;
  if (has_previous)
    for (const auto& p : *input.previous) before[p.ods] = &p;

  r.icbs = areas(current, &PracticeQuarter::icb_code, &PracticeQuarter::icb_name, nullptr);
  r.sub_icbs = areas(current, &PracticeQuarter::sub_icb_code, &PracticeQuarter::sub_icb_name, &PracticeQuarter::icb_code);
  r.pcns = areas(current, &PracticeQuarter::pcn_code, &PracticeQuarter::pcn_name, &PracticeQuarter::sub_icb_code);
  r.practice_count = static_cast<int>(current.size());

  std::vector<Holdings> now_h, then_h;
  for (const auto& p : current) {
    now_h.push_back(holdings_of(p));
    auto it = before.find(p.ods);
    then_h.push_back(it != before.end() ? holdings_of(*it->second) : Holdings{});
  }
  // Practices that left the register since last quarter still count in last
  // quarter's totals, so previous = persisting + resolved holds.
  std::vector<Holdings> gone_h;
  if (has_previous) {
    std::set<std::string> here;
    for (const auto& p : current) here.insert(p.ods);
    for (const auto& p : *input.previous)
      if (!here.count(p.ods)) gone_h.push_back(holdings_of(p));
  }

  // Labels: the catalogue's, then the first practice's wording in ODS order.
  std::array<std::map<std::string, std::string>, 3> labels;
  for (int c = 1; c <= 16; ++c) labels[0][criterion_id(c)] = national_criterion_name(c);
  for (const auto& a : input.action_catalogue) labels[2].emplace(a.id, a.label);
  auto collect = [&](const std::vector<PracticeQuarter>& list) {
    for (const auto& p : list) {
      for (const auto& f : p.findings) labels[1].emplace(f.id, f.label);
      for (const auto& a : p.actions) labels[2].emplace(a.id, a.label);
    }
  };
  collect(current);
  if (has_previous) {
    std::vector<const PracticeQuarter*> prev;
    for (const auto& p : *input.previous) prev.push_back(&p);
    std::sort(prev.begin(), prev.end(), [](const auto* a, const auto* b) { return a->ods < b->ods; });
    for (const auto* p : prev) {
      for (const auto& f : p->findings) labels[1].emplace(f.id, f.label);
      for (const auto& a : p->actions) labels[2].emplace(a.id, a.label);
    }
  }

  std::vector<std::size_t> icb_of, sub_icb_of, pcn_of;
  for (const auto& p : current) {
    icb_of.push_back(area_index(r.icbs, p.icb_code));
    sub_icb_of.push_back(area_index(r.sub_icbs, p.sub_icb_code));
    pcn_of.push_back(area_index(r.pcns, p.pcn_code));
  }

  // Each practice's holdings are counted where they are, not looked up once
  // per item on the menu: the work grows with what practices hold, not with
  // items times practices.
  auto shared = [&](ItemKind kind) {
    const std::size_t k = kind_index(kind);
    std::vector<SharedItem> items;
    std::map<std::string_view, std::size_t> at;
    for (const auto& [id, label] : labels[k]) {
      SharedItem s;
      s.kind = kind;
      s.id = id;
      s.label = label;
      s.by_icb.assign(r.icbs.size(), 0);
      s.by_sub_icb.assign(r.sub_icbs.size(), 0);
      s.by_pcn.assign(r.pcns.size(), 0);
      at.emplace(id, items.size());
      items.push_back(std::move(s));
    }
    std::vector<ItemChange> changes(items.size());
    auto item_of = [&](const std::string& id) {
      auto it = at.find(id);
      return it == at.end() ? items.size() : it->second;
    };
    for (std::size_t i = 0; i < current.size(); ++i) {
      const IdSet& now = now_h[i].ids[k];
      const IdSet& then = then_h[i].ids[k];
      for (const auto& id : now) {
        const std::size_t n = item_of(id);
        if (n == items.size()) continue;
        SharedItem& s = items[n];
        ++s.practices;
        s.ods.push_back(current[i].ods);
        ++s.by_icb[icb_of[i]];
        ++s.by_sub_icb[sub_icb_of[i]];
        ++s.by_pcn[pcn_of[i]];
        if (then.count(id)) ++changes[n].persisting;
        else ++changes[n].added;
      }
      for (const auto& id : then)
        if (!now.count(id))
          if (const std::size_t n = item_of(id); n != items.size()) ++changes[n].resolved;
    }
    for (const auto& g : gone_h)
      for (const auto& id : g.ids[k])
        if (const std::size_t n = item_of(id); n != items.size()) ++changes[n].resolved;
    for (std::size_t n = 0; n < items.size(); ++n) {
      changes[n].previous = changes[n].persisting + changes[n].resolved;
      if (has_previous) items[n].change = changes[n];
    }
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
  };
  r.criteria = shared(ItemKind::kCriterion);
  r.findings = shared(ItemKind::kFinding);
  r.actions = shared(ItemKind::kAction);

  // Opportunities: findings and actions, area by area. Each area's practices
  // are listed once, so an opportunity looks at its own practices only.
  r.cluster_min_practices = settings.cluster_min_practices;
  r.opportunities_by_sub_icb = settings.by_sub_icb;
  r.top_opportunities = settings.top_opportunities;
  const int n_min = std::max(1, settings.cluster_min_practices);
  const std::vector<Area>& area_list = settings.by_sub_icb ? r.sub_icbs : r.pcns;
  const std::vector<std::size_t>& area_of = settings.by_sub_icb ? sub_icb_of : pcn_of;
  std::vector<std::vector<std::size_t>> members(area_list.size());
  for (std::size_t i = 0; i < current.size(); ++i) members[area_of[i]].push_back(i);
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
          const auto& p = current[i];
          if (now_h[i].ids[k].count(item.id)) {
            o.ods.push_back(p.ods);
            o.names.push_back(p.name);
            o.patients += p.list_size.value_or(0);
            ++o.levels[static_cast<std::size_t>(level_index(p.support_level))];
          }
          if (then_h[i].ids[k].count(item.id)) ++before_count;
        }
        if (has_previous) o.status = before_count >= n_min ? ChangeStatus::kPersisting : ChangeStatus::kNew;
        r.opportunities.push_back(std::move(o));
      }
    }
  }
  // A finding whose practices all share an action opportunity in the same
  // area is answered by it: the action is what to commission, and listing
  // both would spend two of the top places on one thing.
  // (Practices are listed in ODS order, as std::includes needs.)
  std::vector<Opportunity> kept;
  for (const Opportunity& f : r.opportunities) {
    const bool answered =
        f.kind == ItemKind::kFinding &&
        std::any_of(r.opportunities.begin(), r.opportunities.end(), [&](const Opportunity& a) {
          return a.kind == ItemKind::kAction && a.area_code == f.area_code &&
                 std::includes(a.ods.begin(), a.ods.end(), f.ods.begin(), f.ods.end());
        });
    if (!answered) kept.push_back(f);
  }
  r.opportunities = std::move(kept);
  std::sort(r.opportunities.begin(), r.opportunities.end(), [](const Opportunity& a, const Opportunity& b) {
    if (a.ods.size() != b.ods.size()) return a.ods.size() > b.ods.size();
    if (a.patients != b.patients) return a.patients > b.patients;
    if (a.kind != b.kind) return a.kind == ItemKind::kAction;
    if (a.area_code != b.area_code) return a.area_code < b.area_code;
    return a.id < b.id;
  });
  for (std::size_t i = 0; i < r.opportunities.size(); ++i) r.opportunities[i].rank = static_cast<int>(i + 1);

  // Change per practice and item.
  if (has_previous) {
    for (std::size_t i = 0; i < current.size(); ++i) {
      const auto& p = current[i];
      for (ItemKind kind : {ItemKind::kCriterion, ItemKind::kFinding, ItemKind::kAction}) {
        const std::size_t k = kind_index(kind);
        std::set<std::string> all = now_h[i].ids[k];
        all.insert(then_h[i].ids[k].begin(), then_h[i].ids[k].end());
        std::vector<PracticeChange> rows;
        for (const auto& id : all) {
          const bool now = now_h[i].ids[k].count(id), then = then_h[i].ids[k].count(id);
          const ChangeStatus st = now && then ? ChangeStatus::kPersisting : now ? ChangeStatus::kNew : ChangeStatus::kResolved;
          rows.push_back({p.ods, p.name, p.pcn_name, kind, id, labels[k][id], st});
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](const PracticeChange& a, const PracticeChange& b) { return a.status < b.status; });
        r.changes.insert(r.changes.end(), rows.begin(), rows.end());
      }
    }
  }

  // Support levels and the movements between them.
  r.level_counts.assign(kLevelLabels.size(), 0);
  for (const auto& p : current) ++r.level_counts[static_cast<std::size_t>(level_index(p.support_level))];
  if (has_previous) {
    Transition t;
    t.from.assign(kLevelLabels.begin(), kLevelLabels.end());
    t.to = t.from;
    t.counts.assign(t.from.size(), std::vector<int>(t.to.size(), 0));
    for (const auto& p : current) {
      auto it = before.find(p.ods);
      const int from = it != before.end() ? level_index(it->second->support_level) : 4;
      ++t.counts[static_cast<std::size_t>(from)][static_cast<std::size_t>(level_index(p.support_level))];
    }
    finish_transition(t);
    r.previous_level_counts = t.row_totals;
    r.movements = std::move(t);
  }

  // Maturity distribution.
  for (const auto& theme : input.themes) {
    for (std::size_t d = 0; d < theme.domains.size(); ++d) {
      MaturityRow row;
      row.theme_slug = theme.slug;
      row.theme_title = theme.title;
      row.domain = static_cast<int>(d + 1);
      row.domain_title = theme.domains[d];
      for (const auto& p : current) {
        auto it = p.maturity.find(theme.slug);
        if (it == p.maturity.end() || d >= it->second.size()) continue;
        const char level = it->second[d];
        if (level < 'A' || level > 'D') continue;
        ++row.at[static_cast<std::size_t>(level - 'A')];
        ++row.assessed;
      }
      r.maturity.push_back(std::move(row));
    }
  }

  // Outcomes: supported practices re-inspected since their support began.
  Transition& o = r.outcomes.ratings;
  o.from.assign(kCqcRatings.begin(), kCqcRatings.end());
  o.from.emplace_back("Not known");
  o.to.assign(kCqcRatings.begin(), kCqcRatings.end());
  o.counts.assign(o.from.size(), std::vector<int>(o.to.size(), 0));
  for (const auto& p : current) {
    if (!p.supported) continue;
    ++r.outcomes.supported;
    const int after = rating_index(p.cqc_overall);
    if (after < 0 || !p.cqc_inspected_on || !p.supported_since || *p.cqc_inspected_on <= *p.supported_since) continue;
    std::optional<std::string> was = p.cqc_before_support;
    if (!was) {
      // Last quarter's snapshot still held the inspection before this one.
      auto it = before.find(p.ods);
      if (it != before.end()) {
        const PracticeQuarter& q = *it->second;
        if (q.cqc_before_support) was = q.cqc_before_support;
        else if (q.cqc_inspected_on && *q.cqc_inspected_on < *p.cqc_inspected_on) was = q.cqc_overall;
      }
    }
    const int from = rating_index(was);
    ++o.counts[from < 0 ? 4 : static_cast<std::size_t>(from)][static_cast<std::size_t>(after)];
  }
  finish_transition(o);
  r.outcomes.reinspected = o.total;

  // One row per practice. The last use of `current`: each row takes its
  // practice's state over.
  for (std::size_t i = 0; i < current.size(); ++i) {
    PracticeRow row;
    row.rag = rag_of(current[i].support_level);
    if (current[i].supported) ++r.supported_count;
    if (has_previous) {
      auto it = before.find(current[i].ods);
      row.previous_level = it != before.end() && !it->second->support_level.empty()
                               ? it->second->support_level
                               : std::string(kLevelLabels[4]);
      for (std::size_t k = 1; k < 3; ++k) {
        for (const auto& id : now_h[i].ids[k]) row.new_items += then_h[i].ids[k].count(id) ? 0 : 1;
        for (const auto& id : then_h[i].ids[k]) row.resolved_items += now_h[i].ids[k].count(id) ? 0 : 1;
      }
    }
    row.now = std::move(current[i]);
    r.practices.push_back(std::move(row));
  }
  return r;
}

}  // namespace gpress

namespace gpress {

Suppression DisclosedCounts::state(const std::string& key) const {
  auto it = cells.find(key);
  return it == cells.end() ? Suppression::kShown : it->second;
}

DisclosedCounts disclose(const ThematicReport& r, int threshold) {
  DisclosureTable table;
  std::vector<std::string> keys;
  std::map<std::string, DisclosureTable::Cell> at;
  auto cell = [&](const std::string& key, int value) {
    if (auto it = at.find(key); it != at.end()) return it->second;
    const auto c = table.add(value);
    keys.push_back(key);
    at.emplace(key, c);
    return c;
  };

  const std::size_t nl = kLevelLabels.size();
  const auto cohort = cell("cohort", r.practice_count);
  std::vector<DisclosureTable::Cell> now_levels;
  for (std::size_t i = 0; i < nl; ++i) now_levels.push_back(cell(fmt::format("level/now/{}", i), r.level_counts[i]));
  table.add_sum(cohort, now_levels);
  if (r.movements) {
    const Transition& t = *r.movements;
    std::vector<DisclosureTable::Cell> prev_levels;
    for (std::size_t i = 0; i < nl; ++i) prev_levels.push_back(cell(fmt::format("level/prev/{}", i), t.row_totals[i]));
    table.add_sum(cohort, prev_levels);
    std::vector<std::vector<DisclosureTable::Cell>> m(nl);
    for (std::size_t i = 0; i < nl; ++i)
      for (std::size_t j = 0; j < nl; ++j) m[i].push_back(cell(fmt::format("move/{}/{}", i, j), t.counts[i][j]));
    for (std::size_t i = 0; i < nl; ++i) table.add_sum(prev_levels[i], m[i]);
    for (std::size_t j = 0; j < nl; ++j) {
      std::vector<DisclosureTable::Cell> col;
      for (std::size_t i = 0; i < nl; ++i) col.push_back(m[i][j]);
      table.add_sum(now_levels[j], col);
    }
  }

  for (const auto* list : {&r.criteria, &r.findings, &r.actions}) {
    for (const auto& item : *list) {
      const std::string base = fmt::format("item/{}/{}/", to_string(item.kind), item.id);
      const auto now = cell(base + "now", item.practices);
      std::vector<DisclosureTable::Cell> icbs;
      for (std::size_t a = 0; a < r.icbs.size(); ++a) {
        const auto icb = cell(base + "icb/" + r.icbs[a].code, item.by_icb[a]);
        icbs.push_back(icb);
        std::vector<DisclosureTable::Cell> subs;
        for (std::size_t s = 0; s < r.sub_icbs.size(); ++s)
          if (r.sub_icbs[s].parent_code == r.icbs[a].code)
            subs.push_back(cell(base + "sub/" + r.sub_icbs[s].code, item.by_sub_icb[s]));
        table.add_sum(icb, subs);
      }
      table.add_sum(now, icbs);
      if (item.change) {
        const auto prev = cell(base + "prev", item.change->previous);
        const auto added = cell(base + "new", item.change->added);
        const auto persisting = cell(base + "persisting", item.change->persisting);
        const auto resolved = cell(base + "resolved", item.change->resolved);
        table.add_sum(now, {added, persisting});
        table.add_sum(prev, {persisting, resolved});
      }
    }
  }

  for (const auto& row : r.maturity) {
    const std::string base = fmt::format("maturity/{}/{}/", row.theme_slug, row.domain);
    const auto assessed = cell(base + "assessed", row.assessed);
    std::vector<DisclosureTable::Cell> parts;
    for (std::size_t l = 0; l < 4; ++l) parts.push_back(cell(base + std::string(1, static_cast<char>('A' + l)), row.at[l]));
    table.add_sum(assessed, parts);
  }

  {
    const Transition& o = r.outcomes.ratings;
    const auto supported = cell("outcome/supported", r.outcomes.supported);
    int levelled = 0;
    for (std::size_t i = 0; i < 4; ++i) levelled += r.level_counts[i];
    if (levelled == r.outcomes.supported) {
      // Supported means assessed here, so a reader can add the levels up.
      table.add_sum(supported, {now_levels[0], now_levels[1], now_levels[2], now_levels[3]});
    }
    const auto total = cell("outcome/total", o.total);
    std::vector<DisclosureTable::Cell> rows, cols;
    std::vector<std::vector<DisclosureTable::Cell>> m(o.from.size());
    for (std::size_t i = 0; i < o.from.size(); ++i) {
      rows.push_back(cell(fmt::format("outcome/row/{}", i), o.row_totals[i]));
      for (std::size_t j = 0; j < o.to.size(); ++j) m[i].push_back(cell(fmt::format("outcome/{}/{}", i, j), o.counts[i][j]));
      table.add_sum(rows[i], m[i]);
    }
    for (std::size_t j = 0; j < o.to.size(); ++j) {
      cols.push_back(cell(fmt::format("outcome/col/{}", j), o.column_totals[j]));
      std::vector<DisclosureTable::Cell> col;
      for (std::size_t i = 0; i < o.from.size(); ++i) col.push_back(m[i][j]);
      table.add_sum(cols[j], col);
    }
    table.add_sum(total, rows);
    table.add_sum(total, cols);
  }

  for (const auto& o : r.opportunities) {
    const std::string base = opportunity_key(o);
    const auto practices = cell(base, static_cast<int>(o.ods.size()));
    std::vector<DisclosureTable::Cell> levels;
    for (std::size_t i = 0; i < o.levels.size(); ++i) levels.push_back(cell(fmt::format("{}/level/{}", base, i), o.levels[i]));
    table.add_sum(practices, levels);
  }

  const SuppressionResult result = suppress(table, threshold);
  DisclosedCounts out;
  out.threshold = threshold;
  out.primary = result.primary;
  out.secondary = result.secondary;
  for (const auto& [key, c] : at) out.cells[key] = result.cells[c];
  return out;
}

}  // namespace gpress
