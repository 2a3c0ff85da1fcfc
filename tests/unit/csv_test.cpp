// The CSV reader against RFC 4180 corner cases and the quirks of real NHS
// files (BOM, CRLF, line breaks in header cells, Windows-1252 bytes).
#include "load/csv.hpp"

#include <doctest/doctest.h>

#include <string>

namespace gpress {
namespace {

const std::string kFixtures = std::string(GPRESS_SOURCE_DIR) + "/tests/fixtures/data/";

}  // namespace

TEST_CASE("csv: quoted fields keep commas, doubled quotes and line breaks, and every field knows its place") {
  Diagnostics diags;
  const auto t =
      parse_csv("t.csv", "id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,\"two\r\nlines\",x\r\n", diags);
  CHECK(diags.str() == "");
  REQUIRE(t.row_count() == 2);
  CHECK(t.row(0)[1] == "Smith, J");
  CHECK(t.row(0)[2] == "said \"hi\"");
  CHECK(t.row(1)[1] == "two\nlines");
  CHECK(t.row(1)[2] == "x");
  CHECK(t.row(0).loc(2).str() == "t.csv:2:14");
  CHECK(t.row(1).loc(2).str() == "t.csv:4:8");
  CHECK(t.row(1).line() == 3);
}

TEST_CASE("csv: LF files, a last line without a newline and blank lines") {
  Diagnostics diags;
  const auto t = parse_csv("t.csv", "a,b\n\n1,2\n3,", diags);
  CHECK(diags.str() == "");
  REQUIRE(t.row_count() == 2);
  CHECK(t.row(0).line() == 3);
  CHECK(t.row(1)[0] == "3");
  CHECK(t.row(1)[1] == "");
}

TEST_CASE("csv: the BOM is dropped and header cells are found despite case, spaces and line breaks") {
  Diagnostics diags;
  const auto t = read_csv(kFixtures + "QOF_2022-23.csv", diags);
  CHECK(diags.str() == "");
  CHECK(t.header()[0] == "Sub ICB Loc \nODS code");
  CHECK(t.column("sub icb loc ods code") == 0);
  CHECK(t.column("  SUB ICB LOC\tONS CODE ") == 1);
  CHECK(t.column("Practice code") == 5);
  CHECK(t.column_starting("Achievement score") == 8);
  CHECK(!t.column("Practice"));
  REQUIRE(t.row_count() == 3);
  // Two header cells break their line, so the first practice is on line 4.
  CHECK(t.row(0).line() == 4);
  CHECK(t.row(0)[5] == "A81001");
  CHECK(t.row(2)[8] == "562.12");
}

TEST_CASE("csv: an unterminated quote is reported where it opens") {
  Diagnostics diags;
  const auto t = parse_csv("t.csv", "a,b\n1,2\n3,\"open\n4,5\n", diags);
  CHECK(diags.str() ==
        "t.csv:3:3: error: unterminated quoted field: the '\"' here is never closed (double any quote inside a "
        "quoted field: \"\")\n");
  // Reading goes on at the next line, so the rows below are still there.
  REQUIRE(t.row_count() == 2);
  CHECK(t.row(1)[0] == "4");
  CHECK(t.row(1).loc(1) == SourceLoc{"t.csv", 4, 3});
}

TEST_CASE("csv: a column named twice, a control character or an over-long field is an error at its place") {
  Diagnostics diags;
  const auto t = parse_csv("t.csv", "id,Name, name \n1,\"a\nb\x1b\",x\n2," + std::string(5001, 'n') + ",y\n", diags);
  CHECK(
      diags.str() ==
      "t.csv:1:9: error: duplicate column ' name ' (also column 2): name each column once\n"
      "t.csv:3:2: error: control character U+001B (ESC) in 'Name' (no page, feed or workbook can hold it: remove it)\n"
      "t.csv:4:3: error: 'Name' is 5001 characters long; a field holds at most 5000\n");
  // The rows are kept, their fields repaired, so nothing further is said about them.
  REQUIRE(t.row_count() == 2);
  CHECK(t.row(0)[1] == "a\nb");
  CHECK(t.row(1)[1].size() == 5000);
}

TEST_CASE("csv: rows with the wrong number of fields are errors at their line and are dropped") {
  Diagnostics diags;
  const auto t = parse_csv("t.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n", diags);
  CHECK(diags.str() ==
        "t.csv:3: error: row has 2 fields but the header has 3 (is a comma missing, or a field containing a comma "
        "not quoted?)\n"
        "t.csv:4: error: row has 4 fields but the header has 3 (is a comma missing, or a field containing a comma "
        "not quoted?)\n");
  CHECK(t.row_count() == 1);
}

TEST_CASE("csv: text after a closing quote is an error") {
  Diagnostics diags;
  parse_csv("t.csv", "a,b\n\"x\"y,2\n", diags);
  CHECK(diags.str() ==
        "t.csv:2:4: error: unexpected 'y' after a closing quote (quote the whole field and double any quote inside "
        "it)\n");
}

TEST_CASE("csv: Windows-1252 bytes are an error in gpress's own files and converted in publications") {
  const std::string path = kFixtures + "MAPPING_PCAS_EXCL_1252.csv";
  SUBCASE("own files must be UTF-8") {
    Diagnostics diags;
    read_csv(path, diags, {}, "mapping.csv");
    CHECK(diags.str() ==
          "mapping.csv:3:36: error: byte 0x92 is not UTF-8 (save the file as UTF-8; it looks like Windows-1252, "
          "which would make it '\xE2\x80\x99')\n");
  }
  SUBCASE("publications are converted with a warning") {
    Diagnostics diags;
    CsvOptions options;
    options.allow_windows_1252 = true;
    const auto t = read_csv(path, diags, options, "mapping.csv");
    CHECK(diags.str() == "mapping.csv:3:36: warning: byte 0x92 is not UTF-8; reading the file as Windows-1252\n");
    CHECK(!diags.has_errors());
    REQUIRE(t.row_count() == 2);
    CHECK(t.row(1)[3].substr(0, 11) == "Patient\xE2\x80\x99s");
  }
}

TEST_CASE("csv: valid multi-byte UTF-8 is left alone") {
  Diagnostics diags;
  const auto t = parse_csv("t.csv", "name\nCopyright \xC2\xA9 2026 NHS England \xE2\x80\x93 London\n", diags);
  CHECK(diags.str() == "");
  CHECK(t.row(0)[0] == "Copyright \xC2\xA9 2026 NHS England \xE2\x80\x93 London");
}

TEST_CASE("csv: files without a header are read by index with any field count") {
  Diagnostics diags;
  CsvOptions options;
  options.has_header = false;
  const auto t = parse_csv("e.csv", "\"A81001\",\"X\"\n\"A81002\"\n", diags, options);
  CHECK(diags.str() == "");
  REQUIRE(t.row_count() == 2);
  CHECK(t.row(0)[1] == "X");
  CHECK(t.row(1).size() == 1);
  CHECK(t.row(1)[5] == "");
}

TEST_CASE("csv: the writer quotes only when it must and ends lines with LF") {
  CsvWriter w;
  w.row({"id", "name"});
  w.row({"a,b", "say \"hi\""});
  w.row({"two\nlines", " padded"});
  w.row({"", "plain"});
  CHECK(w.str() == "id,name\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",\" padded\"\n,plain\n");
  // What the writer writes, the reader reads back.
  Diagnostics diags;
  const auto t = parse_csv("w.csv", w.str(), diags);
  CHECK(diags.str() == "");
  CHECK(t.row(0)[1] == "say \"hi\"");
  CHECK(t.row(1)[0] == "two\nlines");
  CHECK(t.row(1)[1] == " padded");
}

}  // namespace gpress
