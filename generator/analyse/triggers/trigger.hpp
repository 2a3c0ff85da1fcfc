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
//
// Kinds are registered in registry.cpp, so adding one is one file and one
// line. A kind checks its fields once, at the trigger's place in the action
// file, and compiles to a Trigger that each practice is evaluated against:
// held or not, with the sentence that says why.
#pragma once

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

struct TriggerResult {
  bool held = false;
  /// Why it held, for the report: "Well-led rated Inadequate, inspected
  /// 2024-03-14". Empty when it did not hold.
  std::string evidence;
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
};

/// One kind of trigger.
struct TriggerKind {
  std::string key;                  ///< the field that names the kind: "indicator"
  std::vector<std::string> fields;  ///< every field it accepts, key first
  std::string example;              ///< for messages: "{indicator: qof_achievement, below: 90}"
  /// Checks the fields (each known to be in `fields`) and returns the
  /// trigger, or null after reporting every problem to diags.
  std::unique_ptr<Trigger> (*compile)(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags);
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
};

/// The menu-of-support categories and GPFV domains an action may name.
const std::vector<std::string>& menu_names();
const std::vector<std::string>& gpfv_domain_names();
/// "Rapid intervention and management support", ... / "Investment / finance", ...
std::string_view menu_title(std::string_view menu);
std::string_view gpfv_domain_title(std::string_view domain);

/// Compiles every action's triggers and checks its menu and gpfv_domain.
/// Actions are returned in their given order; every problem goes to diags.
std::vector<CompiledAction> compile_actions(const PageList& actions, const TriggerEnv& env,
                                            Diagnostics& diags);

/// A recommended action and the triggers that held.
struct Recommendation {
  const Page* page = nullptr;
  struct Held {
    std::string condition;  ///< Trigger::describe()
    std::string evidence;
  };
  std::vector<Held> held;
};

/// Every action any of whose triggers holds for the practice, in the given
/// order, each with every trigger that held (in the order written).
std::vector<Recommendation> recommend(const std::vector<CompiledAction>& actions, const PracticeFacts& facts);

namespace triggers {
// Helpers the kinds share.

/// The values of `key` in raw (null when absent); `loc` gets the key's place.
const std::vector<std::string>* field(const RawTrigger& raw, std::string_view key, SourceLoc* loc = nullptr);
/// The single value of `key`, or an error ("'below' needs one value") and nullopt.
std::optional<std::string> single(const RawTrigger& raw, std::string_view key, Diagnostics& diags);

TriggerKind indicator_kind();
TriggerKind cqc_kind();
TriggerKind maturity_kind();
TriggerKind team360_kind();
TriggerKind flag_kind();

}  // namespace triggers

}  // namespace gpress
