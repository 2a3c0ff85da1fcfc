#include "config/config.hpp"

#include <functional>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/fs.hpp"
#include "core/text.hpp"

namespace gpress {
namespace {

SourceLoc loc_of(const std::string& path, const toml::source_region& r) {
  return {path, static_cast<std::uint32_t>(r.begin.line), static_cast<std::uint32_t>(r.begin.column)};
}

// One setting: how to read it from its TOML node into the Config.
using Reader = std::function<void(const toml::node&, Config&, const SourceLoc&, Diagnostics&)>;

Reader string_into(std::string SiteConfig::*field) {
  return [field](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    if (auto v = n.value<std::string>()) c.site.*field = *v;
    else d.error(at, "expected a string");
  };
}

template <typename Section>
Reader string_in(Section Config::*section, std::string Section::*field) {
  return [section, field](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    if (auto v = n.value<std::string>()) c.*section.*field = *v;
    else d.error(at, "expected a string");
  };
}

template <typename Section>
Reader bool_in(Section Config::*section, bool Section::*field) {
  return [section, field](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    if (auto v = n.value<bool>()) c.*section.*field = *v;
    else d.error(at, "expected true or false");
  };
}

template <typename Section>
Reader int_in(Section Config::*section, int Section::*field, int min, int max) {
  return [=](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    auto v = n.value<int64_t>();
    if (!v || *v < min || *v > max) d.error(at, fmt::format("expected a whole number from {} to {}", min, max));
    else c.*section.*field = static_cast<int>(*v);
  };
}

const std::map<std::string, std::map<std::string, Reader>>& settings() {
  static const std::map<std::string, std::map<std::string, Reader>> table = {
      {"site",
       {{"title", string_into(&SiteConfig::title)},
        {"description", string_into(&SiteConfig::description)},
        {"base_url", string_into(&SiteConfig::base_url)},
        {"language", string_into(&SiteConfig::language)},
        {"pretty_urls", bool_in(&Config::site, &SiteConfig::pretty_urls)},
        {"newest_items", int_in(&Config::site, &SiteConfig::newest_items, 0, 100)}}},
      {"programme",
       {{"name", string_in(&Config::programme, &ProgrammeConfig::name)},
        {"local_office", string_in(&Config::programme, &ProgrammeConfig::local_office)},
        {"support_unit", string_in(&Config::programme, &ProgrammeConfig::support_unit)}}},
      {"privacy",
       {{"suppression_threshold", int_in(&Config::privacy, &PrivacyConfig::suppression_threshold, 1, 100)}}},
      {"search",
       {{"pagefind", string_in(&Config::search, &SearchConfig::pagefind)},
        {"enabled", bool_in(&Config::search, &SearchConfig::enabled)}}},
  };
  return table;
}

std::vector<std::string> keys_of(const auto& map) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map) out.push_back(k);
  return out;
}

std::string unknown(const std::string& what, const std::string& name, const std::vector<std::string>& known) {
  std::string msg = fmt::format("unknown {} '{}'", what, name);
  if (auto m = closest_match(name, known)) msg += fmt::format(" (did you mean '{}'?)", *m);
  return msg;
}

}  // namespace

Config load_config(const std::filesystem::path& path, const std::string& display_path, Diagnostics& diags) {
  Config config;
  config.file = path;
  if (!std::filesystem::exists(path)) {
    diags.error({display_path}, "project settings file not found (is this a gpress project? try --project DIR)");
    return config;
  }
  const std::string text = read_file(path);
  toml::table root;
  try {
    root = toml::parse(text, display_path);
  } catch (const toml::parse_error& e) {
    diags.error(loc_of(display_path, e.source()), std::string(e.description()));
    return config;
  }
  for (const auto& [section_key, section_node] : root) {
    const std::string section(section_key.str());
    const SourceLoc section_at = loc_of(display_path, section_key.source());
    auto it = settings().find(section);
    if (it == settings().end()) {
      diags.error(section_at, unknown("section", section, keys_of(settings())));
      continue;
    }
    const auto* table = section_node.as_table();
    if (!table) {
      diags.error(section_at, fmt::format("'{}' must be a table: [{}]", section, section));
      continue;
    }
    for (const auto& [key, node] : *table) {
      const std::string name(key.str());
      const SourceLoc at = loc_of(display_path, node.source());
      auto reader = it->second.find(name);
      if (reader == it->second.end()) {
        diags.error(loc_of(display_path, key.source()), unknown(fmt::format("setting in [{}]", section), name, keys_of(it->second)));
        continue;
      }
      reader->second(node, config, at, diags);
    }
  }
  auto& base = config.site.base_url;
  if (base.rfind("http://", 0) != 0 && base.rfind("https://", 0) != 0) {
    diags.error({display_path}, fmt::format("[site] base_url must start with http:// or https://, got '{}'", base));
  } else if (base.back() != '/') {
    base += '/';
  }
  return config;
}

}  // namespace gpress
