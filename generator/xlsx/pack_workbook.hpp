// data-pack.xlsx: the figures of a practice's data pack as a workbook.
//
//   data-pack.xlsx
//   ├── Summary                 profile, CQC ratings, indicators by domain
//   ├── Indicators              one row per indicator × period, every figure
//   │                           the page shows; frozen header, autofilter
//   └── Sources & definitions   each indicator's definition, polarity and
//                               comparator method; each source and its licence
//
// Values are written unrounded with a number format matching the unit, so a
// cell shows what the page shows and keeps full precision for analysts; a
// value that is not published is a blank cell, never 0. The document's
// creation date is fixed, so the same inputs give byte-identical files.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "assemble/pack.hpp"

namespace gpress {

/// The workbook's bytes. Throws InternalError (with libxlsxwriter's message)
/// when it cannot be written.
std::string pack_workbook(const PracticePack& pack, const PackPage& page);

}  // namespace gpress
