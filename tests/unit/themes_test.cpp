// data/themes.yaml: the themes and their maturity framework, read as written,
// with every mistake reported at its line.
#include <doctest/doctest.h>

#include "load/themes.hpp"

using namespace gpress;

namespace {

const char* kTheme =
    "themes:\n"
    "  - slug: workforce\n"
    "    number: 1\n"
    "    title: \"Workforce & wellbeing\"\n"
    "    summary: \"Staff.\"\n"
    "    levels: {A: \"Alone\", B: \"Starting\", C: \"Together\", D: \"At scale\"}\n"
    "    domains:\n"
    "      - title: \"Retention\"\n"
    "        A: \"a\"\n"
    "        B: \"b\"\n"
    "        C: \"c\"\n"
    "        D: \"d\"\n";

}  // namespace

TEST_CASE("a theme is read with its levels and maturity domains") {
  Diagnostics diags;
  const std::vector<Theme> themes = parse_themes("data/themes.yaml", kTheme, diags);
  CHECK(diags.str() == "");
  REQUIRE(themes.size() == 1);
  const Theme& t = themes[0];
  CHECK(t.slug == "workforce");
  CHECK(t.number == 1);
  CHECK(t.title == "Workforce & wellbeing");
  CHECK(t.levels[3] == "At scale");
  REQUIRE(t.domains.size() == 1);
  CHECK(t.domains[0].title == "Retention");
  CHECK(t.domains[0].levels[2] == "c");
}

TEST_CASE("themes.yaml mistakes are errors at their line, all of them in one run") {
  Diagnostics diags;
  parse_themes("data/themes.yaml",
               std::string(kTheme) +
                   "  - slug: workforce\n"
                   "    number: one\n"
                   "    title: \"\"\n"
                   "    summary: \"Again.\"\n"
                   "    levels: {A: \"a\", B: \"b\", C: \"c\"}\n"
                   "    domains: []\n",
               diags);
  CHECK(diags.str() ==
        "data/themes.yaml:13:5: error: missing 'domains': a list of maturity domains with title and A-D descriptions\n"
        "data/themes.yaml:13:11: error: duplicate theme slug 'workforce'\n"
        "data/themes.yaml:14:13: error: number must be a whole number\n"
        "data/themes.yaml:15:12: error: 'title' must be non-empty text\n"
        "data/themes.yaml:17:13: error: missing 'D'\n");
}

TEST_CASE("an unknown key in themes.yaml is a warning naming the key meant, and is ignored") {
  Diagnostics diags;
  std::string text = kTheme;
  text.replace(text.find("    summary:"), 12, "    sumary: \"x\"\n    summary:");
  const std::vector<Theme> themes = parse_themes("data/themes.yaml", text, diags);
  CHECK(diags.str() ==
        "data/themes.yaml:5:5: warning: unknown key 'sumary' in a theme is ignored (did you mean 'summary'?)\n");
  CHECK(diags.error_count() == 0);
  REQUIRE(themes.size() == 1);
  CHECK(themes[0].summary == "Staff.");
}

TEST_CASE("a themes.yaml without a themes list says what it expects") {
  Diagnostics diags;
  CHECK(parse_themes("data/themes.yaml", "theme:\n  - slug: a\n", diags).empty());
  CHECK(diags.str() == "data/themes.yaml:1:1: error: expected a top-level 'themes:' list\n");
}
