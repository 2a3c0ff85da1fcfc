// The variables templates/options-report.html may use. docs/options-report.md
// describes them; a unit test checks the context stays inside the schema.
#include <nlohmann/json.hpp>

#include "assemble/options.hpp"

namespace gpress {

const TemplateSchema& options_schema() {
  static const TemplateSchema schema = nlohmann::json::parse(R"({
    "programme": {"name": null, "local_office": null, "support_unit": null},
    "language": null, "page_title": null, "generator": null, "assets": null,
    "index_url": null, "data_pack_url": null, "widest_area": null,
    "practice": {"ods_code": null, "name": null, "postcode": null, "pcn_name": null,
                 "sub_icb_name": null, "icb_name": null, "list_size": null},
    "support": {"level": null, "slug": null, "reasons": [{"text": null}], "overridden": null,
                "rules_level": null, "rules_reasons": [{"text": null}]},
    "risk": {"score": null, "max_score": null, "criteria_met": null, "rank": null,
             "practice_count": null, "comparator": null, "top": [{"text": null}], "has_top": null},
    "domains": [{"title": null, "slug": null, "met": null,
                 "criteria": [{"number": null, "title": null, "judgement": null, "judgement_slug": null,
                               "met": null, "weight": null, "has_evidence": null,
                               "evidence": [{"text": null, "judgement": null, "judgement_slug": null}]}]}],
    "maturity": {"has_any": null, "assessed_on": null,
                 "themes": [{"number": null, "title": null, "slug": null,
                             "domains": [{"number": null, "title": null, "assessed": null, "level": null,
                                          "level_text": null, "concept": null, "assessed_on": null,
                                          "levels": [{"letter": null, "current": null}]}]}]},
    "team360": {"has_any": null, "assessed_on": null,
                "dimensions": [{"dimension": null, "score": null, "min": null, "q1": null, "median": null,
                                "q3": null, "max": null, "position": null, "score_pct": null,
                                "q1_pct": null, "iqr_pct": null}]},
    "intelligence": {"has_any": null,
                     "notes": [{"recorded_on": null, "criterion": null, "criterion_title": null,
                                "flag": null, "note": null}]},
    "actions": [{"order": null, "title": null, "slug": null, "summary": null, "menu": null, "menu_title": null,
                 "gpfv_domain": null, "gpfv_title": null, "levels": null, "priority": null, "total": null,
                 "held": [{"condition": null, "evidence": null, "points": null, "points_text": null}]}],
    "has_actions": null, "action_count": null, "actions_lead": null, "max_actions": null, "priority_as_of": null,
    "also_considered": [{"order": null, "title": null, "slug": null, "summary": null, "menu": null,
                         "menu_title": null, "gpfv_domain": null, "gpfv_title": null, "levels": null,
                         "priority": null, "total": null,
                         "held": [{"condition": null, "evidence": null, "points": null, "points_text": null}]}],
    "has_also_considered": null, "also_considered_count": null,
    "not_at_level": [{"order": null, "title": null, "slug": null, "summary": null, "menu": null,
                      "menu_title": null, "gpfv_domain": null, "gpfv_title": null, "levels": null,
                      "priority": null, "total": null,
                      "held": [{"condition": null, "evidence": null, "points": null, "points_text": null}]}],
    "has_not_at_level": null, "not_at_level_count": null,
    "plan": [{"number": null, "title": null, "slug": null, "has_actions": null,
              "actions": [{"title": null, "slug": null}]}]
  })");
  return schema;
}

}  // namespace gpress
