#include "xlsx/workbook.hpp"

#include <dlfcn.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <new>

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

// libxlsxwriter 1.1 assembles every part of a workbook (each sheet, the
// shared strings, the styles, ...) in a temporary file of its own, reads it
// back into the zip and deletes it: a dozen files made and removed per
// workbook, which cost a national build of data packs more kernel time than
// writing the packs. lxw_tmpfile(), declared in the library's public headers,
// is the one function it makes them with; gpress defines it (see the end of
// this file and CMakeLists.txt), so the library's calls bind to a version that
// keeps each part in memory. A libxlsxwriter that stopped calling it would
// make its files on disk as before: slower, never wrong.
struct MemoryFile {
  std::string bytes;
  std::size_t at = 0;
};
std::atomic<std::size_t> memory_files_made{0};

ssize_t memory_read(void* cookie, char* buffer, std::size_t size) {
  auto* f = static_cast<MemoryFile*>(cookie);
  const std::size_t n = f->at < f->bytes.size() ? std::min(size, f->bytes.size() - f->at) : 0;
  std::memcpy(buffer, f->bytes.data() + f->at, n);
  f->at += n;
  return static_cast<ssize_t>(n);
}

ssize_t memory_write(void* cookie, const char* buffer, std::size_t size) {
  auto* f = static_cast<MemoryFile*>(cookie);
  try {  // no exception may cross the C library's stream functions
    if (f->at > f->bytes.size()) f->bytes.resize(f->at);
    const std::size_t overlap = std::min(size, f->bytes.size() - f->at);
    f->bytes.replace(f->at, overlap, buffer, size);
  } catch (const std::bad_alloc&) {
    errno = ENOMEM;
    return -1;
  }
  f->at += size;
  return static_cast<ssize_t>(size);
}

int memory_seek(void* cookie, off64_t* offset, int whence) {
  auto* f = static_cast<MemoryFile*>(cookie);
  const off64_t base = whence == SEEK_SET   ? 0
                       : whence == SEEK_CUR ? static_cast<off64_t>(f->at)
                                            : static_cast<off64_t>(f->bytes.size());
  if (base + *offset < 0) return -1;
  f->at = static_cast<std::size_t>(base + *offset);
  *offset = static_cast<off64_t>(f->at);
  return 0;
}

int memory_close(void* cookie) {
  delete static_cast<MemoryFile*>(cookie);
  return 0;
}

// Where workbooks are made: libxlsxwriter writes the finished workbook to a
// named file, which gpress reads back and removes. A memory file system makes
// that cheap, so /dev/shm is used when there is one, unless TMPDIR says where
// temporary files go; so is libxlsxwriter's own folder for its parts, should
// it make them on disk after all.
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

std::size_t parts_assembled_in_memory() { return memory_files_made.load(); }

std::string Workbook::close() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  check(workbook_close(wb), "writing the workbook");
  return read_file(path_);
}

}  // namespace gpress::xlsx

// The definition libxlsxwriter's calls bind to (see MemoryFile above).
extern "C" FILE* lxw_tmpfile(char* /*tmpdir*/) {
  ++gpress::xlsx::memory_files_made;
  auto* file = new gpress::xlsx::MemoryFile;
  FILE* stream = ::fopencookie(
      file, "w+",
      {gpress::xlsx::memory_read, gpress::xlsx::memory_write, gpress::xlsx::memory_seek, gpress::xlsx::memory_close});
  if (!stream) delete file;
  return stream;
}

// libxlsxwriter 1.1 writes a workbook's "created" date (docProps/core.xml)
// with gmtime(), whose result lives in one buffer shared by the whole
// process. Workbooks are written on several threads at once (the thematic
// report renders alongside the data packs), so one workbook could be stamped
// with a date mixed from another's. gpress defines gmtime as glibc documents
// it but with a buffer per thread, and exports it (CMakeLists.txt) so the
// library's calls bind here, as they do to lxw_tmpfile above.
extern "C" struct tm* gmtime(const time_t* timer) noexcept {
  thread_local struct tm result;
  return ::gmtime_r(timer, &result);
}

// libxlsxwriter 1.1 deflates each part of a workbook at zlib's default level
// (6) and offers no setting for it. A data pack's workbook is about 95 KB of
// XML: level 1 deflates it in about half the time into a file about a seventh
// larger, and deflating was a sixth of a national build of data packs. gpress
// defines the one minizip call the library starts each part with, exported
// like the two above, and passes it on to minizip's own definition at level
// 1. Nothing else in gpress writes zip files. Should the library stop calling
// it, workbooks are deflated at level 6 as before: larger, never wrong.
extern "C" int zipOpenNewFileInZip4_64(void* file, const char* filename, const void* zipfi,
                                       const void* extrafield_local, unsigned size_extrafield_local,
                                       const void* extrafield_global, unsigned size_extrafield_global,
                                       const char* comment, int method, int level, int raw, int windowBits,
                                       int memLevel, int strategy, const char* password, unsigned long crcForCrypting,
                                       unsigned long versionMadeBy, unsigned long flagBase, int zip64) {
  using Open = decltype(&zipOpenNewFileInZip4_64);
  static const Open minizip = reinterpret_cast<Open>(::dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  if (!minizip) return -102;   // ZIP_INTERNALERROR: libxlsxwriter reports it as a failed write
  constexpr int kFastest = 1;  // Z_BEST_SPEED
  return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                 size_extrafield_global, comment, method, level == 0 ? 0 : kFastest, raw, windowBits, memLevel,
                 strategy, password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
