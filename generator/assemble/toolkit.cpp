#include "assemble/toolkit.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"

namespace gpress {
namespace {

using json = nlohmann::json;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kRelatedCount = 4;
// Candidates considered per shared tag when ranking related items: keeps the
// work linear in the number of items however popular a tag is.
constexpr std::size_t kRelatedCandidatesPerTag = 24;

// Stands for a page's relative root in a card rendered once for all pages.
// A control character cannot occur in YAML text, so no title can hold it.
constexpr char kRootMark = '\x1e';

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// "2018-06-01" -> "1 June 2018", the NHS.UK style.
std::string display_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  return fmt::format("{} {} {}", day, kMonths[month - 1], iso.substr(0, 4));
}

// The trail above a page; the last entry is also the back link that NHS.UK
// breadcrumbs show instead of the trail on narrow screens.
void set_breadcrumbs(json& ctx, json crumbs) {
  ctx["has_breadcrumbs"] = !crumbs.empty();
  ctx["breadcrumb_back"] = crumbs.empty() ? json(nullptr) : crumbs.back();
  ctx["breadcrumbs"] = std::move(crumbs);
}

std::string root_for(int depth) {
  std::string r;
  for (int i = 0; i < depth; ++i) r += "../";
  return r;
}

// Newest first; undated items last; then by title for a stable order.
bool newer(const Page& a, const Page& b) {
  if (a.date != b.date) return a.date > b.date;
  return std::tie(a.title, a.theme, a.slug) < std::tie(b.title, b.theme, b.slug);
}

// The themes and every item's listed fields, in order: all the index is made from.
std::uint64_t index_key(const std::vector<Theme>& themes, const PageList& items) {
  std::uint64_t h = hash_combine(themes.size(), items.size());
  for (const auto& t : themes) h = hash_combine(h, hash_bytes(t.slug));
  for (const auto& item : items) h = hash_combine(h, item.listed_hash);
  return h;
}

std::shared_ptr<const ToolkitIndex> make_index(const std::vector<Theme>& themes, const PageList& items,
                                               std::uint64_t key) {
  auto index = std::make_shared<ToolkitIndex>();
  ToolkitIndex& ix = *index;
  ix.key = key;
  std::unordered_map<std::string, std::size_t> theme_index;
  for (std::size_t t = 0; t < themes.size(); ++t) theme_index[themes[t].slug] = t;

  ix.theme_items.resize(themes.size());
  ix.item_theme.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    ix.item_theme[i] = theme_index.at(items[i].theme);
    ix.theme_items[ix.item_theme[i]].push_back(i);
  }
  // A theme lists report, point of view, tool, case study; then weight, then title.
  for (auto& list : ix.theme_items) {
    std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      const Page &x = items[a], &y = items[b];
      return std::tie(x.type, x.weight, x.title, x.slug) < std::tie(y.type, y.weight, y.title, y.slug);
    });
  }
  ix.prev.assign(items.size(), kNone);
  ix.next.assign(items.size(), kNone);
  std::vector<std::size_t> position(items.size());  // in its theme's listing
  for (const auto& list : ix.theme_items) {
    for (std::size_t k = 0; k < list.size(); ++k) {
      position[list[k]] = k;
      if (k > 0) ix.prev[list[k]] = list[k - 1];
      if (k + 1 < list.size()) ix.next[list[k]] = list[k + 1];
    }
  }

  ix.newest.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) ix.newest[i] = i;
  std::sort(ix.newest.begin(), ix.newest.end(),
            [&](std::size_t a, std::size_t b) { return newer(items[a], items[b]); });
  // An item's place in that order: comparing places is comparing with newer().
  std::vector<std::size_t> newest_rank(items.size());
  for (std::size_t k = 0; k < ix.newest.size(); ++k) newest_rank[ix.newest[k]] = k;
  for (std::size_t i : ix.newest)
    if (items[i].type == PageType::kCaseStudy) ix.case_studies.push_back(i);

  std::unordered_map<std::string, std::size_t> tag_index;  // slug -> position in ix.tags
  std::vector<std::string> own;                            // an item's tag slugs, each once
  for (std::size_t i : ix.newest) {
    own.clear();
    for (const auto& name : items[i].tags) {
      std::string slug = slugify(name);
      if (std::find(own.begin(), own.end(), slug) != own.end()) continue;
      auto [it, inserted] = tag_index.emplace(slug, ix.tags.size());
      if (inserted) ix.tags.push_back({name, slug, {}});
      ix.tags[it->second].items.push_back(i);
      own.push_back(std::move(slug));
    }
  }
  std::sort(ix.tags.begin(), ix.tags.end(), [](const auto& a, const auto& b) { return a.slug < b.slug; });

  // Related: items sharing the most tags, same theme breaking ties, then newest.
  ix.related.resize(items.size());
  std::vector<std::vector<std::size_t>> item_tags(items.size());
  for (std::size_t t = 0; t < ix.tags.size(); ++t)
    for (std::size_t i : ix.tags[t].items) item_tags[i].push_back(t);
  std::vector<int> score(items.size(), 0);
  std::vector<std::size_t> touched;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto add = [&](std::size_t j, int points) {
      if (j == i) return;
      if (score[j] == 0) touched.push_back(j);
      score[j] += points;
    };
    for (std::size_t t : item_tags[i]) {
      const auto& tagged = ix.tags[t].items;
      for (std::size_t k = 0; k < tagged.size() && k < kRelatedCandidatesPerTag; ++k) add(tagged[k], 2);
    }
    // Neighbours in the theme's listing, not the whole theme: linear work
    // however large a theme grows.
    const auto& list = ix.theme_items[ix.item_theme[i]];
    const std::size_t at = position[i];
    for (std::size_t k = at > kRelatedCandidatesPerTag ? at - kRelatedCandidatesPerTag : 0;
         k < list.size() && k <= at + kRelatedCandidatesPerTag; ++k)
      add(list[k], 1);
    const std::size_t keep = std::min(kRelatedCount, touched.size());
    std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep), touched.end(),
                      [&](std::size_t a, std::size_t b) {
                        if (score[a] != score[b]) return score[a] > score[b];
                        return newest_rank[a] < newest_rank[b];
                      });
    ix.related[i].assign(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep));
    for (std::size_t j : touched) score[j] = 0;
    touched.clear();
  }
  return index;
}

}  // namespace

Toolkit::Toolkit(const Config& config, const std::vector<Theme>& themes, const ContentSet& content,
                 std::shared_ptr<const ToolkitIndex> previous)
    : config_(config), themes_(themes), content_(content) {
  const std::uint64_t key = index_key(themes_, content_.items);
  index_ = previous && previous->key == key ? std::move(previous) : make_index(themes_, content_.items, key);
  // Every context is made from the config and themes (the product's part of
  // the key), the items' and pages' listed fields and, on an item's own page,
  // its body; a standalone page's body shows in no other page, but pages are few.
  shared_inputs_ = hash_combine(key, content_.pages.size());
  for (const auto& page : content_.pages)
    shared_inputs_ = hash_combine(hash_combine(shared_inputs_, page.listed_hash), page.file_hash);
}

void Toolkit::render_cards_with(CardRenderer render_card) {
  render_card_ = std::move(render_card);
  card_html_.assign(content_.items.size(), {});
  card_once_ = std::make_unique<std::once_flag[]>(content_.items.size());
}

const std::string& Toolkit::card_html(std::size_t i) const {
  if (!render_card_) throw InternalError("toolkit cards listed before their renderer was set");
  std::call_once(card_once_[i], [&] { card_html_[i] = render_card_(card(i, std::string(1, kRootMark))); });
  return card_html_[i];
}

json Toolkit::listed(std::size_t i, const std::string& root) const {
  const std::string& html = card_html(i);
  std::string out;
  out.reserve(html.size() + 4 * root.size());
  std::size_t from = 0;
  for (std::size_t mark; (mark = html.find(kRootMark, from)) != std::string::npos; from = mark + 1)
    out.append(html, from, mark - from).append(root);
  out.append(html, from);
  return {{"card", std::move(out)}};
}

const Theme& Toolkit::theme_of(std::size_t item) const { return themes_[index_->item_theme[item]]; }

std::string Toolkit::link(const std::string& root, const std::string& folder) const {
  if (config_.site.pretty_urls) return folder.empty() && root.empty() ? "./" : root + folder;
  return root + folder + "index.html";
}

std::string Toolkit::absolute(const std::string& folder) const { return config_.site.base_url + folder; }

json Toolkit::common(const std::string& root, const std::string& title, const std::string& folder) const {
  json nav = json::array();
  auto add_nav = [&](const std::string& label, const std::string& target) {
    // A section's own pages (filtered listings, say) keep its menu entry marked.
    const bool in_section = folder == target || (!target.empty() && folder.rfind(target, 0) == 0);
    nav.push_back(
        {{"title", label}, {"url", link(root, target)}, {"current", folder == target}, {"in_section", in_section}});
  };
  add_nav("Themes", "");
  add_nav("Case studies", "case-studies/");
  add_nav("Maturity framework", "maturity-framework/");
  // The accessibility statement is linked from the footer, as NHS services
  // do, not from the menu.
  bool has_accessibility = false;
  for (const auto& p : content_.pages) {
    if (p.slug == kAccessibilitySlug) has_accessibility = true;
    else add_nav(p.title, p.slug + "/");
  }
  add_nav("Search", "search/");
  json nav_themes = json::array();
  for (const auto& t : themes_)
    nav_themes.push_back({{"title", t.title}, {"number", t.number}, {"url", link(root, t.slug + "/")}});
  return {
      {"site",
       {{"title", config_.site.title},
        {"description", config_.site.description},
        {"base_url", config_.site.base_url},
        {"language", config_.site.language},
        {"has_description", !config_.site.description.empty()}}},
      {"programme",
       {{"name", config_.programme.name},
        {"local_office", config_.programme.local_office},
        {"has_local_office", !config_.programme.local_office.empty()}}},
      {"root", root},
      {"home_url", link(root, "")},
      // "./" keeps the home page's path usable as an ES module specifier.
      {"assets", (root.empty() ? std::string("./") : root) + "assets/"},
      {"search_url", link(root, "search/")},
      {"tags_url", link(root, "tags/")},
      {"case_studies_url", link(root, "case-studies/")},
      {"maturity_url", link(root, "maturity-framework/")},
      {"accessibility_url", link(root, std::string(kAccessibilitySlug) + "/")},
      {"has_accessibility", has_accessibility},
      {"page_title", title.empty() ? config_.site.title : title + " - " + config_.site.title},
      {"canonical", absolute(folder)},
      {"nav", nav},
      {"nav_themes", nav_themes},
      {"breadcrumbs", json::array()},
      {"has_breadcrumbs", false},
      {"breadcrumb_back", nullptr},
      {"generator", std::string("gpress ") + GPRESS_VERSION},
  };
}

json Toolkit::card(std::size_t i, const std::string& root) const {
  const Page& p = content_.items[i];
  const Theme& t = theme_of(i);
  json tags = json::array();
  std::string tag_slugs;
  for (const auto& name : p.tags) {
    tags.push_back({{"name", name}, {"url", link(root, "tags/" + slugify(name) + "/")}});
    tag_slugs += (tag_slugs.empty() ? "" : " ") + slugify(name);
  }
  return {{"title", p.title},
          {"url", link(root, t.slug + "/" + p.slug + "/")},
          {"summary", p.summary},
          {"type", std::string(to_string(p.type))},
          {"type_label", std::string(type_label(p.type))},
          {"date", p.date},
          {"date_display", display_date(p.date)},
          {"has_date", !p.date.empty()},
          {"organisation", p.organisation},
          {"has_organisation", !p.organisation.empty()},
          {"theme_title", t.title},
          {"theme_slug", t.slug},
          {"theme_number", t.number},
          {"tags", tags},
          {"has_tags", !tags.empty()},
          {"tag_slugs", tag_slugs}};
}

json Toolkit::home_context() const {
  json ctx = common("", "", "");
  ctx["page_title"] = config_.site.title;
  json themes = json::array();
  for (std::size_t t = 0; t < themes_.size(); ++t) {
    themes.push_back({{"number", themes_[t].number},
                      {"title", themes_[t].title},
                      {"summary", themes_[t].summary},
                      {"url", link("", themes_[t].slug + "/")},
                      {"count", index_->theme_items[t].size()}});
  }
  ctx["themes"] = themes;
  json newest = json::array();
  for (std::size_t k = 0; k < index_->newest.size() && k < static_cast<std::size_t>(config_.site.newest_items); ++k)
    newest.push_back(listed(index_->newest[k], ""));
  ctx["newest"] = newest;
  ctx["item_count"] = content_.items.size();
  ctx["case_study_count"] = index_->case_studies.size();
  return ctx;
}

json Toolkit::theme_context(std::size_t t) const {
  const Theme& theme = themes_[t];
  json ctx = common("../", theme.title, theme.slug + "/");
  const std::string root = "../";
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link(root, "")}}}));
  ctx["theme"] = {{"number", theme.number},
                  {"slug", theme.slug},
                  {"title", theme.title},
                  {"summary", theme.summary},
                  {"maturity_url", link(root, "maturity-framework/") + "#" + theme.slug}};
  json groups = json::array();
  for (PageType type : kToolkitTypes) {
    json items = json::array();
    for (std::size_t i : index_->theme_items[t])
      if (content_.items[i].type == type) items.push_back(listed(i, root));
    if (items.empty()) continue;
    groups.push_back({{"type", std::string(to_string(type))},
                      {"label", std::string(type_plural(type))},
                      {"count", items.size()},
                      {"items", items}});
  }
  ctx["groups"] = groups;
  ctx["item_count"] = index_->theme_items[t].size();
  return ctx;
}

json Toolkit::item_context(std::size_t i) const {
  const Page& p = content_.items[i];
  const Theme& t = theme_of(i);
  json ctx = common("../../", p.title, t.slug + "/" + p.slug + "/");
  const std::string root = "../../";
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link(root, "")}},
                                    {{"title", t.title}, {"url", link(root, t.slug + "/")}}}));
  json item = card(i, root);
  item["body"] = p.body_html.str();
  item["source"] = p.source;
  item["has_source"] = !p.source.empty();
  item["theme_url"] = link(root, t.slug + "/");
  ctx["item"] = item;
  auto neighbour = [&](std::size_t j) -> json {
    if (j == kNone) return nullptr;
    return {{"title", content_.items[j].title}, {"url", link(root, t.slug + "/" + content_.items[j].slug + "/")}};
  };
  ctx["prev"] = neighbour(index_->prev[i]);
  ctx["next"] = neighbour(index_->next[i]);
  json related = json::array();
  for (std::size_t j : index_->related[i]) related.push_back(listed(j, root));
  ctx["has_related"] = !related.empty();
  ctx["related"] = related;
  return ctx;
}

json Toolkit::case_studies_context(const std::string& theme, const std::string& tag) const {
  const bool filtered = !theme.empty() || !tag.empty();
  const std::string folder = theme.empty() ? (tag.empty() ? "case-studies/" : "case-studies/tag/" + tag + "/")
                                           : "case-studies/theme/" + theme + "/";
  const int depth = filtered ? 3 : 1;
  const std::string root = root_for(depth);
  std::string label;
  if (!theme.empty())
    for (const auto& t : themes_)
      if (t.slug == theme) label = t.title;
  if (!tag.empty())
    for (const auto& tg : index_->tags)
      if (tg.slug == tag) label = tg.name;

  json ctx = common(root_for(depth), filtered ? "Case studies: " + label : "Case studies", folder);
  json crumbs = json::array({{{"title", "Home"}, {"url", link(root, "")}}});
  if (filtered) crumbs.push_back({{"title", "Case studies"}, {"url", link(root, "case-studies/")}});
  set_breadcrumbs(ctx, crumbs);

  json items = json::array();
  std::set<std::string> used_tags;
  for (std::size_t i : index_->case_studies) {
    const Page& p = content_.items[i];
    for (const auto& n : p.tags) used_tags.insert(slugify(n));
    const bool tag_match = tag.empty() || std::any_of(p.tags.begin(), p.tags.end(),
                                                      [&](const std::string& n) { return slugify(n) == tag; });
    if ((theme.empty() || p.theme == theme) && tag_match) items.push_back(listed(i, root));
  }
  json filter_themes = json::array();
  for (const auto& t : themes_) {
    const bool any = std::any_of(index_->case_studies.begin(), index_->case_studies.end(),
                                 [&](std::size_t i) { return content_.items[i].theme == t.slug; });
    if (!any) continue;
    filter_themes.push_back({{"slug", t.slug},
                             {"title", t.title},
                             {"url", link(root, "case-studies/theme/" + t.slug + "/")},
                             {"current", t.slug == theme}});
  }
  json filter_tags = json::array();
  for (const auto& tg : index_->tags) {
    if (!used_tags.count(tg.slug)) continue;
    filter_tags.push_back({{"slug", tg.slug},
                           {"name", tg.name},
                           {"url", link(root, "case-studies/tag/" + tg.slug + "/")},
                           {"current", tg.slug == tag}});
  }
  ctx["items"] = items;
  ctx["count"] = items.size();
  ctx["total"] = index_->case_studies.size();
  ctx["filter"] = {{"is_filtered", filtered},
                   {"label", label},
                   {"all_url", link(root, "case-studies/")},
                   {"themes", filter_themes},
                   {"tags", filter_tags}};
  return ctx;
}

json Toolkit::maturity_context() const {
  json ctx = common("../", "Maturity framework", "maturity-framework/");
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link("../", "")}}}));
  json themes = json::array();
  for (const auto& t : themes_) {
    json levels = json::array();
    for (std::size_t l = 0; l < kLevels.size(); ++l)
      levels.push_back({{"letter", std::string(1, kLevels[l])}, {"concept", t.levels[l]}});
    json domains = json::array();
    for (std::size_t d = 0; d < t.domains.size(); ++d) {
      json dl = json::array();
      for (std::size_t l = 0; l < kLevels.size(); ++l)
        dl.push_back({{"letter", std::string(1, kLevels[l])}, {"text", t.domains[d].levels[l]}});
      domains.push_back({{"number", d + 1},
                         {"title", t.domains[d].title},
                         {"field", fmt::format("{}-{}", t.slug, d + 1)},
                         {"levels", dl}});
    }
    themes.push_back({{"number", t.number},
                      {"slug", t.slug},
                      {"title", t.title},
                      {"summary", t.summary},
                      {"url", link("../", t.slug + "/")},
                      {"levels", levels},
                      {"domains", domains}});
  }
  ctx["themes"] = themes;
  return ctx;
}

json Toolkit::tag_context(const ToolkitIndex::Tag& tag) const {
  json ctx = common("../../", "Tagged: " + tag.name, "tags/" + tag.slug + "/");
  const std::string root = "../../";
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link(root, "")}},
                                    {{"title", "Tags"}, {"url", link(root, "tags/")}}}));
  json items = json::array();
  for (std::size_t i : tag.items) items.push_back(listed(i, root));
  ctx["tag"] = {{"name", tag.name}, {"slug", tag.slug}};
  ctx["items"] = items;
  ctx["count"] = tag.items.size();
  return ctx;
}

json Toolkit::tags_context() const {
  json ctx = common("../", "Tags", "tags/");
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link("../", "")}}}));
  json tags = json::array();
  for (const auto& tg : index_->tags)
    tags.push_back({{"name", tg.name}, {"url", link("../", "tags/" + tg.slug + "/")}, {"count", tg.items.size()}});
  ctx["tags"] = tags;
  return ctx;
}

json Toolkit::page_context(std::size_t i) const {
  const Page& p = content_.pages[i];
  json ctx = common("../", p.title, p.slug + "/");
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link("../", "")}}}));
  ctx["page"] = {
      {"title", p.title}, {"summary", p.summary}, {"has_summary", !p.summary.empty()}, {"body", p.body_html.str()}};
  return ctx;
}

json Toolkit::simple_context(const std::string& title, const std::string& folder, int depth) const {
  json ctx = common(root_for(depth), title, folder);
  set_breadcrumbs(ctx, json::array({{{"title", "Home"}, {"url", link(root_for(depth), "")}}}));
  return ctx;
}

json Toolkit::not_found_context() const {
  // 404.html is served for any missing address, at any depth, so its links
  // start from the site's base path instead of being relative.
  const std::string& base = config_.site.base_url;
  const auto scheme = base.find("://");
  const auto path_start = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  json ctx = common(path_start == std::string::npos ? "/" : base.substr(path_start), "Page not found", "404.html");
  ctx["canonical"] = base + "404.html";
  return ctx;
}

json Toolkit::sitemap_context() const {
  json urls = json::array();
  auto add = [&](const std::string& folder, const std::string& lastmod) {
    // An empty string would still open {{#lastmod}}; null does not.
    urls.push_back({{"loc", absolute(folder)}, {"lastmod", lastmod.empty() ? json(nullptr) : json(lastmod)}});
  };
  add("", index_->newest.empty() ? "" : content_.items[index_->newest.front()].date);
  for (std::size_t t = 0; t < themes_.size(); ++t) add(themes_[t].slug + "/", "");
  for (std::size_t i = 0; i < content_.items.size(); ++i)
    add(theme_of(i).slug + "/" + content_.items[i].slug + "/", content_.items[i].date);
  add("case-studies/", "");
  add("maturity-framework/", "");
  add("tags/", "");
  for (const auto& tg : index_->tags) add("tags/" + tg.slug + "/", "");
  for (const auto& p : content_.pages) add(p.slug + "/", p.date);
  return {{"urls", urls}};
}

json Toolkit::feed_context() const {
  // The feed's updated time is the newest item's date, not the clock, so the
  // same content always gives the same feed.
  const std::string updated = index_->newest.empty() || content_.items[index_->newest.front()].date.empty()
                                  ? "2000-01-01"
                                  : content_.items[index_->newest.front()].date;
  json entries = json::array();
  for (std::size_t k = 0; k < index_->newest.size() && k < 50; ++k) {
    const std::size_t i = index_->newest[k];
    const Page& p = content_.items[i];
    const std::string url = absolute(theme_of(i).slug + "/" + p.slug + "/");
    entries.push_back({{"title", p.title},
                       {"url", url},
                       {"id", url},
                       {"updated", (p.date.empty() ? updated : p.date) + "T00:00:00Z"},
                       {"summary", p.summary},
                       {"type_label", std::string(type_label(p.type))},
                       {"theme_title", theme_of(i).title}});
  }
  return {{"site", {{"title", config_.site.title}, {"base_url", config_.site.base_url}}},
          {"feed", {{"url", absolute("feed.xml")}, {"updated", updated + "T00:00:00Z"}}},
          {"entries", entries}};
}

std::vector<PlannedPage> Toolkit::plan() const {
  std::vector<PlannedPage> pages;
  pages.push_back({"index.html", "home.html", [this] { return home_context(); }});
  for (std::size_t t = 0; t < themes_.size(); ++t)
    pages.push_back({themes_[t].slug + "/index.html", "theme.html", [this, t] { return theme_context(t); }});
  for (std::size_t i = 0; i < content_.items.size(); ++i)
    pages.push_back({theme_of(i).slug + "/" + content_.items[i].slug + "/index.html", "item.html",
                     [this, i] { return item_context(i); }, hash_combine(shared_inputs_, content_.items[i].file_hash)});
  pages.push_back({"case-studies/index.html", "case-studies.html", [this] { return case_studies_context("", ""); }});
  std::set<std::string> case_study_themes, case_study_tags;
  for (std::size_t i : index_->case_studies) {
    case_study_themes.insert(content_.items[i].theme);
    for (const auto& n : content_.items[i].tags) case_study_tags.insert(slugify(n));
  }
  for (const auto& t : case_study_themes)
    pages.push_back({"case-studies/theme/" + t + "/index.html", "case-studies.html",
                     [this, t] { return case_studies_context(t, ""); }});
  for (const auto& tg : case_study_tags)
    pages.push_back({"case-studies/tag/" + tg + "/index.html", "case-studies.html",
                     [this, tg] { return case_studies_context("", tg); }});
  pages.push_back({"maturity-framework/index.html", "maturity.html", [this] { return maturity_context(); }});
  pages.push_back({"tags/index.html", "tags.html", [this] { return tags_context(); }});
  for (const auto& tg : index_->tags)
    pages.push_back({"tags/" + tg.slug + "/index.html", "tag.html", [this, &tg] { return tag_context(tg); }});
  for (std::size_t i = 0; i < content_.pages.size(); ++i)
    pages.push_back({content_.pages[i].slug + "/index.html", "page.html", [this, i] { return page_context(i); }});
  pages.push_back({"search/index.html", "search.html", [this] { return simple_context("Search", "search/", 1); }});
  pages.push_back({"404.html", "404.html", [this] { return not_found_context(); }});
  pages.push_back({"sitemap.xml", "sitemap.xml", [this] { return sitemap_context(); }});
  pages.push_back({"feed.xml", "feed.xml", [this] { return feed_context(); }});
  for (auto& page : pages)  // every page but an item's shows no body
    if (page.inputs == 0) page.inputs = shared_inputs_;
  return pages;
}

}  // namespace gpress
