// Helpers shared by the YAML loaders (front matter, themes.yaml). Internal to
// load/: yaml-cpp stays out of every other module's headers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

/// Offset of a quote that opens a YAML quoted scalar and is never closed
/// before the end of `text`, or is closed only on a later line that goes on
/// after it (by the quote that opened a later value); nullopt when none. A quote opens a
/// scalar only where a value starts (after ": ", "- ", "[", "{", "," or at a
/// line's start), so apostrophes inside words are not quotes; comments are
/// skipped. yaml-cpp reports such a quote where it gives up (often the end of
/// the file); this finds where it opens.
inline std::optional<std::size_t> find_unclosed_quote(std::string_view text) {
  char last = '\n';  // the last character before text[i] that is not a space
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#' && (last == '\n' || text[i - 1] == ' ')) {  // a comment, to the end of its line
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    const bool value_starts = last == '\n' || last == '[' || last == '{' || last == ',' ||
                              ((last == ':' || last == '-') && text[i - 1] == ' ');
    if ((c == '"' || c == '\'') && value_starts) {
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (c == '"' && text[j] == '\\') {
          ++j;  // an escape: the next character is not the closing quote
        } else if (text[j] == c) {
          if (c == '\'' && j + 1 < text.size() && text[j + 1] == '\'') {
            ++j;  // '' is one ' inside single quotes
            continue;
          }
          break;
        }
      }
      if (j >= text.size()) return i;
      // Closed on a later line with more text after it: most likely the
      // opening quote of a value further down closed this one.
      if (text.substr(i, j - i).find('\n') != std::string_view::npos) {
        std::size_t k = j + 1;
        while (k < text.size() && text[k] == ' ') ++k;
        if (k < text.size() && std::string_view("\n\r#,]}:").find(text[k]) == std::string_view::npos) return i;
      }
      i = j;
    }
    if (c != ' ') last = c;
  }
  return std::nullopt;
}

/// The first scalar under `node` (keys included) whose text contains `needle`;
/// an undefined node (false) when none does.
inline YAML::Node find_scalar_containing(const YAML::Node& node, const std::string& needle) {
  const YAML::Node none(YAML::NodeType::Undefined);
  if (node.IsScalar()) return node.Scalar().find(needle) != std::string::npos ? node : none;
  if (node.IsSequence())
    for (const auto& item : node)
      if (YAML::Node found = find_scalar_containing(item, needle)) return found;
  if (node.IsMap())
    for (const auto& kv : node) {
      if (YAML::Node found = find_scalar_containing(kv.first, needle)) return found;
      if (YAML::Node found = find_scalar_containing(kv.second, needle)) return found;
    }
  return none;
}

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
    if (auto open = find_unclosed_quote(text)) {
      SourceLoc at = locate(path, text, *open);
      at.line += line_offset;
      diags.error(at, "quoted text is never closed: add the closing quote");
      return YAML::Node(YAML::NodeType::Undefined);
    }
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
  // The open quote may be in a value nested at any depth (a theme's domain):
  // the scalar that swallowed the key starts where the quote opens.
  if (const YAML::Node open = find_scalar_containing(root, kEndSentinel)) {
    diags.error(yaml_loc(path, open.Mark(), line_offset), "quoted text is never closed: add the closing quote");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  diags.error({path, line_offset + 1, 1}, "YAML is not closed properly near the end");
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace gpress::detail
