#include "assemble/population.hpp"

#include <numeric>

namespace gpress {

double AgePyramid::total() const {
  return std::accumulate(female.begin(), female.end(), 0.0) + std::accumulate(male.begin(), male.end(), 0.0);
}

PopulationPyramids::PopulationPyramids(const PracticeData& data) {
  // data.age_sex is sorted by practice then period: the last period seen for
  // a practice is its newest.
  for (const AgeSexCount& c : data.age_sex) {
    AgePyramid& p = practices_[c.ods_code];
    if (p.period < c.period) p = AgePyramid{c.period, {}, {}};
    if (p.period == c.period) (c.female ? p.female : p.male)[c.band] += c.patients;
    AgePyramid& e = england_[c.period];
    e.period = c.period;
    (c.female ? e.female : e.male)[c.band] += c.patients;
  }
}

const AgePyramid* PopulationPyramids::practice(std::string_view ods) const {
  const auto it = practices_.find(std::string(ods));
  return it == practices_.end() ? nullptr : &it->second;
}

const AgePyramid* PopulationPyramids::england(const Period& period) const {
  const auto it = england_.find(period);
  return it == england_.end() ? nullptr : &it->second;
}

}  // namespace gpress
