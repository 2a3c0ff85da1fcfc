// `gpress init` writes a project that builds at once, and the command line
// teaches: examples in every --help, "did you mean", errors naming their fix.
#include <doctest/doctest.h>

#include <regex>

#include "core/text.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("gpress init writes a project that builds at once") {
  test::TempDir dir;
  const fs::path project = dir.path() / "programme";
  const test::Run init = test::run_gpress("init " + project.string());
  REQUIRE(init.code == 0);
  CHECK(contains(init.out, "gpress: wrote a new project in " + project.string() + " (8 files)"));

  for (const char* slug :
       {"population-based-comprehensive-care", "systems-and-information", "quality-improvement",
        "organisational-capabilities", "workforce-and-wellbeing", "effective-governance", "system-partnerships"})
    CHECK_MESSAGE(fs::is_directory(project / "content" / slug), slug);
  CHECK(test::slurp(project / "data/themes.yaml") == test::slurp(test::source_dir() / "data/themes.yaml"));
  CHECK(contains(test::slurp(project / "data/README.md"), "gpress import epraccur"));

  const test::Run build = test::run_gpress("build --project " + project.string());
  CHECK(build.code == 0);
  // Nothing to fix in a fresh project: only the note that practice data is to come.
  CHECK(build.out.rfind("data/practices.csv: note: no practice data, so packs, options, thematic skipped\n", 0) == 0);
  CHECK_FALSE(contains(build.out, "warning"));
  CHECK(fs::exists(project / "site/index.html"));
  CHECK(fs::exists(project / "site/maturity-framework/index.html"));
  CHECK(contains(test::slurp(project / "site/index.html"), ">Accessibility statement</a>"));
  CHECK(
      contains(test::slurp(project / "site/quality-improvement/plan-do-study-act/index.html"), "Plan, do, study, act"));

  SUBCASE("naming a practice product says which import comes first") {
    const test::Run packs = test::run_gpress("build packs --project " + project.string());
    CHECK(packs.code == 1);
    CHECK(packs.out ==
          "data/practices.csv: error: no practices to build packs for: run `gpress import epraccur FILE` first, "
          "then the other imports data/README.md lists\n"
          "gpress: 1 error; nothing was written\n");
  }
}

TEST_CASE("gpress init refuses a folder that is not empty unless --force, and never overwrites") {
  test::TempDir dir;
  test::put(dir.path() / "gpress.toml", "# mine\n");
  const std::string path = dir.path().string();

  const test::Run refused = test::run_gpress("init " + path);
  CHECK(refused.code == 1);
  CHECK(refused.out == path +
                           ": error: the folder is not empty: gpress init writes a new project into an empty or new "
                           "folder (use --force to add the starter files beside what is there, keeping every existing "
                           "file)\ngpress: 1 error; nothing was written\n");
  CHECK_FALSE(fs::exists(dir.path() / "data"));

  const test::Run forced = test::run_gpress("init --force " + path);
  CHECK(forced.code == 0);
  CHECK(contains(forced.out, "(7 files; kept 1 already there)"));
  CHECK(test::slurp(dir.path() / "gpress.toml") == "# mine\n");
  CHECK(fs::exists(dir.path() / "data/themes.yaml"));

  SUBCASE("a folder holding only dot-files (a fresh git clone) counts as empty") {
    test::TempDir git;
    fs::create_directories(git.path() / ".git");
    CHECK(test::run_gpress("init " + git.path().string()).code == 0);
  }
}

TEST_CASE("the starter gpress.toml shows every section docs/configuration.md documents") {
  const std::string docs = test::slurp(test::source_dir() / "docs/configuration.md");
  const std::string starter = test::slurp(test::source_dir() / "starter/gpress.toml");
  const std::regex heading(R"(^## (\[[a-z_]+\])$)", std::regex::multiline);
  int sections = 0;
  for (std::sregex_iterator it(docs.begin(), docs.end(), heading), end; it != end; ++it, ++sections) {
    const std::string section = (*it)[1].str();
    INFO(section, " is documented but missing from starter/gpress.toml (what `gpress init` writes)");
    CHECK(contains(starter, "\n" + section + "\n"));
  }
  CHECK(sections >= 7);
}

TEST_CASE("help teaches: examples in every --help, did you mean for typos") {
  for (const char* sub : {"", "build ", "check ", "serve ", "new ", "init ", "import "}) {
    const test::Run help = test::run_gpress(std::string(sub) + "--help");
    CHECK(help.code == 0);
    CHECK_MESSAGE(contains(help.out, "\nExamples:\n  gpress "), sub);
  }
  const test::Run command = test::run_gpress("biuld");
  CHECK(command.code == 2);
  CHECK(contains(command.out, "gpress: unknown command 'biuld' (did you mean 'build'?)"));
  const test::Run product = test::run_gpress("build pakcs");
  CHECK(product.code == 2);
  CHECK(contains(product.out, "unknown product 'pakcs' (did you mean 'packs'?)"));
  const test::Run source = test::run_gpress("import epracur x.csv");
  CHECK(source.code == 2);
  CHECK(contains(source.out, "unknown source 'epracur' (did you mean 'epraccur'?)"));
  const test::Run no_project = test::run_gpress("check --project " + test::source_dir().string() + "/no-such-folder");
  CHECK(contains(no_project.out, "or `gpress init` to start one"));
}
