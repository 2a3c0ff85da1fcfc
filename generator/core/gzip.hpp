// gzip in memory, through zlib: data files may be committed compressed
// (data/values.csv.gz) and are read as if they were plain.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gpress {

/// True when `bytes` start with the gzip magic number.
bool is_gzip(std::string_view bytes);

/// The bytes gzip-compressed at the best level. The header carries no name
/// and no time, so the same bytes always give the same file.
std::string gzip_compress(std::string_view bytes);

/// How a bounded inflate ended.
enum class InflateEnd { kComplete, kTooBig, kCorrupt, kTruncated };

struct Inflated {
  std::string bytes;
  InflateEnd end = InflateEnd::kComplete;
  std::string zlib_message;  // zlib's own words for a corrupt stream, when it has some
};

/// Inflates `in` in growing pieces, never past `limit` bytes of output,
/// whatever the data claim: the one loop behind gzip files and zip entries.
/// `window_bits` is zlib's: 31 for a gzip wrapper, -15 for a raw deflate
/// stream (a zip entry).
Inflated inflate_bounded(std::string_view in, int window_bits, std::size_t limit);

/// Inflated bytes, or nullopt with `error` set when the data are not valid
/// gzip or inflate to more than `limit` bytes (a file that claims to be data
/// but would fill memory).
std::optional<std::string> gzip_decompress(std::string_view bytes, std::string& error,
                                           std::size_t limit = std::size_t{1} << 30);

}  // namespace gpress
