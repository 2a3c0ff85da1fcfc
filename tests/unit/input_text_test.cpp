// The one check for text fields and the one for web addresses (core/input_text).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/input_text.hpp"

using namespace gpress;

TEST_CASE("a text field with a control character, a byte that is not UTF-8 or too many characters is refused") {
  CHECK(text_problem("Alder Surgery") == "");
  CHECK(text_problem("tab\tCR\rLF\n and é, 😀") == "");
  std::size_t at = 99;
  CHECK(text_problem(std::string("ab\x1b[31m", 7), "name", kMaxFieldChars, &at) ==
        "control character U+001B (ESC) in 'name' (no page, feed or workbook can hold it: remove it)");
  CHECK(at == 2);
  CHECK(text_problem(std::string("a\0b", 3)).find("U+0000 (NUL) in text") != std::string::npos);
  CHECK(text_problem("caf\xe9", "title", kMaxFieldChars, &at) ==
        "byte 0xE9 in 'title' is not UTF-8 (save the file as UTF-8)");
  CHECK(at == 3);
  CHECK(text_problem("\xed\xa0\x80") != "");  // a surrogate
  CHECK(text_problem("\xc0\xaf") != "");      // an overlong '/'
  CHECK(text_problem(std::string(5000, 'x')) == "");
  CHECK(text_problem(std::string(5001, 'x'), "name") == "'name' is 5001 characters long; a field holds at most 5000");
  // Characters, not bytes: 5,000 two-byte letters are within the limit.
  std::string accents;
  for (int i = 0; i < 5000; ++i) accents += "\xc3\xa9";
  CHECK(text_problem(accents) == "");
}

TEST_CASE("a problem inside a field is reported at its own line and column") {
  Diagnostics diags;
  CHECK(check_text("fine", {"f.csv", 3, 7}, "name", diags));
  CHECK_FALSE(check_text("two\nli\x01nes", {"f.csv", 3, 7}, "note", diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].loc == SourceLoc{"f.csv", 4, 3});
}

TEST_CASE("only http and https addresses with a host are web addresses") {
  CHECK(is_web_address("https://digital.nhs.uk/qof"));
  CHECK(is_web_address("http://example.org"));
  for (const char* bad : {"javascript:alert(1)", "JAVASCRIPT:alert(1)", " https://x.org", "data:text/html,x",
                          "vbscript:x", "https://", "https:///path", "https://a b", "https://x\x01", "//x.org",
                          "/relative", "", "https:javascript:alert(1)", "ftp://x.org"})
    CHECK_MESSAGE(!is_web_address(bad), bad);
}

TEST_CASE("numbers beyond 1e15 in size, infinities and NaN are not usable") {
  CHECK(is_usable_number(0));
  CHECK(is_usable_number(-1e15));
  CHECK(is_usable_number(1e15));
  CHECK_FALSE(is_usable_number(1.0000001e15));
  CHECK_FALSE(is_usable_number(1.7e308));
  CHECK_FALSE(is_usable_number(std::numeric_limits<double>::infinity()));
  CHECK_FALSE(is_usable_number(std::nan("")));
}
