// Front matter and content validation: the exact messages an editor sees.
#include <doctest/doctest.h>

#include "core/fs.hpp"
#include "load/content.hpp"
#include "load/front_matter.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

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

// ---- The fast reader against yaml-cpp -------------------------------------

namespace {

using detail::FrontMatter;

// Everything parse_page reads of a front matter, as one comparable text.
std::string describe(const FrontMatter& fm) {
  std::string out;
  for (const auto& f : fm) {
    out += f.key + " @" + f.key_loc.str() + " =" + f.value_loc.str() + " kind " +
           std::to_string(static_cast<int>(f.kind)) + " [" + f.text + "]";
    for (const auto& item : f.items) out += " {" + item.text.value_or("<not text>") + " @" + item.loc.str() + "}";
    out += "\n";
  }
  return out;
}

// The YAML between the fences of a content file.
std::string yaml_of(const std::string& file_text) {
  const auto start = file_text.find('\n') + 1;
  return file_text.substr(start, file_text.find("\n---", start) + 1 - start);
}

void check_same_as_yaml_cpp(const std::string& yaml, bool fast_path_expected = true) {
  CAPTURE(yaml);
  Diagnostics d;
  const auto reference = detail::read_front_matter_with_yaml_cpp("f.md", yaml, d);
  const auto fast = detail::read_simple_front_matter("f.md", yaml);
  REQUIRE(reference);
  CHECK(fast.has_value() == fast_path_expected);
  if (fast) CHECK(describe(*fast) == describe(*reference));
}

}  // namespace

TEST_CASE("the fast front matter reader gives what yaml-cpp gives") {
  SUBCASE("every content file of the sample project") {
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / "content")) {
      if (e.path().extension() != ".md") continue;
      CAPTURE(e.path());
      const std::string yaml = yaml_of(read_file(e.path()));
      Diagnostics d;
      const auto reference = detail::read_front_matter_with_yaml_cpp(e.path().string(), yaml, d);
      REQUIRE(reference);
      const auto fast = detail::read_simple_front_matter(e.path().string(), yaml);
      // Toolkit items and pages are all simple; actions' triggers are nested.
      CHECK(fast.has_value() == (e.path().parent_path().filename() != "actions"));
      if (fast) CHECK(describe(*fast) == describe(*reference));
      ++files;
    }
    CHECK(files > 50);
  }
  SUBCASE("plain, quoted and listed values, with their places") {
    check_same_as_yaml_cpp("title: Plain words, with 'quotes' and \"marks\" inside\ntype: report\n");
    check_same_as_yaml_cpp("title: \"Double: quoted # not a comment\"\nsummary: 'it''s single'\n");
    check_same_as_yaml_cpp("tags: [a, b c ,  'd e', \"f: g\"]\nmore: []\nsource: https://example.org/a#b\n");
    check_same_as_yaml_cpp("title: Évaluation du café — naïve\ntags: [santé, café]\n");
    check_same_as_yaml_cpp("weight: -10\ndraft: yes\ndate: 2018-06-01\n# a comment line\n\ntitle: x   \n");
    check_same_as_yaml_cpp("title: t\r\ntype: page\r\nsummary: C# and F#\n");
    check_same_as_yaml_cpp("title: Why? Because of 3 reasons?\n");
  }
  SUBCASE("anything else is left to yaml-cpp") {
    for (const char* yaml : {"title:\n",
                             "title: ~\n",
                             "title: null\n",
                             "title: x # comment\n",
                             "title: \"escaped \\\" quote\"\n",
                             "tags:\n  - a\n  - b\n",
                             "title: a\n  continued\n",
                             "tags: [a, [b]]\n",
                             "tags: [a, ]\n",
                             "title: x\ntitle: y\n",
                             "title: &anchor x\n",
                             "title: *alias\n",
                             "title: !tag x\n",
                             "title: |\n  block\n",
                             "'quoted key': x\n",
                             "title : x\n",
                             "title: {a: b}\n",
                             "title: 'open\n  quote'\n",
                             "title: x:\n",
                             "title: - x\n",
                             "- a\n",
                             "tags: [Why?]\n",
                             "tags: [a?b]\n",
                             "null: x\n",
                             "NULL: x\n"}) {
      Diagnostics d;
      if (detail::read_front_matter_with_yaml_cpp("f.md", yaml, d)) check_same_as_yaml_cpp(yaml, false);
      else CHECK_FALSE(detail::read_simple_front_matter("f.md", yaml));
    }
  }
}
