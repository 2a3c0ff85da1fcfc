// `gpress serve`'s watcher: an edit is reported with the file's path, and
// what it cannot follow is reported as "anything may have changed".
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "test_support.hpp"
#include "watch.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

// Runs `change` while the watcher waits, and returns what it reported.
std::optional<std::set<std::string>> report_of(SourceWatcher& watcher, const std::function<void()>& change) {
  std::atomic<bool> running{true};
  auto result = std::async(std::launch::async, [&] { return watcher.wait(running); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  change();
  if (result.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    running = false;
    FAIL("the watcher did not report the change");
  }
  return result.get();
}

}  // namespace

TEST_CASE("the watcher names the files that changed") {
  test::TempDir dir;
  const fs::path& p = dir.path();
  test::put(p / "gpress.toml", "");
  test::put(p / "content/alpha/a.md", "one");
  test::put(p / "content/alpha/b.md", "one");
  SourceWatcher watcher(p);

  SUBCASE("an edited file") {
    const auto changed = report_of(watcher, [&] { test::put(p / "content/alpha/a.md", "two"); });
    REQUIRE(changed);
    CHECK(changed->count("content/alpha/a.md") == 1);
    CHECK(changed->count("content/alpha/b.md") == 0);
  }
  SUBCASE("a removed file") {
    const auto changed = report_of(watcher, [&] { fs::remove(p / "content/alpha/b.md"); });
    REQUIRE(changed);
    CHECK(changed->count("content/alpha/b.md") == 1);
  }
  SUBCASE("the settings") {
    const auto changed = report_of(watcher, [&] { test::put(p / "gpress.toml", "[site]\n"); });
    REQUIRE(changed);
    CHECK(changed->count("gpress.toml") == 1);
  }
  SUBCASE("a folder moved in with files already in it: not followed file by file") {
    test::put(p / "elsewhere/c.md", "three");
    const auto changed = report_of(watcher, [&] { fs::rename(p / "elsewhere", p / "content/beta"); });
    CHECK_FALSE(changed.has_value());
  }
}
