#include "render/mustache.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace gpress {

using json = nlohmann::json;

struct MustacheTemplate::Node {
  enum class Kind { kRoot, kText, kVariable, kRawVariable, kSection, kInverted, kPartial };
  Kind kind = Kind::kRoot;
  std::string text;               ///< kText; the name of a section or partial
  std::string indent;             ///< a standalone partial's indentation
  bool standalone = false;        ///< kPartial alone on its line: its lines are indented
  bool dynamic = false;           ///< kPartial `{{>*name}}`: the partial's name is the value of `path`
  bool dot = false;               ///< the name is "."
  std::vector<std::string> path;  ///< the name split at its dots
  std::size_t offset = 0;         ///< where the tag is in the template
  std::vector<Node> children;     ///< kRoot, kSection, kInverted
};

namespace {

using Node = MustacheTemplate::Node;
using Kind = Node::Kind;

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// ---- Reading the tags ------------------------------------------------------

struct ScannedTag {
  MustacheTag tag;
  std::size_t end = 0;  ///< just after the closing delimiter
  // A tag alone on its line (only spaces and tabs beside it) takes the whole
  // line with it, line break included, as the specification says of
  // sections, comments, partials and delimiter changes.
  bool standalone = false;
  std::size_t line_start = 0, line_end = 0;  ///< what a standalone tag removes
};

struct Scan {
  std::vector<ScannedTag> tags;
  std::string error;
  std::size_t error_offset = 0;
};

Scan scan(std::string_view text) {
  Scan out;
  std::string open = "{{", close = "}}";
  for (std::size_t pos = 0;;) {
    const std::size_t start = text.find(open, pos);
    if (start == std::string_view::npos) break;
    std::size_t p = start + open.size();
    char kind = 0;
    if (p < text.size() && text[p] == '{') {
      kind = text[p++];
    } else {
      std::size_t q = p;
      while (q < text.size() && is_blank(text[q])) ++q;
      if (q < text.size() && std::string_view("#^/>!&=").find(text[q]) != std::string_view::npos) {
        kind = text[q];
        p = q + 1;
      }
    }
    const std::string close_seq = kind == '{' ? "}" + close : kind == '=' ? "=" + close : close;
    const std::size_t end = text.find(close_seq, p);
    if (end == std::string_view::npos) {
      out.error = fmt::format("unclosed tag: '{}{}' has no matching '{}'", open, kind == '{' ? "{" : "", close_seq);
      out.error_offset = start;
      break;
    }
    ScannedTag t;
    t.tag = {kind, trim(text.substr(p, end - p)), start};
    t.end = end + close_seq.size();
    if (kind == '=') {
      std::vector<std::string_view> parts;
      for (std::string_view rest = t.tag.name; !rest.empty();) {
        std::size_t n = 0;
        while (n < rest.size() && !std::isspace(static_cast<unsigned char>(rest[n]))) ++n;
        if (n) parts.push_back(rest.substr(0, n));
        rest = trim(rest.substr(n));
      }
      if (parts.size() != 2 || parts[0].find('=') != std::string_view::npos ||
          parts[1].find('=') != std::string_view::npos) {
        out.error = fmt::format("cannot read the delimiter change '{}': write it as {}=<% %>={}", shorten(t.tag.name),
                                open, close);
        out.error_offset = start;
        break;
      }
      open = std::string(parts[0]);
      close = std::string(parts[1]);
    }
    out.tags.push_back(t);
    pos = t.end;
  }
  for (ScannedTag& t : out.tags) {
    if (std::string_view("#^/>!=").find(t.tag.kind) == std::string_view::npos || !t.tag.kind) continue;
    std::size_t before = t.tag.offset;
    while (before > 0 && is_blank(text[before - 1])) --before;
    if (before > 0 && text[before - 1] != '\n') continue;
    std::size_t after = t.end;
    while (after < text.size() && is_blank(text[after])) ++after;
    if (text.compare(after, 2, "\r\n") == 0) after += 2;
    else if (after < text.size() && text[after] == '\n') after += 1;
    else if (after < text.size()) continue;
    t.standalone = true;
    t.line_start = before;
    t.line_end = after;
  }
  return out;
}

std::vector<std::string> split_name(std::string_view name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    parts.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

Node named(Kind kind, std::string_view name, std::size_t offset) {
  Node n;
  n.kind = kind;
  n.text = std::string(name);
  n.dot = name == ".";
  if (!n.dot) n.path = split_name(name);
  n.offset = offset;
  return n;
}

// ---- Rendering --------------------------------------------------------------

// Null, false and an empty list are false; everything else (an empty string,
// zero) is true.
bool is_false(const json& v) {
  return v.is_null() || (v.is_boolean() && !v.get<bool>()) || (v.is_array() && v.empty());
}

class Renderer {
 public:
  Renderer(const json& root, std::string& out, const MustacheTemplate::Partials& partials)
      : out_(out), start_(out.size()), partials_(partials) {
    scopes_.push_back(&root);
  }

  void children(const Node& node) {
    for (const Node& child : node.children) one(child);
  }

 private:
  void one(const Node& node) {
    switch (node.kind) {
      case Kind::kText: text(node.text); break;
      case Kind::kVariable:
      case Kind::kRawVariable:
        if (const json* v = lookup(node)) variable(*v, node.kind == Kind::kVariable);
        break;
      case Kind::kSection:
        if (const json* v = lookup(node); v && !is_false(*v)) {
          if (v->is_array()) {
            for (const json& item : *v) within(item, node);
          } else {
            within(*v, node);
          }
        }
        break;
      case Kind::kInverted:
        // As in kainjow, `{{.}}` inside is the false value itself.
        if (const json* v = lookup(node); !v) children(node);
        else if (is_false(*v)) within(*v, node);
        break;
      case Kind::kPartial: partial(node); break;
      case Kind::kRoot: break;
    }
    if (out_.size() - start_ > kMaxRenderedBytes)
      throw MustacheRenderError(std::string(current_), node.offset,
                                fmt::format("the page grew past {} MiB here (do partials include one another "
                                            "many times over?)",
                                            kMaxRenderedBytes >> 20));
  }

  void within(const json& scope, const Node& node) {
    scopes_.push_back(&scope);
    children(node);
    scopes_.pop_back();
  }

  void partial(const Node& node) {
    std::string_view name = node.text;
    if (node.dynamic) {
      const json* v = lookup(node);
      if (!v || !v->is_string()) return;
      name = v->get_ref<const std::string&>();
    }
    const MustacheTemplate* p = partials_ ? partials_(name) : nullptr;
    if (!p || !p->valid()) return;
    if (depth_ >= kMaxPartialDepth)
      throw MustacheRenderError(std::string(current_), node.offset,
                                fmt::format("partial '{}' is included more than {} partials deep (does it include "
                                            "itself?)",
                                            shorten(name), kMaxPartialDepth));
    const std::string_view outer = current_;
    const std::size_t outer_indent = indent_.size();
    ++depth_;
    current_ = name;
    if (node.standalone) {
      indent_ += node.indent;
      pending_ = true;
    }
    children(p->root());
    --depth_;
    current_ = outer;
    indent_.resize(outer_indent);
  }

  // Only text is shown: true, false, lists and objects print nothing.
  void variable(const json& v, bool escaped) {
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (s.empty()) return;
      start_line();
      if (escaped) append_escaped(s);
      else out_ += s;
    } else if (v.is_number()) {
      start_line();
      out_ += v.dump();  // numbers are shown as JSON writes them
    }
  }

  // Inside a standalone partial every line of the partial's own text starts
  // with the indentation its tag had (values inserted are left as they are).
  void text(std::string_view s) {
    if (indent_.empty()) {
      out_ += s;
      return;
    }
    while (!s.empty()) {
      start_line();
      const std::size_t nl = s.find('\n');
      if (nl == std::string_view::npos) {
        out_ += s;
        return;
      }
      out_ += s.substr(0, nl + 1);
      s.remove_prefix(nl + 1);
      pending_ = true;
    }
  }
  void start_line() {
    if (!pending_) return;
    out_ += indent_;
    pending_ = false;
  }

  // The first part of a name is looked up from the innermost context out;
  // the rest of it only inside what that found.
  const json* lookup(const Node& node) const {
    if (node.dot) return scopes_.back();
    if (node.path.empty()) return nullptr;
    const json* v = nullptr;
    for (auto it = scopes_.rbegin(); it != scopes_.rend() && !v; ++it) {
      if (!(*it)->is_object()) continue;
      const auto found = (*it)->find(node.path[0]);
      if (found != (*it)->end()) v = &*found;
    }
    for (std::size_t i = 1; v && i < node.path.size(); ++i) {
      if (!v->is_object()) return nullptr;
      const auto found = v->find(node.path[i]);
      v = found == v->end() ? nullptr : &*found;
    }
    return v;
  }

  void append_escaped(const std::string& s) {
    std::size_t from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char* entity = nullptr;
      switch (s[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&apos;"; break;
        default: continue;
      }
      out_.append(s, from, i - from).append(entity);
      from = i + 1;
    }
    out_.append(s, from);
  }

  std::string& out_;
  const std::size_t start_;
  const MustacheTemplate::Partials& partials_;
  std::vector<const json*> scopes_;
  std::string_view current_;  ///< the partial being rendered; empty for the template itself
  std::size_t depth_ = 0;     ///< partials rendering inside one another
  std::string indent_;        ///< what each line starts with inside standalone partials
  bool pending_ = false;      ///< at the start of a line that has not had its indentation yet
};

}  // namespace

MustacheTags mustache_tags(std::string_view text) {
  Scan s = scan(text);
  MustacheTags out;
  out.tags.reserve(s.tags.size());
  for (const ScannedTag& t : s.tags) out.tags.push_back(t.tag);
  out.error = std::move(s.error);
  out.error_offset = s.error_offset;
  return out;
}

namespace {

// `text` (a piece of `input`) without the blanks that start its lines: those
// after a line break, and those it begins with when it begins a line.
std::string without_indentation(std::string_view input, std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool line_start = text.data() == input.data() || text.data()[-1] == '\n';
  for (char c : text) {
    if (line_start && is_blank(c)) continue;
    out += c;
    line_start = c == '\n';
  }
  return out;
}

}  // namespace

MustacheTemplate::MustacheTemplate(std::string_view input, Indentation indentation) : root_(std::make_unique<Node>()) {
  Scan s = scan(input);
  if (!s.error.empty()) {
    error_ = std::move(s.error);
    error_offset_ = s.error_offset;
    return;
  }
  std::vector<Node*> open{root_.get()};
  auto fail = [&](std::size_t at, std::string message) {
    error_ = std::move(message);
    error_offset_ = at;
  };
  auto add_text = [&](std::string_view text) {
    std::string kept = indentation == Indentation::kDrop ? without_indentation(input, text) : std::string(text);
    if (kept.empty()) return;
    auto& siblings = open.back()->children;
    if (!siblings.empty() && siblings.back().kind == Kind::kText) {
      siblings.back().text += kept;
    } else {
      Node n;
      n.kind = Kind::kText;
      n.text = std::move(kept);
      siblings.push_back(std::move(n));
    }
  };
  std::size_t pos = 0;
  for (const ScannedTag& t : s.tags) {
    add_text(input.substr(pos, (t.standalone ? t.line_start : t.tag.offset) - pos));
    pos = t.standalone ? t.line_end : t.end;
    const std::string_view name = t.tag.name;
    auto& siblings = open.back()->children;
    switch (t.tag.kind) {
      case '!':
      case '=': break;
      case '#':
      case '^':
        if (open.size() > kMaxSectionDepth) {
          fail(t.tag.offset, fmt::format("sections are nested more than {} deep", kMaxSectionDepth));
          return;
        }
        siblings.push_back(named(t.tag.kind == '#' ? Kind::kSection : Kind::kInverted, name, t.tag.offset));
        open.push_back(&siblings.back());
        break;
      case '/':
        if (open.size() == 1 || open.back()->text != name) {
          fail(t.tag.offset, fmt::format("'/{}' does not close the open section", shorten(name)));
          return;
        }
        open.pop_back();
        break;
      case '>': {
        const bool dynamic = !name.empty() && name.front() == '*';
        Node n = named(Kind::kPartial, dynamic ? trim(name.substr(1)) : name, t.tag.offset);
        n.dynamic = dynamic;
        n.standalone = t.standalone;
        if (t.standalone && indentation == Indentation::kKeep)
          n.indent = std::string(input.substr(t.line_start, t.tag.offset - t.line_start));
        if (!dynamic && std::find(partial_names_.begin(), partial_names_.end(), n.text) == partial_names_.end())
          partial_names_.push_back(n.text);
        siblings.push_back(std::move(n));
        break;
      }
      case '{':
      case '&': siblings.push_back(named(Kind::kRawVariable, name, t.tag.offset)); break;
      default: siblings.push_back(named(Kind::kVariable, name, t.tag.offset));
    }
  }
  add_text(input.substr(pos));
  if (open.size() > 1)
    fail(open.back()->offset, fmt::format("section '{}' is never closed", shorten(open.back()->text)));
}

MustacheTemplate::~MustacheTemplate() = default;

void MustacheTemplate::render(const json& context, std::string& out, const Partials& partials) const {
  Renderer(context, out, partials).children(*root_);
}

std::string MustacheTemplate::render(const json& context, const Partials& partials) const {
  std::string out;
  out.reserve(largest_.load(std::memory_order_relaxed));
  render(context, out, partials);
  std::size_t seen = largest_.load(std::memory_order_relaxed);
  while (out.size() > seen && !largest_.compare_exchange_weak(seen, out.size(), std::memory_order_relaxed)) {
  }
  return out;
}

}  // namespace gpress
