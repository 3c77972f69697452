// Word statistics from the ESCO occupations (data/esa.tsv, built by data/tools/build_esa.py):
// an inverse document frequency per word, and for Explicit Semantic Analysis each word's weights
// over ~2,900 occupation concepts (one per ESCO occupation; a word keeps its top 20). A text's
// semantic vector is the IDF-weighted sum of its words' concept vectors; two texts are similar when
// their vectors point the same way (cosine). No downloaded model: the "embedding" is the public
// occupation taxonomy.
//
// Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/features.h"

namespace shortlist::engine {

class WordStats {
 public:
  explicit WordStats(std::string_view tsv);

  // IDF of a token (by TokenHash); words ESCO never uses get kUnknownIdf (rare, so informative).
  double Idf(uint64_t token_hash) const;
  static constexpr double kUnknownIdf = 5.0;
  // Whether ESCO's occupation texts use the token at all: ordinary vocabulary ("career",
  // "leader", "construction"), as opposed to names and rare terms. (O*NET's texts weigh in the
  // IDF but not here: its tool lists hold names and brands, the "bob" of a plumb bob.)
  bool Knows(uint64_t token_hash) const {
    const Word* w = FindWord(token_hash);
    return w != nullptr && w->ordinary;
  }

  size_t concept_count() const { return concept_count_; }
  // The occupation a concept stands for ("retail banker"); "" for an index without a label.
  std::string_view ConceptLabel(size_t index) const {
    return index < labels_.size() ? std::string_view(labels_[index]) : std::string_view();
  }

  // The L2-normalised concept vector of a text's tokens (from its features); `extra` adds the
  // tokens of a second text (a job title) with weight `extra_weight`. Empty when nothing maps.
  // `tfidf_norm`, when given, receives the L2 norm of the text's TF-IDF vector (sublinear tf
  // times this IDF, over every word: TfIdfCosine's denominator).
  std::vector<float> ConceptVector(const TextFeatures& features,
                                   double* tfidf_norm = nullptr) const;
  std::vector<float> ConceptVector(std::string_view text, std::string_view extra,
                                   double extra_weight) const;

 private:
  struct Word {
    uint64_t key = 0;  // token hash; 0 = empty slot
    float idf = kUnknownIdf;
    bool ordinary = true;  // used by ESCO's texts (Knows)
    uint32_t begin = 0;    // [begin, end) into entries_
    uint32_t end = 0;
  };
  // Open addressing by token hash: one probe (one cache line: key and value sit together) finds
  // both the IDF and the concept weights of a word.
  const Word* FindWord(uint64_t token_hash) const;
  Word* Insert(uint64_t token_hash);
  void Accumulate(const Word& word, double weight, std::vector<float>* out) const;

  std::vector<Word> slots_;
  std::vector<std::pair<uint16_t, float>> entries_;
  std::vector<std::string> labels_;  // by concept index (C lines)
  size_t concept_count_ = 0;
};

// 1 + ln(n): the sublinear term frequency of a word seen n times (n >= 1).
double LogTf(uint32_t n);

// Cosine of two L2-normalised vectors (0 when either is empty).
double Cosine(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace shortlist::engine
