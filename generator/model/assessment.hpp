// Assessments of a practice, as plain data (design.md, "Data files"):
//
//   data/assessments/maturity.csv      self-assessment, level A-D per theme domain
//   data/assessments/team360.csv       team 360 score 1-5 per dimension
//   data/assessments/intelligence.csv  local intelligence flags on national criteria
//   data/assessments/overrides.csv     the support team's own support level (optional)
//
// Practices are assessed more than once over a programme; every row is kept
// and the lookups answer with the latest, so the report shows where a
// practice stands now while the files stay a history.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gpress {

/// The intervention support levels, most intensive first (intervention
/// support approach: Manage, Stabilise, Improve, Sustain).
enum class SupportLevel { kManage, kStabilise, kImprove, kSustain };

/// "Manage", "Stabilise", "Improve", "Sustain".
std::string_view to_string(SupportLevel level);
/// "manage", ... for CSS classes and JSON.
std::string_view slug_of(SupportLevel level);
/// The four names above, case-insensitively; nullopt otherwise.
std::optional<SupportLevel> parse_support_level(std::string_view text);
std::vector<std::string> support_level_names();

/// A maturity level letter A-D as 1-4; 0 for anything else.
int maturity_rank(char level);

struct MaturityRating {
  std::string ods_code;
  std::string assessed_on;  ///< ISO date
  std::string theme;        ///< theme slug
  int domain = 0;           ///< 1-based position inside the theme
  char level = 'A';
  /// Its line in its file (data/assessments/, one file per kind): rows from
  /// one day are kept in file order. A line rather than a SourceLoc keeps a
  /// national set of assessments small.
  std::uint32_t line = 0;
};

struct Team360Score {
  std::string ods_code;
  std::string assessed_on;
  /// As Assessments::team360_dimensions spells it (after reindex()).
  std::string dimension;
  double score = 0;        ///< 1-5, the mean of the team's answers
  std::uint32_t line = 0;  ///< its line in its file (see MaturityRating::line)
};

struct IntelligenceFlag {
  std::string ods_code;
  std::string recorded_on;
  int criterion = 0;  ///< national criterion 3-16
  bool flag = false;
  std::string note;
  std::uint32_t line = 0;  ///< its line in its file (see MaturityRating::line)
};

/// The support team's decision on a practice's support level, which wins
/// over the rules.
struct SupportOverride {
  std::string ods_code;
  std::string set_on;
  SupportLevel level = SupportLevel::kSustain;
  std::string reason;
  std::uint32_t line = 0;  ///< its line in its file (see MaturityRating::line)
};

/// Every assessment row, sorted by ODS code, then date, then file line.
class Assessments {
 public:
  std::vector<MaturityRating> maturity;
  std::vector<Team360Score> team360;
  std::vector<IntelligenceFlag> intelligence;
  std::vector<SupportOverride> overrides;
  /// The team 360 tool's dimensions, in the order reports list them: those
  /// set in gpress.toml ([team360] dimensions), then any other a row names,
  /// in the order first seen. One spelling each, matched without regard to
  /// case.
  std::vector<std::string> team360_dimensions;

  /// Completes team360_dimensions from the rows (in their order) and gives
  /// each row its dimension's listed spelling; sorts the rows as documented
  /// and rebuilds the lookups. Call after changing the vectors.
  void reindex();

  /// The position of `name` in team360_dimensions, whatever its case.
  std::optional<std::size_t> team360_dimension(std::string_view name) const;

  /// The latest rating of each theme domain of a practice (by theme slug then
  /// domain); empty when it has none.
  std::vector<const MaturityRating*> latest_maturity(std::string_view ods) const;
  /// The latest score of each dimension (in team360_dimensions order).
  std::vector<const Team360Score*> latest_team360(std::string_view ods) const;
  /// The latest flag of a criterion for a practice, or null. On the same
  /// date the row further down the file wins: it was written later.
  const IntelligenceFlag* latest_flag(std::string_view ods, int criterion) const;
  /// Every intelligence row of a practice, newest first.
  std::vector<const IntelligenceFlag*> notes(std::string_view ods) const;
  /// The latest override of a practice, or null.
  const SupportOverride* override_of(std::string_view ods) const;

 private:
  struct Range {
    std::size_t begin = 0, end = 0;
  };
  std::unordered_map<std::string, Range> maturity_at_, team360_at_, intelligence_at_, overrides_at_;
  /// Each practice's latest rating of each domain, as positions in
  /// `maturity` sorted by theme slug then domain; ranges into it by ODS code.
  std::vector<std::size_t> maturity_latest_;
  std::unordered_map<std::string, Range> maturity_latest_at_;
};

}  // namespace gpress
