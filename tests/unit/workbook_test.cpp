// What every workbook shares: cells stay within what Excel accepts.
#include <doctest/doctest.h>

#include "xlsx/workbook.hpp"

using namespace gpress;

TEST_CASE("a spreadsheet cell never exceeds Excel's 32,767 characters") {
  const std::string names(40000, 'x');
  const std::string cell = xlsx::fit_cell(names);
  CHECK(cell.size() <= 32767);
  CHECK(cell.find("[cut: longer than a spreadsheet cell holds") != std::string::npos);
  std::string accented;
  while (accented.size() < 33000) accented += "\xC3\xA9";  // é, two bytes
  const std::string cut = xlsx::fit_cell(accented);
  CHECK(cut.size() <= 32767);
  CHECK((static_cast<unsigned char>(cut[cut.find(" [cut") - 1]) & 0xC0) != 0xC0);  // no half character
  CHECK(xlsx::fit_cell("short") == "short");
}
