// `gpress serve`: builds the toolkit, serves site/ on 127.0.0.1 and rebuilds
// when an input changes; open pages reload themselves after a rebuild.
#pragma once

#include <filesystem>

namespace gpress {

struct ServeOptions {
  std::filesystem::path project = ".";
  int port = 8080;
  bool allow_project_tools = false;  ///< as BuildOptions::allow_project_tools
};

/// Runs until interrupted; returns the process exit code.
int serve(const ServeOptions& options);

}  // namespace gpress
