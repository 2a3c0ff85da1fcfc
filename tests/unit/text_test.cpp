#include <doctest/doctest.h>

#include <limits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

using namespace gpress;

TEST_CASE("slugify makes folder names readers can type") {
  CHECK(slugify("Workforce & Wellbeing") == "workforce-wellbeing");
  CHECK(slugify("  GP's  list--closure ") == "gps-list-closure");
  CHECK(slugify("QOF 2022/23") == "qof-2022-23");
  CHECK(slugify("&&&") == "-");
  CHECK(is_slug("quality-improvement"));
  CHECK_FALSE(is_slug("Quality-improvement"));
  CHECK_FALSE(is_slug("a--b"));
  CHECK_FALSE(is_slug("-a"));
}

TEST_CASE("ISO dates must exist on the calendar") {
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK(is_iso_date("2000-02-29"));
  CHECK_FALSE(is_iso_date("1900-02-29"));
  CHECK_FALSE(is_iso_date("2018-13-01"));
  CHECK_FALSE(is_iso_date("2018-6-1"));
  CHECK_FALSE(is_iso_date("01/06/2018"));
}

TEST_CASE("html_escape neutralises markup and quotes") {
  CHECK(html_escape(R"(<script>alert("x") & 'y'</script>)") ==
        "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
}

TEST_CASE("format_fixed writes what fmt writes, ties and negative zero included") {
  CHECK(format_fixed(0.25, 1) == "0.2");
  CHECK(format_fixed(0.35, 1) == "0.3");  // 0.34999999999999997779...
  CHECK(format_fixed(2.5, 0) == "2");
  CHECK(format_fixed(-0.04, 1) == "-0.0");
  CHECK(format_fixed(1234567.891, 2) == "1234567.89");
  std::vector<double> values = {0.0,
                                -0.0,
                                1e22,
                                -1e300,
                                5e-324,
                                0.05,
                                0.15,
                                123456789012345678.0,
                                std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN()};
  for (int i = -2000; i <= 2000; ++i) {
    values.push_back(i / 8.0);
    values.push_back(i / 100.0);
    values.push_back(i * 0.05);
    values.push_back(i * 1234.56789 / 7.0);
  }
  for (double v : values)
    for (int d = 0; d <= 3; ++d) {
      CAPTURE(v);
      CAPTURE(d);
      CHECK(format_fixed(v, d) == fmt::format("{:.{}f}", v, d));
    }
}

TEST_CASE("closest_match suggests likely typos only") {
  const std::vector<std::string> themes = {"quality-improvement", "systems-and-information"};
  CHECK(closest_match("quality-improvment", themes) == std::optional<std::string>("quality-improvement"));
  CHECK_FALSE(closest_match("finance", themes).has_value());
}

TEST_CASE("diagnostics print as path:line:col, sorted by place, repeats dropped") {
  Diagnostics d;
  d.error({"content/b.md", 3, 1}, "second file");
  d.error({"content/a.md", 10, 2}, "later line");
  d.error({"content/a.md", 2, 7}, "earlier line");
  d.error({"content/a.md", 2, 7}, "earlier line");
  d.warning({"gpress.toml", 0, 0}, "no place");
  CHECK(d.error_count() == 4);
  CHECK(d.str() ==
        "content/a.md:2:7: error: earlier line\n"
        "content/a.md:10:2: error: later line\n"
        "content/b.md:3:1: error: second file\n"
        "gpress.toml: warning: no place\n");
}

TEST_CASE("locate turns a byte offset into line and column") {
  const std::string text = "ab\ncd\nef";
  CHECK(locate("f", text, 0).str() == "f:1:1");
  CHECK(locate("f", text, 4).str() == "f:2:2");
  CHECK(locate("f", text, 6).str() == "f:3:1");
}

TEST_CASE("output paths cannot leave the output folders") {
  CHECK(is_safe_relative_path("site/a/index.html"));
  CHECK_FALSE(is_safe_relative_path("site/../etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("/etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("site//a"));
  CHECK_FALSE(is_safe_relative_path(""));
  MemorySink sink;
  CHECK_THROWS_AS(sink.write("site/../../x", "boom"), InternalError);
}
