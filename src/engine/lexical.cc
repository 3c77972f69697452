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
  ForEachToken(title, [&](std::string_view t) { counts[TokenHash(t)] += 3; });
  ForEachToken(description, [&](std::string_view t) { ++counts[TokenHash(t)]; });
  for (const auto& [h, qtf] : counts) {
    double w = stats.Idf(h) * (skill_words.count(h) ? kSkillWordBoost : 1.0) *
               (1.0 + std::log(static_cast<double>(qtf)));
    hashes_.push_back(h);
    weights_.push_back(w);
    norm_ += w * (kK1 + 1);
  }
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

}  // namespace shortlist::engine
