#include "render/pdf.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

extern char** environ;

namespace gpress {
namespace {

// A scratch folder per print, removed when done: Chromium needs the page as
// a file and a profile folder of its own to run several at once.
class Scratch {
 public:
  Scratch() {
    static std::atomic<unsigned> counter{0};
    path_ = fs::temp_directory_path() / fmt::format("gpress-pdf-{}-{}", ::getpid(), counter++);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

int run_quietly(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Skia writes the time of printing as /CreationDate and /ModDate; the same
// number of bytes in their place keeps every offset in the file right.
void fix_dates(std::string& pdf) {
  for (const std::string_view key : {"/CreationDate (D:", "/ModDate (D:"}) {
    const auto at = pdf.find(key);
    if (at != std::string::npos && at + key.size() + 14 <= pdf.size())
      pdf.replace(at + key.size(), 14, "20000101000000");
  }
}

}  // namespace

std::optional<fs::path> find_pdf_browser(const std::string& configured) {
  if (!configured.empty()) return fs::exists(configured) ? std::optional(fs::path(configured)) : std::nullopt;
  if (const char* path = std::getenv("PATH")) {
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
      for (const auto& dir : split(path, ':'))
        // Absolute folders only: a relative one could be the project's.
        if (!dir.empty() && dir.front() == '/' && ::access((fs::path(dir) / name).c_str(), X_OK) == 0)
          return fs::path(dir) / name;
  }
  return std::nullopt;
}

std::string css_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ') out += c;
    else out += fmt::format("\\{:x} ", u);  // the space ends the escape and is not shown
  }
  return out + "\"";
}

std::string print_pdf(const fs::path& browser, std::string_view html, std::string_view css, const std::string& footer) {
  const std::string style = fmt::format(
      "<style media=\"print\">{}\n@page {{\n"
      "  @bottom-left {{ content: {}; font: 8pt Arial, sans-serif; color: #4c6272; }}\n"
      "  @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt Arial, sans-serif; "
      "color: #4c6272; }}\n}}\n</style>\n",
      css, css_string(footer));
  std::string page(html);
  const auto head_end = page.find("</head>");
  page.insert(head_end == std::string::npos ? 0 : head_end, style);

  Scratch scratch;
  const fs::path input = scratch.path() / "page.html";
  const fs::path output = scratch.path() / "page.pdf";
  write_file_atomic(input, page);
  std::vector<std::string> args = {browser.string(),
                                   "--headless",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--no-pdf-header-footer",
                                   "--user-data-dir=" + (scratch.path() / "profile").string(),
                                   "--print-to-pdf=" + output.string()};
  // Chromium will not start as root with its sandbox (containers, CI).
  if (::geteuid() == 0) args.emplace_back("--no-sandbox");
  args.push_back("file://" + input.string());
  const int rc = run_quietly(args);
  if (rc != 0 || !fs::exists(output))
    throw InternalError(fmt::format("{} could not print a PDF (exit {})", browser.string(), rc));
  std::string pdf = read_file(output);
  fix_dates(pdf);
  return pdf;
}

}  // namespace gpress
