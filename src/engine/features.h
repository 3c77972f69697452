// Lexical features of a text, computed once and read by the lexical (BM25) and semantic
// (character n-gram) scores: a token-hash -> count table and a 2^16-bit set of the hashed
// character 4-grams of its words. A resume's are computed by AnalyzeResume and kept in
// ResumeProfile::features; Evaluate recomputes them if the profile was built elsewhere.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/text.h"

namespace shortlist::engine {

inline constexpr uint32_t kNgramBuckets = 1u << 16;

// Hash of a token as the features key it (never 0).
inline uint64_t TokenHash(std::string_view token) { return Fnv1a(token) | 1; }

// Calls sink(bucket, share) for each character 4-gram of `token` framed as "^token$"; the shares
// of one token add up to 1. Tokens of 1-2 letters give one gram.
template <typename Sink>
void ForEachTokenNgram(std::string_view token, Sink&& sink) {
  char buf[64];
  size_t n = token.size() < sizeof(buf) - 2 ? token.size() : sizeof(buf) - 2;
  buf[0] = '^';
  for (size_t i = 0; i < n; ++i) buf[i + 1] = token[i];
  buf[n + 1] = '$';
  size_t len = n + 2;
  // A gram's bucket hashes its bytes packed big-endian into 32 bits.
  auto bucket = [](uint32_t v) {
    return static_cast<uint32_t>((v * 2654435761u) >> 16);  // Knuth multiplicative hash
  };
  uint32_t v = 0;
  if (len <= 4) {
    for (size_t i = 0; i < len; ++i) v = (v << 8) | static_cast<unsigned char>(buf[i]);
    sink(bucket(v), 1.0);
    return;
  }
  double share = 1.0 / static_cast<double>(len - 3);
  // Rolling window: shifting in the next byte drops the first one off the top of the 32 bits, so
  // each gram costs one shift instead of four.
  for (size_t i = 0; i < 3; ++i) v = (v << 8) | static_cast<unsigned char>(buf[i]);
  for (size_t i = 3; i < len; ++i) {
    v = (v << 8) | static_cast<unsigned char>(buf[i]);
    sink(bucket(v), share);
  }
}

struct TextFeatures {
  std::vector<uint64_t> keys;  // open addressing by TokenHash; 0 = empty
  std::vector<uint32_t> counts;
  std::vector<uint64_t> ngram_bits;  // kNgramBuckets bits

  uint32_t Count(uint64_t token_hash) const {
    if (keys.empty()) return 0;
    size_t mask = keys.size() - 1;
    for (size_t i = token_hash & mask; keys[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == token_hash) return counts[i];
    }
    return 0;
  }
  // False for every bucket when the features were computed without n-grams.
  bool HasNgram(uint32_t bucket) const {
    return !ngram_bits.empty() && ((ngram_bits[bucket >> 6] >> (bucket & 63)) & 1);
  }
};

// `with_ngrams` = false leaves ngram_bits empty (texts only used for their tokens: titles).
TextFeatures ComputeTextFeatures(std::string_view text, bool with_ngrams = true);

}  // namespace shortlist::engine
