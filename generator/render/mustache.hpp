// A Mustache template compiled once and rendered straight from a JSON
// context, following the Mustache specification (github.com/mustache/spec,
// its required modules: interpolation, sections, inverted sections, comments,
// partials and set delimiters; and the optional dynamic names, `{{>*name}}`).
// tests/unit/mustache_spec_test.cpp runs the specification's own tests.
//
// What the specification leaves open follows kainjow mustache, which gpress
// rendered with before: an empty string is true in a section, true and false
// print nothing, a number prints as JSON writes it, and `'` is escaped as
// &apos; along with & < > ". tests/unit/mustache_test.cpp renders thousands of
// random templates both ways, leaving out the two places where the
// specification and kainjow differ (lines holding only a section or comment
// tag, and dotted names whose first part is found in an inner context).
//
// Why not render with kainjow itself: it copies each context into its own
// tree of values and walks every space of the template as a separate node
// through std::function calls, which made rendering about half the cost of a
// data pack page and of an options report.
//
// Partials are separate templates, found by name when rendering reaches them
// (never inlined ahead), so a partial that includes itself costs nothing until
// it renders, and its rendering is bounded: partials nest at most
// kMaxPartialDepth deep and one rendering makes at most kMaxRenderedBytes.
// Lambdas and template inheritance (optional modules) are not supported.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace gpress {

/// Sections open inside one another in one template, at most.
inline constexpr std::size_t kMaxSectionDepth = 100;
/// Partials rendering inside one another, at most.
inline constexpr std::size_t kMaxPartialDepth = 16;
/// What one rendering may make, at most: far more than any page gpress
/// writes, far less than a template that multiplies itself would make.
inline constexpr std::size_t kMaxRenderedBytes = std::size_t{64} << 20;

/// One tag of a template as the specification reads it (delimiter changes
/// applied): kind 0 is a variable, '{' and '&' unescaped ones, then '#', '^',
/// '/', '>', '!' and '='. A dynamic partial's name keeps its '*'.
struct MustacheTag {
  char kind = 0;
  std::string_view name;   ///< trimmed; points into the template's text
  std::size_t offset = 0;  ///< where the tag opens
};

/// Every tag of `text` in order. A tag that is never closed, or a delimiter
/// change that cannot be read, stops the scan: `error` says why and
/// `error_offset` where.
struct MustacheTags {
  std::vector<MustacheTag> tags;
  std::string error;
  std::size_t error_offset = 0;
};
MustacheTags mustache_tags(std::string_view text);

/// Thrown by render() when a limit is reached: `partial` names the partial
/// being rendered (empty for the template itself) and `offset` the tag there.
class MustacheRenderError : public std::runtime_error {
 public:
  MustacheRenderError(std::string partial, std::size_t offset, const std::string& message)
      : std::runtime_error(message), partial_(std::move(partial)), offset_(offset) {}
  const std::string& partial() const { return partial_; }
  std::size_t offset() const { return offset_; }

 private:
  std::string partial_;
  std::size_t offset_;
};

class MustacheTemplate {
 public:
  /// The partial called `name`, or nullptr for none (it then renders nothing).
  using Partials = std::function<const MustacheTemplate*(std::string_view name)>;

  /// What the template's own text keeps of the blanks that start its lines.
  /// HTML ignores them (gpress's page templates have no <pre>), and on a data
  /// pack, with dozens of indicators, they are a tenth of the page: page
  /// templates drop them as they compile, standalone partials' indentation
  /// included. Values inserted are never touched.
  enum class Indentation { kKeep, kDrop };

  /// Compiles `text`; check valid() before rendering.
  explicit MustacheTemplate(std::string_view text, Indentation indentation = Indentation::kKeep);
  ~MustacheTemplate();
  MustacheTemplate(const MustacheTemplate&) = delete;
  MustacheTemplate& operator=(const MustacheTemplate&) = delete;

  bool valid() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }

  /// Names of the partials the template includes (dynamic ones left out).
  const std::vector<std::string>& partial_names() const { return partial_names_; }

  /// Appends the template rendered with `context` to `out`. Safe to call
  /// from several threads at once. Throws MustacheRenderError at a limit.
  void render(const nlohmann::json& context, std::string& out, const Partials& partials = {}) const;

  /// The template rendered with `context`, in a string sized from the
  /// largest this template has made so far (pages of one kind are of a size).
  std::string render(const nlohmann::json& context, const Partials& partials = {}) const;

  struct Node;
  const Node& root() const { return *root_; }

 private:
  std::unique_ptr<Node> root_;
  std::string error_;
  std::size_t error_offset_ = 0;
  std::vector<std::string> partial_names_;
  mutable std::atomic<std::size_t> largest_{0};
};

}  // namespace gpress
