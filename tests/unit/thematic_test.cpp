// The thematic highlight report: aggregation, opportunities, change since last
// quarter and the wider variant's suppression on hand-made practices; then
// whole builds of the thematic-basic fixture and its bad inputs.
#include <doctest/doctest.h>

#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "analyse/thematic.hpp"
#include "assemble/thematic_input.hpp"
#include "build.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

PracticeQuarter practice(const std::string& ods, const std::string& pcn, const std::string& sub) {
  PracticeQuarter p;
  p.ods = ods;
  p.name = "Practice " + ods;
  p.pcn_code = pcn;
  p.pcn_name = pcn + " PCN";
  p.sub_icb_code = sub;
  p.sub_icb_name = "Sub-ICB " + sub;
  p.icb_code = "QXX";
  p.icb_name = "ICB QXX";
  p.support_level = "Sustain";
  return p;
}

const ThematicItem kPhones{"phones", "Phone access worse than England"};
const ThematicItem kLead{"leadership", "Leadership concerns"};
const ThematicItem kTelephony{"cloud-telephony", "Cloud telephony support"};

// P1 (sub-ICB 01) has practices 1-4, P2 (01) has 5-6, P3 (02) has 7-8.
std::vector<PracticeQuarter> cohort() {
  std::vector<PracticeQuarter> v;
  for (int i = 1; i <= 8; ++i) {
    const std::string pcn = i <= 4 ? "P1" : i <= 6 ? "P2" : "P3";
    v.push_back(practice("A0000" + std::to_string(i), pcn, i <= 6 ? "01" : "02"));
  }
  return v;
}

ThematicReport two_quarters() {
  auto before = cohort();
  auto now = cohort();
  // Phones: last quarter practices 1, 2 and 7; now 1, 2, 3 and 5.
  for (int i : {0, 1, 6}) before[static_cast<std::size_t>(i)].findings.push_back(kPhones);
  for (int i : {0, 1, 2, 4}) now[static_cast<std::size_t>(i)].findings.push_back(kPhones);
  for (int i : {0, 1, 3}) now[static_cast<std::size_t>(i)].actions.push_back(kTelephony);
  before[4].findings.push_back(kLead);
  now[4].criteria_met = {8, 15};
  before[4].criteria_met = {8};
  before[0].support_level = "Improve";
  now[0].support_level = "Stabilise";
  now[7].support_level = "Manage";
  ThematicInput in;
  in.quarter = *Period::parse("2025-Q4");
  in.current = now;
  in.previous = before;
  in.action_catalogue = {kTelephony, {"coaching", "Leadership coaching"}};
  return build_thematic(in, {3});
}

const SharedItem& item(const std::vector<SharedItem>& list, const std::string& id) {
  for (const auto& s : list)
    if (s.id == id) return s;
  FAIL("no item " << id);
  return list.front();
}

}  // namespace

TEST_CASE("a finding is counted by practice, ICB, sub-ICB and PCN") {
  const ThematicReport r = two_quarters();
  const SharedItem& phones = item(r.findings, "phones");
  CHECK(phones.practices == 4);
  CHECK(phones.ods == std::vector<std::string>{"A00001", "A00002", "A00003", "A00005"});
  REQUIRE(r.pcns.size() == 3);
  CHECK(phones.by_pcn == std::vector<int>{3, 1, 0});
  CHECK(phones.by_sub_icb == std::vector<int>{4, 0});
  CHECK(phones.by_icb == std::vector<int>{4});
  CHECK(r.pcns[0].practices == 4);
  CHECK(r.sub_icbs[1].parent_code == "QXX");
}

TEST_CASE("every national criterion is listed, met or not, with its name") {
  const ThematicReport r = two_quarters();
  REQUIRE(r.criteria.size() == 16);
  CHECK(r.criteria[0].id == "criterion-1");
  CHECK(r.criteria[15].id == "criterion-16");
  CHECK(r.criteria[7].practices == 1);
  CHECK(r.criteria[14].practices == 1);
  CHECK(r.criteria[14].change->added == 1);
  CHECK(r.criteria[2].practices == 0);
  CHECK(r.criteria[0].label == "CQC rating – inadequate");  // as analyse/risk words it, like every report
}

TEST_CASE("actions on the menu that no practice needs are still listed, with 0") {
  const ThematicReport r = two_quarters();
  CHECK(item(r.actions, "coaching").practices == 0);
  CHECK(item(r.actions, "cloud-telephony").practices == 3);
  CHECK(r.actions.front().id == "cloud-telephony");  // most shared first
}

TEST_CASE("opportunities: at least N practices of one PCN, named - fewer is no opportunity") {
  const ThematicReport r = two_quarters();
  REQUIRE(r.opportunities.size() == 2);
  std::set<std::string> ids;
  for (const auto& o : r.opportunities) {
    CHECK(o.area_code == "P1");
    CHECK(o.ods == (o.id == "phones" ? std::vector<std::string>{"A00001", "A00002", "A00003"}
                                     : std::vector<std::string>{"A00001", "A00002", "A00004"}));
    CHECK(o.area_practices == 4);
    // Practice 1 is at Stabilise this quarter, 2 and 3 at Sustain.
    CHECK(o.levels == std::array<int, 5>{0, 1, 0, 2, 0});
    ids.insert(o.id);
    // P1 had only 2 with phones last quarter, and no telephony: both are new.
    CHECK(o.status == ChangeStatus::kNew);
  }
  CHECK(ids == std::set<std::string>{"phones", "cloud-telephony"});
  // Equal reach: the action ranks first.
  CHECK(r.opportunities[0].id == "cloud-telephony");
  CHECK(r.opportunities[1].names[2] == "Practice A00003");

  SUBCASE("N is a setting") {
    ThematicInput in;
    in.quarter = *Period::parse("2025-Q4");
    in.current = cohort();
    for (int i : {0, 1}) in.current[static_cast<std::size_t>(i)].findings.push_back(kPhones);
    CHECK(build_thematic(in, {3}).opportunities.empty());
    CHECK(build_thematic(in, {2}).opportunities.size() == 1);
  }
}

TEST_CASE("opportunities are ranked by practices, then patients, then actions first, then area and id") {
  ThematicInput in;
  in.quarter = *Period::parse("2025-Q4");
  in.current = cohort();
  for (std::size_t i = 0; i < in.current.size(); ++i) in.current[i].list_size = 1000 * static_cast<std::int64_t>(i + 1);
  const ThematicItem a{"a-finding", "A finding"}, b{"b-finding", "B finding"}, act{"z-action", "An action"};
  // P1 (practices 1-4): a-finding in 1, 2, 3, 4; b-finding in 1, 2, 3; the
  // action in 1, 2, 3. P3 (7, 8) and P2 (5, 6): b-finding in both of each.
  for (int i : {0, 1, 2, 3}) in.current[static_cast<std::size_t>(i)].findings.push_back(a);
  for (int i : {0, 1, 2, 4, 5, 6, 7}) in.current[static_cast<std::size_t>(i)].findings.push_back(b);
  for (int i : {0, 1, 2}) in.current[static_cast<std::size_t>(i)].actions.push_back(act);
  const ThematicReport r = build_thematic(in, {2});
  std::vector<std::string> order;
  for (const auto& o : r.opportunities) order.push_back(o.area_code + " " + o.id + " " + std::to_string(o.patients));
  // 4 practices first; then 3 practices; then P3's 2 practices (15,000
  // patients) before P2's (11,000). P1's b-finding is answered by the action
  // its three practices share, so it is not listed as well.
  CHECK(order ==
        std::vector<std::string>{"P1 a-finding 10000", "P1 z-action 6000", "P3 b-finding 15000", "P2 b-finding 11000"});
  CHECK(r.opportunities[0].rank == 1);
  CHECK(r.opportunities[3].rank == 4);
  SUBCASE("the top opportunities reach each practice once") {
    const std::vector<const Opportunity*> top = {&r.opportunities[0], &r.opportunities[1], &r.opportunities[2]};
    const OpportunityReach reach = reach_of(r, top);
    CHECK(reach.practices == 6);  // 1-4, then 7 and 8
    CHECK(reach.patients == 25000);
  }
  SUBCASE("an action reaching the same number ranks before a finding") {
    ThematicInput tie = in;
    for (int i : {4, 5}) tie.current[static_cast<std::size_t>(i)].actions.push_back({"a-action", "Another action"});
    std::vector<std::string> p2;
    for (const auto& o : build_thematic(tie, {2}).opportunities)
      if (o.area_code == "P2") p2.push_back(o.id);
    // a-action covers both of P2's b-finding practices: the finding is answered.
    CHECK(p2 == std::vector<std::string>{"a-action"});
  }
  SUBCASE("by sub-ICB: the area is the sub-ICB") {
    const ThematicReport s = build_thematic(in, {.cluster_min_practices = 3, .by_sub_icb = true});
    std::vector<std::string> areas;
    for (const auto& o : s.opportunities)
      areas.push_back(o.area_code + " " + o.id + " " + std::to_string(o.ods.size()));
    // Sub-ICB 01 is practices 1-6: b-finding in five of them.
    CHECK(areas == std::vector<std::string>{"01 b-finding 5", "01 a-finding 4", "01 z-action 3"});
  }
}

TEST_CASE("change since last quarter: new, persisting and resolved add up") {
  const ThematicReport r = two_quarters();
  const SharedItem& phones = item(r.findings, "phones");
  REQUIRE(phones.change);
  CHECK(phones.change->previous == 3);
  CHECK(phones.change->persisting == 2);  // 1, 2
  CHECK(phones.change->added == 2);       // 3, 5
  CHECK(phones.change->resolved == 1);    // 7
  const SharedItem& lead = item(r.findings, "leadership");
  CHECK(lead.practices == 0);
  CHECK(lead.change->resolved == 1);

  int resolved_phones = 0;
  for (const auto& c : r.changes)
    if (c.id == "phones" && c.status == ChangeStatus::kResolved) {
      ++resolved_phones;
      CHECK(c.ods == "A00007");
    }
  CHECK(resolved_phones == 1);
  CHECK(r.practices[2].new_items == 1);       // phones
  CHECK(r.practices[3].new_items == 1);       // telephony
  CHECK(r.practices[6].resolved_items == 1);  // phones
}

TEST_CASE("support levels: counts and the from -> to matrix") {
  const ThematicReport r = two_quarters();
  CHECK(r.level_counts == std::vector<int>{1, 1, 0, 6, 0});
  REQUIRE(r.previous_level_counts);
  CHECK(*r.previous_level_counts == std::vector<int>{0, 0, 1, 7, 0});
  REQUIRE(r.movements);
  CHECK(r.movements->counts[2][1] == 1);  // Improve -> Stabilise
  CHECK(r.movements->counts[3][0] == 1);  // Sustain -> Manage
  CHECK(r.movements->counts[3][3] == 6);
  CHECK(r.movements->total == 8);
  CHECK(r.practices[0].rag == "Amber");
  CHECK(r.practices[7].rag == "Red");
}

TEST_CASE("without a previous quarter no change is invented") {
  ThematicInput in;
  in.quarter = *Period::parse("2025-Q1");
  in.current = cohort();
  in.current[0].findings.push_back(kPhones);
  const ThematicReport r = build_thematic(in, {3});
  CHECK_FALSE(r.previous_quarter);
  CHECK_FALSE(r.movements);
  CHECK_FALSE(r.previous_level_counts);
  CHECK_FALSE(item(r.findings, "phones").change);
  CHECK(r.changes.empty());
  CHECK_FALSE(r.practices[0].previous_level);
}

TEST_CASE("maturity: practices at each level of each domain") {
  ThematicInput in;
  in.quarter = *Period::parse("2025-Q4");
  in.current = cohort();
  in.themes = {{"workforce", "Workforce", {"Recruitment", "Wellbeing"}}};
  in.current[0].maturity["workforce"] = {'A', 'B'};
  in.current[1].maturity["workforce"] = {'A', ' '};
  in.current[2].maturity["workforce"] = {'D'};
  const ThematicReport r = build_thematic(in, {3});
  REQUIRE(r.maturity.size() == 2);
  CHECK(r.maturity[0].at == std::array<int, 4>{2, 0, 0, 1});
  CHECK(r.maturity[0].assessed == 3);
  CHECK(r.maturity[1].at == std::array<int, 4>{0, 1, 0, 0});
  CHECK(r.maturity[1].domain_title == "Wellbeing");
}

TEST_CASE("outcomes: supported practices re-inspected after their support began") {
  auto before = cohort();
  auto now = cohort();
  for (auto* list : {&before, &now}) {
    for (int i : {0, 1, 2}) {
      (*list)[static_cast<std::size_t>(i)].supported = true;
      (*list)[static_cast<std::size_t>(i)].supported_since = "2025-02-01";
    }
  }
  before[0].cqc_overall = "Inadequate";
  before[0].cqc_inspected_on = "2024-06-01";
  now[0].cqc_overall = "Good";
  now[0].cqc_inspected_on = "2025-11-01";  // re-inspected: Inadequate -> Good
  now[1].cqc_overall = "Requires improvement";
  now[1].cqc_inspected_on = "2025-10-01";  // re-inspected, earlier rating not in the data
  now[2].cqc_overall = "Good";
  now[2].cqc_inspected_on = "2024-01-01";  // before support: not an outcome
  now[3].cqc_overall = "Good";
  now[3].cqc_inspected_on = "2025-12-01";  // not supported
  ThematicInput in;
  in.quarter = *Period::parse("2025-Q4");
  in.current = now;
  in.previous = before;
  const ThematicReport r = build_thematic(in, {3});
  CHECK(r.outcomes.supported == 3);
  CHECK(r.outcomes.reinspected == 2);
  CHECK(r.outcomes.ratings.counts[3][1] == 1);  // Inadequate -> Good
  CHECK(r.outcomes.ratings.counts[4][2] == 1);  // Not known -> Requires improvement
  CHECK(r.outcomes.ratings.column_totals[1] == 1);
}

TEST_CASE("the wider variant hides small counts consistently across tables") {
  const ThematicReport r = two_quarters();
  const DisclosedCounts d = disclose(r, 5);
  CHECK(d.hidden("level/now/0"));  // 1 Manage
  CHECK(d.hidden("item/finding/phones/now"));
  CHECK(d.hidden("item/finding/phones/sub/01"));
  CHECK_FALSE(d.hidden("item/finding/phones/sub/02"));  // 0 is shown
  CHECK(d.hidden("opportunity/P1/finding/phones"));
  CHECK(d.hidden("opportunity/P1/finding/phones/level/1"));        // one at Stabilise
  CHECK_FALSE(d.hidden("opportunity/P1/finding/phones/level/0"));  // 0 is shown
  // The local office sees the ranking (the action first on equal reach); the
  // wider audience sees hidden opportunities by area, kind and id instead, so
  // their places say nothing about their counts.
  auto ids = [](const std::vector<const Opportunity*>& list) {
    std::vector<std::string> out;
    for (const auto* o : list) out.push_back(o->id);
    return out;
  };
  CHECK(ids(opportunities_in_order(r, Audience::kLocalOffice, d)) ==
        std::vector<std::string>{"cloud-telephony", "phones"});
  CHECK(ids(opportunities_in_order(r, Audience::kWider, d)) == std::vector<std::string>{"phones", "cloud-telephony"});
  CHECK_FALSE(d.hidden("cohort"));  // 8
  // Sustain 6 is shown; with Manage 1 and Stabilise 1 hidden and the rest 0,
  // cohort - Sustain = 2 is all a reader learns: two hidden cells.
  CHECK(d.secondary > 0);
  CHECK(d.state("no/such/key") == Suppression::kShown);
}

TEST_CASE("quarters: only YYYY-Qn with n from 1 to 4") {
  CHECK(parse_quarter("2025-Q4"));
  CHECK_FALSE(parse_quarter("2025-Q5"));
  CHECK_FALSE(parse_quarter("2025-Q0"));
  CHECK_FALSE(parse_quarter("2025-12"));
  CHECK_FALSE(parse_quarter("2025-26"));
  CHECK_FALSE(parse_quarter("Q4 2025"));
  CHECK(previous_quarter(*parse_quarter("2025-Q1")).str() == "2024-Q4");
  CHECK(quarter_last_day(*parse_quarter("2025-Q2")) == "2025-06-30");
  CHECK(bad_quarter_message("2025-Q5") ==
        "--quarter '2025-Q5' is not a quarter: expected YYYY-Qn with n from 1 to 4, e.g. 2025-Q4");
}

namespace {

struct Built {
  test::TempDir dir;
  fs::path folder() const { return dir.path() / "private/thematic/2025-Q4"; }
};

void build_fixture(const fs::path& project, const std::string& quarter = "", const std::string& audience = "") {
  BuildOptions o;
  o.project = project;
  o.what = {"thematic"};
  o.quarter = quarter;
  o.audience = audience;
  build(o);
}

std::string run_gpress(const std::string& args, int& code) {
  const std::string cmd = std::string(GPRESS_EXE) + " " + args + " 2>&1";
  std::string out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = ::pclose(pipe);
  code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace

TEST_CASE("the fixture builds both audiences for the latest quarter, byte-identical twice") {
  Built b;
  test::copy_project(test::fixture("thematic-basic"), b.dir.path());
  build_fixture(b.dir.path());
  const auto first = test::read_tree(b.folder());
  CHECK(first.size() == 4);
  for (const char* f :
       {"index.html", "wider.html", "thematic-highlights-2025-Q4.xlsx", "thematic-highlights-2025-Q4-wider.xlsx"})
    CHECK_MESSAGE(first.count(f), f);
  build_fixture(b.dir.path());
  CHECK(test::read_tree(b.folder()) == first);

  const std::string page = first.at("index.html");
  CHECK(page.find("Alder Surgery (A00001)") != std::string::npos);
  CHECK(page.find("<svg") != std::string::npos);
  CHECK(page.find("Change is shown against 2025-Q3.") != std::string::npos);
  const std::string wider = first.at("wider.html");
  CHECK(wider.find("Alder") == std::string::npos);
  CHECK(wider.find("A00001") == std::string::npos);
  CHECK(wider.find("[c]") != std::string::npos);
}

TEST_CASE("an earlier quarter keeps the later one's folder - --audience writes one variant") {
  Built b;
  test::copy_project(test::fixture("thematic-basic"), b.dir.path());
  build_fixture(b.dir.path());
  build_fixture(b.dir.path(), "2025-Q3", "wider");
  CHECK(fs::exists(b.folder() / "index.html"));
  const fs::path q3 = b.dir.path() / "private/thematic/2025-Q3";
  CHECK(fs::exists(q3 / "wider.html"));
  CHECK(fs::exists(q3 / "thematic-highlights-2025-Q3-wider.xlsx"));
  CHECK_FALSE(fs::exists(q3 / "index.html"));
  CHECK(test::slurp(q3 / "wider.html").find("Change is shown against 2025-Q2.") != std::string::npos);

  // The fixture's oldest row is a CQC inspection on 2024-01-10: 2024-Q1 has
  // data, 2023-Q4 has none, so 2024-Q1 shows no change.
  build_fixture(b.dir.path(), "2024-Q1");
  const std::string first = test::slurp(b.dir.path() / "private/thematic/2024-Q1/index.html");
  CHECK(first.find("No previous quarter in the data: change not shown.") != std::string::npos);
  CHECK(first.find("Last quarter") == std::string::npos);
}

TEST_CASE("bad quarters are refused with the valid form, and nothing is written") {
  test::TempDir dir;
  test::copy_project(test::fixture("thematic-basic"), dir.path());
  int code = 0;
  std::string out = run_gpress("build thematic --quarter 2025-Q5 --project " + dir.path().string(), code);
  CHECK(code == 2);
  CHECK(out.find("expected YYYY-Qn with n from 1 to 4") != std::string::npos);

  out = run_gpress("build thematic --quarter 2026-Q2 --project " + dir.path().string(), code);
  CHECK(code == 1);
  CHECK(out.find("error: no data for 2026-Q2: the latest quarter in the data is 2025-Q4") != std::string::npos);

  out = run_gpress("build thematic --quarter 2019-Q1 --project " + dir.path().string(), code);
  CHECK(code == 1);
  CHECK(out.find("error: no data for 2019-Q1: nothing in data/ is dated on or before 2019-03-31") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "private/thematic"));

  out = run_gpress("build thematic --audience everyone --project " + dir.path().string(), code);
  CHECK(code == 2);
}

TEST_CASE("indicators worse than England and getting worse are counted, practice by practice") {
  // Cervical screening, five financial years of 100 women each: A00001
  // falls 80, 75, 70, 65, 60 (chi-squared for trend 12.0, above 9.55) to
  // 60% against England's (60 + 60 + 10 × 85) / 1,200 = 80.8%; A00002 stays
  // at 60%, as far below England but with no significant change; the rest
  // stay at 85%.
  Built b;
  test::copy_project(test::fixture("thematic-basic"), b.dir.path());
  const fs::path data = b.dir.path() / "data";
  std::string indicators = test::slurp(data / "indicators.csv");
  indicators += "screening,Cervical screening coverage,efficiency,,percent,higher-is-better,qof,Women screened.\n";
  test::put(data / "indicators.csv", indicators);
  std::string values = test::slurp(data / "values.csv");
  const char* years[] = {"2020-21", "2021-22", "2022-23", "2023-24", "2024-25"};
  for (int p = 1; p <= 12; ++p)
    for (int y = 0; y < 5; ++y) {
      const int n = p == 1 ? 80 - 5 * y : p == 2 ? 60 : 85;
      values += fmt::format("A{:05},screening,{},{},{},100\n", p, years[y], n, n);
    }
  test::put(data / "values.csv", values);
  build_fixture(b.dir.path());
  // One practice, A00001: the findings table's first count.
  const std::string page = test::slurp(b.folder() / "index.html");
  CHECK(page.find("<th scope=\"row\">Cervical screening coverage worse than England and getting worse</th>"
                  "<td class=\"thematic-num\">1</td>") != std::string::npos);
}
