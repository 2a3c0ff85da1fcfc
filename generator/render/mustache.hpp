// A Mustache template compiled once and rendered straight from a JSON
// context, with kainjow mustache's rules to the byte: what a lookup finds,
// what counts as empty, HTML escaping (&apos; included) and which lines a
// section tag leaves out. kainjow stays the reference: templates are checked
// with it (TemplateSet::validate) and tests/unit/mustache_test.cpp renders
// every kind of tag and thousands of random templates both ways, and the
// fixture projects' expected pages, made with kainjow, still match.
//
// Why not render with kainjow itself: it copies each context into its own
// tree of values and walks every space of the template as a separate node
// through std::function calls, which made rendering about half the cost of a
// data pack page and of an options report. This renders the same output in a
// fraction of the time, with no copy of the context.
//
// Partials are inlined before compiling (TemplateSet does it); lambdas and
// changed delimiters are not supported, as gpress's templates use neither.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace gpress {

class MustacheTemplate {
 public:
  /// Compiles `text`; check valid() before rendering.
  explicit MustacheTemplate(std::string_view text);
  ~MustacheTemplate();
  MustacheTemplate(const MustacheTemplate&) = delete;
  MustacheTemplate& operator=(const MustacheTemplate&) = delete;

  bool valid() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  /// Appends the template rendered with `context` to `out`. Safe to call
  /// from several threads at once.
  void render(const nlohmann::json& context, std::string& out) const;

  /// The template rendered with `context`, in a string sized from the
  /// largest this template has made so far (pages of one kind are of a size).
  std::string render(const nlohmann::json& context) const;

  struct Node;

 private:
  std::unique_ptr<Node> root_;
  std::string error_;
  mutable std::atomic<std::size_t> largest_{0};
};

}  // namespace gpress
