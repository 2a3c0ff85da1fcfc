// Action triggers: each kind held and not held with the evidence the report
// prints, and each mistake in an action's front matter at its place.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <tuple>
#include "analyse/triggers/trigger.hpp"
#include "load/content.hpp"

#include "options_fixture.hpp"

using namespace gpress;

namespace {

struct World {
  PracticeData data = test::cohort_data();
  std::vector<Theme> themes = test::fixture_themes();
  Assessments assessments;
  std::unique_ptr<Cohort> cohort;

  World() {
    assessments.maturity = {
        test::rating("P00001", "beta", 1, 'A', "2025-01-10"), test::rating("P00001", "beta", 2, 'C', "2025-01-10"),
        test::rating("P00002", "beta", 1, 'A', "2024-01-10"), test::rating("P00002", "beta", 1, 'C', "2025-01-10")};
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
    const std::string text =
        "---\ntitle: T\ntype: action\nsummary: S\nmenu: coaching\ngpfv_domain: workload\ntriggers:\n  - " + yaml +
        "\n---\nBody.\n";
    auto page = parse_page("content/actions/t.md", text, diags);
    REQUIRE(page);
    REQUIRE(page->triggers.size() == 1);
    pages.push_back(std::move(*page));
    return compile_trigger(pages.back().triggers[0], TriggerEnv{data, themes, assessments.team360_dimensions}, diags);
  }

  TriggerResult eval(const Trigger& t, const std::string& ods) {
    return t.evaluate(PracticeFacts{*cohort, *cohort->index_of(ods), assessments, themes});
  }

  std::deque<Page> pages;
  std::deque<PageList> menus;
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
  CHECK(held.evidence ==
        "Easy to get through by phone 30.0% in 2024-25, significantly worse than England 51.0% (source: src)");
  CHECK_FALSE(w.eval(*phone, "P00002").held);
  CHECK_FALSE(w.eval(*phone, "P00006").held);  // no value: not held
  auto ratio = ok(w, "{indicator: ratio, worse_than: icb}");
  // The ICB's six practices: upper quartile 2075.
  CHECK(w.eval(*ratio, "P00001").evidence ==
        "Patients per GP (FTE) 2,900 in 2024-25, in the worst quarter of ICB practices (upper quartile 2,075) (source: "
        "src)");
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
  CHECK(w.eval(*below, "P00002").evidence ==
        "Easy to get through by phone 52.0% in 2024-25, below 53.0% (source: src)");
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

TEST_CASE("team360 names a dimension whatever its case, and only one the assessments have or gpress.toml lists") {
  World w;
  // The assessments spell it "workload": the trigger matches and speaks of it so.
  auto t = ok(w, "{team360: WorkLoad, below: 3}");
  CHECK(w.eval(*t, "P00001").evidence == "Team 360 workload scored 2.4 of 5 on 2025-02-01, below 3.0");
  CHECK(t->describe() == "Team 360 workload below 3.0");
  CHECK(errors(w, "{team360: Workloads, below: 3}") ==
        "content/actions/t.md:8:6: error: unknown team 360 dimension 'Workloads' (did you mean 'workload'?)\n");
  CHECK(errors(w, "{team360: morale, below: 3}") ==
        "content/actions/t.md:8:6: error: unknown team 360 dimension 'morale' (the assessments and gpress.toml name: "
        "workload)\n");
  // A dimension listed in gpress.toml that nobody has been scored on yet is known.
  w.assessments.team360_dimensions = {"Morale", "workload"};
  auto listed = ok(w, "{team360: morale, below: 3}");
  CHECK(listed->describe() == "Team 360 Morale below 3.0");
  CHECK_FALSE(w.eval(*listed, "P00001").held);
  w.assessments.team360_dimensions.clear();
  w.assessments.team360.clear();
  w.assessments.reindex();
  CHECK(errors(w, "{team360: workload, below: 3}") ==
        "content/actions/t.md:8:6: error: unknown team 360 dimension 'workload': no practice has a team 360 assessment "
        "yet; list the tool's dimensions in gpress.toml ([team360] dimensions)\n");
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
        "content/actions/t.md:8:24: error: unknown trigger field 'belo' for an indicator trigger (did you mean "
        "'below'?)\n");
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
  CHECK(errors(w, "{team360: workload, below: 7}") == "content/actions/t.md:8:25: error: score '7' is outside 1-5\n");
  CHECK(errors(w, "{flag: 1}") ==
        "content/actions/t.md:8:6: error: criterion 1 comes from CQC ratings; use {cqc: overall, in: [Inadequate]}\n");
  CHECK(
      errors(w, "{flag: 17}") ==
      "content/actions/t.md:8:6: error: unknown criterion '17' (expected a national criterion number from 3 to 16)\n");
  CHECK(errors(w, "{flag: 8, cqc: safe}") ==
        "content/actions/t.md:8:5: error: a trigger has one kind, but this one names both 'flag' and 'cqc' (write two "
        "triggers)\n");
  CHECK(errors(w, "{indicatr: phone}") ==
        "content/actions/t.md:8:6: error: unknown trigger field 'indicatr' (did you mean 'indicator'?)\n");
  CHECK(errors(w, "{indicator: phone}") ==
        "content/actions/t.md:8:5: error: an indicator trigger needs one of worse_than, better_than, below or above, "
        "e.g. "
        "{indicator: qof_achievement, below: 90}\n");
}

TEST_CASE("below_expected holds for a QOF register significantly below what age and deprivation predict") {
  World w;
  // Diabetes on the plane 1% + 10% × share aged 50+ + 0.1% × IMD, except
  // P00001: 2.0% recorded where about 7% would be expected.
  auto reg = [](const char* id, const char* name) {
    Indicator i = test::indicator(id, name, std::nullopt, Unit::kPercent, Polarity::kNeither);
    i.source = "qof-prevalence";
    return i;
  };
  w.data.indicators.push_back(reg("qof_prevalence_af", "Atrial fibrillation prevalence (QOF)"));
  w.data.indicators.push_back(reg("qof_prevalence_ost", "Osteoporosis prevalence (QOF)"));
  w.data.indicators.push_back(reg("qof_prevalence_dm", "Diabetes mellitus prevalence (QOF)"));
  w.data.indicators.push_back(
      test::indicator("imd_score", "IMD", std::nullopt, Unit::kScore, Polarity::kLowerIsBetter));
  const std::vector<std::tuple<const char*, double, double, double>> practices = {
      {"P00001", 400, 20, 20}, {"P00002", 300, 20, 60},  {"P00003", 400, 10, 60},
      {"P00004", 200, 30, 60}, {"P00005", 500, 40, 100}, {"P00006", 200, 10, 40}};
  for (const auto& [ods, older, imd, dm] : practices) {
    w.data.values.push_back(test::value(ods, "qof_prevalence_af", "2020-21", 1, 10, 1000));
    w.data.values.push_back(test::value(ods, "qof_prevalence_ost", "2020-21", 1, 1, older));
    w.data.values.push_back(test::value(ods, "qof_prevalence_dm", "2020-21", dm / 10, dm, 1000));
    w.data.values.push_back(test::value(ods, "imd_score", "2019-20", imd));
  }
  w.data.reindex();
  w.cohort = std::make_unique<Cohort>(w.data, 1);
  auto t = ok(w, "{indicator: qof_prevalence_dm, below_expected: true}");
  CHECK(
      t->describe() ==
      "Diabetes mellitus prevalence (QOF) significantly below the prevalence its age profile and deprivation predict");
  const TriggerResult held = w.eval(*t, "P00001");
  CHECK(held.held);
  CHECK(held.strength == Strength::kSignificant);
  CHECK(held.dated == "2021-03-31");
  CHECK(held.evidence.find("Diabetes mellitus prevalence (QOF) 2.0% in 2020-21, significantly below the ") == 0);
  CHECK_FALSE(w.eval(*t, "P00002").held);

  CHECK(errors(w, "{indicator: phone, below_expected: true}") ==
        "content/actions/t.md:8:6: error: indicator 'phone' is not a QOF disease register: below_expected applies to "
        "the registers `gpress import qof-prevalence` writes (qof_prevalence_*)\n");
  CHECK(errors(w, "{indicator: qof_prevalence_dm, below_expected: false}") ==
        "content/actions/t.md:8:36: error: 'below_expected' takes true, got 'false' (leave the trigger out "
        "otherwise)\n");
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
                              "---\ntitle: Bad\ntype: action\nsummary: S\nmenu: coachin\ngpfv_domain: work\n---\nB\n",
                              diags));
  const auto actions = compile_actions(pages, TriggerEnv{w.data, w.themes, w.assessments.team360_dimensions}, diags);
  CHECK(diags.str() ==
        "content/actions/bad.md:5:7: error: unknown menu 'coachin' (did you mean 'coaching'?)\n"
        "content/actions/bad.md:6:14: error: unknown gpfv_domain 'work' (expected one of: investment, infrastructure, "
        "workload, workforce, new-care-models)\n");
  const auto recs =
      recommend(actions, PracticeFacts{*w.cohort, 0, w.assessments, w.themes}, {}, SupportLevel::kImprove);
  REQUIRE(recs.size() == 1);
  REQUIRE(recs[0].held.size() == 2);
  CHECK(recs[0].held[0].condition ==
        "Local intelligence flag on criterion 8 (Practice leadership issues (partner relationships))");
  CHECK(recs[0].held[1].evidence == "Team 360 workload scored 2.4 of 5 on 2025-02-01, below 3.0");
  CHECK(recommend(actions, PracticeFacts{*w.cohort, 3, w.assessments, w.themes}, {}, SupportLevel::kImprove).empty());
}

TEST_CASE("the registry lists every kind once") {
  std::vector<std::string> keys;
  for (const auto& k : trigger_kinds()) keys.push_back(k.key);
  // below_expected shares the indicator key and is told apart by its marker field.
  CHECK(keys == std::vector<std::string>{"indicator", "cqc", "maturity", "team360", "flag", "indicator"});
  CHECK(trigger_kinds().back().marker == "below_expected");
}

TEST_CASE("a trigger's points: weight of its criterion × strength × recency") {
  World w;
  PriorityRules rules;  // default weights: criterion 1 weighs 5, 2 weighs 3, 8 weighs 3, 15 weighs 1
  rules.as_of = "2025-03-14";
  SUBCASE("a CQC rating is a judgement on criterion 1 or 2, dated by its inspection") {
    auto t = ok(w, "{cqc: well_led, in: [Inadequate, Requires improvement]}");
    const auto inadequate = w.eval(*t, "P00001");
    CHECK(inadequate.criterion == 1);
    CHECK(inadequate.strength == Strength::kSignificant);
    CHECK(inadequate.dated == "2024-03-14");
    // Exactly a year before the report's date is still recent.
    CHECK(trigger_points(inadequate, rules) == 5 * 3 * 2);
    CHECK(points_text(inadequate, rules) ==
          "30 points: weight 5 (criterion 1) × 3 (significant or a judgement) × 2 (recent)");
    rules.as_of = "2025-03-15";
    CHECK(trigger_points(inadequate, rules) == 5 * 3 * 1);
    // Missing evidence: no inspection date is never recent.
    const auto undated = w.eval(*t, "P00002");
    CHECK(undated.dated.empty());
    CHECK(trigger_points(undated, rules) == 3 * 3 * 1);
    CHECK(points_text(undated, rules) ==
          "9 points: weight 3 (criterion 2) × 3 (significant or a judgement) × 1 (undated)");
  }
  SUBCASE("significantly worse, the worst quarter and a threshold: 3, 2 and 1") {
    auto significant = w.eval(*ok(w, "{indicator: phone, worse_than: england}"), "P00001");
    auto quarter = w.eval(*ok(w, "{indicator: ratio, worse_than: icb}"), "P00001");
    auto threshold = w.eval(*ok(w, "{indicator: ratio, above: 2500}"), "P00001");
    CHECK(significant.strength == Strength::kSignificant);
    CHECK(quarter.strength == Strength::kQuarter);
    CHECK(threshold.strength == Strength::kThreshold);
    // 2024-25 ends on 2025-03-31: recent on 2025-03-14.
    CHECK(significant.dated == "2025-03-31");
    CHECK(trigger_points(significant, rules) == 1 * 3 * 2);
    CHECK(trigger_points(quarter, rules) == 2 * 2 * 2);
    CHECK(trigger_points(threshold, rules) == 2 * 1 * 2);
    // The configured weights count.
    rules.weights[3] = 4;
    CHECK(trigger_points(quarter, rules) == 4 * 2 * 2);
  }
  SUBCASE("evidence with no national criterion weighs 1") {
    const auto r = w.eval(*ok(w, "{team360: workload, below: 3}"), "P00001");
    CHECK(r.criterion == 0);
    CHECK(trigger_points(r, rules) == 1 * 1 * 2);
    CHECK(points_text(r, rules) == "2 points: weight 1 (no national criterion) × 1 (past a threshold) × 2 (recent)");
  }
  SUBCASE("a report with no date finds nothing recent") {
    rules.as_of.clear();
    CHECK(trigger_points(w.eval(*ok(w, "{flag: 8}"), "P00001"), rules) == 3 * 3 * 1);
  }
}

namespace {

// Actions written as front matter; `extra` goes before the triggers.
std::vector<CompiledAction> menu(World& w, const std::vector<std::tuple<std::string, std::string, std::string>>& items,
                                 Diagnostics& diags) {
  PageList pages;
  for (const auto& [slug, extra, triggers] : items) {
    const std::string text = "---\ntitle: " + slug +
                             "\ntype: action\nsummary: S\nmenu: coaching\ngpfv_domain: workload\n" + extra +
                             "triggers:\n" + triggers + "---\nBody.\n";
    pages.push_back(*parse_page("content/actions/" + slug + ".md", text, diags));
  }
  w.menus.push_back(std::move(pages));
  return compile_actions(w.menus.back(), TriggerEnv{w.data, w.themes, w.assessments.team360_dimensions}, diags);
}

std::vector<std::string> slugs(const std::vector<Recommendation>& recs) {
  std::vector<std::string> out;
  for (const auto& r : recs) out.push_back(r.page->slug);
  return out;
}

}  // namespace

TEST_CASE("actions are ordered by priority, then total points, then weight, then file name") {
  World w;
  Diagnostics diags;
  PriorityRules rules;
  rules.as_of = "2025-03-31";
  // P00001: flag 8 recent (3×3×2 = 18), phone significantly worse (1×3×2 = 6),
  // workload 2.4 (1×1×2 = 2), ratio above 2500 (2×1×2 = 4).
  std::vector<std::tuple<std::string, std::string, std::string>> items = {
      {"e-workload", "weight: 1\n", "  - {team360: workload, below: 3}\n"},
      {"d-workload", "weight: 1\n", "  - {team360: workload, below: 3}\n"},
      {"c-workload-first", "weight: 0\n", "  - {team360: workload, below: 3}\n"},
      {"b-phone-and-ratio", "", "  - {indicator: ratio, above: 2500}\n  - {indicator: phone, worse_than: england}\n"},
      {"a-phone", "", "  - {indicator: phone, worse_than: england}\n"},
      {"z-leadership", "", "  - {flag: 8}\n"},
      {"never", "", "  - {indicator: phone, below: 10}\n  - {flag: 5}\n"}};
  const auto actions = menu(w, items, diags);
  REQUIRE(diags.str() == "");
  const auto recs =
      recommend(actions, PracticeFacts{*w.cohort, 0, w.assessments, w.themes}, rules, SupportLevel::kImprove);
  // The flag leads whatever its name; phone and ratio beat phone alone on the
  // total; equal workload actions by weight, then by file name. An action
  // none of whose triggers held is not there.
  CHECK(slugs(recs) == std::vector<std::string>{"z-leadership", "b-phone-and-ratio", "a-phone", "c-workload-first",
                                                "d-workload", "e-workload"});
  CHECK(recs[0].priority == 18);
  CHECK(recs[1].priority == 6);
  CHECK(recs[1].total == 10);
  CHECK(recs[2].total == 6);
  // The order never depends on the order of the files.
  std::reverse(items.begin(), items.end());
  const auto reversed = menu(w, items, diags);
  CHECK(slugs(recommend(reversed, PracticeFacts{*w.cohort, 0, w.assessments, w.themes}, rules,
                        SupportLevel::kImprove)) == slugs(recs));
}

TEST_CASE("an action suits the levels it declares, or any when it declares none") {
  World w;
  Diagnostics diags;
  const auto actions = menu(w,
                            {{"manage-only", "levels: [Manage]\n", "  - {flag: 8}\n"},
                             {"any", "", "  - {flag: 8}\n"},
                             {"stabilise-improve", "levels: [stabilise, Improve]\n", "  - {flag: 8}\n"}},
                            diags);
  REQUIRE(diags.str() == "");
  CHECK(actions[0].levels_text() == "Manage");
  CHECK(actions[1].levels_text() == "any support level");
  CHECK(actions[2].levels_text() == "Stabilise, Improve");
  const PracticeFacts facts{*w.cohort, 0, w.assessments, w.themes};
  auto suited = [&](SupportLevel level) {
    std::vector<std::string> out;
    for (const auto& r : recommend(actions, facts, {}, level))
      if (r.suits_level) out.push_back(r.page->slug);
    return out;
  };
  CHECK(suited(SupportLevel::kManage) == std::vector<std::string>{"any", "manage-only"});
  CHECK(suited(SupportLevel::kImprove) == std::vector<std::string>{"any", "stabilise-improve"});
  CHECK(suited(SupportLevel::kSustain) == std::vector<std::string>{"any"});
  // Those that do not suit are still returned, flagged, so the report can say their trigger held.
  const auto all = recommend(actions, facts, {}, SupportLevel::kSustain);
  REQUIRE(all.size() == 3);
  CHECK_FALSE(all[1].suits_level);
  CHECK(all[1].levels_text == "Manage");
}

TEST_CASE("an unknown support level in levels: is an error at its line") {
  World w;
  Diagnostics diags;
  menu(w, {{"typo", "levels: [Stabilize, Sustain]\n", "  - {flag: 8}\n"}}, diags);
  CHECK(diags.str() ==
        "content/actions/typo.md:7:9: error: unknown support level 'Stabilize' (did you mean 'Stabilise'?)\n");
}

TEST_CASE("better_than and at_least hold for what a practice does well") {
  World w;
  auto worse = ok(w, "{indicator: phone, better_than: england}");
  CHECK_FALSE(w.eval(*worse, "P00001").held);  // significantly worse
  auto ratio = ok(w, "{indicator: ratio, better_than: icb}");
  std::vector<std::string> best;
  for (const char* ods : {"P00001", "P00002", "P00003", "P00004", "P00005", "P00006"})
    if (w.eval(*ratio, ods).held) best.emplace_back(ods);
  CHECK_FALSE(best.empty());
  const auto held = w.eval(*ratio, best.front());
  CHECK(held.strength == Strength::kQuarter);
  CHECK(held.evidence.find("in the best quarter of ICB practices (lower quartile") != std::string::npos);
  auto strong = ok(w, "{maturity: beta, at_least: C}");
  CHECK(w.eval(*strong, "P00001").evidence == "Beta self-assessed ‘Skills’ at C on 2025-01-10");
  CHECK(w.eval(*strong, "P00002").held);  // C in 2025
  CHECK(strong->describe() == "Beta maturity at C or above in any domain");
  CHECK(errors(w, "{maturity: beta, at_least: C, at_most: B}") ==
        "content/actions/t.md:8:5: error: a maturity trigger needs one of 'at_most' or 'at_least', a level A-D, e.g. "
        "{maturity: quality-improvement, at_most: B}\n");
}
