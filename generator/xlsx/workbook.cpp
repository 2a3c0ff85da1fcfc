#include "xlsx/workbook.hpp"

#include <atomic>
#include <cstdlib>
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

namespace {

// Where workbooks are made. libxlsxwriter writes every part of a workbook to
// its own temporary file before zipping them, a dozen files per workbook: on
// a disk each is a journalled create and delete, which cost a national build
// of data packs more than writing the packs themselves. A memory file system
// makes them cheap, so /dev/shm is used when there is one, unless TMPDIR
// says where temporary files go.
const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    const char* tmpdir = std::getenv("TMPDIR");
    if ((!tmpdir || !*tmpdir) && ::access("/dev/shm", W_OK | X_OK) == 0 && std::filesystem::is_directory("/dev/shm"))
      return std::filesystem::path("/dev/shm");
    return std::filesystem::temp_directory_path();
  }();
  return dir;
}

}  // namespace

void check(lxw_error err, const std::string& file, const char* what) {
  if (err != LXW_NO_ERROR) throw InternalError(fmt::format("{}: {}: {}", file, what, lxw_strerror(err)));
}

Workbook::Workbook(std::string file) : file_(std::move(file)) {
  static std::atomic<unsigned long> counter{0};
  static const std::string tmpdir = scratch_dir().string();
  path_ = scratch_dir() / fmt::format("gpress-{}-{}-{}", static_cast<long>(::getpid()), counter++, file_);
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(tmpdir.c_str());  // read only; the field predates const
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
