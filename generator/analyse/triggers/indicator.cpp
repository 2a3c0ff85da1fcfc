// {indicator: ID, worse_than: LEVEL} | {indicator: ID, better_than: LEVEL}
// | {indicator: ID, below: N} | {indicator: ID, above: N}
//
// Judged on the indicator's latest period, the one the data pack leads with,
// so the report and the pack never disagree about where a practice stands.
#include <fmt/format.h>

#include "analyse/triggers/trigger.hpp"
#include "core/input_text.hpp"
#include "core/text.hpp"
#include "load/practice_data.hpp"

namespace gpress::triggers {
namespace {

class IndicatorTrigger : public Trigger {
 public:
  enum class Test { kWorseThan, kBetterThan, kBelow, kAbove };
  IndicatorTrigger(SourceLoc loc, const Indicator& ind, Test test, analyse::Level level, std::string level_name,
                   double bound)
      : Trigger(std::move(loc)),
        indicator_(ind),
        test_(test),
        level_(level),
        level_name_(std::move(level_name)),
        bound_(bound) {}

  // The criterion and date are the indicator's, whichever test held.
  TriggerResult evaluate(const PracticeFacts& facts) const override {
    const IndicatorFacts* latest = facts.cohort.latest(indicator_.id);
    const auto* pc = facts.cohort.comparison(indicator_.id, facts.practice);
    if (!latest || !pc || !pc->value) return {};
    TriggerResult held = judge(facts, *latest, *pc);
    if (held.held) {
      held.criterion = indicator_.criterion.value_or(0);
      held.dated = period_end_date(latest->period);
    }
    return held;
  }

  std::string describe() const override {
    switch (test_) {
      case Test::kWorseThan: return fmt::format("{} worse than {}", indicator_.name, level_name_);
      case Test::kBetterThan: return fmt::format("{} better than {}", indicator_.name, level_name_);
      case Test::kBelow: return fmt::format("{} below {}", indicator_.name, format_value(bound_, indicator_.unit));
      case Test::kAbove: return fmt::format("{} above {}", indicator_.name, format_value(bound_, indicator_.unit));
    }
    return {};
  }

 private:
  // Significantly worse (or better) than the comparator; for values without a
  // confidence interval, the worst (or best) quarter stands in, as in the
  // risk profile.
  TriggerResult compared(const PracticeFacts& facts, const IndicatorFacts& latest,
                         const analyse::PracticeComparison& pc, bool worse) const {
    const std::string value = format_value(*pc.value, indicator_.unit);
    const std::string period = latest.period.str();
    const auto wanted = worse ? analyse::Significance::kWorse : analyse::Significance::kBetter;
    if (pc.against(level_) == wanted) {
      const auto cmp = facts.cohort.comparator(indicator_.id, facts.practice, level_);
      return {true,
              fmt::format("{} {} in {}, significantly {} than {}{} (source: {})", indicator_.name, value, period,
                          worse ? "worse" : "better", level_name_, cmp ? " " + format_value(*cmp, indicator_.unit) : "",
                          indicator_.source),
              Strength::kSignificant,
              0,
              {}};
    }
    const auto in_quarter = worse ? worst_quarter(facts.cohort, indicator_, facts.practice, level_)
                                  : best_quarter(facts.cohort, indicator_, facts.practice, level_);
    if (!in_quarter.value_or(false)) return {};
    const auto* group = latest.comparison.group_for(facts.cohort.geography(), facts.practice, level_);
    // The bound on the side that is worse (or better) for the polarity.
    const bool low_side = (indicator_.polarity == Polarity::kHigherIsBetter) == worse;
    return {true,
            fmt::format("{} {} in {}, in the {} quarter of {} practices ({} quartile {}) (source: {})", indicator_.name,
                        value, period, worse ? "worst" : "best", level_name_, low_side ? "lower" : "upper",
                        format_value(low_side ? group->quartiles->q1 : group->quartiles->q3, indicator_.unit),
                        indicator_.source),
            Strength::kQuarter,
            0,
            {}};
  }

  TriggerResult judge(const PracticeFacts& facts, const IndicatorFacts& latest,
                      const analyse::PracticeComparison& pc) const {
    const std::string value = format_value(*pc.value, indicator_.unit);
    const std::string period = latest.period.str();
    switch (test_) {
      case Test::kWorseThan: return compared(facts, latest, pc, true);
      case Test::kBetterThan: return compared(facts, latest, pc, false);
      case Test::kBelow:
        if (!(*pc.value < bound_)) return {};
        return {true,
                fmt::format("{} {} in {}, below {} (source: {})", indicator_.name, value, period,
                            format_value(bound_, indicator_.unit), indicator_.source),
                Strength::kThreshold,
                0,
                {}};
      case Test::kAbove:
        if (!(*pc.value > bound_)) return {};
        return {true,
                fmt::format("{} {} in {}, above {} (source: {})", indicator_.name, value, period,
                            format_value(bound_, indicator_.unit), indicator_.source),
                Strength::kThreshold,
                0,
                {}};
    }
    return {};
  }

  const Indicator& indicator_;
  Test test_;
  analyse::Level level_;
  std::string level_name_;  ///< as level_label() words it for this data
  double bound_;
};

std::unique_ptr<Trigger> compile(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags) {
  const std::size_t before = diags.error_count();
  SourceLoc id_at = raw.loc;
  field(raw, "indicator", &id_at);
  const auto id = single(raw, "indicator", diags);
  const Indicator* ind = id ? known_indicator(env, *id, id_at, diags) : nullptr;
  const char* tests[] = {"worse_than", "better_than", "below", "above"};
  std::vector<std::string> present;
  for (const char* t : tests)
    if (field(raw, t)) present.emplace_back(t);
  if (present.size() != 1) {
    diags.error(raw.loc,
                present.empty()
                    ? std::string("an indicator trigger needs one of worse_than, better_than, below or above, e.g. "
                                  "{indicator: qof_achievement, below: 90}")
                    : fmt::format("an indicator trigger takes one test, but this one has {}", join(present)));
    return nullptr;
  }
  SourceLoc test_at = raw.loc;
  field(raw, present[0], &test_at);
  const auto arg = single(raw, present[0], diags);
  auto test = IndicatorTrigger::Test::kWorseThan;
  analyse::Level level = analyse::Level::kEngland;
  double bound = 0;
  if (arg && (present[0] == "worse_than" || present[0] == "better_than")) {
    if (present[0] == "better_than") test = IndicatorTrigger::Test::kBetterThan;
    if (auto l = analyse::parse_level(*arg)) level = *l;
    else
      diags.error(test_at, fmt::format("unknown comparator '{}' (expected one of: pcn, sub-icb, icb, england)", *arg));
    // A warning, not an error: the action still builds, and the author
    // learns that this trigger can never hold.
    if (ind && ind->polarity == Polarity::kNeither)
      diags.warning(test_at, fmt::format("indicator '{}' has polarity 'neither', so it is never {} a "
                                         "comparator and this trigger never holds; use below or above",
                                         ind->id, present[0] == "worse_than" ? "worse than" : "better than"));
  } else if (arg) {
    test = present[0] == "below" ? IndicatorTrigger::Test::kBelow : IndicatorTrigger::Test::kAbove;
    if (auto n = parse_number(*arg)) bound = *n;
    else if (is_too_large_number(*arg))
      diags.error(test_at, fmt::format("'{}' needs a number no larger in size than {}, got '{}'", present[0],
                                       kLargestNumberText, *arg));
    else diags.error(test_at, fmt::format("'{}' needs a number, got '{}'", present[0], *arg));
  }
  if (diags.error_count() != before || !ind) return nullptr;
  return std::make_unique<IndicatorTrigger>(raw.loc, *ind, test, level, level_label(level, env.data), bound);
}

}  // namespace

TriggerKind indicator_kind() {
  return {"indicator",
          {"indicator", "worse_than", "better_than", "below", "above"},
          "{indicator: qof_achievement, below: 90}",
          compile};
}

}  // namespace gpress::triggers
