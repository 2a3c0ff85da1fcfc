// {cqc: DOMAIN, in: [RATING, ...]}: the latest CQC rating of one key
// question (or overall) is one of the listed ratings.
#include <algorithm>

#include <fmt/format.h>

#include "analyse/triggers/trigger.hpp"
#include "core/text.hpp"

namespace gpress::triggers {
namespace {

class CqcTrigger : public Trigger {
 public:
  CqcTrigger(SourceLoc loc, std::string column, std::vector<CqcRatingValue> ratings)
      : Trigger(std::move(loc)), column_(std::move(column)), ratings_(std::move(ratings)) {}

  TriggerResult evaluate(const PracticeFacts& facts) const override {
    const CqcRating* r = facts.cohort.data().find_cqc(facts.ods());
    if (!r) return {};
    const auto value = cqc_rating_of(*r, column_);
    if (!value || std::find(ratings_.begin(), ratings_.end(), *value) == ratings_.end()) return {};
    // A regulator's rating is a judgement: it weighs as criterion 1
    // (Inadequate) or 2 (Requires improvement), whichever key question it is.
    const int criterion = *value == CqcRatingValue::kInadequate            ? 1
                          : *value == CqcRatingValue::kRequiresImprovement ? 2
                                                                           : 0;
    return {.held = true,
            .evidence = cqc_evidence(*r, column_),
            .strength = Strength::kSignificant,
            .criterion = criterion,
            .dated = r->inspected_on.value_or("")};
  }

  std::string describe() const override {
    std::vector<std::string> names;
    for (auto r : ratings_) names.emplace_back(to_string(r));
    return fmt::format("CQC {} rated {}", cqc_domain_label(column_), join(names, " or "));
  }

 private:
  std::string column_;
  std::vector<CqcRatingValue> ratings_;
};

std::unique_ptr<Trigger> compile(const RawTrigger& raw, const TriggerEnv&, Diagnostics& diags) {
  const std::size_t before = diags.error_count();
  SourceLoc at = raw.loc;
  field(raw, "cqc", &at);
  const auto column = single(raw, "cqc", diags);
  if (column && cqc_domain_label(*column).empty()) {
    std::string msg = fmt::format("unknown CQC domain '{}'", *column);
    if (auto near = closest_match(*column, cqc_domain_names())) msg += fmt::format(" (did you mean '{}'?)", *near);
    else msg += fmt::format(" (expected one of: {})", join(cqc_domain_names()));
    diags.error(at, msg);
  }
  SourceLoc in_at = raw.loc;
  const auto* in = field(raw, "in", &in_at);
  std::vector<CqcRatingValue> ratings;
  if (!in || in->empty()) {
    diags.error(in ? in_at : raw.loc,
                "a cqc trigger needs 'in', a list of ratings, e.g. {cqc: well_led, in: [Inadequate]}");
  } else {
    for (const auto& text : *in) {
      if (auto r = parse_cqc_rating(trim(text))) ratings.push_back(*r);
      else
        diags.error(in_at,
                    fmt::format("unknown CQC rating '{}' (expected one of: {})", text, join(cqc_rating_names())));
    }
  }
  if (diags.error_count() != before || !column) return nullptr;
  return std::make_unique<CqcTrigger>(raw.loc, *column, std::move(ratings));
}

}  // namespace

TriggerKind cqc_kind() { return {"cqc", {"cqc", "in"}, "{cqc: well_led, in: [Inadequate]}", compile}; }

}  // namespace gpress::triggers
