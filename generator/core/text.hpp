// Small text utilities shared by every stage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpress {

/// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

/// `v` with `decimals` digits after the point (0 to 17), exactly as
/// fmt::format("{:.Nf}", v) writes it: the nearest, ties to even on the
/// exact binary value, "-0.0" kept. Appended to `out`.
void append_fixed(std::string& out, double v, int decimals);
std::string format_fixed(double v, int decimals);

/// Lower-case ASCII letters and digits joined by single hyphens, e.g.
/// "Workforce & Wellbeing" -> "workforce-wellbeing". Never empty: a text with
/// no letters or digits gives "-".
std::string slugify(std::string_view text);

/// True for a slug as gpress writes them: [a-z0-9]+ joined by single hyphens.
bool is_slug(std::string_view text);

/// A calendar date in ISO form YYYY-MM-DD that exists (leap years included).
bool is_iso_date(std::string_view text);

/// Leading and trailing ASCII whitespace removed.
std::string_view trim(std::string_view text);

/// Equal without regard to the case of ASCII letters ("Leadership", "leadership").
bool equals_ignoring_case(std::string_view a, std::string_view b);

std::vector<std::string> split(std::string_view text, char sep);

/// The closest of `candidates` to `word` by edit distance, if close enough to
/// be a likely typo ("did you mean ...?"). Names longer than 64 characters
/// get no suggestion (the distance takes time in the product of the lengths).
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// `text` as quoted in a message: at most `max` bytes (cut at a character
/// boundary), "..." marking a cut.
std::string shorten(std::string_view text, std::size_t max = 60);

/// ", "-joined list in the given order.
std::string join(const std::vector<std::string>& parts, std::string_view sep = ", ");

}  // namespace gpress
