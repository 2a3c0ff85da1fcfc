// The CSV reader on any bytes: every problem is a diagnostic, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  gpress::Diagnostics diags;
  const gpress::CsvTable table = gpress::parse_csv("fuzz.csv", bytes, diags);
  for (std::size_t r = 0; r < table.row_count(); ++r) {
    const auto row = table.row(r);
    for (std::size_t c = 0; c < row.size(); ++c) (void)row.loc(c);
  }
  (void)diags.str();
  return 0;
}
