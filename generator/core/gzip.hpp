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

/// Inflated bytes, or nullopt with `error` set when the data are not valid
/// gzip or inflate to more than `limit` bytes (a file that claims to be data
/// but would fill memory).
std::optional<std::string> gzip_decompress(std::string_view bytes, std::string& error,
                                           std::size_t limit = std::size_t{1} << 30);

}  // namespace gpress
