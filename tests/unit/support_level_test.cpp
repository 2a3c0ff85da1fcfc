// Support levels: each rule of [support], in order, with the reasons a reader
// sees, and the support team's override.
#include <doctest/doctest.h>

#include "analyse/support_level.hpp"
#include "options_fixture.hpp"

using namespace gpress;

namespace {

RiskProfile risk_with(std::initializer_list<int> met, const RiskConfig& config = {}) {
  RiskProfile r;
  r.ods_code = "P00001";
  for (int n = 1; n <= 16; ++n) r.criteria[static_cast<std::size_t>(n - 1)].criterion = n;
  for (int n : met) {
    r.criteria[static_cast<std::size_t>(n - 1)].judgement = Judgement::kMet;
    r.score += config.weights[static_cast<std::size_t>(n - 1)];
    ++r.criteria_met;
  }
  return r;
}

struct Assessed {
  std::vector<MaturityRating> maturity;
  std::vector<Team360Score> team360;
  std::vector<const MaturityRating*> m;
  std::vector<const Team360Score*> t;
  Assessed(std::string levels, std::vector<double> scores) {
    for (std::size_t i = 0; i < levels.size(); ++i)
      maturity.push_back(test::rating("P00001", "beta", static_cast<int>(i + 1), levels[i]));
    for (double s : scores) team360.push_back(test::score("P00001", "workload", s));
    for (const auto& x : maturity) m.push_back(&x);
    for (const auto& x : team360) t.push_back(&x);
  }
};

SupportDecision decide(const RiskProfile& r, const Assessed& a, const SupportOverride* o = nullptr,
                       const SupportConfig& config = {}) {
  return decide_support(r, a.m, a.t, o, config);
}

}  // namespace

TEST_CASE("Manage when CQC overall is Inadequate") {
  const auto d = decide(risk_with({1}), Assessed("CC", {4.0}));
  CHECK(d.level == SupportLevel::kManage);
  CHECK(d.reasons == std::vector<std::string>{"Criterion 1 (CQC rating – inadequate) is met"});
  CHECK_FALSE(d.overridden);
}

TEST_CASE("Manage when the score is high and leadership issues are met - not without them") {
  // 2 (3) + 8 (3) + 13 (3) + 3 (2) + 9 (2) = 13
  const auto d = decide(risk_with({2, 3, 8, 9, 13}), Assessed("CC", {4.0}));
  CHECK(d.level == SupportLevel::kManage);
  CHECK(d.reasons ==
        std::vector<std::string>{"Risk score 13 is at least 12 and criterion 8 (Practice leadership issues (partner "
                                 "relationships)) is met"});
  SUBCASE("the same score without criterion 8 is Stabilise") {
    // 2 (3) + 13 (3) + 3 (2) + 9 (2) + 4 (2) = 12
    const auto s = decide(risk_with({2, 3, 4, 9, 13}), Assessed("CC", {4.0}));
    CHECK(s.level == SupportLevel::kStabilise);
  }
  SUBCASE("criterion 8 with a score below 12 is not Manage") {
    CHECK(decide(risk_with({8, 2}), Assessed("CC", {4.0})).level == SupportLevel::kImprove);
  }
}

TEST_CASE("Stabilise when vacancies or list closure are met") {
  const auto d = decide(risk_with({5}), Assessed("CC", {4.0}));
  CHECK(d.level == SupportLevel::kStabilise);
  CHECK(d.reasons == std::vector<std::string>{"Criterion 5 (Vacancies (including long-term illness)) is met"});
  CHECK(decide(risk_with({13}), Assessed("CC", {4.0})).level == SupportLevel::kStabilise);
  SUBCASE("criterion 4 alone adds to the score but does not decide") {
    CHECK(decide(risk_with({4}), Assessed("CC", {4.0})).level == SupportLevel::kImprove);
  }
}

TEST_CASE("Stabilise when the score reaches stabilise_score") {
  // 2 (3) + 4 (2) + 9 (2) = 7
  const auto d = decide(risk_with({2, 4, 9}), Assessed("CC", {4.0}));
  CHECK(d.level == SupportLevel::kStabilise);
  CHECK(d.reasons == std::vector<std::string>{"Risk score 7 is at least 7"});
}

TEST_CASE("Stabilise when criteria are met but readiness for change is not shown") {
  const auto d = decide(risk_with({15}), Assessed("CC", {2.5}));
  CHECK(d.level == SupportLevel::kStabilise);
  CHECK(d.reasons == std::vector<std::string>{
                         "Criteria are met (risk score 1) but readiness for change is not shown: team 360 mean 2.5 is "
                         "below 3.0; mean maturity level 3.0 (C) is at least B"});
  SUBCASE("low maturity also shows no readiness") {
    CHECK(decide(risk_with({15}), Assessed("AB", {4.0})).level == SupportLevel::kStabilise);
  }
}

TEST_CASE("Improve when criteria are met and the practice is ready") {
  const auto d = decide(risk_with({15, 11}), Assessed("BC", {3.4}));
  CHECK(d.level == SupportLevel::kImprove);
  CHECK(d.reasons == std::vector<std::string>{
                         "Risk score 2 is at least 1, and the practice shows readiness for change: team 360 mean 3.4 "
                         "is at least 3.0; mean maturity level 2.5 (B) is at least B"});
  SUBCASE("no assessments are no evidence against readiness") {
    const auto none = decide(risk_with({15}), Assessed("", {}));
    CHECK(none.level == SupportLevel::kImprove);
    CHECK(none.reasons[0].find("readiness to be confirmed at the diagnostic visit") != std::string::npos);
  }
}

TEST_CASE("Improve with no criterion met when maturity is below sustain_maturity - otherwise Sustain") {
  const auto improve = decide(risk_with({}), Assessed("BB", {4.0}));
  CHECK(improve.level == SupportLevel::kImprove);
  CHECK(improve.reasons ==
        std::vector<std::string>{"No criterion adds to the risk score, but the mean maturity level 2.0 (B) is below C: "
                                 "the operational model can improve"});
  const auto sustain = decide(risk_with({}), Assessed("CD", {4.0}));
  CHECK(sustain.level == SupportLevel::kSustain);
  CHECK(sustain.reasons ==
        std::vector<std::string>{
            "No criterion adds to the risk score and the mean maturity level 3.5 (C) is at least C"});
  const auto unknown = decide(risk_with({}), Assessed("", {}));
  CHECK(unknown.level == SupportLevel::kSustain);
  CHECK(unknown.reasons ==
        std::vector<std::string>{"No criterion adds to the risk score (no maturity self-assessment yet)"});
}

TEST_CASE("the override wins, is shown as the support team's, and keeps what the rules gave") {
  SupportOverride o;
  o.set_on = "2025-03-04";
  o.level = SupportLevel::kSustain;
  o.reason = "Re-inspection rated the practice Good";
  const auto d = decide(risk_with({1}), Assessed("AA", {2.0}), &o);
  CHECK(d.overridden);
  CHECK(d.level == SupportLevel::kSustain);
  CHECK(d.reasons ==
        std::vector<std::string>{"Set by the support team on 2025-03-04: Re-inspection rated the practice Good"});
  CHECK(d.rules_level == SupportLevel::kManage);
  CHECK(d.rules_reasons.size() == 1);
}

TEST_CASE("every threshold is a setting") {
  SupportConfig config;
  config.manage_criteria = {};
  config.stabilise_criteria = {1};
  CHECK(decide(risk_with({1}), Assessed("CC", {4.0}), nullptr, config).level == SupportLevel::kStabilise);
  config.improve_score = 3;
  CHECK(decide(risk_with({15}), Assessed("CC", {4.0}), nullptr, config).level == SupportLevel::kSustain);
  config.readiness_team360 = 4.5;
  config.improve_score = 1;
  CHECK(decide(risk_with({15}), Assessed("CC", {4.0}), nullptr, config).level == SupportLevel::kStabilise);
}
