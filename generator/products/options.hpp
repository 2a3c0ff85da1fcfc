#pragma once

#include "products/product.hpp"

namespace gpress {

/// Options reports per practice and the ranked practice list:
///
///   private/practices/
///     <ODS>/options-report.html   one per practice (or per --practice)
///     assets/options.css          screen and A4 print styles of the reports
///     ranked-practices.xlsx       every practice in priority order
Product options_product();

}  // namespace gpress
