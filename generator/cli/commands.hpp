// gpress's subcommands, as a table: each names itself, says in one line what
// it does, and declares its arguments, returning what runs it once they are
// parsed. main.cpp adds them in this order, so `gpress --help` lists them so.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace gpress::cli {

/// What several subcommands share, filled in by the parser.
struct Common {
  std::string project = ".";
  bool quiet = false;
  bool allow_project_tools = false;
};

/// Runs a parsed subcommand; returns its exit code.
using Run = std::function<int()>;

struct Subcommand {
  std::string name;
  std::string help;  ///< one line, for `gpress --help`
  /// Declares the subcommand's arguments on `cmd`, bound to what the returned
  /// Run reads.
  std::function<Run(CLI::App& cmd, Common& common)> define;
};

const std::vector<Subcommand>& subcommands();

/// "unknown product 'pakcs' (did you mean 'packs'?)", or the list of `names`
/// when nothing is close.
std::string unknown_name(const std::string& what, const std::string& given, const std::vector<std::string>& names);

}  // namespace gpress::cli
