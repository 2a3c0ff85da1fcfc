#include "render/templates.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"
#include "render/embedded.hpp"
#include "render/mustache.hpp"

namespace gpress {
namespace {

using json = nlohmann::json;

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

// Line and column of an offset, from the line starts found once per file
// (a template with thousands of mistakes is not read again for each).
class Locator {
 public:
  Locator(const std::string& path, const std::string& text) : path_(path), text_(text) {}
  SourceLoc operator()(std::size_t offset) {
    if (starts_.empty()) {
      starts_.push_back(0);
      for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') starts_.push_back(i + 1);
    }
    const auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin();
    const std::size_t column = offset - starts_[static_cast<std::size_t>(line - 1)] + 1;
    return {path_, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
  }

 private:
  const std::string& path_;
  const std::string& text_;
  std::vector<std::size_t> starts_;
};

class Checker {
 public:
  Checker(const std::map<std::string, std::string>& partial_paths,
          const std::map<std::string, std::string>& partial_texts, Diagnostics& diags)
      : partial_paths_(partial_paths), partial_texts_(partial_texts), diags_(diags) {}

  void check(const std::string& path, const std::string& text, std::vector<const json*>& scopes) {
    struct Open {
      std::string_view name;
      std::size_t offset;
    };
    std::vector<Open> open;
    Locator at(path, text);
    const MustacheTags scanned = mustache_tags(text);
    bool too_deep = false;
    for (const MustacheTag& tag : scanned.tags) {
      if (tag.kind != '!' && tag.name.empty()) {
        error(at(tag.offset), "empty tag");
        continue;
      }
      const std::string name(tag.name);
      switch (tag.kind) {
        case '!':
        case '=': break;
        case '#':
        case '^': {
          if (open.size() >= kMaxSectionDepth) {
            error(at(tag.offset), fmt::format("sections are nested more than {} deep", kMaxSectionDepth));
            too_deep = true;
            break;
          }
          const json* node = resolve(scopes, name);
          if (!node) report(at(tag.offset), fmt::format("unknown template section '{}'", shorten(name)), name, scopes);
          scopes.push_back(!node ? &kAnything : tag.kind == '#' ? &section_scope(*node) : &kEmptyObject);
          open.push_back({tag.name, tag.offset});
          break;
        }
        case '/':
          if (open.empty()) {
            error(at(tag.offset), fmt::format("'{{{{/{}}}}}' closes a section that was never opened", shorten(name)));
          } else if (open.back().name != tag.name) {
            const std::uint32_t opened = at(open.back().offset).line;
            error(at(tag.offset), fmt::format("'{{{{/{}}}}}' closes section '{}' opened at line {}", shorten(name),
                                              shorten(open.back().name), opened));
          } else {
            open.pop_back();
            scopes.pop_back();
          }
          break;
        case '>': partial(at(tag.offset), name, scopes); break;
        default:
          if (!resolve(scopes, name))
            report(at(tag.offset), fmt::format("unknown template variable '{}'", shorten(name)), name, scopes);
      }
      if (too_deep) break;
    }
    if (!scanned.error.empty()) error(at(scanned.error_offset), scanned.error);
    for (const Open& o : open) {
      if (!too_deep)
        error(at(o.offset),
              fmt::format("section '{}' is never closed (add {{{{/{}}}}})", shorten(o.name), shorten(o.name)));
      scopes.pop_back();
    }
  }

 private:
  // A partial is checked in the context it is included in, once per context;
  // one that includes itself, or partials nested deeper than rendering
  // allows, are errors at the tag.
  void partial(const SourceLoc& at, const std::string& name, std::vector<const json*>& scopes) {
    if (!name.empty() && name.front() == '*') {
      error(at, fmt::format("dynamic partials ('{{{{>{}}}}}') are not supported: their variables cannot be checked",
                            shorten(name)));
      return;
    }
    auto p = partial_texts_.find(name);
    if (p == partial_texts_.end()) {
      error(at, fmt::format("unknown partial '{}' (no file templates/partials/{}.html)", shorten(name), shorten(name)));
    } else if (std::find(including_.begin(), including_.end(), name) != including_.end()) {
      error(at, fmt::format("partial '{}' includes itself", shorten(name)));
    } else if (including_.size() >= kMaxPartialDepth) {
      error(at, fmt::format("partials are included more than {} deep", kMaxPartialDepth));
    } else {
      std::string key = name + '\0';
      key.append(reinterpret_cast<const char*>(scopes.data()), scopes.size() * sizeof(scopes[0]));
      if (!checked_.insert(std::move(key)).second) return;
      including_.push_back(name);
      check(partial_paths_.at(name), p->second, scopes);
      including_.pop_back();
    }
  }

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
    if (auto m = closest_match(std::string_view(name).substr(dot == std::string::npos ? 0 : dot + 1), candidates))
      msg += fmt::format(" (did you mean '{}'?)", *m);
    error(at, msg);
  }
  void error(const SourceLoc& at, const std::string& msg) {
    if (seen_.insert(at.str() + msg).second) diags_.error(at, msg);
  }

  const std::map<std::string, std::string>& partial_paths_;
  const std::map<std::string, std::string>& partial_texts_;
  Diagnostics& diags_;
  std::set<std::string> seen_;
  std::vector<std::string> including_;       ///< the partials being checked, outermost first
  std::unordered_set<std::string> checked_;  ///< partial and context pairs already checked
};

std::string partial_name(const std::string& file) {
  // "partials/header.html" -> "header"
  std::string n = file.substr(std::string("partials/").size());
  return n.substr(0, n.rfind('.'));
}

bool is_partial(const std::string& name) { return name.rfind("partials/", 0) == 0; }

// Templates compiled so far, by text: `gpress serve` loads the templates
// again on every change, and most of them are as they were. HTML templates
// drop their indentation (MustacheTemplate::Indentation); XML ones keep it.
std::shared_ptr<const MustacheTemplate> compiled(const std::string& name, const std::string& text) {
  const bool html = name.ends_with(".html");
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const MustacheTemplate>> made[2];
  std::lock_guard lock(mutex);
  auto& slot = made[html][text];
  if (!slot)
    slot = std::make_shared<const MustacheTemplate>(
        text, html ? MustacheTemplate::Indentation::kDrop : MustacheTemplate::Indentation::kKeep);
  return slot;
}

}  // namespace

TemplateSet TemplateSet::load(const std::filesystem::path& project_templates) {
  TemplateSet set;
  const std::string prefix = "templates/";
  for (const auto& f : embedded_files()) {
    if (f.name.substr(0, prefix.size()) != prefix) continue;
    const std::string name(f.name.substr(prefix.size()));
    set.sources_[name] = {.display_path = "<built-in>/" + name, .text = std::string(f.bytes), .from_project = false};
  }
  if (std::filesystem::is_directory(project_templates)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(project_templates)) {
      if (!e.is_regular_file() || e.path().filename().string().front() == '.') continue;
      const std::string name = std::filesystem::relative(e.path(), project_templates).generic_string();
      set.sources_[name] = {.display_path = prefix + name, .text = read_file(e.path()), .from_project = true};
    }
  }
  // Partials are also templates in their own right (a card rendered once and
  // reused on every listing).
  for (const auto& [name, src] : set.sources_) {
    set.all_fingerprint_ = hash_combine(hash_combine(set.all_fingerprint_, hash_bytes(name)), hash_bytes(src.text));
    const auto& t = set.compiled_.emplace(name, compiled(name, src.text)).first->second;
    if (is_partial(name)) set.partials_[partial_name(name)] = {name, t};
  }
  // A template's fingerprint covers the partials it includes, and theirs.
  for (const auto& [name, src] : set.sources_) {
    std::uint64_t h = hash_bytes(src.text);
    std::set<std::string> seen;
    std::vector<std::string> todo = set.compiled_.at(name)->partial_names();
    while (!todo.empty()) {
      const std::string next = std::move(todo.back());
      todo.pop_back();
      auto it = set.partials_.find(next);
      if (!seen.insert(next).second || it == set.partials_.end()) continue;
      h = hash_combine(hash_combine(h, hash_bytes(next)), hash_bytes(set.sources_.at(it->second.file).text));
      for (const auto& n : it->second.compiled->partial_names()) todo.push_back(n);
    }
    set.fingerprints_[name] = h;
  }
  return set;
}

const TemplateSet::Source* TemplateSet::find(const std::string& name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? nullptr : &it->second;
}

bool TemplateSet::has(const std::string& name) const { return find(name) != nullptr; }

std::uint64_t TemplateSet::fingerprint(const std::string& name) const {
  auto it = fingerprints_.find(name);
  if (it == fingerprints_.end()) throw InternalError("no template named " + name);
  return it->second;
}

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
  for (const auto& [n, p] : partials_) {
    paths[n] = sources_.at(p.file).display_path;
    texts[n] = sources_.at(p.file).text;
  }
  Checker checker(paths, texts, diags);
  std::vector<const json*> scopes{&schema};
  const std::size_t before = diags.error_count();
  checker.check(src->display_path, src->text, scopes);
  if (diags.error_count() != before) return;
  const MustacheTemplate& t = *compiled_.at(name);
  if (!t.valid()) {
    diags.error(locate(src->display_path, src->text, t.error_offset()), t.error());
    return;
  }
  std::lock_guard lock(mutex);
  clean.insert(key);
}

std::string TemplateSet::render(const std::string& name, const nlohmann::json& context) const {
  auto it = compiled_.find(name);
  if (it == compiled_.end()) throw InternalError("no template named " + name);
  const MustacheTemplate& t = *it->second;
  const Source& src = sources_.at(name);
  if (!t.valid()) throw InputError(locate(src.display_path, src.text, t.error_offset()), t.error());
  try {
    return t.render(context, [this](std::string_view partial) -> const MustacheTemplate* {
      auto p = partials_.find(partial);
      return p == partials_.end() ? nullptr : p->second.compiled.get();
    });
  } catch (const MustacheRenderError& e) {
    auto p = partials_.find(e.partial());
    const Source& where = e.partial().empty() || p == partials_.end() ? src : sources_.at(p->second.file);
    throw InputError(locate(where.display_path, where.text, e.offset()), e.what());
  }
}

}  // namespace gpress
