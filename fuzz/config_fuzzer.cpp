// gpress.toml on any bytes: every problem is a diagnostic, never a crash.
// load_config reads a file, so each input is written to one first.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = [] {
    const std::filesystem::path shm = "/dev/shm";
    const auto dir = std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
    return dir / ("gpress-config-fuzz-" + std::to_string(getpid()) + ".toml");
  }();
  if (std::FILE* f = std::fopen(file.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  gpress::Diagnostics diags;
  (void)gpress::load_config(file, "gpress.toml", diags);
  (void)diags.str();
  return 0;
}
