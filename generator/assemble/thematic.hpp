// The thematic highlight report's page: the workbook's findings as sections
// of tables and inline SVG bar charts, one context per audience.
//
//   private/thematic/<YYYY-Qn>/
//   ├── index.html                            local office: practices named
//   ├── thematic-highlights-<YYYY-Qn>.xlsx
//   ├── wider.html                            wider audience: no names, small counts suppressed
//   └── thematic-highlights-<YYYY-Qn>-wider.xlsx
//
// Every table on the page is the same shape (caption, header cells, rows of
// cells), so one partial renders them all and a chart is always next to the
// table that holds its numbers: the table is the chart's text alternative.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "analyse/thematic.hpp"
#include "assemble/context.hpp"
#include "config/config.hpp"

namespace gpress {

/// The context of templates/thematic.html for one audience.
nlohmann::json thematic_context(const ThematicReport& report, Audience audience, const DisclosedCounts& disclosed,
                                const Config& config, const std::string& css);

/// The variables thematic.html may use (docs/thematic-report.md).
const TemplateSchema& thematic_schema();

/// The page's file name inside the quarter's folder: "index.html" or "wider.html".
std::string thematic_page_name(Audience audience);

/// The workbook's file name: "thematic-highlights-2025-Q4.xlsx" or "...-wider.xlsx".
std::string thematic_workbook_name(const Period& quarter, Audience audience);

/// A horizontal bar chart as inline SVG: one bar per label, a value label at
/// each bar's end; hidden values draw no bar and read "[c]". `title` is the
/// chart's accessible name.
std::string svg_bar_chart(const std::string& title, const std::vector<std::string>& labels,
                          const std::vector<std::optional<int>>& values);

}  // namespace gpress
