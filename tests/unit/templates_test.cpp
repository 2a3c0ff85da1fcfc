// Template checking: mistakes reported at their line before anything renders.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "assemble/toolkit.hpp"
#include "render/templates.hpp"
#include "test_support.hpp"

using namespace gpress;
using nlohmann::json;

namespace {
const json kSchema = json::parse(R"({"title": null, "items": [{"name": null, "url": null}], "site": {"title": null}})");

std::string check(const std::string& text, const std::string& partial = "") {
  test::TempDir dir;
  test::put(dir.path() / "t.html", text);
  if (!partial.empty()) test::put(dir.path() / "partials/p.html", partial);
  auto set = TemplateSet::load(dir.path());
  Diagnostics d;
  set.validate("t.html", kSchema, d);
  return d.str();
}
}  // namespace

TEST_CASE("valid templates pass, including lookups up the context stack") {
  CHECK(check("<h1>{{title}}</h1>{{#items}}<a href=\"{{url}}\">{{name}} {{site.title}}</a>{{/items}}") == "");
  CHECK(check("{{#items}}{{> p}}{{/items}}", "{{name}}") == "");
}

TEST_CASE("template mistakes carry file:line:col") {
  CHECK(check("<h1>{{titel}}</h1>") == "templates/t.html:1:5: error: unknown template variable 'titel' (did you mean 'title'?)\n");
  CHECK(check("\n\n  {{#itmes}}{{/itmes}}") ==
        "templates/t.html:3:3: error: unknown template section 'itmes' (did you mean 'items'?)\n");
  CHECK(check("{{#items}}\n{{name}}") == "templates/t.html:1:1: error: section 'items' is never closed (add {{/items}})\n");
  CHECK(check("{{#items}}{{/title}}{{/items}}") ==
        "templates/t.html:1:11: error: '{{/title}}' closes section 'items' opened at line 1\n");
  CHECK(check("x {{title") == "templates/t.html:1:3: error: unclosed tag: '{{' has no matching '}}'\n");
  CHECK(check("{{> missing}}") == "templates/t.html:1:1: error: unknown partial 'missing' (no file templates/partials/missing.html)\n");
  CHECK(check("{{#items}}{{> p}}{{/items}}", "\n{{nme}}") ==
        "templates/partials/p.html:2:1: error: unknown template variable 'nme' (did you mean 'name'?)\n");
  // Outside its list, an entry's field is not in scope.
  CHECK(check("{{name}}") == "templates/t.html:1:1: error: unknown template variable 'name'\n");
}

TEST_CASE("rendering escapes by default and inlines partials") {
  test::TempDir dir;
  test::put(dir.path() / "t.html", "{{title}}|{{{raw}}}|{{> p}}");
  test::put(dir.path() / "partials/p.html", "[{{title}}]");
  auto set = TemplateSet::load(dir.path());
  const json ctx = {{"title", "<b>\"A&B\"</b>"}, {"raw", "<i>ok</i>"}};
  CHECK(set.render("t.html", ctx) ==
        "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;|<i>ok</i>|[&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;]");
}

TEST_CASE("every built-in toolkit template fits its documented variables") {
  auto set = TemplateSet::load(test::source_dir() / "no-such-folder");
  Diagnostics d;
  for (const auto& [name, schema] : Toolkit::schemas()) {
    CHECK_MESSAGE(set.has(name), name);
    set.validate(name, schema, d);
  }
  CHECK(d.str() == "");
}

TEST_CASE("a project template overrides the built-in one of the same name") {
  test::TempDir dir;
  test::put(dir.path() / "404.html", "custom {{page_title}}");
  auto set = TemplateSet::load(dir.path());
  CHECK(set.display_path("404.html") == "templates/404.html");
  CHECK(set.display_path("home.html") == "<built-in>/home.html");
  CHECK(set.overridden() == std::vector<std::string>{"404.html"});
  CHECK(set.render("404.html", {{"page_title", "x"}}) == "custom x");
}
