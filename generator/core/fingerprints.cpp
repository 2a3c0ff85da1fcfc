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
    Entry entry;
    const char* const last = line.data() + line.size();
    if (tab != std::string_view::npos) {
      const auto [next, error] = std::from_chars(line.data() + tab + 1, last, entry.hash, 16);
      if (error == std::errc()) {
        if (next < last && *next == '\t') std::from_chars(next + 1, last, entry.inputs, 16);
        previous_.emplace(std::string(line.substr(0, tab)), entry);
      }
    }
    start = end + 1;
  }
}

bool Fingerprints::unchanged(const std::string& path, std::uint64_t hash, std::uint64_t inputs) {
  std::lock_guard lock(mutex_);
  current_[path] = {hash, inputs};
  auto it = previous_.find(path);
  return it != previous_.end() && it->second.hash == hash;
}

bool Fingerprints::inputs_unchanged(const std::string& path, std::uint64_t inputs) {
  if (inputs == 0) return false;
  std::lock_guard lock(mutex_);
  auto it = previous_.find(path);
  if (it == previous_.end() || it->second.inputs != inputs) return false;
  current_[path] = it->second;
  return true;
}

std::vector<std::string> Fingerprints::previous_outputs() const {
  std::vector<std::string> out;
  for (const auto& [path, entry] : previous_) out.push_back(path);
  std::sort(out.begin(), out.end());
  return out;
}

std::uint64_t Fingerprints::previous_inputs(const std::string& path) const {
  auto it = previous_.find(path);
  return it == previous_.end() ? 0 : it->second.inputs;
}

void Fingerprints::record_output(const std::string& path, std::uint64_t inputs) {
  std::lock_guard lock(mutex_);
  Entry& entry = current_[path];
  if (inputs != 0) entry.inputs = inputs;
}

void Fingerprints::forget(const std::string& path) {
  std::lock_guard lock(mutex_);
  forgotten_[path] = true;
}

void Fingerprints::save() const {
  std::vector<std::pair<std::string, Entry>> rows;
  {
    std::lock_guard lock(mutex_);
    rows.assign(current_.begin(), current_.end());
    // Outputs of products not built this time keep their fingerprints.
    for (const auto& [path, entry] : previous_)
      if (!current_.count(path) && !forgotten_.count(path)) rows.emplace_back(path, entry);
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [path, entry] : rows) out += fmt::format("{}\t{:x}\t{:x}\n", path, entry.hash, entry.inputs);
  write_file_atomic(file_, out);
}

}  // namespace gpress
