// The index of every practice, private/practices/index.html: every practice in
// priority order (risk rank), with its support level, top criteria and links
// to the data pack and options report it has. Written by one product per
// build: the options reports when they are built (their analysis ranks the
// practices), otherwise the data packs.
#pragma once

#include <optional>
#include <string_view>

#include "model/practice_data.hpp"
#include "products/product.hpp"

namespace gpress {

struct OptionsAnalysis;

inline constexpr std::string_view kPracticeIndexPath = "private/practices/index.html";

/// Whether `product` ("packs" or "options") writes the index in this build.
bool writes_practice_index(std::string_view product, const ProductRequest& request);

/// The quarter --quarter caps the practice documents at; none when not given
/// (or not a quarter: validation reports that).
std::optional<Period> quarter_cap(const ProductRequest& request);

/// Writes the index through run.sink. `analysis` may be null, and is then
/// worked out here.
void write_practice_index(ProductRun& run, const OptionsAnalysis* analysis);

}  // namespace gpress
