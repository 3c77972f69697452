#include "engine/contact.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/dates.h"

namespace shortlist::engine {
namespace {

// Byte classes for the identifier scans, one table lookup per byte (these scans read every byte
// of every resume).
enum : uint8_t {
  kEmailLocal = 1,
  kDomain = 2,
  kUrl = 4,
  kPhoneStart = 8,  // digit, '+', '('
  kPhoneBody = 16,  // digit, ' ', '-', '.', '(', ')', '+'
  kUrlStart = 32,   // h, w, l, g in either case: http(s)://, www., linkedin.com/, github.com/
};
struct ByteTable {
  uint8_t flags[256] = {};
  constexpr ByteTable() {
    for (int c = 0; c < 256; ++c) {
      bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      bool digit = c >= '0' && c <= '9';
      uint8_t f = 0;
      if (alnum || c == '.' || c == '_' || c == '-' || c == '+' || c == '%') f |= kEmailLocal;
      if (alnum || c == '.' || c == '-') f |= kDomain;
      if (alnum) f |= kUrl;
      for (char u : std::string_view("-._~:/?#[]@!$&'*+,;=%")) {
        if (c == static_cast<unsigned char>(u)) f |= kUrl;
      }
      if (digit || c == '+' || c == '(') f |= kPhoneStart;
      if (digit || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+') {
        f |= kPhoneBody;
      }
      if (c == 'h' || c == 'w' || c == 'l' || c == 'g' || c == 'H' || c == 'W' || c == 'L' ||
          c == 'G') {
        f |= kUrlStart;
      }
      flags[c] = f;
    }
  }
  bool Is(char c, uint8_t flag) const { return flags[static_cast<unsigned char>(c)] & flag; }
};
constexpr ByteTable kBytes;

#if defined(__SSE2__)
// 0xFF in each byte of `v` equal to one of Cs. Written as a fold so that each comparison has a
// constant operand: a loop over an initializer list stays a loop that reloads and broadcasts
// each byte (perf: a third of the pronoun scan's time).
template <char... Cs>
inline __m128i EqualsAny(__m128i v) {
  __m128i hit = _mm_setzero_si128();
  ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Cs)))), ...);
  return hit;
}
#endif

// The bytes of a word of up to 8 letters, packed little-endian into 64 bits.
constexpr uint64_t PackWord(std::string_view w) {
  uint64_t x = 0;
  for (size_t k = 0; k < w.size() && k < 8; ++k) {
    x |= static_cast<uint64_t>(static_cast<unsigned char>(w[k])) << (8 * k);
  }
  return x;
}

// The pronouns and honorifics the identity scan masks, as packed lower-case words in a small
// open-addressing table: a candidate word costs a multiply and usually one compare.
class PronounSet {
 public:
  constexpr PronounSet() {
    for (std::string_view w :
         {"he",   "she",   "him",    "her",    "his", "hers",    "himself", "herself",
          "they", "them",  "their",  "theirs", "mr",  "mrs",     "ms",      "miss",
          "sir",  "madam", "mister", "xe",     "ze",  "themself"}) {
      size_t at = Slot(PackWord(w));
      while (slots_[at] != 0) at = (at + 1) % kSlots;
      slots_[at] = PackWord(w);
    }
  }
  bool Contains(uint64_t packed) const {
    for (size_t at = Slot(packed);; at = (at + 1) % kSlots) {
      if (slots_[at] == packed) return true;
      if (slots_[at] == 0) return false;
    }
  }

 private:
  static constexpr size_t kSlots = 64;
  static constexpr size_t Slot(uint64_t packed) {
    return static_cast<size_t>((packed * 0x9E3779B97F4A7C15ULL) >> 58);
  }
  uint64_t slots_[kSlots] = {};
};
constexpr PronounSet kPronouns;

// Bit k set when p[k] is one of h s t m x z in either case (the first letters of every pronoun
// and honorific), for the `n` <= 16 bytes at p.
uint32_t PronounFirstMask(const char* p, size_t n) {
#if defined(__SSE2__)
  if (n == 16) {
    const __m128i lower =
        _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), _mm_set1_epi8(0x20));
    return static_cast<uint32_t>(_mm_movemask_epi8(EqualsAny<'h', 's', 't', 'm', 'x', 'z'>(lower)));
  }
#endif
  uint32_t mask = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = AsciiLower(p[k]);
    const bool first = c == 'h' || c == 's' || c == 't' || c == 'm' || c == 'x' || c == 'z';
    mask |= static_cast<uint32_t>(first) << k;
  }
  return mask;
}

// Bit k set when p[k] can start a URL or a phone (kUrlStart or kPhoneStart: h w l g in either
// case, digits, '+', '('), for the `n` <= 16 bytes at p.
uint32_t StartByteMask(const char* p, size_t n) {
#if defined(__SSE2__)
  if (n == 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
    __m128i hit =
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('+')), _mm_cmpeq_epi8(x, _mm_set1_epi8('(')));
    hit = _mm_or_si128(hit, text_internal::InRange(x, '0', 10));
    hit = _mm_or_si128(hit, EqualsAny<'h', 'w', 'l', 'g'>(lower));
    return static_cast<uint32_t>(_mm_movemask_epi8(hit));
  }
#endif
  uint32_t mask = 0;
  for (size_t k = 0; k < n; ++k) {
    mask |= static_cast<uint32_t>(kBytes.Is(p[k], kUrlStart | kPhoneStart)) << k;
  }
  return mask;
}

bool IsEmailLocalChar(char c) { return kBytes.Is(c, kEmailLocal); }
bool IsDomainChar(char c) { return kBytes.Is(c, kDomain); }
bool IsUrlChar(char c) { return kBytes.Is(c, kUrl); }

bool StartsWithLower(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

void AddUrl(std::string_view url, size_t begin, ContactScan* scan) {
  while (!url.empty() &&
         (url.back() == '.' || url.back() == ',' || url.back() == ')' || url.back() == ';')) {
    url.remove_suffix(1);
  }
  scan->identity_spans.emplace_back(begin, begin + url.size());
  std::string lower = AsciiLowerCopy(url);
  if (lower.find("linkedin.com") != std::string::npos) {
    if (scan->contact.linkedin_url.empty()) scan->contact.linkedin_url = std::string(url);
  } else if (lower.find("github.com") != std::string::npos) {
    if (scan->contact.github_url.empty()) scan->contact.github_url = std::string(url);
  } else if (lower.find("indeed.com") == std::string::npos && scan->contact.portfolio_url.empty()) {
    scan->contact.portfolio_url = std::string(url);
  }
}

// Whether every run of digits in `s` is a year, 1900-2099.
bool AllDigitGroupsAreYears(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiDigit(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j;
    std::string_view group = s.substr(i, j - i);
    if (group.size() != 4 || !(group.starts_with("19") || group.starts_with("20"))) return false;
    i = j;
  }
  return true;
}

}  // namespace

bool LooksLikeName(std::string_view s) {
  int words = 0;
  size_t i = 0;
  if (s.size() < 4 || s.size() > 40) return false;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    std::string_view w = s.substr(start, i - start);
    ++words;
    if (!IsAsciiUpper(w[0]) && static_cast<unsigned char>(w[0]) < 0x80) return false;
    for (char c : w) {
      if (!(IsAsciiAlpha(c) || c == '.' || c == '-' || c == '\'' ||
            static_cast<unsigned char>(c) >= 0x80)) {
        return false;
      }
    }
  }
  return words >= 2 && words <= 4;
}

bool NamedByProfileUrl(std::string_view text, std::string_view candidate) {
  std::string slug;  // "rishabh soni" -> "rishabh-soni"
  for (char c : candidate) slug += c == ' ' ? '-' : AsciiLower(c);
  for (std::string_view path : {"indeed.com/r/", "linkedin.com/in/"}) {
    for (size_t at = text.find(path); at != std::string_view::npos; at = text.find(path, at + 1)) {
      const size_t begin = at + path.size();
      if (begin + slug.size() > text.size()) break;
      size_t k = 0;
      while (k < slug.size() && AsciiLower(text[begin + k]) == slug[k]) ++k;
      const size_t end = begin + k;
      if (k == slug.size() && (end == text.size() || !IsAsciiAlpha(text[end]))) return true;
    }
  }
  return false;
}

bool HeldAsAJob(const std::vector<Line>& lines, const std::vector<SectionKind>& kinds, size_t at,
                std::string_view candidate) {
  // Where `candidate` stands as a whole phrase in `line`, not followed by another word: "Jane
  // Doe Consulting 2015 - 2018" names a business, and its owner is still Jane Doe.
  auto holds = [candidate](std::string_view line) {
    for (size_t k = 0; k + candidate.size() <= line.size(); ++k) {
      if (k > 0 && IsWordByte(line[k - 1])) continue;
      size_t m = 0;
      while (m < candidate.size() && AsciiLower(line[k + m]) == AsciiLower(candidate[m])) ++m;
      if (m < candidate.size()) continue;
      size_t next = k + m;
      while (next < line.size() && line[next] == ' ') ++next;
      if (next == line.size() || !IsAsciiAlpha(line[next])) return true;
    }
    return false;
  };
  DateRange range;
  for (size_t j = at + 1; j < lines.size(); ++j) {
    if (kinds[j] != SectionKind::kExperience || !holds(lines[j].text)) continue;
    if (FindDateRange(lines[j].text, &range)) return true;
    if (j + 1 < lines.size() && FindDateRange(lines[j + 1].text, &range)) return true;
  }
  return false;
}

bool LooksLikeLocation(std::string_view line) {
  // "Springfield, IL", "Austin, TX 78701", "Bengaluru, Karnataka", "London, United Kingdom".
  if (line.size() > 60 || CountWords(line) > 6) return false;
  size_t comma = line.find(',');
  if (comma == std::string_view::npos || comma == 0) return false;
  std::string_view city = Trim(line.substr(0, comma));
  std::string_view rest = Trim(line.substr(comma + 1));
  if (city.empty() || rest.empty() || !IsAsciiUpper(city[0]) || !IsAsciiUpper(rest[0])) {
    return false;
  }
  // A region is a few words and no sentence: "Hard worker, Patience and Good commitment." is none.
  if (CountWords(rest) > 3 || rest.back() == '.') return false;
  for (char c : city) {
    if (!(IsAsciiAlpha(c) || c == ' ' || c == '.' || c == '-')) return false;
  }
  return CountWords(city) <= 3;
}

void ScanIdentifiers(std::string_view text, ContactScan* scan) {
  const size_t n = text.size();
  // E-mails.
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && IsEmailLocalChar(text[b - 1])) --b;
    size_t e = at + 1;
    while (e < n && IsDomainChar(text[e])) ++e;
    while (e > at + 1 && text[e - 1] == '.') --e;
    std::string_view domain = text.substr(at + 1, e - at - 1);
    if (b == at || domain.find('.') == std::string_view::npos) continue;
    if (scan->contact.email.empty()) scan->contact.email = std::string(text.substr(b, e - b));
    scan->identity_spans.emplace_back(b, e);
  }
  // URLs (http(s)://..., www...., bare linkedin.com/ and github.com/ paths) and phones (runs of
  // digits with + ( ) - . and spaces holding 10-15 digits; a run that reads as years, "2016 -
  // 2018", is not a phone), in one pass: each scan resumes after what it consumed.
  size_t url_from = 0;
  size_t phone_from = 0;
  // Neither starts right after a letter or digit (checked in full below): the possible starts
  // are found 16 bytes at a time, from masks of start bytes and of letters and digits.
  uint32_t prev_alnum = 0;
  for (size_t block = 0; block < n; block += 16) {
    const size_t len = std::min<size_t>(16, n - block);
    const uint32_t alnum = AsciiAlnumMask(text.data() + block, len);
    uint32_t starts = StartByteMask(text.data() + block, len) & ~((alnum << 1) | prev_alnum);
    prev_alnum = (alnum >> (len - 1)) & 1;
    for (; starts != 0; starts &= starts - 1) {
      const size_t i = block + static_cast<size_t>(__builtin_ctz(starts));
      const uint8_t flags = kBytes.flags[static_cast<unsigned char>(text[i])];
      if ((flags & kUrlStart) && i >= url_from &&
          !(i > 0 && IsUrlChar(text[i - 1]) && text[i - 1] != '(')) {
        std::string_view rest = text.substr(i);
        if (StartsWithLower(rest, "http://") || StartsWithLower(rest, "https://") ||
            StartsWithLower(rest, "www.") || StartsWithLower(rest, "linkedin.com/") ||
            StartsWithLower(rest, "github.com/")) {
          size_t e = i;
          while (e < n && IsUrlChar(text[e])) ++e;
          AddUrl(text.substr(i, e - i), i, scan);
          url_from = e + 1;
        }
      }
      if (!(flags & kPhoneStart) || i < phone_from || (i > 0 && IsAsciiAlnum(text[i - 1])))
        continue;
      size_t e = i;
      int digits = 0;
      while (e < n && kBytes.Is(text[e], kPhoneBody)) {
        if (IsAsciiDigit(text[e])) {
          ++digits;
        } else if (text[e] == ' ' && e + 1 < n && text[e + 1] == ' ') {
          break;
        }
        ++e;
      }
      while (e > i && !IsAsciiDigit(text[e - 1])) --e;
      if (e < n && IsAsciiAlpha(text[e])) {
        phone_from = e + 1;
        continue;
      }
      if (digits >= 10 && digits <= 15) {
        std::string_view phone = text.substr(i, e - i);
        // Years with separators ("1998 - 2002 - 2006") are dates, not a phone.
        if (!AllDigitGroupsAreYears(phone)) {
          if (scan->contact.phone.empty()) scan->contact.phone = std::string(phone);
          scan->identity_spans.emplace_back(i, e);
        }
      }
      phone_from = std::max(i, e) + 1;
    }
  }
}

void ScanPersonalDetails(std::string_view text, const std::vector<Line>& lines, ContactScan* scan) {
  static constexpr std::array<std::string_view, 16> kLabels = {
      "date of birth", "dob",           "d.o.b",          "birth date",       "born",     "age",
      "gender",        "sex",           "marital status", "nationality",      "religion", "address",
      "father's name", "mother's name", "passport",       "permanent address"};
  for (const Line& line : lines) {
    std::string_view t = Trim(line.text);
    if (t.empty() || t.size() > 120) continue;
    // Every label starts with one of these letters; most lines are rejected here.
    char first = AsciiLower(t[0]);
    if (std::string_view("dbagsmnrfp").find(first) == std::string_view::npos) continue;
    if (t.find(':') == std::string_view::npos && t.find('-') == std::string_view::npos) continue;
    char lower_buf[24];
    const size_t head = std::min<size_t>(t.size(), sizeof(lower_buf));
    for (size_t k = 0; k < head; ++k) lower_buf[k] = AsciiLower(t[k]);
    std::string_view lower(lower_buf, head);
    for (std::string_view label : kLabels) {
      if (lower.rfind(label, 0) == 0) {
        size_t after = label.size();
        while (after < lower.size() && lower[after] == ' ') ++after;
        if (after < lower.size() && (lower[after] == ':' || lower[after] == '-')) {
          size_t begin = static_cast<size_t>(t.data() - text.data());
          scan->identity_spans.emplace_back(begin, begin + t.size());
          if (label == "address" || label == "permanent address") {
            if (scan->contact.location.empty()) {
              scan->contact.location = std::string(Trim(t.substr(after + 1)));
            }
          }
          break;
        }
      }
    }
  }
  // Pronouns and honorifics anywhere. Only a word that starts with one of their first letters
  // right after a non-word byte can be one: the scan finds those starts 16 bytes at a time (masks
  // of word bytes and of these letters) and reads a word only from such a start.
  const size_t n = text.size();
  uint32_t prev_word = 0;
  for (size_t block = 0; block < n; block += 16) {
    const size_t len = std::min<size_t>(16, n - block);
    const uint32_t word = WordByteMask(text.data() + block, len);
    uint32_t starts = PronounFirstMask(text.data() + block, len) & ~((word << 1) | prev_word);
    prev_word = (word >> (len - 1)) & 1;
    for (; starts != 0; starts &= starts - 1) {
      const size_t start = block + static_cast<size_t>(__builtin_ctz(starts));
      // The word's letters, lower-cased and packed as they are read; a ninth letter ends the
      // read: no pronoun is that long.
      uint64_t packed = 0;
      size_t i = start;
      for (; i < n && i - start < 9 && IsAsciiAlpha(text[i]); ++i) {
        packed |= static_cast<uint64_t>(static_cast<unsigned char>(AsciiLower(text[i])))
                  << (8 * ((i - start) & 7));
      }
      if (i - start > 8 || i - start < 2) continue;
      if (i < n && IsWordByte(text[i])) continue;
      if (!kPronouns.Contains(packed)) continue;
      // Honorifics count only in title case ("Ms. Doe"): "MS" is a degree, "900 ms" a duration,
      // "miss" a verb.
      const bool honorific = packed == PackWord("mr") || packed == PackWord("mrs") ||
                             packed == PackWord("ms") || packed == PackWord("miss");
      if (honorific && !(IsAsciiUpper(text[start]) && !IsAsciiUpper(text[start + 1]))) continue;
      scan->identity_spans.emplace_back(start, i);
    }
  }
}

}  // namespace shortlist::engine
