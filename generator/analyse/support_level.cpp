#include "analyse/support_level.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/text.hpp"

namespace gpress {
namespace {

std::string criterion_words(int n) { return fmt::format("criterion {} ({})", n, national_criterion(n).title); }

char level_letter(double mean) {
  const int rounded = static_cast<int>(std::floor(mean + 1e-9));
  return static_cast<char>('A' + std::clamp(rounded, 1, 4) - 1);
}

}  // namespace

std::string maturity_mean_text(double mean) {
  return fmt::format("mean maturity level {:.1f} ({})", mean, level_letter(mean));
}

Readiness assess_readiness(std::span<const MaturityRating* const> maturity,
                           std::span<const Team360Score* const> team360, const SupportConfig& config) {
  Readiness r;
  if (!team360.empty()) {
    double sum = 0;
    for (const auto* s : team360) sum += s->score;
    r.team360_mean = sum / static_cast<double>(team360.size());
    if (*r.team360_mean < config.readiness_team360) {
      r.ready = false;
      r.reasons.push_back(
          fmt::format("team 360 mean {:.1f} is below {:.1f}", *r.team360_mean, config.readiness_team360));
    } else {
      r.reasons.push_back(
          fmt::format("team 360 mean {:.1f} is at least {:.1f}", *r.team360_mean, config.readiness_team360));
    }
  }
  if (!maturity.empty()) {
    double sum = 0;
    for (const auto* m : maturity) sum += maturity_rank(m->level);
    r.maturity_mean = sum / static_cast<double>(maturity.size());
    const int need = maturity_rank(config.readiness_maturity);
    if (*r.maturity_mean < need) {
      r.ready = false;
      r.reasons.push_back(
          fmt::format("{} is below {}", maturity_mean_text(*r.maturity_mean), config.readiness_maturity));
    } else {
      r.reasons.push_back(
          fmt::format("{} is at least {}", maturity_mean_text(*r.maturity_mean), config.readiness_maturity));
    }
  }
  if (team360.empty() && maturity.empty())
    r.reasons.push_back(
        "no team 360 or maturity self-assessment yet: readiness to be confirmed at the diagnostic visit");
  return r;
}

SupportDecision decide_support(const RiskProfile& risk, std::span<const MaturityRating* const> maturity,
                               std::span<const Team360Score* const> team360, const SupportOverride* override_row,
                               const SupportConfig& config) {
  SupportDecision d;
  d.readiness = assess_readiness(maturity, team360, config);
  std::vector<std::string> reasons;
  auto decide = [&](SupportLevel level) {
    d.rules_level = level;
    d.rules_reasons = reasons;
  };

  // Manage: a criterion serious enough on its own, or a high score with a
  // leadership problem, where turnaround needs contract-level attention.
  for (int n : config.manage_criteria)
    if (risk.met(n)) reasons.push_back(fmt::format("{} is met", criterion_words(n)));
  if (risk.score >= config.manage_score) {
    for (int n : config.manage_with_criteria)
      if (risk.met(n))
        reasons.push_back(fmt::format("risk score {} is at least {} and {} is met", risk.score, config.manage_score,
                                      criterion_words(n)));
  }
  if (!reasons.empty()) {
    decide(SupportLevel::kManage);
  } else {
    // Stabilise: capacity or income first, or too much at once, or no sign
    // yet that the practice can take on change.
    for (int n : config.stabilise_criteria)
      if (risk.met(n)) reasons.push_back(fmt::format("{} is met", criterion_words(n)));
    if (risk.score >= config.stabilise_score)
      reasons.push_back(fmt::format("risk score {} is at least {}", risk.score, config.stabilise_score));
    if (risk.score >= config.improve_score && !d.readiness.ready)
      reasons.push_back(fmt::format("criteria are met (risk score {}) but readiness for change is not shown: {}",
                                    risk.score, join(d.readiness.reasons, "; ")));
    if (!reasons.empty()) {
      decide(SupportLevel::kStabilise);
    } else if (risk.score >= config.improve_score) {
      reasons.push_back(fmt::format("risk score {} is at least {}, and the practice shows readiness for change: {}",
                                    risk.score, config.improve_score, join(d.readiness.reasons, "; ")));
      decide(SupportLevel::kImprove);
    } else if (d.readiness.maturity_mean && *d.readiness.maturity_mean < maturity_rank(config.sustain_maturity)) {
      reasons.push_back(
          fmt::format("no criterion adds to the risk score, but the {} is below {}: the operational "
                      "model can improve",
                      maturity_mean_text(*d.readiness.maturity_mean), config.sustain_maturity));
      decide(SupportLevel::kImprove);
    } else {
      reasons.push_back(d.readiness.maturity_mean
                            ? fmt::format("no criterion adds to the risk score and the {} is at least {}",
                                          maturity_mean_text(*d.readiness.maturity_mean), config.sustain_maturity)
                            : std::string("no criterion adds to the risk score (no maturity self-assessment yet)"));
      decide(SupportLevel::kSustain);
    }
  }

  // Reasons are shown as sentences in a list.
  for (auto& r : d.rules_reasons)
    if (!r.empty() && r[0] >= 'a' && r[0] <= 'z') r[0] = static_cast<char>(r[0] - 'a' + 'A');
  d.level = d.rules_level;
  d.reasons = d.rules_reasons;
  if (override_row) {
    d.overridden = true;
    d.level = override_row->level;
    d.reasons = {fmt::format("Set by the support team on {}: {}", override_row->set_on, override_row->reason)};
  }
  return d;
}

}  // namespace gpress
