// Front matter (the YAML between a content file's fences) on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/front_matter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  gpress::Diagnostics diags;
  if (auto fm = gpress::detail::read_front_matter("content/x/fuzz.md", yaml, diags)) {
    (void)gpress::detail::find_field(*fm, "title");
    (void)gpress::detail::find_field(*fm, "tags");
  }
  (void)diags.str();
  return 0;
}
