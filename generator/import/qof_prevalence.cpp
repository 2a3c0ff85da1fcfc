// QOF prevalence: NHS Digital's raw QOF file PREVALENCE_YYZZ.csv (one row per
// practice and disease register: PRACTICE_CODE, GROUP_CODE, REGISTER,
// PATIENT_LIST_TYPE, PRACTICE_LIST_SIZE), as published in the year's zip.
//
// Each register becomes one indicator, qof_prevalence_<group>: the register
// over the practice's list size of the register's own age base, which the
// file gives per row (PATIENT_LIST_TYPE: TOTAL, 06OV, 16OV, 17OV, 18OV,
// 50OV; diabetes counts patients aged 17+, depression 18+, osteoporosis
// 50+). England's prevalence is then the sum of registers over the sum of
// those list sizes, NHS Digital's own method. A proportion of people: Wilson
// intervals. The year is in the file name (PREVALENCE_2021_v2.csv is
// 2020-21, PREVALENCE_2223.csv 2022-23) or --period.
#include <fmt/format.h>

#include "import/source_loop.hpp"

namespace gpress::import_detail {

namespace {

enum Col { kCode, kGroup, kRegister, kListType, kListSize };

const SourceSpec kSpec = {
    .kind = "a QOF prevalence file (PREVALENCE_YYZZ.csv)",
    .columns =
        {{{"practice_code"}}, {{"group_code"}}, {{"register"}}, {{"patient_list_type"}}, {{"practice_list_size"}}},
    .code = kCode,
    .period = FilePeriod::kRows,
    .period_example = "2020-21",
};

// The registers' names as NHS Digital writes them (MAPPING_INDICATORS).
const std::map<std::string, std::string, std::less<>>& register_names() {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"AF", "Atrial fibrillation"},
      {"AST", "Asthma"},
      {"CAN", "Cancer"},
      {"CHD", "Coronary heart disease"},
      {"CKD", "Chronic kidney disease"},
      {"COPD", "Chronic obstructive pulmonary disease"},
      {"CVDPP", "Cardiovascular disease primary prevention"},
      {"DEM", "Dementia"},
      {"DEP", "Depression"},
      {"DM", "Diabetes mellitus"},
      {"EP", "Epilepsy"},
      {"HF", "Heart failure"},
      {"HYP", "Hypertension"},
      {"LD", "Learning disability"},
      {"MH", "Mental health"},
      {"NDH", "Non-diabetic hyperglycaemia"},
      {"OB", "Obesity"},
      {"OST", "Osteoporosis"},
      {"PAD", "Peripheral arterial disease"},
      {"PC", "Palliative care"},
      {"RA", "Rheumatoid arthritis"},
      {"SMOK", "Smoking"},
      {"STIA", "Stroke and transient ischaemic attack"},
  };
  return kNames;
}

// "17OV" -> "registered patients aged 17 and over"; "TOTAL" -> "... (all ages)".
std::optional<std::string> age_base(std::string_view list_type) {
  if (list_type == "TOTAL") return "registered patients (all ages)";
  if (list_type.size() == 4 && list_type.substr(2) == "OV" && list_type[0] >= '0' && list_type[0] <= '9' &&
      list_type[1] >= '0' && list_type[1] <= '9') {
    const int age = (list_type[0] - '0') * 10 + (list_type[1] - '0');
    return fmt::format("registered patients aged {} and over", age);
  }
  return std::nullopt;
}

// PREVALENCE_2021_v2.csv -> 2020-21: the first four-digit run "YYZZ" with ZZ = YY + 1.
std::optional<std::string> year_in_name(std::string_view name) {
  for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
    auto digit = [&](std::size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; };
    if ((i > 0 && digit(i - 1)) || digit(i + 4)) continue;
    if (!(digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3))) continue;
    const int a = (name[i] - '0') * 10 + (name[i + 1] - '0');
    const int b = (name[i + 2] - '0') * 10 + (name[i + 3] - '0');
    if (b == (a + 1) % 100) return fmt::format("20{:02}-{:02}", a, b);
  }
  return financial_year_in(name);
}

}  // namespace

const SourceSpec& qof_prevalence_spec() { return kSpec; }

ImportResult import_qof_prevalence(ImportContext& ctx) {
  // The period of each file, from its name (kRows lets --period override).
  std::map<std::string, std::string> file_periods;
  for (const auto& f : ctx.options().files)
    if (auto y = year_in_name(f.filename().string())) file_periods[ImportContext::display(f)] = *y;

  struct Register {
    std::string list_type;
    SourceLoc first;
  };
  std::map<std::string, Register> registers;  // group -> its age base, as first read
  std::vector<ValueRow> rows;
  const RowCounts counts = read_rows(ctx, kSpec, [&](SourceRow& row) {
    if (row.period().empty()) {
      auto it = file_periods.find(row.loc(kCode).path);
      if (it == file_periods.end()) {
        row.error(kCode, "cannot tell which year this file covers; give it with --period (e.g. --period 2020-21)");
        return;
      }
      row.set_period(it->second);
    }
    const std::string group(row.text(kGroup));
    const std::string_view list_type = row.text(kListType);
    if (group.empty() || group.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
      row.error(kGroup, fmt::format("bad register code '{}' (expected e.g. DM, HYP, AST)", group));
      return;
    }
    if (!age_base(list_type)) {
      row.error(kListType,
                fmt::format("unknown list type '{}' (expected TOTAL or an age base such as 17OV)", list_type));
      return;
    }
    // One indicator has one age base: a register whose base changed between
    // years would compare different populations.
    auto [reg, inserted] = registers.emplace(group, Register{std::string(list_type), row.loc(kListType)});
    if (!inserted && reg->second.list_type != list_type) {
      row.error(kListType,
                fmt::format("the {} register counts {} here but {} at {}; import years with different "
                            "age bases separately",
                            group, *age_base(list_type), *age_base(reg->second.list_type), reg->second.first.str()));
      return;
    }
    auto num = row.number(kRegister);
    auto den = row.number(kListSize);
    if (!row.accept(group)) return;
    IndicatorDef def;
    def.id = "qof_prevalence_" + group;
    def.unit = Unit::kPercent;
    ValueRow out = make_row(row.ods(), def, row.period(), std::nullopt, num, den);
    // A register counts everyone on it during the year, the list size is one
    // day's: a practice that cares for a changing resident population can
    // publish more on the register than on its list. Such a count is not a
    // proportion, so the value is kept as published without the counts that
    // would pool it or give it an interval.
    if (num && den && *num > *den) {
      row.warning(kRegister, fmt::format("the {} register ({}) is larger than the list size ({}): the value is kept "
                                         "without its register and list size",
                                         group, *num, *den));
      out.numerator.clear();
      out.denominator.clear();
    }
    rows.push_back(std::move(out));
  });

  std::vector<IndicatorDef> defs;
  for (const auto& [group, reg] : registers) {
    std::string lower;
    for (char c : group) lower += static_cast<char>(c - 'A' + 'a');
    auto name = register_names().find(group);
    const std::string title = name != register_names().end() ? name->second : "QOF register " + group;
    defs.push_back({"qof_prevalence_" + lower, title + " prevalence (QOF)", Domain::kExternal, std::nullopt,
                    Unit::kPercent, Polarity::kNeither, "wilson",
                    fmt::format("Patients on the practice's QOF {} register as a percentage of its {} (QOF "
                                "list type {}), as recorded by the practice. Numerator: patients on the register; "
                                "denominator: list size for that age base. Comparators: sum of registers over sum "
                                "of list sizes.",
                                title, *age_base(reg.list_type), reg.list_type)});
  }
  for (auto& r : rows) {
    for (char& c : r.indicator_id)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  check_dropped(ctx, "qof-prevalence", counts);
  ctx.set_source({"qof-prevalence", "Quality and Outcomes Framework: disease registers and prevalence", "NHS England",
                  period_span(counts.periods),
                  "https://digital.nhs.uk/data-and-information/publications/statistical/"
                  "quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data",
                  "Contains public sector information from NHS England (NHS Digital) licensed under the Open "
                  "Government Licence v3.0."});
  ctx.set_values(defs, std::move(rows));
  return ctx.commit(describe_counts("qof-prevalence", counts, ctx));
}

}  // namespace gpress::import_detail
