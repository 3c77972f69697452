// Lexical similarity of a resume to a job: BM25 coverage of the job's words, and the TF-IDF
// cosine.
//
// The engine scores one resume at a time and has no corpus, so document frequencies come from a
// fixed background: the ESCO occupations (esa.h, WordStats::Idf) -- "culinary" or "reconcile" is
// rare there, "manage" or "ensure" is common. Words of taxonomy skill names weigh 1.5x. Length
// normalisation is off (b = 0), so adding text to a resume never lowers the value.
//   value = sum_t W_t * tf_t (k1 + 1) / (tf_t + k1)  /  sum_t W_t (k1 + 1),   k1 = 1.2,
//   W_t = idf_t * skill_t * (1 + ln qtf_t)   (qtf: count in the job; title words count 3 times)
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/esa.h"
#include "engine/features.h"

namespace shortlist::engine {

class JobTerms {
 public:
  // `skill_words` holds the TokenHash of every token of every skill alias.
  JobTerms(const WordStats& stats, const std::unordered_set<uint64_t>& skill_words,
           std::string_view title, std::string_view description);

  // 0-1 as above.
  double Similarity(const TextFeatures& resume) const;
  // The cosine of the job's and the resume's TF-IDF vectors (sublinear tf, the background IDF;
  // the title's words once more), what a TF-IDF search ranks by, with an IDF that does not
  // depend on who else applied. `resume_norm` is the resume vector's norm (WordStats).
  double TfIdfCosine(const TextFeatures& resume, double resume_norm) const;

  size_t size() const { return hashes_.size(); }

 private:
  std::vector<uint64_t> hashes_;
  std::vector<double> weights_;  // W_t
  double norm_ = 0;
  std::vector<double> tfidf_;  // the job's TF-IDF weight of each term
  std::vector<double> idf_;
  double tfidf_norm_ = 0;
};

}  // namespace shortlist::engine
