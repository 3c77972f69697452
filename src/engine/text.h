// Text helpers shared by the engine's analyzers: normalisation, ASCII case folding, lines and
// lexical tokens. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace shortlist::engine {

inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
namespace text_internal {
struct AlnumTable {
  bool alnum[256] = {};
  constexpr AlnumTable() {
    for (int c = 0; c < 256; ++c) {
      alnum[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }
};
inline constexpr AlnumTable kAlnum;
}  // namespace text_internal
inline bool IsAsciiAlnum(char c) {
  return text_internal::kAlnum.alnum[static_cast<unsigned char>(c)];
}
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c; }
inline char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
namespace text_internal {
struct WordByteTable {
  bool word[256] = {};
  constexpr WordByteTable() {
    for (int c = 0; c < 256; ++c) {
      word[c] =
          (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    }
  }
};
inline constexpr WordByteTable kWordBytes;
// ASCII letters and digits lower-cased; 0 for every other byte (ForEachToken's token bytes).
struct TokenByteTable {
  char lower[256] = {};
  constexpr TokenByteTable() {
    for (int c = 0; c < 256; ++c) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) lower[c] = static_cast<char>(c);
      if (c >= 'A' && c <= 'Z') lower[c] = static_cast<char>(c + 32);
    }
  }
};
inline constexpr TokenByteTable kTokenBytes;
}  // namespace text_internal
// A byte that belongs to a word: ASCII letters and digits, and any non-ASCII (UTF-8) byte. (A
// table lookup: the analyzers ask this for every byte of every resume.)
inline bool IsWordByte(char c) {
  return text_internal::kWordBytes.word[static_cast<unsigned char>(c)];
}

// Bit k set when p[k] is an ASCII letter or digit (AsciiAlnumMask) or a word byte
// (WordByteMask), for the `n` <= 16 bytes at p. The scans that read every byte of a resume (word
// counts, skill, pronoun, URL and phone starts) take their word boundaries from these masks, 16
// bytes at a time, instead of branching on each byte.
#if defined(__SSE2__)
namespace text_internal {
// 0xFF in each lane whose byte is in [lo, lo + count): the unsigned "v - lo < count" as a signed
// compare, v + (-128 - lo) < -128 + count.
inline __m128i InRange(__m128i v, char lo, char count) {
  return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - lo))),
                        _mm_set1_epi8(static_cast<char>(-128 + count)));
}
inline __m128i AlnumBytes(__m128i x) {
  const __m128i letter = InRange(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 26);
  return _mm_or_si128(letter, InRange(x, '0', 10));
}
}  // namespace text_internal
#endif
inline uint32_t AsciiAlnumMask(const char* p, size_t n) {
#if defined(__SSE2__)
  if (n == 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return static_cast<uint32_t>(_mm_movemask_epi8(text_internal::AlnumBytes(x)));
  }
#endif
  uint32_t mask = 0;
  for (size_t k = 0; k < n; ++k) mask |= static_cast<uint32_t>(IsAsciiAlnum(p[k])) << k;
  return mask;
}
inline uint32_t WordByteMask(const char* p, size_t n) {
#if defined(__SSE2__)
  if (n == 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Bytes >= 0x80 (UTF-8) have their top bit set, which is what movemask reads.
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(text_internal::AlnumBytes(x), x)));
  }
#endif
  uint32_t mask = 0;
  for (size_t k = 0; k < n; ++k) mask |= static_cast<uint32_t>(IsWordByte(p[k])) << k;
  return mask;
}

// Unifies line ends to '\n', tabs to spaces, typographic punctuation (dashes, quotes, bullets,
// non-breaking and full-width spaces) to ASCII, decodes HTML character references ("&amp;",
// "&#8211;"), and drops other control characters and invalid bytes. The result is what every
// other step reads.
std::string NormalizeText(std::string_view text);

// ASCII lower-case copy; same length, so offsets carry over between the two.
std::string AsciiLowerCopy(std::string_view text);

// (Inline: several passes trim every line of every resume.)
inline std::string_view Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

// Whether `c` opens a list item at a line's start: the bullets NormalizeText makes ("* "), a
// dash, a quote mark of e-mail ("> ").
inline bool IsBulletMark(char c) { return c == '*' || c == '-' || c == '>'; }
// `s` trimmed, without the bullet marks that open it.
inline std::string_view TrimBullets(std::string_view s) {
  s = Trim(s);
  while (!s.empty() && IsBulletMark(s.front())) s = Trim(s.substr(1));
  return s;
}

// A line of a text with its byte offset.
struct Line {
  std::string_view text;  // without the '\n'
  size_t offset = 0;
};
std::vector<Line> SplitLines(std::string_view text);

// Lower-case word tokens for lexical features: runs of letters/digits (plus a trailing "++"/"#"
// as in "c++", "c#"), stopwords dropped, plural "s" stripped. Calls `sink(token)` for each, or
// `sink(token, Fnv1a(token))` when the sink takes the hash too.
template <typename Sink>
void ForEachToken(std::string_view text, Sink&& sink);

// 64-bit FNV-1a, stable across builds (used for hashed features).
constexpr uint64_t Fnv1a(std::string_view s, uint64_t seed = 1469598103934665603ULL) {
  uint64_t h = seed;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

namespace text_internal {
// English function words plus resume/posting filler, and every pronoun (pronouns must never
// carry weight: scores are blind to them). Plural-stripped forms too ("doe", "thi"), as the
// tokenizer makes them.
inline constexpr std::string_view kStopwords[] = {
    "about", "above",   "abov",    "after",     "again",    "all",   "also",   "am",       "an",
    "and",   "any",     "are",     "as",        "at",       "be",    "been",   "before",   "being",
    "below", "between", "both",    "but",       "by",       "can",   "could",  "did",      "do",
    "doe",   "does",    "doing",   "down",      "during",   "each",  "etc",    "ever",     "few",
    "for",   "from",    "further", "had",       "ha",       "has",   "have",   "having",   "he",
    "her",   "here",    "herself", "him",       "himself",  "hi",    "his",    "how",      "i",
    "if",    "in",      "into",    "is",        "it",       "its",   "itself", "just",     "me",
    "miss",  "more",    "most",    "mr",        "mrs",      "ms",    "must",   "my",       "myself",
    "no",    "nor",     "not",     "now",       "of",       "off",   "on",     "once",     "only",
    "or",    "other",   "our",     "ours",      "ourselve", "out",   "over",   "own",      "per",
    "same",  "she",     "should",  "so",        "some",     "such",  "than",   "that",     "the",
    "their", "theirs",  "them",    "themselve", "then",     "there", "these",  "they",     "thi",
    "this",  "those",   "through", "to",        "too",      "under", "until",  "up",       "upon",
    "us",    "very",    "via",     "wa",        "was",      "we",    "were",   "what",     "when",
    "where", "which",   "while",   "who",       "whom",     "why",   "will",   "with",     "within",
    "would", "xe",      "xem",     "xyr",       "you",      "your",  "yours",  "yourself", "ze",
    "zir",   "hir",     "company", "name",      "city",     "state", "n",      "s",        "t",
    "d",     "e",       "m",       "o"};
inline constexpr size_t kMaxStopwordLength = 9;

// Open-addressing set of the stopwords' 64-bit hashes, built at compile time and probed with a
// token's hash. Only hashes are compared: two distinct words sharing a 64-bit FNV-1a hash with
// one of ~160 stopwords is far less likely than a hardware fault, and it saves a string
// comparison per token.
struct StopwordTable {
  uint64_t slots[1024] = {};
  constexpr StopwordTable() {
    for (std::string_view w : kStopwords) {
      const uint64_t h = Fnv1a(w);
      size_t i = h & 1023;
      while (slots[i] != 0 && slots[i] != h) i = (i + 1) & 1023;
      slots[i] = h;
    }
  }
  constexpr bool Contains(uint64_t fnv) const {
    for (size_t i = fnv & 1023; slots[i] != 0; i = (i + 1) & 1023) {
      if (slots[i] == fnv) return true;
    }
    return false;
  }
};
inline constexpr StopwordTable kStopwordTable;
}  // namespace text_internal

// Same as IsStopword, given Fnv1a(lower_word) already computed (inline: asked for every token).
inline bool IsStopwordHashed(std::string_view lower_word, uint64_t fnv) {
  return lower_word.size() <= text_internal::kMaxStopwordLength &&
         text_internal::kStopwordTable.Contains(fnv);
}
inline bool IsStopword(std::string_view lower_word) {
  return IsStopwordHashed(lower_word, Fnv1a(lower_word));
}

// A fast 64-bit hash of a whole text, 8 bytes at a time (fingerprints, not hash tables).
inline uint64_t FastHash(std::string_view s, uint64_t seed = 0x9e3779b97f4a7c15ULL) {
  uint64_t h = seed ^ (s.size() * 0xff51afd7ed558ccdULL);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 32);
}

// Number of words (runs of word bytes) in `s`.
int CountWords(std::string_view s);

// Whether `text` ends (starts) with `word` standing as a whole word: not the "eg" of "leg".
inline bool EndsWithWord(std::string_view text, std::string_view word) {
  return text.ends_with(word) &&
         (text.size() == word.size() || !IsAsciiAlpha(text[text.size() - word.size() - 1]));
}
inline bool StartsWithWord(std::string_view text, std::string_view word) {
  return text.starts_with(word) && (text.size() == word.size() || !IsAsciiAlpha(text[word.size()]));
}

template <typename Sink>
void ForEachToken(std::string_view text, Sink&& sink) {
  // The token's FNV-1a hash is computed while it is copied (one pass over its bytes); `before`
  // is the hash without the last byte, for when a plural "s" is dropped.
  constexpr uint64_t kSeed = 1469598103934665603ULL;
  constexpr uint64_t kPrime = 1099511628211ULL;
  char buf[48];
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && !IsAsciiAlnum(text[i])) ++i;
    size_t len = 0;
    size_t start = i;
    uint64_t h = kSeed;
    uint64_t before = kSeed;
    while (i < n) {
      // One table lookup both tests the byte and lower-cases it.
      const char c = text_internal::kTokenBytes.lower[static_cast<unsigned char>(text[i])];
      if (c == 0) break;
      if (len < sizeof(buf) - 2) {
        buf[len++] = c;
        before = h;
        h = (h ^ static_cast<unsigned char>(c)) * kPrime;
      }
      ++i;
    }
    if (i == start) break;
    if (i + 1 < n && text[i] == '+' && text[i + 1] == '+') {
      buf[len++] = '+';
      buf[len++] = '+';
      h = (h ^ static_cast<unsigned char>('+')) * kPrime;
      before = h;
      h = (h ^ static_cast<unsigned char>('+')) * kPrime;
      i += 2;
    } else if (i < n && text[i] == '#') {
      buf[len++] = '#';
      before = h;
      h = (h ^ static_cast<unsigned char>('#')) * kPrime;
      ++i;
    }
    std::string_view token(buf, len);
    if (len > 3 && buf[len - 1] == 's' && buf[len - 2] != 's' && buf[len - 2] != 'u' &&
        buf[len - 2] != 'i') {
      token = std::string_view(buf, len - 1);
      h = before;
    }
    if (token.size() < 2 && !(token.size() == 1 && IsAsciiAlpha(token[0]) && token[0] != 'a')) {
      continue;
    }
    const uint64_t fnv = h;  // == Fnv1a(token)
    if (IsStopwordHashed(token, fnv)) continue;
    if constexpr (std::is_invocable_v<Sink, std::string_view, uint64_t>) {
      sink(token, fnv);
    } else {
      sink(token);
    }
  }
}

}  // namespace shortlist::engine
