// Action triggers: each kind held and not held with the evidence the report
// prints, and each mistake in an action's front matter at its place.
#include <doctest/doctest.h>

#include "analyse/triggers/trigger.hpp"
#include "load/content.hpp"
#include <deque>

#include "options_fixture.hpp"

using namespace gpress;

namespace {

struct World {
  PracticeData data = test::cohort_data();
  std::vector<Theme> themes = test::fixture_themes();
  Assessments assessments;
  std::unique_ptr<Cohort> cohort;

  World() {
    assessments.maturity = {test::rating("P00001", "beta", 1, 'A', "2025-01-10"),
                            test::rating("P00001", "beta", 2, 'C', "2025-01-10"),
                            test::rating("P00002", "beta", 1, 'A', "2024-01-10"),
                            test::rating("P00002", "beta", 1, 'C', "2025-01-10")};
    assessments.team360 = {test::score("P00001", "workload", 2.4, "2025-02-01"),
                           test::score("P00002", "workload", 3.0, "2025-02-01")};
    assessments.intelligence = {test::flag("P00001", "2025-01-10", 8, true, "Partners disagree", 2),
                                test::flag("P00002", "2024-01-10", 8, true, "Old worry", 3),
                                test::flag("P00002", "2025-01-10", 8, false, "Resolved", 4)};
    assessments.reindex();
    cohort = std::make_unique<Cohort>(data, 1);
  }

  // Compiles one trigger written as in front matter, e.g. "{cqc: well_led, in: [Inadequate]}".
  std::unique_ptr<Trigger> compile(const std::string& yaml, Diagnostics& diags) {
    const std::string text = "---\ntitle: T\ntype: action\nsummary: S\nmenu: coaching\ngpfv_domain: workload\ntriggers:\n  - " +
                             yaml + "\n---\nBody.\n";
    auto page = parse_page("content/actions/t.md", text, diags);
    REQUIRE(page);
    REQUIRE(page->triggers.size() == 1);
    pages.push_back(std::move(*page));
    return compile_trigger(pages.back().triggers[0], TriggerEnv{data, themes}, diags);
  }

  TriggerResult eval(const Trigger& t, const std::string& ods) {
    return t.evaluate(PracticeFacts{*cohort, *cohort->index_of(ods), assessments, themes});
  }

  std::deque<Page> pages;
};

std::unique_ptr<Trigger> ok(World& w, const std::string& yaml) {
  Diagnostics diags;
  auto t = w.compile(yaml, diags);
  CHECK(diags.str() == "");
  REQUIRE(t);
  return t;
}

std::string errors(World& w, const std::string& yaml) {
  Diagnostics diags;
  auto t = w.compile(yaml, diags);
  CHECK_FALSE(t);
  return diags.str();
}

}  // namespace

TEST_CASE("indicator worse_than: significance, or the worst quarter for values without an interval") {
  World w;
  auto phone = ok(w, "{indicator: phone, worse_than: england}");
  const auto held = w.eval(*phone, "P00001");
  CHECK(held.held);
  CHECK(held.evidence == "Easy to get through by phone 30.0% in 2024-25, significantly worse than England 51.0% (source: src)");
  CHECK_FALSE(w.eval(*phone, "P00002").held);
  CHECK_FALSE(w.eval(*phone, "P00006").held);  // no value: not held
  auto ratio = ok(w, "{indicator: ratio, worse_than: icb}");
  // The ICB's six practices: upper quartile 2075.
  CHECK(w.eval(*ratio, "P00001").evidence ==
        "Patients per GP (FTE) 2,900 in 2024-25, in the worst quarter of ICB practices (upper quartile 2,075) (source: src)");
  CHECK_FALSE(w.eval(*ratio, "P00002").held);
  SUBCASE("a PCN of three practices has no quarters") {
    auto pcn = ok(w, "{indicator: ratio, worse_than: pcn}");
    CHECK_FALSE(w.eval(*pcn, "P00001").held);
  }
  CHECK(phone->describe() == "Easy to get through by phone worse than England");
}

TEST_CASE("indicator below and above compare the latest value") {
  World w;
  auto below = ok(w, "{indicator: phone, below: 53}");
  CHECK(w.eval(*below, "P00002").evidence == "Easy to get through by phone 52.0% in 2024-25, below 53.0% (source: src)");
  CHECK_FALSE(w.eval(*below, "P00003").held);
  auto above = ok(w, "{indicator: ratio, above: 2500}");
  CHECK(w.eval(*above, "P00001").evidence == "Patients per GP (FTE) 2,900 in 2024-25, above 2,500 (source: src)");
  CHECK_FALSE(w.eval(*above, "P00002").held);
}

TEST_CASE("cqc holds when the domain's rating is listed, with the inspection date") {
  World w;
  auto t = ok(w, "{cqc: well_led, in: [Inadequate, Requires improvement]}");
  CHECK(w.eval(*t, "P00001").evidence == "Well-led rated Inadequate, inspected 2024-03-14");
  CHECK(w.eval(*t, "P00002").evidence == "Well-led rated Requires improvement, inspection date not published");
  CHECK_FALSE(w.eval(*t, "P00003").held);  // not rated on well-led
  CHECK_FALSE(w.eval(*t, "P00004").held);  // no CQC row
  CHECK(t->describe() == "CQC Well-led rated Inadequate or Requires improvement");
}

TEST_CASE("maturity holds when a domain of the latest self-assessment is at or below the level") {
  World w;
  auto t = ok(w, "{maturity: beta, at_most: A}");
  CHECK(w.eval(*t, "P00001").evidence == "Beta self-assessed ‘Data’ at A on 2025-01-10");
  CHECK_FALSE(w.eval(*t, "P00002").held);  // A in 2024, C now
  CHECK_FALSE(w.eval(*t, "P00003").held);  // not assessed
  auto domain = ok(w, "{maturity: beta, at_most: B, domain: 2}");
  CHECK_FALSE(w.eval(*domain, "P00001").held);
}

TEST_CASE("team360 holds when the latest score is below the bound") {
  World w;
  auto t = ok(w, "{team360: workload, below: 3}");
  CHECK(w.eval(*t, "P00001").evidence == "Team 360 workload scored 2.4 of 5 on 2025-02-01, below 3.0");
  CHECK_FALSE(w.eval(*t, "P00002").held);  // 3.0 is not below 3
}

TEST_CASE("flag holds when the latest flag on the criterion is yes") {
  World w;
  auto t = ok(w, "{flag: 8}");
  CHECK(w.eval(*t, "P00001").evidence ==
        "Local intelligence on criterion 8 (Practice leadership issues (partner relationships)), recorded 2025-01-10: "
        "Partners disagree");
  CHECK_FALSE(w.eval(*t, "P00002").held);
  CHECK_FALSE(w.eval(*t, "P00003").held);
}

TEST_CASE("mistakes in triggers are errors at their place in the action file") {
  World w;
  CHECK(errors(w, "{indicator: phone, belo: 50}") ==
        "content/actions/t.md:8:24: error: unknown trigger field 'belo' for an indicator trigger (did you mean 'below'?)\n");
  CHECK(errors(w, "{indicator: phnoe, below: 50}") ==
        "content/actions/t.md:8:6: error: unknown indicator 'phnoe' (did you mean 'phone'?)\n");
  CHECK(errors(w, "{cqc: well_lead, in: [Inadequate]}") ==
        "content/actions/t.md:8:6: error: unknown CQC domain 'well_lead' (did you mean 'well_led'?)\n");
  CHECK(errors(w, "{cqc: safe, in: [Poor]}") ==
        "content/actions/t.md:8:17: error: unknown CQC rating 'Poor' (expected one of: Outstanding, Good, Requires "
        "improvement, Inadequate)\n");
  CHECK(errors(w, "{maturity: gamma, at_most: B}") ==
        "content/actions/t.md:8:6: error: unknown theme 'gamma' (expected one of: alpha, beta)\n");
  CHECK(errors(w, "{maturity: beta, at_most: E}") ==
        "content/actions/t.md:8:22: error: level 'E' is not a maturity level (expected A, B, C or D)\n");
  CHECK(errors(w, "{maturity: beta, at_most: B, domain: 3}") ==
        "content/actions/t.md:8:34: error: domain 3 is out of range: theme 'beta' has domains 1-2\n");
  CHECK(errors(w, "{team360: worklod, below: 3}") ==
        "content/actions/t.md:8:6: error: unknown team 360 dimension 'worklod' (did you mean 'workload'?)\n");
  CHECK(errors(w, "{team360: workload, below: 7}") ==
        "content/actions/t.md:8:25: error: score '7' is outside 1-5\n");
  CHECK(errors(w, "{flag: 1}") ==
        "content/actions/t.md:8:6: error: criterion 1 comes from CQC ratings; use {cqc: overall, in: [Inadequate]}\n");
  CHECK(errors(w, "{flag: 17}") ==
        "content/actions/t.md:8:6: error: unknown criterion '17' (expected a national criterion number from 3 to 16)\n");
  CHECK(errors(w, "{flag: 8, cqc: safe}") ==
        "content/actions/t.md:8:5: error: a trigger has one kind, but this one names both 'flag' and 'cqc' (write two "
        "triggers)\n");
  CHECK(errors(w, "{indicatr: phone}") ==
        "content/actions/t.md:8:6: error: unknown trigger field 'indicatr' (did you mean 'indicator'?)\n");
  CHECK(errors(w, "{indicator: phone}") ==
        "content/actions/t.md:8:5: error: an indicator trigger needs one of worse_than, better_than, below or above, e.g. "
        "{indicator: qof_achievement, below: 90}\n");
}

TEST_CASE("worse_than on an indicator without polarity is a warning: it never holds") {
  World w;
  Diagnostics diags;
  auto t = w.compile("{indicator: pay, worse_than: icb}", diags);
  REQUIRE(t);
  CHECK_FALSE(diags.has_errors());
  CHECK(diags.str().find("warning: indicator 'pay' has polarity 'neither'") != std::string::npos);
  for (const char* ods : {"P00001", "P00005"}) CHECK_FALSE(w.eval(*t, ods).held);
}

TEST_CASE("an action is recommended when any trigger holds, listing each that held") {
  World w;
  Diagnostics diags;
  const std::string text =
      "---\ntitle: Both\ntype: action\nsummary: S\nmenu: coaching\ngpfv_domain: workload\ntriggers:\n"
      "  - {flag: 8}\n  - {team360: workload, below: 3}\n  - {cqc: safe, in: [Good]}\n---\nBody.\n";
  PageList pages;
  pages.push_back(*parse_page("content/actions/both.md", text, diags));
  pages.push_back(*parse_page("content/actions/bad.md",
                              "---\ntitle: Bad\ntype: action\nsummary: S\nmenu: coachin\ngpfv_domain: work\n---\nB\n", diags));
  const auto actions = compile_actions(pages, TriggerEnv{w.data, w.themes}, diags);
  CHECK(diags.str() ==
        "content/actions/bad.md:5:7: error: unknown menu 'coachin' (did you mean 'coaching'?)\n"
        "content/actions/bad.md:6:14: error: unknown gpfv_domain 'work' (expected one of: investment, infrastructure, "
        "workload, workforce, new-care-models)\n");
  const auto recs = recommend(actions, PracticeFacts{*w.cohort, 0, w.assessments, w.themes}, {}, SupportLevel::kImprove);
  REQUIRE(recs.size() == 1);
  REQUIRE(recs[0].held.size() == 2);
  CHECK(recs[0].held[0].condition == "Local intelligence flag on criterion 8 (Practice leadership issues (partner relationships))");
  CHECK(recs[0].held[1].evidence == "Team 360 workload scored 2.4 of 5 on 2025-02-01, below 3.0");
  CHECK(recommend(actions, PracticeFacts{*w.cohort, 3, w.assessments, w.themes}, {}, SupportLevel::kImprove).empty());
}

TEST_CASE("the registry lists every kind once") {
  std::vector<std::string> keys;
  for (const auto& k : trigger_kinds()) keys.push_back(k.key);
  CHECK(keys == std::vector<std::string>{"indicator", "cqc", "maturity", "team360", "flag"});
}
