// Every output product gpress builds, in build order.
#include "products/options.hpp"
#include "products/packs.hpp"
#include "products/product.hpp"
#include "products/thematic.hpp"
#include "products/toolkit.hpp"

namespace gpress {

const std::vector<Product>& products() {
  static const std::vector<Product> all = {toolkit_product(), packs_product(), options_product(), thematic_product()};
  return all;
}

}  // namespace gpress
