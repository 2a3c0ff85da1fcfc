#include "render/mustache.hpp"

#include <cctype>
#include <vector>

#include <nlohmann/json.hpp>

namespace gpress {

using json = nlohmann::json;

struct MustacheTemplate::Node {
  enum class Kind { kRoot, kText, kNewline, kVariable, kRawVariable, kSection, kInverted };
  Kind kind = Kind::kRoot;
  std::string text;               ///< kText, kNewline; the name of a section
  bool dot = false;               ///< the name is "."
  std::vector<std::string> path;  ///< the name split at its dots
  std::vector<Node> children;     ///< kRoot, kSection, kInverted
};

namespace {

using Node = MustacheTemplate::Node;
using Kind = Node::Kind;

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// kainjow splits dotted names with getline: empty trailing parts drop out.
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

Node named(Kind kind, std::string_view name) {
  Node n;
  n.kind = kind;
  n.dot = name == ".";
  if (!n.dot) n.path = split_name(name);
  return n;
}

// ---- Rendering --------------------------------------------------------------

// What kainjow makes of a JSON value: null is false, a number is its text.
bool is_false(const json& v) { return v.is_null() || (v.is_boolean() && !v.get<bool>()); }
bool is_empty_list(const json& v) { return v.is_array() && v.empty(); }

class Renderer {
 public:
  Renderer(const json& root, std::string& out) : out_(out), line_start_(out.size()) { scopes_.push_back(&root); }

  void children(const Node& node) {
    for (const Node& child : node.children) one(child);
  }

  // kainjow renders the last line once the template ends.
  void finish() { end_line(nullptr); }

 private:
  void one(const Node& node) {
    switch (node.kind) {
      case Kind::kText:
        out_ += node.text;
        break;
      case Kind::kNewline:
        end_line(&node.text);
        break;
      case Kind::kVariable:
      case Kind::kRawVariable:
        if (const json* v = lookup(node)) variable(*v, node.kind == Kind::kVariable);
        break;
      case Kind::kSection:
        if (const json* v = lookup(node); v && !is_false(*v) && !is_empty_list(*v)) section(node, v);
        break;
      case Kind::kInverted:
        if (const json* v = lookup(node); !v || is_false(*v) || is_empty_list(*v)) section(node, v);
        break;
      case Kind::kRoot:
        break;
    }
  }

  // Only text is shown: true, false, lists and objects print nothing.
  void variable(const json& v, bool escaped) {
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (escaped) append_escaped(s);
      else out_ += s;
    } else if (v.is_number()) {
      out_ += v.dump();  // numbers are shown as JSON writes them
    }
  }

  void section(const Node& node, const json* v) {
    if (v && v->is_array() && !v->empty()) {
      for (const json& item : *v) {
        standalone_ = true;
        scopes_.push_back(&item);
        children(node);
        scopes_.pop_back();
        standalone_ = true;
      }
      return;
    }
    standalone_ = true;
    if (v) scopes_.push_back(v);
    children(node);
    if (v) scopes_.pop_back();
    standalone_ = true;
  }

  // A line that held a rendered section tag and is otherwise blank is left
  // out, its line break with it.
  void end_line(const std::string* newline) {
    bool blank = standalone_;
    for (std::size_t i = line_start_; blank && i < out_.size(); ++i) blank = out_[i] == ' ' || out_[i] == '\t';
    if (blank && standalone_) {
      out_.resize(line_start_);
    } else if (newline) {
      out_ += *newline;
    }
    line_start_ = out_.size();
    standalone_ = false;
  }

  // The innermost scope that has the name's first part; a dotted name must
  // resolve in full from one scope, or the next scope out is tried.
  const json* lookup(const Node& node) const {
    if (node.dot) return scopes_.back();
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      const json* v = *it;
      for (const std::string& part : node.path) {
        if (!v->is_object()) {
          v = nullptr;
          break;
        }
        const auto found = v->find(part);
        v = found == v->end() ? nullptr : &*found;
        if (!v) break;
      }
      if (v && !node.path.empty()) return v;
    }
    return nullptr;
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
  std::size_t line_start_;
  bool standalone_ = false;  // kainjow's "line contained a section tag"
  std::vector<const json*> scopes_;
};

}  // namespace

MustacheTemplate::MustacheTemplate(std::string_view input) : root_(std::make_unique<Node>()) {
  std::vector<Node*> open{root_.get()};
  std::string text;
  auto flush_text = [&] {
    if (text.empty()) return;
    Node n;
    n.kind = Kind::kText;
    n.text = std::move(text);
    open.back()->children.push_back(std::move(n));
    text.clear();
  };
  for (std::size_t pos = 0; pos < input.size();) {
    if (input.compare(pos, 2, "{{") != 0) {
      const std::size_t newline = input.compare(pos, 2, "\r\n") == 0 ? 2 : (input[pos] == '\n' || input[pos] == '\r');
      if (newline) {
        flush_text();
        Node n;
        n.kind = Kind::kNewline;
        n.text = std::string(input.substr(pos, newline));
        open.back()->children.push_back(std::move(n));
        pos += newline;
      } else {
        text += input[pos++];
      }
      continue;
    }
    flush_text();
    const bool triple = pos + 2 < input.size() && input[pos + 2] == '{';
    const std::size_t start = pos + (triple ? 3 : 2);
    const std::string_view close = triple ? "}}}" : "}}";
    const std::size_t end = input.find(close, start);
    if (end == std::string_view::npos) {
      error_ = "unclosed tag at " + std::to_string(pos);
      return;
    }
    const std::string_view contents = trim_space(input.substr(start, end - start));
    pos = end + close.size();
    if (triple) {
      open.back()->children.push_back(named(Kind::kRawVariable, contents));
      continue;
    }
    const char sigil = contents.empty() ? '\0' : contents.front();
    const std::string_view name = trim_space(contents.empty() ? contents : contents.substr(1));
    switch (sigil) {
      case '#':
      case '^':
        open.back()->children.push_back(named(sigil == '#' ? Kind::kSection : Kind::kInverted, name));
        open.back()->children.back().text = std::string(name);
        open.push_back(&open.back()->children.back());
        break;
      case '/':
        if (open.size() == 1 || open.back()->text != name) {
          error_ = "section end '" + std::string(name) + "' does not close the open section";
          return;
        }
        open.pop_back();
        break;
      case '&':
        open.back()->children.push_back(named(Kind::kRawVariable, name));
        break;
      case '!':
      case '>':  // partials are inlined before compiling; one left unknown shows nothing
        break;
      case '=':
        error_ = "changing delimiters is not supported";
        return;
      default:
        open.back()->children.push_back(named(Kind::kVariable, contents));
    }
  }
  flush_text();
  if (open.size() > 1) error_ = "section is never closed";
}

MustacheTemplate::~MustacheTemplate() = default;

void MustacheTemplate::render(const json& context, std::string& out) const {
  Renderer r(context, out);
  r.children(*root_);
  r.finish();
}

std::string MustacheTemplate::render(const json& context) const {
  std::string out;
  out.reserve(largest_.load(std::memory_order_relaxed));
  render(context, out);
  std::size_t seen = largest_.load(std::memory_order_relaxed);
  while (out.size() > seen && !largest_.compare_exchange_weak(seen, out.size(), std::memory_order_relaxed)) {
  }
  return out;
}

}  // namespace gpress
