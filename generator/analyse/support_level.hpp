// The support level a practice is offered (intervention support approach):
//
//   Manage     contract compliance, close ICB monitoring, possibly reconfiguration
//   Stabilise  income, workforce capacity or other issues stop it engaging in improvement
//   Improve    the operational model is suboptimal, and the practice is ready to change it
//   Sustain    the model works; share it and keep improving
//
// Rules from gpress.toml [support], tried in that order; the first that holds
// decides, and every condition that held for it is given as a reason. An
// override in data/assessments/overrides.csv wins and says so.
// docs/options-report.md gives the rules in full. Pure functions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyse/risk.hpp"
#include "config/config.hpp"
#include "model/assessment.hpp"

namespace gpress {

/// Whether the assessments show the practice ready for change.
struct Readiness {
  std::optional<double> team360_mean;   ///< mean of the latest dimension scores
  std::optional<double> maturity_mean;  ///< mean of the latest domain levels, A=1 .. D=4
  /// False only when an assessment shows it: no assessment is no evidence
  /// against, and the diagnostic visit confirms it.
  bool ready = true;
  std::vector<std::string> reasons;
};

Readiness assess_readiness(std::span<const MaturityRating* const> maturity,
                           std::span<const Team360Score* const> team360, const SupportConfig& config);

struct SupportDecision {
  SupportLevel level = SupportLevel::kSustain;
  /// Why: the conditions that held, in rule order; for an override, the
  /// support team's words.
  std::vector<std::string> reasons;
  /// What the rules give, with their reasons; equal to level/reasons unless
  /// overridden, and kept so the report can show both.
  SupportLevel rules_level = SupportLevel::kSustain;
  std::vector<std::string> rules_reasons;
  bool overridden = false;
  Readiness readiness;
};

/// Applies the [support] rules to a practice's risk profile and
/// assessments; `override_row` (may be null) wins.
SupportDecision decide_support(const RiskProfile& risk, std::span<const MaturityRating* const> maturity,
                               std::span<const Team360Score* const> team360, const SupportOverride* override_row,
                               const SupportConfig& config);

/// "A mean level of 2.3 (B)": a maturity mean in words.
std::string maturity_mean_text(double mean);

}  // namespace gpress
