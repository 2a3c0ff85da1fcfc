// What every workbook gpress writes shares: libxlsxwriter 1.1 writes only to a
// named file, while outputs go through the sink as bytes, so each workbook is
// made in a private temporary file that is read back and removed on every
// path out. Internal to xlsx/, the only folder that includes xlsxwriter.h.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>

#include <xlsxwriter.h>

namespace gpress::xlsx {

/// 1 January 2000, 00:00 UTC. Any fixed creation time makes identical inputs
/// give identical bytes; the clock would make every build differ.
inline constexpr std::time_t kFixedCreated = 946684800;

/// `text` cut to the 32,767 characters an Excel cell holds, at a character
/// boundary, with a note that it was cut. A national list of practice names
/// can be longer; the page keeps the full text.
std::string fit_cell(const std::string& text);

/// Throws InternalError "<file>: <what>: <libxlsxwriter's message>" unless ok.
void check(lxw_error err, const std::string& file, const char* what);

/// How many workbook parts libxlsxwriter has assembled in memory instead of
/// in temporary files, in this process (see workbook.cpp).
std::size_t parts_assembled_in_memory();

/// How many workbook parts gpress has deflated whole with libdeflate instead
/// of minizip deflating them with zlib, in this process (see workbook.cpp).
std::size_t parts_deflated_whole();

/// How many parts larger than a few megabytes gpress has deflated with zlib
/// as they came, instead of gathering them whole, in this process.
std::size_t parts_deflated_in_pieces();

class Workbook {
 public:
  /// `file` names the workbook in messages ("data-pack.xlsx").
  explicit Workbook(std::string file);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return wb_; }
  lxw_worksheet* sheet(const char* name);
  lxw_format* format();
  void check(lxw_error err, const char* what) const { xlsx::check(err, file_, what); }
  /// Finishes the workbook and returns its bytes.
  std::string close();

 private:
  std::string file_;
  std::filesystem::path path_;
  lxw_workbook* wb_ = nullptr;
};

}  // namespace gpress::xlsx
