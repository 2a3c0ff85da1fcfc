#include "assemble/thematic_input.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "analyse/practice_quarters.hpp"
#include "analyse/triggers/trigger.hpp"  // period_end_date
#include "core/parallel.hpp"

namespace gpress {
namespace {

Period quarter_of_month(int month_index) {
  Period p;
  p.kind = Period::Kind::kQuarter;
  p.year = static_cast<std::uint16_t>(month_index / 12);
  p.number = static_cast<std::uint8_t>(month_index % 12 / 3 + 1);
  return p;
}

Period quarter_of_date(const std::string& iso) {
  const int year = std::stoi(iso.substr(0, 4));
  const int month = std::stoi(iso.substr(5, 2));
  return quarter_of_month(year * 12 + month - 1);
}

}  // namespace

std::optional<Period> parse_quarter(const std::string& text) {
  auto p = Period::parse(text);
  if (!p || p->kind != Period::Kind::kQuarter || p->str() != text) return std::nullopt;
  return p;
}

std::string bad_quarter_message(const std::string& text) {
  return fmt::format("--quarter '{}' is not a quarter: expected YYYY-Qn with n from 1 to 4, e.g. 2025-Q4", text);
}

std::optional<std::string> latest_date_in_data(const ProjectInputs& project, const Assessments& a) {
  std::optional<std::string> latest;
  auto consider = [&](const std::string& date) {
    if (!latest || date > *latest) latest = date;
  };
  int last_month = -1;
  for (const auto& v : project.data.values) last_month = std::max(last_month, v.period.last_month());
  if (last_month >= 0) {
    Period month;
    month.year = static_cast<std::uint16_t>(last_month / 12);
    month.number = static_cast<std::uint8_t>(last_month % 12 + 1);
    consider(period_end_date(month));
  }
  for (const auto& c : project.data.cqc)
    if (c.inspected_on) consider(*c.inspected_on);
  for (const auto& r : a.maturity) consider(r.assessed_on);
  for (const auto& r : a.team360) consider(r.assessed_on);
  for (const auto& r : a.intelligence) consider(r.recorded_on);
  for (const auto& r : a.overrides) consider(r.set_on);
  return latest;
}

std::optional<Period> latest_quarter_in_data(const ProjectInputs& project, const Assessments& a) {
  const auto latest = latest_date_in_data(project, a);
  if (!latest) return std::nullopt;
  return quarter_of_date(*latest);
}

ThematicInput thematic_input(const ProjectInputs& project, const Assessments& assessments, const Period& quarter,
                             unsigned jobs) {
  ThematicInput in;
  in.quarter = quarter;
  const Period before = previous_quarter(quarter);
  const bool has_before = has_data_by(project, assessments, before);
  // The two quarters are independent snapshots; side by side, each one's
  // serial parts (copying, ranking) overlap the other's.
  std::vector<PracticeQuarter> previous;
  parallel_for(has_before ? 2 : 1, jobs, [&](std::size_t k) {
    if (k == 0) in.current = practice_quarters(project, assessments, quarter, jobs);
    else previous = practice_quarters(project, assessments, before, jobs);
  });
  if (has_before) in.previous = std::move(previous);
  for (const Theme& t : project.themes) {
    ThemeOutline o{t.slug, t.title, {}};
    for (const auto& d : t.domains) o.domains.push_back(d.title);
    in.themes.push_back(std::move(o));
  }
  std::vector<const Page*> menu;
  for (const Page& a : project.content.actions) menu.push_back(&a);
  std::sort(menu.begin(), menu.end(), [](const Page* a, const Page* b) { return a->slug < b->slug; });
  for (const Page* a : menu) in.action_catalogue.push_back({a->slug, a->title});
  return in;
}

}  // namespace gpress
