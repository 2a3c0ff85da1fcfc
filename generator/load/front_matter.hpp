// The YAML between a content file's `---` fences, as the fields parse_page
// checks. Internal to load/.
//
// Nearly every front matter is a list of `key: value` lines whose values are
// plain or simply quoted text, or a one-line list like `[a, b]`. Those are
// read directly: yaml-cpp builds a node tree through a regex-driven scanner,
// which made it most of the cost of loading a large toolkit. Anything else
// (block lists, nested maps, escapes, comments after a value, empty values,
// multi-line text, a key given twice...) goes to yaml-cpp, which also gives
// every syntax error its message. Both give the same fields, texts and places
// (tests/unit/front_matter_test.cpp compares them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"

namespace gpress::detail {

struct FrontMatterItem {
  std::optional<std::string> text;  ///< nullopt for an entry that is not text (null, a list, a map)
  SourceLoc loc;
};

struct FrontMatterField {
  enum class Kind { kNull, kText, kList, kOther };
  std::string key;
  SourceLoc key_loc;
  SourceLoc value_loc;
  Kind kind = Kind::kNull;
  std::string text;                    ///< kText
  std::vector<FrontMatterItem> items;  ///< kList
  YAML::Node node;                     ///< the value as yaml-cpp read it; only set when yaml-cpp read the file
};

using FrontMatter = std::vector<FrontMatterField>;

/// Reads `yaml` (the text between the fences; its first line is file line 2).
/// Syntax errors go to `diags` and give nullopt; so does YAML that is not a
/// mapping, which is reported as such.
std::optional<FrontMatter> read_front_matter(const std::string& path, std::string_view yaml, Diagnostics& diags);

/// The fast reader alone: nullopt when the text needs yaml-cpp. For tests.
std::optional<FrontMatter> read_simple_front_matter(const std::string& path, std::string_view yaml);

/// yaml-cpp alone. For tests.
std::optional<FrontMatter> read_front_matter_with_yaml_cpp(const std::string& path, std::string_view yaml,
                                                           Diagnostics& diags);

/// The first field named `key`, as yaml-cpp's lookup finds it; null when absent.
const FrontMatterField* find_field(const FrontMatter& fm, std::string_view key);

}  // namespace gpress::detail
