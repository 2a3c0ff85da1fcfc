// {team360: DIMENSION, below: N}: the practice's latest team 360 score on the
// dimension is below N (scores are 1-5, the mean of the team's answers). The
// dimension is one the team 360 assessments name or gpress.toml lists,
// whatever its case.
#include <algorithm>

#include <fmt/format.h>

#include "analyse/triggers/trigger.hpp"
#include "core/text.hpp"
#include "load/practice_data.hpp"

namespace gpress::triggers {
namespace {

std::string score_text(double v) { return fmt::format("{:.1f}", v); }

class Team360Trigger : public Trigger {
 public:
  Team360Trigger(SourceLoc loc, std::string dimension, double below)
      : Trigger(std::move(loc)), dimension_(std::move(dimension)), below_(below) {}

  TriggerResult evaluate(const PracticeFacts& facts) const override {
    for (const Team360Score* s : facts.assessments.latest_team360(facts.ods())) {
      if (s->dimension != dimension_ || !(s->score < below_)) continue;
      return {true,
              fmt::format("Team 360 {} scored {} of 5 on {}, below {}", dimension_, score_text(s->score),
                          s->assessed_on, score_text(below_)),
              Strength::kThreshold, 0, s->assessed_on};
    }
    return {};
  }

  std::string describe() const override { return fmt::format("Team 360 {} below {}", dimension_, score_text(below_)); }

 private:
  std::string dimension_;
  double below_;
};

std::unique_ptr<Trigger> compile(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags) {
  const std::size_t before = diags.error_count();
  SourceLoc at = raw.loc;
  field(raw, "team360", &at);
  auto dim = single(raw, "team360", diags);
  // Named as the assessments or gpress.toml spell it, whatever the case here.
  const auto& dims = env.team360_dimensions;
  const auto known =
      dim ? std::find_if(dims.begin(), dims.end(), [&](const std::string& d) { return equals_ignoring_case(d, *dim); })
          : dims.end();
  if (known != dims.end()) {
    dim = *known;
  } else if (dim && dims.empty()) {
    diags.error(at, fmt::format("unknown team 360 dimension '{}': no practice has a team 360 assessment yet; list "
                                "the tool's dimensions in gpress.toml ([team360] dimensions)",
                                *dim));
  } else if (dim) {
    std::string msg = fmt::format("unknown team 360 dimension '{}'", *dim);
    if (auto near = closest_match(*dim, dims)) msg += fmt::format(" (did you mean '{}'?)", *near);
    else msg += fmt::format(" (the assessments and gpress.toml name: {})", join(dims));
    diags.error(at, msg);
  }
  double below = 0;
  SourceLoc below_at = raw.loc;
  if (!field(raw, "below", &below_at)) {
    diags.error(raw.loc, "a team360 trigger needs 'below', a score 1-5, e.g. {team360: workload, below: 3}");
  } else if (auto b = single(raw, "below", diags)) {
    auto n = parse_number(*b);
    if (!n || *n < 1 || *n > 5) diags.error(below_at, fmt::format("score '{}' is outside 1-5", *b));
    else below = *n;
  }
  if (diags.error_count() != before || !dim) return nullptr;
  return std::make_unique<Team360Trigger>(raw.loc, *dim, below);
}

}  // namespace

TriggerKind team360_kind() { return {"team360", {"team360", "below"}, "{team360: workload, below: 3}", compile}; }

}  // namespace gpress::triggers
