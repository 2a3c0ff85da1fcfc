#include "config/config.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/fs.hpp"
#include "core/input_text.hpp"
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
    if (auto v = n.value_exact<bool>()) c.*section.*field = *v;  // not 1 or 0: toml++ would read them as true or false
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

Reader criteria_in(std::vector<int> SupportConfig::*field) {
  return [field](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    const auto* arr = n.as_array();
    std::vector<int> out;
    bool ok = arr != nullptr;
    if (arr) {
      for (const auto& item : *arr) {
        auto v = item.value<int64_t>();
        if (!v || *v < 1 || *v > 16) ok = false;
        else out.push_back(static_cast<int>(*v));
      }
    }
    if (!ok) d.error(at, "expected a list of national criterion numbers 1-16, e.g. [4, 5, 13]");
    else c.support.*field = out;
  };
}

Reader number_in_support(double SupportConfig::*field, double min, double max) {
  return [=](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    auto v = n.value<double>();
    if (!v || !(*v >= min && *v <= max))
      d.error(at, fmt::format("expected a number from {} to {}", min, max));  // NaN too
    else c.support.*field = *v;
  };
}

Reader level_in_support(char SupportConfig::*field) {
  return [=](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
    auto v = n.value<std::string>();
    if (!v || v->size() != 1 || (*v)[0] < 'A' || (*v)[0] > 'D')
      d.error(at, "expected a maturity level: \"A\", \"B\", \"C\" or \"D\"");
    else c.support.*field = (*v)[0];
  };
}

void read_weights(const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d, const std::string& path) {
  const auto* table = n.as_table();
  if (!table) {
    d.error(at, "expected a table of criterion = weight, e.g. weights = { 1 = 5, 8 = 3 }");
    return;
  }
  for (const auto& [key, value] : *table) {
    const std::string name(key.str());
    const SourceLoc key_at = loc_of(path, key.source());
    int criterion = 0;
    for (char ch : name) criterion = (ch >= '0' && ch <= '9' && criterion < 100) ? criterion * 10 + (ch - '0') : 1000;
    if (name.empty() || criterion < 1 || criterion > 16) {
      d.error(key_at, fmt::format("unknown criterion '{}' (expected a national criterion number 1-16)", name));
      continue;
    }
    auto v = value.value<int64_t>();
    if (!v || *v < 0 || *v > 100) d.error(loc_of(path, value.source()), "expected a whole number from 0 to 100");
    else c.risk.weights[static_cast<std::size_t>(criterion - 1)] = static_cast<int>(*v);
  }
}

void read_thresholds(const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d, const std::string& path) {
  const auto* table = n.as_table();
  if (!table) {
    d.error(at, "expected a table of indicator = value, e.g. thresholds = { qof_achievement = 90 }");
    return;
  }
  for (const auto& [key, value] : *table) {
    auto v = value.value<double>();
    if (!v || !is_usable_number(*v)) {
      d.error(loc_of(path, value.source()),
              fmt::format("expected a number no larger in size than {}", kLargestNumberText));
      continue;
    }
    c.risk.thresholds.push_back({std::string(key.str()), *v, loc_of(path, key.source())});
  }
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
        {"support_unit", string_in(&Config::programme, &ProgrammeConfig::support_unit)},
        {"cohort",
         [](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
           const auto* arr = n.as_array();
           if (!arr || arr->empty()) {
             d.error(at,
                     "expected a list of ICB, sub-ICB, PCN or ODS codes, e.g. cohort = [\"QMJ\"] (leave it out "
                     "for every practice)");
             return;
           }
           for (const auto& item : *arr) {
             const SourceLoc item_at = loc_of(at.path, item.source());
             if (auto v = item.value<std::string>()) c.programme.cohort.push_back({*v, item_at});
             else d.error(item_at, "expected a code in quotes, e.g. \"QMJ\"");
           }
         }}}},
      {"privacy", {{"suppression_threshold", int_in(&Config::privacy, &PrivacyConfig::suppression_threshold, 1, 100)}}},
      {"thematic",
       {{"cluster_min_practices", int_in(&Config::thematic, &ThematicConfig::cluster_min_practices, 2, 1000)},
        {"top_opportunities", int_in(&Config::thematic, &ThematicConfig::top_opportunities, 1, 100)},
        {"opportunity_area",
         [](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
           auto v = n.value<std::string>();
           if (!v || (*v != "pcn" && *v != "sub-icb")) d.error(at, "expected one of: pcn, sub-icb");
           else c.thematic.opportunity_area = *v;
         }}}},
      {"options", {{"max_actions", int_in(&Config::options, &OptionsConfig::max_actions, 1, 100)}}},
      {"packs",
       {{"peers", int_in(&Config::packs, &PacksConfig::peers, 1, 100)},
        {"significance",
         [](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
           auto v = n.value<double>();
           if (!v || (*v != 95.0 && *v != 99.8)) d.error(at, "expected 95 or 99.8 (percent confidence)");
           else c.packs.significance = *v;
         }}}},
      {"pdf",
       {{"enabled", bool_in(&Config::pdf, &PdfConfig::enabled)},
        {"browser", string_in(&Config::pdf, &PdfConfig::browser)}}},
      {"search",
       {{"pagefind", string_in(&Config::search, &SearchConfig::pagefind)},
        {"enabled", bool_in(&Config::search, &SearchConfig::enabled)}}},
      {"risk",
       {{"weights", [](const toml::node& n, Config& c, const SourceLoc& at,
                       Diagnostics& d) { read_weights(n, c, at, d, at.path); }},
        {"comparator",
         [](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
           auto v = n.value<std::string>();
           if (!v || (*v != "pcn" && *v != "sub-icb" && *v != "icb" && *v != "england"))
             d.error(at, "expected one of: pcn, sub-icb, icb, england");
           else {
             c.risk.comparator = *v;
             c.risk.comparator_loc = at;
           }
         }},
        {"thresholds", [](const toml::node& n, Config& c, const SourceLoc& at,
                          Diagnostics& d) { read_thresholds(n, c, at, d, at.path); }},
        {"top_criteria", int_in(&Config::risk, &RiskConfig::top_criteria, 1, 16)}}},
      {"support",
       {{"manage_criteria", criteria_in(&SupportConfig::manage_criteria)},
        {"manage_score", int_in(&Config::support, &SupportConfig::manage_score, 0, 1600)},
        {"manage_with_criteria", criteria_in(&SupportConfig::manage_with_criteria)},
        {"stabilise_criteria", criteria_in(&SupportConfig::stabilise_criteria)},
        {"stabilise_score", int_in(&Config::support, &SupportConfig::stabilise_score, 0, 1600)},
        {"improve_score", int_in(&Config::support, &SupportConfig::improve_score, 0, 1600)},
        {"readiness_team360", number_in_support(&SupportConfig::readiness_team360, 1, 5)},
        {"readiness_maturity", level_in_support(&SupportConfig::readiness_maturity)},
        {"sustain_maturity", level_in_support(&SupportConfig::sustain_maturity)}}},
      {"team360",
       {{"dimensions",
         [](const toml::node& n, Config& c, const SourceLoc& at, Diagnostics& d) {
           const auto* arr = n.as_array();
           if (!arr || arr->empty()) {
             d.error(at,
                     "expected a list of the team 360 tool's dimensions, e.g. dimensions = [\"Leadership\", "
                     "\"Workload\"] (leave it out to take them from data/assessments/team360.csv)");
             return;
           }
           for (const auto& item : *arr) {
             const SourceLoc item_at = loc_of(at.path, item.source());
             auto v = item.value<std::string>();
             if (!v || trim(*v).empty()) {
               d.error(item_at, "expected a dimension's name in quotes, e.g. \"Leadership\"");
               continue;
             }
             const std::string name(trim(*v));
             // Dimensions are matched without regard to case: two spellings of one are one.
             const auto same = std::find_if(c.team360.dimensions.begin(), c.team360.dimensions.end(),
                                            [&](const std::string& x) { return equals_ignoring_case(x, name); });
             if (same != c.team360.dimensions.end())
               d.error(item_at, fmt::format("'{}' is listed twice (as '{}'; case does not matter)", name, *same));
             else c.team360.dimensions.push_back(name);
           }
         }}}},
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

// The column of a one-line string value on `line` whose quote never closes
// on that line: toml++ reports such a string where it gives up (the end of
// the line), and a user looks for the quote.
std::optional<std::uint32_t> open_quote_column(std::string_view text, std::uint32_t line) {
  for (std::uint32_t l = 1; l < line; ++l) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    text.remove_prefix(nl + 1);
  }
  text = text.substr(0, text.find('\n'));
  std::size_t i = text.find('=');
  if (i == std::string_view::npos) return std::nullopt;
  i = text.find_first_not_of(' ', i + 1);
  if (i == std::string_view::npos || (text[i] != '"' && text[i] != '\'') || text.substr(i, 3) == "\"\"\"" ||
      text.substr(i, 3) == "'''")
    return std::nullopt;
  for (std::size_t j = i + 1; j < text.size(); ++j) {
    if (text[i] == '"' && text[j] == '\\') ++j;
    else if (text[j] == text[i]) return std::nullopt;
  }
  return static_cast<std::uint32_t>(i + 1);
}

}  // namespace

Config load_config(const std::filesystem::path& path, const std::string& display_path, Diagnostics& diags) {
  Config config;
  config.file = path;
  if (!std::filesystem::exists(path)) {
    diags.error(
        {display_path},
        "project settings file not found (is this a gpress project? try --project DIR, or `gpress init` to start one)");
    return config;
  }
  const std::string text = read_file(path);
  toml::table root;
  try {
    root = toml::parse(text, display_path);
  } catch (const toml::parse_error& e) {
    SourceLoc at = loc_of(display_path, e.source());
    if (auto quote = open_quote_column(text, at.line)) {
      at.column = *quote;
      diags.error(at, "quoted text is never closed: add the closing quote");
    } else {
      diags.error(at, std::string(e.description()));
    }
    return config;
  }
  SourceLoc base_url_at{display_path};
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
        diags.error(loc_of(display_path, key.source()),
                    unknown(fmt::format("setting in [{}]", section), name, keys_of(it->second)));
        continue;
      }
      // Every string setting ends up in pages or workbooks.
      if (auto s = node.value<std::string>(); s && !check_text(*s, at, name, diags)) continue;
      if (section == "site" && name == "base_url") base_url_at = at;
      reader->second(node, config, at, diags);
    }
  }
  auto& base = config.site.base_url;
  if (!is_web_address(base)) {
    diags.error(base_url_at,
                fmt::format("base_url must be a web address starting with https:// or http://, got '{}'", base));
  } else if (base.back() != '/') {
    base += '/';
  }
  return config;
}

}  // namespace gpress
