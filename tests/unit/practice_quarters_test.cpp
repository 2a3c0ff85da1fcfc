// Each practice as it stood at a quarter's end (analyse/practice_quarters):
// the thematic-basic fixture's two quarters, where rows dated in the second
// must not move a practice in the first.
#include <doctest/doctest.h>

#include <algorithm>

#include "analyse/practice_quarters.hpp"
#include "project.hpp"
#include "test_support.hpp"

using namespace gpress;

namespace {

Project fixture_project() {
  Diagnostics diags;
  Project p = load_project(test::fixture("thematic-basic"), 1, true, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), diags.str());
  return p;
}

const PracticeQuarter& find(const std::vector<PracticeQuarter>& quarter, const std::string& ods) {
  const auto it = std::find_if(quarter.begin(), quarter.end(), [&](const PracticeQuarter& q) { return q.ods == ods; });
  REQUIRE_MESSAGE(it != quarter.end(), ods);
  return *it;
}

bool has_finding(const PracticeQuarter& q, const std::string& key) {
  return std::any_of(q.findings.begin(), q.findings.end(), [&](const ThematicItem& f) { return f.id == key; });
}

bool met(const PracticeQuarter& q, int criterion) {
  return std::find(q.criteria_met.begin(), q.criteria_met.end(), criterion) != q.criteria_met.end();
}

}  // namespace

TEST_CASE("a practice's quarter sees only what was dated by the quarter's end") {
  const Project project = fixture_project();
  const auto q3 = practice_quarters(project, project.assessments, *Period::parse("2025-Q3"), 1);
  const auto q4 = practice_quarters(project, project.assessments, *Period::parse("2025-Q4"), 2);
  REQUIRE(q3.size() == q4.size());

  // A00007's flag on criterion 8 is recorded on 2025-11-01: in Q4, not Q3.
  CHECK_FALSE(met(find(q3, "A00007"), 8));
  CHECK(met(find(q4, "A00007"), 8));
  CHECK(has_finding(find(q4, "A00007"), "intelligence-8"));
  CHECK_FALSE(has_finding(find(q3, "A00007"), "intelligence-8"));
  // A00006's flag of 2025-08-01 is seen in both.
  CHECK(met(find(q3, "A00006"), 8));
  CHECK(met(find(q4, "A00006"), 8));

  // A00005 was inspected on 2025-11-20: Q3 has no rating for it yet.
  CHECK_FALSE(find(q3, "A00005").cqc_overall);
  REQUIRE(find(q4, "A00005").cqc_overall);
  CHECK(*find(q4, "A00005").cqc_overall == "Good");
}

TEST_CASE("a practice's quarter: the findings behind its criteria, the actions, maturity and support") {
  const Project project = fixture_project();
  const auto q3 = practice_quarters(project, project.assessments, *Period::parse("2025-Q3"), 1);
  const PracticeQuarter& alder = find(q3, "A00001");
  CHECK(alder.name == "Alder Surgery");
  CHECK(alder.pcn_code == "U00001");
  CHECK(alder.sub_icb_name == "Sub-ICB West");
  // QOF achievement 85 is below the [risk] threshold of 90: criterion 11,
  // named as the threshold says, and the QOF support action recommended.
  CHECK(met(alder, 11));
  REQUIRE(has_finding(alder, "indicator-qof_achievement"));
  const auto finding = std::find_if(alder.findings.begin(), alder.findings.end(),
                                    [](const ThematicItem& f) { return f.id == "indicator-qof_achievement"; });
  CHECK(finding->label == "QOF achievement below 90");
  CHECK(std::any_of(alder.actions.begin(), alder.actions.end(),
                    [](const ThematicItem& a) { return a.id == "qof-support"; }));
  // Maturity: one letter per domain of each theme.
  CHECK(alder.maturity.at("alpha") == std::vector<char>{'A'});
  CHECK(alder.maturity.at("beta") == std::vector<char>{'B', 'B'});
  // Supported since its first assessment.
  CHECK(alder.supported);
  CHECK(alder.supported_since == std::optional<std::string>("2025-07-10"));
  // A00003's 93 meets the threshold.
  CHECK_FALSE(met(find(q3, "A00003"), 11));
}
