// Helpers shared by the YAML loaders (front matter, themes.yaml). Internal to
// load/: yaml-cpp stays out of every other module's headers.
#pragma once

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

}  // namespace gpress::detail
