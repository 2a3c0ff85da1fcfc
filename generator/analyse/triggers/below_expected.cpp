// {indicator: ID, below_expected: true}: the practice's QOF register is
// significantly below the prevalence its age profile and deprivation predict
// (docs/expected-prevalence.md): fewer patients on the register than
// practices like it record 95 times in 100, a sign of patients not yet found
// or not coded. Judged on the register's latest period, as the data pack is.
#include <cmath>

#include <fmt/format.h>

#include "analyse/practice_profile.hpp"
#include "analyse/triggers/trigger.hpp"
#include "core/text.hpp"

namespace gpress::triggers {
namespace {

std::string percent(double proportion) { return format_value(100.0 * proportion, Unit::kPercent); }

class BelowExpectedTrigger : public Trigger {
 public:
  BelowExpectedTrigger(SourceLoc loc, const Indicator& ind) : Trigger(std::move(loc)), indicator_(ind) {}

  TriggerResult evaluate(const PracticeFacts& facts) const override {
    const PracticeProfiles& profiles = facts.cohort.profiles();
    const RegisterModel* model = profiles.model(indicator_.id);
    if (!model) return {};
    const auto x = profiles.expected(*model, facts.practice);
    if (!x || x->figures.against != analyse::AgainstExpected::kBelow) return {};
    const analyse::ExpectedPrevalence& e = x->figures;
    return {.held = true,
            .evidence = fmt::format("{} {} in {}, significantly below the {} its age profile and deprivation predict "
                                    "(95% of practices like it: {} to {}): about {} more patients would be expected on "
                                    "the register than the {} on it (source: {})",
                                    indicator_.name, percent(e.recorded), model->period.str(), percent(e.expected),
                                    percent(e.range.lower), percent(e.range.upper),
                                    format_value(std::round(e.gap), Unit::kCount),
                                    format_value(x->on_register, Unit::kCount), indicator_.source),
            .strength = Strength::kSignificant,
            .criterion = indicator_.criterion.value_or(0),
            .dated = period_end_date(model->period)};
  }

  std::string describe() const override {
    return fmt::format("{} significantly below the prevalence its age profile and deprivation predict",
                       indicator_.name);
  }

 private:
  const Indicator& indicator_;
};

std::unique_ptr<Trigger> compile(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags) {
  const std::size_t before = diags.error_count();
  SourceLoc id_at = raw.loc, flag_at = raw.loc;
  field(raw, "indicator", &id_at);
  field(raw, "below_expected", &flag_at);
  const auto id = single(raw, "indicator", diags);
  const auto flag = single(raw, "below_expected", diags);
  if (flag && *flag != "true")
    diags.error(flag_at, fmt::format("'below_expected' takes true, got '{}' (leave the trigger out otherwise)", *flag));
  const Indicator* ind = id ? known_indicator(env, *id, id_at, diags) : nullptr;
  if (ind && !PracticeProfiles::is_register(*ind)) {
    diags.error(id_at, fmt::format("indicator '{}' is not a QOF disease register: below_expected applies to the "
                                   "registers `gpress import qof-prevalence` writes (qof_prevalence_*)",
                                   ind->id));
  }
  if (diags.error_count() != before || !ind) return nullptr;
  return std::make_unique<BelowExpectedTrigger>(raw.loc, *ind);
}

}  // namespace

TriggerKind below_expected_kind() {
  return {"indicator",
          {"indicator", "below_expected"},
          "{indicator: qof_prevalence_dm, below_expected: true}",
          compile,
          "below_expected"};
}

}  // namespace gpress::triggers
