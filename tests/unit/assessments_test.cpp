// data/assessments/*.csv: what loads, which row is the latest, and each
// broken row reported at its line and column.
#include <doctest/doctest.h>

#include "load/assessments.hpp"
#include "options_fixture.hpp"
#include "test_support.hpp"

using namespace gpress;

namespace {

// `dimensions`: gpress.toml's [team360] dimensions.
Assessments load(const test::TempDir& dir, Diagnostics& diags, const std::vector<std::string>& dimensions = {}) {
  PracticeData data = test::cohort_data();
  return load_assessments(dir.path(), data, test::fixture_themes(), dimensions, diags);
}

std::string rel(const test::TempDir&, const std::string& path) { return path; }

}  // namespace

TEST_CASE("assessments load, and the latest row of each domain, dimension and criterion wins") {
  test::TempDir dir;
  test::put(dir.path() / "data/assessments/maturity.csv",
            "ods_code,assessed_on,theme,domain,level\n"
            "P00001,2025-01-10,beta,1,C\n"
            "P00001,2024-01-10,beta,1,A\n"
            "P00001,2024-01-10,beta,2,B\n");
  test::put(dir.path() / "data/assessments/team360.csv",
            "dimension,score,ods_code,assessed_on\n"  // columns in any order
            "workload,2.4,P00001,2025-02-01\n"
            "workload,3.9,P00001,2024-02-01\n");
  test::put(dir.path() / "data/assessments/intelligence.csv",
            "ods_code,recorded_on,criterion,flag,note\n"
            "P00001,2025-01-10,8,yes,\"Partners disagree, again\"\n");
  test::put(dir.path() / "data/assessments/overrides.csv",
            "ods_code,set_on,level,reason\n"
            "P00001,2025-01-01,manage,First decision\n"
            "P00001,2025-03-01,Sustain,Second decision\n");
  Diagnostics diags;
  const Assessments a = load(dir, diags);
  CHECK(diags.str() == "");
  const auto m = a.latest_maturity("P00001");
  REQUIRE(m.size() == 2);
  CHECK(m[0]->level == 'C');
  CHECK(m[1]->level == 'B');
  const auto t = a.latest_team360("P00001");
  REQUIRE(t.size() == 1);
  CHECK(t[0]->score == 2.4);
  CHECK(a.latest_flag("P00001", 8)->note == "Partners disagree, again");
  CHECK(a.latest_flag("P00001", 9) == nullptr);
  CHECK(a.override_of("P00001")->level == SupportLevel::kSustain);
  CHECK(a.override_of("P00002") == nullptr);
}

TEST_CASE("no assessments folder is an empty set, not an error") {
  test::TempDir dir;
  Diagnostics diags;
  const Assessments a = load(dir, diags);
  CHECK(diags.str() == "");
  CHECK(a.maturity.empty());
}

TEST_CASE("broken assessment rows are reported at their line and column, all in one run") {
  test::TempDir dir;
  test::put(dir.path() / "data/assessments/maturity.csv",
            "ods_code,assessed_on,theme,domain,level\n"
            "P00001,2025-01-10,betta,1,A\n"
            "P00001,2025-01-10,beta,3,A\n"
            "P00001,2025-01-10,beta,1,E\n"
            "P00009,2025-13-01,alpha,1,A\n"
            "P00002,2025-01-10,alpha,1,B\n"
            "P00002,2025-01-10,alpha,1,C\n");
  test::put(dir.path() / "data/assessments/team360.csv",
            "ods_code,assessed_on,dimension,score\n"
            "P00001,2025-01-10,workload,6\n"
            "P00001,2025-01-10,,3\n"
            "P00001,2025-01-10,teamwork,high\n");
  test::put(dir.path() / "data/assessments/intelligence.csv",
            "ods_code,recorded_on,criterion,flag,note\n"
            "P00001,2025-01-10,17,yes,x\n"
            "P00001,2025-01-10,1,yes,x\n"
            "P00001,2025-01-10,8,maybe,x\n");
  test::put(dir.path() / "data/assessments/overrides.csv",
            "ods_code,set_on,level,reason\n"
            "P00001,2025-01-10,Rescue,\n");
  Diagnostics diags;
  const Assessments a = load(dir, diags);
  const std::string m = rel(dir, "data/assessments/maturity.csv");
  const std::string t = rel(dir, "data/assessments/team360.csv");
  const std::string i = rel(dir, "data/assessments/intelligence.csv");
  const std::string o = rel(dir, "data/assessments/overrides.csv");
  CHECK(diags.str() ==
        i + ":2:19: error: unknown criterion '17' (expected a national criterion number from 3 to 16)\n" + i +
            ":3:19: error: criterion 1 comes from CQC ratings (data/cqc.csv), not from local intelligence\n" + i +
            ":4:21: error: flag 'maybe' must be yes or no\n" + m +
            ":2:19: error: unknown theme 'betta' (did you mean 'beta'?)\n" + m +
            ":3:24: error: domain 3 is out of range: theme 'beta' has domains 1-2\n" + m +
            ":4:26: error: level 'E' is not a maturity level (expected A, B, C or D)\n" + m +
            ":5:1: error: unknown practice 'P00009' (not in " + rel(dir, "data/practices.csv") + ")\n" + m +
            ":5:8: error: bad assessment date '2025-13-01' (expected a date YYYY-MM-DD)\n" + m +
            ":7:1: error: P00002 already has a level for alpha domain 1 on 2025-01-10 (line 6)\n" + o +
            ":2:19: error: unknown support level 'Rescue' (expected one of: Manage, Stabilise, Improve, Sustain)\n" +
            o + ":2:26: error: missing reason (say why the support team set this level; the report shows it)\n" + t +
            ":2:28: error: score 6 is outside 1-5 (the mean of answers on a 1-5 scale)\n" + t +
            ":3:19: error: missing dimension (the team 360 tool's name for it, e.g. leadership)\n" + t +
            ":4:28: error: score 'high' is not a number (expected 1-5, e.g. 3.4)\n");
  CHECK(a.maturity.size() == 1);  // only the good P00002 row
}

TEST_CASE("team 360 dimensions are those the assessments name, in the order first seen, whatever their case") {
  test::TempDir dir;
  test::put(dir.path() / "data/assessments/team360.csv",
            "ods_code,assessed_on,dimension,score\n"
            "P00002,2025-01-10,Psychological safety,2.5\n"
            "P00001,2024-01-10,workload,3.9\n"
            "P00001,2025-01-10,WORKLOAD,2.4\n"
            "P00001,2025-01-10,psychological safety,4.1\n"
            "P00001,2025-01-10,Workload,2.0\n");
  Diagnostics diags;
  const Assessments a = load(dir, diags);
  // "Workload" on the same day is the same dimension scored twice.
  CHECK(diags.str() ==
        "data/assessments/team360.csv:6:1: error: P00001 already has a Workload score on 2025-01-10 "
        "(line 4)\n");
  CHECK(a.team360_dimensions == std::vector<std::string>{"Psychological safety", "workload"});
  const auto t = a.latest_team360("P00001");
  REQUIRE(t.size() == 2);
  CHECK(t[0]->dimension == "Psychological safety");  // the first spelling, in the first dimension's place
  CHECK(t[0]->score == 4.1);
  CHECK(t[1]->dimension == "workload");
  CHECK(t[1]->score == 2.4);  // 2025's WORKLOAD replaces 2024's workload
  CHECK(a.team360_dimension("PSYCHOLOGICAL SAFETY") == 0u);
  CHECK_FALSE(a.team360_dimension("morale"));
}

TEST_CASE("team 360 dimensions listed in gpress.toml give the order and spelling, and no row may name another") {
  test::TempDir dir;
  test::put(dir.path() / "data/assessments/team360.csv",
            "ods_code,assessed_on,dimension,score\n"
            "P00001,2025-01-10,workload,2.4\n"
            "P00001,2025-01-10,leadership,3.1\n"
            "P00001,2025-01-10,Leadersip,3.1\n");
  Diagnostics diags;
  const Assessments a = load(dir, diags, {"Leadership", "Wellbeing", "Workload"});
  CHECK(diags.str() ==
        "data/assessments/team360.csv:4:19: error: unknown team 360 dimension 'Leadersip': "
        "gpress.toml's [team360] dimensions does not list it (did you mean 'Leadership'?)\n");
  CHECK(a.team360_dimensions == std::vector<std::string>{"Leadership", "Wellbeing", "Workload"});
  const auto t = a.latest_team360("P00001");
  REQUIRE(t.size() == 2);
  CHECK(t[0]->dimension == "Leadership");
  CHECK(t[1]->dimension == "Workload");
}
