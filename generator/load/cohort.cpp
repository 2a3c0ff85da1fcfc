#include "load/cohort.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/text.hpp"

namespace gpress {

void select_cohort(const std::vector<ProgrammeConfig::CohortCode>& codes, PracticeData& data, Diagnostics& diags) {
  if (codes.empty() || data.practices.empty()) return;
  std::set<std::string, std::less<>> wanted;
  for (const auto& c : codes) wanted.insert(c.code);
  std::set<std::string, std::less<>> known;
  for (Practice& p : data.practices) {
    p.in_cohort = false;
    for (const std::string* code : {&p.icb_code, &p.sub_icb_code, &p.pcn_code, &p.ods_code}) {
      if (code->empty()) continue;
      known.insert(*code);
      if (wanted.count(*code)) p.in_cohort = true;
    }
  }
  const std::vector<std::string> candidates(known.begin(), known.end());
  for (const auto& c : codes) {
    if (known.count(c.code)) continue;
    std::string msg = fmt::format(
        "[programme] cohort: no practice in data/practices.csv has the ICB, sub-ICB, PCN "
        "or ODS code '{}'",
        c.code);
    if (auto near = closest_match(c.code, candidates)) msg += fmt::format(" (did you mean '{}'?)", *near);
    diags.error(c.loc, msg);
  }
}

}  // namespace gpress
