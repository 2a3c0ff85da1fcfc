#include "xlsx/workbook.hpp"

#include <dlfcn.h>
#include <stdio_ext.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <libdeflate.h>
#include <zlib.h>

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
std::atomic<std::size_t> parts_deflated{0};
std::atomic<std::size_t> parts_streamed{0};

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

std::size_t parts_deflated_whole() { return parts_deflated.load(); }

std::size_t parts_deflated_in_pieces() { return parts_streamed.load(); }

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
  if (!stream) {
    delete file;
    return nullptr;
  }
  // The part is private to the thread writing the workbook: no lock is
  // needed around each of the library's thousands of fprintf() calls.
  ::__fsetlocking(stream, FSETLOCKING_BYCALLER);
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

// libxlsxwriter 1.1 deflates each part of a workbook through minizip, at
// zlib's default level (6), with no setting for either. Deflating was the
// largest single cost of a national build of data packs: a pack's workbook
// is about 130 KB of XML in 14 parts. gpress defines the three minizip calls
// the library makes for a part (exported like the two above): opening a part
// asks minizip for a "raw" entry, whose bytes it stores as given; the part's
// XML is gathered whole, then deflated and checksummed in one call by
// libdeflate at its fastest level (half the time of zlib's level 1 on a
// national build's workbooks, and files about 8% smaller) and handed to
// minizip with its size and CRC. A part too large to gather (kWholePartLimit)
// is deflated by zlib as it comes. Anything else (a level of 0, a password,
// another library's zip) goes to minizip as it came. Should libxlsxwriter
// stop calling these, workbooks are deflated by zlib as before: slower, never
// wrong.
namespace {

// minizip 1.1's types and values (zip.h), which gpress does not otherwise include.
constexpr int kZipOk = 0;
constexpr int kZipInternalError = -104;  // ZIP_INTERNALERROR

using ZipOpen = int (*)(void*, const char*, const void*, const void*, unsigned, const void*, unsigned, const char*, int,
                        int, int, int, int, int, const char*, unsigned long, unsigned long, unsigned long, int);
using ZipWrite = int (*)(void*, const void*, unsigned);
using ZipClose = int (*)(void*);
using ZipCloseRaw = int (*)(void*, unsigned long long, unsigned long);

template <typename F>
F minizip(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

// A part larger than this is deflated as it comes, by zlib at level 1, so
// that a national thematic workbook's sheets of tens of megabytes are not
// held twice more (gathered and deflated) beside libxlsxwriter's own copy.
// A data pack's largest part is about 40 KB.
constexpr std::size_t kWholePartLimit = 4 << 20;

// The part being written on this thread, one at a time per zip as
// libxlsxwriter writes them. Its buffers are kept for the next part; they
// never grow much past kWholePartLimit.
struct PendingPart {
  void* zip = nullptr;
  std::string xml;                 ///< gathered, while the part is small
  std::string deflated;            ///< libdeflate's output, or zlib's as it comes
  std::optional<z_stream> stream;  ///< once the part has outgrown kWholePartLimit
  std::uint64_t size = 0;          ///< bytes given to `stream`
  std::uint32_t crc = 0;           ///< of those bytes
};
thread_local PendingPart pending;

libdeflate_compressor* fastest_compressor() {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::unique_ptr<libdeflate_compressor, Free> compressor{libdeflate_alloc_compressor(1)};
  return compressor.get();
}

// Passes `bytes` of the part through zlib, and what comes out on to minizip.
int deflate_on(void* file, std::string_view bytes, int flush) {
  static const auto write = minizip<ZipWrite>("zipWriteInFileInZip");
  if (!write) return kZipInternalError;
  z_stream& zs = *pending.stream;
  pending.size += bytes.size();
  // (libdeflate_crc32 of a null buffer is the initial 0, not the CRC so far.)
  if (!bytes.empty()) pending.crc = libdeflate_crc32(pending.crc, bytes.data(), bytes.size());
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  std::string& out = pending.deflated;
  out.resize(64 << 10);
  int rc = Z_OK;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    rc = ::deflate(&zs, flush);
    if (rc == Z_STREAM_ERROR) return kZipInternalError;
    if (const auto have = static_cast<unsigned>(out.size() - zs.avail_out))
      if (const int w = write(file, out.data(), have); w != kZipOk) return w;
  } while (zs.avail_out == 0);
  return flush == Z_FINISH && rc != Z_STREAM_END ? kZipInternalError : kZipOk;
}

// Frees zlib's state, whether the part was finished or abandoned on an error.
void end_stream() {
  if (!pending.stream) return;
  ::deflateEnd(&*pending.stream);
  pending.stream.reset();
}

// The part has outgrown kWholePartLimit: what was gathered goes to zlib.
int start_streaming(void* file) {
  z_stream& zs = pending.stream.emplace();
  if (::deflateInit2(&zs, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    pending.stream.reset();
    return kZipInternalError;
  }
  const int rc = deflate_on(file, pending.xml, Z_NO_FLUSH);
  std::string().swap(pending.xml);
  return rc;
}

}  // namespace

extern "C" int zipOpenNewFileInZip4_64(void* file, const char* filename, const void* zipfi,
                                       const void* extrafield_local, unsigned size_extrafield_local,
                                       const void* extrafield_global, unsigned size_extrafield_global,
                                       const char* comment, int method, int level, int raw, int windowBits,
                                       int memLevel, int strategy, const char* password, unsigned long crcForCrypting,
                                       unsigned long versionMadeBy, unsigned long flagBase, int zip64) {
  static const auto open = minizip<ZipOpen>("zipOpenNewFileInZip4_64");
  if (!open) return kZipInternalError;  // libxlsxwriter reports it as a failed write
  const bool gather = method == Z_DEFLATED && level != 0 && !raw && !password && fastest_compressor();
  constexpr int kFastest = 1;  // also sets the entry's "super fast" flag, as zlib's level 1 would
  const int rc = open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                      size_extrafield_global, comment, method, level == 0 ? 0 : kFastest, gather ? 1 : raw, windowBits,
                      memLevel, strategy, password, crcForCrypting, versionMadeBy, flagBase, zip64);
  end_stream();  // a part left unfinished after an error
  pending.zip = rc == kZipOk && gather ? file : nullptr;
  pending.xml.clear();
  pending.size = 0;
  pending.crc = 0;
  return rc;
}

extern "C" int zipWriteInFileInZip(void* file, const void* buf, unsigned len) {
  static const auto write = minizip<ZipWrite>("zipWriteInFileInZip");
  if (file != pending.zip) return write ? write(file, buf, len) : kZipInternalError;
  const std::string_view bytes(static_cast<const char*>(buf), len);
  if (pending.stream) return deflate_on(file, bytes, Z_NO_FLUSH);
  try {  // no exception may cross the C library
    pending.xml.append(bytes);
  } catch (const std::bad_alloc&) {
    return kZipInternalError;
  }
  return pending.xml.size() > kWholePartLimit ? start_streaming(file) : kZipOk;
}

extern "C" int zipCloseFileInZip(void* file) {
  static const auto write = minizip<ZipWrite>("zipWriteInFileInZip");
  static const auto close = minizip<ZipClose>("zipCloseFileInZip");
  static const auto close_raw = minizip<ZipCloseRaw>("zipCloseFileInZipRaw64");
  if (file != pending.zip) return close ? close(file) : kZipInternalError;
  pending.zip = nullptr;
  if (!write || !close_raw) return kZipInternalError;
  if (pending.stream) {
    const int rc = deflate_on(file, {}, Z_FINISH);
    end_stream();
    if (rc != kZipOk) return rc;
    ++gpress::xlsx::parts_streamed;
    return close_raw(file, pending.size, pending.crc);
  }
  const std::string& xml = pending.xml;
  std::string& out = pending.deflated;
  libdeflate_compressor* c = fastest_compressor();
  try {
    out.resize(libdeflate_deflate_compress_bound(c, xml.size()));
  } catch (const std::bad_alloc&) {
    return kZipInternalError;
  }
  const std::size_t n = libdeflate_deflate_compress(c, xml.data(), xml.size(), out.data(), out.size());
  if (n == 0 || n > std::numeric_limits<unsigned>::max()) return kZipInternalError;
  const int rc = write(file, out.data(), static_cast<unsigned>(n));
  if (rc != kZipOk) return rc;
  ++gpress::xlsx::parts_deflated;
  return close_raw(file, xml.size(), libdeflate_crc32(0, xml.data(), xml.size()));
}
