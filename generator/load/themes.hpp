// data/themes.yaml: the themes and the maturity framework.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "model/content.hpp"

namespace gpress {

/// Parses themes.yaml text; `path` names it in messages. Checks slugs are
/// slugs and unique, numbers unique, and every level A-D present and non-empty.
std::vector<Theme> parse_themes(const std::string& path, const std::string& text, Diagnostics& diags);

}  // namespace gpress
