#include "model/practice_data.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include <fmt/format.h>

namespace gpress {

namespace {

constexpr std::array<std::string_view, 6> kDomains = {"safety",         "workforce",  "external",
                                                      "organisational", "efficiency", "patient-experience"};
constexpr std::array<std::string_view, 7> kUnits = {"percent",   "count", "ratio", "per-1000",
                                                    "per-10000", "score", "gbp"};
constexpr std::array<std::string_view, 3> kPolarities = {"higher-is-better", "lower-is-better", "neither"};
constexpr std::array<std::string_view, 4> kRatings = {"Outstanding", "Good", "Requires improvement", "Inadequate"};
constexpr std::array<std::string_view, 3> kIntervals = {"wilson", "byar", "none"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

template <std::size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::string_view to_string(Domain d) { return kDomains[static_cast<std::size_t>(d)]; }
std::string_view to_string(Unit u) { return kUnits[static_cast<std::size_t>(u)]; }
std::string_view to_string(Polarity p) { return kPolarities[static_cast<std::size_t>(p)]; }
std::string_view to_string(CqcRatingValue r) { return kRatings[static_cast<std::size_t>(r)]; }
std::string_view to_string(IntervalMethod m) { return kIntervals[static_cast<std::size_t>(m)]; }

std::optional<Domain> parse_domain(std::string_view t) { return parse_enum<Domain>(kDomains, t); }
std::optional<Unit> parse_unit(std::string_view t) { return parse_enum<Unit>(kUnits, t); }
std::optional<Polarity> parse_polarity(std::string_view t) { return parse_enum<Polarity>(kPolarities, t); }
std::optional<CqcRatingValue> parse_cqc_rating(std::string_view t) { return parse_enum<CqcRatingValue>(kRatings, t); }
std::optional<IntervalMethod> parse_interval_method(std::string_view t) {
  return parse_enum<IntervalMethod>(kIntervals, t);
}

std::vector<std::string> domain_names() { return names_of(kDomains); }
std::vector<std::string> unit_names() { return names_of(kUnits); }
std::vector<std::string> polarity_names() { return names_of(kPolarities); }
std::vector<std::string> cqc_rating_names() { return names_of(kRatings); }
std::vector<std::string> interval_method_names() { return names_of(kIntervals); }

std::optional<std::size_t> age_band_index(std::string_view band) {
  for (std::size_t i = 0; i < kAgeBands.size(); ++i) {
    const std::string_view b = kAgeBands[i];
    if (band.size() == b.size() &&
        std::equal(b.begin(), b.end(), band.begin(), [](char x, char y) { return x == y || (x == '-' && y == '_'); }))
      return i;
  }
  return std::nullopt;
}

IntervalMethod default_interval(Unit unit) {
  switch (unit) {
    case Unit::kPercent: return IntervalMethod::kWilson;
    case Unit::kPer1000:
    case Unit::kPer10000: return IntervalMethod::kByar;
    default: return IntervalMethod::kNone;
  }
}

double unit_scale(Unit unit) {
  switch (unit) {
    case Unit::kPercent: return 100.0;
    case Unit::kPer1000: return 1000.0;
    case Unit::kPer10000: return 10000.0;
    default: return 1.0;
  }
}

std::optional<Period> Period::parse(std::string_view t) {
  if (t.size() != 7 || t[4] != '-' || !digits(t.substr(0, 4))) return std::nullopt;
  const int year = to_int(t.substr(0, 4));
  if (year < 1900 || year > 2999) return std::nullopt;
  Period p;
  p.year = static_cast<std::uint16_t>(year);
  if (t[5] == 'Q') {
    if (t[6] < '1' || t[6] > '4') return std::nullopt;
    p.kind = Kind::kQuarter;
    p.number = static_cast<std::uint8_t>(t[6] - '0');
    return p;
  }
  if (!digits(t.substr(5, 2))) return std::nullopt;
  const int second = to_int(t.substr(5, 2));
  // "2011-12" reads as the financial year, not December 2011: financial years
  // are what NHS publications label most, and the clash is only 2009-2011.
  if (second == (year + 1) % 100) {
    p.kind = Kind::kFinancialYear;
    return p;
  }
  if (second >= 1 && second <= 12) {
    p.kind = Kind::kMonth;
    p.number = static_cast<std::uint8_t>(second);
    return p;
  }
  return std::nullopt;
}

std::string Period::str() const {
  switch (kind) {
    case Kind::kMonth: return fmt::format("{:04}-{:02}", year, number);
    case Kind::kQuarter: return fmt::format("{:04}-Q{}", year, number);
    case Kind::kFinancialYear: return fmt::format("{:04}-{:02}", year, (year + 1) % 100);
  }
  return {};
}

int Period::first_month() const {
  switch (kind) {
    case Kind::kMonth: return year * 12 + number - 1;
    case Kind::kQuarter: return year * 12 + (number - 1) * 3;
    case Kind::kFinancialYear: return year * 12 + 3;
  }
  return 0;
}

int Period::last_month() const {
  switch (kind) {
    case Kind::kMonth: return first_month();
    case Kind::kQuarter: return first_month() + 2;
    case Kind::kFinancialYear: return first_month() + 11;
  }
  return 0;
}

std::strong_ordering operator<=>(const Period& a, const Period& b) {
  if (auto c = a.first_month() <=> b.first_month(); c != 0) return c;
  return static_cast<int>(a.kind) <=> static_cast<int>(b.kind);
}

const Practice* PracticeData::find_practice(std::string_view ods) const {
  auto it = practice_index_.find(ods);
  return it == practice_index_.end() ? nullptr : &practices[it->second];
}

const Indicator* PracticeData::find_indicator(std::string_view id) const {
  auto it = indicator_index_.find(id);
  return it == indicator_index_.end() ? nullptr : &indicators[it->second];
}

const CqcRating* PracticeData::find_cqc(std::string_view ods) const {
  auto it = cqc_index_.find(ods);
  return it == cqc_index_.end() ? nullptr : &cqc[it->second];
}

const Source* PracticeData::find_source(std::string_view id) const {
  for (const Source& s : sources)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<const Value*> PracticeData::values_of_practice(std::string_view ods) const {
  std::vector<const Value*> out;
  auto it = practice_values_.find(ods);
  if (it == practice_values_.end()) return out;
  for (std::size_t i = it->second.begin; i < it->second.end; ++i) out.push_back(&values[i]);
  return out;
}

const Value* PracticeData::find_value(std::string_view ods, std::string_view indicator, const Period& period) const {
  auto it = practice_values_.find(ods);
  if (it == practice_values_.end()) return nullptr;
  const auto first = values.begin() + static_cast<std::ptrdiff_t>(it->second.begin);
  const auto last = values.begin() + static_cast<std::ptrdiff_t>(it->second.end);
  auto pos = std::lower_bound(first, last, std::make_pair(indicator, period), [](const Value& v, const auto& key) {
    if (v.indicator_id != key.first) return std::string_view(v.indicator_id) < key.first;
    return v.period < key.second;
  });
  if (pos != last && pos->indicator_id == indicator && pos->period == period) return &*pos;
  return nullptr;
}

std::vector<const Value*> PracticeData::values_of(std::string_view indicator, const Period& period) const {
  std::vector<const Value*> out;
  auto it = indicator_values_.find(indicator);
  if (it == indicator_values_.end()) return out;
  for (std::size_t i : it->second)
    if (values[i].period == period) out.push_back(&values[i]);
  return out;
}

std::vector<Period> PracticeData::periods_of(std::string_view indicator) const {
  std::vector<Period> out;
  auto it = indicator_values_.find(indicator);
  if (it == indicator_values_.end()) return out;
  for (std::size_t i : it->second) out.push_back(values[i].period);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void PracticeData::reindex() {
  std::sort(practices.begin(), practices.end(),
            [](const Practice& a, const Practice& b) { return a.ods_code < b.ods_code; });
  std::sort(indicators.begin(), indicators.end(), [](const Indicator& a, const Indicator& b) { return a.id < b.id; });
  std::sort(cqc.begin(), cqc.end(), [](const CqcRating& a, const CqcRating& b) { return a.ods_code < b.ods_code; });
  // Stable, so rows with the same key stay in file order and the loader can
  // name the first of a duplicate pair.
  std::stable_sort(values.begin(), values.end(), [](const Value& a, const Value& b) {
    return std::tie(a.ods_code, a.indicator_id, a.period) < std::tie(b.ods_code, b.indicator_id, b.period);
  });
  practice_index_.clear();
  indicator_index_.clear();
  cqc_index_.clear();
  practice_values_.clear();
  indicator_values_.clear();
  for (std::size_t i = 0; i < practices.size(); ++i) practice_index_.emplace(practices[i].ods_code, i);
  for (std::size_t i = 0; i < indicators.size(); ++i) indicator_index_.emplace(indicators[i].id, i);
  for (std::size_t i = 0; i < cqc.size(); ++i) cqc_index_.emplace(cqc[i].ods_code, i);
  for (std::size_t i = 0; i < values.size();) {
    std::size_t j = i;
    while (j < values.size() && values[j].ods_code == values[i].ods_code) ++j;
    practice_values_.emplace(values[i].ods_code, Range{i, j});
    i = j;
  }
  for (std::size_t i = 0; i < values.size(); ++i) indicator_values_[values[i].indicator_id].push_back(i);
}

}  // namespace gpress
