// Action triggers: when an action from the menu of support is recommended.
//
// Each trigger in an action's front matter is a small map whose one
// identifying key names its kind (design.md, "Actions"):
//
//   {indicator: gp_fte_per_10k, worse_than: icb}     indicator.cpp
//   {indicator: gpps_contact_good, below: 50}        (also above:)
//   {cqc: well_led, in: [Inadequate]}                cqc.cpp
//   {maturity: workforce-and-wellbeing, at_most: B}  maturity.cpp (optional domain:)
//   {team360: workload, below: 3}                    team360.cpp
//   {flag: 8}                                        flag.cpp
//   {indicator: qof_prevalence_dm, below_expected: true}  below_expected.cpp
//
// Kinds are registered in registry.cpp, so adding one is one file and one
// line. A kind checks its fields once, at the trigger's place in the action
// file, and compiles to a Trigger that each practice is evaluated against:
// held or not, with the sentence that says why.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "analyse/risk.hpp"
#include "core/error.hpp"
#include "model/assessment.hpp"
#include "model/content.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// What a trigger may look at for one practice.
struct PracticeFacts {
  const Cohort& cohort;
  std::size_t practice = 0;  ///< index in cohort.data().practices
  const Assessments& assessments;
  const std::vector<Theme>& themes;

  const std::string& ods() const { return cohort.data().practices[practice].ods_code; }
};

/// How far past the line the evidence that held is, weakest first
/// (docs/options-report.md, "Priority"): past a fixed threshold, in the worst
/// (or best) quarter of the comparator's practices, or significantly
/// different from the comparator. A CQC rating and a local intelligence flag
/// are judgements on the criterion itself and count as significant.
enum class Strength { kThreshold = 1, kQuarter = 2, kSignificant = 3 };

/// "past a threshold", "worst or best quarter", "significant or a judgement".
std::string_view to_string(Strength strength);

struct TriggerResult {
  bool held = false;
  /// Why it held, for the report: "Well-led rated Inadequate, inspected
  /// 2024-03-14". Empty when it did not hold.
  std::string evidence;
  Strength strength = Strength::kThreshold;
  /// The national criterion (1-16) the evidence speaks to, whose [risk]
  /// weight it carries; 0 for none (maturity, team 360, an indicator that
  /// informs no criterion).
  int criterion = 0;
  /// ISO date of the evidence: the last day of an indicator's period, the
  /// inspection, the assessment or the intelligence record; empty when not known.
  std::string dated;
};

/// A checked trigger, ready to evaluate. Immutable, so shared by threads.
class Trigger {
 public:
  explicit Trigger(SourceLoc loc) : loc_(std::move(loc)) {}
  virtual ~Trigger() = default;
  virtual TriggerResult evaluate(const PracticeFacts& facts) const = 0;
  /// The condition in words: "GPs (FTE) per 10,000 patients significantly
  /// worse than ICB".
  virtual std::string describe() const = 0;
  const SourceLoc& loc() const { return loc_; }

 private:
  SourceLoc loc_;
};

/// What triggers are checked against while compiling.
struct TriggerEnv {
  const PracticeData& data;
  const std::vector<Theme>& themes;
  /// Assessments::team360_dimensions: those configured and those assessed.
  const std::vector<std::string>& team360_dimensions;
};

/// One kind of trigger.
struct TriggerKind {
  std::string key;                  ///< the field that names the kind: "indicator"
  std::vector<std::string> fields;  ///< every field it accepts, key first
  std::string example;              ///< for messages: "{indicator: qof_achievement, below: 90}"
  /// Checks the fields (each known to be in `fields`) and returns the
  /// trigger, or null after reporting every problem to diags.
  std::unique_ptr<Trigger> (*compile)(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags);
  /// For a kind that shares its key with another: the field that tells it
  /// apart ({indicator: X, below_expected: true}). A trigger with the marker
  /// is of this kind; one without it, of the kind with no marker.
  std::string marker = {};
};

/// Every kind, in the order docs/options-report.md lists them.
const std::vector<TriggerKind>& trigger_kinds();

/// Finds the kind of `raw`, rejects fields that kind does not take, and
/// compiles it. Null (with errors in diags) when anything is wrong.
std::unique_ptr<Trigger> compile_trigger(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags);

/// An action with its triggers compiled.
struct CompiledAction {
  const Page* page = nullptr;
  std::vector<std::unique_ptr<Trigger>> triggers;
  /// The support levels it suits, by SupportLevel; all four when `levels:`
  /// is absent.
  std::array<bool, 4> suits = {true, true, true, true};

  bool suits_level(SupportLevel level) const { return suits[static_cast<std::size_t>(level)]; }
  /// "Manage, Stabilise" or "any support level".
  std::string levels_text() const;
};

/// The menu-of-support categories and GPFV domains an action may name.
const std::vector<std::string>& menu_names();
const std::vector<std::string>& gpfv_domain_names();
/// "Rapid intervention and management support", ... / "Investment / finance", ...
std::string_view menu_title(std::string_view menu);
std::string_view gpfv_domain_title(std::string_view domain);

/// Compiles every action's triggers and checks its menu and gpfv_domain.
/// Actions are returned in their given order; every problem goes to diags.
std::vector<CompiledAction> compile_actions(const PageList& actions, const TriggerEnv& env, Diagnostics& diags);

/// What a trigger's evidence is worth (docs/options-report.md, "Priority").
struct PriorityRules {
  /// [risk] weights of criteria 1-16; a trigger with no criterion weighs 1.
  std::array<int, 16> weights = {5, 3, 2, 2, 2, 1, 1, 3, 2, 1, 1, 1, 3, 1, 1, 1};
  /// ISO date the report is made as of: evidence dated on or after the same
  /// day a year before is recent. Empty: nothing is recent.
  std::string as_of;
};

/// Points of one piece of evidence: weight × strength × recency (2 when
/// recent, 1 when older or undated).
int trigger_points(const TriggerResult& result, const PriorityRules& rules);
/// The same in words: "12 points: weight 2 (criterion 4) × 3 (significant or a
/// judgement) × 2 (recent)".
std::string points_text(const TriggerResult& result, const PriorityRules& rules);

/// An action whose trigger held, and the triggers that held.
struct Recommendation {
  const Page* page = nullptr;
  struct Held {
    std::string condition;  ///< Trigger::describe()
    std::string evidence;
    int points = 0;
    std::string points_text;
  };
  std::vector<Held> held;  ///< in the order written
  /// Priority: the highest points of any trigger that held; then `total`,
  /// the sum of their points, breaks ties (compare_priority()).
  int priority = 0;
  int total = 0;
  /// Whether the action suits the practice's support level. An action that
  /// does not is not recommended; the report says its trigger held.
  bool suits_level = true;
  std::string levels_text;  ///< the levels it suits, for the report
};

/// True when `a` comes before `b`: higher priority, then higher total, then
/// the action's `weight` (lower first), then its slug: the order never
/// depends on the order of the files.
bool compare_priority(const Recommendation& a, const Recommendation& b);

/// Every action any of whose triggers holds for the practice, highest
/// priority first (compare_priority()), each with every trigger that held and
/// whether it suits `level`.
std::vector<Recommendation> recommend(const std::vector<CompiledAction>& actions, const PracticeFacts& facts,
                                      const PriorityRules& rules, SupportLevel level);

/// The last day of a period, ISO: "2025-12-31" for 2025-12, 2025-Q4 or 2024-25's "2025-03-31".
std::string period_end_date(const Period& period);

namespace triggers {
// Helpers the kinds share.

/// The values of `key` in raw (null when absent); `loc` gets the key's place.
const std::vector<std::string>* field(const RawTrigger& raw, std::string_view key, SourceLoc* loc = nullptr);
/// The single value of `key`, or an error ("'below' needs one value") and nullopt.
std::optional<std::string> single(const RawTrigger& raw, std::string_view key, Diagnostics& diags);
/// The indicator `id` names, or an error at `at` ("unknown indicator", with the
/// nearest id) and null.
const Indicator* known_indicator(const TriggerEnv& env, const std::string& id, const SourceLoc& at, Diagnostics& diags);

TriggerKind indicator_kind();
TriggerKind cqc_kind();
TriggerKind maturity_kind();
TriggerKind team360_kind();
TriggerKind flag_kind();
TriggerKind below_expected_kind();

}  // namespace triggers

}  // namespace gpress
