#include "load/front_matter.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "load/csv.hpp"  // is_valid_utf8
#include "load/yaml_util.hpp"

namespace gpress::detail {
namespace {

// Front matter's first line is the file's second.
constexpr std::uint32_t kLineOffset = 1;

SourceLoc at(const std::string& path, std::size_t line, std::size_t column) {
  return {path, static_cast<std::uint32_t>(line + kLineOffset + 1), static_cast<std::uint32_t>(column + 1)};
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Plain (unquoted) text that means the same to every YAML reader: it starts
// with a letter, digit or one of a few marks that YAML gives no meaning, and
// holds nothing that could start a comment, a nested value or a flow
// collection (`stop` adds the characters that end an entry inside [...]).
// Words YAML reads as null are left to yaml-cpp.
bool is_simple_plain(std::string_view s, std::string_view stop) {
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s.front());
  const bool starts_ok = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                         (first >= '0' && first <= '9') || first >= 0x80 ||
                         std::string_view("(/.$+_=<").find(s.front()) != std::string_view::npos ||
                         (s.front() == '-' && s.size() > 1 && s[1] != ' ');
  if (!starts_ok || s.back() == ':' || s.back() == ' ') return false;
  if (s == "null" || s == "Null" || s == "NULL") return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    if ((c == '#' && s[i - 1] == ' ') || stop.find(c) != std::string_view::npos) return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
  }
  return true;
}

// A quoted text on one line with no escapes. `s` starts at the opening
// quote; returns the text and how many bytes the quoted form takes.
std::optional<std::pair<std::string, std::size_t>> simple_quoted(std::string_view s) {
  const char quote = s.front();
  std::string text;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
    if (quote == '"' && c == '\\') return std::nullopt;
    if (c == quote) {
      if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {  // '' is one '
        text += '\'';
        ++i;
        continue;
      }
      return std::make_pair(std::move(text), i + 1);
    }
    text += c;
  }
  return std::nullopt;  // not closed on this line
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// One value: what follows `key: ` on line `line` from column `col`.
bool read_value(const std::string& path, std::string_view value, std::size_t line, std::size_t col,
                FrontMatterField& field) {
  value = trim_right(value);
  field.value_loc = at(path, line, col);
  if (value.empty()) return false;  // null, or a block below: yaml-cpp
  if (value.front() == '"' || value.front() == '\'') {
    auto quoted = simple_quoted(value);
    if (!quoted || quoted->second != value.size()) return false;
    field.kind = FrontMatterField::Kind::kText;
    field.text = std::move(quoted->first);
    return true;
  }
  if (value.front() != '[') {
    if (!is_simple_plain(value, "")) return false;
    field.kind = FrontMatterField::Kind::kText;
    field.text = std::string(value);
    return true;
  }
  // A one-line list: [a, "b", 'c'].
  if (value.back() != ']') return false;
  field.kind = FrontMatterField::Kind::kList;
  std::size_t i = 1;
  const std::size_t end = value.size() - 1;
  auto skip_spaces = [&] {
    while (i < end && value[i] == ' ') ++i;
  };
  skip_spaces();
  if (i == end) return true;  // []
  for (;;) {
    skip_spaces();
    if (i >= end) return false;  // a trailing comma or an empty entry
    FrontMatterItem item;
    item.loc = at(path, line, col + i);
    if (value[i] == '"' || value[i] == '\'') {
      auto quoted = simple_quoted(value.substr(i, end - i));
      if (!quoted) return false;
      item.text = std::move(quoted->first);
      i += quoted->second;
    } else {
      std::size_t stop = i;
      while (stop < end && value[stop] != ',') ++stop;
      const std::string_view text = trim_right(value.substr(i, stop - i));
      if (!is_simple_plain(text, "[]{},?")) return false;  // yaml-cpp ends a word in [...] at any of these
      item.text = std::string(text);
      i = stop;
    }
    field.items.push_back(std::move(item));
    skip_spaces();
    if (i == end) return true;
    if (value[i] != ',') return false;
    ++i;
  }
}

void convert_sequence(const std::string& path, const YAML::Node& node, FrontMatterField& field) {
  field.kind = FrontMatterField::Kind::kList;
  for (const auto& entry : node) {
    FrontMatterItem item;
    item.loc = yaml_loc(path, entry.Mark(), kLineOffset);
    item.text = scalar(entry);
    field.items.push_back(std::move(item));
  }
}

}  // namespace

std::optional<FrontMatter> read_simple_front_matter(const std::string& path, std::string_view yaml) {
  if (!is_valid_utf8(yaml)) return std::nullopt;
  FrontMatter fm;
  std::size_t line = 0;
  for (std::size_t pos = 0; pos < yaml.size(); ++line) {
    std::size_t nl = yaml.find('\n', pos);
    if (nl == std::string_view::npos) nl = yaml.size();
    std::string_view text = yaml.substr(pos, nl - pos);
    pos = nl + 1;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (trim_right(text).empty() || text.front() == '#') continue;
    std::size_t k = 0;
    while (k < text.size() && is_key_char(text[k])) ++k;
    if (k == 0 || !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z') || text[0] == '_'))
      return std::nullopt;
    if (k >= text.size() || text[k] != ':' || (k + 1 < text.size() && text[k + 1] != ' ')) return std::nullopt;
    FrontMatterField field;
    field.key = std::string(text.substr(0, k));
    // A key given twice, or one YAML reads as null, is left to yaml-cpp.
    if (find_field(fm, field.key) || field.key == "null" || field.key == "Null" || field.key == "NULL")
      return std::nullopt;
    field.key_loc = at(path, line, 0);
    std::size_t v = k + 1;
    while (v < text.size() && text[v] == ' ') ++v;
    if (!read_value(path, text.substr(v), line, v, field)) return std::nullopt;
    fm.push_back(std::move(field));
  }
  return fm;
}

std::optional<FrontMatter> read_front_matter_with_yaml_cpp(const std::string& path, std::string_view yaml,
                                                           Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  const YAML::Node root = load_mapping(path, std::string(yaml), kLineOffset, diags);
  if (diags.error_count() != errors_before) return std::nullopt;
  if (!root.IsMap()) {
    diags.error({path, kLineOffset + 1, 1}, "front matter must be 'key: value' fields, e.g. title: My report");
    return std::nullopt;
  }
  FrontMatter fm;
  for (const auto& kv : root) {
    FrontMatterField field;
    field.key = kv.first.Scalar();
    field.key_loc = yaml_loc(path, kv.first.Mark(), kLineOffset);
    // yaml-cpp keeps both; a reader would not know which one counts.
    if (const FrontMatterField* first = find_field(fm, field.key)) {
      diags.error(field.key_loc, fmt::format("duplicate field '{}' (first at line {}): give each field once", field.key,
                                             first->key_loc.line));
      continue;
    }
    field.value_loc = yaml_loc(path, kv.second.Mark(), kLineOffset);
    field.node = kv.second;
    if (kv.second.IsNull()) {
      field.kind = FrontMatterField::Kind::kNull;
    } else if (kv.second.IsScalar()) {
      field.kind = FrontMatterField::Kind::kText;
      field.text = kv.second.Scalar();
    } else if (kv.second.IsSequence()) {
      convert_sequence(path, kv.second, field);
    } else {
      field.kind = FrontMatterField::Kind::kOther;
    }
    fm.push_back(std::move(field));
  }
  return fm;
}

std::optional<FrontMatter> read_front_matter(const std::string& path, std::string_view yaml, Diagnostics& diags) {
  if (auto simple = read_simple_front_matter(path, yaml)) return simple;
  return read_front_matter_with_yaml_cpp(path, yaml, diags);
}

const FrontMatterField* find_field(const FrontMatter& fm, std::string_view key) {
  auto it = std::find_if(fm.begin(), fm.end(), [&](const FrontMatterField& f) { return f.key == key; });
  return it == fm.end() ? nullptr : &*it;
}

}  // namespace gpress::detail
