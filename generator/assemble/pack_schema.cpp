// The variables the data pack and practices index templates may use. Kept
// beside the code that fills them (pack.cpp); docs/data-pack.md describes
// them, and a unit test checks every context a pack builds stays inside.
#include <nlohmann/json.hpp>

#include "assemble/pack.hpp"

namespace gpress {

const std::vector<std::pair<std::string, TemplateSchema>>& pack_schemas() {
  static const std::vector<std::pair<std::string, TemplateSchema>> all = [] {
    const auto common = nlohmann::json::parse(R"({
      "page_title": null, "generator": null, "styles": null, "widest_area": null,
      "programme": {"name": null, "local_office": null},
      "periods": {"first": null, "last": null, "has_range": null, "cap": null, "has_cap": null},
      "sources": [{"title": null, "publisher": null, "period": null, "has_period": null, "url": null,
                   "has_url": null, "licence": null, "attribution": null}]
    })");
    auto pack = common;
    pack.update(nlohmann::json::parse(R"({
      "index_url": null, "workbook_url": null, "confidence": null, "at_998": null, "pyramid": {"has_chart": null, "chart": null},
      "practice": {"ods": null, "name": null, "postcode": null, "list_size": null, "pcn": null, "pcn_code": null,
                   "sub_icb": null, "sub_icb_code": null, "icb": null, "icb_code": null, "region": null,
                   "deprivation": null, "contract": null, "has_contract": null, "groupings": null,
                   "has_groupings": null},
      "cqc": {"rated": null, "inspected_on": null, "has_date": null, "overall": null, "overall_token": null,
              "domains": [{"name": null, "rating": null, "token": null}]},
      "peers": {"has_peers": null, "count": null, "age_band": null, "age_source": null, "widest_area": null,
                "practice": {"list_size": null, "deprivation": null, "age_share": null},
                "rows": [{"ods": null, "name": null, "icb": null, "list_size": null, "deprivation": null,
                          "age_share": null, "distance": null}]},
      "summary": [{"title": null, "anchor": null, "better": null, "similar": null, "worse": null,
                   "higher_lower": null, "not_compared": null, "total": null}],
      "has_indicators": null, "has_worsening": null, "worsening": [{"name": null, "anchor": null}],
      "domains": [{"title": null, "anchor": null, "indicators": [{
        "id": null, "anchor": null, "name": null, "has_criterion": null, "criterion": null, "unit": null,
        "polarity": null, "period": null, "value": null, "has_value": null, "has_counts": null, "counts": null,
        "has_interval": null, "interval": null, "interval_998": null, "trend_intervals": null,
        "vs_england": {"text": null, "token": null}, "vs_icb": {"text": null, "token": null},
        "trend": {"text": null, "token": null, "arrow": null, "periods": null, "has_periods": null},
        "areas": [{"level": null, "name": null, "value": null, "practices": null,
                   "significance": {"text": null, "token": null}}],
        "method": null,
        "spreads": [{"level": null, "min": null, "q1": null, "median": null, "q3": null, "max": null}],
        "has_spreads": null, "has_decile": null, "decile": null, "has_expected": null,
        "expected": {"period": null, "recorded": null, "value": null, "range": null, "token": null, "text": null,
                     "gap": null, "model": null},
        "has_spine": null, "spine_chart": null, "spine_left": null, "spine_right": null,
        "has_trend_chart": null, "trend_chart": null, "has_funnel": null, "funnel_chart": null, "has_boxes": null, "box_chart": null, "trend_rows": [{"period": null, "practice": null, "icb": null, "england": null, "ci95": null, "ci998": null}],
        "period_count": null, "description": null, "source": null
      }]}]
    })"));
    auto index = common;
    index.update(nlohmann::json::parse(R"({
      "script": null, "count": null,
      "practices": [{"ods": null, "name": null, "pcn": null, "icb": null, "list_size": null,
                     "list_size_sort": null, "links": [{"title": null, "url": null}], "has_links": null,
                     "rank": null, "risk_score": null, "support_level": null, "support_slug": null,
                     "overridden": null, "top_criteria": null, "top_action": null, "has_top_action": null}]
    })"));
    return std::vector<std::pair<std::string, TemplateSchema>>{{"data-pack.html", pack},
                                                               {"practices-index.html", index}};
  }();
  return all;
}

}  // namespace gpress
