#pragma once

#include "products/product.hpp"

namespace gpress {

/// A data pack per practice: private/practices/<ODS>/data-pack.html and
/// data-pack.xlsx, and private/practices/index.html listing every practice.
Product packs_product();

struct OptionsAnalysis;

/// Writes private/practices/index.html: every practice in priority order
/// (risk rank), with its support level, top criteria and links to the
/// outputs it has. `analysis` may be null, and is then worked out here.
void write_practice_index(ProductRun& run, const OptionsAnalysis* analysis);

}  // namespace gpress
