// An in-memory cohort for the risk, support level and trigger tests: six
// practices in two PCNs of one ICB, with CQC ratings and three indicators.
#pragma once

#include <string>
#include <vector>

#include "model/assessment.hpp"
#include "model/content.hpp"
#include "model/practice_data.hpp"

namespace gpress::test {

inline Practice practice(const std::string& ods, const std::string& pcn) {
  Practice p;
  p.ods_code = ods;
  p.name = "Practice " + ods;
  p.pcn_code = pcn;
  p.pcn_name = pcn + " PCN";
  p.sub_icb_code = "00A";
  p.icb_code = "QAA";
  p.icb_name = "Fixture ICB";
  return p;
}

inline Indicator indicator(const std::string& id, const std::string& name, std::optional<int> criterion, Unit unit,
                           Polarity polarity) {
  Indicator i;
  i.id = id;
  i.name = name;
  i.criterion = criterion;
  i.unit = unit;
  i.polarity = polarity;
  i.source = "src";
  return i;
}

inline Value value(const std::string& ods, const std::string& id, const std::string& period, std::optional<double> v,
                   std::optional<double> num = std::nullopt, std::optional<double> den = std::nullopt) {
  Value x;
  x.ods_code = ods;
  x.indicator_id = id;
  x.period = *Period::parse(period);
  x.value = v;
  x.numerator = num;
  x.denominator = den;
  return x;
}

/// P00001 is the worst everywhere; P00006 has no values.
inline PracticeData cohort_data() {
  PracticeData d;
  for (const char* ods : {"P00001", "P00002", "P00003"}) d.practices.push_back(practice(ods, "U1"));
  for (const char* ods : {"P00004", "P00005", "P00006"}) d.practices.push_back(practice(ods, "U2"));
  d.indicators.push_back(
      indicator("phone", "Easy to get through by phone", 15, Unit::kPercent, Polarity::kHigherIsBetter));
  d.indicators.push_back(indicator("ratio", "Patients per GP (FTE)", 4, Unit::kRatio, Polarity::kLowerIsBetter));
  d.indicators.push_back(indicator("pay", "Payments per patient", 11, Unit::kGbp, Polarity::kNeither));
  const double phone[] = {30, 52, 55, 58, 60};
  const double ratio[] = {2900, 2000, 1800, 1900, 1700};
  for (int i = 0; i < 5; ++i) {
    const std::string ods = "P0000" + std::to_string(i + 1);
    d.values.push_back(value(ods, "phone", "2023-24", 99, 198, 200));  // older period: ignored
    d.values.push_back(value(ods, "phone", "2024-25", phone[i], phone[i] * 2, 200));
    d.values.push_back(value(ods, "ratio", "2024-25", ratio[i]));
    d.values.push_back(value(ods, "pay", "2024-25", 100 + i));
  }
  d.values.push_back(value("P00006", "ratio", "2024-25", 2100));
  CqcRating inadequate;
  inadequate.ods_code = "P00001";
  inadequate.inspected_on = "2024-03-14";
  inadequate.overall = CqcRatingValue::kInadequate;
  inadequate.well_led = CqcRatingValue::kInadequate;
  CqcRating ri;
  ri.ods_code = "P00002";
  ri.overall = CqcRatingValue::kRequiresImprovement;
  ri.well_led = CqcRatingValue::kRequiresImprovement;
  CqcRating good;
  good.ods_code = "P00003";
  good.inspected_on = "2022-01-01";
  good.overall = CqcRatingValue::kGood;
  d.cqc = {inadequate, ri, good};
  d.reindex();
  return d;
}

inline IntelligenceFlag flag(const std::string& ods, const std::string& date, int criterion, bool yes,
                             const std::string& note, std::uint32_t line) {
  IntelligenceFlag f;
  f.ods_code = ods;
  f.recorded_on = date;
  f.criterion = criterion;
  f.flag = yes;
  f.note = note;
  f.line = line;
  return f;
}

inline MaturityRating rating(const std::string& ods, const std::string& theme, int domain, char level,
                             const std::string& date = "2025-01-10") {
  MaturityRating r;
  r.ods_code = ods;
  r.assessed_on = date;
  r.theme = theme;
  r.domain = domain;
  r.level = level;
  return r;
}

inline Team360Score score(const std::string& ods, const std::string& dimension, double s,
                          const std::string& date = "2025-01-11") {
  Team360Score t;
  t.ods_code = ods;
  t.assessed_on = date;
  t.dimension = dimension;
  t.score = s;
  return t;
}

inline std::vector<Theme> fixture_themes() {
  Theme a;
  a.slug = "alpha";
  a.number = 1;
  a.title = "Alpha";
  a.levels = {"Alone", "Starting", "Together", "At scale"};
  a.domains.push_back({"Networks", {"No network.", "Informal.", "Formal.", "Shares staff."}, {}});
  Theme b;
  b.slug = "beta";
  b.number = 2;
  b.title = "Beta";
  b.levels = {"a", "b", "c", "d"};
  b.domains.push_back({"Data", {"A1", "B1", "C1", "D1"}, {}});
  b.domains.push_back({"Skills", {"A2", "B2", "C2", "D2"}, {}});
  return {a, b};
}

}  // namespace gpress::test
