#include "analyse/practice_profile.hpp"

#include <algorithm>
#include <cmath>

namespace gpress {
namespace {

// The QOF prevalence import's registers whose age bases give the age share
// (docs/import.md): osteoporosis is counted among patients aged 50 and over,
// atrial fibrillation among the whole list.
constexpr std::string_view kOlderListIndicator = "qof_prevalence_ost";
constexpr std::string_view kWholeListIndicator = "qof_prevalence_af";
constexpr std::string_view kDeprivationIndicator = "imd_score";

bool in_run(const Period& period, const std::optional<Period>& cap) {
  return !cap || period.first_month() <= cap->last_month();
}

std::optional<double> finite(const std::optional<double>& v) {
  if (v && std::isfinite(*v)) return v;
  return std::nullopt;
}

// Each practice's share of its registered list aged 65 and over, from
// data/age_sex.csv in the latest month in the run it has; none for a
// practice without rows. age_sex.csv is sorted by practice then month, so a
// practice's last month in the run is its latest.
std::vector<std::optional<double>> registered_65_and_over(const PracticeData& data, const std::optional<Period>& cap,
                                                          std::optional<Period>& age_period) {
  std::vector<std::optional<double>> out(data.practices.size());
  for (std::size_t r = 0; r < data.age_sex.size();) {
    const AgeSexCount& first = data.age_sex[r];
    double older = 0, all = 0;
    std::size_t end = r;
    for (; end < data.age_sex.size() && data.age_sex[end].ods_code == first.ods_code &&
           data.age_sex[end].period == first.period;
         ++end) {
      all += data.age_sex[end].patients;
      if (data.age_sex[end].band >= kFirstBand65) older += data.age_sex[end].patients;
    }
    r = end;
    const Practice* p = data.find_practice(first.ods_code);
    if (!p || !in_run(first.period, cap) || !(all > 0)) continue;
    out[static_cast<std::size_t>(p - data.practices.data())] = older / all;
    if (!age_period || *age_period < first.period) age_period = first.period;
  }
  return out;
}

// Each practice's share of its list aged 50 and over from the QOF lists by
// age base; values are sorted by practice, indicator, then period, so the
// last one seen in the run is the latest.
std::optional<double> qof_50_and_over(const PracticeData& data, const Practice& p, const std::optional<Period>& cap,
                                      std::optional<Period>& age_period) {
  const Value *older = nullptr, *whole = nullptr;
  for (const Value* v : data.values_of_practice(p.ods_code)) {
    if (!in_run(v->period, cap)) continue;
    if (v->indicator_id == kOlderListIndicator && finite(v->denominator)) older = v;
    else if (v->indicator_id == kWholeListIndicator && finite(v->denominator)) whole = v;
  }
  // Both lists from the same publication, or no share.
  if (!older || !whole || older->period != whole->period || !(*whole->denominator > 0.0)) return std::nullopt;
  if (!age_period || *age_period < older->period) age_period = older->period;
  return *older->denominator / *whole->denominator;
}

std::size_t count_known(const std::vector<std::optional<double>>& shares) {
  return static_cast<std::size_t>(
      std::count_if(shares.begin(), shares.end(), [](const auto& s) { return s.has_value(); }));
}

// Each practice's measures. One age share for every practice, or distances
// would mix two measures: OHID's 65 and over from the registrations, unless
// QOF's 50 and over covers more practices (registrations by age imported for
// one ICB must not shrink England's pool to that ICB).
std::vector<analyse::PeerMeasures> read_measures(const PracticeData& data, const std::optional<Period>& cap,
                                                 AgeShareSource& source, std::optional<Period>& age_period) {
  std::optional<Period> registered_period, qof_period;
  std::vector<std::optional<double>> registered = registered_65_and_over(data, cap, registered_period);
  std::vector<std::optional<double>> qof(data.practices.size());
  for (std::size_t i = 0; i < data.practices.size(); ++i)
    qof[i] = qof_50_and_over(data, data.practices[i], cap, qof_period);
  const bool by_registrations = registered_period && count_known(registered) >= count_known(qof);
  source = by_registrations ? AgeShareSource::kRegistrations : AgeShareSource::kQofLists;
  age_period = by_registrations ? registered_period : qof_period;
  const auto& shares = by_registrations ? registered : qof;

  std::vector<analyse::PeerMeasures> out(data.practices.size());
  for (std::size_t i = 0; i < data.practices.size(); ++i) {
    const Practice& p = data.practices[i];
    analyse::PeerMeasures& m = out[i];
    m.candidate = p.closed_on.empty();
    if (p.list_size) m.list_size = static_cast<double>(*p.list_size);
    for (const Value* v : data.values_of_practice(p.ods_code))
      if (in_run(v->period, cap) && v->indicator_id == kDeprivationIndicator && finite(v->value))
        m.deprivation = *v->value;
    m.age_share = shares[i];
  }
  return out;
}

std::vector<std::optional<int>> deciles_of(const std::vector<analyse::PeerMeasures>& measures) {
  std::vector<std::optional<double>> scores;
  scores.reserve(measures.size());
  for (const auto& m : measures) scores.push_back(m.deprivation);
  return analyse::deprivation_deciles(scores);
}

std::optional<analyse::RegisterObservation> observation(const Value* v, const analyse::PeerMeasures& m) {
  if (!v || !finite(v->numerator) || !finite(v->denominator) || !m.age_share || !m.deprivation) return std::nullopt;
  return analyse::RegisterObservation{*v->numerator, *v->denominator, *m.age_share, *m.deprivation};
}

}  // namespace

bool PracticeProfiles::is_register(const Indicator& indicator) {
  return indicator.source == "qof-prevalence" && indicator.interval == IntervalMethod::kWilson;
}

PracticeProfiles::PracticeProfiles(const PracticeData& data, std::optional<Period> cap)
    : data_(data),
      measures_(read_measures(data, cap, age_source_, age_period_)),
      deciles_(deciles_of(measures_)),
      space_(measures_) {
  for (const Indicator& ind : data.indicators) {
    if (!is_register(ind)) continue;
    std::optional<Period> latest;
    for (const Period& p : data.periods_of(ind.id))
      if (in_run(p, cap)) latest = p;
    if (!latest) continue;
    std::vector<analyse::RegisterObservation> obs;
    for (const Value* v : data.values_of(ind.id, *latest)) {
      const Practice* p = data.find_practice(v->ods_code);
      if (!p) continue;
      const auto index = static_cast<std::size_t>(p - data.practices.data());
      if (auto o = observation(v, measures_[index])) obs.push_back(*o);
    }
    if (auto model = analyse::fit_prevalence_model(obs)) models_.push_back({&ind, *latest, *model});
  }
}

std::string_view PracticeProfiles::age_band() const {
  return age_source_ == AgeShareSource::kRegistrations ? "aged 65 and over" : "aged 50 and over";
}

std::string PracticeProfiles::age_source_text() const {
  if (!age_period_) return {};
  return age_source_ == AgeShareSource::kRegistrations ? "registered patients, " + age_period_->str()
                                                       : "QOF " + age_period_->str() + " list sizes";
}

const RegisterModel* PracticeProfiles::model(std::string_view indicator) const {
  for (const RegisterModel& m : models_)
    if (m.indicator->id == indicator) return &m;
  return nullptr;
}

std::optional<RegisterExpectation> PracticeProfiles::expected(const RegisterModel& model, std::size_t practice) const {
  const Practice& p = data_.practices.at(practice);
  const auto o = observation(data_.find_value(p.ods_code, model.indicator->id, model.period), measures_[practice]);
  if (!o) return std::nullopt;
  const auto figures = analyse::expected_prevalence(model.model, *o);
  if (!figures) return std::nullopt;
  return RegisterExpectation{&model, o->on_register, o->list, *figures};
}

}  // namespace gpress
