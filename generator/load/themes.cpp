#include "load/themes.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "core/hash.hpp"
#include "core/input_text.hpp"
#include "core/text.hpp"
#include "load/yaml_util.hpp"

namespace gpress {
namespace {

using detail::scalar;

SourceLoc at(const std::string& path, const YAML::Node& node) { return detail::yaml_loc(path, node.Mark(), 0); }

std::string text_field(const YAML::Node& map, const std::string& key, const std::string& path, const SourceLoc& owner,
                       Diagnostics& diags) {
  const YAML::Node node = map[key];
  auto s = scalar(node);
  if (!node || node.IsNull()) {
    diags.error(owner, fmt::format("missing '{}'", key));
    return {};
  }
  if (!s || trim(*s).empty()) {
    diags.error(at(path, node), fmt::format("'{}' must be non-empty text", key));
    return {};
  }
  if (!check_text(*s, at(path, node), key, diags)) return {};
  return std::string(trim(*s));
}

// A key gpress does not read is a warning (a misspelt one would otherwise be
// lost without a word); a key given twice is an error, since a reader could
// not tell which one counts.
void check_keys(const YAML::Node& map, const std::vector<std::string>& known, std::string_view in,
                const std::string& path, Diagnostics& diags) {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = scalar(kv.first).value_or("");
    const SourceLoc loc = at(path, kv.first);
    if (!check_text(key, loc, "key", diags, 100)) continue;
    if (!seen.insert(key).second) {
      diags.error(loc, fmt::format("duplicate key '{}' in {}: give each key once", key, in));
    } else if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string msg = fmt::format("unknown key '{}' in {} is ignored", key, in);
      if (auto m = closest_match(key, known)) msg += fmt::format(" (did you mean '{}'?)", *m);
      else msg += fmt::format(" (expected {})", join(known));
      diags.warning(loc, msg);
    }
  }
}

// Level texts A..D of `map`, each required.
std::array<std::string, 4> levels_of(const YAML::Node& map, const std::string& path, const SourceLoc& owner,
                                     Diagnostics& diags) {
  std::array<std::string, 4> out;
  check_keys(map, {"A", "B", "C", "D"}, "the levels", path, diags);
  for (std::size_t i = 0; i < kLevels.size(); ++i)
    out[i] = text_field(map, std::string(1, kLevels[i]), path, owner, diags);
  return out;
}

std::vector<Theme> read_themes(const std::string& path, const std::string& text, Diagnostics& diags) {
  std::vector<Theme> themes;
  const std::size_t errors_before = diags.error_count();
  const YAML::Node root = detail::load_mapping(path, text, 0, diags);
  if (diags.error_count() != errors_before) return themes;
  const YAML::Node list = root["themes"];
  if (!root.IsMap() || !list || !list.IsSequence()) {
    diags.error({path, 1, 1}, "expected a top-level 'themes:' list");
    return themes;
  }
  check_keys(root, {"themes"}, "themes.yaml", path, diags);
  std::set<std::string> slugs;
  std::set<int> numbers;
  for (const auto& node : list) {
    Theme theme;
    theme.loc = at(path, node);
    if (!node.IsMap()) {
      diags.error(theme.loc, "each theme must be a map with slug, number, title, summary, levels and domains");
      continue;
    }
    check_keys(node, {"slug", "number", "title", "summary", "levels", "domains"}, "a theme", path, diags);
    theme.slug = text_field(node, "slug", path, theme.loc, diags);
    if (!theme.slug.empty() && !is_slug(theme.slug))
      diags.error(at(path, node["slug"]),
                  fmt::format("slug '{}' must be lower-case letters, digits and hyphens", theme.slug));
    else if (!theme.slug.empty() && !slugs.insert(theme.slug).second)
      diags.error(at(path, node["slug"]), fmt::format("duplicate theme slug '{}'", theme.slug));
    if (const YAML::Node n = node["number"]) {
      try {
        theme.number = n.as<int>();
        if (!numbers.insert(theme.number).second)
          diags.error(at(path, n), fmt::format("duplicate theme number {}", theme.number));
      } catch (const YAML::Exception&) {
        diags.error(at(path, n), "number must be a whole number");
      }
    } else {
      diags.error(theme.loc, "missing 'number'");
    }
    theme.title = text_field(node, "title", path, theme.loc, diags);
    theme.summary = text_field(node, "summary", path, theme.loc, diags);
    if (const YAML::Node levels = node["levels"]; levels && levels.IsMap())
      theme.levels = levels_of(levels, path, at(path, levels), diags);
    else diags.error(theme.loc, "missing 'levels': the key concept of each level, {A: ..., B: ..., C: ..., D: ...}");
    const YAML::Node domains = node["domains"];
    if (!domains || !domains.IsSequence() || domains.size() == 0) {
      diags.error(theme.loc, "missing 'domains': a list of maturity domains with title and A-D descriptions");
    } else {
      for (const auto& d : domains) {
        MaturityDomain domain;
        domain.loc = at(path, d);
        if (!d.IsMap()) {
          diags.error(domain.loc, "each domain must be a map with title, A, B, C and D");
          continue;
        }
        domain.title = text_field(d, "title", path, domain.loc, diags);
        for (std::size_t i = 0; i < kLevels.size(); ++i)
          domain.levels[i] = text_field(d, std::string(1, kLevels[i]), path, domain.loc, diags);
        check_keys(d, {"title", "A", "B", "C", "D"}, "a domain", path, diags);
        theme.domains.push_back(std::move(domain));
      }
    }
    themes.push_back(std::move(theme));
  }
  return themes;
}

}  // namespace

// `gpress serve` loads the project again on every change, and yaml-cpp takes
// a while over the framework; it seldom changes, so the last file that read
// without a message is remembered, by path and bytes.
std::vector<Theme> parse_themes(const std::string& path, const std::string& text, Diagnostics& diags) {
  static std::mutex mutex;
  static std::uint64_t last_key = 0;
  static std::vector<Theme> last;
  const std::uint64_t key = hash_combine(hash_bytes(path), hash_bytes(text));
  {
    std::lock_guard lock(mutex);
    if (last_key == key) return last;
  }
  Diagnostics found;
  std::vector<Theme> themes = read_themes(path, text, found);
  diags.append(found);
  if (found.all().empty()) {
    std::lock_guard lock(mutex);
    last_key = key;
    last = themes;
  }
  return themes;
}

}  // namespace gpress
