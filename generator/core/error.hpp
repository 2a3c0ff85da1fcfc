// Errors that point at the input.
//
// Every problem with a user's project is a Diagnostic carrying the place it was
// found (path, line, column) and is printed as `path:line:col: error: message`,
// the form compilers use so editors can jump to it. Loaders collect diagnostics
// into a Diagnostics list instead of stopping at the first, so one run reports
// every problem; the pipeline stops before writing when the list is not empty.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace gpress {

/// Exit codes of the command line (design.md).
enum class ExitCode : int { kOk = 0, kInvalidInput = 1, kUsage = 2, kInternal = 3 };

/// A place in an input file. line and column are 1-based; 0 means unknown.
struct SourceLoc {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// `path`, `path:line` or `path:line:col`, whichever is known.
  std::string str() const;
  friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  SourceLoc loc;
  Severity severity = Severity::kError;
  std::string message;

  /// `path:line:col: error: message`
  std::string str() const;
};

/// Collects every problem found in one run, in the order found; `sorted()`
/// gives them by file, then line, then column for printing.
class Diagnostics {
 public:
  void error(SourceLoc loc, std::string message);
  void warning(SourceLoc loc, std::string message);
  void note(SourceLoc loc, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return list_; }
  std::vector<Diagnostic> sorted() const;  ///< by place, exact repeats dropped
  /// Every diagnostic, sorted, one per line; exact repeats are dropped.
  std::string str() const;

 private:
  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
};

/// Thrown where going on would make nonsense (an unreadable file, a bad
/// argument); carries the diagnostics found so far.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics diagnostics);
  InputError(SourceLoc loc, const std::string& message);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// Thrown for failures that are not the input's fault: a disk that will not
/// take a write, an external tool that crashed. Exit code 3.
class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Line and column (1-based, column in bytes) of `offset` inside `text`.
SourceLoc locate(const std::string& path, const std::string& text, std::size_t offset);

}  // namespace gpress
