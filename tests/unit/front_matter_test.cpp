// Front matter and content validation: the exact messages an editor sees.
#include <doctest/doctest.h>

#include "load/content.hpp"

using namespace gpress;

namespace {
std::string errors_for(const std::string& text, const std::string& path = "content/quality-improvement/x.md") {
  Diagnostics d;
  parse_page(path, text, d);
  return d.str();
}
}  // namespace

TEST_CASE("a complete toolkit item parses with every field") {
  Diagnostics d;
  auto page = parse_page("content/workforce-and-wellbeing/sunderland.md",
                         "---\n"
                         "title: \"Sunderland GP Alliance: \\\"coaching\\\" & more\"\n"
                         "type: case-study\n"
                         "theme: workforce-and-wellbeing\n"
                         "summary: One sentence.\n"
                         "tags: [leadership, coaching]\n"
                         "date: 2018-06-01\n"
                         "source: https://example.org/report\n"
                         "organisation: Sunderland GP Alliance\n"
                         "weight: 10\n"
                         "---\n"
                         "Body *text*.\n",
                         d);
  REQUIRE(page);
  CHECK(d.str() == "");
  CHECK(page->slug == "sunderland");
  CHECK(page->title == "Sunderland GP Alliance: \"coaching\" & more");
  CHECK(page->type == PageType::kCaseStudy);
  CHECK(page->tags == std::vector<std::string>{"leadership", "coaching"});
  CHECK(page->date == "2018-06-01");
  CHECK(page->weight == 10);
  CHECK(page->body_html == "<p>Body <em>text</em>.</p>\n");
}

TEST_CASE("front matter problems are reported at their line") {
  SUBCASE("no opening fence") {
    CHECK(errors_for("title: x\n") ==
          "content/quality-improvement/x.md:1:1: error: missing front matter: the file must start with a line '---', "
          "then the YAML fields, then '---'\n");
  }
  SUBCASE("no closing fence") {
    CHECK(errors_for("---\ntitle: x\n") ==
          "content/quality-improvement/x.md:1:1: error: front matter is not closed: add a line '---' after the last "
          "field\n");
  }
  SUBCASE("YAML syntax error inside the file") {
    CHECK(errors_for("---\ntitle: ok\ntype: report\nsummary: [unclosed\n---\n") ==
          "content/quality-improvement/x.md:5:1: error: end of sequence flow not found\n");
  }
  SUBCASE("missing and empty required fields, all at once") {
    CHECK(errors_for("---\ntype: report\ntheme: quality-improvement\nsummary: \"  \"\n---\n") ==
          "content/quality-improvement/x.md:1:1: error: missing required field 'title'\n"
          "content/quality-improvement/x.md:4:10: error: 'summary' must not be empty\n");
  }
  SUBCASE("unknown type") {
    CHECK(errors_for("---\ntitle: t\ntype: blog\n---\n") ==
          "content/quality-improvement/x.md:3:7: error: unknown type 'blog': expected one of report, point-of-view, "
          "tool, case-study, page, action\n");
  }
  SUBCASE("bad date") {
    CHECK(errors_for("---\ntitle: t\ntype: page\ndate: 2018-02-30\n---\n", "content/pages/x.md") ==
          "content/pages/x.md:4:7: error: bad date '2018-02-30': expected an ISO date YYYY-MM-DD\n");
  }
  SUBCASE("a source that is not a web address") {
    CHECK(errors_for("---\ntitle: t\ntype: page\nsource: javascript:alert(1)\n---\n", "content/pages/x.md") ==
          "content/pages/x.md:4:9: error: source 'javascript:alert(1)' must be a web address starting with https:// "
          "or http://\n");
  }
  SUBCASE("an unknown field is a warning that suggests the fix") {
    Diagnostics d;
    auto page = parse_page("content/pages/x.md", "---\ntitle: t\ntype: page\nsumary: s\n---\n", d);
    CHECK(page);
    CHECK_FALSE(d.has_errors());
    CHECK(d.str() == "content/pages/x.md:4:1: warning: unknown field 'sumary' is ignored (did you mean 'summary'?)\n");
  }
  SUBCASE("CRLF line endings and a byte-order mark are fine") {
    Diagnostics d;
    auto page = parse_page("content/pages/x.md", "\xEF\xBB\xBF---\r\ntitle: t\r\ntype: page\r\n---\r\nHi\r\n", d);
    REQUIRE(page);
    CHECK(d.str() == "");
    CHECK(page->title == "t");
  }
}

TEST_CASE("actions keep their triggers with places for the options report") {
  Diagnostics d;
  auto page = parse_page("content/actions/od-review.md",
                         "---\ntitle: OD review\ntype: action\nmenu: diagnostic\ngpfv_domain: workforce\n"
                         "triggers:\n  - {cqc: well_led, in: [Inadequate, Requires improvement]}\n  - {flag: 8}\n---\n",
                         d);
  REQUIRE(page);
  CHECK(d.str() == "");
  REQUIRE(page->triggers.size() == 2);
  CHECK(page->triggers[0].loc.str() == "content/actions/od-review.md:7:5");
  CHECK(page->triggers[0].fields[0].first == "cqc");
  CHECK(page->triggers[0].fields[1].second == std::vector<std::string>{"Inadequate", "Requires improvement"});
  CHECK(page->triggers[1].fields[0].second == std::vector<std::string>{"8"});
}
