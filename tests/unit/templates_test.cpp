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
  CHECK(check("<h1>{{titel}}</h1>") ==
        "templates/t.html:1:5: error: unknown template variable 'titel' (did you mean 'title'?)\n");
  CHECK(check("\n\n  {{#itmes}}{{/itmes}}") ==
        "templates/t.html:3:3: error: unknown template section 'itmes' (did you mean 'items'?)\n");
  CHECK(check("{{#items}}\n{{name}}") ==
        "templates/t.html:1:1: error: section 'items' is never closed (add {{/items}})\n");
  CHECK(check("{{#items}}{{/title}}{{/items}}") ==
        "templates/t.html:1:11: error: '{{/title}}' closes section 'items' opened at line 1\n");
  CHECK(check("x {{title") == "templates/t.html:1:3: error: unclosed tag: '{{' has no matching '}}'\n");
  CHECK(check("{{> missing}}") ==
        "templates/t.html:1:1: error: unknown partial 'missing' (no file templates/partials/missing.html)\n");
  CHECK(check("{{#items}}{{> p}}{{/items}}", "\n{{nme}}") ==
        "templates/partials/p.html:2:1: error: unknown template variable 'nme' (did you mean 'name'?)\n");
  // Outside its list, an entry's field is not in scope.
  CHECK(check("{{name}}") == "templates/t.html:1:1: error: unknown template variable 'name'\n");
}

TEST_CASE("checking a hostile template is bounded and its messages stay short") {
  // A partial that includes itself ten times: one error per tag, nothing inlined.
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += "{{> p}}";
  test::TempDir dir;
  test::put(dir.path() / "t.html", "{{> p}}");
  test::put(dir.path() / "partials/p.html", ten);
  auto set = TemplateSet::load(dir.path());
  Diagnostics d;
  set.validate("t.html", kSchema, d);
  CHECK(d.error_count() == 10);
  CHECK(d.all()[0].str() == "templates/partials/p.html:1:1: error: partial 'p' includes itself");
  CHECK(d.all()[9].loc.column == 64);

  // A 10 MB name: no suggestion, and the message quotes 60 bytes of it.
  const std::string long_name(10'000'000, 'x');
  const std::string msg = check("{{" + long_name + "}}");
  CHECK(msg == "templates/t.html:1:1: error: unknown template variable '" + std::string(60, 'x') + "...'\n");

  // 10,000 sections nested: one error where the 101st opens.
  std::string nested;
  for (int i = 0; i < 10'000; ++i) nested += "{{#title}}\n";
  for (int i = 0; i < 10'000; ++i) nested += "{{/title}}";
  CHECK(check(nested) == "templates/t.html:101:1: error: sections are nested more than 100 deep\n");
}

TEST_CASE("a template may change its delimiters, and dynamic partials are refused") {
  CHECK(check("{{=<% %>=}}<h1><%title%></h1><%#items%><%nme%><%/items%>") ==
        "templates/t.html:1:40: error: unknown template variable 'nme' (did you mean 'name'?)\n");
  CHECK(check("{{=<% =}}") ==
        "templates/t.html:1:1: error: cannot read the delimiter change '<%': write it as {{=<% %>=}}\n");
  CHECK(check("{{>*title}}") ==
        "templates/t.html:1:1: error: dynamic partials ('{{>*title}}') are not supported: their variables cannot be "
        "checked\n");
}

TEST_CASE("a page that grows past the limit while rendering is an error at the template") {
  test::TempDir dir;
  test::put(dir.path() / "t.html", "{{#items}}{{> p}}{{/items}}");
  test::put(dir.path() / "partials/p.html", "{{> q}}{{> q}}{{> q}}{{> q}}");
  test::put(dir.path() / "partials/q.html", std::string(1 << 20, 'x'));
  auto set = TemplateSet::load(dir.path());
  Diagnostics d;
  set.validate("t.html", kSchema, d);
  CHECK(d.str() == "");
  json ctx = {{"items", json::array()}};
  for (int i = 0; i < 20; ++i) ctx["items"].push_back({{"name", "n"}});
  try {
    set.render("t.html", ctx);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().str() ==
          "templates/partials/q.html:1:1: error: the page grew past 64 MiB here (do partials include one another many "
          "times over?)\n");
  }
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
