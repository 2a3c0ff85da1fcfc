#include "xlsx/workbook.hpp"

#include <atomic>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace gpress::xlsx {

std::string fit_cell(const std::string& text) {
  constexpr std::size_t kMax = 32767;  // Excel's limit, which libxlsxwriter enforces in bytes
  if (text.size() <= kMax) return text;
  static const std::string kNote = " [cut: longer than a spreadsheet cell holds; the page has it in full]";
  std::size_t end = kMax - kNote.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a character
  return text.substr(0, end) + kNote;
}

void check(lxw_error err, const std::string& file, const char* what) {
  if (err != LXW_NO_ERROR) throw InternalError(fmt::format("{}: {}: {}", file, what, lxw_strerror(err)));
}

Workbook::Workbook(std::string file) : file_(std::move(file)) {
  static std::atomic<unsigned long> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          fmt::format("gpress-{}-{}-{}", static_cast<long>(::getpid()), counter++, file_);
  lxw_workbook_options options{};
  wb_ = workbook_new_opt(path_.c_str(), &options);
  if (!wb_) throw InternalError(fmt::format("{}: cannot create {}", file_, path_.string()));
}

Workbook::~Workbook() {
  if (wb_) workbook_close(wb_);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

lxw_worksheet* Workbook::sheet(const char* name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
  if (!ws) throw InternalError(fmt::format("{}: cannot add sheet '{}'", file_, name));
  return ws;
}

lxw_format* Workbook::format() {
  lxw_format* f = workbook_add_format(wb_);
  if (!f) throw InternalError(fmt::format("{}: cannot add a format", file_));
  return f;
}

std::string Workbook::close() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  check(workbook_close(wb), "writing the workbook");
  return read_file(path_);
}

}  // namespace gpress::xlsx
