// gpress: the command line. Parses arguments, calls the library, prints
// problems as `path:line:col: error: message`, and maps failures to the exit
// codes in design.md (0 ok, 1 invalid input, 2 usage, 3 internal).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "assemble/thematic_input.hpp"  // parse_quarter: --quarter is checked before any loading
#include "build.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "import/import.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gpress: builds a General Practice Resilience Programme's toolkit site, data packs, options "
               "reports and thematic highlight reports from one project folder."};
  app.set_version_flag("--version", std::string("gpress ") + GPRESS_VERSION);
  app.require_subcommand(1);
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "print nothing but problems");

  gpress::BuildOptions build_opts;
  std::string project = ".";
  auto* build_cmd = app.add_subcommand("build", "build products (none named = all four)");
  build_cmd->add_option("what", build_opts.what, "toolkit | packs | options | thematic")
      ->check(CLI::IsMember(gpress::product_names()));
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
  build_cmd->add_flag("-q,--quiet", quiet, "print nothing but problems");

  auto* check_cmd = app.add_subcommand("check", "validate every input and report every problem; build nothing");
  check_cmd->add_option("--project", project, "project folder (default: current folder)");

  gpress::ServeOptions serve_opts;
  auto* serve_cmd = app.add_subcommand("serve", "build the toolkit, serve it on 127.0.0.1, rebuild on change");
  serve_cmd->add_option("--project", project, "project folder (default: current folder)");
  serve_cmd->add_option("--port", serve_opts.port, "port (default 8080)");

  gpress::NewPageOptions new_opts;
  auto* new_cmd = app.add_subcommand("new", "scaffold a content file");
  new_cmd->add_option("type", new_opts.type, "report | point-of-view | tool | case-study | page")->required();
  new_cmd->add_option("title", new_opts.title, "the title, in quotes")->required();
  new_cmd->add_option("--theme", new_opts.theme, "theme slug from data/themes.yaml");
  new_cmd->add_option("--project", project, "project folder (default: current folder)");

  gpress::ImportOptions import_opts;
  auto* import_cmd = app.add_subcommand("import", "turn an NHS publication, as downloaded, into data/*.csv");
  import_cmd->add_option("source", import_opts.source, gpress::join(gpress::import_sources(), " | "))
      ->required()
      ->check(CLI::IsMember(gpress::import_sources()));
  import_cmd->add_option("files", import_opts.files, "the downloaded files")->required()->check(CLI::ExistingFile);
  import_cmd->add_option("--project", project, "project folder (default: current folder)");
  import_cmd->add_option("--icb", import_opts.icbs, "keep only practices of these ICB codes (repeatable)");
  import_cmd->add_option("--period", import_opts.period, "the period the file covers, where it does not say");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : code(ExitCode::kUsage);
  }

  try {
    if (*build_cmd || *check_cmd) {
      build_opts.project = project;
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
      return gpress::serve(serve_opts);
    } else if (*new_cmd) {
      new_opts.project = project;
      new_opts.date = today();
      const std::string path = gpress::new_page(new_opts);
      if (!quiet) std::cout << "gpress: wrote " << path << '\n';
    } else if (*import_cmd) {
      import_opts.project = project;
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
