// Helpers shared by the YAML loaders (front matter, themes.yaml). Internal to
// load/: yaml-cpp stays out of every other module's headers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"

namespace gpress::detail {

/// Where a YAML node sits in its file. `line_offset` is the file line of the
/// YAML text's first line minus one (front matter starts on line 2).
inline SourceLoc yaml_loc(const std::string& path, const YAML::Mark& mark, std::uint32_t line_offset) {
  if (mark.line < 0) return {path, line_offset + 1, 0};
  return {path, static_cast<std::uint32_t>(mark.line) + line_offset + 1, static_cast<std::uint32_t>(mark.column) + 1};
}

/// yaml-cpp's messages start lower-case already; this keeps them as they are
/// and drops the "yaml-cpp: error at line..." prefix that what() adds.
inline std::string yaml_message(const YAML::Exception& e) { return e.msg.empty() ? "invalid YAML" : e.msg; }

/// The scalar's text, or nullopt when the node is missing, null or not a scalar.
inline std::optional<std::string> scalar(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

/// Key appended to a YAML mapping before parsing. yaml-cpp accepts a quoted
/// value left open at the end of the text; with this key after it, an open
/// quote swallows the key, and the loss shows exactly which value is open.
inline constexpr const char* kEndSentinel = "__gpress_end_of_yaml__";

/// Parses a YAML mapping, reporting syntax errors (including an unclosed
/// quote) at their file line. Returns a null node on error; the sentinel key is
/// removed from a good result.
inline YAML::Node load_mapping(const std::string& path, const std::string& text, std::uint32_t line_offset,
                               Diagnostics& diags) {
  std::string input = text;
  if (!input.empty() && input.back() != '\n') input += '\n';
  input += kEndSentinel;
  input += ": 0\n";
  YAML::Node root;
  try {
    root = YAML::Load(input);
  } catch (const YAML::Exception& e) {
    // A mark inside the appended key means "at the end of the user's text".
    const auto user_lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    YAML::Mark mark = e.mark;
    if (mark.line >= user_lines) {
      mark.line = user_lines;
      mark.column = 0;
    }
    diags.error(yaml_loc(path, mark, line_offset), yaml_message(e));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!root.IsMap()) return root;
  if (root[kEndSentinel]) {
    root.remove(kEndSentinel);
    return root;
  }
  for (const auto& kv : root) {
    if (kv.second.IsScalar() && kv.second.Scalar().find(kEndSentinel) != std::string::npos) {
      diags.error(yaml_loc(path, kv.second.Mark(), line_offset),
                  "quoted text is never closed: add the closing quote");
      return YAML::Node(YAML::NodeType::Undefined);
    }
  }
  diags.error({path, line_offset + 1, 1}, "YAML is not closed properly near the end");
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace gpress::detail
