// gpress: the command line. Parses arguments, calls the library, prints
// problems as `path:line:col: error: message`, and maps failures to the exit
// codes in design.md (0 ok, 1 invalid input, 2 usage, 3 internal).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <iostream>
#include <optional>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "assemble/thematic_input.hpp"  // parse_quarter: --quarter is checked before any loading
#include "build.hpp"
#include "core/error.hpp"
#include "core/project_lock.hpp"
#include "core/text.hpp"
#include "import/import.hpp"
#include "init_project.hpp"
#include "new_page.hpp"
#include "serve.hpp"

namespace {

using gpress::ExitCode;

int code(ExitCode c) { return static_cast<int>(c); }

void print_diagnostics(const gpress::Diagnostics& diags) {
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
gpress::ProgressFn progress_meter(bool quiet) {
  if (!show_progress(quiet)) return nullptr;
  return [](const std::string& what, std::size_t done, std::size_t total) {
    std::cerr << fmt::format("\r\033[Kgpress: {} {}/{}", what, done, total) << std::flush;
  };
}

void end_progress_line(bool quiet) {
  if (show_progress(quiet)) std::cerr << "\r\033[K" << std::flush;
}

// "unknown product 'pakcs' (did you mean 'packs'?)", or the list when
// nothing is close.
std::string unknown_name(const std::string& what, const std::string& given, const std::vector<std::string>& names) {
  const std::string msg = fmt::format("unknown {} '{}'", what, given);
  if (auto m = gpress::closest_match(given, names)) return msg + fmt::format(" (did you mean '{}'?)", *m);
  return msg + ": expected one of " + gpress::join(names, ", ");
}

// Accepts one of `names`, answering a near miss with the likely one.
CLI::Validator one_of(std::vector<std::string> names, std::string what) {
  const std::string expected = gpress::join(names, " | ");
  return CLI::Validator(
      [names = std::move(names), what = std::move(what)](std::string& value) -> std::string {
        if (std::find(names.begin(), names.end(), value) != names.end()) return {};
        return unknown_name(what, value, names);
      },
      expected);
}

// CLI11 reads a mistyped subcommand as a stray argument ("A subcommand is
// required"); name the command meant instead.
std::optional<std::string> unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  const std::string given = argv[1];
  if (std::find(names.begin(), names.end(), given) != names.end()) return std::nullopt;
  return "gpress: " + unknown_name("command", given, names) + "\nRun `gpress --help` for the commands and examples.";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gpress: builds a General Practice Resilience Programme's toolkit site, data packs, options "
               "reports and thematic highlight reports from one project folder.",
               "gpress"};
  app.footer(
      "Examples:\n"
      "  gpress init my-programme          start a new project\n"
      "  cd my-programme && gpress build   build everything the project has data for\n"
      "  gpress serve                      preview the toolkit at http://127.0.0.1:8080/\n"
      "  gpress build --help               what one command does, with examples\n"
      "\nExit codes: 0 success, 1 invalid input (nothing written), 2 usage error, 3 internal or disk failure.\n");
  app.set_version_flag("--version", std::string("gpress ") + GPRESS_VERSION);
  app.require_subcommand(1);
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "print nothing but problems");

  gpress::BuildOptions build_opts;
  std::string project = ".";
  auto* build_cmd = app.add_subcommand("build", "build products (none named = all four)");
  build_cmd->add_option("what", build_opts.what, "toolkit | packs | options | thematic")
      ->check(one_of(gpress::product_names(), "product"));
  build_cmd->add_option("--project", project, "project folder (default: current folder)");
  build_cmd->add_option("--quarter", build_opts.quarter, "quarter YYYY-Qn (default: the latest in the data)")
      ->check(CLI::Validator(
          [](std::string& q) { return gpress::parse_quarter(q) ? std::string() : gpress::bad_quarter_message(q); },
          "YYYY-Qn"));
  build_cmd->add_option("--audience", build_opts.audience,
                        "thematic report for: local-office | wider (default: both, as separate files)")
      ->check(CLI::IsMember({"local-office", "wider"}));
  build_cmd->add_option("--practice", build_opts.practices, "build only these practices (ODS code; repeatable)");
  build_cmd->add_option("--jobs,-j", build_opts.jobs, "worker threads (default: all cores)");
  build_cmd->add_flag("--pdf", build_opts.pdf,
                      "also print each data pack and options report to PDF (needs Chromium; or [pdf] enabled)");
  build_cmd->add_flag("-q,--quiet", quiet, "print nothing but problems");
  bool allow_project_tools = false;
  build_cmd->add_flag("--allow-project-tools", allow_project_tools,
                      "run programs the project names ([search] pagefind, its node_modules/.bin) instead of "
                      "gpress's own (also GPRESS_ALLOW_PROJECT_TOOLS=1)");
  build_cmd->footer(
      "Examples:\n"
      "  gpress build                          everything the project has data for\n"
      "  gpress build toolkit                  the public site only, into site/\n"
      "  gpress build packs options --practice A81001\n"
      "                                        one practice's data pack and options report\n"
      "  gpress build thematic --quarter 2026-Q1 --audience wider\n"
      "                                        the thematic report shared beyond the local office\n"
      "  gpress build packs options --pdf      data-pack.pdf and options-report.pdf for every practice\n");

  auto* check_cmd = app.add_subcommand("check", "validate every input and report every problem; build nothing");
  check_cmd->add_option("--project", project, "project folder (default: current folder)");
  check_cmd->footer(
      "Examples:\n"
      "  gpress check                          every problem in this project, as path:line:col: error: ...\n"
      "  gpress check --project ../programme   another project\n");

  gpress::ServeOptions serve_opts;
  auto* serve_cmd = app.add_subcommand("serve", "build the toolkit, serve it on 127.0.0.1, rebuild on change");
  serve_cmd->add_option("--project", project, "project folder (default: current folder)");
  serve_cmd->add_option("--port", serve_opts.port, "port, 1-65535 (default 8080)")->check(CLI::Range(1, 65535));
  serve_cmd->add_flag("--allow-project-tools", allow_project_tools, "as for build");
  serve_cmd->footer(
      "Examples:\n"
      "  gpress serve                          then open http://127.0.0.1:8080/; saved edits reload the page\n"
      "  gpress serve --port 9000\n");

  gpress::NewPageOptions new_opts;
  auto* new_cmd = app.add_subcommand("new", "scaffold a content file");
  new_cmd->add_option("type", new_opts.type, "report | point-of-view | tool | case-study | page")->required();
  new_cmd->add_option("title", new_opts.title, "the title, in quotes")->required();
  new_cmd->add_option("--theme", new_opts.theme, "theme slug from data/themes.yaml");
  new_cmd->add_option("--project", project, "project folder (default: current folder)");
  new_cmd->footer(
      "Examples:\n"
      "  gpress new case-study \"Sunderland GP Alliance\" --theme workforce-and-wellbeing\n"
      "  gpress new tool \"Demand and capacity audit\" --theme organisational-capabilities\n"
      "  gpress new page \"Contact us\"\n");

  gpress::InitOptions init_opts;
  auto* init_cmd = app.add_subcommand("init", "write a new, buildable project (settings, themes, example content)");
  init_cmd->add_option("dir", init_opts.dir, "the folder to write, created if missing (default: current folder)");
  init_cmd->add_flag("--force", init_opts.force,
                     "write into a folder that is not empty, keeping every file already there");
  init_cmd->footer(
      "Examples:\n"
      "  gpress init my-programme && cd my-programme && gpress build\n"
      "  gpress init --force                   add the starter files to the current folder\n"
      "Then import practice data: data/README.md in the new project lists the commands.\n");

  gpress::ImportOptions import_opts;
  auto* import_cmd = app.add_subcommand("import", "turn an NHS publication, as downloaded, into data/*.csv");
  import_cmd->add_option("source", import_opts.source, gpress::join(gpress::import_sources(), " | "))
      ->required()
      ->check(one_of(gpress::import_sources(), "source"));
  import_cmd->add_option("files", import_opts.files, "the downloaded files")->required()->check(CLI::ExistingFile);
  import_cmd->add_option("--project", project, "project folder (default: current folder)");
  import_cmd->add_option("--icb", import_opts.icbs, "keep only practices of these ICB codes (repeatable)");
  import_cmd->add_option("--period", import_opts.period, "the period the file covers, where it does not say");
  import_cmd->add_flag("--force", import_opts.force,
                       "import even when it would keep no row, or drop more than 5% of the practice rows");
  import_cmd->add_option("--max-unzipped-mb", import_opts.max_unzipped_mb,
                         "what reading one .xlsx workbook may unzip, in MB (default 256)")
      ->check(CLI::Range(1, 65536));
  import_cmd->footer(
      "Examples:\n"
      "  gpress import epraccur epraccur.csv --icb QMJ     the practice register: import it first\n"
      "  gpress import qof QOF_2021-22.csv QOF_2022-23.csv --icb QMJ\n"
      "  gpress import gpps gps_london.csv --icb QMJ --period 2024-25\n");

  if (auto typo = unknown_subcommand(app, argc, argv)) {
    std::cerr << *typo << '\n';
    return code(ExitCode::kUsage);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : code(ExitCode::kUsage);
  }

  // The user's own setting, outside any project, like the flag.
  if (const char* allow = std::getenv("GPRESS_ALLOW_PROJECT_TOOLS"); allow && std::string_view(allow) == "1")
    allow_project_tools = true;

  try {
    if (*build_cmd || *check_cmd) {
      build_opts.project = project;
      build_opts.allow_project_tools = allow_project_tools;
      build_opts.check_only = bool(*check_cmd);
      build_opts.log = stage_logger(quiet);
      build_opts.progress = progress_meter(quiet);
      const gpress::BuildReport report = [&] {
        struct Clear {
          bool quiet;
          ~Clear() { end_progress_line(quiet); }
        } clear{quiet};
        return gpress::build(build_opts);
      }();
      // The process ends next: what the build read is left for the operating
      // system to reclaim at once rather than freed piece by piece (held
      // from a static, so leak checkers see it as still reachable).
      static const auto* left_at_exit = new std::shared_ptr<const void>(report.working_set);
      (void)left_at_exit;
      print_diagnostics(report.warnings);
      if (!quiet) {
        if (build_opts.check_only) std::cout << "gpress: no problems found\n";
        else std::cout << "gpress: " << report.summary() << '\n';
      }
    } else if (*serve_cmd) {
      serve_opts.project = project;
      serve_opts.allow_project_tools = allow_project_tools;
      return gpress::serve(serve_opts);
    } else if (*new_cmd) {
      new_opts.project = project;
      new_opts.date = today();
      const std::string path = gpress::new_page(new_opts);
      if (!quiet) std::cout << "gpress: wrote " << path << '\n';
    } else if (*init_cmd) {
      const gpress::InitResult result = gpress::init_project(init_opts);
      if (!quiet) {
        std::cout << fmt::format("gpress: wrote a new project in {} ({} files", init_opts.dir.string(),
                                 result.written.size());
        if (!result.kept.empty()) std::cout << fmt::format("; kept {} already there", result.kept.size());
        std::cout << fmt::format(")\nNext: cd {} && gpress build; then import practice data (data/README.md)\n",
                                 init_opts.dir.string());
      }
    } else if (*import_cmd) {
      import_opts.project = project;
      const gpress::ProjectLock lock(project);  // data/ is what builds read
      const gpress::ImportResult result = gpress::run_import(import_opts);
      if (!quiet) std::cout << "gpress: " << result.summary << '\n';
    }
  } catch (const gpress::InputError& e) {
    print_diagnostics(e.diagnostics());
    const auto n = e.diagnostics().error_count();
    std::cerr << fmt::format("gpress: {} error{}; nothing was written\n", n, n == 1 ? "" : "s");
    return code(ExitCode::kInvalidInput);
  } catch (const gpress::InternalError& e) {
    std::cerr << "gpress: internal error: " << e.what() << '\n';
    return code(ExitCode::kInternal);
  } catch (const std::exception& e) {
    std::cerr << "gpress: internal error: " << e.what() << '\n';
    return code(ExitCode::kInternal);
  }
  return code(ExitCode::kOk);
}
