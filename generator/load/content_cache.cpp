#include "load/content_cache.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/parallel.hpp"

namespace gpress {
namespace {

// The format is gpress's own and changes with it: a cache from another
// version (or a build where Page has other fields) is ignored, not misread.
std::string header() {
  return std::string("gpress content cache 2 ") + GPRESS_VERSION + " " + std::to_string(sizeof(Page)) + "\n";
}

class Writer {
 public:
  void u64(std::uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  void loc(const SourceLoc& l) {
    str(l.path);
    u64(l.line);
    u64(l.column);
  }
  template <typename T, typename Fn>
  void list(const T& items, Fn&& each) {
    u64(items.size());
    for (const auto& item : items) each(item);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return at_ == in_.size(); }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    if (!need(sizeof v)) return 0;
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string str() { return std::string(view()); }
  /// The next string, in place.
  std::string_view view() {
    const std::uint64_t n = u64();
    if (!need(n)) return {};
    const std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  SourceLoc loc() {
    SourceLoc l;
    l.path = str();
    l.line = static_cast<std::uint32_t>(u64());
    l.column = static_cast<std::uint32_t>(u64());
    return l;
  }
  template <typename Fn>
  void list(Fn&& each) {
    const std::uint64_t n = u64();
    for (std::uint64_t i = 0; i < n && ok_; ++i) each();
  }

 private:
  bool need(std::uint64_t n) {
    if (n > in_.size() - at_) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

void write_page(Writer& w, const Page& p) {
  for (const std::string* s :
       {&p.path, &p.slug, &p.title, &p.summary, &p.theme, &p.date, &p.source, &p.organisation, &p.menu, &p.gpfv_domain})
    w.str(*s);
  w.str(p.body_html.view());
  w.u64(p.file_hash);
  w.u64(static_cast<std::uint64_t>(p.type));
  w.u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(p.weight)));
  w.u64(p.draft ? 1 : 0);
  w.list(p.tags, [&](const std::string& t) { w.str(t); });
  w.list(p.levels, [&](const std::string& l) { w.str(l); });
  w.list(p.triggers, [&](const RawTrigger& t) {
    w.loc(t.loc);
    w.list(t.fields, [&](const auto& field) {
      w.str(field.first);
      w.list(field.second, [&](const std::string& v) { w.str(v); });
    });
    w.list(t.field_locs, [&](const SourceLoc& l) { w.loc(l); });
  });
  w.list(p.field_locs, [&](const auto& field) {
    w.str(field.first);
    w.loc(field.second);
  });
}

// `file` holds the bytes `r` reads: the body stays there, not copied.
Page read_page(Reader& r, const std::shared_ptr<const MappedFile>& file) {
  Page p;
  for (std::string* s :
       {&p.path, &p.slug, &p.title, &p.summary, &p.theme, &p.date, &p.source, &p.organisation, &p.menu, &p.gpfv_domain})
    *s = r.str();
  p.body_html = SharedText(file, r.view());
  p.file_hash = r.u64();
  p.type = static_cast<PageType>(r.u64());
  p.weight = static_cast<int>(static_cast<std::int64_t>(r.u64()));
  p.draft = r.u64() != 0;
  r.list([&] { p.tags.push_back(r.str()); });
  r.list([&] { p.levels.push_back(r.str()); });
  r.list([&] {
    RawTrigger t;
    t.loc = r.loc();
    r.list([&] {
      auto& field = t.fields.emplace_back(r.str(), std::vector<std::string>{});
      r.list([&] { field.second.push_back(r.str()); });
    });
    r.list([&] { t.field_locs.push_back(r.loc()); });
    p.triggers.push_back(std::move(t));
  });
  r.list([&] {
    std::string key = r.str();
    p.field_locs[std::move(key)] = r.loc();
  });
  p.listed_hash = listed_fields_hash(p);
  return p;
}

}  // namespace

std::size_t ContentCache::shard_of(const std::string& path) { return hash_bytes(path) % kParts; }

ContentCache ContentCache::read(const std::filesystem::path& folder, unsigned jobs) {
  std::vector<std::unordered_map<std::string, Entry>> parts(kParts);
  parallel_for(kParts, jobs, [&](std::size_t part) {
    // Mapped, not read: a page's body is left where it is in the file (the
    // cache is only ever replaced by renaming a new part over the old).
    const auto file = MappedFile::open(folder / std::to_string(part));
    if (!file) return;
    const std::string_view bytes = file->bytes();
    const std::string head = header();
    if (bytes.substr(0, head.size()) != head) return;
    Reader r(bytes.substr(head.size()));
    while (r.ok() && !r.done()) {
      std::string path = r.str();
      Entry entry;
      entry.hash = r.u64();
      entry.stamp.device = r.u64();
      entry.stamp.inode = r.u64();
      entry.stamp.size = r.u64();
      entry.stamp.modified_ns = static_cast<std::int64_t>(r.u64());
      entry.stamp.changed_ns = static_cast<std::int64_t>(r.u64());
      entry.page = std::make_shared<const Page>(read_page(r, file));
      parts[part].emplace(std::move(path), std::move(entry));
    }
    if (!r.ok()) parts[part].clear();
  });
  ContentCache cache;
  for (auto& part : parts) cache.entries.merge(part);
  return cache;
}

void ContentCache::write(const std::filesystem::path& folder) {
  // Each changed part is written whole, its files in path order.
  std::vector<std::vector<const std::pair<const std::string, Entry>*>> parts(kParts);
  for (const auto& entry : entries) {
    if (!entry.second.page || !entry.second.diags.all().empty()) continue;
    const std::size_t part = shard_of(entry.first);
    if (dirty_.count(part)) parts[part].push_back(&entry);
  }
  for (std::size_t part : dirty_) {
    auto& list = parts[part];
    std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    Writer w;
    w.bytes() = header();
    for (const auto* entry : list) {
      w.str(entry->first);
      w.u64(entry->second.hash);
      const FileStamp& st = entry->second.stamp;
      for (std::uint64_t v : {st.device, st.inode, st.size, static_cast<std::uint64_t>(st.modified_ns),
                              static_cast<std::uint64_t>(st.changed_ns)})
        w.u64(v);
      write_page(w, *entry->second.page);
    }
    write_file_atomic(folder / std::to_string(part), w.bytes());
  }
  dirty_.clear();
}

}  // namespace gpress
