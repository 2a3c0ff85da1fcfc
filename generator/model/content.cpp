#include "model/content.hpp"

#include "core/hash.hpp"

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

std::uint64_t listed_fields_hash(const Page& p) {
  std::uint64_t h = hash_bytes(p.path);
  for (const std::string* field : {&p.slug, &p.title, &p.summary, &p.theme, &p.date, &p.source, &p.organisation})
    h = hash_combine(h, hash_bytes(*field));
  for (const auto& tag : p.tags) h = hash_combine(h, hash_bytes(tag));
  h = hash_combine(h, p.tags.size());
  h = hash_combine(h, static_cast<std::uint64_t>(p.type));
  return hash_combine(h, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.weight)));
}

}  // namespace gpress
