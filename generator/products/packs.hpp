#pragma once

#include "products/product.hpp"

namespace gpress {

/// A data pack per practice: private/practices/<ODS>/data-pack.html and
/// data-pack.xlsx (and the index of practices, products/practice_index.hpp,
/// when options reports are not built with them).
Product packs_product();

}  // namespace gpress
