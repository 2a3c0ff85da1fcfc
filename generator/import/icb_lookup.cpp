// Sub-ICB location (ex-CCG) code -> ICB code and name: fills the ICB names
// of the register and keeps the lookup in data/sub_icbs.csv for later
// epraccur imports.
#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"

namespace gpress::import_detail {

ImportResult import_icb_lookup(ImportContext& ctx) {
  auto& diags = ctx.diags;
  std::size_t rows = 0;
  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags);
    if (!table) continue;
    auto sub = find_column(*table, {"CCG Code", "Sub ICB Code", "Sub ICB Location Code", "SICBL22CDH"}, {}, diags);
    auto icb = find_column(*table, {"ICB Code", "ICB22CDH"}, {}, diags);
    auto name = find_column(*table, {"ICB NAME", "ICB22NM"}, {}, diags);
    if (!sub || !icb || !name) continue;
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      const std::string code(trim(row[*sub]));
      if (code.empty()) continue;
      SubIcbRow& s = ctx.sub_icbs()[code];
      s.sub_icb_code = code;
      s.icb_code = trim(row[*icb]);
      s.icb_name = trim(row[*name]);
      ++rows;
    }
  }
  ctx.sub_icbs_changed();
  std::size_t named = 0;
  for (auto& [code, p] : ctx.practices()) {
    auto s = ctx.sub_icbs().find(p.sub_icb_code);
    if (s == ctx.sub_icbs().end() || s->second.icb_code != p.icb_code) continue;
    p.icb_name = s->second.icb_name;
    if (p.sub_icb_name.empty()) p.sub_icb_name = s->second.sub_icb_name;
    ++named;
  }
  if (ctx.has_register()) ctx.practices_changed();
  ctx.set_source({"icb-lookup", "Sub-ICB location to ICB lookup", "NHS England", "2023", "", 
                  "Contains public sector information licensed under the Open Government Licence v3.0."});
  return ctx.commit(fmt::format("icb-lookup: {} sub-ICB locations in data/sub_icbs.csv; ICB names for {} practices",
                                rows, named));
}

}  // namespace gpress::import_detail
