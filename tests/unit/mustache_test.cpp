// gpress's Mustache renderer against kainjow's, which it follows where the
// Mustache specification leaves a choice: the same bytes for the same
// template and context, on hand-made cases and on thousands of random ones.
// Where the specification and kainjow differ the specification wins, and the
// comparison leaves those constructs out: lines holding nothing but section,
// comment or partial tags (the specification removes them whether or not the
// section renders, kainjow only when it renders) and dotted names (the
// specification looks only at the innermost context holding the first part).
// Those are checked against the specification's answers instead, here and
// in mustache_spec_test.cpp.
#include <map>
#include <random>

#include <doctest/doctest.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "render/mustache.hpp"

using namespace gpress;
using nlohmann::json;
namespace mstch = kainjow::mustache;

namespace {

// The context as kainjow holds it: null is false, a number is its JSON text.
mstch::data to_kainjow(const json& v) {
  switch (v.type()) {
    case json::value_t::object: {
      mstch::data d{mstch::data::type::object};
      for (auto it = v.begin(); it != v.end(); ++it) d.set(it.key(), to_kainjow(it.value()));
      return d;
    }
    case json::value_t::array: {
      mstch::data d{mstch::data::type::list};
      for (const auto& e : v) d.push_back(to_kainjow(e));
      return d;
    }
    case json::value_t::string: return mstch::data(v.get<std::string>());
    case json::value_t::boolean: return mstch::data(v.get<bool>());
    case json::value_t::null: return mstch::data(false);
    default: return mstch::data(v.dump());
  }
}

std::string with_kainjow(const std::string& text, const json& context) {
  mstch::mustache t{text};
  REQUIRE(t.is_valid());
  return t.render(to_kainjow(context));
}

std::string with_gpress(const std::string& text, const json& context) {
  MustacheTemplate t{text};
  REQUIRE(t.valid());
  std::string out;
  t.render(context, out);
  return out;
}

void check_same(const std::string& text, const json& context) {
  CAPTURE(text);
  CAPTURE(context.dump());
  CHECK(with_gpress(text, context) == with_kainjow(text, context));
}

const json kContext = json::parse(R"({
  "title": "Care & <support> \"for\" 'all'", "empty": "", "zero": 0, "ratio": 2.5, "yes": true, "no": false,
  "nothing": null, "none": [], "words": ["a", "b"], "site": {"title": "Toolkit", "nested": {"deep": "x"}},
  "items": [{"name": "one", "url": "/1", "yes": false}, {"name": "two", "site": {"title": "inner"}}],
  "body": "<p>trusted</p>\n<p>two lines</p>"
})");

}  // namespace

TEST_CASE("the renderer gives kainjow's output on every kind of tag") {
  for (const char* text : {
           "<h1>{{title}}</h1> {{{title}}} {{& title}} {{ title }}",
           "{{zero}} {{ratio}} {{yes}} {{no}} {{nothing}} {{missing}} {{words}} {{site}} {{empty}}.",
           "{{#items}}<a href=\"{{url}}\">{{name}}</a> {{site.title}} {{title}}{{/items}}",
           "{{#site}}{{title}} {{nested.deep}}{{#nested}}{{deep}} {{site.title}}{{/nested}}{{/site}}",
           "{{#words}}[{{.}}]{{/words}} {{#title}}({{.}}){{/title}} {{#zero}}{{.}}{{/zero}}",
           "{{^none}}no list{{/none}} {{^nothing}}null{{/nothing}} {{^no}}false{{/no}} {{^missing}}gone{{/missing}}",
           "{{^yes}}hidden{{/yes}}{{^words}}hidden{{/words}}{{#empty}}empty string is true{{/empty}}",
           "{{#items}}{{^yes}}{{name}} has no yes{{/yes}}{{/items}}",
           "{{! a comment }}before{{!another}}after",
           "<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n",
           "{{#items}}\n{{name}}\n{{/items}}",
           "{{.}}|{{#site}}{{.}}{{/site}}|{{#site.nested}}{{deep}}{{/site.nested}}|{{site.nested.deep}}",
           "{{}}{{#items}}{{.}}{{/items}}",
       })
    check_same(text, kContext);
}

TEST_CASE("the renderer gives kainjow's output on random templates and contexts") {
  std::mt19937 rng(20261202);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  // No dotted names, and every line starts with a visible character, so no
  // line is standalone (see the top of this file).
  const std::vector<std::string> names = {"a", "b", "c", "list", "flag", "."};
  const std::vector<std::string> texts = {"x", " ", "  ", "\t", "\n|", "\r\n|", "\r|", "<&>", "'\"", "word "};
  // A random context: objects, lists, text, numbers, booleans and nulls.
  std::function<json(int)> value = [&](int depth) -> json {
    switch (depth > 2 ? pick(5) : pick(7)) {
      case 0: return "t<" + std::to_string(pick(10)) + ">";
      case 1: return pick(2) == 0;
      case 2: return nullptr;
      case 3: return static_cast<int>(pick(100)) - 50;
      case 4: return "";
      case 5: {
        json o = json::object();
        for (const char* k : {"a", "b", "c", "list", "flag"})
          if (pick(2)) o[k] = value(depth + 1);
        return o;
      }
      default: {
        json l = json::array();
        for (std::size_t i = pick(4); i > 0; --i) l.push_back(value(depth + 1));
        return l;
      }
    }
  };
  // A random template whose sections are balanced.
  std::function<std::string(int)> tmpl = [&](int depth) {
    std::string t;
    for (std::size_t i = pick(6); i > 0; --i) {
      switch (pick(depth > 2 ? 4 : 6)) {
        case 0:
        case 1: t += texts[pick(texts.size())]; break;
        case 2: t += "{{" + names[pick(names.size())] + "}}"; break;
        case 3: t += pick(2) ? "{{{" + names[pick(names.size())] + "}}}" : "{{! c }}"; break;
        default: {
          const std::string& n = names[pick(names.size() - 1)];  // not "."
          const char* kind = pick(2) ? "#" : "^";
          t += "{{" + std::string(kind) + n + "}}" + tmpl(depth + 1) + "{{/" + n + "}}";
        }
      }
    }
    return t;
  };
  for (int i = 0; i < 3000; ++i) {
    json context = json::object();
    for (const char* k : {"a", "b", "c", "list", "flag"}) context[k] = value(0);
    check_same("|" + tmpl(0), context);
  }
}

namespace {
std::string render(const std::string& text, const json& context,
                   const std::map<std::string, std::string, std::less<>>& partial_texts = {},
                   MustacheTemplate::Indentation indentation = MustacheTemplate::Indentation::kKeep) {
  std::map<std::string, std::unique_ptr<MustacheTemplate>, std::less<>> partials;
  for (const auto& [name, t] : partial_texts) partials[name] = std::make_unique<MustacheTemplate>(t, indentation);
  const MustacheTemplate t(text, indentation);
  REQUIRE_MESSAGE(t.valid(), t.error());
  return t.render(context, [&](std::string_view name) -> const MustacheTemplate* {
    auto p = partials.find(name);
    return p == partials.end() ? nullptr : p->second.get();
  });
}
}  // namespace

TEST_CASE("where kainjow and the specification differ, the renderer follows the specification") {
  // A line holding only a section tag goes, whether or not the section renders.
  CHECK(render("<ul>\n  {{#none}}\n  <li>never</li>\n  {{/none}}\n</ul>\n", kContext) == "<ul>\n</ul>\n");
  CHECK(render("<p>\n  {{^none}}\n  nothing\n  {{/none}}\n  {{#no}}\n  x\n  {{/no}}\n</p>\n", kContext) ==
        "<p>\n  nothing\n</p>\n");
  // So does a comment's line, with either line ending; two tags on a line are not alone.
  CHECK(render("a\r\n  {{#yes}}\r\n  b\r\n  {{/yes}}\r\nc\rd\n\t{{#yes}}\t\n  {{! note }}\n{{/yes}}\n", kContext) ==
        "a\r\n  b\r\nc\rd\n");
  CHECK(render("{{#yes}}  \n{{/yes}}\n{{{body}}}\n  {{#yes}}{{/yes}}  ", kContext) ==
        "<p>trusted</p>\n<p>two lines</p>\n    ");
  // A dotted name is looked up in the innermost context that has its first part only.
  CHECK(render("{{#a}}[{{b.c}}]{{/a}}", json::parse(R"({"a": {"b": {}}, "b": {"c": "ERROR"}})")) == "[]");
}

TEST_CASE("delimiter changes and indented partials follow the specification") {
  CHECK(render("{{=<% %>=}}<%title%> {{title}} <%={{ }}=%>{{zero}}", kContext) ==
        "Care &amp; &lt;support&gt; &quot;for&quot; &apos;all&apos; {{title}} 0");
  // A partial alone on its line is indented like its tag; values inserted are not.
  CHECK(render("<ul>\n  {{> item}}\n</ul>\n", kContext, {{"item", "<li>\n{{{body}}}\n</li>\n"}}) ==
        "<ul>\n  <li>\n  <p>trusted</p>\n<p>two lines</p>\n  </li>\n</ul>\n");
  // Delimiters changed in a template do not reach its partials.
  CHECK(render("{{=| |=}}|> p|", kContext, {{"p", "{{zero}}|zero|"}}) == "0|zero|");
}

TEST_CASE("page templates drop the indentation of their own lines, never of the values they insert") {
  const auto drop = MustacheTemplate::Indentation::kDrop;
  const json ctx = json::parse(R"({"items": [{"name": "a"}, {"name": "b"}], "body": "<pre>\n  kept\n</pre>"})");
  // Lines inside a section, a standalone partial's own indentation, the
  // partial's lines and a section tag's line all lose their leading blanks;
  // a value's lines keep theirs, and blanks inside a line stay.
  CHECK(render("<ul>\n    {{#items}}\n    <li>{{name}}  x</li>\n    {{/items}}\n</ul>\n  {{> p}}\n", ctx,
               {{"p", "\t<div>\n  {{{body}}}\n  </div>\n"}},
               drop) == "<ul>\n<li>a  x</li>\n<li>b  x</li>\n</ul>\n<div>\n<pre>\n  kept\n</pre>\n</div>\n");
  // Text that follows a tag on the same line is not at a line start.
  CHECK(render("{{#items}}{{name}}  {{/items}}\n", ctx, {}, drop) == "a  b  \n");
  // Templates keep their indentation unless asked.
  CHECK(render("<ul>\n  <li>x</li>\n</ul>", ctx) == "<ul>\n  <li>x</li>\n</ul>");
}

TEST_CASE("a template's work is bounded") {
  // Sections nested too deep are refused where the first one too many opens.
  std::string deep;
  for (std::size_t i = 0; i <= kMaxSectionDepth; ++i) deep += "{{#a}}";
  const MustacheTemplate nested(deep);
  CHECK_FALSE(nested.valid());
  CHECK(nested.error() == "sections are nested more than 100 deep");
  CHECK(nested.error_offset() == kMaxSectionDepth * 6);

  // A partial that includes itself stops at the depth limit, at its tag.
  const json ctx = json::parse(R"({"yes": true})");
  try {
    render("{{>p}}", ctx, {{"p", "x{{#yes}}{{>p}}{{/yes}}"}});
    FAIL("no error");
  } catch (const MustacheRenderError& e) {
    CHECK(e.partial() == "p");
    CHECK(e.offset() == 9);
    CHECK(std::string(e.what()) == "partial 'p' is included more than 16 partials deep (does it include itself?)");
  }

  // Partials that each include the next four times would make 4^10 copies
  // of 100 bytes: rendering stops at the size limit instead.
  std::map<std::string, std::string, std::less<>> chain;
  for (int i = 0; i < 10; ++i) {
    const std::string next = "{{>p" + std::to_string(i + 1) + "}}";
    chain["p" + std::to_string(i)] = next + next + next + next;
  }
  chain["p10"] = std::string(100, 'x');
  std::map<std::string, std::unique_ptr<MustacheTemplate>, std::less<>> partials;
  for (const auto& [name, t] : chain) partials[name] = std::make_unique<MustacheTemplate>(t);
  const MustacheTemplate top("{{>p0}}");
  std::string out;
  try {
    top.render(ctx, out, [&](std::string_view name) { return partials.find(name)->second.get(); });
    FAIL("no error");
  } catch (const MustacheRenderError& e) {
    CHECK(e.partial() == "p10");
    CHECK(std::string(e.what()).find("grew past 64 MiB") != std::string::npos);
  }
  CHECK(out.size() > kMaxRenderedBytes);
  CHECK(out.size() <= kMaxRenderedBytes + 100);
}
