// The quarterly thematic highlight report: what practices share, where, and
// what changed since the previous quarter.
//
//   PracticeQuarter per practice (this quarter, and the previous one if the
//   data reach back) ──► build_thematic() ──► ThematicReport
//       criteria, findings, actions shared: counts by ICB, sub-ICB and PCN
//       opportunities: >= N practices of one PCN (or sub-ICB) sharing a
//                      finding or action, ranked by practices and patients reached
//       change: new / persisting / resolved per practice and item
//       support levels: counts and the from -> to matrix
//       maturity: practices at A/B/C/D per theme domain
//       outcomes: CQC ratings of supported practices re-inspected since
//
// The inputs are plain structs of this module's own, so the aggregation does
// not depend on how risk criteria, support levels and actions are worked out
// (assemble/thematic_input.hpp builds them from a project). Pure functions:
// no I/O, deterministic order everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyse/suppression.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// A finding, criterion or action as the report names it: a stable id and
/// the words a reader sees.
struct ThematicItem {
  std::string id;     ///< e.g. "criterion-4", "gp-fte-worse", an action's slug
  std::string label;  ///< e.g. "Patients per GP FTE worse than England"
};

/// One practice as it stood at the end of a quarter.
struct PracticeQuarter {
  std::string ods, name;
  std::string pcn_code, pcn_name, sub_icb_code, sub_icb_name, icb_code, icb_name;
  /// "Manage", "Stabilise", "Improve" or "Sustain"; empty when not assessed.
  std::string support_level;
  std::optional<std::int64_t> list_size;  ///< registered patients
  std::vector<int> criteria_met;          ///< national criteria 1-16 that hold
  std::vector<ThematicItem> findings;     ///< what the options report found
  std::vector<ThematicItem> actions;      ///< recommended actions (slug, title)
  /// Theme slug -> level per domain ('A'-'D', or ' ' where not assessed).
  std::map<std::string, std::vector<char>> maturity;
  std::optional<std::string> cqc_overall;       ///< "Good", "Requires improvement", ...
  std::optional<std::string> cqc_inspected_on;  ///< ISO date
  /// The overall rating the practice had when its support began, if known.
  std::optional<std::string> cqc_before_support;
  /// In the programme: assessed on or before the quarter's end.
  bool supported = false;
  std::optional<std::string> supported_since;  ///< ISO date of the first assessment
};

/// A theme of the maturity framework, for the distribution's rows.
struct ThemeOutline {
  std::string slug;
  std::string title;
  std::vector<std::string> domains;  ///< domain titles, position 1..n
};

struct ThematicSettings {
  /// At least this many practices of one area sharing a finding or action
  /// make an opportunity for collective work.
  int cluster_min_practices = 3;
  /// The area whose practices share an opportunity: PCN, or sub-ICB.
  bool by_sub_icb = false;
  /// How many opportunities lead the page and the workbook's summary.
  int top_opportunities = 5;
};

struct ThematicInput {
  Period quarter;  ///< a calendar quarter
  std::vector<PracticeQuarter> current;
  /// The previous quarter's states; nullopt when the data do not reach back,
  /// in which case no change is reported (never invented).
  std::optional<std::vector<PracticeQuarter>> previous;
  std::vector<ThemeOutline> themes;
  /// Every action on the menu of support, so actions no practice needs are
  /// listed with 0 rather than left out.
  std::vector<ThematicItem> action_catalogue;
};

enum class ItemKind { kCriterion, kFinding, kAction };
/// "criterion", "finding", "action".
const char* to_string(ItemKind kind);

enum class ChangeStatus { kNew, kPersisting, kResolved };
/// "new", "persisting", "resolved".
const char* to_string(ChangeStatus status);

/// An ICB, sub-ICB or PCN of the cohort.
struct Area {
  std::string code, name;
  std::string parent_code;  ///< sub-ICB -> ICB, PCN -> sub-ICB; empty for an ICB
  int practices = 0;
};

/// How an item's count moved since the previous quarter. previous = persisting
/// + resolved; this quarter's count = new + persisting.
struct ItemChange {
  int previous = 0, added = 0, persisting = 0, resolved = 0;
};

/// A criterion, finding or action and the practices sharing it.
struct SharedItem {
  ItemKind kind = ItemKind::kFinding;
  std::string id, label;
  int practices = 0;             ///< this quarter
  std::vector<std::string> ods;  ///< who, sorted
  std::optional<ItemChange> change;
  /// Counts aligned with ThematicReport::icbs, sub_icbs and pcns.
  std::vector<int> by_icb, by_sub_icb, by_pcn;
};

/// An opportunity for collective work: at least N practices of one area (PCN
/// or sub-ICB) sharing a finding or a recommended action, which the local
/// office could commission once for all of them.
struct Opportunity {
  int rank = 0;                      ///< 1 = first (ranking in build_thematic())
  std::string area_code, area_name;  ///< the PCN or sub-ICB
  ItemKind kind = ItemKind::kFinding;
  std::string id, label;
  std::vector<std::string> ods, names;  ///< the practices, by ODS code
  std::int64_t patients = 0;            ///< their registered patients (list sizes; none published counts 0)
  std::array<int, 5> levels{};          ///< the practices by support level, kLevelLabels order
  int area_practices = 0;               ///< practices in the area
  /// New this quarter (the area did not reach N for it last quarter) or
  /// persisting; nullopt without a previous quarter.
  std::optional<ChangeStatus> status;
};

/// One practice's change on one item.
struct PracticeChange {
  std::string ods, name, pcn_name;
  ItemKind kind = ItemKind::kFinding;
  std::string id, label;
  ChangeStatus status = ChangeStatus::kNew;
};

/// Practices at each level of one maturity domain.
struct MaturityRow {
  std::string theme_slug, theme_title;
  int domain = 0;  ///< 1-based position in the theme
  std::string domain_title;
  std::array<int, 4> at{};  ///< A, B, C, D
  int assessed = 0;
};

/// A from -> to table of counts with its row and column totals.
struct Transition {
  std::vector<std::string> from, to;     ///< row and column labels
  std::vector<std::vector<int>> counts;  ///< [from][to]
  std::vector<int> row_totals, column_totals;
  int total = 0;
};

/// CQC re-inspection of supported practices (rcgp-practice-resilience-
/// clinical-perspective.txt's "outcomes for practices supported").
struct Outcomes {
  int supported = 0;
  int reinspected = 0;  ///< latest inspection after the support began
  /// Ratings before support (rows, with "Not known") -> at re-inspection.
  Transition ratings;
};

struct PracticeRow {
  PracticeQuarter now;
  std::optional<std::string> previous_level;  ///< nullopt: no previous quarter
  int new_items = 0, resolved_items = 0;      ///< findings and actions
  /// "Red" (Manage), "Amber" (Stabilise, Improve), "Green" (Sustain), or "".
  std::string rag;
};

struct ThematicReport {
  Period quarter;
  std::optional<Period> previous_quarter;  ///< set only when its data were given
  std::string quarter_start, quarter_end;  ///< ISO dates
  int cluster_min_practices = 3;
  bool opportunities_by_sub_icb = false;
  int top_opportunities = 5;
  std::vector<Area> icbs, sub_icbs, pcns;  ///< by code
  std::vector<SharedItem> criteria;        ///< all 16, by number
  std::vector<SharedItem> findings;        ///< most shared first, then id
  std::vector<SharedItem> actions;         ///< most shared first, then id
  /// Ranked: most practices first, then most registered patients, then
  /// actions before findings, then area code, then id.
  std::vector<Opportunity> opportunities;
  std::vector<PracticeChange> changes;  ///< by ODS, kind, status, id
  /// kSupportLevels plus "Not assessed", this quarter (and the previous).
  std::vector<int> level_counts;
  std::optional<std::vector<int>> previous_level_counts;
  std::optional<Transition> movements;  ///< previous level -> this quarter's
  std::vector<MaturityRow> maturity;    ///< theme order, then domain
  Outcomes outcomes;
  std::vector<PracticeRow> practices;  ///< by ODS code
  int practice_count = 0, supported_count = 0;
};

/// The support levels in order of need, most first, then the label for none.
inline const std::array<const char*, 5> kLevelLabels = {"Manage", "Stabilise", "Improve", "Sustain", "Not assessed"};
/// CQC overall ratings, best first.
inline const std::array<const char*, 4> kCqcRatings = {"Outstanding", "Good", "Requires improvement", "Inadequate"};

/// The national criterion's short name ("CQC rating inadequate", ...); 1-16.
const std::string& national_criterion_name(int number);
/// Its domain's name ("Safety", "Workforce", ...).
const std::string& national_criterion_domain(int number);

/// The calendar quarter before `q`.
Period previous_quarter(const Period& q);
/// First and last day of a quarter, ISO.
std::string quarter_first_day(const Period& q);
std::string quarter_last_day(const Period& q);

/// Who a variant of the report is for. The local office sees practices by
/// name; the wider audience sees no names and no count from 1 to
/// threshold-1 (analyse/suppression.hpp).
enum class Audience { kLocalOffice, kWider };

/// "opportunity/<area>/<kind>/<id>": the key of an opportunity's practices.
std::string opportunity_key(const Opportunity& o);

/// The opportunities as `audience` sees them: the local office in rank order;
/// the wider audience those whose count is shown in rank order, then those
/// whose count is hidden by area code and id, since a place in the ranking
/// would narrow down a hidden count.
std::vector<const Opportunity*> opportunities_in_order(const ThematicReport& report, Audience audience,
                                                       const DisclosedCounts& disclosed);

/// The first report.top_opportunities of them that `audience` sees ranked:
/// for the wider audience, never one whose count is hidden.
std::vector<const Opportunity*> top_opportunities(const ThematicReport& report, Audience audience,
                                                  const DisclosedCounts& disclosed);

/// How many distinct practices some opportunities reach, and their registered
/// patients: a practice sharing several is counted once.
struct OpportunityReach {
  int practices = 0;
  std::int64_t patients = 0;
};
OpportunityReach reach_of(const ThematicReport& report, std::span<const Opportunity* const> opportunities);

/// Aggregates one quarter. `input.current` must not be empty (the caller
/// reports "no data for the quarter" first).
ThematicReport build_thematic(const ThematicInput& input, const ThematicSettings& settings);

}  // namespace gpress
