#include "engine/esa.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace shortlist::engine {
namespace {

std::vector<std::string_view> Columns(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      cols.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return cols;
}

// Dot product with eight independent accumulators, summed in a fixed order: as deterministic as a
// plain loop, without its chain of dependent additions (these vectors have ~2,900 entries).
// On x86-64 the eight accumulators are the lanes of four SSE2 registers (lane j of acc[k] is
// accumulator 2k + j): each lane does exactly the scalar arithmetic, so the result is
// bit-identical, at a quarter of the instructions (the compiler does not vectorise this at -O2).
double Dot(const float* a, const float* b, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  __m128d acc[4] = {_mm_setzero_pd(), _mm_setzero_pd(), _mm_setzero_pd(), _mm_setzero_pd()};
  for (; i + 8 <= n; i += 8) {
    for (size_t half = 0; half < 2; ++half) {
      const __m128 x = _mm_loadu_ps(a + i + 4 * half);
      const __m128 y = _mm_loadu_ps(b + i + 4 * half);
      __m128d& lo = acc[2 * half];
      __m128d& hi = acc[2 * half + 1];
      lo = _mm_add_pd(lo, _mm_mul_pd(_mm_cvtps_pd(x), _mm_cvtps_pd(y)));
      hi = _mm_add_pd(
          hi, _mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(x, x)), _mm_cvtps_pd(_mm_movehl_ps(y, y))));
    }
  }
  double s[8];
  for (size_t k = 0; k < 4; ++k) _mm_storeu_pd(s + 2 * k, acc[k]);
#else
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (; i + 8 <= n; i += 8) {
    for (size_t k = 0; k < 8; ++k) s[k] += static_cast<double>(a[i + k]) * b[i + k];
  }
#endif
  for (; i < n; ++i) s[0] += static_cast<double>(a[i]) * b[i];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

void Normalise(std::vector<float>* v) {
  double norm = Dot(v->data(), v->data(), v->size());
  if (norm <= 0) {
    v->clear();
    return;
  }
  const float inv = static_cast<float>(1 / std::sqrt(norm));
  float* x = v->data();
  const size_t n = v->size();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128 scale = _mm_set1_ps(inv);  // four lanes at a time, the same product in each
  for (; i + 4 <= n; i += 4) _mm_storeu_ps(x + i, _mm_mul_ps(_mm_loadu_ps(x + i), scale));
#endif
  for (; i < n; ++i) x[i] *= inv;
}

}  // namespace

// 1 + ln(n), the sublinear term frequency; a table for the common small counts (a log per word
// of every resume is measurable).
double LogTf(uint32_t n) {
  static const std::array<double, 64> kTable = [] {
    std::array<double, 64> t{};
    for (size_t i = 1; i < t.size(); ++i) t[i] = 1 + std::log(static_cast<double>(i));
    return t;
  }();
  return n < kTable.size() ? kTable[n] : 1 + std::log(static_cast<double>(n));
}

WordStats::Word* WordStats::Insert(uint64_t h) {
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].key != 0 && slots_[i].key != h) i = (i + 1) & mask;
  slots_[i].key = h;
  return &slots_[i];
}

const WordStats::Word* WordStats::FindWord(uint64_t h) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask; slots_[i].key != 0; i = (i + 1) & mask) {
    if (slots_[i].key == h) return &slots_[i];
  }
  return nullptr;
}

WordStats::WordStats(std::string_view tsv) {
  size_t lines = 0;
  for (char c : tsv) lines += c == '\n';
  size_t capacity = 1024;
  while (capacity < lines * 2) capacity <<= 1;
  slots_.assign(capacity, Word{});
  for (const Line& line : SplitLines(tsv)) {
    if (line.text.empty() || line.text[0] == '#') continue;
    std::vector<std::string_view> cols = Columns(line.text);
    if (cols.size() < 3) continue;
    if (cols[0] == "I") {
      Word* w = Insert(TokenHash(cols[1]));
      w->idf = static_cast<float>(std::atof(std::string(cols[2]).c_str()));
      w->ordinary = cols.size() < 4 || cols[3] != "-";
    } else if (cols[0] == "C") {
      ++concept_count_;
      const int index = std::atoi(std::string(cols[1]).c_str());
      if (cols.size() >= 4 && index >= 0 && index < 65536) {
        if (labels_.size() <= static_cast<size_t>(index)) labels_.resize(index + 1u);
        labels_[static_cast<size_t>(index)] = std::string(cols[3]);
      }
    } else if (cols[0] == "W") {
      uint32_t begin = static_cast<uint32_t>(entries_.size());
      std::string_view list = cols[2];
      size_t p = 0;
      while (p < list.size()) {
        size_t comma = list.find(',', p);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view item = list.substr(p, comma - p);
        size_t colon = item.find(':');
        if (colon != std::string_view::npos) {
          int concept_index = std::atoi(std::string(item.substr(0, colon)).c_str());
          float w = static_cast<float>(std::atof(std::string(item.substr(colon + 1)).c_str()));
          if (concept_index >= 0 && concept_index < 65536) {
            entries_.emplace_back(static_cast<uint16_t>(concept_index), w);
          }
        }
        p = comma + 1;
      }
      Word* word = Insert(TokenHash(cols[1]));
      word->begin = begin;
      word->end = static_cast<uint32_t>(entries_.size());
    }
  }
  // Concept indexes beyond the declared count would overflow the vectors.
  for (const auto& e : entries_) {
    if (e.first >= concept_count_) concept_count_ = e.first + 1u;
  }
}

double WordStats::Idf(uint64_t token_hash) const {
  const Word* w = FindWord(token_hash);
  return w ? w->idf : kUnknownIdf;
}

void WordStats::Accumulate(const Word& word, double weight, std::vector<float>* out) const {
  for (uint32_t i = word.begin; i < word.end; ++i) {
    (*out)[entries_[i].first] += static_cast<float>(weight * entries_[i].second);
  }
}

std::vector<float> WordStats::ConceptVector(const TextFeatures& features,
                                            double* tfidf_norm) const {
  std::vector<float> v(concept_count_, 0.0f);
  // A resume has hundreds of distinct words, each a cache miss into the word table and another
  // into its concept weights: the table slot is prefetched kAhead words in advance and the
  // weights kAhead / 2 in advance, so the misses overlap. Same words, same order, same sums.
  std::vector<size_t> used;
  used.reserve(features.keys.size() / 2);
  for (size_t i = 0; i < features.keys.size(); ++i) {
    if (features.keys[i] != 0) used.push_back(i);
  }
  constexpr size_t kAhead = 8;
  const size_t mask = slots_.size() - 1;
  double squares = 0;
  for (size_t k = 0; k < used.size(); ++k) {
    if (k + kAhead < used.size()) {
      __builtin_prefetch(&slots_[features.keys[used[k + kAhead]] & mask]);
    }
    if (k + kAhead / 2 < used.size()) {
      const Word* ahead = FindWord(features.keys[used[k + kAhead / 2]]);
      if (ahead && ahead->begin < ahead->end) __builtin_prefetch(&entries_[ahead->begin]);
    }
    const size_t i = used[k];
    const Word* w = FindWord(features.keys[i]);
    const double tf = LogTf(features.counts[i]);
    const double idf = w ? w->idf : kUnknownIdf;
    squares += tf * tf * idf * idf;
    if (!w || w->begin == w->end) continue;
    Accumulate(*w, tf * idf, &v);
  }
  if (tfidf_norm) *tfidf_norm = std::sqrt(squares);
  Normalise(&v);
  return v;
}

std::vector<float> WordStats::ConceptVector(std::string_view text, std::string_view extra,
                                            double extra_weight) const {
  TextFeatures main = ComputeTextFeatures(text, /*with_ngrams=*/false);
  TextFeatures more = ComputeTextFeatures(extra, /*with_ngrams=*/false);
  std::vector<float> v(concept_count_, 0.0f);
  for (const TextFeatures* f : {&main, &more}) {
    double scale = f == &main ? 1.0 : extra_weight;
    for (size_t i = 0; i < f->keys.size(); ++i) {
      if (f->keys[i] == 0) continue;
      const Word* w = FindWord(f->keys[i]);
      if (!w || w->begin == w->end) continue;
      double tf = LogTf(f->counts[i]);
      Accumulate(*w, scale * tf * w->idf, &v);
    }
  }
  Normalise(&v);
  return v;
}

double Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.empty() || b.empty() || a.size() != b.size()) return 0;
  double dot = Dot(a.data(), b.data(), a.size());
  return dot < 0 ? 0 : (dot > 1 ? 1 : dot);
}

}  // namespace shortlist::engine
