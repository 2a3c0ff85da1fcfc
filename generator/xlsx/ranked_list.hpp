// The ranked practice list as a workbook (private/practices/ranked-practices.xlsx),
// for the programme lead who sorts, filters and annotates it in Excel.
#pragma once

#include <string>
#include <vector>

#include "assemble/ranking.hpp"

namespace gpress {

/// The workbook's bytes: one sheet "Ranked practices", a bold frozen header
/// row with an autofilter, one row per practice in rank order. The same rows
/// give byte-identical bytes (the creation time is fixed). Throws
/// InternalError when libxlsxwriter fails.
std::string ranked_list_xlsx(const std::vector<RankedPractice>& rows, const std::string& title);

}  // namespace gpress
