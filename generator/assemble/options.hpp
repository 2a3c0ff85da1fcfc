// The options report: everything the support team brings to a practice
// after the diagnostic visit, assembled as one template context per practice.
//
//   prepare_options(): compiled action triggers, [risk] checks
//   analyse_options(): Cohort ─► RiskProfile (ranked) ─► SupportDecision
//                      ─► recommended actions, for every practice in parallel
//   options_context(): one practice's page: findings by criteria domain,
//                      support level, maturity / team 360 profiles,
//                      intelligence, actions and the forward view plan
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analyse/risk.hpp"
#include "analyse/stats.hpp"
#include "analyse/support_level.hpp"
#include "analyse/triggers/trigger.hpp"
#include "assemble/context.hpp"
#include "core/error.hpp"
#include "load/project_inputs.hpp"
#include "model/assessment.hpp"

namespace gpress {

/// One practice's results.
struct PracticeOptions {
  std::size_t practice = 0;  ///< index in project.data.practices
  RiskProfile risk;
  SupportDecision support;
  /// Actions whose trigger held and that suit the support level, highest
  /// priority first: the report leads with the first [options] max_actions
  /// and lists the rest as also considered.
  std::vector<Recommendation> recommendations;
  /// Actions whose trigger held but that do not suit the support level:
  /// not recommended, and the report says so.
  std::vector<Recommendation> not_at_level;
};

/// The whole cohort's results. Holds pointers into the project, which must
/// outlive it.
struct OptionsAnalysis {
  const ProjectInputs* project = nullptr;
  /// The project's (ProjectInputs::assessments).
  const Assessments* assessments = nullptr;
  std::vector<CompiledAction> actions;
  std::unique_ptr<Cohort> cohort;
  /// The date the evidence is judged recent against: the newest date in the
  /// data and assessments (docs/options-report.md, "Priority").
  PriorityRules priority;
  /// In project.data.practices order (ODS code); filled by analyse_options().
  std::vector<PracticeOptions> practices;
  /// Cohort spread of each team 360 dimension (latest score per practice),
  /// in assessments->team360_dimensions order; nullopt when nobody scored it.
  std::vector<std::optional<analyse::Quartiles>> team360_spread;

  const PracticeOptions* find(std::string_view ods) const;
};

/// Compiles the actions' triggers against the loaded data and assessments,
/// and checks the [risk] settings; every problem goes to diags. The project
/// must have its practice data loaded.
std::unique_ptr<OptionsAnalysis> prepare_options(const ProjectInputs& project, Diagnostics& diags);

/// Judges, ranks, decides support levels and recommends actions for every
/// practice, on `jobs` threads. Deterministic whatever `jobs` is.
void analyse_options(OptionsAnalysis& analysis, unsigned jobs);

/// prepare_options() then analyse_options(): throws InputError when the inputs
/// have problems. For other products that need the results (the ranked
/// practices index).
std::unique_ptr<OptionsAnalysis> build_options_analysis(const ProjectInputs& project, unsigned jobs);

/// How many of `p`'s recommendations the report leads with.
std::size_t leading_count(const PracticeOptions& p, const Config& config);

/// The context of templates/options-report.html for practice `index` (into
/// analysis.practices).
nlohmann::json options_context(const OptionsAnalysis& analysis, std::size_t index);

/// The variables options-report.html may use (docs/options-report.md).
const TemplateSchema& options_schema();

/// Output paths, relative to the project.
std::string options_report_path(std::string_view ods);  ///< private/practices/<ODS>/options-report.html
inline constexpr std::string_view kOptionsCssPath = "private/practices/assets/options.css";

}  // namespace gpress
