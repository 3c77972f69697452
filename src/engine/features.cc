#include "engine/features.h"

namespace shortlist::engine {
namespace {

// Inserts `h` (or counts it again); true when it is new. Grows the table at half load.
bool CountToken(TextFeatures* f, size_t* size, uint64_t h) {
  size_t mask = f->keys.size() - 1;
  size_t i = h & mask;
  while (f->keys[i] != 0) {
    if (f->keys[i] == h) {
      ++f->counts[i];
      return false;
    }
    i = (i + 1) & mask;
  }
  f->keys[i] = h;
  f->counts[i] = 1;
  if (++*size * 2 > f->keys.size()) {
    std::vector<uint64_t> keys(f->keys.size() * 2, 0);
    std::vector<uint32_t> counts(keys.size(), 0);
    const size_t m = keys.size() - 1;
    for (size_t k = 0; k < f->keys.size(); ++k) {
      if (f->keys[k] == 0) continue;
      size_t j = f->keys[k] & m;
      while (keys[j] != 0) j = (j + 1) & m;
      keys[j] = f->keys[k];
      counts[j] = f->counts[k];
    }
    f->keys.swap(keys);
    f->counts.swap(counts);
  }
  return true;
}

}  // namespace

TextFeatures ComputeTextFeatures(std::string_view text, bool with_ngrams) {
  TextFeatures f;
  if (with_ngrams) f.ngram_bits.assign(kNgramBuckets / 64, 0);
  // Sized for the usual share of distinct words in a text (grows when that is exceeded). A token's
  // n-grams depend only on the token, so they are added once, when it is first seen.
  size_t capacity = 16;
  while (capacity < text.size() / 4) capacity <<= 1;
  f.keys.assign(capacity, 0);
  f.counts.assign(capacity, 0);
  size_t size = 0;
  ForEachToken(text, [&](std::string_view token, uint64_t fnv) {
    if (!CountToken(&f, &size, fnv | 1) || !with_ngrams) return;  // fnv | 1 == TokenHash(token)
    ForEachTokenNgram(token, [&](uint32_t b, double) { f.ngram_bits[b >> 6] |= 1ULL << (b & 63); });
  });
  return f;
}

}  // namespace shortlist::engine
