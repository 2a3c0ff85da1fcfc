#include "assemble/thematic.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyse/risk.hpp"
#include "core/text.hpp"

namespace gpress {
namespace {

using json = nlohmann::json;

const char* kNoPrevious = "No previous quarter in the data: change not shown.";

// Renders counts for one audience: the wider one hides what disclose() hid.
struct Counts {
  Audience audience;
  const DisclosedCounts& disclosed;

  bool hidden(const std::string& key) const { return audience == Audience::kWider && disclosed.hidden(key); }
  json cell(const std::string& key, int value) const {
    if (hidden(key)) return {{"text", kSuppressedMark}, {"num", true}, {"hidden", true}, {"header", false}};
    return {{"text", std::to_string(value)}, {"num", true}, {"hidden", false}, {"header", false}};
  }
  std::optional<int> bar(const std::string& key, int value) const {
    return hidden(key) ? std::nullopt : std::optional(value);
  }
};

json text_cell(const std::string& text, bool header = false) {
  return {{"text", text}, {"num", false}, {"hidden", false}, {"header", header}};
}

json table(const std::string& caption, const std::vector<std::string>& headers, json rows) {
  json t = {{"caption", caption}, {"headers", json::array()}, {"rows", std::move(rows)}};
  for (const auto& h : headers) t["headers"].push_back({{"text", h}});
  return t;
}

json section(const std::string& id, const std::string& title, const std::string& intro) {
  return {{"id", id},           {"title", title},          {"intro", intro}, {"chart", ""},
          {"has_chart", false}, {"tables", json::array()}, {"note", ""}};
}

std::string item_key(const SharedItem& s, const std::string& field) {
  return fmt::format("item/{}/{}/{}", to_string(s.kind), s.id, field);
}

json items_table(const std::string& caption, const std::vector<SharedItem>& items, const ThematicReport& r,
                 const Counts& counts, bool skip_zero) {
  const bool prev = r.previous_quarter.has_value();
  std::vector<std::string> headers = {"", "Practices"};
  if (prev) headers.insert(headers.end(), {"Last quarter", "New", "Persisting", "Resolved"});
  for (const auto& a : r.sub_icbs) headers.push_back(a.name);
  json rows = json::array();
  for (const auto& item : items) {
    if (skip_zero && item.practices == 0 && (!item.change || item.change->previous == 0)) continue;
    json cells = json::array();
    cells.push_back(text_cell(
        item.kind == ItemKind::kCriterion ? fmt::format("{}. {}", item.id.substr(10), item.label) : item.label, true));
    cells.push_back(counts.cell(item_key(item, "now"), item.practices));
    if (prev) {
      cells.push_back(counts.cell(item_key(item, "prev"), item.change->previous));
      cells.push_back(counts.cell(item_key(item, "new"), item.change->added));
      cells.push_back(counts.cell(item_key(item, "persisting"), item.change->persisting));
      cells.push_back(counts.cell(item_key(item, "resolved"), item.change->resolved));
    }
    for (std::size_t s = 0; s < r.sub_icbs.size(); ++s)
      cells.push_back(counts.cell(item_key(item, "sub/" + r.sub_icbs[s].code), item.by_sub_icb[s]));
    rows.push_back({{"cells", std::move(cells)}});
  }
  return table(caption, headers, std::move(rows));
}

std::string top_chart(const std::string& title, const std::vector<SharedItem>& items, const Counts& counts) {
  std::vector<std::string> labels;
  std::vector<std::optional<int>> values;
  for (const auto& item : items) {
    if (item.practices == 0 || labels.size() == 10) break;
    labels.push_back(item.label);
    values.push_back(counts.bar(item_key(item, "now"), item.practices));
  }
  return labels.empty() ? std::string() : svg_bar_chart(title, labels, values);
}

json transition_table(const std::string& caption, const Transition& t, const std::string& prefix, const Counts& counts,
                      bool level_totals) {
  std::vector<std::string> headers = {""};
  headers.insert(headers.end(), t.to.begin(), t.to.end());
  headers.emplace_back("Total");
  json rows = json::array();
  for (std::size_t i = 0; i < t.from.size(); ++i) {
    json cells = json::array({text_cell(t.from[i], true)});
    for (std::size_t j = 0; j < t.to.size(); ++j)
      cells.push_back(counts.cell(fmt::format("{}/{}/{}", prefix, i, j), t.counts[i][j]));
    cells.push_back(counts.cell(level_totals ? fmt::format("level/prev/{}", i) : fmt::format("{}/row/{}", prefix, i),
                                t.row_totals[i]));
    rows.push_back({{"cells", std::move(cells)}});
  }
  json cells = json::array({text_cell("Total", true)});
  for (std::size_t j = 0; j < t.to.size(); ++j)
    cells.push_back(counts.cell(level_totals ? fmt::format("level/now/{}", j) : fmt::format("{}/col/{}", prefix, j),
                                t.column_totals[j]));
  cells.push_back(counts.cell(level_totals ? "cohort" : prefix + "/total", t.total));
  rows.push_back({{"cells", std::move(cells)}});
  return table(caption, headers, std::move(rows));
}

}  // namespace

std::string thematic_page_name(Audience audience) { return audience == Audience::kWider ? "wider.html" : "index.html"; }

std::string thematic_workbook_name(const Period& quarter, Audience audience) {
  return fmt::format("thematic-highlights-{}{}.xlsx", quarter.str(), audience == Audience::kWider ? "-wider" : "");
}

std::string svg_bar_chart(const std::string& title, const std::vector<std::string>& labels,
                          const std::vector<std::optional<int>>& values) {
  constexpr int kLabelWidth = 300, kBarArea = 300, kRow = 26, kTop = 8;
  int max = 1;
  for (const auto& v : values)
    if (v) max = std::max(max, *v);
  const int height = kTop * 2 + kRow * static_cast<int>(labels.size());
  const int width = kLabelWidth + kBarArea + 60;
  std::string svg = fmt::format(
      R"(<svg class="thematic-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">)",
      width, height, html_escape(title));
  svg += fmt::format("<title>{}</title>", html_escape(title));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const int y = kTop + static_cast<int>(i) * kRow;
    std::string label = labels[i];
    if (label.size() > 48) label = label.substr(0, 45) + "...";
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" class="thematic-chart__label">{}</text>)",
                       kLabelWidth - 8, y + 17, html_escape(label));
    if (values[i]) {
      // A zero draws no bar; any other count at least a sliver, so it never reads as zero.
      const int w = *values[i] == 0 ? 0 : std::max(2, *values[i] * kBarArea / max);
      if (w > 0)
        svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" class="thematic-chart__bar"/>)", kLabelWidth,
                           y + 4, w, kRow - 8);
      svg += fmt::format(R"(<text x="{}" y="{}" class="thematic-chart__value">{}</text>)", kLabelWidth + w + 6, y + 17,
                         *values[i]);
    } else {
      svg += fmt::format(R"(<text x="{}" y="{}" class="thematic-chart__value">{}</text>)", kLabelWidth + 6, y + 17,
                         kSuppressedMark);
    }
  }
  svg += "</svg>";
  return svg;
}

namespace {

std::string count_or_mark(const Counts& counts, const std::string& key, int value) {
  return counts.hidden(key) ? std::string(kSuppressedMark) : std::to_string(value);
}

// The page's title, audience and links: everything above the sections.
json report_header(const ThematicReport& r, const Counts& counts, const Config& config, const std::string& css) {
  const bool wider = counts.audience == Audience::kWider;
  const int threshold = counts.disclosed.threshold;
  json c;
  c["title"] = fmt::format("Thematic highlight report {}", r.quarter.str());
  c["quarter"] = r.quarter.str();
  c["quarter_start"] = r.quarter_start;
  c["quarter_end"] = r.quarter_end;
  c["language"] = config.site.language;
  c["programme"] = {{"name", config.programme.name}, {"local_office", config.programme.local_office}};
  c["generator"] = std::string("gpress ") + GPRESS_VERSION;
  c["css"] = css;
  c["wider"] = wider;
  c["audience"] = wider ? "For a wider audience: no practice is named and counts from 1 to " +
                              std::to_string(threshold - 1) + " are suppressed."
                        : "For the local office: names practices. Do not forward this page; share the wider version.";
  c["other_version"] = {{"url", thematic_page_name(wider ? Audience::kLocalOffice : Audience::kWider)},
                        {"label", wider ? "Local office version" : "Version for a wider audience"}};
  c["workbook"] = {{"url", thematic_workbook_name(r.quarter, counts.audience)},
                   {"label", thematic_workbook_name(r.quarter, counts.audience)}};
  c["previous"] =
      r.previous_quarter ? fmt::format("Change is shown against {}.", r.previous_quarter->str()) : kNoPrevious;
  c["suppression"] = wider ? suppression_explanation(threshold) : "";
  return c;
}

// Headlines and support levels.
json support_levels_section(const ThematicReport& r, const Counts& counts) {
  const bool prev = r.previous_quarter.has_value();
  json s = section("support-levels", "Support levels",
                   fmt::format("{} practices; {} assessed by the programme by {}.",
                               count_or_mark(counts, "cohort", r.practice_count),
                               count_or_mark(counts, "outcome/supported", r.outcomes.supported), r.quarter_end));
  std::vector<std::string> labels(kLevelLabels.begin(), kLevelLabels.end());
  std::vector<std::optional<int>> values;
  json rows = json::array();
  for (std::size_t i = 0; i < kLevelLabels.size(); ++i) {
    values.push_back(counts.bar(fmt::format("level/now/{}", i), r.level_counts[i]));
    json cells = json::array({text_cell(kLevelLabels[i], true)});
    cells.push_back(counts.cell(fmt::format("level/now/{}", i), r.level_counts[i]));
    if (prev) cells.push_back(counts.cell(fmt::format("level/prev/{}", i), (*r.previous_level_counts)[i]));
    rows.push_back({{"cells", std::move(cells)}});
  }
  s["chart"] = svg_bar_chart(fmt::format("Practices by support level, {}", r.quarter.str()), labels, values);
  s["has_chart"] = true;
  std::vector<std::string> headers = {"Support level", r.quarter.str()};
  if (prev) headers.push_back(r.previous_quarter->str());
  s["tables"].push_back(table("Practices by support level", headers, std::move(rows)));
  if (r.movements)
    s["tables"].push_back(transition_table(fmt::format("Movements: support level in {} (rows) and {} (columns)",
                                                       r.previous_quarter->str(), r.quarter.str()),
                                           *r.movements, "move", counts, true));
  else s["note"] = kNoPrevious;
  return s;
}

json findings_section(const ThematicReport& r, const Counts& counts) {
  json s = section("findings", "Findings shared across practices",
                   "Each finding is one piece of evidence behind a national criterion, named alike for every "
                   "practice. Counts by sub-ICB.");
  s["chart"] = top_chart("Most shared findings: practices", r.findings, counts);
  s["has_chart"] = !s["chart"].get<std::string>().empty();
  s["tables"].push_back(items_table("Findings: practices sharing each", r.findings, r, counts, true));
  if (r.findings.empty()) s["note"] = "No findings this quarter.";
  return s;
}

json criteria_section(const ThematicReport& r, const Counts& counts) {
  json s = section("criteria", "National criteria met", "The 16 national criteria of the programme.");
  s["tables"].push_back(items_table("National criteria: practices meeting each", r.criteria, r, counts, false));
  return s;
}

json actions_section(const ThematicReport& r, const Counts& counts) {
  json s = section("actions", "Recommended actions", "Actions from the menu of support recommended to practices.");
  s["chart"] = top_chart("Most recommended actions: practices", r.actions, counts);
  s["has_chart"] = !s["chart"].get<std::string>().empty();
  s["tables"].push_back(items_table("Recommended actions: practices for each", r.actions, r, counts, true));
  return s;
}

// "Manage 2, Improve [c]": the opportunity's practices by support level.
std::string opportunity_levels(const Opportunity& o, const std::string& key, const Counts& counts) {
  std::vector<std::string> levels;
  for (std::size_t l = 0; l < o.levels.size(); ++l) {
    if (o.levels[l] == 0 && !counts.hidden(fmt::format("{}/level/{}", key, l))) continue;
    const bool level_hidden = counts.hidden(fmt::format("{}/level/{}", key, l));
    levels.push_back(fmt::format("{} {}", kLevelLabels[l],
                                 level_hidden ? std::string(kSuppressedMark) : std::to_string(o.levels[l])));
  }
  return join(levels, ", ");
}

json opportunity_row(const Opportunity& o, const Counts& counts, bool prev) {
  const std::string key = opportunity_key(o);
  const bool hidden = counts.hidden(key);
  json cells =
      json::array({text_cell(hidden ? "" : std::to_string(o.rank), true), text_cell(o.area_name), text_cell(o.label)});
  cells.push_back(counts.cell(key, static_cast<int>(o.ods.size())));
  cells.push_back(hidden ? counts.cell(key, 0)
                         : json{{"text", format_value(static_cast<double>(o.patients), Unit::kCount)},
                                {"num", true},
                                {"hidden", false},
                                {"header", false}});
  cells.push_back(text_cell(opportunity_levels(o, key, counts)));
  if (prev) cells.push_back(text_cell(o.status ? to_string(*o.status) : ""));
  if (counts.audience != Audience::kWider) {
    std::vector<std::string> named;
    for (std::size_t i = 0; i < o.ods.size(); ++i) named.push_back(o.names[i] + " (" + o.ods[i] + ")");
    cells.push_back(text_cell(join(named, "; ")));
  }
  return {{"cells", std::move(cells)}};
}

// Opportunities for collective work: the top N, then all of them.
json opportunities_section(const ThematicReport& r, const Counts& counts) {
  const bool wider = counts.audience == Audience::kWider;
  const bool prev = r.previous_quarter.has_value();
  const std::vector<const Opportunity*> order = opportunities_in_order(r, counts.audience, counts.disclosed);
  const std::vector<const Opportunity*> leading = top_opportunities(r, counts.audience, counts.disclosed);
  const std::size_t top = leading.size();
  const std::string area = r.opportunities_by_sub_icb ? "sub-ICB" : "PCN";
  std::string intro = fmt::format(
      "Findings and recommended actions shared by at least {} practices of one {}: each could be commissioned "
      "once for all of them. Ranked by practices reached, then registered patients.",
      r.cluster_min_practices, area);
  if (top > 0) {
    const OpportunityReach reach = reach_of(r, leading);
    intro += wider ? fmt::format(" The top {} are below.", top)
                   : fmt::format(" The top {} cover {} practices and {} registered patients.", top, reach.practices,
                                 format_value(static_cast<double>(reach.patients), Unit::kCount));
  }
  json s = section("opportunities", "Opportunities for collective work", intro);
  std::vector<std::string> headers = {"Rank",          area, "Finding or action", "Practices", "Registered patients",
                                      "Support levels"};
  if (prev) headers.emplace_back("Since last quarter");
  if (!wider) headers.emplace_back("Practices named");
  auto rows_of = [&](std::size_t from, std::size_t to) {
    json rows = json::array();
    for (std::size_t k = from; k < to; ++k) rows.push_back(opportunity_row(*order[k], counts, prev));
    return rows;
  };
  if (order.empty()) {
    s["note"] = fmt::format("No {} has {} or more practices sharing a finding or action this quarter.", area,
                            r.cluster_min_practices);
  } else {
    if (top > 0) s["tables"].push_back(table(fmt::format("Top {} opportunities", top), headers, rows_of(0, top)));
    s["tables"].push_back(table(fmt::format("All {} opportunities", order.size()), headers, rows_of(0, order.size())));
    if (wider) s["note"] = "Opportunities whose counts are suppressed are listed last, by area and name, not by rank.";
  }
  return s;
}

json maturity_section(const ThematicReport& r, const Counts& counts) {
  json s =
      section("maturity", "Maturity profile",
              "Practices at each level of each theme domain in their latest self-assessment (A lowest, D highest).");
  json rows = json::array();
  for (const auto& m : r.maturity) {
    const std::string base = fmt::format("maturity/{}/{}/", m.theme_slug, m.domain);
    json cells = json::array({text_cell(m.theme_title + ": " + m.domain_title, true)});
    for (int l = 0; l < 4; ++l)
      cells.push_back(
          counts.cell(base + std::string(1, static_cast<char>('A' + l)), m.at[static_cast<std::size_t>(l)]));
    cells.push_back(counts.cell(base + "assessed", m.assessed));
    rows.push_back({{"cells", std::move(cells)}});
  }
  s["tables"].push_back(
      table("Practices at each maturity level", {"Theme and domain", "A", "B", "C", "D", "Assessed"}, std::move(rows)));
  return s;
}

json outcomes_section(const ThematicReport& r, const Counts& counts) {
  json s = section("outcomes", "Outcomes: CQC re-inspection of supported practices",
                   fmt::format("{} of {} supported practices have been re-inspected since their support began.",
                               count_or_mark(counts, "outcome/total", r.outcomes.reinspected),
                               count_or_mark(counts, "outcome/supported", r.outcomes.supported)));
  s["tables"].push_back(transition_table("CQC overall rating before support (rows) and at re-inspection (columns)",
                                         r.outcomes.ratings, "outcome", counts, false));
  return s;
}

// Change per practice: the local office only.
json changes_section(const ThematicReport& r) {
  json s = section("changes", "Change per practice",
                   "New and resolved findings and actions per practice since last quarter.");
  if (!r.previous_quarter) {
    s["note"] = kNoPrevious;
    return s;
  }
  json rows = json::array();
  for (const auto& ch : r.changes) {
    if (ch.status == ChangeStatus::kPersisting || ch.kind == ItemKind::kCriterion) continue;
    rows.push_back({{"cells", json::array({text_cell(ch.name + " (" + ch.ods + ")", true), text_cell(ch.pcn_name),
                                           text_cell(ch.label), text_cell(to_string(ch.status))})}});
  }
  if (rows.empty()) s["note"] = "No practice gained or resolved a finding or action.";
  else
    s["tables"].push_back(table("New and resolved findings and actions",
                                {"Practice", "PCN", "Finding or action", "Change"}, std::move(rows)));
  return s;
}

}  // namespace

json thematic_context(const ThematicReport& r, Audience audience, const DisclosedCounts& disclosed,
                      const Config& config, const std::string& css) {
  const Counts counts{audience, disclosed};
  json c = report_header(r, counts, config, css);
  json sections = json::array();
  sections.push_back(support_levels_section(r, counts));
  sections.push_back(findings_section(r, counts));
  sections.push_back(criteria_section(r, counts));
  sections.push_back(actions_section(r, counts));
  sections.push_back(opportunities_section(r, counts));
  sections.push_back(maturity_section(r, counts));
  sections.push_back(outcomes_section(r, counts));
  if (audience != Audience::kWider) sections.push_back(changes_section(r));
  c["sections"] = std::move(sections);
  return c;
}

const TemplateSchema& thematic_schema() {
  static const TemplateSchema schema = json::parse(R"({
    "title": null, "quarter": null, "quarter_start": null, "quarter_end": null, "language": null,
    "programme": {"name": null, "local_office": null}, "generator": null, "css": null,
    "wider": null, "audience": null, "previous": null, "suppression": null,
    "other_version": {"url": null, "label": null}, "workbook": {"url": null, "label": null},
    "sections": [{
      "id": null, "title": null, "intro": null, "chart": null, "has_chart": null, "note": null,
      "tables": [{"caption": null, "headers": [{"text": null}],
                  "rows": [{"cells": [{"text": null, "num": null, "hidden": null, "header": null}]}]}]
    }]
  })");
  return schema;
}

}  // namespace gpress
