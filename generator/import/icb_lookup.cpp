// Sub-ICB location (ex-CCG) code -> ICB code and name: fills the ICB names
// of the register and keeps the lookup in data/sub_icbs.csv for later
// imports, which take a practice's ICB from its sub-ICB location.
#include <fmt/format.h>

#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {
enum Col { kSub, kIcb, kName };

const SourceSpec kSpec = {
    .kind = "a sub-ICB location to ICB lookup",
    .columns = {{{"ccg code", "sub icb code", "sub icb location code", "sicbl22cdh"}},
                {{"icb code", "icb22cdh"}},
                {{"icb name", "icb22nm"}}},
    .code = kSub,
    .needs_register = false,
    .practice_rows = false,
};
}  // namespace

const SourceSpec& icb_lookup_spec() { return kSpec; }

ImportResult import_icb_lookup(ImportContext& ctx) {
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    if (row.ods().empty()) return row.skip("rows with no sub-ICB code");
    if (!row.accept()) return;
    SubIcbRow& s = ctx.sub_icbs()[row.ods()];
    s.sub_icb_code = row.ods();
    s.icb_code = row.text(kIcb);
    s.icb_name = row.text(kName);
  });
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
  check_dropped(ctx, "icb-lookup", counts);
  ctx.set_source({"icb-lookup", "Sub-ICB location to ICB lookup", "NHS England", "2023", "",
                  "Contains public sector information licensed under the Open Government Licence v3.0."});
  return ctx.commit(fmt::format("icb-lookup: {} sub-ICB locations in data/sub_icbs.csv; ICB names for {} practices",
                                with_thousands(counts.kept), with_thousands(named)));
}

}  // namespace gpress::import_detail
