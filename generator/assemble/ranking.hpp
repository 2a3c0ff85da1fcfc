// The ranked practice list: the order in which the support team visits
// practices (highest risk first), with each practice's support level and the
// criteria that put it there. Plain rows for the practices index page and
// the ranked-practices.xlsx workbook alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "assemble/options.hpp"

namespace gpress {

struct RankedPractice {
  int rank = 0;  ///< 1 = visit first; unique (ties broken by criteria met, then ODS code)
  std::string ods_code;
  std::string name;
  std::string pcn_name;
  std::string icb_name;
  int risk_score = 0;
  int criteria_met = 0;
  SupportLevel support_level = SupportLevel::kSustain;
  bool overridden = false;  ///< the support team set the level
  /// Up to [risk] top_criteria met criteria, highest weight first:
  /// "1 CQC rating – inadequate".
  std::vector<std::string> top_criteria;
  /// The title of the action the options report leads with; empty when none.
  std::string top_action;
  std::string data_pack_url;       ///< relative to private/practices/: "<ODS>/data-pack.html"
  std::string options_report_url;  ///< "<ODS>/options-report.html"
};

/// Every practice of the analysis, in rank order.
std::vector<RankedPractice> rank_practices(const OptionsAnalysis& analysis);

/// The list as a template context: {"practices": [{rank, ods_code, name,
/// pcn_name, icb_name, risk_score, criteria_met, support_level,
/// support_slug, overridden, top_criteria: [{text}], top_action, data_pack_url,
/// options_report_url}], "practice_count", "support_counts": [{level, slug,
/// count}]}. `prefix` goes before the URLs (e.g. "" from
/// private/practices/index.html).
nlohmann::json ranking_context(const std::vector<RankedPractice>& rows, std::string_view prefix = "");

/// The schema of ranking_context(), to merge into a page's schema.
const nlohmann::json& ranking_schema();

}  // namespace gpress
