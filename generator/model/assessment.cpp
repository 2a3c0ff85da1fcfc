#include "model/assessment.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "core/text.hpp"

namespace gpress {

std::string_view to_string(SupportLevel level) {
  switch (level) {
    case SupportLevel::kManage: return "Manage";
    case SupportLevel::kStabilise: return "Stabilise";
    case SupportLevel::kImprove: return "Improve";
    case SupportLevel::kSustain: return "Sustain";
  }
  return "Sustain";
}

std::string_view slug_of(SupportLevel level) {
  switch (level) {
    case SupportLevel::kManage: return "manage";
    case SupportLevel::kStabilise: return "stabilise";
    case SupportLevel::kImprove: return "improve";
    case SupportLevel::kSustain: return "sustain";
  }
  return "sustain";
}

std::optional<SupportLevel> parse_support_level(std::string_view text) {
  for (SupportLevel l :
       {SupportLevel::kManage, SupportLevel::kStabilise, SupportLevel::kImprove, SupportLevel::kSustain})
    if (equals_ignoring_case(to_string(l), text)) return l;
  return std::nullopt;
}

std::vector<std::string> support_level_names() { return {"Manage", "Stabilise", "Improve", "Sustain"}; }

int maturity_rank(char level) { return level >= 'A' && level <= 'D' ? level - 'A' + 1 : 0; }

namespace {

// Files are usually written practice by practice and oldest first, so rows
// mostly arrive in order: that is checked in one pass before anything moves.
// Otherwise positions are sorted rather than the rows, whose strings would
// be moved at every step of the merge, and the rows moved once.
template <typename Row, typename Date>
void sort_rows(std::vector<Row>& rows, Date date) {
  const auto less = [&](const Row& a, const Row& b) {
    return std::tie(a.ods_code, a.*date, a.line) < std::tie(b.ods_code, b.*date, b.line);
  };
  if (std::is_sorted(rows.begin(), rows.end(), less)) return;
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return less(rows[a], rows[b]); });
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (std::size_t i : order) sorted.push_back(std::move(rows[i]));
  rows = std::move(sorted);
}

template <typename Row, typename Map>
void index_rows(const std::vector<Row>& rows, Map& map) {
  map.clear();
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    while (j < rows.size() && rows[j].ods_code == rows[i].ods_code) ++j;
    map[rows[i].ods_code] = {i, j};
    i = j;
  }
}

}  // namespace

std::optional<std::size_t> Assessments::team360_dimension(std::string_view name) const {
  for (std::size_t i = 0; i < team360_dimensions.size(); ++i)
    if (equals_ignoring_case(team360_dimensions[i], name)) return i;
  return std::nullopt;
}

void Assessments::reindex() {
  // Before the sort, so a dimension's first spelling is the first in the file.
  for (Team360Score& s : team360) {
    if (auto i = team360_dimension(s.dimension)) s.dimension = team360_dimensions[*i];
    else team360_dimensions.push_back(s.dimension);
  }
  sort_rows(maturity, &MaturityRating::assessed_on);
  sort_rows(team360, &Team360Score::assessed_on);
  sort_rows(intelligence, &IntelligenceFlag::recorded_on);
  sort_rows(overrides, &SupportOverride::set_on);
  index_rows(maturity, maturity_at_);
  index_rows(team360, team360_at_);
  index_rows(intelligence, intelligence_at_);
  index_rows(overrides, overrides_at_);
  // Every report and trigger asks for a practice's latest maturity ratings,
  // many times over, so they are worked out once here: rows are oldest first
  // and the sort keeps that order within a domain, so the last row of each
  // domain is its latest rating.
  maturity_latest_.clear();
  maturity_latest_at_.clear();
  std::vector<std::size_t> rows;
  for (const auto& [ods, range] : maturity_at_) {
    rows.clear();
    for (std::size_t i = range.begin; i < range.end; ++i) rows.push_back(i);
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(maturity[a].theme, maturity[a].domain) < std::tie(maturity[b].theme, maturity[b].domain);
    });
    const std::size_t begin = maturity_latest_.size();
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const MaturityRating& r = maturity[rows[k]];
      if (k + 1 < rows.size() && maturity[rows[k + 1]].domain == r.domain && maturity[rows[k + 1]].theme == r.theme)
        continue;
      maturity_latest_.push_back(rows[k]);
    }
    maturity_latest_at_[ods] = {begin, maturity_latest_.size()};
  }
}

std::vector<const MaturityRating*> Assessments::latest_maturity(std::string_view ods) const {
  std::vector<const MaturityRating*> out;
  auto it = maturity_latest_at_.find(std::string(ods));
  if (it == maturity_latest_at_.end()) return out;
  out.reserve(it->second.end - it->second.begin);
  for (std::size_t i = it->second.begin; i < it->second.end; ++i) out.push_back(&maturity[maturity_latest_[i]]);
  return out;
}

std::vector<const Team360Score*> Assessments::latest_team360(std::string_view ods) const {
  std::vector<const Team360Score*> out;
  auto it = team360_at_.find(std::string(ods));
  if (it == team360_at_.end()) return out;
  std::vector<const Team360Score*> by_dim(team360_dimensions.size(), nullptr);
  for (std::size_t i = it->second.begin; i < it->second.end; ++i)
    if (auto d = team360_dimension(team360[i].dimension)) by_dim[*d] = &team360[i];
  for (const auto* s : by_dim)
    if (s) out.push_back(s);
  return out;
}

const IntelligenceFlag* Assessments::latest_flag(std::string_view ods, int criterion) const {
  auto it = intelligence_at_.find(std::string(ods));
  if (it == intelligence_at_.end()) return nullptr;
  const IntelligenceFlag* latest = nullptr;
  for (std::size_t i = it->second.begin; i < it->second.end; ++i)
    if (intelligence[i].criterion == criterion) latest = &intelligence[i];
  return latest;
}

std::vector<const IntelligenceFlag*> Assessments::notes(std::string_view ods) const {
  std::vector<const IntelligenceFlag*> out;
  auto it = intelligence_at_.find(std::string(ods));
  if (it == intelligence_at_.end()) return out;
  for (std::size_t i = it->second.end; i > it->second.begin; --i) out.push_back(&intelligence[i - 1]);
  return out;
}

const SupportOverride* Assessments::override_of(std::string_view ods) const {
  auto it = overrides_at_.find(std::string(ods));
  if (it == overrides_at_.end()) return nullptr;
  return &overrides[it->second.end - 1];
}

}  // namespace gpress
