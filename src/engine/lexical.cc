#include "engine/lexical.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

constexpr double kK1 = 1.2;
constexpr double kSkillWordBoost = 1.5;

}  // namespace

JobTerms::JobTerms(const WordStats& stats, const std::unordered_set<uint64_t>& skill_words,
                   std::string_view title, std::string_view description) {
  std::map<uint64_t, int> counts;  // ordered: deterministic sums
  std::map<uint64_t, int> plain;   // the counts as written (the title once)
  ForEachToken(title, [&](std::string_view t) {
    counts[TokenHash(t)] += 3;
    ++plain[TokenHash(t)];
  });
  ForEachToken(description, [&](std::string_view t) {
    ++counts[TokenHash(t)];
    ++plain[TokenHash(t)];
  });
  double squares = 0;
  for (const auto& [h, qtf] : counts) {
    const double idf = stats.Idf(h);
    double w = idf * (skill_words.count(h) ? kSkillWordBoost : 1.0) *
               (1.0 + std::log(static_cast<double>(qtf)));
    hashes_.push_back(h);
    weights_.push_back(w);
    norm_ += w * (kK1 + 1);
    const double t = LogTf(static_cast<uint32_t>(plain[h])) * idf;
    tfidf_.push_back(t);
    idf_.push_back(idf);
    squares += t * t;
  }
  tfidf_norm_ = std::sqrt(squares);
}

double JobTerms::Similarity(const TextFeatures& resume) const {
  if (norm_ <= 0) return 0;
  double sum = 0;
  for (size_t i = 0; i < hashes_.size(); ++i) {
    uint32_t tf = resume.Count(hashes_[i]);
    if (tf == 0) continue;
    sum += weights_[i] * tf * (kK1 + 1) / (tf + kK1);
  }
  return std::clamp(sum / norm_, 0.0, 1.0);
}

double JobTerms::TfIdfCosine(const TextFeatures& resume, double resume_norm) const {
  if (tfidf_norm_ <= 0 || resume_norm <= 0) return 0;
  double dot = 0;
  for (size_t i = 0; i < hashes_.size(); ++i) {
    const uint32_t tf = resume.Count(hashes_[i]);
    if (tf != 0) dot += tfidf_[i] * LogTf(tf) * idf_[i];
  }
  return std::clamp(dot / (tfidf_norm_ * resume_norm), 0.0, 1.0);
}

}  // namespace shortlist::engine
