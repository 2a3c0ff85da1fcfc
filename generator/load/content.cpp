#include "load/content.hpp"

#include <unistd.h>  // access: a folder the walk would silently skip

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/input_text.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "load/front_matter.hpp"
#include "load/markdown.hpp"
#include "load/yaml_util.hpp"

namespace gpress {
namespace {

using detail::scalar;
using detail::yaml_loc;

const std::vector<std::string> kKnownKeys = {"title", "type",        "theme",        "summary", "tags",
                                             "date",  "source",      "organisation", "weight",  "draft",
                                             "menu",  "gpfv_domain", "levels",       "triggers"};

std::string type_list() { return "report, point-of-view, tool, case-study, page, action"; }

struct Split {
  std::string_view yaml;
  std::string_view body;
  std::uint32_t body_line = 0;  // file line where the body starts
};

// Finds the `---` fences. Accepts CRLF and a UTF-8 byte-order mark.
std::optional<Split> split_front_matter(const std::string& path, std::string_view text, Diagnostics& diags) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto line_end = [&](std::size_t from) {
    const auto nl = text.find('\n', from);
    return nl == std::string_view::npos ? text.size() : nl;
  };
  auto is_fence = [&](std::size_t from, std::size_t to) {
    std::string_view line = text.substr(from, to - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return trim(line) == "---" && line.substr(0, 3) == "---";
  };
  if (!is_fence(0, line_end(0))) {
    diags.error({path, 1, 1},
                "missing front matter: the file must start with a line '---', then the YAML fields, then '---'");
    return std::nullopt;
  }
  std::size_t start = std::min(line_end(0) + 1, text.size());
  std::uint32_t line = 2;
  for (std::size_t pos = start; pos < text.size(); ++line) {
    const std::size_t end = line_end(pos);
    if (is_fence(pos, end)) {
      Split s;
      s.yaml = text.substr(start, pos - start);
      s.body = end < text.size() ? text.substr(end + 1) : std::string_view{};
      s.body_line = line + 1;
      return s;
    }
    pos = end + 1;
  }
  diags.error({path, 1, 1}, "front matter is not closed: add a line '---' after the last field");
  return std::nullopt;
}

using detail::FrontMatter;
using detail::FrontMatterField;
using Kind = detail::FrontMatterField::Kind;

// Reads a required non-empty string field.
std::string required_string(const FrontMatter& fm, const char* key, Diagnostics& diags, const SourceLoc& fm_loc) {
  const FrontMatterField* field = detail::find_field(fm, key);
  if (!field || field->kind == Kind::kNull) {
    diags.error(fm_loc, fmt::format("missing required field '{}'", key));
    return {};
  }
  if (field->kind != Kind::kText) {
    diags.error(field->value_loc, fmt::format("'{}' must be text", key));
    return {};
  }
  if (trim(field->text).empty()) {
    diags.error(field->value_loc, fmt::format("'{}' must not be empty", key));
    return {};
  }
  return std::string(trim(field->text));
}

std::string optional_string(const FrontMatter& fm, const char* key, Diagnostics& diags) {
  const FrontMatterField* field = detail::find_field(fm, key);
  if (!field || field->kind == Kind::kNull) return {};
  if (field->kind != Kind::kText) {
    diags.error(field->value_loc, fmt::format("'{}' must be text", key));
    return {};
  }
  return std::string(trim(field->text));
}

// yaml-cpp's reading of a value as T (a whole number, true/false), so that
// `weight: 010` or `draft: yes` mean what they meant when yaml-cpp read every file.
template <typename T>
std::optional<T> yaml_as(const FrontMatterField& field) {
  if (field.kind != Kind::kText) return std::nullopt;
  try {
    return YAML::Node(field.text).as<T>();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

std::vector<RawTrigger> read_triggers(const FrontMatterField* field, const std::string& path, Diagnostics& diags) {
  std::vector<RawTrigger> out;
  if (!field || field->kind == Kind::kNull) return out;
  if (field->kind != Kind::kList) {
    diags.error(field->value_loc, "'triggers' must be a list, e.g. - {indicator: qof_achievement, below: 90}");
    return out;
  }
  if (!field->node.IsSequence()) {  // a one-line list of plain words: none of them is a map
    for (const auto& item : field->items) diags.error(item.loc, "each trigger must be a map, e.g. {flag: 8}");
    return out;
  }
  for (const auto& item : field->node) {
    RawTrigger t;
    t.loc = yaml_loc(path, item.Mark(), 1);
    if (!item.IsMap()) {
      diags.error(t.loc, "each trigger must be a map, e.g. {flag: 8}");
      continue;
    }
    for (const auto& kv : item) {
      std::vector<std::string> values;
      if (kv.second.IsSequence()) {
        for (const auto& v : kv.second)
          if (auto s = scalar(v)) values.push_back(*s);
      } else if (auto s = scalar(kv.second)) {
        values.push_back(*s);
      }
      t.fields.emplace_back(kv.first.Scalar(), std::move(values));
      t.field_locs.push_back(yaml_loc(path, kv.first.Mark(), 1));
    }
    out.push_back(std::move(t));
  }
  return out;
}

bool is_content_file(const fs::path& path) {
  return path.extension() == ".md" && path.filename().string().front() != '.';
}

// A link to a file or folder outside the project would publish whatever it
// points at (another user's files, /etc): reported at its place, not read.
bool refused_link(const fs::path& project, const fs::path& file, const std::string& shown, Diagnostics& diags) {
  if (!links_outside(project, file)) return false;
  diags.error({shown},
              "is a link to something outside the project, which gpress does not publish: copy the file "
              "into content/ instead");
  return true;
}

// Every content file, by display path ("content/<theme>/<slug>.md"), sorted.
// A folder that cannot be read is an error at that folder; the rest is listed.
std::vector<std::string> content_files(const fs::path& project, Diagnostics& diags) {
  const fs::path root = project / "content";
  const auto display = [&](const fs::path& p) {
    return "content/" +
           p.generic_string().substr(std::min(p.generic_string().size(), root.generic_string().size() + 1));
  };
  std::vector<std::string> files;
  if (::access(root.c_str(), R_OK | X_OK) != 0) {
    diags.error({"content"}, fmt::format("cannot read this folder: {}", std::strerror(errno)));
    return files;
  }
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    const std::string shown = display(it->path());
    if (it->is_symlink(type_ec) && refused_link(project, it->path(), shown, diags)) continue;
    if (it->is_directory(type_ec) && ::access(it->path().c_str(), R_OK | X_OK) != 0) {
      diags.error({shown}, fmt::format("cannot read this folder: {}", std::strerror(errno)));
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(type_ec) && is_content_file(it->path())) files.push_back(shown);
  }
  if (ec)
    diags.error({it == end ? std::string("content") : display(it->path())},
                fmt::format("cannot read this folder: {}", ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

// The same list without walking the folder, when the watcher has said which
// files changed since the last build: that build's list, with the files
// changed added or dropped as they now exist.
std::vector<std::string> cached_file_list(const fs::path& project, const ContentCache& cache, Diagnostics& diags) {
  std::vector<std::string> files = cache.files;
  for (const auto& path : *cache.known_changes) {
    if (path.rfind("content/", 0) != 0 || !is_content_file(path)) continue;
    const auto at = std::lower_bound(files.begin(), files.end(), path);
    const bool listed = at != files.end() && *at == path;
    std::error_code ec;
    const bool exists = !refused_link(project, project / path, path, diags) && fs::is_regular_file(project / path, ec);
    if (exists && !listed) files.insert(at, path);
    if (!exists && listed) files.erase(at);
  }
  return files;
}

// One content file as this build sees it: taken from the cache while its
// bytes are known to be as they were, parsed again otherwise.
struct LoadedFile {
  PageList::Ptr page;  ///< null when the file is too broken to use
  Diagnostics diags;
  std::uint64_t hash = 0;
  FileStamp stamp;
  bool from_cache = false;
};

LoadedFile load_file(const fs::path& project, const std::string& file, const ContentCache* cache) {
  const ContentCache::Entry* known = nullptr;
  if (cache) {
    auto it = cache->entries.find(file);
    if (it != cache->entries.end()) known = &it->second;
  }
  auto cached = [&](const FileStamp& stamp) {
    return LoadedFile{
        .page = known->page, .diags = known->diags, .hash = known->hash, .stamp = stamp, .from_cache = true};
  };
  // With the watcher's list of changes, a file not on it is as the cache has it.
  const bool watched = cache && cache->known_changes;
  if (known && watched && !cache->known_changes->count(file)) return cached(known->stamp);
  // Stamped before reading: a write after this moves the stamp, so the next
  // build reads the file again.
  const FileStamp stamp = stamp_of(project / file);
  if (known && !watched && stamp.known() && stamp == known->stamp) return cached(stamp);
  std::string text;
  try {
    text = read_file(project / file);
  } catch (const InternalError& e) {  // unreadable: the project's problem, said at the file
    const std::string_view why = e.what();
    LoadedFile out;
    out.diags.error({file}, fmt::format("cannot read this file: {}", why.substr(why.rfind(": ") + 2)));
    return out;
  }
  const std::uint64_t hash = hash_bytes(text);
  if (known && known->hash == hash) return cached(stamp);  // touched, the same bytes
  LoadedFile out;
  out.hash = hash;
  out.stamp = stamp;
  if (auto page = parse_page(file, text, out.diags)) out.page = std::make_shared<const Page>(std::move(*page));
  return out;
}

}  // namespace

const std::vector<std::string>& reserved_page_slugs() {
  // Folders and files the toolkit generates at the top of site/.
  static const std::vector<std::string> slugs = {"assets",     "case-studies", "maturity-framework", "pagefind",
                                                 "search",     "tags",         "404.html",           "feed.xml",
                                                 "index.html", "sitemap.xml"};
  return slugs;
}

namespace {

// Every field's text is checked; a field gpress does not read is a warning
// naming the one probably meant.
void check_fields(const FrontMatter& fm, Page& page, Diagnostics& diags) {
  for (const FrontMatterField& field : fm) {
    page.field_locs.emplace(field.key, field.value_loc);  // the first, as a lookup finds it
    // Escapes in quoted YAML ("\x1b") make what the file's bytes could not.
    if (!check_text(field.key, field.key_loc, "field name", diags, 100)) continue;
    if (field.kind == Kind::kText) check_text(field.text, field.value_loc, field.key, diags);
    for (const auto& item : field.items)
      if (item.text) check_text(*item.text, item.loc, field.key, diags);
    if (std::find(kKnownKeys.begin(), kKnownKeys.end(), field.key) == kKnownKeys.end()) {
      std::string msg = fmt::format("unknown field '{}' is ignored", field.key);
      if (auto m = closest_match(field.key, kKnownKeys)) msg += fmt::format(" (did you mean '{}'?)", *m);
      diags.warning(field.key_loc, msg);
    }
  }
}

// A field that lists words ("tags: [a, b]", or one word alone); absent or
// null is an empty list.
std::vector<std::string> word_list(const FrontMatter& fm, const char* key, const char* each_error,
                                   const char* list_error, Diagnostics& diags) {
  std::vector<std::string> out;
  const FrontMatterField* field = detail::find_field(fm, key);
  if (!field || field->kind == Kind::kNull) return out;
  if (field->kind == Kind::kList) {
    for (const auto& item : field->items) {
      if (item.text && !trim(*item.text).empty()) out.emplace_back(trim(*item.text));
      else diags.error(item.loc, each_error);
    }
  } else if (field->kind == Kind::kText && !trim(field->text).empty()) {
    out.emplace_back(trim(field->text));
  } else {
    diags.error(field->value_loc, list_error);
  }
  return out;
}

// The page's type, or nothing (reported) when it has none gpress knows.
std::optional<PageType> page_type(const FrontMatter& fm, const Page& page, const SourceLoc& fm_loc,
                                  Diagnostics& diags) {
  const std::string type = required_string(fm, "type", diags, fm_loc);
  if (type.empty()) return std::nullopt;
  auto t = page_type_from_string(type);
  if (!t) diags.error(page.loc_of("type"), fmt::format("unknown type '{}': expected one of {}", type, type_list()));
  return t;
}

// date, source and organisation: each may be left out.
void read_attribution(const FrontMatter& fm, Page& page, Diagnostics& diags) {
  page.date = optional_string(fm, "date", diags);
  if (!page.date.empty() && !is_iso_date(page.date))
    diags.error(page.loc_of("date"), fmt::format("bad date '{}': expected an ISO date YYYY-MM-DD", page.date));
  page.source = optional_string(fm, "source", diags);
  if (!page.source.empty() && !is_web_address(page.source)) {
    diags.error(page.loc_of("source"),
                fmt::format("source '{}' must be a web address starting with https:// or http://", page.source));
    page.source.clear();
  }
  page.organisation = optional_string(fm, "organisation", diags);
}

void read_weight_and_draft(const FrontMatter& fm, Page& page, Diagnostics& diags) {
  if (const FrontMatterField* w = detail::find_field(fm, "weight"); w && w->kind != Kind::kNull) {
    if (auto weight = yaml_as<int>(*w)) page.weight = *weight;
    else
      diags.error(w->value_loc,
                  fmt::format("weight must be a whole number, got '{}'", w->kind == Kind::kText ? w->text : ""));
  }
  if (const FrontMatterField* d = detail::find_field(fm, "draft"); d && d->kind != Kind::kNull) {
    if (auto draft = yaml_as<bool>(*d)) page.draft = *draft;
    else diags.error(d->value_loc, "draft must be true or false");
  }
}

// An action's place on the menu of support, its triggers and the support
// levels it suits.
void read_action_fields(const FrontMatter& fm, Page& page, const SourceLoc& fm_loc, Diagnostics& diags) {
  page.menu = required_string(fm, "menu", diags, fm_loc);
  page.gpfv_domain = required_string(fm, "gpfv_domain", diags, fm_loc);
  page.triggers = read_triggers(detail::find_field(fm, "triggers"), page.path, diags);
  page.levels = word_list(fm, "levels", "each level must be one of Manage, Stabilise, Improve, Sustain",
                          "'levels' must be a list, e.g. levels: [Stabilise, Improve]", diags);
}

}  // namespace

std::optional<Page> parse_page(const std::string& path, std::string_view text, Diagnostics& diags) {
  // Front matter and body alike end up in pages and the feed, which cannot
  // hold a control character or a byte that is not UTF-8.
  std::size_t bad = 0;
  if (std::string problem = text_problem(text, {}, text.size(), &bad); !problem.empty()) {
    diags.error(locate(path, std::string(text), bad), std::move(problem));
    return std::nullopt;
  }
  auto split = split_front_matter(path, text, diags);
  if (!split) return std::nullopt;

  const auto fm = detail::read_front_matter(path, split->yaml, diags);
  if (!fm) return std::nullopt;
  const SourceLoc fm_loc{path, 1, 1};

  Page page;
  page.path = path;
  std::string name = path.substr(path.find_last_of('/') + 1);
  page.slug = name.substr(0, name.size() - 3);  // drop ".md"
  check_fields(*fm, page, diags);

  page.title = required_string(*fm, "title", diags, fm_loc);
  const std::optional<PageType> type = page_type(*fm, page, fm_loc, diags);
  if (!type) return std::nullopt;
  page.type = *type;
  if (is_toolkit_type(page.type)) {
    page.theme = required_string(*fm, "theme", diags, fm_loc);
    page.summary = required_string(*fm, "summary", diags, fm_loc);
  } else {
    page.summary = optional_string(*fm, "summary", diags);
  }
  read_attribution(*fm, page, diags);
  page.tags = word_list(*fm, "tags", "each tag must be non-empty text",
                        "'tags' must be a list, e.g. tags: [leadership, coaching]", diags);
  read_weight_and_draft(*fm, page, diags);
  if (page.type == PageType::kAction) read_action_fields(*fm, page, fm_loc, diags);

  page.body_html = SharedText(std::move(render_markdown(split->body).html));
  page.file_hash = hash_bytes(text);
  page.listed_hash = listed_fields_hash(page);
  return page;
}

namespace {

// Entries are updated in place: after one edit, one of them changes.
void refresh_cache(ContentCache& cache, const std::vector<std::string>& files, const std::vector<LoadedFile>& loaded) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    const LoadedFile& f = loaded[i];
    if (f.from_cache && cache.entries.at(files[i]).stamp == f.stamp) continue;
    // A new entry, new bytes or a new stamp: its part of the saved cache is written again.
    cache.entries[files[i]] = {f.hash, f.page, f.diags, f.stamp};
    cache.changed(files[i]);
  }
  // Every file listed now has an entry; more entries than files means some were deleted since.
  if (cache.entries.size() > files.size()) {
    const std::unordered_set<std::string> listed(files.begin(), files.end());
    std::erase_if(cache.entries, [&](const auto& entry) {
      if (listed.count(entry.first)) return false;
      cache.changed(entry.first);
      return true;
    });
  }
  cache.files = files;
  cache.known_changes.reset();
}

// Puts each loaded page in its list, checked against the themes and the
// pages placed before it; one that cannot be placed is reported and left out.
class Placement {
 public:
  Placement(const std::vector<Theme>& themes, std::size_t files) {
    for (const auto& t : themes) theme_slugs_.push_back(t.slug);
    seen_.reserve(files);
  }

  void place(PageList::Ptr page_ptr, ContentSet& set, Diagnostics& diags) {
    const Page& page = *page_ptr;
    if (page.draft) {
      ++set.drafts;
      return;
    }
    // The file name is the page's address: lower-case words joined by hyphens.
    if (!is_slug(page.slug)) {
      diags.error({page.path}, fmt::format("file name '{}.md' cannot be a page address: use lower-case letters, "
                                           "digits and single hyphens, e.g. '{}.md'",
                                           page.slug, slugify(page.slug).empty() ? "my-page" : slugify(page.slug)));
      return;
    }
    if (is_toolkit_type(page.type)) {
      if (item_fits(page, diags)) set.items.push_back(std::move(page_ptr));
    } else if (page.type == PageType::kPage) {
      if (page_fits(page, diags)) set.pages.push_back(std::move(page_ptr));
    } else {
      set.actions.push_back(std::move(page_ptr));
    }
  }

 private:
  bool item_fits(const Page& page, Diagnostics& diags) {
    if (page.theme.empty()) return false;    // already reported
    if (theme_slugs_.empty()) return false;  // themes.yaml is missing or broken, and says so
    if (std::find(theme_slugs_.begin(), theme_slugs_.end(), page.theme) == theme_slugs_.end()) {
      std::string msg = fmt::format("unknown theme '{}'", page.theme);
      if (auto m = closest_match(page.theme, theme_slugs_)) msg += fmt::format(" (did you mean '{}'?)", *m);
      else msg += " (themes are listed in data/themes.yaml)";
      diags.error(page.loc_of("theme"), msg);
      return false;
    }
    if (page.slug == "index.html") {  // the theme's own page
      diags.error({page.path, 1, 1}, "item slug 'index.html' is taken by the theme's page: rename the file");
      return false;
    }
    auto [it, inserted] = seen_.emplace(page.theme + "/" + page.slug, page.path);
    if (!inserted)
      diags.error({page.path, 1, 1}, fmt::format("duplicate slug '{}' in theme '{}' (also used by {})", page.slug,
                                                 page.theme, it->second));
    return inserted;
  }

  bool page_fits(const Page& page, Diagnostics& diags) {
    const auto& reserved = reserved_page_slugs();
    const bool clashes = std::find(reserved.begin(), reserved.end(), page.slug) != reserved.end() ||
                         std::find(theme_slugs_.begin(), theme_slugs_.end(), page.slug) != theme_slugs_.end();
    if (clashes) {
      diags.error({page.path, 1, 1},
                  fmt::format("page slug '{}' is taken by a generated file or folder: rename the file", page.slug));
      return false;
    }
    auto [it, inserted] = seen_.emplace("/" + page.slug, page.path);
    if (!inserted)
      diags.error({page.path, 1, 1}, fmt::format("duplicate page slug '{}' (also used by {})", page.slug, it->second));
    return inserted;
  }

  std::vector<std::string> theme_slugs_;
  std::unordered_map<std::string, std::string> seen_;  // "theme/slug" ("/slug" for a page) -> first path
};

}  // namespace

ContentSet load_content(const std::filesystem::path& project, const std::vector<Theme>& themes, unsigned jobs,
                        Diagnostics& diags, ContentCache* cache) {
  ContentSet set;
  const fs::path root = project / "content";
  // A project that publishes only data packs has no content; the products
  // that need it (the toolkit, the options reports' actions) say so.
  if (!fs::is_directory(root)) return set;
  const std::vector<std::string> files = cache && cache->known_changes && !cache->files.empty()
                                             ? cached_file_list(project, *cache, diags)
                                             : content_files(project, diags);

  // Each file into its own slot, in parallel, then merged in path order so
  // messages and pages are deterministic.
  std::vector<LoadedFile> loaded(files.size());
  parallel_for(files.size(), jobs, [&](std::size_t i) { loaded[i] = load_file(project, files[i], cache); });
  if (cache) refresh_cache(*cache, files, loaded);

  Placement placement(themes, files.size());
  for (LoadedFile& f : loaded) {
    diags.append(f.diags);
    if (f.page) placement.place(std::move(f.page), set, diags);
  }
  return set;
}

}  // namespace gpress
