#include "engine/dates.h"

#include <algorithm>
#include <array>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

// A date token found in a line.
struct DateToken {
  int year = 0;
  int month = 0;
  bool open = false;  // "present", "now", ...
  size_t begin = 0;
  size_t end = 0;
};

int MonthFromWord(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  char buf[3] = {AsciiLower(w[0]), AsciiLower(w[1]), AsciiLower(w[2])};
  std::string_view head(buf, 3);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (head == kMonths[i]) {
      // Accept "jan", "january", "sept", "sept." but not "mayor" / "marketing".
      static constexpr std::array<std::string_view, 12> kFull = {
          "january", "february", "march",     "april",   "may",      "june",
          "july",    "august",   "september", "october", "november", "december"};
      if (w.size() == 3) return static_cast<int>(i) + 1;
      if (w.size() > 9) return 0;
      char lower[9];
      for (size_t k = 0; k < w.size(); ++k) lower[k] = AsciiLower(w[k]);
      std::string_view l(lower, w.size());
      if (l == kFull[i] || (i == 8 && l == "sept")) return static_cast<int>(i) + 1;
      return 0;
    }
  }
  return 0;
}

bool IsOpenWord(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return false;
  char buf[9];
  for (size_t k = 0; k < w.size(); ++k) buf[k] = AsciiLower(w[k]);
  std::string_view lower(buf, w.size());
  return lower == "present" || lower == "current" || lower == "now" || lower == "today" ||
         lower == "date" || lower == "ongoing" || lower == "currently";
}

int ParseYear(std::string_view w) {
  if (w.size() == 4 && std::all_of(w.begin(), w.end(), IsAsciiDigit)) {
    int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
    if (y >= 1950 && y <= 2049) return y;
  }
  return 0;
}

// Tokenises the line into date tokens and the separators between them.
std::vector<DateToken> DateTokens(std::string_view line) {
  std::vector<DateToken> tokens;
  tokens.reserve(8);  // a dated line has a few
  size_t i = 0;
  const size_t n = line.size();
  while (i < n) {
    if (!IsAsciiAlnum(line[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < n && (IsAsciiAlnum(line[i]))) ++i;
    std::string_view word = line.substr(start, i - start);
    // mm/yyyy, mm-yyyy, mm.yyyy
    if (word.size() <= 2 && std::all_of(word.begin(), word.end(), IsAsciiDigit) && i + 4 < n + 0 &&
        (line[i] == '/' || line[i] == '.' || line[i] == '-') && i + 5 <= n) {
      int y = ParseYear(line.substr(i + 1, 4));
      bool boundary = i + 5 == n || !IsAsciiAlnum(line[i + 5]);
      int m = word.size() == 2 ? (word[0] - '0') * 10 + (word[1] - '0') : word[0] - '0';
      if (y && boundary && m >= 1 && m <= 12) {
        tokens.push_back(DateToken{y, m, false, start, i + 5});
        i += 5;
        continue;
      }
    }
    if (int y = ParseYear(word)) {
      // "2019" possibly preceded by a month word already recorded.
      if (!tokens.empty() && tokens.back().year == 0 && !tokens.back().open &&
          tokens.back().month > 0) {
        tokens.back().year = y;
        tokens.back().end = i;
      } else {
        tokens.push_back(DateToken{y, 0, false, start, i});
      }
      continue;
    }
    // "'19" style two-digit years after a month: "Jan '19"
    if (int m = MonthFromWord(word)) {
      if (i < n && line[i] == '.') ++i;
      tokens.push_back(DateToken{0, m, false, start, i});
      continue;
    }
    if (IsOpenWord(word)) {
      tokens.push_back(DateToken{0, 0, true, start, i});
      continue;
    }
  }
  // Month words that never got a year are not dates.
  std::erase_if(tokens, [](const DateToken& t) { return !t.open && t.year == 0; });
  return tokens;
}

// True when the text between two date tokens is a range separator: "-", "to", "till", "until",
// "through", "thru", "~" (possibly with spaces, commas or "since").
bool IsRangeSeparator(std::string_view between) {
  std::string_view t = Trim(between);
  if (t.empty()) return true;  // "2016 2018" in tables
  // A glyph NormalizeText did not map ("⸺", "﹘", the mojibake "ï¼"): between two dates, a dash.
  if (t.size() <= 8 && std::all_of(t.begin(), t.end(),
                                   [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    return true;
  }
  std::string lower = AsciiLowerCopy(t);
  return lower == "-" || lower == "--" || lower == "to" || lower == "till" || lower == "until" ||
         lower == "through" || lower == "thru" || lower == "~" || lower == "/" || lower == "-to" ||
         lower == "to -" || lower == "- till" || lower == "upto" || lower == "up to" ||
         lower == "," || lower == "&";
}

}  // namespace

bool FindDateRange(std::string_view line, DateRange* range) {
  // A range needs a four-digit year; most lines have none.
  int run = 0;
  bool has_year = false;
  for (char c : line) {
    run = IsAsciiDigit(c) ? run + 1 : 0;
    if (run == 4) {
      has_year = true;
      break;
    }
  }
  if (!has_year) return false;
  std::vector<DateToken> tokens = DateTokens(line);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const DateToken& a = tokens[i];
    const DateToken& b = tokens[i + 1];
    if (a.open || a.year == 0) continue;
    if (!IsRangeSeparator(line.substr(a.end, b.begin - a.end))) continue;
    if (!b.open &&
        (b.year < a.year || (b.year == a.year && b.month && a.month && b.month < a.month)))
      continue;
    *range = DateRange{a.year,  a.month, b.open ? 0 : b.year, b.open ? 0 : b.month, b.open,
                       a.begin, b.end};
    return true;
  }
  // "Since 2019" / "2019 - " with an open end word far away is rare; a start date followed only by
  // "present" elsewhere is handled above. A single "Month Year" is not a range.
  return false;
}

std::vector<int> FindYears(std::string_view text) {
  std::vector<int> years;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiDigit(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
    bool left_ok = start == 0 || !IsAsciiAlnum(text[start - 1]);
    if (left_ok) {
      if (int y = ParseYear(text.substr(start, i - start))) years.push_back(y);
    }
  }
  return years;
}

std::pair<MonthIndex, MonthIndex> RangeMonths(const DateRange& r, MonthIndex reference) {
  MonthIndex first = ToMonthIndex(r.start_year, r.start_month ? r.start_month : 1);
  MonthIndex last;  // exclusive
  if (r.current || r.end_year == 0) {
    last = reference + 1;
  } else if (r.end_month) {
    last = ToMonthIndex(r.end_year, r.end_month) + 1;
  } else if (r.start_month == 0) {
    // "2016-2018": count whole calendar years in between as the span, not 3 years, so that
    // "2016-2018, 2018-2020" totals 4 years like the writer means.
    last =
        r.end_year == r.start_year ? ToMonthIndex(r.end_year, 12) + 1 : ToMonthIndex(r.end_year, 1);
  } else {
    last = ToMonthIndex(r.end_year, 12) + 1;
  }
  if (last > reference + 1) last = reference + 1;
  if (last < first) last = first;
  return {first, last};
}

double UnionYears(std::vector<std::pair<MonthIndex, MonthIndex>> intervals) {
  std::sort(intervals.begin(), intervals.end());
  int months = 0;
  MonthIndex cur_start = 0;
  MonthIndex cur_end = 0;
  bool open = false;
  for (const auto& [a, b] : intervals) {
    if (b <= a) continue;
    if (!open || a > cur_end) {
      if (open) months += cur_end - cur_start;
      cur_start = a;
      cur_end = b;
      open = true;
    } else {
      cur_end = std::max(cur_end, b);
    }
  }
  if (open) months += cur_end - cur_start;
  return months / 12.0;
}

}  // namespace shortlist::engine
