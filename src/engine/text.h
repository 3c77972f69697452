// Text helpers shared by the engine's analyzers: normalisation, ASCII case folding, lines and
// lexical tokens. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace shortlist::engine {

inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c; }
// A byte that belongs to a word: ASCII letters and digits, and any non-ASCII (UTF-8) byte.
inline bool IsWordByte(char c) {
  return IsAsciiAlnum(c) || (static_cast<unsigned char>(c) >= 0x80);
}

// Unifies line ends to '\n', tabs to spaces, typographic punctuation (dashes, quotes, bullets,
// non-breaking and full-width spaces) to ASCII, and drops other control characters and invalid
// bytes. The result is what every other step reads.
std::string NormalizeText(std::string_view text);

// ASCII lower-case copy; same length, so offsets carry over between the two.
std::string AsciiLowerCopy(std::string_view text);

std::string_view Trim(std::string_view s);

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

bool IsStopword(std::string_view lower_word);
// Same, given Fnv1a(lower_word) already computed.
bool IsStopwordHashed(std::string_view lower_word, uint64_t fnv);

// 64-bit FNV-1a, stable across builds (used for hashed features).
inline uint64_t Fnv1a(std::string_view s, uint64_t seed = 1469598103934665603ULL) {
  uint64_t h = seed;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
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

template <typename Sink>
void ForEachToken(std::string_view text, Sink&& sink) {
  char buf[48];
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && !IsAsciiAlnum(text[i])) ++i;
    size_t len = 0;
    size_t start = i;
    while (i < n && IsAsciiAlnum(text[i])) {
      if (len < sizeof(buf) - 2) buf[len++] = AsciiLower(text[i]);
      ++i;
    }
    if (i == start) break;
    if (i + 1 < n && text[i] == '+' && text[i + 1] == '+') {
      buf[len++] = '+';
      buf[len++] = '+';
      i += 2;
    } else if (i < n && text[i] == '#') {
      buf[len++] = '#';
      ++i;
    }
    std::string_view token(buf, len);
    if (len > 3 && buf[len - 1] == 's' && buf[len - 2] != 's' && buf[len - 2] != 'u' &&
        buf[len - 2] != 'i') {
      token = std::string_view(buf, len - 1);
    }
    if (token.size() < 2 && !(token.size() == 1 && IsAsciiAlpha(token[0]) && token[0] != 'a')) {
      continue;
    }
    uint64_t fnv = Fnv1a(token);
    if (IsStopwordHashed(token, fnv)) continue;
    if constexpr (std::is_invocable_v<Sink, std::string_view, uint64_t>) {
      sink(token, fnv);
    } else {
      sink(token);
    }
  }
}

}  // namespace shortlist::engine
