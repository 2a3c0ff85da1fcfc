// Mustache templates on any bytes: the input up to its first NUL is the
// template, the rest the partial `p` (which may include itself). Compiling
// and rendering must end in output or an error, within the limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "render/mustache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nlohmann::json context = nlohmann::json::parse(R"({
    "title": "<b>A & B</b>", "yes": true, "no": false, "none": null, "zero": 0, "empty": "",
    "items": [{"name": "one", "items": []}, {"name": "two", "site": {"title": "inner"}}],
    "site": {"title": "Toolkit", "nested": {"deep": "x"}}, "p": "p"})");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);
  const std::string_view partial_text = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  (void)gpress::mustache_tags(text);
  const gpress::MustacheTemplate tmpl(text);
  const gpress::MustacheTemplate partial(partial_text);
  if (!tmpl.valid()) return 0;
  try {
    const std::string out = tmpl.render(context, [&](std::string_view name) -> const gpress::MustacheTemplate* {
      return name == "p" ? &partial : nullptr;
    });
    if (out.size() > gpress::kMaxRenderedBytes + (1 << 20)) __builtin_trap();
  } catch (const gpress::MustacheRenderError&) {
  }
  return 0;
}
