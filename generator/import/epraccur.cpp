// ODS epraccur: the register of GP practices (data/practices.csv).
//
// The file has no header; its 27 fields are fixed by the ODS specification
// shipped with it. An English GP practice is a row whose prescribing setting
// (field 26) is 4 and whose national grouping (field 3) is not W00 (Wales).
// Open (status A), closed (C) and dormant (D) practices are all kept: a
// closed practice's rows in older publications still count in England's
// figures for those years. A closed practice's close date is field 12; a
// dormant one usually has none, so it is given the extract's date (the latest date in
// the file), the first day it is known not to be open. Proposed practices
// (P) are not yet open and are left out.
#include <fmt/format.h>

#include "import/source_loop.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

namespace {

enum Col { kCode, kName, kRegion, kIcb, kPostcode, kOpened, kClosed, kStatus, kSubIcb, kSetting };

const SourceSpec kSpec = {
    .kind = "the ODS epraccur file",
    .columns = {{{"0"}}, {{"1"}}, {{"2"}}, {{"3"}}, {{"9"}}, {{"10"}}, {{"11"}}, {{"12"}}, {{"14"}}, {{"25"}}},
    .code = kCode,
    .has_header = false,
    .fields = 27,
    .needs_register = false,
};

// "20171031" -> "2017-10-31"; empty when the cell is not such a date.
std::string iso_date(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8 || yyyymmdd.find_first_not_of("0123456789") != std::string_view::npos) return {};
  return fmt::format("{}-{}-{}", yyyymmdd.substr(0, 4), yyyymmdd.substr(4, 2), yyyymmdd.substr(6, 2));
}

}  // namespace

const SourceSpec& epraccur_spec() { return kSpec; }

ImportResult import_epraccur(ImportContext& ctx) {
  std::map<std::string, PracticeRow> fresh;
  std::set<std::string> icbs, dormant;
  std::string extract_date;  // the latest date anywhere in the file
  std::size_t open = 0;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    for (Col c : {kOpened, kClosed}) extract_date = std::max(extract_date, iso_date(row.text(c)));
    if (row.text(kSetting) != "4") return row.skip("organisations other than GP practices (prescribing setting not 4)");
    if (row.text(kRegion) == "W00") return row.skip("Welsh GP practices");
    const std::string_view status = row.text(kStatus);
    if (status == "P") return row.skip("proposed practices, not yet open");
    if (status != "A" && status != "C" && status != "D") {
      row.error(kStatus, fmt::format("unknown status '{}' (expected A, C, D or P)", status));
      return;
    }
    if (!is_ods_practice_code(row.ods())) {
      row.error(kCode, fmt::format("bad ODS code '{}' (expected one letter and five digits, e.g. A81001)", row.ods()));
      return;
    }
    const std::string icb(row.text(kIcb));
    icbs.insert(icb);
    if (!row.accept_in_icb(icb)) return;
    PracticeRow p;
    p.ods_code = row.ods();
    p.name = row.text(kName);
    p.postcode = row.text(kPostcode);
    p.sub_icb_code = row.text(kSubIcb);
    p.icb_code = icb;
    p.region = region_name(row.text(kRegion));
    if (status != "A") p.closed_on = iso_date(row.text(kClosed));
    if (status != "A" && p.closed_on.empty()) dormant.insert(p.ods_code);
    if (status == "A") ++open;
    fresh.emplace(p.ods_code, std::move(p));
  });
  for (const auto& code : dormant) fresh[code].closed_on = extract_date;
  if (!ctx.options().files.empty()) ctx.check_icbs(icbs, ImportContext::display(ctx.options().files.front()));

  // What other publications added (PCN, names, list size, groupings) survives
  // a refresh of the register.
  std::size_t removed = 0;
  for (const auto& [code, old] : ctx.practices())
    if (!fresh.count(code)) ++removed;
  for (auto& [code, p] : fresh) {
    auto old = ctx.practices().find(code);
    if (old != ctx.practices().end()) {
      p.list_size = old->second.list_size;
      if (!old->second.groupings_source.empty() && old->second.groupings_source != "epraccur") {
        p.pcn_code = old->second.pcn_code;
        p.pcn_name = old->second.pcn_name;
        p.sub_icb_code = old->second.sub_icb_code;
        p.sub_icb_name = old->second.sub_icb_name;
        p.icb_code = old->second.icb_code;
        p.icb_name = old->second.icb_name;
        p.groupings_on = old->second.groupings_on;
        p.groupings_source = old->second.groupings_source;
      }
    }
  }
  const std::size_t before = ctx.practices().size();
  ctx.practices() = std::move(fresh);
  // The register's own groupings (no PCN) stand until a source with a PCN
  // gives newer ones.
  for (auto& [code, p] : ctx.practices())
    if (p.groupings_source.empty() || p.groupings_source == "epraccur")
      ctx.offer_groupings(code, {"", "", p.sub_icb_code, p.sub_icb_name, p.icb_code, p.icb_name}, extract_date,
                          "epraccur");
  ctx.practices_changed();
  check_dropped(ctx, "epraccur", counts);
  if (!ctx.options().force && !ctx.diags.has_errors() && before > 0 &&
      static_cast<double>(removed) > kMaxDroppedShare * static_cast<double>(before))
    ctx.diags.error(SourceLoc{ImportContext::display(ctx.options().files.front())},
                    fmt::format("epraccur: {} of the {} practices in data/practices.csv are not in this register and "
                                "would be removed with their rows, more than the {:.0f}% an import may drop; nothing "
                                "was imported and data/ is unchanged. Check the file and --icb, or pass --force",
                                with_thousands(removed), with_thousands(before), kMaxDroppedShare * 100));
  ctx.set_source({"epraccur", "GP and GP practice related data (epraccur)", "NHS England Organisation Data Service",
                  extract_date,
                  "https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads/"
                  "gp-and-gp-practice-related-data",
                  "Contains NHS England Organisation Data Service data licensed under the Open Government Licence "
                  "v3.0."});
  const std::size_t kept = ctx.practices().size();
  std::string summary = describe_counts("epraccur", counts, ctx);
  summary +=
      fmt::format("\n  data/practices.csv: {} practices ({} open, {} closed or dormant); {} removed",
                  with_thousands(kept), with_thousands(open), with_thousands(kept - open), with_thousands(removed));
  return ctx.commit(std::move(summary));
}

}  // namespace gpress::import_detail
