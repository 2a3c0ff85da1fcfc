// thematic-highlights-<YYYY-Qn>.xlsx: the quarterly thematic highlight report
// as a workbook the local office opens in Excel and forwards.
//
//   thematic-highlights-2025-Q4.xlsx (and -wider.xlsx for a wider audience)
//   ├── Summary    headline figures, support levels, the top opportunities for
//   │              collective work, the most shared findings and actions, and
//   │              native bar charts below them
//   ├── Themes     each national criterion and finding: practices sharing
//   │              it, change since last quarter, counts by ICB and sub-ICB;
//   │              below it, the maturity profile per theme domain
//   ├── Opportunities  every PCN (or sub-ICB) where at least N practices share
//   │              a finding or action, ranked
//   ├── Practices  one row per practice, RAG by conditional formatting
//   │              (local office only: the wider variant names no practice)
//   ├── Actions    each recommended action, as Themes
//   ├── By PCN     practices sharing each finding and action, PCN by PCN
//   │              (local office only)
//   ├── Movements  support level from -> to, CQC outcomes of supported practices
//   ├── Changes    each practice's new / persisting / resolved items (local office only)
//   └── Notes      sources, definitions, the suppression rule, build date
//
// Every sheet prints on A4 landscape, as many pages wide as its columns need
// at a readable size, with its header row (and key columns) repeated.
// Counts are numbers with a thousands format; a count the wider variant hides
// is the text "[c]". Identifiers that look like numbers (criterion and domain
// positions) are text, so no stray small number reads as a count. The
// document's creation date is the quarter's last day, so the same inputs give
// byte-identical files.
#pragma once

#include <string>

#include "analyse/thematic.hpp"

namespace gpress {

struct ThematicWorkbookMeta {
  std::string programme;     ///< [programme] name
  std::string local_office;  ///< [programme] local_office
};

/// The workbook's bytes. `disclosed` is used only for Audience::kWider.
/// Throws InternalError (with libxlsxwriter's message) when it cannot be written.
std::string thematic_workbook(const ThematicReport& report, Audience audience, const DisclosedCounts& disclosed,
                              const ThematicWorkbookMeta& meta);

}  // namespace gpress
