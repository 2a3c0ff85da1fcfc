#include "core/fingerprints.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <vector>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/hash.hpp"

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
        previous_[std::string(line.substr(0, tab))].entry = entry;
      }
    }
    start = end + 1;
  }
}

bool Fingerprints::unchanged(const std::string& path, std::uint64_t hash, std::uint64_t inputs) {
  current_.with(path, [&](auto& current) { current[path] = {hash, inputs}; });
  auto it = previous_.find(path);
  if (it == previous_.end()) return false;
  it->second.recorded = true;
  return it->second.entry.hash == hash;
}

bool Fingerprints::inputs_unchanged(const std::string& path, std::uint64_t inputs) {
  if (inputs == 0) return false;
  auto it = previous_.find(path);
  if (it == previous_.end() || it->second.entry.inputs != inputs) return false;
  current_.with(path, [&](auto& current) { current[path] = it->second.entry; });
  it->second.recorded = true;
  return true;
}

std::vector<const std::string*> Fingerprints::previous_outputs() const {
  std::vector<const std::string*> out;
  out.reserve(previous_.size());
  for (const auto& [path, previous] : previous_) out.push_back(&path);
  return out;
}

std::uint64_t Fingerprints::previous_inputs(const std::string& path) const {
  auto it = previous_.find(path);
  return it == previous_.end() ? 0 : it->second.entry.inputs;
}

void Fingerprints::record_output(const std::string& path, std::uint64_t inputs) {
  current_.with(path, [&](auto& current) {
    Entry& entry = current[path];
    if (inputs != 0) entry.inputs = inputs;
  });
  if (auto it = previous_.find(path); it != previous_.end()) it->second.recorded = true;
}

void Fingerprints::forget(const std::string& path) {
  forgotten_.with(path, [&](auto& forgotten) { forgotten.insert(path); });
}

void Fingerprints::save() const {
  struct Row {
    std::uint64_t key;  // the path's hash: a fixed order, cheaper to sort by than the paths' long shared prefixes
    const std::string* path;
    Entry entry;
  };
  std::vector<Row> rows;
  rows.reserve(previous_.size());
  current_.each([&](const auto& current) {
    for (const auto& [path, entry] : current) rows.push_back({hash_bytes(path), &path, entry});
  });
  // Outputs of products not built this time keep their fingerprints.
  for (const auto& [path, previous] : previous_) {
    if (previous.recorded) continue;
    if (!forgotten_.with(path, [&](const auto& f) { return f.count(path) > 0; }))
      rows.push_back({hash_bytes(path), &path, previous.entry});
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.key != b.key ? a.key < b.key : *a.path < *b.path; });
  std::string out;
  out.reserve(rows.size() * 96);
  for (const Row& row : rows)
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}\t{:x}\t{:x}\n"), *row.path, row.entry.hash,
                   row.entry.inputs);
  write_file_atomic(file_, out);
}

}  // namespace gpress
