// {maturity: THEME, at_most: LEVEL} (optionally domain: N): the practice's
// latest self-assessment puts a domain of the theme (any, or the one named)
// at or below the level. Any domain, not an average: one weak domain is
// reason enough to offer the support, and the evidence names it.
// {maturity: THEME, at_least: LEVEL}: at or above it instead, for what a
// practice does well enough to share.
#include <fmt/format.h>

#include "analyse/triggers/trigger.hpp"
#include "core/text.hpp"

namespace gpress::triggers {
namespace {

class MaturityTrigger : public Trigger {
 public:
  MaturityTrigger(SourceLoc loc, const Theme& theme, int domain, char level, bool at_least)
      : Trigger(std::move(loc)), theme_(theme), domain_(domain), level_(level), at_least_(at_least) {}

  TriggerResult evaluate(const PracticeFacts& facts) const override {
    std::vector<std::string> parts;
    std::string date;
    for (const MaturityRating* r : facts.assessments.latest_maturity(facts.ods())) {
      if (r->theme != theme_.slug || (domain_ != 0 && r->domain != domain_)) continue;
      if (at_least_ ? maturity_rank(r->level) < maturity_rank(level_) : maturity_rank(r->level) > maturity_rank(level_))
        continue;
      parts.push_back(
          fmt::format("‘{}’ at {}", theme_.domains[static_cast<std::size_t>(r->domain - 1)].title, r->level));
      if (r->assessed_on > date) date = r->assessed_on;
    }
    if (parts.empty()) return {};
    return {true, fmt::format("{} self-assessed {} on {}", theme_.title, join(parts, ", "), date), Strength::kThreshold,
            0, date};
  }

  std::string describe() const override {
    const char* side = at_least_ ? "above" : "below";
    if (domain_ != 0)
      return fmt::format("{} maturity ‘{}’ at {} or {}", theme_.title,
                         theme_.domains[static_cast<std::size_t>(domain_ - 1)].title, level_, side);
    return fmt::format("{} maturity at {} or {} in any domain", theme_.title, level_, side);
  }

 private:
  const Theme& theme_;
  int domain_;
  char level_;
  bool at_least_;
};

std::unique_ptr<Trigger> compile(const RawTrigger& raw, const TriggerEnv& env, Diagnostics& diags) {
  const std::size_t before = diags.error_count();
  SourceLoc at = raw.loc;
  field(raw, "maturity", &at);
  const auto slug = single(raw, "maturity", diags);
  const Theme* theme = nullptr;
  if (slug) {
    std::vector<std::string> slugs;
    for (const auto& t : env.themes) {
      slugs.push_back(t.slug);
      if (t.slug == *slug) theme = &t;
    }
    if (!theme && env.themes.empty()) return nullptr;  // themes.yaml is missing or broken, and says so
    if (!theme) {
      std::string msg = fmt::format("unknown theme '{}'", *slug);
      if (auto near = closest_match(*slug, slugs)) msg += fmt::format(" (did you mean '{}'?)", *near);
      else msg += fmt::format(" (expected one of: {})", join(slugs));
      diags.error(at, msg);
    }
  }
  SourceLoc level_at = raw.loc;
  char level = 0;
  const bool at_least = field(raw, "at_least") != nullptr;
  const char* bound = at_least ? "at_least" : "at_most";
  if (at_least == (field(raw, "at_most") != nullptr)) {
    diags.error(raw.loc,
                "a maturity trigger needs one of 'at_most' or 'at_least', a level A-D, e.g. "
                "{maturity: quality-improvement, at_most: B}");
  } else {
    field(raw, bound, &level_at);
    if (auto l = single(raw, bound, diags)) {
      if (l->size() == 1 && maturity_rank((*l)[0]) != 0) level = (*l)[0];
      else diags.error(level_at, fmt::format("level '{}' is not a maturity level (expected A, B, C or D)", *l));
    }
  }
  int domain = 0;
  SourceLoc domain_at = raw.loc;
  if (field(raw, "domain", &domain_at)) {
    if (auto d = single(raw, "domain", diags)) {
      int n = 0;
      for (char c : *d) n = (c >= '0' && c <= '9' && n < 1000) ? n * 10 + (c - '0') : 100000;
      if (theme && (n < 1 || static_cast<std::size_t>(n) > theme->domains.size()))
        diags.error(domain_at, fmt::format("domain {} is out of range: theme '{}' has domains 1-{}", *d, theme->slug,
                                           theme->domains.size()));
      else domain = n;
    }
  }
  if (diags.error_count() != before || !theme) return nullptr;
  return std::make_unique<MaturityTrigger>(raw.loc, *theme, domain, level, at_least);
}

}  // namespace

TriggerKind maturity_kind() {
  return {"maturity",
          {"maturity", "at_most", "at_least", "domain"},
          "{maturity: workforce-and-wellbeing, at_most: B}",
          compile};
}

}  // namespace gpress::triggers
