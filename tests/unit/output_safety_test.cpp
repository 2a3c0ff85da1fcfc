// What a build promises about the output folders whatever else happens:
// one build at a time, a commit that is whole or not at all, no write
// through a link it did not make, and no program run that the project chose.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "build.hpp"
#include "core/project_lock.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

BuildReport build_toolkit(const fs::path& project, bool allow_project_tools = false) {
  BuildOptions o;
  o.project = project;
  o.what = {"toolkit"};
  o.allow_project_tools = allow_project_tools;
  return build(o);
}

std::string errors_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.diagnostics().str();
  }
  return "";
}

// The fixture, built once: the output a failed build must leave as it was.
struct Built {
  test::TempDir dir;
  std::map<std::string, std::string> before;
  Built() {
    test::copy_project(test::fixture("toolkit-basic"), dir.path());
    build_toolkit(dir.path());
    before = test::read_tree(dir.path() / "site");
    REQUIRE_FALSE(before.empty());
  }
  const fs::path& path() const { return dir.path(); }
  std::map<std::string, std::string> site() const { return test::read_tree(dir.path() / "site"); }
};

// A stand-in for Pagefind: records that it ran, then exits with `code`.
void fake_pagefind(const fs::path& exe, const fs::path& marker, int code) {
  test::put(exe, "#!/bin/sh\necho ran >> '" + marker.string() + "'\nexit " + std::to_string(code) + "\n");
  fs::permissions(exe, fs::perms::owner_all);
}

void enable_search(const fs::path& project, const std::string& pagefind) {
  std::string toml = test::slurp(project / "gpress.toml");
  toml.replace(toml.find("enabled = false"), 15, "enabled = true\npagefind = \"" + pagefind + "\"");
  test::put(project / "gpress.toml", toml);
}

}  // namespace

TEST_CASE("a second build of a project being built is refused with the first one's pid") {
  test::TempDir dir;
  const ProjectLock held(dir.path());
  const std::string message = errors_of([&] { ProjectLock second(dir.path()); });
  CHECK(message == fmt::format(".gpress/lock: error: another build is running (pid {})\n", ::getpid()));
}

TEST_CASE("a build told to wait takes the lock once the other build lets it go") {
  test::TempDir dir;
  auto first = std::make_unique<ProjectLock>(dir.path());
  std::atomic<long> waited_for = 0;
  std::thread second([&] { ProjectLock lock(dir.path(), true, [&](long pid) { waited_for = pid; }); });
  // The second thread is blocked until the first lock goes.
  while (waited_for == 0) std::this_thread::yield();
  first.reset();
  second.join();
  CHECK(waited_for == ::getpid());
  CHECK_NOTHROW(ProjectLock(dir.path()));
}

TEST_CASE("files a killed run left half-written are removed by the next one") {
  Built b;
  test::put(b.path() / ".gpress/fingerprints.tsv.tmp99999", "half");
  test::put(b.path() / "data/themes.yaml.tmp4242", "half");
  test::put(b.path() / "data/keep.tmp.csv", "not ours");
  build_toolkit(b.path());
  CHECK_FALSE(fs::exists(b.path() / ".gpress/fingerprints.tsv.tmp99999"));
  CHECK_FALSE(fs::exists(b.path() / "data/themes.yaml.tmp4242"));
  CHECK(fs::exists(b.path() / "data/keep.tmp.csv"));
}

TEST_CASE("outputs that collide are an input error before anything moves") {
  Built b;
  SUBCASE("a page named like a generated file") {
    for (const char* name : {"404.html", "sitemap.xml", "feed.xml", "index.html"}) {
      test::put(b.path() / "content/pages" / (std::string(name) + ".md"), "---\ntitle: X\ntype: page\n---\nx\n");
      const std::string errors = errors_of([&] { build_toolkit(b.path()); });
      // A name with a dot is no slug, so it is refused as a file name before any output is planned.
      CHECK(errors.find(fmt::format("content/pages/{}.md: error: file name '{}.md' cannot be a page address", name,
                                    name)) != std::string::npos);
      fs::remove(b.path() / "content/pages" / (std::string(name) + ".md"));
    }
  }
  SUBCASE("an item named like its theme's page") {
    test::put(b.path() / "content/alpha/index.html.md",
              "---\ntitle: X\ntype: tool\ntheme: alpha\nsummary: S.\n---\nx\n");
    CHECK(errors_of([&] { build_toolkit(b.path()); })
              .find("content/alpha/index.html.md: error: file name "
                    "'index.html.md' cannot be") != std::string::npos);
  }
  SUBCASE("any two outputs where one needs the other's file as a folder") {
    StagedDiskSink sink(b.path(), {"site"}, [](const std::string&) { return false; });
    sink.write("site/404.html", "new");
    sink.write("site/404.html/index.html", "page");
    CHECK(errors_of([&] { sink.commit({}); })
              .find("site/404.html: error: is generated as a file, and "
                    "site/404.html/index.html needs it to be a folder") == 0);
  }
  CHECK(b.site() == b.before);
}

TEST_CASE("a failed move puts back every file the commit had moved") {
  Built b;
  StagedDiskSink sink(b.path(), {"site"}, [](const std::string&) { return true; });
  sink.write("site/index.html", "new index");
  sink.write("site/zy-new/index.html", "a new page in a new folder");
  // The last move fails: where its folder should be there is a file.
  test::put(b.path() / "site/zz-file", "in the way");
  sink.write("site/zz-file/index.html", "cannot go there");
  const auto before = b.site();
  std::string message;
  try {
    sink.commit({});
  } catch (const InternalError& e) {
    message = e.what();
  }
  CHECK(message == (b.path() / "site/zz-file/index.html").string() +
                       ": cannot move into place: Not a directory; the previous output was put back as it was");
  CHECK(b.site() == before);
  CHECK_FALSE(fs::exists(b.path() / "site/zy-new"));
}

TEST_CASE("gpress writes nothing through a link in its output or state folders") {
  Built b;
  test::TempDir outside;
  test::put(outside.path() / "stale/index.html", "not gpress's");
  const auto outside_before = test::read_tree(outside.path());
  SUBCASE("a folder in site/") {
    fs::rename(b.path() / "site/tags", b.path() / "tags-aside");
    fs::create_directory_symlink(outside.path(), b.path() / "site/tags");
    CHECK(errors_of([&] { build_toolkit(b.path()); }) ==
          "site/tags: error: is a symbolic link: gpress writes its output folders itself and follows no link it did "
          "not make; replace it with a folder, or delete it for the next build to write again\n");
    fs::remove(b.path() / "site/tags");
    fs::rename(b.path() / "tags-aside", b.path() / "site/tags");
  }
  SUBCASE("site/ itself") {
    fs::rename(b.path() / "site", outside.path() / "site");
    fs::create_directory_symlink(outside.path() / "site", b.path() / "site");
    CHECK(errors_of([&] { build_toolkit(b.path()); }).find("site: error: is a symbolic link") == 0);
    fs::remove(b.path() / "site");
    fs::rename(outside.path() / "site", b.path() / "site");
  }
  SUBCASE(".gpress") {
    fs::remove_all(b.path() / ".gpress");
    fs::create_directory_symlink(outside.path(), b.path() / ".gpress");
    CHECK(errors_of([&] { build_toolkit(b.path()); }).find(".gpress: error: is a symbolic link") == 0);
  }
  SUBCASE("a content file") {
    test::put(outside.path() / "secret.md", "---\ntitle: Secret\ntype: page\n---\nsecret\n");
    fs::create_symlink(outside.path() / "secret.md", b.path() / "content/pages/secret.md");
    CHECK(errors_of([&] { build_toolkit(b.path()); }) ==
          "content/pages/secret.md: error: is a link to something outside the project, which gpress does not "
          "publish: copy the file into content/ instead\n");
    fs::remove(outside.path() / "secret.md");
  }
  CHECK(test::read_tree(outside.path()) == outside_before);
  CHECK(b.site() == b.before);
}

TEST_CASE("a content file linked from inside the project is published") {
  Built b;
  test::put(b.path() / "shared/about-too.md", "---\ntitle: About too\ntype: page\n---\nhere\n");
  fs::create_symlink(b.path() / "shared/about-too.md", b.path() / "content/pages/about-too.md");
  build_toolkit(b.path());
  CHECK(fs::exists(b.path() / "site/about-too/index.html"));
}

TEST_CASE("the Pagefind a project names runs only when the user allows it, and the summary says which ran") {
  Built b;
  const fs::path marker = b.path() / "ran.txt";
  const fs::path own_marker = b.path() / "own-ran.txt";
  fake_pagefind(b.path() / "tools/pagefind", marker, 0);
  fake_pagefind(b.path() / "gpress-own/pagefind", own_marker, 0);
  enable_search(b.path(), "tools/pagefind");
  ::setenv("GPRESS_PAGEFIND", (b.path() / "gpress-own/pagefind").c_str(), 1);

  const BuildReport unasked = build_toolkit(b.path());
  CHECK_FALSE(fs::exists(marker));
  CHECK(test::slurp(own_marker) == "ran\n");
  CHECK(unasked.summary().find("; ran " + (b.path() / "gpress-own/pagefind").string() + " (GPRESS_PAGEFIND)") !=
        std::string::npos);
  CHECK(unasked.warnings.str().find("gpress.toml: warning: [search] pagefind = \"tools/pagefind\" is a program "
                                    "chosen by the project and is not run without --allow-project-tools") == 0);

  test::put(b.path() / "content/pages/about.md", "---\ntitle: About\ntype: page\n---\nchanged\n");
  const BuildReport allowed = build_toolkit(b.path(), true);
  CHECK(test::slurp(marker) == "ran\n");
  CHECK(allowed.summary().find("(the project's [search] pagefind)") != std::string::npos);
  ::unsetenv("GPRESS_PAGEFIND");
}

TEST_CASE("a failing Pagefind leaves the previous site, search index included") {
  Built b;
  enable_search(b.path(), "tools/pagefind");
  fake_pagefind(b.path() / "tools/pagefind", b.path() / "ran.txt", 3);
  test::put(b.path() / "site/pagefind/pagefind.js", "the previous index");
  const auto before = b.site();
  test::put(b.path() / "content/pages/about.md", "---\ntitle: About\ntype: page\n---\nchanged\n");
  std::string message;
  try {
    build_toolkit(b.path(), true);
  } catch (const InternalError& e) {
    message = e.what();
  }
  CHECK(message.find("failed on") != std::string::npos);
  CHECK(message.find("the previous output was left as it was") != std::string::npos);
  CHECK(b.site() == before);
  CHECK_FALSE(fs::exists(b.path() / "site.staging"));
}
