// The .xlsx reader on any bytes, with an 8 MB unzip limit: a workbook it
// cannot read is a diagnostic, never a crash or an allocation past the limit.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view zip(reinterpret_cast<const char*>(data), size);
  gpress::Diagnostics diags;
  // The seeds' sheets: the test workbooks of telephony (Table 3) and online consultations (Table 2).
  for (const char* name : {"Table 2", "Table 3"}) {
    if (auto sheet = gpress::import_detail::read_xlsx_bytes(zip, "fuzz.xlsx", name, diags, 8)) {
      for (std::size_t r = 0; r < sheet->rows.size(); ++r)
        for (std::size_t c = 0; c < sheet->rows[r].size(); ++c) (void)sheet->loc(r, c);
    }
  }
  (void)diags.str();
  return 0;
}
