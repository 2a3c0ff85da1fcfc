// What every practice is matched and modelled on, read from the practice
// data once per run: list size, deprivation, age profile, the England
// deprivation decile, the pool of practices like each other (analyse/peers)
// and a prevalence model per QOF register (analyse/expected_prevalence).
//
//   practices.csv list_size ──┐
//   values.csv imd_score ─────┼──► PeerMeasures ──► PeerSpace, deprivation deciles
//   age_sex.csv, or QOF lists ┘  (age share)   ──► RegisterModel per QOF register
//
// The age share is OHID's, the share of the registered list aged 65 and over,
// when registrations by age and sex were imported (age_sex.csv) for at least
// as many practices as the alternative covers. Otherwise it is the share
// aged 50 and over: the QOF prevalence publication gives
// each practice's list by age base, and the osteoporosis register's base
// (50OV) over the atrial fibrillation register's (TOTAL, the whole list) is
// the oldest band it publishes (docs/comparators.md, "Practices like yours").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyse/expected_prevalence.hpp"
#include "analyse/peers.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// A QOF register's prevalence model, fitted on every practice with a value
/// in the register's latest period.
struct RegisterModel {
  const Indicator* indicator = nullptr;
  Period period;
  analyse::PrevalenceModel model;
};

/// One practice's register against its model.
struct RegisterExpectation {
  const RegisterModel* model = nullptr;
  double on_register = 0.0, list = 0.0;
  analyse::ExpectedPrevalence figures;
};

/// Where the age share comes from.
enum class AgeShareSource { kQofLists, kRegistrations };

class PracticeProfiles {
 public:
  /// Reads the measures of every practice of `data` (values in periods
  /// starting after `cap` ends are left out) and fits the register models.
  /// `data` must outlive the profiles.
  PracticeProfiles(const PracticeData& data, std::optional<Period> cap);

  /// By practice index in data.practices.
  const std::vector<analyse::PeerMeasures>& measures() const { return measures_; }
  const std::vector<std::optional<int>>& deprivation_deciles() const { return deciles_; }
  const analyse::PeerSpace& peer_space() const { return space_; }
  /// "aged 65 and over" (registrations) or "aged 50 and over" (QOF lists):
  /// the age band age_share counts.
  std::string_view age_band() const;
  /// Where the age shares come from: "registered patients, 2026-02" or "QOF
  /// 2020-21 list sizes"; empty when no practice has one.
  std::string age_source_text() const;
  /// The period the age shares come from, when any practice has one.
  const std::optional<Period>& age_period() const { return age_period_; }

  /// QOF registers with a model, in indicator id order.
  const std::vector<RegisterModel>& models() const { return models_; }
  /// The model of `indicator`, or null when it is not a QOF register with one.
  const RegisterModel* model(std::string_view indicator) const;
  /// The practice against the register's model in the model's period;
  /// nullopt when it has no value then or lacks a measure.
  std::optional<RegisterExpectation> expected(const RegisterModel& model, std::size_t practice) const;

  /// Whether an indicator is a QOF disease register (source qof-prevalence,
  /// a proportion of people): the indicators expected prevalence applies to.
  static bool is_register(const Indicator& indicator);

 private:
  const PracticeData& data_;
  AgeShareSource age_source_ = AgeShareSource::kQofLists;  // before measures_, which sets it
  std::optional<Period> age_period_;                       // likewise
  std::vector<analyse::PeerMeasures> measures_;
  std::vector<std::optional<int>> deciles_;
  analyse::PeerSpace space_;
  std::vector<RegisterModel> models_;
};

}  // namespace gpress
