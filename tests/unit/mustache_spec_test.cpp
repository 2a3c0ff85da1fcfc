// The Mustache specification's own tests (github.com/mustache/spec), read
// from its JSON files: every required test must give the expected bytes.
// CI keeps the files at ../shared/mustache-spec beside the checkout;
// GPRESS_MUSTACHE_SPEC names another folder. Where CI=true the folder must
// be there: the test fails rather than passing with nothing checked.
#include <cstdlib>
#include <map>
#include <memory>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "render/mustache.hpp"
#include "test_support.hpp"

using namespace gpress;
using nlohmann::json;

namespace {

std::filesystem::path spec_folder() {
  if (const char* dir = std::getenv("GPRESS_MUSTACHE_SPEC")) return dir;
  return test::source_dir() / ".." / "shared" / "mustache-spec";
}

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

struct Outcome {
  int passed = 0, failed = 0;
  std::vector<std::string> failures;
};

// Runs every test of one spec file.
Outcome run_spec_file(const std::filesystem::path& file) {
  Outcome outcome;
  const json spec = json::parse(read_file(file));
  for (const json& t : spec.at("tests")) {
    std::map<std::string, std::unique_ptr<MustacheTemplate>, std::less<>> partials;
    if (t.contains("partials"))
      for (auto it = t["partials"].begin(); it != t["partials"].end(); ++it)
        partials[it.key()] = std::make_unique<MustacheTemplate>(it.value().get<std::string>());
    const MustacheTemplate tmpl(t.at("template").get<std::string>());
    std::string got;
    if (tmpl.valid()) {
      try {
        got = tmpl.render(t.at("data"), [&](std::string_view name) -> const MustacheTemplate* {
          auto p = partials.find(name);
          return p == partials.end() ? nullptr : p->second.get();
        });
      } catch (const MustacheRenderError& e) {
        got = std::string("render error: ") + e.what();
      }
    } else {
      got = "syntax error: " + tmpl.error();
    }
    if (got == t.at("expected").get<std::string>()) {
      ++outcome.passed;
    } else {
      ++outcome.failed;
      outcome.failures.push_back(t.at("name").get<std::string>() + ": got " + json(got).dump() + ", expected " +
                                 t.at("expected").dump());
    }
  }
  return outcome;
}

}  // namespace

TEST_CASE("every required test of the Mustache specification passes") {
  const auto folder = spec_folder();
  if (!std::filesystem::is_directory(folder)) {
    if (in_ci()) FAIL("the Mustache specification's tests are not at ", folder.string());
    MESSAGE("the Mustache specification's tests are not at ", folder.string(), ": nothing checked");
    return;
  }
  int files = 0, passed = 0;
  for (const char* module : {"comments", "delimiters", "interpolation", "inverted", "partials", "sections"}) {
    const auto file = folder / (std::string(module) + ".json");
    REQUIRE_MESSAGE(std::filesystem::exists(file), file.string());
    const Outcome o = run_spec_file(file);
    for (const auto& f : o.failures) FAIL_CHECK(module, ": ", f);
    passed += o.passed;
    ++files;
  }
  CHECK(files == 6);
  CHECK(passed >= 136);  // every one of them: the specification holds 136 required tests
}

TEST_CASE("the optional dynamic names module of the Mustache specification passes") {
  const auto file = spec_folder() / "~dynamic-names.json";
  if (!std::filesystem::exists(file)) {
    if (in_ci()) FAIL("the Mustache specification's tests are not at ", spec_folder().string());
    return;
  }
  const Outcome o = run_spec_file(file);
  for (const auto& f : o.failures) FAIL_CHECK("dynamic names: ", f);
  CHECK(o.passed > 0);
}
