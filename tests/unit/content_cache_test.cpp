// The parsed-content cache kept in .gpress/ between builds gives back exactly
// the pages it was given, and never a wrong one.
#include <doctest/doctest.h>

#include "core/fs.hpp"
#include "load/content.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

Page parsed(const std::string& path, const std::string& text) {
  Diagnostics diags;
  auto page = parse_page(path, text, diags);
  REQUIRE(page);
  REQUIRE(diags.all().empty());
  return *page;
}

}  // namespace

TEST_CASE("a saved content cache reads back every field of every page") {
  test::TempDir dir;
  const fs::path file = dir.path() / "content.cache";
  const fs::path action = test::fixture("options-basic") / "content/actions/phone-access.md";
  ContentCache cache;
  cache.entries["content/actions/phone-access.md"] = {7, parsed("content/actions/phone-access.md", read_file(action)), {}};
  cache.entries["content/alpha/a.md"] = {
      9, parsed("content/alpha/a.md", "---\ntitle: A\ntype: tool\ntheme: alpha\nsummary: S.\ntags: [x, y]\nweight: -3\n"
                                      "date: 2024-01-02\n---\n# Body\n\nText.\n"),
      {}};
  cache.write(file);

  const ContentCache back = ContentCache::read(file);
  REQUIRE(back.entries.size() == 2);
  for (const auto& [path, entry] : cache.entries) {
    CAPTURE(path);
    const auto& got = back.entries.at(path);
    CHECK(got.hash == entry.hash);
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
  auto page = parse_page("content/alpha/b.md", "---\ntitle: B\ntype: tool\ntheme: alpha\nsummary: S.\ncolour: red\n---\n", diags);
  REQUIRE(page);
  REQUIRE_FALSE(diags.all().empty());  // the unknown field's warning
  cache.entries["content/alpha/b.md"] = {1, page, diags};
  cache.write(dir.path() / "content.cache");
  CHECK(ContentCache::read(dir.path() / "content.cache").entries.empty());
}

TEST_CASE("a damaged or foreign cache is ignored, not misread") {
  test::TempDir dir;
  const fs::path file = dir.path() / "content.cache";
  ContentCache cache;
  cache.entries["content/alpha/a.md"] = {
      3, parsed("content/alpha/a.md", "---\ntitle: A\ntype: tool\ntheme: alpha\nsummary: S.\n---\nText.\n"), {}};
  cache.write(file);
  const std::string bytes = read_file(file);
  SUBCASE("cut short") { test::put(file, bytes.substr(0, bytes.size() - 5)); }
  SUBCASE("from another version") { test::put(file, "gpress content cache 0 0.0.0 1\n" + bytes.substr(bytes.find('\n') + 1)); }
  CHECK(ContentCache::read(file).entries.empty());
}
