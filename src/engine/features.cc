#include "engine/features.h"

namespace shortlist::engine {

TextFeatures ComputeTextFeatures(std::string_view text) {
  TextFeatures f;
  f.ngram_bits.assign(kNgramBuckets / 64, 0);
  // Tokens first (to size the table), n-grams on the way.
  std::vector<uint64_t> hashes;
  hashes.reserve(text.size() / 6 + 8);
  ForEachToken(text, [&](std::string_view token, uint64_t fnv) {
    hashes.push_back(fnv | 1);  // == TokenHash(token)
    ForEachTokenNgram(token, [&](uint32_t b, double) { f.ngram_bits[b >> 6] |= 1ULL << (b & 63); });
  });
  size_t capacity = 16;
  while (capacity < hashes.size() * 2) capacity <<= 1;
  f.keys.assign(capacity, 0);
  f.counts.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (uint64_t h : hashes) {
    size_t i = h & mask;
    while (f.keys[i] != 0 && f.keys[i] != h) i = (i + 1) & mask;
    f.keys[i] = h;
    ++f.counts[i];
  }
  return f;
}

}  // namespace shortlist::engine
