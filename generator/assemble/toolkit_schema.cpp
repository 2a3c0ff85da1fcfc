// The variables each toolkit template may use. Kept beside the code that
// fills them; docs/templates.md describes each one, and a unit test checks
// that every context the site builds stays inside its schema.
#include <nlohmann/json.hpp>

#include "assemble/toolkit.hpp"

namespace gpress {
namespace {

using json = nlohmann::json;

json common_schema() {
  return json::parse(R"({
    "site": {"title": null, "description": null, "base_url": null, "language": null, "has_description": null},
    "programme": {"name": null, "local_office": null, "has_local_office": null},
    "root": null, "home_url": null, "assets": null, "search_url": null, "tags_url": null,
    "case_studies_url": null, "maturity_url": null, "accessibility_url": null, "has_accessibility": null,
    "page_title": null, "canonical": null, "generator": null,
    "nav": [{"title": null, "url": null, "current": null, "in_section": null}],
    "nav_themes": [{"title": null, "number": null, "url": null}],
    "breadcrumbs": [{"title": null, "url": null}], "has_breadcrumbs": null,
    "breadcrumb_back": {"title": null, "url": null}
  })");
}

json card_schema() {
  return json::parse(R"({
    "title": null, "url": null, "summary": null, "type": null, "type_label": null,
    "date": null, "date_display": null, "has_date": null, "organisation": null, "has_organisation": null,
    "theme_title": null, "theme_slug": null, "theme_number": null,
    "tags": [{"name": null, "url": null}], "has_tags": null, "tag_slugs": null
  })");
}

json with(json base, const json& extra) {
  base.update(extra);
  return base;
}

}  // namespace

const std::vector<std::pair<std::string, TemplateSchema>>& Toolkit::schemas() {
  static const std::vector<std::pair<std::string, TemplateSchema>> all = [] {
    const json common = common_schema();
    const json card = card_schema();
    // Listings and related items carry each item's card, rendered once from
    // partials/card.html with the card variables.
    const json cards = json::parse(R"([{"card": null}])");
    json item = card;
    item.update(json::parse(R"({"body": null, "source": null, "has_source": null, "theme_url": null})"));
    const json link = json::parse(R"({"title": null, "url": null})");
    std::vector<std::pair<std::string, TemplateSchema>> s;
    s.emplace_back("partials/card.html", card);
    s.emplace_back(
        "home.html",
        with(common,
             {{"themes",
               json::array({json::parse(R"({"number":null,"title":null,"summary":null,"url":null,"count":null})")})},
              {"newest", cards},
              {"item_count", nullptr},
              {"case_study_count", nullptr}}));
    s.emplace_back(
        "theme.html",
        with(common,
             {{"theme", json::parse(R"({"number":null,"slug":null,"title":null,"summary":null,"maturity_url":null})")},
              {"groups", json::array({{{"type", nullptr}, {"label", nullptr}, {"count", nullptr}, {"items", cards}}})},
              {"item_count", nullptr}}));
    s.emplace_back(
        "item.html",
        with(common, {{"item", item}, {"prev", link}, {"next", link}, {"related", cards}, {"has_related", nullptr}}));
    const json filter_entry = json::parse(R"({"slug":null,"title":null,"name":null,"url":null,"current":null})");
    s.emplace_back("case-studies.html", with(common, {{"items", cards},
                                                      {"count", nullptr},
                                                      {"total", nullptr},
                                                      {"filter",
                                                       {{"is_filtered", nullptr},
                                                        {"label", nullptr},
                                                        {"all_url", nullptr},
                                                        {"themes", json::array({filter_entry})},
                                                        {"tags", json::array({filter_entry})}}}}));
    s.emplace_back("maturity.html", with(common, {{"themes", json::parse(R"([{
        "number": null, "slug": null, "title": null, "summary": null, "url": null,
        "levels": [{"letter": null, "concept": null}],
        "domains": [{"number": null, "title": null, "field": null, "levels": [{"letter": null, "text": null}]}]
      }])")}}));
    s.emplace_back(
        "tag.html",
        with(common, {{"tag", {{"name", nullptr}, {"slug", nullptr}}}, {"items", cards}, {"count", nullptr}}));
    s.emplace_back("tags.html", with(common, {{"tags", json::parse(R"([{"name":null,"url":null,"count":null}])")}}));
    s.emplace_back(
        "page.html",
        with(common,
             {{"page", {{"title", nullptr}, {"summary", nullptr}, {"has_summary", nullptr}, {"body", nullptr}}}}));
    s.emplace_back("search.html", common);
    s.emplace_back("404.html", common);
    s.emplace_back("sitemap.xml", json::parse(R"({"urls": [{"loc": null, "lastmod": null}]})"));
    s.emplace_back("feed.xml", json::parse(R"({
      "site": {"title": null, "base_url": null},
      "feed": {"url": null, "updated": null},
      "entries": [{"title": null, "url": null, "id": null, "updated": null, "summary": null,
                   "type_label": null, "theme_title": null}]
    })"));
    return s;
  }();
  return all;
}

}  // namespace gpress
