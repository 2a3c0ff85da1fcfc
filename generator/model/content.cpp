#include "model/content.hpp"

namespace gpress {

namespace {
struct TypeInfo {
  PageType type;
  std::string_view name, label, plural;
};
constexpr TypeInfo kTypes[] = {
    {PageType::kReport, "report", "Report", "Reports"},
    {PageType::kPointOfView, "point-of-view", "Point of view", "Points of view"},
    {PageType::kTool, "tool", "Tool", "Tools"},
    {PageType::kCaseStudy, "case-study", "Case study", "Case studies"},
    {PageType::kPage, "page", "Page", "Pages"},
    {PageType::kAction, "action", "Action", "Actions"},
};
const TypeInfo& info(PageType t) { return kTypes[static_cast<int>(t)]; }
}  // namespace

std::string_view to_string(PageType type) { return info(type).name; }
std::string_view type_label(PageType type) { return info(type).label; }
std::string_view type_plural(PageType type) { return info(type).plural; }
bool is_toolkit_type(PageType type) { return static_cast<int>(type) <= static_cast<int>(PageType::kCaseStudy); }

std::optional<PageType> page_type_from_string(std::string_view text) {
  for (const auto& t : kTypes)
    if (t.name == text) return t.type;
  return std::nullopt;
}

}  // namespace gpress
