// The thematic report's input from a project: each practice as it stood at
// the end of the quarter and of the quarter before (analyse/practice_quarters),
// the themes and the menu of support; and the dates the report is placed by.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyse/practice_quarters.hpp"  // has_data_by(), which products ask before building
#include "analyse/thematic.hpp"
#include "core/error.hpp"
#include "load/project_inputs.hpp"
#include "model/assessment.hpp"

namespace gpress {

/// The quarter `text` names ("2025-Q4"); nullopt for anything else,
/// including months, financial years and quarters 0 or 5.
std::optional<Period> parse_quarter(const std::string& text);

/// The message for a malformed --quarter, naming the valid form.
std::string bad_quarter_message(const std::string& text);

/// The newest date of any dated input, ISO: the last day of an indicator's
/// period, a CQC inspection, an assessment, flag or override; nullopt when
/// nothing is dated. Options reports judge how recent evidence is against it.
std::optional<std::string> latest_date_in_data(const ProjectInputs& project, const Assessments& assessments);

/// The latest quarter any dated input falls in (indicator periods by their
/// last month, CQC inspections, assessments); nullopt when nothing is dated.
std::optional<Period> latest_quarter_in_data(const ProjectInputs& project, const Assessments& assessments);

/// The whole input for `quarter`: this quarter's states, the previous
/// quarter's when any data reach back that far, themes and the action menu.
ThematicInput thematic_input(const ProjectInputs& project, const Assessments& assessments, const Period& quarter,
                             unsigned jobs);

}  // namespace gpress
