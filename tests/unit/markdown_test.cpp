#include <doctest/doctest.h>

#include "load/markdown.hpp"

using namespace gpress;

TEST_CASE("GitHub extensions: tables, strikethrough, autolinks, footnotes") {
  const auto md =
      render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ www.england.nhs.uk\n\nClaim[^1].\n\n[^1]: Source.\n");
  CHECK(md.html.find("<table class=\"nhsuk-table\">") != std::string::npos);
  CHECK(md.html.find("role=\"region\"") != std::string::npos);  // scrolls inside itself at 320 px
  CHECK(md.html.find("<del>old</del>") != std::string::npos);
  CHECK(md.html.find("<a href=\"http://www.england.nhs.uk\">") != std::string::npos);
  CHECK(md.html.find("class=\"footnotes\"") != std::string::npos);
}

TEST_CASE("author markup stays inert") {
  const auto md = render_markdown(
      "<script>alert(1)</script>\n\n<b onclick=\"x()\">bold</b> [click](javascript:alert(1)) "
      "[v](vbscript:msgbox) ![i](data:text/html;base64,xx)\n");
  CHECK(md.html.find("<script") == std::string::npos);
  CHECK(md.html.find("onclick") == std::string::npos);
  CHECK(md.html.find("javascript:") == std::string::npos);
  CHECK(md.html.find("vbscript:") == std::string::npos);
  CHECK(md.html.find("data:text/html") == std::string::npos);
}

TEST_CASE("the page title stays the only h1") {
  CHECK(render_markdown("# Intro\n\n## Detail\n").html == "<h2>Intro</h2>\n<h3>Detail</h3>\n");
  CHECK(render_markdown("## Already fine\n").html == "<h2>Already fine</h2>\n");
}
