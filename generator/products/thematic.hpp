#pragma once

#include "products/product.hpp"

namespace gpress {

/// The quarterly thematic highlight report (private/thematic/<YYYY-Qn>/),
/// for the local office and, with suppression, for a wider audience.
Product thematic_product();

}  // namespace gpress
