// Loads a project's practice data (data/sources.csv, practices.csv,
// indicators.csv, values.csv, cqc.csv) and checks every cell, reporting each
// problem at its line and column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// Reads the five files under `project`/data. A missing file reads as empty
/// (a project may publish only the toolkit). Problems go to `diags`; rows
/// with errors are left out, so the result is usable for `gpress check` to
/// carry on, but a build must stop when `diags.has_errors()`.
PracticeData load_practice_data(const std::filesystem::path& project, Diagnostics& diags);

/// A number as gpress's data files write them ("12", "-0.5", "1e3"), after
/// trimming spaces; nullopt for anything else (including "NaN" and "inf") and
/// for numbers larger in size than kLargestNumber (core/input_text.hpp).
std::optional<double> parse_number(std::string_view text);

/// True when `text` is written as a number but parse_number refuses it for
/// its size ("1.7e308", "1e400").
bool is_too_large_number(std::string_view text);

/// The message for a number field that parse_number refuses: "value 'abc' is
/// not a number (...)" or "value '1e400' is too large (...)".
std::string bad_number_message(std::string_view what, std::string_view text);

/// One letter and five digits, e.g. A81001 or Y02625.
bool is_ods_practice_code(std::string_view text);

/// The message for a period that does not parse, e.g. "bad period '2022-24'
/// (...)"; shared with the importers so users see one wording.
std::string bad_period_message(std::string_view text);

}  // namespace gpress
