#include "render/templates.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <set>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"
#include "render/embedded.hpp"
#include "render/mustache.hpp"

namespace gpress {
namespace {

namespace mstch = kainjow::mustache;
using json = nlohmann::json;

// ---- Scanning --------------------------------------------------------------

struct Tag {
  char kind = 0;  // 0 variable, '#', '^', '/', '>', '!', '&', '{'
  std::string name;
  std::size_t offset = 0;
};

// Splits a template into its tags. Stops at the first unclosed tag, since
// everything after it would be misread.
std::vector<Tag> scan(const std::string& path, const std::string& text, Diagnostics& diags) {
  std::vector<Tag> tags;
  for (std::size_t pos = text.find("{{"); pos != std::string::npos; pos = text.find("{{", pos)) {
    const bool triple = text.compare(pos, 3, "{{{") == 0;
    const std::string close = triple ? "}}}" : "}}";
    const std::size_t end = text.find(close, pos + 2);
    if (end == std::string::npos) {
      diags.error(locate(path, text, pos), fmt::format("unclosed tag: '{}' has no matching '{}'", triple ? "{{{" : "{{", close));
      break;
    }
    std::string_view inner(text.data() + pos + (triple ? 3 : 2), end - pos - (triple ? 3 : 2));
    Tag tag;
    tag.offset = pos;
    if (triple) {
      tag.kind = '{';
    } else if (!inner.empty() && std::string_view("#^/>!&=").find(inner.front()) != std::string_view::npos) {
      tag.kind = inner.front();
      inner.remove_prefix(1);
    }
    if (tag.kind == '=') {
      diags.error(locate(path, text, pos), "changing delimiters ({{=...=}}) is not supported");
      break;
    }
    tag.name = std::string(trim(inner));
    if (tag.kind != '!' && tag.name.empty()) diags.error(locate(path, text, pos), "empty tag");
    else tags.push_back(std::move(tag));
    pos = end + close.size();
  }
  return tags;
}

// ---- Checking names against the schema --------------------------------------

const json kEmptyObject = json::object();
// Pushed for a section already reported as unknown, so what is inside it is
// not reported again name by name.
const json kAnything = json::object({{"*", nullptr}});

// The schema a section pushes: an object's own keys, a list's entry keys, or
// nothing new for a plain value used as a condition.
const json& section_scope(const json& node) {
  if (node.is_object()) return node;
  if (node.is_array() && !node.empty() && node[0].is_object()) return node[0];
  return kEmptyObject;
}

// Looks `name` up as Mustache does: dotted parts, first part found in the
// innermost scope that has it.
const json* resolve(const std::vector<const json*>& scopes, const std::string& name) {
  if (name == ".") return &kEmptyObject;
  if (!scopes.empty() && scopes.back() == &kAnything) return &kEmptyObject;
  const auto parts = split(name, '.');
  const json* node = nullptr;
  for (auto it = scopes.rbegin(); it != scopes.rend() && !node; ++it) {
    auto found = (*it)->find(parts[0]);
    if (found != (*it)->end()) node = &*found;
  }
  for (std::size_t i = 1; node && i < parts.size(); ++i) {
    const json& scope = section_scope(*node);
    auto found = scope.find(parts[i]);
    node = found == scope.end() ? nullptr : &*found;
  }
  return node;
}

std::vector<std::string> visible_names(const std::vector<const json*>& scopes) {
  std::vector<std::string> names;
  for (const json* s : scopes)
    for (auto it = s->begin(); it != s->end(); ++it) names.push_back(it.key());
  return names;
}

class Checker {
 public:
  Checker(const std::map<std::string, std::string>& partial_paths,
          const std::map<std::string, std::string>& partial_texts, Diagnostics& diags)
      : partial_paths_(partial_paths), partial_texts_(partial_texts), diags_(diags) {}

  void check(const std::string& path, const std::string& text, std::vector<const json*>& scopes, int depth) {
    struct Open {
      std::string name;
      std::size_t offset;
    };
    std::vector<Open> open;
    for (const Tag& tag : scan(path, text, tmp_)) {
      const SourceLoc at = locate(path, text, tag.offset);
      switch (tag.kind) {
        case '!':
          break;
        case '#':
        case '^': {
          const json* node = resolve(scopes, tag.name);
          if (!node) report(at, fmt::format("unknown template section '{}'", tag.name), tag.name, scopes);
          scopes.push_back(!node ? &kAnything : tag.kind == '#' ? &section_scope(*node) : &kEmptyObject);
          open.push_back({tag.name, tag.offset});
          break;
        }
        case '/':
          if (open.empty()) {
            error(at, fmt::format("'{{{{/{}}}}}' closes a section that was never opened", tag.name));
          } else if (open.back().name != tag.name) {
            const SourceLoc opened = locate(path, text, open.back().offset);
            error(at, fmt::format("'{{{{/{}}}}}' closes section '{}' opened at line {}", tag.name, open.back().name,
                                  opened.line));
          } else {
            open.pop_back();
            scopes.pop_back();
          }
          break;
        case '>': {
          auto p = partial_texts_.find(tag.name);
          if (p == partial_texts_.end()) {
            error(at, fmt::format("unknown partial '{}' (no file templates/partials/{}.html)", tag.name, tag.name));
          } else if (depth > 8) {
            error(at, fmt::format("partial '{}' includes itself", tag.name));
          } else {
            check(partial_paths_.at(tag.name), p->second, scopes, depth + 1);
          }
          break;
        }
        default:
          if (!resolve(scopes, tag.name))
            report(at, fmt::format("unknown template variable '{}'", tag.name), tag.name, scopes);
      }
    }
    for (const Open& o : open) {
      error(locate(path, text, o.offset), fmt::format("section '{}' is never closed (add {{{{/{}}}}})", o.name, o.name));
      scopes.pop_back();
    }
    for (const auto& d : tmp_.all()) error(d.loc, d.message);
    tmp_ = Diagnostics();
  }

 private:
  // Suggests a name from where the lookup failed: a dotted name's parent
  // object, or everything in scope.
  void report(const SourceLoc& at, std::string msg, const std::string& name, const std::vector<const json*>& scopes) {
    std::vector<std::string> candidates;
    const auto dot = name.rfind('.');
    const json* parent = dot == std::string::npos ? nullptr : resolve(scopes, name.substr(0, dot));
    if (parent) {
      const json& scope = section_scope(*parent);
      for (auto it = scope.begin(); it != scope.end(); ++it) candidates.push_back(it.key());
    } else {
      candidates = visible_names(scopes);
    }
    if (auto m = closest_match(name.substr(dot == std::string::npos ? 0 : dot + 1), candidates))
      msg += fmt::format(" (did you mean '{}'?)", *m);
    error(at, msg);
  }
  void error(const SourceLoc& at, const std::string& msg) {
    if (seen_.insert(at.str() + msg).second) diags_.error(at, msg);
  }

  const std::map<std::string, std::string>& partial_paths_;
  const std::map<std::string, std::string>& partial_texts_;
  Diagnostics& diags_;
  Diagnostics tmp_;
  std::set<std::string> seen_;
};

std::string partial_name(const std::string& file) {
  // "partials/header.html" -> "header"
  std::string n = file.substr(std::string("partials/").size());
  return n.substr(0, n.rfind('.'));
}

bool is_partial(const std::string& name) { return name.rfind("partials/", 0) == 0; }

// Inlines `{{> name}}` so each page template parses once per thread.
std::string expand_partials(const std::string& text, const std::map<std::string, std::string>& partials, int depth) {
  if (depth > 8) return text;
  std::string out;
  std::size_t last = 0;
  for (std::size_t pos = text.find("{{>"); pos != std::string::npos; pos = text.find("{{>", last)) {
    const std::size_t end = text.find("}}", pos);
    if (end == std::string::npos) break;
    const std::string name(trim(std::string_view(text).substr(pos + 3, end - pos - 3)));
    out.append(text, last, pos - last);
    auto p = partials.find(name);
    if (p != partials.end()) out += expand_partials(p->second, partials, depth + 1);
    last = end + 2;
  }
  out.append(text, last);
  return out;
}

// Templates compiled so far, by text: `gpress serve` loads the templates
// again on every change, and most of them are as they were.
std::shared_ptr<const MustacheTemplate> compiled(const std::string& text) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const MustacheTemplate>> made;
  std::lock_guard lock(mutex);
  auto& slot = made[text];
  if (!slot) slot = std::make_shared<const MustacheTemplate>(text);
  return slot;
}

}  // namespace

TemplateSet TemplateSet::load(const std::filesystem::path& project_templates) {
  TemplateSet set;
  const std::string prefix = "templates/";
  for (const auto& f : embedded_files()) {
    if (f.name.substr(0, prefix.size()) != prefix) continue;
    const std::string name(f.name.substr(prefix.size()));
    set.sources_[name] = {"<built-in>/" + name, std::string(f.bytes), false};
  }
  if (std::filesystem::is_directory(project_templates)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(project_templates)) {
      if (!e.is_regular_file() || e.path().filename().string().front() == '.') continue;
      const std::string name = std::filesystem::relative(e.path(), project_templates).generic_string();
      set.sources_[name] = {prefix + name, read_file(e.path()), true};
    }
  }
  std::map<std::string, std::string> partials;
  for (const auto& [name, src] : set.sources_)
    if (is_partial(name)) partials[partial_name(name)] = src.text;
  // Partials are also templates in their own right (a card rendered once and
  // reused on every listing).
  for (const auto& [name, src] : set.sources_)
    set.all_fingerprint_ = hash_combine(hash_combine(set.all_fingerprint_, hash_bytes(name)), hash_bytes(src.text));
  for (const auto& [name, src] : set.sources_) {
    std::string text = expand_partials(src.text, partials, 0);
    set.compiled_.emplace(name, compiled(text));
    set.expanded_[name] = std::move(text);
  }
  return set;
}

const TemplateSet::Source* TemplateSet::find(const std::string& name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? nullptr : &it->second;
}

bool TemplateSet::has(const std::string& name) const { return find(name) != nullptr; }

std::uint64_t TemplateSet::fingerprint(const std::string& name) const { return hash_bytes(expanded(name)); }

std::uint64_t TemplateSet::fingerprint_all() const { return all_fingerprint_; }

const std::string& TemplateSet::source(const std::string& name) const {
  const Source* s = find(name);
  if (!s) throw InternalError("no template named " + name);
  return s->text;
}

std::string TemplateSet::display_path(const std::string& name) const {
  const Source* s = find(name);
  return s ? s->display_path : "templates/" + name;
}

std::vector<std::string> TemplateSet::overridden() const {
  std::vector<std::string> out;
  for (const auto& [name, src] : sources_)
    if (src.from_project) out.push_back(name);
  return out;
}

void TemplateSet::validate(const std::string& name, const TemplateSchema& schema, Diagnostics& diags) const {
  const Source* src = find(name);
  if (!src) {
    diags.error({"templates/" + name}, "template not found");
    return;
  }
  // `gpress serve` validates every template on every rebuild; one found
  // clean with the same texts and variables is not checked again.
  static std::mutex mutex;
  static std::unordered_set<std::uint64_t> clean;
  const std::uint64_t key = hash_combine(hash_combine(all_fingerprint_, hash_bytes(name)), hash_bytes(schema.dump()));
  {
    std::lock_guard lock(mutex);
    if (clean.count(key)) return;
  }
  std::map<std::string, std::string> paths, texts;
  for (const auto& [n, s] : sources_) {
    if (!is_partial(n)) continue;
    paths[partial_name(n)] = s.display_path;
    texts[partial_name(n)] = s.text;
  }
  Checker checker(paths, texts, diags);
  std::vector<const json*> scopes{&schema};
  const std::size_t before = diags.error_count();
  checker.check(src->display_path, src->text, scopes, 0);
  if (diags.error_count() != before) return;
  // The scanner accepts what kainjow accepts in practice; this catches the rest.
  mstch::mustache parsed{expanded(name)};
  if (!parsed.is_valid()) {
    diags.error({src->display_path}, "template syntax error: " + parsed.error_message());
    return;
  }
  std::lock_guard lock(mutex);
  clean.insert(key);
}

const std::string& TemplateSet::expanded(const std::string& name) const {
  auto it = expanded_.find(name);
  if (it == expanded_.end()) throw InternalError("no template named " + name);
  return it->second;
}

std::string TemplateSet::render(const std::string& name, const nlohmann::json& context) const {
  auto it = compiled_.find(name);
  if (it == compiled_.end()) throw InternalError("no template named " + name);
  if (!it->second->valid()) throw InternalError(display_path(name) + ": " + it->second->error());
  return it->second->render(context);
}

}  // namespace gpress
