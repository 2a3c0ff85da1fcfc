#include "core/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

#include "core/error.hpp"

namespace gpress {

namespace {
// zlib's window bits for a gzip wrapper (15 + 16).
constexpr int kGzipWindow = 31;
constexpr std::size_t kChunk = std::size_t{1} << 16;
}  // namespace

bool is_gzip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1F' && bytes[1] == '\x8B'; }

std::string gzip_compress(std::string_view bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindow, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw InternalError("zlib: cannot start compressing");
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(bytes.size())) + 64);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw InternalError("zlib: compression did not finish");
  return out;
}

std::optional<std::string> gzip_decompress(std::string_view bytes, std::string& error, std::size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindow) != Z_OK) throw InternalError("zlib: cannot start inflating");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out.size() >= limit) {
      inflateEnd(&zs);
      error = "inflates to more than " + std::to_string(limit >> 20) + " MiB";
      return std::nullopt;
    }
    const std::size_t used = out.size();
    out.resize(used + kChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    zs.avail_out = static_cast<uInt>(kChunk);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(used + kChunk - zs.avail_out);
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK) {
      error = zs.msg ? std::string("not valid gzip data (") + zs.msg + ")" : std::string("not valid gzip data");
      inflateEnd(&zs);
      return std::nullopt;
    }
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      error = "the gzip data end early";
      inflateEnd(&zs);
      return std::nullopt;
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace gpress
