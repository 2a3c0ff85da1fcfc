// The toolkit's assembly: which pages the site has, and what each lists,
// from the fixture project's themes and content.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "assemble/toolkit.hpp"
#include "core/fs.hpp"
#include "load/themes.hpp"
#include "render/templates.hpp"
#include "test_support.hpp"

using namespace gpress;

namespace {

// The fixture project, loaded as a build loads it.
struct Site {
  std::filesystem::path root = test::fixture("toolkit-basic");
  Diagnostics diags;
  Config config = load_config(root / "gpress.toml", "gpress.toml", diags);
  std::vector<Theme> themes = parse_themes("data/themes.yaml", read_file(root / "data/themes.yaml"), diags);
  ContentSet content = load_content(root, themes, 1, diags);
  TemplateSet templates = TemplateSet::load(root / "templates");
  Toolkit toolkit{config, themes, content};

  Site() {
    toolkit.render_cards_with(
        [this](const nlohmann::json& card) { return templates.render("partials/card.html", card); });
  }

  std::vector<PlannedPage> pages = {};
  const PlannedPage* page(const std::string& output) {
    if (pages.empty()) pages = toolkit.plan();
    auto it = std::find_if(pages.begin(), pages.end(), [&](const PlannedPage& p) { return p.output == output; });
    return it == pages.end() ? nullptr : &*it;
  }
};

// Every card a theme page lists, as rendered, group by group.
std::string listed_cards(const nlohmann::json& theme_page) {
  std::string out;
  for (const auto& group : theme_page.at("groups"))
    for (const auto& item : group.at("items")) out += item.at("card").get<std::string>();
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("every toolkit item has its page under its theme, and its theme page lists it") {
  Site site;
  REQUIRE(site.diags.error_count() == 0);
  const PlannedPage* report = site.page("alpha/alpha-report/index.html");
  REQUIRE(report);
  CHECK(report->template_name == "item.html");
  const PlannedPage* alpha = site.page("alpha/index.html");
  REQUIRE(alpha);
  CHECK(alpha->template_name == "theme.html");
  const std::string cards = listed_cards(alpha->context());
  CHECK(has(cards, "Alpha report"));
  CHECK(has(cards, "href=\"../alpha/alpha-report/index.html\""));
  // An item of another theme is not listed here.
  for (const Page& p : site.content.items)
    if (p.theme == "beta") CHECK_FALSE(has(cards, "../beta/" + p.slug + "/"));
}

TEST_CASE("the site has its fixed pages besides the themes and items") {
  Site site;
  for (const char* output : {"index.html", "maturity-framework/index.html", "case-studies/index.html",
                             "tags/index.html", "search/index.html", "404.html", "sitemap.xml", "feed.xml"}) {
    INFO(output);
    CHECK(site.page(output));
  }
}

TEST_CASE("the same content gives the same page plan and the same inputs keys") {
  Site a, b;
  REQUIRE(a.page("index.html"));
  REQUIRE(b.page("index.html"));
  REQUIRE(a.pages.size() == b.pages.size());
  for (std::size_t i = 0; i < a.pages.size(); ++i) {
    CHECK(a.pages[i].output == b.pages[i].output);
    CHECK(a.pages[i].inputs == b.pages[i].inputs);
  }
}
