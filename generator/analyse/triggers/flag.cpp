// {flag: N}: the latest local intelligence flag on national criterion N is
// yes. A later "no" clears an earlier "yes": intelligence is a running log.
#include <fmt/format.h>

#include "analyse/triggers/trigger.hpp"
#include "core/text.hpp"
#include "load/assessments.hpp"

namespace gpress::triggers {
namespace {

class FlagTrigger : public Trigger {
 public:
  FlagTrigger(SourceLoc loc, int criterion) : Trigger(std::move(loc)), criterion_(criterion) {}

  TriggerResult evaluate(const PracticeFacts& facts) const override {
    const IntelligenceFlag* f = facts.assessments.latest_flag(facts.ods(), criterion_);
    if (!f || !f->flag) return {};
    std::string text = fmt::format("Local intelligence on criterion {} ({}), recorded {}", criterion_,
                                   national_criterion(criterion_).title, f->recorded_on);
    if (!f->note.empty()) text += ": " + f->note;
    return {.held = true,
            .evidence = std::move(text),
            .strength = Strength::kSignificant,
            .criterion = criterion_,
            .dated = f->recorded_on};
  }

  std::string describe() const override {
    return fmt::format("Local intelligence flag on criterion {} ({})", criterion_,
                       national_criterion(criterion_).title);
  }

 private:
  int criterion_;
};

std::unique_ptr<Trigger> compile(const RawTrigger& raw, const TriggerEnv&, Diagnostics& diags) {
  SourceLoc at = raw.loc;
  field(raw, "flag", &at);
  const auto text = single(raw, "flag", diags);
  if (!text) return nullptr;
  int n = 0;
  for (char c : *text) n = (c >= '0' && c <= '9' && n < 1000) ? n * 10 + (c - '0') : 100000;
  if (text->empty()) n = 100000;
  if (n == 1 || n == 2) {
    diags.error(at, fmt::format("criterion {} comes from CQC ratings; use {{cqc: overall, in: [{}]}}", n,
                                n == 1 ? "Inadequate" : "Requires improvement"));
    return nullptr;
  }
  if (n < kFirstFlagCriterion || n > kLastCriterion) {
    diags.error(at, fmt::format("unknown criterion '{}' (expected a national criterion number from {} to {})", *text,
                                kFirstFlagCriterion, kLastCriterion));
    return nullptr;
  }
  return std::make_unique<FlagTrigger>(raw.loc, n);
}

}  // namespace

TriggerKind flag_kind() { return {"flag", {"flag"}, "{flag: 8}", compile}; }

}  // namespace gpress::triggers
