// ODS epraccur: the register of GP practices (data/practices.csv).
//
// The file has no header; its 27 fields are fixed by the ODS specification
// shipped with it. A practice is a current English GP practice when its
// status (field 13) is A, its prescribing setting (field 26) is 4 and its
// national grouping (field 3) is not W00 (Wales).
#include <set>

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/common.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

namespace {
constexpr std::size_t kCode = 0, kName = 1, kRegion = 2, kIcb = 3, kPostcode = 9, kStatus = 12, kSubIcb = 14,
                      kSetting = 25;
}  // namespace

ImportResult import_epraccur(ImportContext& ctx) {
  auto& diags = ctx.diags;
  std::map<std::string, PracticeRow> fresh;
  std::map<std::string, std::uint32_t> first_line;
  std::set<std::string> icbs;
  std::size_t active = 0;
  for (const auto& file : ctx.options().files) {
    auto table = read_source(file, diags, /*has_header=*/false);
    if (!table) continue;
    for (std::size_t i = 0; i < table->row_count(); ++i) {
      const CsvRow row = table->row(i);
      if (row.size() < kSetting + 1) {
        diags.error(row.loc(0), fmt::format("epraccur rows have 27 fields; this one has {} (is this the ODS "
                                            "epraccur.csv file?)",
                                            row.size()));
        continue;
      }
      if (trim(row[kStatus]) != "A" || trim(row[kSetting]) != "4" || trim(row[kRegion]) == "W00") continue;
      const std::string code(trim(row[kCode]));
      if (!is_ods_practice_code(code)) {
        diags.error(row.loc(kCode),
                    fmt::format("bad ODS code '{}' (expected one letter and five digits, e.g. A81001)", code));
        continue;
      }
      ++active;
      const std::string icb(trim(row[kIcb]));
      icbs.insert(icb);
      if (!ctx.options().icbs.empty() &&
          std::find(ctx.options().icbs.begin(), ctx.options().icbs.end(), icb) == ctx.options().icbs.end())
        continue;
      if (auto [it, inserted] = first_line.emplace(code, row.line()); !inserted) {
        diags.error(row.loc(kCode), fmt::format("duplicate practice '{}' (first at line {})", code, it->second));
        continue;
      }
      PracticeRow p;
      p.ods_code = code;
      p.name = trim(row[kName]);
      p.postcode = trim(row[kPostcode]);
      p.sub_icb_code = trim(row[kSubIcb]);
      p.icb_code = icb;
      p.region = region_name(trim(row[kRegion]));
      // What other publications added (PCN, names, list size) survives a
      // refresh of the register.
      if (auto old = ctx.practices().find(code); old != ctx.practices().end()) {
        p.pcn_code = old->second.pcn_code;
        p.pcn_name = old->second.pcn_name;
        p.list_size = old->second.list_size;
        if (old->second.sub_icb_code == p.sub_icb_code) p.sub_icb_name = old->second.sub_icb_name;
        if (old->second.icb_code == p.icb_code) p.icb_name = old->second.icb_name;
      }
      if (auto s = ctx.sub_icbs().find(p.sub_icb_code); s != ctx.sub_icbs().end()) {
        if (p.sub_icb_name.empty()) p.sub_icb_name = s->second.sub_icb_name;
        if (p.icb_name.empty() && s->second.icb_code == p.icb_code) p.icb_name = s->second.icb_name;
      }
      fresh.emplace(code, std::move(p));
    }
  }
  if (!ctx.options().files.empty()) ctx.check_icbs(icbs, ImportContext::display(ctx.options().files.front()));
  ctx.practices() = std::move(fresh);
  ctx.practices_changed();
  ctx.set_source({"epraccur", "GP and GP practice related data (epraccur)", "NHS England Organisation Data Service",
                  "", "https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads/gp-and-gp-practice-related-data",
                  "Contains NHS England Organisation Data Service data licensed under the Open Government Licence "
                  "v3.0."});
  const std::size_t kept = ctx.practices().size();
  return ctx.commit(fmt::format("epraccur: {} practices in data/practices.csv (of {} active English GP practices)",
                                kept, active));
}

}  // namespace gpress::import_detail
