// Registered patients by sex and 5-year age band (data/age_sex.csv): each
// practice's newest profile, and England's (the sum over every practice in
// the data) in the same month, for the pack's population pyramid.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/practice_data.hpp"

namespace gpress {

struct AgePyramid {
  Period period;
  std::array<double, kAgeBands.size()> female{}, male{};
  double total() const;
};

class PopulationPyramids {
 public:
  /// Worked out once per run from data.age_sex.
  explicit PopulationPyramids(const PracticeData& data);

  /// The practice's newest month; null when none was imported.
  const AgePyramid* practice(std::string_view ods) const;
  /// Every practice's in `period`; null when none.
  const AgePyramid* england(const Period& period) const;

 private:
  std::unordered_map<std::string, AgePyramid> practices_;
  std::map<Period, AgePyramid> england_;
};

}  // namespace gpress
