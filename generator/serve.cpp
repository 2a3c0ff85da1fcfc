#include "serve.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "assemble/toolkit.hpp"
#include "build.hpp"
#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "watch.hpp"

namespace gpress {
namespace {

// Polls the site's version and reloads the page when it moves. The page
// carries the version it was served at, so a rebuild that lands before the
// first poll still reloads it.
std::string reload_script(int version) {
  return fmt::format(
      "<script>(function(){{var v='{}';setInterval(function(){{fetch('/__gpress/version').then(function(r){{return "
      "r.text()}}).then(function(t){{if(t!==v)location.reload()}}).catch(function(){{}})}},300)}})();</script>",
      version);
}

std::string content_type(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css";
  if (ext == ".js") return "text/javascript";
  if (ext == ".json") return "application/json";
  if (ext == ".xml") return "application/xml";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

// The first build also indexes the site for search; later ones re-parse only
// the files that changed and leave the index as it is. Once a build of this
// server's has succeeded, the outputs it recorded are its own and trusted.
bool rebuild(const ServeOptions& options, ContentCache& cache, std::shared_ptr<const ToolkitIndex>& index, bool first,
             bool trust_outputs, std::chrono::steady_clock::time_point seen = {}) {
  BuildOptions opts;
  opts.project = options.project;
  opts.allow_project_tools = options.allow_project_tools;
  // A `gpress build` of the same project running now finishes first.
  opts.waiting_for_lock = [](long pid) {
    std::cerr << fmt::format("gpress: waiting for another build (pid {}) to finish\n", pid);
  };
  opts.what = {"toolkit"};
  opts.search_index = first;
  opts.content_cache = &cache;
  opts.trust_outputs = trust_outputs;
  opts.toolkit_index = &index;
  try {
    const BuildReport report = build(opts);
    std::cerr << "gpress: " << report.summary();
    if (!first)
      std::cerr << fmt::format(
          ", {:.0f} ms after the change was seen",
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - seen).count());
    std::cerr << '\n';
    return true;
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics().sorted()) std::cerr << d.str() << '\n';
    std::cerr << "gpress: not rebuilt; still serving the last good build\n";
  } catch (const std::exception& e) {
    std::cerr << "gpress: rebuild failed: " << e.what() << '\n';
  }
  return false;
}

// One thread per connection, up to a cap, instead of cpp-httplib's small
// pool: a client that sends half a request and then stalls or trickles holds
// its own thread only (until its read times out), never the other visitors'.
class ThreadPerConnection : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    free_.wait(lock, [&] { return running_ < kMaxConnections; });
    ++running_;
    std::thread([this, fn = std::move(fn)] {
      fn();
      std::lock_guard done(mutex_);
      --running_;
      free_.notify_all();
    }).detach();
  }
  void shutdown() override {
    std::unique_lock lock(mutex_);
    free_.wait(lock, [&] { return running_ == 0; });
  }

 private:
  static constexpr int kMaxConnections = 256;
  std::mutex mutex_;
  std::condition_variable free_;
  int running_ = 0;
};

}  // namespace

int serve(const ServeOptions& options) {
  const fs::path project = options.project;
  ContentCache cache = ContentCache::read(project / ".gpress/content", default_jobs());
  SourceWatcher sources(project);             // before the first build, so no edit falls between them
  std::shared_ptr<const ToolkitIndex> index;  // the toolkit's structure, kept between rebuilds
  bool built = rebuild(options, cache, index, true, false);
  if (!built && !fs::exists(project / "site")) return 1;
  std::atomic<int> version{1};

  httplib::Server server;
  server.new_task_queue = [] { return new ThreadPerConnection; };
  // A request whose next bytes do not come within this is dropped.
  server.set_read_timeout(std::chrono::seconds(2));
  const fs::path site = fs::weakly_canonical(project / "site");
  server.Get("/__gpress/version", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::to_string(version.load()), "text/plain");
  });
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    std::string rel = req.path.substr(1);
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    if (!is_safe_relative_path(rel)) {
      res.status = 400;
      return;
    }
    fs::path file = site / rel;
    if (fs::is_directory(file)) file /= "index.html";
    if (!fs::is_regular_file(file)) {
      res.status = 404;
      file = site / "404.html";
      if (!fs::exists(file)) return;
    }
    std::string body = read_file(file);
    if (file.extension() == ".html") {
      const auto pos = body.rfind("</body>");
      body.insert(pos == std::string::npos ? body.size() : pos, reload_script(version.load()));
    }
    res.set_content(body, content_type(file));
  });

  std::atomic<bool> running{true};
  std::thread watcher([&] {
    // What changed since the last rebuild that succeeded: a failed one may
    // have stopped before reading them all. nullopt: not known, read all.
    std::optional<std::set<std::string>> pending = std::set<std::string>{};
    while (running) {
      auto changed = sources.wait(running);
      if (!running) break;
      const auto seen = std::chrono::steady_clock::now();
      if (pending && changed) pending->insert(changed->begin(), changed->end());
      else pending = std::nullopt;
      cache.known_changes = pending;
      if (rebuild(options, cache, index, false, built, seen)) {
        built = true;
        pending = std::set<std::string>{};
        ++version;
      }
    }
  });
  std::cerr << fmt::format("gpress: serving {} at http://127.0.0.1:{}/ (Ctrl-C to stop)\n", site.string(),
                           options.port);
  const bool ok = server.listen("127.0.0.1", options.port);
  running = false;
  watcher.join();
  if (!ok) {
    std::cerr << fmt::format("gpress: cannot listen on 127.0.0.1:{}\n", options.port);
    return 3;
  }
  return 0;
}

}  // namespace gpress
