#pragma once

#include "products/product.hpp"

namespace gpress {

/// A data pack per practice: private/practices/<ODS>/data-pack.html and
/// data-pack.xlsx, and private/practices/index.html listing every practice.
Product packs_product();

}  // namespace gpress
