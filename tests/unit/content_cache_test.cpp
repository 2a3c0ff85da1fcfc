// The parsed-content cache kept in .gpress/ between builds gives back exactly
// the pages it was given, and never a wrong one.
#include <doctest/doctest.h>

#include "core/fs.hpp"
#include "load/content.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

PageList::Ptr parsed(const std::string& path, const std::string& text) {
  Diagnostics diags;
  auto page = parse_page(path, text, diags);
  REQUIRE(page);
  REQUIRE(diags.all().empty());
  return std::make_shared<const Page>(std::move(*page));
}

// Enough files to fill several parts of the cache, all to be written.
ContentCache many_entries() {
  ContentCache cache;
  for (int i = 0; i < 40; ++i) {
    const std::string path = "content/alpha/a" + std::to_string(i) + ".md";
    cache.entries[path] = {
        3, parsed(path, "---\ntitle: A\ntype: tool\ntheme: alpha\nsummary: S.\n---\nText.\n"), {}, {}};
    cache.changed(path);
  }
  return cache;
}

}  // namespace

TEST_CASE("a saved content cache reads back every field of every page") {
  test::TempDir dir;
  const fs::path folder = dir.path() / "content";
  const fs::path action = test::fixture("options-basic") / "content/actions/phone-access.md";
  ContentCache cache;
  cache.entries["content/actions/phone-access.md"] = {
      7, parsed("content/actions/phone-access.md", read_file(action)), {}, FileStamp{1, 2, 3, -4, 5}};
  cache.entries["content/alpha/a.md"] = {
      9,
      parsed("content/alpha/a.md",
             "---\ntitle: A\ntype: tool\ntheme: alpha\nsummary: S.\ntags: [x, y]\nweight: -3\n"
             "date: 2024-01-02\n---\n# Body\n\nText.\n"),
      {},
      {}};
  for (const auto& [path, entry] : cache.entries) cache.changed(path);
  cache.write(folder);

  const ContentCache back = ContentCache::read(folder, 2);
  REQUIRE(back.entries.size() == 2);
  for (const auto& [path, entry] : cache.entries) {
    CAPTURE(path);
    const auto& got = back.entries.at(path);
    CHECK(got.hash == entry.hash);
    CHECK(got.stamp == entry.stamp);
    const Page &a = *entry.page, &b = *got.page;
    CHECK(b.title == a.title);
    CHECK(b.slug == a.slug);
    CHECK(b.type == a.type);
    CHECK(b.tags == a.tags);
    CHECK(b.weight == a.weight);
    CHECK(b.date == a.date);
    CHECK(b.menu == a.menu);
    CHECK(b.gpfv_domain == a.gpfv_domain);
    CHECK(b.body_html == a.body_html);
    CHECK(b.field_locs == a.field_locs);
    REQUIRE(b.triggers.size() == a.triggers.size());
    for (std::size_t i = 0; i < a.triggers.size(); ++i) {
      CHECK(b.triggers[i].fields == a.triggers[i].fields);
      CHECK(b.triggers[i].field_locs == a.triggers[i].field_locs);
      CHECK(b.triggers[i].loc == a.triggers[i].loc);
    }
  }
  CHECK_FALSE(cache.entries.at("content/actions/phone-access.md").page->triggers.empty());
}

TEST_CASE("a file with messages is not cached, so its messages come back every build") {
  test::TempDir dir;
  ContentCache cache;
  Diagnostics diags;
  auto page = parse_page("content/alpha/b.md",
                         "---\ntitle: B\ntype: tool\ntheme: alpha\nsummary: S.\ncolour: red\n---\n", diags);
  REQUIRE(page);
  REQUIRE_FALSE(diags.all().empty());  // the unknown field's warning
  cache.entries["content/alpha/b.md"] = {1, std::make_shared<const Page>(std::move(*page)), diags, {}};
  cache.changed("content/alpha/b.md");
  cache.write(dir.path());
  CHECK(ContentCache::read(dir.path(), 1).entries.empty());
}

TEST_CASE("a damaged or foreign part of the cache is ignored, not misread") {
  test::TempDir dir;
  ContentCache cache = many_entries();
  cache.write(dir.path());
  std::vector<fs::path> parts;
  for (const auto& e : fs::directory_iterator(dir.path())) parts.push_back(e.path());
  REQUIRE(parts.size() > 1);
  const std::string bytes = read_file(parts.front());
  SUBCASE("cut short") { test::put(parts.front(), bytes.substr(0, bytes.size() - 5)); }
  SUBCASE("from another version") {
    test::put(parts.front(), "gpress content cache 0 0.0.0 1\n" + bytes.substr(bytes.find('\n') + 1));
  }
  const ContentCache back = ContentCache::read(dir.path(), 2);
  CHECK(back.entries.size() < cache.entries.size());
  CHECK_FALSE(back.entries.empty());  // the other parts still count
  for (const auto& [path, entry] : back.entries) CHECK(entry.page->title == "A");
}

TEST_CASE("an edit rewrites only the part of the cache that holds it") {
  test::TempDir dir;
  ContentCache cache = many_entries();
  cache.write(dir.path());
  std::map<fs::path, std::string> before;
  for (const auto& e : fs::directory_iterator(dir.path())) before[e.path()] = read_file(e.path());

  Page edited = *cache.entries["content/alpha/a7.md"].page;
  edited.title = "Edited";
  cache.entries["content/alpha/a7.md"].page = std::make_shared<const Page>(std::move(edited));
  cache.changed("content/alpha/a7.md");
  cache.write(dir.path());
  int rewritten = 0;
  for (const auto& [file, bytes] : before) rewritten += read_file(file) != bytes;
  CHECK(rewritten == 1);
  CHECK(ContentCache::read(dir.path(), 1).entries.at("content/alpha/a7.md").page->title == "Edited");
}

TEST_CASE("pages read from the cache keep their bodies when the cache is saved again over them") {
  // Bodies are read in place from the saved parts: saving the cache anew,
  // as the next build does, must not change or free a page still held.
  test::TempDir dir;
  ContentCache cache = many_entries();
  cache.write(dir.path());
  ContentCache back = ContentCache::read(dir.path(), 2);
  const PageList::Ptr held = back.entries.at("content/alpha/a3.md").page;
  REQUIRE(held->body_html == "<p>Text.</p>\n");

  for (auto& [path, entry] : back.entries) {
    Page edited = *entry.page;
    edited.body_html = SharedText("<p>Other text, longer than the first.</p>\n");
    entry.page = std::make_shared<const Page>(std::move(edited));
    back.changed(path);
  }
  back.write(dir.path());
  back = ContentCache::read(dir.path(), 1);
  CHECK(held->body_html == "<p>Text.</p>\n");
  CHECK(back.entries.at("content/alpha/a3.md").page->body_html == "<p>Other text, longer than the first.</p>\n");
}
