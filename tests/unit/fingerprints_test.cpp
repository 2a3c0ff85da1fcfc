// What each output was last built from: an output is rendered again only when
// what it is made from changed, and what one build does not touch is kept for
// the next.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/fingerprints.hpp"
#include "test_support.hpp"

using namespace gpress;

namespace {

std::vector<std::string> outputs(const Fingerprints& f) {
  std::vector<std::string> out;
  for (const std::string* p : f.previous_outputs()) out.push_back(*p);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("an output is unchanged only while what it shows hashes the same") {
  test::TempDir dir;
  const auto file = dir.path() / ".gpress/fingerprints.tsv";
  {
    Fingerprints first(file);  // no file yet: nothing is known
    CHECK_FALSE(first.unchanged("site/index.html", 11, 100));
    CHECK_FALSE(first.unchanged("site/a/index.html", 22, 200));
    first.save();
  }
  Fingerprints second(file);
  CHECK(second.unchanged("site/index.html", 11, 100));
  CHECK_FALSE(second.unchanged("site/a/index.html", 23, 200));  // its content changed
  second.save();

  Fingerprints third(file);
  CHECK(third.unchanged("site/a/index.html", 23, 200));        // the new hash is what counts now
  CHECK_FALSE(third.unchanged("site/b/index.html", 11, 100));  // never built before
}

TEST_CASE("an output's inputs key lets it be kept without assembling it, and never when unknown") {
  test::TempDir dir;
  const auto file = dir.path() / "fingerprints.tsv";
  {
    Fingerprints f(file);
    f.unchanged("private/practices/A81001/data-pack.html", 7, 500);
    f.record_output("private/thematic/2025-Q4/index.html", 900);
    f.save();
  }
  Fingerprints f(file);
  CHECK(f.inputs_unchanged("private/practices/A81001/data-pack.html", 500));
  CHECK(f.previous_inputs("private/thematic/2025-Q4/index.html") == 900);
  CHECK_FALSE(f.inputs_unchanged("private/thematic/2025-Q4/index.html", 901));    // a data file changed
  CHECK_FALSE(f.inputs_unchanged("private/practices/A81001/data-pack.html", 0));  // 0: not known
  CHECK(f.previous_inputs("site/never-built.html") == 0);
}

TEST_CASE("saving keeps the outputs a build did not touch and drops those it removed") {
  test::TempDir dir;
  const auto file = dir.path() / "fingerprints.tsv";
  {
    Fingerprints f(file);
    f.unchanged("site/index.html", 1);
    f.unchanged("private/practices/A81001/data-pack.html", 2);
    f.unchanged("site/old/index.html", 3);
    f.save();
  }
  {
    // A toolkit-only build: the packs are not built, and a page went.
    Fingerprints f(file);
    f.unchanged("site/index.html", 1);
    f.forget("site/old/index.html");
    f.save();
  }
  Fingerprints f(file);
  CHECK(outputs(f) == std::vector<std::string>{"private/practices/A81001/data-pack.html", "site/index.html"});
  CHECK(f.unchanged("private/practices/A81001/data-pack.html", 2));
}

TEST_CASE("an unreadable fingerprints file means everything is built again") {
  test::TempDir dir;
  const auto file = dir.path() / "fingerprints.tsv";
  test::put(file, "not\ta\tfingerprint\nsite/index.html\tzz\n\x01\x02");
  Fingerprints f(file);
  CHECK_FALSE(f.unchanged("site/index.html", 1));
}
