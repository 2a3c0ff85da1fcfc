#include "assemble/ranking.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace gpress {

std::vector<RankedPractice> rank_practices(const OptionsAnalysis& analysis) {
  const ProjectInputs& project = *analysis.project;
  const auto top_n = static_cast<std::size_t>(project.config.risk.top_criteria);
  std::vector<RankedPractice> rows;
  rows.reserve(analysis.practices.size());
  for (const PracticeOptions& p : analysis.practices) {
    const Practice& practice = project.data.practices[p.practice];
    RankedPractice r;
    r.rank = p.risk.rank;
    r.ods_code = practice.ods_code;
    r.name = practice.name;
    r.pcn_name = practice.pcn_name;
    r.icb_name = practice.icb_name;
    r.risk_score = p.risk.score;
    r.criteria_met = p.risk.criteria_met;
    r.support_level = p.support.level;
    r.overridden = p.support.overridden;
    for (int n : p.risk.met_by_weight(project.config.risk)) {
      if (r.top_criteria.size() == top_n) break;
      r.top_criteria.push_back(fmt::format("{} {}", n, national_criterion(n).title));
    }
    if (!p.recommendations.empty()) r.top_action = p.recommendations.front().page->title;
    r.data_pack_url = practice.ods_code + "/data-pack.html";
    r.options_report_url = practice.ods_code + "/options-report.html";
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const RankedPractice& a, const RankedPractice& b) { return a.rank < b.rank; });
  return rows;
}

nlohmann::json ranking_context(const std::vector<RankedPractice>& rows, std::string_view prefix) {
  using json = nlohmann::json;
  json practices = json::array();
  int counts[4] = {0, 0, 0, 0};
  for (const auto& r : rows) {
    json top = json::array();
    for (const auto& t : r.top_criteria) top.push_back({{"text", t}});
    ++counts[static_cast<int>(r.support_level)];
    practices.push_back({{"rank", r.rank},
                         {"ods_code", r.ods_code},
                         {"name", r.name},
                         {"pcn_name", r.pcn_name},
                         {"icb_name", r.icb_name},
                         {"risk_score", r.risk_score},
                         {"criteria_met", r.criteria_met},
                         {"support_level", std::string(to_string(r.support_level))},
                         {"support_slug", std::string(slug_of(r.support_level))},
                         {"overridden", r.overridden},
                         {"top_criteria", top},
                         {"has_top_criteria", !top.empty()},
                         {"top_action", r.top_action},
                         {"data_pack_url", std::string(prefix) + r.data_pack_url},
                         {"options_report_url", std::string(prefix) + r.options_report_url}});
  }
  json support = json::array();
  for (SupportLevel l :
       {SupportLevel::kManage, SupportLevel::kStabilise, SupportLevel::kImprove, SupportLevel::kSustain})
    support.push_back({{"level", std::string(to_string(l))},
                       {"slug", std::string(slug_of(l))},
                       {"count", counts[static_cast<int>(l)]}});
  return {{"practices", practices}, {"practice_count", rows.size()}, {"support_counts", support}};
}

const nlohmann::json& ranking_schema() {
  static const nlohmann::json schema = nlohmann::json::parse(R"({
    "practices": [{"rank": null, "ods_code": null, "name": null, "pcn_name": null, "icb_name": null,
                   "risk_score": null, "criteria_met": null, "support_level": null, "support_slug": null,
                   "overridden": null, "top_criteria": [{"text": null}], "has_top_criteria": null, "top_action": null,
                   "data_pack_url": null, "options_report_url": null}],
    "practice_count": null,
    "support_counts": [{"level": null, "slug": null, "count": null}]
  })");
  return schema;
}

}  // namespace gpress
