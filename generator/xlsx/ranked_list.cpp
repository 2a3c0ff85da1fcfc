#include "xlsx/ranked_list.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "xlsx/workbook.hpp"

namespace gpress {
namespace {

void check(lxw_error err, const char* what) { xlsx::check(err, "ranked-practices.xlsx", what); }

}  // namespace

std::string ranked_list_xlsx(const std::vector<RankedPractice>& rows, const std::string& title) {
  xlsx::Workbook book("ranked-practices.xlsx");
  lxw_workbook* wb = book.get();

  // A fixed creation time: the same ranking gives the same bytes.
  lxw_doc_properties props{};
  std::string doc_title = title;
  std::string author = "gpress";
  props.title = doc_title.data();
  props.author = author.data();
  props.created = xlsx::kFixedCreated;
  check(workbook_set_properties(wb, &props), "set properties");

  lxw_worksheet* ws = workbook_add_worksheet(wb, "Ranked practices");
  if (!ws) throw InternalError("ranked-practices.xlsx: cannot add the worksheet");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0x005EB8);
  format_set_font_color(header, LXW_COLOR_WHITE);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* top = workbook_add_format(wb);
  format_set_align(top, LXW_ALIGN_VERTICAL_TOP);

  struct Column {
    const char* name;
    double width;
  };
  const Column columns[] = {{"Rank", 7},           {"ODS code", 10},      {"Practice", 36},
                            {"PCN", 28},           {"ICB", 30},           {"Risk score", 10},
                            {"Criteria met", 10},  {"Support level", 14}, {"Set by support team", 12},
                            {"Top criteria", 60},  {"Top action", 40},    {"Data pack", 30},
                            {"Options report", 34}};
  lxw_col_t c = 0;
  for (const auto& col : columns) {
    check(worksheet_write_string(ws, 0, c, col.name, header), "write header");
    check(worksheet_set_column(ws, c, c, col.width, nullptr), "set column width");
    ++c;
  }
  lxw_row_t r = 1;
  for (const auto& row : rows) {
    check(worksheet_write_number(ws, r, 0, row.rank, top), "write rank");
    check(worksheet_write_string(ws, r, 1, row.ods_code.c_str(), top), "write ODS code");
    check(worksheet_write_string(ws, r, 2, row.name.c_str(), wrap), "write name");
    check(worksheet_write_string(ws, r, 3, row.pcn_name.c_str(), wrap), "write PCN");
    check(worksheet_write_string(ws, r, 4, row.icb_name.c_str(), wrap), "write ICB");
    check(worksheet_write_number(ws, r, 5, row.risk_score, top), "write risk score");
    check(worksheet_write_number(ws, r, 6, row.criteria_met, top), "write criteria met");
    check(worksheet_write_string(ws, r, 7, std::string(to_string(row.support_level)).c_str(), top),
          "write support level");
    check(worksheet_write_string(ws, r, 8, row.overridden ? "yes" : "no", top), "write override");
    check(worksheet_write_string(ws, r, 9, join(row.top_criteria, "; ").c_str(), wrap), "write top criteria");
    check(worksheet_write_string(ws, r, 10, row.top_action.c_str(), wrap), "write top action");
    // Relative links, so the workbook works beside the reports wherever the folder is copied.
    const std::string pack = "external:" + row.data_pack_url;
    const std::string report = "external:" + row.options_report_url;
    check(worksheet_write_url_opt(ws, r, 11, pack.c_str(), nullptr, row.data_pack_url.c_str(), nullptr),
          "write data pack link");
    check(worksheet_write_url_opt(ws, r, 12, report.c_str(), nullptr, row.options_report_url.c_str(), nullptr),
          "write options report link");
    ++r;
  }
  worksheet_freeze_panes(ws, 1, 0);
  check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size()), c - 1), "set autofilter");
  return book.close();
}

}  // namespace gpress
