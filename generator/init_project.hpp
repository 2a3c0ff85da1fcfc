// `gpress init [DIR]`: writes a new project that builds at once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gpress {

struct InitOptions {
  std::filesystem::path dir = ".";  ///< created when missing
  /// Write into a folder that already holds files; files already there are
  /// kept, never overwritten.
  bool force = false;
};

struct InitResult {
  std::vector<std::string> written;  ///< paths relative to dir, sorted
  std::vector<std::string> kept;     ///< starter files not written because the file was there
};

/// Writes the starter project compiled into gpress (starter/ in the source
/// tree, the sample's data/themes.yaml and accessibility statement) and a
/// content folder per theme.
/// Throws InputError when dir holds anything but dot-files and force is off.
InitResult init_project(const InitOptions& options);

}  // namespace gpress
