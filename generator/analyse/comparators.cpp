#include "analyse/comparators.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace gpress::analyse {
namespace {

bool is_whole(double x) { return std::isfinite(x) && std::floor(x) == x; }

std::optional<double> present(const std::optional<double>& v) {
  if (v && std::isfinite(*v)) return v;
  return std::nullopt;
}

bool has_num_den(const Observation& o) { return present(o.numerator) && present(o.denominator); }

// Sums and values of one group, fed in practice order so the floating-point
// sums come out the same on every run.
class GroupAccumulator {
 public:
  void add(const Observation& o) {
    sorted_ = false;
    if (const auto v = present(o.value)) values_.push_back(*v);
    if (has_num_den(o)) {
      numerator_ += *o.numerator;
      denominator_ += *o.denominator;
      ++pooled_practices_;
    }
  }

  void clear() {
    values_.clear();
    numerator_ = 0.0;
    denominator_ = 0.0;
    pooled_practices_ = 0;
  }

  std::span<const double> sorted_values() {
    if (!sorted_) std::sort(values_.begin(), values_.end());
    sorted_ = true;
    return values_;
  }

  Comparator comparator(Unit unit, ComparatorMethod method) {
    Comparator c;
    c.method = method;
    if (method == ComparatorMethod::kPooled) {
      c.practices = pooled_practices_;
      if (pooled_practices_ > 0 && denominator_ > 0.0) {
        c.value = numerator_ / denominator_ * unit_scale(unit);
      }
    } else {
      const auto sorted = sorted_values();
      c.practices = sorted.size();
      c.value = percentile_inc(sorted, 0.5);
    }
    return c;
  }

 private:
  std::vector<double> values_;
  double numerator_ = 0.0;
  double denominator_ = 0.0;
  std::size_t pooled_practices_ = 0;
  bool sorted_ = true;
};

constexpr std::array<std::string_view, 7> kUnitNames = {"percent",   "count", "ratio", "per-1000",
                                                        "per-10000", "score", "gbp"};
constexpr std::array<std::string_view, 3> kPolarityNames = {"higher-is-better", "lower-is-better", "neither"};
constexpr std::array<std::string_view, kLevelCount> kLevelNames = {"pcn", "sub-icb", "icb", "england"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Unit> parse_unit(std::string_view text) { return parse_name<Unit>(kUnitNames, text); }
std::string_view to_string(Unit unit) { return kUnitNames[static_cast<std::size_t>(unit)]; }

std::optional<Polarity> parse_polarity(std::string_view text) { return parse_name<Polarity>(kPolarityNames, text); }
std::string_view to_string(Polarity polarity) { return kPolarityNames[static_cast<std::size_t>(polarity)]; }

std::string_view to_string(Level level) { return kLevelNames[static_cast<std::size_t>(level)]; }
std::optional<Level> parse_level(std::string_view text) { return parse_name<Level>(kLevelNames, text); }

double unit_scale(Unit unit) {
  switch (unit) {
    case Unit::kPercent: return 100.0;
    case Unit::kPer1000: return 1000.0;
    case Unit::kPer10000: return 10000.0;
    case Unit::kCount:
    case Unit::kRatio:
    case Unit::kScore:
    case Unit::kGbp: return 1.0;
  }
  return 1.0;
}

std::string_view to_string(Significance significance) {
  switch (significance) {
    case Significance::kBetter: return "better";
    case Significance::kSimilar: return "similar";
    case Significance::kWorse: return "worse";
    case Significance::kHigher: return "higher";
    case Significance::kLower: return "lower";
    case Significance::kNotCompared: return "not compared";
  }
  return "not compared";
}

std::string label(Significance significance, Confidence level) {
  const std::string_view pct = percent_text(level);
  switch (significance) {
    case Significance::kBetter: return fmt::format("Better ({} confidence)", pct);
    case Significance::kSimilar: return "Similar";
    case Significance::kWorse: return fmt::format("Worse ({} confidence)", pct);
    case Significance::kHigher: return fmt::format("Higher ({} confidence)", pct);
    case Significance::kLower: return fmt::format("Lower ({} confidence)", pct);
    case Significance::kNotCompared: return "Not compared";
  }
  return "Not compared";
}

std::string_view to_string(ComparatorMethod method) {
  return method == ComparatorMethod::kPooled ? "pooled" : "median";
}

ComparatorMethod choose_method(std::span<const Observation> observations) {
  const bool any = std::any_of(observations.begin(), observations.end(), has_num_den);
  return any ? ComparatorMethod::kPooled : ComparatorMethod::kMedian;
}

Comparator comparator_value(std::span<const Observation> group, Unit unit, ComparatorMethod method) {
  GroupAccumulator acc;
  for (const Observation& o : group) acc.add(o);
  return acc.comparator(unit, method);
}

Comparator comparator_value(std::span<const Observation> group, Unit unit) {
  return comparator_value(group, unit, choose_method(group));
}

const std::optional<Interval>& deciding_interval(Confidence level, const std::optional<Interval>& ci95,
                                                 const std::optional<Interval>& ci998) {
  return level == Confidence::k998 ? ci998 : ci95;
}

std::optional<Interval> practice_interval(IntervalMethod method, Unit unit, std::optional<double> numerator,
                                          std::optional<double> denominator, double z) {
  const auto num = present(numerator);
  const auto den = present(denominator);
  if (!num || !den || *den <= 0.0 || !is_whole(*num) || *num < 0.0) return std::nullopt;
  const double scale = unit_scale(unit);
  switch (method) {
    case IntervalMethod::kWilson: {
      if (!is_whole(*den) || *num > *den) return std::nullopt;
      const auto ci = wilson_interval(*num, *den, z);
      if (!ci) return std::nullopt;
      return Interval{ci->lower * scale, ci->upper * scale};
    }
    case IntervalMethod::kByar: {
      const auto ci = poisson_interval(*num, z);
      if (!ci) return std::nullopt;
      return Interval{ci->lower / *den * scale, ci->upper / *den * scale};
    }
    case IntervalMethod::kNone: return std::nullopt;
  }
  return std::nullopt;
}

Significance compare(const Interval& interval, std::optional<double> comparator, Polarity polarity) {
  if (!comparator || !std::isfinite(*comparator)) return Significance::kNotCompared;
  Significance direction = Significance::kSimilar;
  if (interval.lower > *comparator) {
    direction = Significance::kHigher;
  } else if (interval.upper < *comparator) {
    direction = Significance::kLower;
  }
  if (direction == Significance::kSimilar || polarity == Polarity::kNeither) return direction;
  const bool higher = direction == Significance::kHigher;
  const bool good = higher == (polarity == Polarity::kHigherIsBetter);
  return good ? Significance::kBetter : Significance::kWorse;
}

Significance significance(const Observation& practice, IntervalMethod method, Unit unit, Polarity polarity,
                          std::optional<double> comparator) {
  if (!present(practice.value)) return Significance::kNotCompared;
  const auto ci = practice_interval(method, unit, practice.numerator, practice.denominator);
  if (!ci) return Significance::kNotCompared;
  return compare(*ci, comparator, polarity);
}

// ---------------------------------------------------------------------------
// Geography

Geography::Geography(std::span<const PracticeAreas> practices) : practice_count_(practices.size()) {
  const auto code_at = [&](std::size_t practice, Level l) -> const std::string& {
    const PracticeAreas& a = practices[practice];
    switch (l) {
      case Level::kPcn: return a.pcn;
      case Level::kSubIcb: return a.sub_icb;
      case Level::kIcb:
      case Level::kEngland: break;
    }
    return a.icb;
  };

  for (std::size_t li = 0; li < kLevelCount; ++li) {
    const auto l = static_cast<Level>(li);
    LevelIndex& index = levels_[li];
    index.group_of.assign(practice_count_, kNoGroup);
    if (l == Level::kEngland) {
      index.codes.emplace_back(kEnglandCode);
      std::fill(index.group_of.begin(), index.group_of.end(), 0);
    } else {
      for (std::size_t p = 0; p < practice_count_; ++p) {
        if (!code_at(p, l).empty()) index.codes.push_back(code_at(p, l));
      }
      std::sort(index.codes.begin(), index.codes.end());
      index.codes.erase(std::unique(index.codes.begin(), index.codes.end()), index.codes.end());
      for (std::size_t p = 0; p < practice_count_; ++p) {
        const std::string& c = code_at(p, l);
        if (c.empty()) continue;
        index.group_of[p] =
            static_cast<std::size_t>(std::lower_bound(index.codes.begin(), index.codes.end(), c) - index.codes.begin());
      }
    }
    // Counting sort by group, stable in practice order.
    index.offsets.assign(index.codes.size() + 1, 0);
    for (std::size_t g : index.group_of) {
      if (g != kNoGroup) ++index.offsets[g + 1];
    }
    for (std::size_t g = 0; g < index.codes.size(); ++g) index.offsets[g + 1] += index.offsets[g];
    index.members.resize(index.offsets.back());
    std::vector<std::size_t> next(index.offsets.begin(), index.offsets.end() - 1);
    for (std::size_t p = 0; p < practice_count_; ++p) {
      const std::size_t g = index.group_of[p];
      if (g != kNoGroup) index.members[next[g]++] = p;
    }
  }
}

std::size_t Geography::group_count(Level l) const { return level(l).codes.size(); }

std::size_t Geography::group_of(std::size_t practice, Level l) const { return level(l).group_of.at(practice); }

const std::string& Geography::code(Level l, std::size_t group) const { return level(l).codes.at(group); }

std::optional<std::size_t> Geography::find(Level l, std::string_view code) const {
  const auto& codes = level(l).codes;
  const auto it = std::lower_bound(codes.begin(), codes.end(), code);
  if (it == codes.end() || *it != code) return std::nullopt;
  return static_cast<std::size_t>(it - codes.begin());
}

std::span<const std::size_t> Geography::members(Level l, std::size_t group) const {
  const LevelIndex& index = level(l);
  const std::size_t begin = index.offsets.at(group);
  const std::size_t end = index.offsets.at(group + 1);
  return std::span<const std::size_t>(index.members).subspan(begin, end - begin);
}

// ---------------------------------------------------------------------------
// compare_indicator

const GroupSummary* IndicatorComparison::group_for(const Geography& geography, std::size_t practice,
                                                   Level level) const {
  const std::size_t g = geography.group_of(practice, level);
  if (g == Geography::kNoGroup) return nullptr;
  return &groups[static_cast<std::size_t>(level)].at(g);
}

IndicatorComparison compare_indicator(const Geography& geography, std::span<const Observation> observations,
                                      IntervalMethod method, Unit unit, Polarity polarity, Confidence confidence) {
  const std::size_t n = geography.practice_count();

  // One slot per practice, so each group below is a walk over its members
  // rather than a search of the observations.
  std::vector<const Observation*> slot(n, nullptr);
  for (const Observation& o : observations) {
    if (o.practice >= n) {
      throw std::out_of_range("observation for practice " + std::to_string(o.practice) + " but the geography has " +
                              std::to_string(n) + " practices");
    }
    slot[o.practice] = &o;
  }

  IndicatorComparison out;
  bool any_pooled = false;
  for (const Observation* o : slot) any_pooled = any_pooled || (o && has_num_den(*o));
  out.method = any_pooled ? ComparatorMethod::kPooled : ComparatorMethod::kMedian;

  out.practices.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    if (!slot[p]) continue;
    PracticeComparison& pc = out.practices[p];
    pc.value = present(slot[p]->value);
    pc.interval = practice_interval(method, unit, slot[p]->numerator, slot[p]->denominator, kZ95);
    pc.interval_998 = practice_interval(method, unit, slot[p]->numerator, slot[p]->denominator, kZ998);
  }

  GroupAccumulator acc;
  for (std::size_t li = 0; li < kLevelCount; ++li) {
    const auto level = static_cast<Level>(li);
    const std::size_t group_count = geography.group_count(level);
    auto& summaries = out.groups[li];
    summaries.resize(group_count);
    for (std::size_t g = 0; g < group_count; ++g) {
      acc.clear();
      const auto members = geography.members(level, g);
      for (std::size_t p : members) {
        if (slot[p]) acc.add(*slot[p]);
      }
      const std::span<const double> sorted = acc.sorted_values();
      GroupSummary& s = summaries[g];
      s.comparator = acc.comparator(unit, out.method);
      s.quartiles = quartiles_of_sorted(sorted);
      s.with_value = sorted.size();

      const bool england = level == Level::kEngland;
      for (std::size_t p : members) {
        PracticeComparison& pc = out.practices[p];
        if ((england || level == Level::kIcb) && pc.value) {
          (england ? pc.england_decile : pc.icb_decile) = decile(sorted, *pc.value);
        }
        const auto& ci = deciding_interval(confidence, pc.interval, pc.interval_998);
        if (pc.value && ci) {
          pc.significance[li] = compare(*ci, s.comparator.value, polarity);
        }
      }
    }
  }
  return out;
}

}  // namespace gpress::analyse
