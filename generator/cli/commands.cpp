#include "cli/commands.hpp"

#include <unistd.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "assemble/thematic_input.hpp"  // parse_quarter: --quarter is checked before any loading
#include "build.hpp"
#include "core/error.hpp"
#include "core/project_lock.hpp"
#include "core/text.hpp"
#include "import/import.hpp"
#include "init_project.hpp"
#include "new_page.hpp"
#include "products/product.hpp"
#include "serve.hpp"

namespace gpress::cli {
namespace {

int code(ExitCode c) { return static_cast<int>(c); }

void print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags.sorted()) std::cerr << d.str() << '\n';
}

std::string today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Progress goes to a terminal only: piped output stays clean for scripts.
bool show_progress(bool quiet) { return !quiet && ::isatty(STDERR_FILENO); }

std::function<void(const std::string&)> stage_logger(bool quiet) {
  if (!show_progress(quiet)) return nullptr;
  return [](const std::string& line) { std::cerr << "\r\033[Kgpress: " << line << std::flush; };
}

// One line rewritten in place: "gpress: data packs 1200/6340".
ProgressFn progress_meter(bool quiet) {
  if (!show_progress(quiet)) return nullptr;
  return [](const std::string& what, std::size_t done, std::size_t total) {
    std::cerr << fmt::format("\r\033[Kgpress: {} {}/{}", what, done, total) << std::flush;
  };
}

void end_progress_line(bool quiet) {
  if (show_progress(quiet)) std::cerr << "\r\033[K" << std::flush;
}

// Accepts one of `names`, answering a near miss with the likely one.
CLI::Validator one_of(std::vector<std::string> names, std::string what) {
  const std::string expected = join(names, " | ");
  return CLI::Validator(
      [names = std::move(names), what = std::move(what)](std::string& value) -> std::string {
        if (std::find(names.begin(), names.end(), value) != names.end()) return {};
        return unknown_name(what, value, names);
      },
      expected);
}

// "four" for the help line "none named = all four".
std::string number_word(std::size_t n) {
  static constexpr std::array<const char*, 10> kWords = {"zero", "one", "two",   "three", "four",
                                                         "five", "six", "seven", "eight", "nine"};
  return n < kWords.size() ? kWords[n] : std::to_string(n);
}

// The products `build` can be asked for, each with what it writes.
std::string products_help() {
  std::size_t width = 0;
  for (const Product& p : products()) width = std::max(width, p.name.size());
  std::string out = "Products:\n";
  for (const Product& p : products()) out += fmt::format("  {:<{}}  {}\n", p.name, width, p.description);
  return out;
}

void add_project_option(CLI::App& cmd, Common& common) {
  cmd.add_option("--project", common.project, "project folder (default: current folder)");
}

// `build` and `check`: the build runs the same stages; check stops before
// writing.
int run_build(BuildOptions& opts, const Common& common, bool check_only) {
  opts.project = common.project;
  opts.allow_project_tools = common.allow_project_tools;
  opts.check_only = check_only;
  opts.log = stage_logger(common.quiet);
  opts.progress = progress_meter(common.quiet);
  const BuildReport report = [&] {
    struct Clear {
      bool quiet;
      ~Clear() { end_progress_line(quiet); }
    } clear{common.quiet};
    return build(opts);
  }();
  // The process ends next: what the build read is left for the operating
  // system to reclaim at once rather than freed piece by piece (held
  // from a static, so leak checkers see it as still reachable; volatile,
  // or the compiler drops the unread static and only the leak is left).
  static const std::shared_ptr<const void>* volatile left_at_exit = new std::shared_ptr<const void>(report.working_set);
  (void)left_at_exit;
  print_diagnostics(report.warnings);
  if (!common.quiet) {
    if (check_only) std::cout << "gpress: no problems found\n";
    else std::cout << "gpress: " << report.summary() << '\n';
  }
  return code(ExitCode::kOk);
}

Run define_build(CLI::App& cmd, Common& common) {
  auto opts = std::make_shared<BuildOptions>();
  cmd.add_option("what", opts->what, join(product_names(), " | "))->check(one_of(product_names(), "product"));
  add_project_option(cmd, common);
  cmd.add_option("--quarter", opts->quarter, "quarter YYYY-Qn (default: the latest in the data)")
      ->check(CLI::Validator([](std::string& q) { return parse_quarter(q) ? std::string() : bad_quarter_message(q); },
                             "YYYY-Qn"));
  cmd.add_option("--audience", opts->audience,
                 "thematic report for: local-office | wider (default: both, as separate files)")
      ->check(CLI::IsMember({"local-office", "wider"}));
  cmd.add_option("--practice", opts->practices, "build only these practices (ODS code; repeatable)");
  cmd.add_option("--jobs,-j", opts->jobs, "worker threads (default: all cores)");
  cmd.add_flag("--pdf", opts->pdf,
               "also print each data pack and options report to PDF (needs Chromium; or [pdf] enabled)");
  cmd.add_flag("-q,--quiet", common.quiet, "print nothing but problems");
  cmd.add_flag("--allow-project-tools", common.allow_project_tools,
               "run programs the project names ([search] pagefind, its node_modules/.bin) instead of "
               "gpress's own (also GPRESS_ALLOW_PROJECT_TOOLS=1)");
  cmd.footer(products_help() +
             "\nExamples:\n"
             "  gpress build                          everything the project has data for\n"
             "  gpress build toolkit                  the public site only, into site/\n"
             "  gpress build packs options --practice A81001\n"
             "                                        one practice's data pack and options report\n"
             "  gpress build thematic --quarter 2026-Q1 --audience wider\n"
             "                                        the thematic report shared beyond the local office\n"
             "  gpress build packs options --pdf      data-pack.pdf and options-report.pdf for every practice\n");
  return [opts, &common] { return run_build(*opts, common, false); };
}

Run define_check(CLI::App& cmd, Common& common) {
  add_project_option(cmd, common);
  cmd.footer(
      "Examples:\n"
      "  gpress check                          every problem in this project, as path:line:col: error: ...\n"
      "  gpress check --project ../programme   another project\n");
  return [&common] {
    BuildOptions opts;
    return run_build(opts, common, true);
  };
}

Run define_serve(CLI::App& cmd, Common& common) {
  auto opts = std::make_shared<ServeOptions>();
  add_project_option(cmd, common);
  cmd.add_option("--port", opts->port, "port, 1-65535 (default 8080)")->check(CLI::Range(1, 65535));
  cmd.add_flag("--allow-project-tools", common.allow_project_tools, "as for build");
  cmd.footer(
      "Examples:\n"
      "  gpress serve                          then open http://127.0.0.1:8080/; saved edits reload the page\n"
      "  gpress serve --port 9000\n");
  return [opts, &common] {
    opts->project = common.project;
    opts->allow_project_tools = common.allow_project_tools;
    return serve(*opts);
  };
}

Run define_new(CLI::App& cmd, Common& common) {
  auto opts = std::make_shared<NewPageOptions>();
  cmd.add_option("type", opts->type, "report | point-of-view | tool | case-study | page")->required();
  cmd.add_option("title", opts->title, "the title, in quotes")->required();
  cmd.add_option("--theme", opts->theme, "theme slug from data/themes.yaml");
  add_project_option(cmd, common);
  cmd.footer(
      "Examples:\n"
      "  gpress new case-study \"Sunderland GP Alliance\" --theme workforce-and-wellbeing\n"
      "  gpress new tool \"Demand and capacity audit\" --theme organisational-capabilities\n"
      "  gpress new page \"Contact us\"\n");
  return [opts, &common] {
    opts->project = common.project;
    opts->date = today();
    const std::string path = new_page(*opts);
    if (!common.quiet) std::cout << "gpress: wrote " << path << '\n';
    return code(ExitCode::kOk);
  };
}

Run define_init(CLI::App& cmd, Common& common) {
  auto opts = std::make_shared<InitOptions>();
  cmd.add_option("dir", opts->dir, "the folder to write, created if missing (default: current folder)");
  cmd.add_flag("--force", opts->force, "write into a folder that is not empty, keeping every file already there");
  cmd.footer(
      "Examples:\n"
      "  gpress init my-programme && cd my-programme && gpress build\n"
      "  gpress init --force                   add the starter files to the current folder\n"
      "Then import practice data: data/README.md in the new project lists the commands.\n");
  return [opts, &common] {
    const InitResult result = init_project(*opts);
    if (!common.quiet) {
      std::cout << fmt::format("gpress: wrote a new project in {} ({} files", opts->dir.string(),
                               result.written.size());
      if (!result.kept.empty()) std::cout << fmt::format("; kept {} already there", result.kept.size());
      std::cout << fmt::format(")\nNext: cd {} && gpress build; then import practice data (data/README.md)\n",
                               opts->dir.string());
    }
    return code(ExitCode::kOk);
  };
}

Run define_import(CLI::App& cmd, Common& common) {
  auto opts = std::make_shared<ImportOptions>();
  cmd.add_option("source", opts->source, join(import_sources(), " | "))
      ->required()
      ->check(one_of(import_sources(), "source"));
  cmd.add_option("files", opts->files, "the downloaded files")->required()->check(CLI::ExistingFile);
  add_project_option(cmd, common);
  cmd.add_option("--icb", opts->icbs, "keep only practices of these ICB codes (repeatable)");
  cmd.add_option("--period", opts->period, "the period the file covers, where it does not say");
  cmd.add_flag("--force", opts->force,
               "import even when it would keep no row, or drop more than 5% of the practice rows");
  cmd.add_option("--max-unzipped-mb", opts->max_unzipped_mb,
                 "what reading one .xlsx workbook may unzip, in MB (default 256)")
      ->check(CLI::Range(1, 65536));
  cmd.footer(
      "Examples:\n"
      "  gpress import epraccur epraccur.csv --icb QMJ     the practice register: import it first\n"
      "  gpress import qof QOF_2021-22.csv QOF_2022-23.csv --icb QMJ\n"
      "  gpress import gpps gps_london.csv --icb QMJ --period 2024-25\n");
  return [opts, &common] {
    opts->project = common.project;
    const ProjectLock lock(common.project);  // data/ is what builds read
    const ImportResult result = run_import(*opts);
    if (!common.quiet) std::cout << "gpress: " << result.summary << '\n';
    return code(ExitCode::kOk);
  };
}

}  // namespace

std::string unknown_name(const std::string& what, const std::string& given, const std::vector<std::string>& names) {
  const std::string msg = fmt::format("unknown {} '{}'", what, given);
  if (auto m = closest_match(given, names)) return msg + fmt::format(" (did you mean '{}'?)", *m);
  return msg + ": expected one of " + join(names, ", ");
}

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> all = {
      {.name = "build",
       .help = fmt::format("build products (none named = all {})", number_word(products().size())),
       .define = define_build},
      {.name = "check", .help = "validate every input and report every problem; build nothing", .define = define_check},
      {.name = "serve", .help = "build the toolkit, serve it on 127.0.0.1, rebuild on change", .define = define_serve},
      {.name = "new", .help = "scaffold a content file", .define = define_new},
      {.name = "init",
       .help = "write a new, buildable project (settings, themes, example content)",
       .define = define_init},
      {.name = "import", .help = "turn an NHS publication, as downloaded, into data/*.csv", .define = define_import},
  };
  return all;
}

}  // namespace gpress::cli
