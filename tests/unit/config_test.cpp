// gpress.toml: settings read as written, and every mistake an error at its
// line and column, all of them in one run.
#include <doctest/doctest.h>

#include "config/config.hpp"
#include "test_support.hpp"

using namespace gpress;

namespace {

struct Loaded {
  Config config;
  Diagnostics diags;
};

Loaded load(const std::string& toml) {
  test::TempDir dir;
  test::put(dir.path() / "gpress.toml", toml);
  Loaded out;
  out.config = load_config(dir.path() / "gpress.toml", "gpress.toml", out.diags);
  return out;
}

}  // namespace

TEST_CASE("gpress.toml settings are read as written, and what is left out keeps its default") {
  const Loaded l = load(
      "[site]\n"
      "title = \"North Toolkit\"\n"
      "base_url = \"https://toolkit.example.nhs.uk/north\"\n"
      "[programme]\n"
      "cohort = [\"QMJ\", \"93C\"]\n"
      "[privacy]\n"
      "suppression_threshold = 10\n"
      "[risk]\n"
      "weights = { 1 = 9 }\n");
  CHECK(l.diags.str() == "");
  CHECK(l.config.site.title == "North Toolkit");
  // Pages link relative to base_url, so it always ends in '/'.
  CHECK(l.config.site.base_url == "https://toolkit.example.nhs.uk/north/");
  REQUIRE(l.config.programme.cohort.size() == 2);
  CHECK(l.config.programme.cohort[1].code == "93C");
  CHECK(l.config.programme.cohort[1].loc.line == 5);
  CHECK(l.config.privacy.suppression_threshold == 10);
  CHECK(l.config.risk.weights[0] == 9);
  CHECK(l.config.risk.weights[1] == 3);  // criterion 2 keeps its default weight
  CHECK(l.config.site.language == "en-GB");
  CHECK(l.config.thematic.top_opportunities == 5);
}

TEST_CASE("a mistyped key is an error at its line, naming the key meant") {
  const Loaded l = load("[site]\ntitle = \"T\"\ntitel = \"T\"\n[sarch]\n");
  CHECK(l.diags.str() ==
        "gpress.toml:3:1: error: unknown setting in [site] 'titel' (did you mean 'title'?)\n"
        "gpress.toml:4:2: error: unknown section 'sarch' (did you mean 'search'?)\n");
}

TEST_CASE("a value of the wrong kind is an error at the value, and every one is reported") {
  const Loaded l = load(
      "[site]\n"
      "newest_items = \"six\"\n"
      "base_url = \"javascript:alert(1)\"\n"
      "[privacy]\n"
      "suppression_threshold = 0\n"
      "[thematic]\n"
      "opportunity_area = \"ward\"\n"
      "[support]\n"
      "readiness_maturity = \"E\"\n");
  CHECK(l.diags.str() ==
        "gpress.toml:2:16: error: expected a whole number from 0 to 100\n"
        "gpress.toml:3:12: error: base_url must be a web address starting with https:// or http://, got "
        "'javascript:alert(1)'\n"
        "gpress.toml:5:25: error: expected a whole number from 1 to 100\n"
        "gpress.toml:7:20: error: expected one of: pcn, sub-icb\n"
        "gpress.toml:9:22: error: expected a maturity level: \"A\", \"B\", \"C\" or \"D\"\n");
}

TEST_CASE("a switch takes true or false, not a number") {
  const Loaded l = load("[site]\npretty_urls = 1\n[pdf]\nenabled = true\n");
  CHECK(l.diags.str() == "gpress.toml:2:15: error: expected true or false\n");
  CHECK(l.config.pdf.enabled);
}

TEST_CASE("a quote never closed is reported where it opens") {
  const Loaded l = load("[site]\ntitle = \"North\n[privacy]\n");
  CHECK(l.diags.str() == "gpress.toml:2:9: error: quoted text is never closed: add the closing quote\n");
}

TEST_CASE("a project without gpress.toml says how to start one") {
  test::TempDir dir;
  Diagnostics diags;
  load_config(dir.path() / "gpress.toml", "gpress.toml", diags);
  CHECK(diags.str() ==
        "gpress.toml: error: project settings file not found (is this a gpress project? try --project DIR, or "
        "`gpress init` to start one)\n");
}

TEST_CASE("[packs] significance is 95 or 99.8, and anything else is an error at the value") {
  CHECK(load("").config.packs.significance == 95.0);
  const Loaded strict = load("[packs]\nsignificance = 99.8\n");
  CHECK(strict.diags.str() == "");
  CHECK(strict.config.packs.significance == 99.8);
  CHECK(load("[packs]\nsignificance = 95\n").config.packs.significance == 95.0);
  CHECK(load("[packs]\nsignificance = 90\n").diags.str() ==
        "gpress.toml:2:16: error: expected 95 or 99.8 (percent confidence)\n");
  CHECK(load("[packs]\nsignificance = \"high\"\n").diags.str() ==
        "gpress.toml:2:16: error: expected 95 or 99.8 (percent confidence)\n");
  CHECK(load("[packs]\npeers = 5\nsignificance = 0.998\n").diags.str() ==
        "gpress.toml:3:16: error: expected 95 or 99.8 (percent confidence)\n");
}
