// Rebuilding after an edit gives exactly what a clean build gives, and
// rewrites only what the edit touched.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>

#include "assemble/toolkit.hpp"
#include "build.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

// `serve` rebuilds reuse parsed content between builds.
BuildReport build_toolkit(const fs::path& project, ContentCache* cache = nullptr) {
  BuildOptions o;
  o.project = project;
  o.what = {"toolkit"};
  o.content_cache = cache;
  return build(o);
}

// The tree a build from scratch gives for the project as it is now.
std::map<std::string, std::string> clean_build_of(const fs::path& project) {
  test::TempDir clean;
  for (const char* part : {"gpress.toml", "data", "content", "templates"})
    if (fs::exists(project / part)) fs::copy(project / part, clean.path() / part, fs::copy_options::recursive);
  build_toolkit(clean.path());
  return test::read_tree(clean.path() / "site");
}

ino_t inode(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_ino;
}

void edit(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = test::slurp(file);
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  text.replace(pos, from.size(), to);
  test::put(file, text);
}

}  // namespace

TEST_CASE("incremental builds equal clean builds after every kind of change") {
  for (const bool serving : {false, true}) {
    CAPTURE(serving);
    ContentCache serve_cache;
    ContentCache* cache = serving ? &serve_cache : nullptr;
    test::TempDir dir;
    test::copy_project(test::fixture("toolkit-basic"), dir.path());
    const fs::path& p = dir.path();
    build_toolkit(p, cache);
    const fs::path untouched = p / "site/beta/networked-practice/index.html";

    SUBCASE("edit a body") {
      edit(p / "content/alpha/checklist.md", "Steps.", "Steps, revised.");
      const BuildReport r = build_toolkit(p, cache);
      CHECK(r.files_changed == 1);
      CHECK(test::slurp(p / "site/alpha/checklist/index.html").find("Steps, revised.") != std::string::npos);
    }
    SUBCASE("edit a title shown on other pages") {
      edit(p / "content/alpha/checklist.md", "title: Checklist", "title: Practice checklist");
      build_toolkit(p, cache);
      CHECK(test::slurp(p / "site/alpha/index.html").find("Practice checklist") != std::string::npos);
    }
    SUBCASE("add an item") {
      test::put(p / "content/beta/new-tool.md",
                "---\ntitle: New tool\ntype: tool\ntheme: beta\nsummary: Added later.\n---\nBody.\n");
      build_toolkit(p, cache);
      CHECK(fs::exists(p / "site/beta/new-tool/index.html"));
    }
    SUBCASE("delete an item: its page goes") {
      fs::remove(p / "content/alpha/checklist.md");
      const BuildReport r = build_toolkit(p, cache);
      CHECK(r.files_removed == 1);
      CHECK_FALSE(fs::exists(p / "site/alpha/checklist"));
    }
    SUBCASE("rename an item: the old address goes, the new one comes") {
      fs::rename(p / "content/alpha/checklist.md", p / "content/alpha/practice-checklist.md");
      build_toolkit(p, cache);
      CHECK_FALSE(fs::exists(p / "site/alpha/checklist/index.html"));
      CHECK(fs::exists(p / "site/alpha/practice-checklist/index.html"));
    }
    SUBCASE("change a template: every page using it changes") {
      edit(p / "templates/item.html", "<h1>{{title}}</h1>", "<h1 class=\"item\">{{title}}</h1>");
      build_toolkit(p, cache);
      CHECK(test::slurp(p / "site/alpha/checklist/index.html").find("<h1 class=\"item\">") != std::string::npos);
      CHECK(test::slurp(untouched).find("<h1 class=\"item\">") != std::string::npos);
    }
    SUBCASE("change the config") {
      edit(p / "gpress.toml", "title = \"Fixture Toolkit\"", "title = \"Renamed Toolkit\"");
      build_toolkit(p, cache);
      CHECK(test::slurp(p / "site/index.html").find("Renamed Toolkit") != std::string::npos);
    }
    CHECK(test::read_tree(p / "site") == clean_build_of(p));
    CHECK_FALSE(fs::exists(p / "site.staging"));
  }
}

TEST_CASE("an edit leaves pages that do not show it as they were") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  const fs::path& p = dir.path();
  build_toolkit(p);
  const fs::path other_theme_item = p / "site/beta/networked-practice/index.html";
  const ino_t before = inode(other_theme_item);
  edit(p / "content/alpha/checklist.md", "Steps.", "Steps, revised.");
  const BuildReport r = build_toolkit(p);
  CHECK(r.files_changed == 1);
  CHECK(inode(other_theme_item) == before);
  CHECK(r.files_changed + r.files_unchanged > 20);
}

TEST_CASE("serve's rebuilds, told which files changed, equal clean builds") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  const fs::path& p = dir.path();
  ContentCache cache;
  build_toolkit(p, &cache);
  edit(p / "content/alpha/checklist.md", "Steps.", "Steps, revised.");
  test::put(p / "content/beta/new-tool.md",
            "---\ntitle: New tool\ntype: tool\ntheme: beta\nsummary: Added.\n---\nBody.\n");
  cache.known_changes = std::set<std::string>{"content/alpha/checklist.md", "content/beta/new-tool.md"};
  const BuildReport r = build_toolkit(p, &cache);
  CHECK(r.files_changed > 1);
  CHECK(test::slurp(p / "site/alpha/checklist/index.html").find("Steps, revised.") != std::string::npos);
  CHECK(test::read_tree(p / "site") == clean_build_of(p));
  CHECK_FALSE(cache.known_changes.has_value());  // used once
}

TEST_CASE("a build reads a file again when its bytes may have changed, whatever its times say") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  const fs::path& p = dir.path();
  build_toolkit(p);
  // A stamp is trusted only once the file has been left alone for two
  // seconds (FileStamp): let the copied files settle and the build note them.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  build_toolkit(p);
  const fs::path file = p / "content/alpha/checklist.md";
  struct stat before {};
  REQUIRE(::stat(file.c_str(), &before) == 0);

  SUBCASE("same size, same inode, modification time put back") {
    std::string text = test::slurp(file);
    text.replace(text.find("Steps."), 6, "Stops.");
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;  // in place, as some editors save
    const timespec times[2] = {before.st_atim, before.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // past the window: only the change time tells
    CHECK(build_toolkit(p).files_changed == 1);
    CHECK(test::slurp(p / "site/alpha/checklist/index.html").find("Stops.") != std::string::npos);
  }
  SUBCASE("touched, the same bytes") {
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), nullptr, 0) == 0);
    CHECK(build_toolkit(p).files_changed == 0);
  }
  CHECK(test::read_tree(p / "site") == clean_build_of(p));
}

TEST_CASE("a serve session's rebuilds, step after step, equal clean builds") {
  // As `gpress serve` builds: parsed content and the toolkit's structure kept
  // in memory, told which files changed, trusting the outputs it wrote.
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  const fs::path& p = dir.path();
  ContentCache cache;
  std::shared_ptr<const ToolkitIndex> index;
  bool built = false;
  auto rebuild = [&](std::set<std::string> changed) {
    if (built) cache.known_changes = std::move(changed);
    BuildOptions o;
    o.project = p;
    o.what = {"toolkit"};
    o.content_cache = &cache;
    o.toolkit_index = &index;
    o.trust_outputs = built;
    const BuildReport r = build(o);
    built = true;
    return r;
  };
  rebuild({});
  const auto first_index = index;
  REQUIRE(first_index);

  edit(p / "content/alpha/checklist.md", "Steps.", "Steps, revised.");
  CHECK(rebuild({"content/alpha/checklist.md"}).files_changed == 1);
  CHECK(index == first_index);  // a body edit leaves the structure as it was
  CHECK(test::read_tree(p / "site") == clean_build_of(p));

  edit(p / "content/alpha/checklist.md", "title: Checklist", "title: Practice checklist");
  rebuild({"content/alpha/checklist.md"});
  CHECK(index != first_index);  // a title is listed: the structure is made again
  CHECK(test::read_tree(p / "site") == clean_build_of(p));

  test::put(p / "content/beta/new-tool.md",
            "---\ntitle: New tool\ntype: tool\ntheme: beta\nsummary: Added.\ntags: [fresh]\n---\nBody.\n");
  rebuild({"content/beta/new-tool.md"});
  CHECK(test::read_tree(p / "site") == clean_build_of(p));

  fs::rename(p / "content/beta/new-tool.md", p / "content/beta/renamed-tool.md");
  rebuild({"content/beta/new-tool.md", "content/beta/renamed-tool.md"});
  CHECK_FALSE(fs::exists(p / "site/beta/new-tool/index.html"));
  CHECK(test::read_tree(p / "site") == clean_build_of(p));

  fs::remove(p / "content/beta/renamed-tool.md");
  rebuild({"content/beta/renamed-tool.md"});
  CHECK(test::read_tree(p / "site") == clean_build_of(p));

  // site/ deleted while serving: the next rebuild writes every page again.
  fs::remove_all(p / "site");
  edit(p / "content/alpha/checklist.md", "Steps, revised.", "Steps, revised twice.");
  rebuild({"content/alpha/checklist.md"});
  CHECK(test::read_tree(p / "site") == clean_build_of(p));

  edit(p / "templates/item.html", "<h1", "<h1 data-edited=\"yes\"");
  rebuild({"templates/item.html"});
  CHECK(test::slurp(p / "site/alpha/checklist/index.html").find("data-edited") != std::string::npos);
  CHECK(test::read_tree(p / "site") == clean_build_of(p));
}

TEST_CASE(
    "practice products are kept whole while no source changes, and rebuilt to a clean build's bytes when one does") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-basic"), dir.path());
  const fs::path& p = dir.path();
  auto build_practices = [](const fs::path& project) {
    BuildOptions o;
    o.project = project;
    o.what = {"packs", "options"};
    return build(o);
  };
  auto rendered = [](const BuildReport& r, const std::string& product) {
    return std::any_of(r.stages.begin(), r.stages.end(), [&](const auto& s) { return s.stage == product; });
  };
  const BuildReport first = build_practices(p);
  REQUIRE(rendered(first, "packs"));
  const ino_t pack_inode = inode(p / "private/practices/A81001/data-pack.html");

  const BuildReport again = build_practices(p);
  CHECK_FALSE(rendered(again, "packs"));
  CHECK_FALSE(rendered(again, "options"));
  CHECK(again.files_changed == 0);
  CHECK(again.files_unchanged == first.files_changed);
  CHECK(inode(p / "private/practices/A81001/data-pack.html") == pack_inode);

  edit(p / "data/values.csv", "A81001,gpps_phone_easy,2024-25,30,60,200", "A81001,gpps_phone_easy,2024-25,45,90,200");
  const BuildReport changed = build_practices(p);
  CHECK(rendered(changed, "packs"));
  CHECK(changed.files_changed > 0);
  test::TempDir clean;
  test::copy_project(p, clean.path());
  fs::remove_all(clean.path() / "private");
  fs::remove_all(clean.path() / ".gpress");
  build_practices(clean.path());
  CHECK(test::read_tree(p / "private") == test::read_tree(clean.path() / "private"));
}

TEST_CASE("products built one after another leave each other's files as they were") {
  test::TempDir dir;
  test::copy_project(test::fixture("thematic-basic"), dir.path());
  const fs::path& p = dir.path();
  auto build_only = [&](const char* product) {
    BuildOptions o;
    o.project = p;
    o.what = {product};
    return build(o);
  };
  build_only("thematic");
  const auto thematic = test::read_tree(p / "private/thematic");
  REQUIRE_FALSE(thematic.empty());
  // The toolkit's build reads the last build's manifest, which lists the
  // thematic report's files: they are outside its folders, and stay.
  const BuildReport toolkit = build_only("toolkit");
  CHECK(toolkit.files_changed > 0);
  CHECK(fs::exists(p / "site/index.html"));
  CHECK(test::read_tree(p / "private/thematic") == thematic);
  // And the other way round: a thematic build keeps the toolkit's site.
  const auto site = test::read_tree(p / "site");
  build_only("thematic");
  CHECK(test::read_tree(p / "site") == site);
  CHECK(test::read_tree(p / "private/thematic") == thematic);
}
