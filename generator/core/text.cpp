#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace gpress {

namespace {

// Correctly rounds x = v * 10^decimals to an integer when that is cheap to do
// exactly: p = v * 10^decimals rounded, e = the exact error of that product
// (fma), so x = p + e. Below 2^52, p - nearest(p) is exact and at most a half,
// and e is under half of p's spacing, so only an exact half needs e's sign
// to decide, and e = 0 there is a true tie, which goes to even as fmt's does.
bool round_scaled(double v, int decimals, std::int64_t& n) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (decimals < 0 || decimals > 9) return false;
  const double scale = kPow10[decimals];
  const double p = v * scale;
  if (!(std::fabs(p) < 4503599627370496.0)) return false;  // 2^52
  const double e = std::fma(v, scale, -p);
  const double r = std::nearbyint(p);  // ties to even in the default rounding mode
  const double d = p - r;              // exact
  double k = r;
  if (d == 0.5 || d == -0.5) {
    if (e > 0) k = d > 0 ? r + 1 : r;
    else if (e < 0) k = d > 0 ? r : r - 1;
    // e == 0: a true tie, and nearbyint already chose the even one
  }
  n = static_cast<std::int64_t>(k);
  return true;
}

}  // namespace

// The same digits as fmt's "{:.Nf}", which rounds the exact binary value to
// nearest, ties to even: most values go through one exactly rounded product
// and integer digits, the rest through std::to_chars, which is exact too. Pages
// show hundreds of figures each, so this is worth not formatting in general.
void append_fixed(std::string& out, double v, int decimals) {
  std::int64_t n = 0;
  if (std::isfinite(v) && round_scaled(v, decimals, n)) {
    char digits[24];
    std::uint64_t u = n < 0 ? static_cast<std::uint64_t>(-(n + 1)) + 1 : static_cast<std::uint64_t>(n);
    int len = 0;
    do {
      digits[len++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    while (len <= decimals) digits[len++] = '0';  // a leading zero before the point
    if (std::signbit(v)) out += '-';
    for (int i = len; i > 0; --i) {
      if (i == decimals) out += '.';
      out += digits[i - 1];
    }
    return;
  }
  if (!std::isfinite(v)) {
    out += fmt::format("{:.{}f}", v, decimals);
    return;
  }
  char buf[400];  // the largest double in fixed notation with 17 decimals fits
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (r.ec != std::errc()) out += fmt::format("{:.{}f}", v, decimals);
  else out.append(buf, r.ptr);
}

std::string format_fixed(double v, int decimals) {
  std::string out;
  append_fixed(out, v, decimals);
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t from = 0;  // text up to here is in out; runs without markup are copied whole
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(text.substr(from, i - from)).append(entity);
    from = i + 1;
  }
  return out.append(text.substr(from));
}

namespace {
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string slugify(std::string_view text) {
  std::string out;
  bool pending_hyphen = false;
  for (char c : text) {
    if (is_alnum(c)) {
      if (pending_hyphen && !out.empty()) out += '-';
      pending_hyphen = false;
      out += lower(c);
    } else if (c != '\'') {  // "GP's" -> "gps", not "gp-s"
      pending_hyphen = true;
    }
  }
  return out.empty() ? "-" : out;
}

bool is_slug(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  char prev = 0;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (t[i] < '0' || t[i] > '9') return false;
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max = kDays[m - 1] + ((m == 2 && leap) ? 1 : 0);
  return d <= max;
}

std::string_view trim(std::string_view text) {
  const auto* ws = " \t\r\n\f\v";
  const auto b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto pos = text.find(sep, start);
    out.emplace_back(text.substr(start, pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

namespace {
// Optimal string alignment distance: insertions, deletions, substitutions and
// swaps of neighbours each cost one, so "titel" is one edit from "title".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}
}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  if (word.size() > 64) return best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length.
    if (c.size() >= word.size() + best_distance || word.size() >= c.size() + best_distance) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string shorten(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return std::string(text.substr(0, cut)) + "...";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace gpress
