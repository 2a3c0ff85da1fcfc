// gpress: the command line. Parses arguments, runs the subcommand asked for
// (cli/commands.cpp), prints problems as `path:line:col: error: message`, and
// maps failures to the exit codes in design.md (0 ok, 1 invalid input,
// 2 usage, 3 internal).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"

namespace {

using gpress::ExitCode;

int code(ExitCode c) { return static_cast<int>(c); }

// CLI11 reads a mistyped subcommand as a stray argument ("A subcommand is
// required"); name the command meant instead.
std::optional<std::string> unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  const std::string given = argv[1];
  if (std::find(names.begin(), names.end(), given) != names.end()) return std::nullopt;
  return "gpress: " + gpress::cli::unknown_name("command", given, names) +
         "\nRun `gpress --help` for the commands and examples.";
}

// Runs `run`, turning what it throws into messages and exit codes.
int run_reporting(const gpress::cli::Run& run) {
  try {
    return run();
  } catch (const gpress::InputError& e) {
    for (const auto& d : e.diagnostics().sorted()) std::cerr << d.str() << '\n';
    const auto n = e.diagnostics().error_count();
    std::cerr << fmt::format("gpress: {} error{}; nothing was written\n", n, n == 1 ? "" : "s");
    return code(ExitCode::kInvalidInput);
  } catch (const std::exception& e) {  // gpress::InternalError and anything else
    std::cerr << "gpress: internal error: " << e.what() << '\n';
    return code(ExitCode::kInternal);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "gpress: builds a General Practice Resilience Programme's toolkit site, data packs, options "
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
  gpress::cli::Common common;
  app.add_flag("-q,--quiet", common.quiet, "print nothing but problems");

  std::vector<std::pair<const CLI::App*, gpress::cli::Run>> runs;
  for (const auto& sub : gpress::cli::subcommands()) {
    CLI::App* cmd = app.add_subcommand(sub.name, sub.help);
    runs.emplace_back(cmd, sub.define(*cmd, common));
  }

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
    common.allow_project_tools = true;

  for (const auto& [cmd, run] : runs)
    if (*cmd) return run_reporting(run);
  return code(ExitCode::kOk);
}
