// The trigger kinds, and what turns an action's raw triggers into
// recommendations.
#include <algorithm>

#include <fmt/format.h>

#include "analyse/triggers/trigger.hpp"
#include "core/text.hpp"

namespace gpress {

const std::vector<TriggerKind>& trigger_kinds() {
  static const std::vector<TriggerKind> kinds = {triggers::indicator_kind(), triggers::cqc_kind(),
                                                 triggers::maturity_kind(),  triggers::team360_kind(),
                                                 triggers::flag_kind(),      triggers::below_expected_kind()};
  return kinds;
}

namespace triggers {

const std::vector<std::string>* field(const RawTrigger& raw, std::string_view key, SourceLoc* loc) {
  for (std::size_t i = 0; i < raw.fields.size(); ++i) {
    if (raw.fields[i].first != key) continue;
    if (loc) *loc = i < raw.field_locs.size() ? raw.field_locs[i] : raw.loc;
    return &raw.fields[i].second;
  }
  return nullptr;
}

std::optional<std::string> single(const RawTrigger& raw, std::string_view key, Diagnostics& diags) {
  SourceLoc at = raw.loc;
  const auto* values = field(raw, key, &at);
  if (!values) return std::nullopt;
  if (values->size() != 1 || trim(values->front()).empty()) {
    diags.error(at, fmt::format("'{}' needs one value", key));
    return std::nullopt;
  }
  return std::string(trim(values->front()));
}

const Indicator* known_indicator(const TriggerEnv& env, const std::string& id, const SourceLoc& at,
                                 Diagnostics& diags) {
  if (const Indicator* ind = env.data.find_indicator(id)) return ind;
  std::vector<std::string> ids;
  for (const auto& i : env.data.indicators) ids.push_back(i.id);
  std::string msg = fmt::format("unknown indicator '{}'", id);
  if (auto near = closest_match(id, ids)) msg += fmt::format(" (did you mean '{}'?)", *near);
  else msg += " (not in data/indicators.csv)";
  diags.error(at, msg);
  return nullptr;
}

}  // namespace triggers

std::unique_ptr<Trigger> compile_trigger(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags) {
  const auto& kinds = trigger_kinds();
  std::vector<std::string> keys;
  for (const auto& k : kinds)
    if (std::find(keys.begin(), keys.end(), k.key) == keys.end()) keys.push_back(k.key);
  // The kind a key names: the one whose marker the trigger has, else the one without a marker.
  const auto named = [&](const std::string& key) -> const TriggerKind* {
    const TriggerKind* plain = nullptr;
    for (const auto& k : kinds) {
      if (k.key != key) continue;
      if (k.marker.empty()) plain = plain ? plain : &k;
      else if (triggers::field(raw, k.marker)) return &k;
    }
    return plain;
  };
  const TriggerKind* kind = nullptr;
  for (const auto& [name, values] : raw.fields) {
    const TriggerKind* k = named(name);
    if (!k) continue;
    if (kind) {
      diags.error(raw.loc,
                  fmt::format("a trigger has one kind, but this one names both '{}' and '{}' (write two triggers)",
                              kind->key, k->key));
      return nullptr;
    }
    kind = k;
  }
  if (!kind) {
    SourceLoc at = raw.loc;
    std::string msg = "trigger names no kind (expected one of: " + join(keys) + ")";
    if (!raw.fields.empty()) {
      at = raw.field_locs.empty() ? raw.loc : raw.field_locs.front();
      msg = fmt::format("unknown trigger field '{}'", raw.fields.front().first);
      if (auto near = closest_match(raw.fields.front().first, keys)) msg += fmt::format(" (did you mean '{}'?)", *near);
      else msg += " (a trigger starts with one of: " + join(keys) + ")";
    }
    diags.error(at, msg);
    return nullptr;
  }
  bool ok = true;
  for (std::size_t i = 0; i < raw.fields.size(); ++i) {
    const std::string& name = raw.fields[i].first;
    if (std::find(kind->fields.begin(), kind->fields.end(), name) != kind->fields.end()) continue;
    std::vector<std::string> others(kind->fields.begin() + 1, kind->fields.end());
    const bool vowel = std::string_view("aeiou").find(kind->key[0]) != std::string_view::npos;
    std::string msg = fmt::format("unknown trigger field '{}' for {} {} trigger", name, vowel ? "an" : "a", kind->key);
    if (auto near = closest_match(name, others)) msg += fmt::format(" (did you mean '{}'?)", *near);
    else msg += fmt::format(" (expected: {}, e.g. {})", join(kind->fields), kind->example);
    diags.error(i < raw.field_locs.size() ? raw.field_locs[i] : raw.loc, msg);
    ok = false;
  }
  if (!ok) return nullptr;
  return kind->compile(raw, env, diags);
}

const std::vector<std::string>& menu_names() {
  static const std::vector<std::string> names = {"rapid-intervention",  "diagnostic", "specialist-advice", "coaching",
                                                 "practice-management", "workforce",  "change-management"};
  return names;
}

const std::vector<std::string>& gpfv_domain_names() {
  static const std::vector<std::string> names = {"investment", "infrastructure", "workload", "workforce",
                                                 "new-care-models"};
  return names;
}

std::string_view menu_title(std::string_view menu) {
  if (menu == "rapid-intervention") return "Rapid intervention and management support";
  if (menu == "diagnostic") return "Diagnostic services";
  if (menu == "specialist-advice") return "Specialist advice and guidance";
  if (menu == "coaching") return "Coaching, supervision and mentoring";
  if (menu == "practice-management") return "Practice management capacity support";
  if (menu == "workforce") return "Coordinated support with workforce issues";
  if (menu == "change-management") return "Change management and improvement support";
  return "";
}

std::string_view gpfv_domain_title(std::string_view domain) {
  if (domain == "investment") return "Investment / finance";
  if (domain == "infrastructure") return "Infrastructure";
  if (domain == "workload") return "Workload";
  if (domain == "workforce") return "Workforce";
  if (domain == "new-care-models") return "New care models";
  return "";
}

std::vector<CompiledAction> compile_actions(const PageList& actions, const TriggerEnv& env, Diagnostics& diags) {
  std::vector<CompiledAction> out;
  out.reserve(actions.size());
  auto check_one_of = [&](const Page& page, const char* key, const std::string& value,
                          const std::vector<std::string>& names) {
    if (value.empty() || std::find(names.begin(), names.end(), value) != names.end()) return;
    std::string msg = fmt::format("unknown {} '{}'", key, value);
    if (auto near = closest_match(value, names)) msg += fmt::format(" (did you mean '{}'?)", *near);
    else msg += fmt::format(" (expected one of: {})", join(names));
    diags.error(page.loc_of(key), msg);
  };
  for (const Page& page : actions) {
    check_one_of(page, "menu", page.menu, menu_names());
    check_one_of(page, "gpfv_domain", page.gpfv_domain, gpfv_domain_names());
    CompiledAction a;
    a.page = &page;
    if (!page.levels.empty()) {
      a.suits = {false, false, false, false};
      for (const std::string& text : page.levels) {
        if (auto level = parse_support_level(text)) {
          a.suits[static_cast<std::size_t>(*level)] = true;
          continue;
        }
        std::string msg = fmt::format("unknown support level '{}'", text);
        if (auto near = closest_match(text, support_level_names())) msg += fmt::format(" (did you mean '{}'?)", *near);
        else msg += fmt::format(" (expected one of: {})", join(support_level_names()));
        diags.error(page.loc_of("levels"), msg);
      }
    }
    for (const RawTrigger& raw : page.triggers)
      if (auto t = compile_trigger(raw, env, diags)) a.triggers.push_back(std::move(t));
    out.push_back(std::move(a));
  }
  return out;
}

std::string_view to_string(Strength strength) {
  switch (strength) {
    case Strength::kThreshold: return "past a threshold";
    case Strength::kQuarter: return "worst or best quarter";
    case Strength::kSignificant: return "significant or a judgement";
  }
  return "";
}

std::string CompiledAction::levels_text() const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < suits.size(); ++i)
    if (suits[i]) names.emplace_back(to_string(static_cast<SupportLevel>(i)));
  return names.size() == suits.size() ? "any support level" : join(names);
}

namespace {

int weight_of(const TriggerResult& r, const PriorityRules& rules) {
  return r.criterion >= 1 && r.criterion <= 16 ? rules.weights[static_cast<std::size_t>(r.criterion - 1)] : 1;
}

// ISO dates compare as text; a year before 2026-03-31 is 2025-03-31.
bool recent(const TriggerResult& r, const PriorityRules& rules) {
  if (r.dated.size() < 10 || rules.as_of.size() < 10) return false;
  const std::string year_before =
      fmt::format("{:04}{}", std::stoi(rules.as_of.substr(0, 4)) - 1, rules.as_of.substr(4));
  return r.dated >= year_before;
}

}  // namespace

int trigger_points(const TriggerResult& r, const PriorityRules& rules) {
  return weight_of(r, rules) * static_cast<int>(r.strength) * (recent(r, rules) ? 2 : 1);
}

std::string points_text(const TriggerResult& r, const PriorityRules& rules) {
  const std::string weight = r.criterion >= 1 && r.criterion <= 16
                                 ? fmt::format("weight {} (criterion {})", weight_of(r, rules), r.criterion)
                                 : std::string("weight 1 (no national criterion)");
  const char* when = recent(r, rules) ? "2 (recent)" : r.dated.empty() ? "1 (undated)" : "1 (over a year old)";
  return fmt::format("{} points: {} × {} ({}) × {}", trigger_points(r, rules), weight, static_cast<int>(r.strength),
                     to_string(r.strength), when);
}

bool compare_priority(const Recommendation& a, const Recommendation& b) {
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.total != b.total) return a.total > b.total;
  if (a.page->weight != b.page->weight) return a.page->weight < b.page->weight;
  return a.page->slug < b.page->slug;
}

std::vector<Recommendation> recommend(const std::vector<CompiledAction>& actions, const PracticeFacts& facts,
                                      const PriorityRules& rules, SupportLevel level) {
  std::vector<Recommendation> out;
  for (const auto& action : actions) {
    Recommendation r;
    r.page = action.page;
    for (const auto& t : action.triggers) {
      TriggerResult result = t->evaluate(facts);
      if (!result.held) continue;
      const int points = trigger_points(result, rules);
      r.priority = std::max(r.priority, points);
      r.total += points;
      r.held.push_back({t->describe(), std::move(result.evidence), points, points_text(result, rules)});
    }
    if (r.held.empty()) continue;
    r.suits_level = action.suits_level(level);
    r.levels_text = action.levels_text();
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), compare_priority);
  return out;
}

std::string period_end_date(const Period& period) {
  const int month_index = period.last_month();
  const int year = month_index / 12, month = month_index % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return fmt::format("{:04}-{:02}-{:02}", year, month, month == 2 && leap ? 29 : kDays[month - 1]);
}

}  // namespace gpress
