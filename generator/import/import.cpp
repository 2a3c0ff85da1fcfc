// `gpress import`: finds the importer for a SOURCE name and runs it.
#include "import/import.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/source_loop.hpp"

namespace gpress {

namespace {

using import_detail::SourceSpec;

struct Importer {
  const char* name;
  ImportResult (*run)(import_detail::ImportContext&);
  std::vector<const SourceSpec*> specs;  ///< the layouts it reads, for "this looks like" messages
};

// `gpps` is not in design.md's list: the only GP Patient Survey data
// available is a London extract with its own layout.
const std::vector<Importer>& importers() {
  using namespace import_detail;
  static const std::vector<Importer> kImporters = {
      {"epraccur", import_epraccur, {&epraccur_spec()}},
      {"registrations", import_registrations, {&registrations_spec()}},
      {"qof", import_qof, {&qof_spec()}},
      {"qof-prevalence", import_qof_prevalence, {&qof_prevalence_spec()}},
      {"workforce", import_workforce, {&workforce_spec()}},
      {"cqc", import_cqc, {&cqc_spec(), &cqc_overall_spec()}},
      {"imd", import_imd, {&imd_spec()}},
      {"payments", import_payments, {&payments_spec()}},
      {"icb-lookup", import_icb_lookup, {&icb_lookup_spec()}},
      {"telephony", import_telephony, {&telephony_spec()}},
      {"online-consultations", import_online_consultations, {&online_consultations_spec()}},
      {"gpps", import_gpps, {&gpps_spec()}},
  };
  return kImporters;
}

}  // namespace

std::vector<std::string> import_sources() {
  std::vector<std::string> out;
  for (const auto& i : importers()) out.emplace_back(i.name);
  return out;
}

namespace import_detail {
const std::vector<std::pair<std::string, const SourceSpec*>>& known_specs() {
  static const auto kSpecs = [] {
    std::vector<std::pair<std::string, const SourceSpec*>> out;
    for (const auto& i : importers())
      for (const auto* spec : i.specs) out.emplace_back(i.name, spec);
    return out;
  }();
  return kSpecs;
}
}  // namespace import_detail

ImportResult run_import(const ImportOptions& options) {
  const Importer* importer = nullptr;
  for (const auto& i : importers())
    if (options.source == i.name) importer = &i;
  if (!importer) {
    const auto names = import_sources();
    if (auto near = closest_match(options.source, names))
      throw InputError(SourceLoc{"gpress import"},
                       fmt::format("unknown source '{}' (did you mean '{}'?)", options.source, *near));
    throw InputError(SourceLoc{"gpress import"},
                     fmt::format("unknown source '{}' (expected one of: {})", options.source, join(names)));
  }
  if (options.files.empty())
    throw InputError(
        SourceLoc{"gpress import"},
        fmt::format("no files to import: give the downloaded {} file(s) after the source name", options.source));
  import_detail::ImportContext ctx(options);
  return importer->run(ctx);
}

}  // namespace gpress
