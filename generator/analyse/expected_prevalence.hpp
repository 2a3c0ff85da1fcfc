// Expected prevalence: what a practice's age profile and deprivation predict
// for a disease register, from a model fitted on every practice in England
// (docs/expected-prevalence.md).
//
//   every practice's register, list, age share, IMD ──► fit_prevalence_model
//     weighted least squares of recorded prevalence on age share and IMD
//     score, weighted by the list the register is counted against;
//     between-practice spread by Spiegelhalter's additive over-dispersion
//   one practice ──► expected_prevalence: expected value, the range 95% of
//     practices like it fall in, where its recorded value stands, the gap in
//     patients
//
// Proportions are 0..1 throughout (the caller scales to percent). Pure
// functions: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "analyse/stats.hpp"

namespace gpress::analyse {

/// One practice's register for one disease, and what the model predicts from.
struct RegisterObservation {
  double on_register = 0.0;  ///< patients on the register (numerator)
  double list = 0.0;         ///< patients in the register's age base (denominator)
  double age_share = 0.0;    ///< share of the practice's list in the older age band (0..1)
  double deprivation = 0.0;  ///< IMD score
};

/// prevalence = intercept + age × age_share + deprivation × IMD score.
struct PrevalenceModel {
  double intercept = 0.0;
  double age = 0.0;
  double deprivation = 0.0;
  /// Weighted R²: 1 - Σ w (y - ŷ)² / Σ w (y - ȳ)², with ȳ the pooled prevalence.
  double r_squared = 0.0;
  /// Practices the model was fitted on.
  std::size_t practices = 0;
  /// Between-practice variance the model leaves unexplained (τ², proportion²),
  /// beyond chance: Spiegelhalter's additive over-dispersion.
  double between_variance = 0.0;

  /// The fitted prevalence, kept within 0..1.
  double predict(double age_share, double deprivation_score) const;
};

/// Fits the model by weighted least squares (weights: the list), then
/// estimates τ² from the z-scores of the practices against it (Spiegelhalter
/// 2005, "Handling over-dispersion of performance indicators": z-scores
/// winsorised at their 10th and 90th percentiles, PERCENTILE.INC;
/// τ² = max(0, (I φ - (I - 1)) / (Σ w - Σ w² / Σ w)), w = 1 / s², s² = ŷ (1 - ŷ) / list).
/// Observations with list <= 0 or numbers out of range are left out. nullopt
/// with fewer than 4 practices or when the covariates cannot be told apart.
std::optional<PrevalenceModel> fit_prevalence_model(std::span<const RegisterObservation> observations);

/// Where the practice's recorded prevalence stands against its expected value.
enum class AgainstExpected { kBelow, kSimilar, kAbove };

/// One practice against the model.
struct ExpectedPrevalence {
  double recorded = 0.0;  ///< on_register / list
  double expected = 0.0;  ///< model.predict(age_share, deprivation)
  /// expected ± z sqrt(ŷ (1 - ŷ) / list + τ²), cut to 0..1: where the
  /// recorded prevalence of a practice like this one falls 95 times in 100.
  Interval range;
  AgainstExpected against = AgainstExpected::kSimilar;
  /// expected × list - on_register: positive when more patients would be
  /// expected on the register than are on it.
  double gap = 0.0;
};

/// The practice against the model; nullopt when its list is not positive.
std::optional<ExpectedPrevalence> expected_prevalence(const PrevalenceModel& model, const RegisterObservation& practice,
                                                      double z = kZ95);

}  // namespace gpress::analyse
