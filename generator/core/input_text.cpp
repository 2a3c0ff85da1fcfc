#include "core/input_text.hpp"

#include <cmath>

#include <fmt/format.h>

namespace gpress {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it does not start
// one (overlong forms and surrogates are invalid).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned int cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1Fu, min = 0x80;
  else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0Fu, min = 0x800;
  else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07u, min = 0x10000;
  else return 0;
  if (text.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_control(unsigned char c) { return c < 0x20 && c != '\t' && c != '\r' && c != '\n'; }

// The usual name of a control character, for messages.
std::string control_name(unsigned char c) {
  static constexpr const char* kNames[32] = {
      "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",  "VT",  "FF", "CR", "SO", "SI",
      "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS", "GS", "RS", "US"};
  return fmt::format("U+{:04X} ({})", c, kNames[c]);
}

}  // namespace

std::string text_problem(std::string_view text, std::string_view what, std::size_t max_chars, std::size_t* offset) {
  const std::string name = what.empty() ? std::string("text") : fmt::format("'{}'", what);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++chars) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (offset) *offset = i;
    if (is_control(c))
      return fmt::format("control character {} in {} (no page, feed or workbook can hold it: remove it)",
                         control_name(c), name);
    const std::size_t len = sequence_length(text, i);
    if (len == 0) return fmt::format("byte 0x{:02X} in {} is not UTF-8 (save the file as UTF-8)", c, name);
    i += len;
  }
  if (offset) *offset = 0;
  if (chars > max_chars)
    return fmt::format("{} is {} characters long; a field holds at most {}", name, chars, max_chars);
  return {};
}

std::string repaired_text(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size() && chars < max_chars;) {
    const std::size_t len = sequence_length(text, i);
    if (len == 0 || is_control(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
    ++chars;
  }
  return out;
}

SourceLoc advance(SourceLoc start, std::string_view text, std::size_t offset) {
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++start.line;
      start.column = 1;
    } else if (start.column) {
      ++start.column;
    }
  }
  return start;
}

bool check_text(std::string_view text, const SourceLoc& loc, std::string_view what, Diagnostics& diags,
                std::size_t max_chars) {
  std::size_t offset = 0;
  std::string problem = text_problem(text, what, max_chars, &offset);
  if (problem.empty()) return true;
  diags.error(advance(loc, text, offset), std::move(problem));
  return false;
}

bool is_usable_number(double v) { return std::isfinite(v) && std::abs(v) <= kLargestNumber; }

bool is_web_address(std::string_view url) {
  std::string_view rest;
  if (url.substr(0, 8) == "https://") rest = url.substr(8);
  else if (url.substr(0, 7) == "http://") rest = url.substr(7);
  else return false;
  if (rest.empty() || rest.front() == '/') return false;  // no host
  for (char c : rest)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace gpress
