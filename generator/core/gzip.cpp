#include "core/gzip.hpp"

#include <zlib.h>

#include <algorithm>
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

Inflated inflate_bounded(std::string_view in, int window_bits, std::size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) throw InternalError("zlib: cannot start inflating");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  Inflated r;
  while (true) {
    if (r.bytes.size() >= limit) {
      r.end = InflateEnd::kTooBig;
      break;
    }
    // Pieces double with what is already out, so a large part is not
    // copied many times, and never reach past the limit.
    const std::size_t used = r.bytes.size();
    const std::size_t chunk = std::min(std::max(used, kChunk), limit - used);
    r.bytes.resize(used + chunk);
    zs.next_out = reinterpret_cast<Bytef*>(r.bytes.data() + used);
    zs.avail_out = static_cast<uInt>(chunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    r.bytes.resize(used + chunk - zs.avail_out);
    if (rc == Z_STREAM_END) break;
    if (zs.avail_in == 0 && (rc == Z_BUF_ERROR || (rc == Z_OK && zs.avail_out != 0))) {
      r.end = InflateEnd::kTruncated;  // the data end before the stream does
      break;
    }
    if (rc != Z_OK) {
      r.end = InflateEnd::kCorrupt;
      if (zs.msg) r.zlib_message = zs.msg;
      break;
    }
  }
  inflateEnd(&zs);
  return r;
}

std::optional<std::string> gzip_decompress(std::string_view bytes, std::string& error, std::size_t limit) {
  Inflated r = inflate_bounded(bytes, kGzipWindow, limit);
  switch (r.end) {
    case InflateEnd::kComplete: return std::move(r.bytes);
    case InflateEnd::kTooBig: error = "inflates to more than " + std::to_string(limit >> 20) + " MiB"; break;
    case InflateEnd::kTruncated: error = "the gzip data end early"; break;
    case InflateEnd::kCorrupt:
      error =
          r.zlib_message.empty() ? std::string("not valid gzip data") : "not valid gzip data (" + r.zlib_message + ")";
      break;
  }
  return std::nullopt;
}

}  // namespace gpress
