// `gpress import SOURCE FILE...`: turns an NHS publication, as downloaded, into
// the project's tidy data/*.csv files (design.md, "Data files").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gpress {

struct ImportOptions {
  std::filesystem::path project = ".";       ///< project folder (data/ is written inside it)
  std::string source;                        ///< epraccur, registrations, qof, ...
  std::vector<std::filesystem::path> files;  ///< the downloaded files
  std::vector<std::string> icbs;             ///< keep only practices of these ICB codes
  std::string period;                        ///< period the files cover, where the file does not say
  bool force = false;                        ///< import even when no row, or too many rows, would be kept
  std::size_t max_unzipped_mb = 256;         ///< what reading one .xlsx workbook may unzip, at most
};

struct ImportResult {
  std::string summary;  ///< one line for the terminal: what was imported where
};

/// The SOURCE names `gpress import` accepts, in the order `--help` lists them.
std::vector<std::string> import_sources();

/// Runs one import. Throws InputError carrying every problem found (each at
/// its file:line:col) and writes nothing in that case.
ImportResult run_import(const ImportOptions& options);

}  // namespace gpress
