// Whole builds of fixture projects: the output tree, all-or-nothing writes,
// determinism, and the command line's exit codes.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "build.hpp"
#include "core/text.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

// Front-end files gpress vendors or ships unchanged: checked to exist, not
// compared byte for byte.
bool is_vendored(const std::string& path) { return path.rfind("site/assets/", 0) == 0; }

std::map<std::string, std::string> built_tree(const fs::path& project) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : test::read_tree(project / "site"))
    if (!is_vendored("site/" + path)) out["site/" + path] = bytes;
  return out;
}

BuildReport build_quietly(const fs::path& project, unsigned jobs = 0, std::vector<std::string> what = {"toolkit"}) {
  BuildOptions o;
  o.project = project;
  o.what = std::move(what);
  o.jobs = jobs;
  return build(o);
}

using test::Run;
using test::run_gpress;

}  // namespace

TEST_CASE("the fixture project builds to its expected tree, file by file") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  build_quietly(dir.path());

  const auto actual = built_tree(dir.path());
  const fs::path expected_root = test::fixture("toolkit-basic/expected");
  if (std::getenv("GPRESS_UPDATE_EXPECTED")) {
    fs::remove_all(expected_root);
    for (const auto& [path, bytes] : actual) test::put(expected_root / path, bytes);
  }
  std::map<std::string, std::string> expected;
  for (const auto& [path, bytes] : test::read_tree(expected_root)) expected[path] = bytes;

  for (const auto& [path, bytes] : expected) {
    auto it = actual.find(path);
    CHECK_MESSAGE(it != actual.end(), "missing output: " << path);
    if (it != actual.end()) CHECK_MESSAGE(it->second == bytes, "differs from expected: " << path);
  }
  for (const auto& [path, bytes] : actual) CHECK_MESSAGE(expected.count(path), "unexpected output: " << path);
  for (const char* asset : {"nhsuk-frontend.min.css", "nhsuk-frontend.min.js", "gpress.css", "gpress.js"})
    CHECK_MESSAGE(fs::exists(dir.path() / "site/assets" / asset), asset);
}

TEST_CASE("the fixture's pages say what a reader needs") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  build_quietly(dir.path());
  const fs::path site = dir.path() / "site";

  SUBCASE("a theme lists report, point of view, tool, case study; weight before title") {
    const std::string theme = test::slurp(site / "alpha/index.html");
    const auto pos = [&](const char* s) { return theme.find(s); };
    CHECK(pos("Alpha report") < pos("Zeta report"));
    CHECK(pos("Zeta report") < pos("&lt;script&gt;"));
    CHECK(pos("&lt;script&gt;") < pos("Checklist"));
    CHECK(pos("Checklist") < pos("Networked practice"));
  }
  SUBCASE("hostile titles and bodies stay inert") {
    const std::string item = test::slurp(site / "alpha/hostile/index.html");
    CHECK(item.find("<h1>&lt;script&gt;alert(&apos;t&apos;)&lt;/script&gt; &quot;Quotes&quot; &amp; ampersands</h1>") !=
          std::string::npos);
    CHECK(item.find("<script") == std::string::npos);
    CHECK(item.find("javascript:") == std::string::npos);
    CHECK(item.find("<img") == std::string::npos);
    CHECK(item.find("&lt;img src=x onerror=alert(1)&gt; stays text") != std::string::npos);
  }
  SUBCASE("the same slug in two themes gives two pages; drafts and actions give none") {
    CHECK(fs::exists(site / "alpha/networked-practice/index.html"));
    CHECK(fs::exists(site / "beta/networked-practice/index.html"));
    CHECK_FALSE(fs::exists(site / "beta/unfinished"));
    CHECK_FALSE(fs::exists(site / "actions"));
    CHECK_FALSE(fs::exists(site / "od-review"));
  }
  SUBCASE("links are relative so the site works from a folder") {
    const std::string item = test::slurp(site / "alpha/zeta-report/index.html");
    CHECK(item.find("href=\"../../index.html\"") != std::string::npos);
    CHECK(item.find("href=\"../../tags/leadership/index.html\"") != std::string::npos);
    CHECK(item.find("https://example.org/toolkit/alpha/zeta-report/") != std::string::npos);  // canonical
    // 404.html answers at any depth, so its links start from base_url's path.
    CHECK(test::slurp(site / "404.html").find("href=\"/toolkit/index.html\"") != std::string::npos);
  }
  SUBCASE("case studies can be filtered without JavaScript") {
    const std::string by_tag = test::slurp(site / "case-studies/tag/leadership/index.html");
    CHECK(by_tag.find("Networked practice (beta)") != std::string::npos);
    CHECK(by_tag.find("A case study in alpha") == std::string::npos);
    const std::string by_theme = test::slurp(site / "case-studies/theme/alpha/index.html");
    CHECK(by_theme.find(">Networked practice<") != std::string::npos);
    CHECK(by_theme.find("(beta)") == std::string::npos);
  }
  SUBCASE("tags that differ only in case share one page") {
    CHECK(fs::exists(site / "tags/leadership/index.html"));
    CHECK(test::slurp(site / "tags/leadership/index.html").find("<p>3</p>") != std::string::npos);
  }
}

TEST_CASE("--jobs 1 and --jobs 4 write the same bytes") {
  test::TempDir one, four;
  test::copy_project(test::fixture("toolkit-basic"), one.path());
  test::copy_project(test::fixture("toolkit-basic"), four.path());
  build_quietly(one.path(), 1);
  build_quietly(four.path(), 4);
  CHECK(test::read_tree(one.path() / "site") == test::read_tree(four.path() / "site"));
}

TEST_CASE("invalid input: every problem in one run, and the previous output untouched") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-basic"), dir.path());
  build_quietly(dir.path());
  const auto before = test::read_tree(dir.path() / "site");
  REQUIRE_FALSE(before.empty());

  // Break the project in every way the invalid fixture does.
  for (const char* part : {"content", "templates", "data", "gpress.toml"}) fs::remove_all(dir.path() / part);
  test::copy_project(test::fixture("toolkit-invalid"), dir.path());

  std::string message;
  try {
    build_quietly(dir.path());
  } catch (const InputError& e) {
    message = e.diagnostics().str();
  }
  CHECK(message == test::slurp(test::fixture("toolkit-invalid/expected-errors.txt")));
  CHECK(test::read_tree(dir.path() / "site") == before);
  CHECK_FALSE(fs::exists(dir.path() / "site.staging"));
}

TEST_CASE("the command line: exit codes and messages") {
  test::TempDir dir;
  test::copy_project(test::fixture("toolkit-invalid"), dir.path());

  SUBCASE("invalid input exits 1 with every error and writes nothing") {
    const Run r = run_gpress("build toolkit --project " + dir.path().string());
    CHECK(r.code == 1);
    CHECK(r.out == test::slurp(test::fixture("toolkit-invalid/expected-errors.txt")) +
                       "gpress: 11 errors; nothing was written\n");
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }
  SUBCASE("a usage error exits 2") {
    CHECK(run_gpress("build pamphlets").code == 2);
    CHECK(run_gpress("frobnicate").code == 2);
  }
  SUBCASE("check builds nothing") {
    test::TempDir ok;
    test::copy_project(test::fixture("toolkit-basic"), ok.path());
    const Run r = run_gpress("check --project " + ok.path().string());
    CHECK(r.code == 0);
    CHECK(r.out ==
          "data/practices.csv: note: no practice data, so packs, options, thematic skipped\n"
          "gpress: no problems found\n");
    CHECK_FALSE(fs::exists(ok.path() / "site"));
  }
  SUBCASE("new scaffolds an item that builds, with a unique slug") {
    test::TempDir ok;
    test::copy_project(test::fixture("toolkit-basic"), ok.path());
    const std::string p = " --project " + ok.path().string();
    CHECK(run_gpress("new case-study \"Checklist\" --theme alpha" + p).out ==
          "gpress: wrote content/alpha/checklist-2.md\n");
    CHECK(run_gpress("new report \"A & B: \\\"quoted\\\"\" --theme alpha" + p).code == 0);
    CHECK(fs::exists(ok.path() / "content/alpha/a-b-quoted.md"));
    const Run bad = run_gpress("new tool \"X\" --theme alhpa" + p);
    CHECK(bad.code == 1);
    CHECK(bad.out.find("unknown theme 'alhpa' (did you mean 'alpha'?)") != std::string::npos);
    CHECK(run_gpress("build toolkit" + p).code == 0);
    CHECK(test::slurp(ok.path() / "site/alpha/a-b-quoted/index.html").find("<h1>A &amp; B: &quot;quoted&quot;</h1>") !=
          std::string::npos);
  }
}
