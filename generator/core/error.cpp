#include "core/error.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace gpress {

std::string SourceLoc::str() const {
  if (line == 0) return path;
  if (column == 0) return fmt::format("{}:{}", path, line);
  return fmt::format("{}:{}:{}", path, line, column);
}

namespace {

// A message quotes the input it is about, which may be hostile: control
// characters are shown, not sent to the terminal, and a huge quote is cut.
std::string printable(std::string_view message) {
  constexpr std::size_t kMaxBytes = 2000;
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const auto c = static_cast<unsigned char>(message[i]);
    if (out.size() >= kMaxBytes && (c & 0xC0) != 0x80) {
      out += " [...]";
      break;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string Diagnostic::str() const {
  const char* kind = severity == Severity::kError ? "error" : severity == Severity::kWarning ? "warning" : "note";
  if (loc.path.empty()) return fmt::format("{}: {}", kind, printable(message));  // about the command, not a file
  return fmt::format("{}: {}: {}", printable(loc.str()), kind, printable(message));
}

void Diagnostics::error(SourceLoc loc, std::string message) {
  add({std::move(loc), Severity::kError, std::move(message)});
}
void Diagnostics::warning(SourceLoc loc, std::string message) {
  add({std::move(loc), Severity::kWarning, std::move(message)});
}
void Diagnostics::note(SourceLoc loc, std::string message) {
  add({std::move(loc), Severity::kNote, std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::kError) ++errors_;
  list_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.list_) add(d);
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.path, a.loc.line, a.loc.column) < std::tie(b.loc.path, b.loc.line, b.loc.column);
  });
  // A partial checked in several templates reports the same problem once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.loc == b.loc && a.severity == b.severity && a.message == b.message;
                        }),
            out.end());
  return out;
}

std::string Diagnostics::str() const {
  std::string out;
  for (const auto& d : sorted()) {
    out += d.str();
    out += '\n';
  }
  return out;
}

namespace {
std::string first_message(const Diagnostics& d) {
  return d.all().empty() ? std::string("invalid input") : d.sorted().front().str();
}
Diagnostics single(SourceLoc loc, const std::string& message) {
  Diagnostics d;
  d.error(std::move(loc), message);
  return d;
}
}  // namespace

InputError::InputError(Diagnostics diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLoc loc, const std::string& message) : InputError(single(std::move(loc), message)) {}

SourceLoc locate(const std::string& path, const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {path, line, static_cast<std::uint32_t>(offset - line_start + 1)};
}

}  // namespace gpress
