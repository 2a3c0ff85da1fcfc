#include "core/fingerprints.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "core/fs.hpp"

namespace gpress {

Fingerprints::Fingerprints(std::filesystem::path file) : file_(std::move(file)) {
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec)) return;
  const std::string text = read_file(file_);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    const auto tab = line.find('\t');
    std::uint64_t hash = 0;
    if (tab != std::string_view::npos &&
        std::from_chars(line.data() + tab + 1, line.data() + line.size(), hash, 16).ec == std::errc())
      previous_.emplace(std::string(line.substr(0, tab)), hash);
    start = end + 1;
  }
}

bool Fingerprints::unchanged(const std::string& path, std::uint64_t hash) {
  std::lock_guard lock(mutex_);
  current_[path] = hash;
  auto it = previous_.find(path);
  return it != previous_.end() && it->second == hash;
}

std::vector<std::string> Fingerprints::previous_outputs() const {
  std::vector<std::string> out;
  for (const auto& [path, hash] : previous_) out.push_back(path);
  std::sort(out.begin(), out.end());
  return out;
}

void Fingerprints::record_output(const std::string& path) {
  std::lock_guard lock(mutex_);
  current_.emplace(path, 0);
}

void Fingerprints::forget(const std::string& path) {
  std::lock_guard lock(mutex_);
  forgotten_[path] = true;
}

void Fingerprints::save() const {
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  {
    std::lock_guard lock(mutex_);
    rows.assign(current_.begin(), current_.end());
    // Outputs of products not built this time keep their fingerprints.
    for (const auto& [path, hash] : previous_)
      if (!current_.count(path) && !forgotten_.count(path)) rows.emplace_back(path, hash);
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& [path, hash] : rows) out += fmt::format("{}\t{:x}\n", path, hash);
  write_file_atomic(file_, out);
}

}  // namespace gpress
