// Files compiled into the gpress executable: the built-in templates
// (templates/...), the front-end assets gpress vendors (vendor/...) and the
// starter project `gpress init` writes (starter/...).
#pragma once

#include <string_view>
#include <vector>

namespace gpress {

struct EmbeddedFile {
  std::string_view name;  ///< "templates/item.html", "vendor/nhsuk-frontend.min.css", "starter/gpress.toml"
  std::string_view bytes;
};

/// Every embedded file, sorted by name as the build listed them.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace gpress
