#pragma once

#include "products/product.hpp"

namespace gpress {

/// The public toolkit site (site/).
Product toolkit_product();

}  // namespace gpress
