// The checks every text and web address read from a project goes through,
// whichever file it comes from (CSV, front matter, themes.yaml, gpress.toml):
// one rule for what text gpress accepts, one for which links it will publish.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace gpress {

/// The most characters one field of a project's input may hold (a name, a
/// title, a summary, a note, a CSV cell): far beyond any real one, and below
/// what a workbook cell takes (32,767), so an over-long field is reported at
/// its place instead of failing a workbook late. Markdown bodies have no limit.
inline constexpr std::size_t kMaxFieldChars = 5000;

/// What is wrong with `text` as a field of input, or "" when nothing: a byte
/// that is not UTF-8, a control character (C0 other than tab, CR and LF),
/// which no page, feed or workbook can hold, or more than `max_chars`
/// characters. `what` names the field in the message ("" for "text").
/// `offset`, when given, receives the bad byte's offset (0 for a text that is
/// too long).
std::string text_problem(std::string_view text, std::string_view what = {}, std::size_t max_chars = kMaxFieldChars,
                         std::size_t* offset = nullptr);

/// `text` with what text_problem refuses taken out: control characters and
/// bytes that are not UTF-8 dropped, and cut to `max_chars` characters. After
/// a problem is reported, readers go on with this, so one bad field gives one
/// error rather than more about the same text.
std::string repaired_text(std::string_view text, std::size_t max_chars = kMaxFieldChars);

/// `start` (the place of text[0]) moved to text[offset], counting lines and
/// byte columns as the readers do.
SourceLoc advance(SourceLoc start, std::string_view text, std::size_t offset);

/// Checks `text` (a field read at `loc`) and reports its problem there, at
/// the bad character; `what` names the field ("name"). True when it is fine.
bool check_text(std::string_view text, const SourceLoc& loc, std::string_view what, Diagnostics& diags,
                std::size_t max_chars = kMaxFieldChars);

/// The largest size a number in a project's input may have (values,
/// numerators, denominators, thresholds, trigger bounds): beyond any count,
/// rate or sum of money in the data, yet small enough that sums over every
/// practice in England stay finite and exact, and that a chart's scale can be
/// worked out. Non-finite numbers (inf, nan) are never accepted.
inline constexpr double kLargestNumber = 1e15;
inline constexpr const char* kLargestNumberText = "1e15";  ///< as messages write it

/// True for a finite number no larger in size than kLargestNumber.
bool is_usable_number(double v);

/// True for a web address gpress will put in a link: `https://` or `http://`
/// followed by a host, with no space or control character. Every URL from
/// input goes through this one check; anything else (`javascript:`, `data:`,
/// a relative path) is refused at its place.
bool is_web_address(std::string_view url);

}  // namespace gpress
