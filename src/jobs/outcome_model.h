// A per-account ranking model learned from the account's reported hiring outcomes.
//
// What it learns from: each hired or rejected candidate's blind features (outcome_features.h:
// skills, skill families, occupations, seniority, years, education level, the score's match
// features). Withdrawn says nothing about fit and is left out.
//
// Per posting family: trained for the posting being screened, each past outcome weighs by how
// similar its posting was (Similarity of their occupations and skills, squared), so outcomes on
// engineering postings barely touch a nursing posting's ranking. Trained without a posting it
// describes the account as a whole (what GET /api/v1/outcomes/model shows).
//
// The model: L2-regularised logistic regression over those sparse features, a fixed number of
// full-batch gradient steps from zero weights, features and examples in a fixed order -- so the
// same outcomes always give the same model, and the regulariser keeps what a few or noisy
// outcomes teach small. It trains in milliseconds for thousands of outcomes.
//
// Applied, it adds one explained breakdown entry, "account_model": the candidate's log-odds
// relative to the average candidate the account decided on, doubled and squashed by tanh into
// +-kMaxPoints x outcome_weight points and scaled down while it rests on few outcomes. It does
// not look at leniency (so leniency stays monotone) and sees only blind features.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "jobs/outcome_features.h"

namespace shortlist::jobs {

struct OutcomeExample {
  SparseFeatures candidate;
  SparseFeatures posting;  // PostingFeatures of the job the candidate was screened for
  bool hired = false;
};

// One learned feature: positive when hired candidates had it more often than rejected ones.
struct LearnedFeature {
  std::string feature;      // "occupation:retail banker"
  std::string description;  // DescribeFeature(feature)
  double weight = 0;
};

class OutcomeModel {
 public:
  static constexpr double kMaxPoints = 10;  // at outcome_weight 1
  // Fewer (similarity-weighted) outcomes than this, or none of one kind: no model.
  static constexpr double kMinOutcomes = 4;

  // `posting`: the features of the posting to be screened; nullptr for the account-wide model.
  // `outcome_weight` scales the contribution (0: Train answers nullopt).
  static std::optional<OutcomeModel> Train(const std::vector<OutcomeExample>& examples,
                                           const SparseFeatures* posting,
                                           double outcome_weight = 1);

  // The points this model adds for a candidate with these features (within +-max_points()).
  double Points(const SparseFeatures& candidate) const;

  // Adds the "account_model" contribution (points and, in words, the features that moved it),
  // re-clamps the score to 0-100 and recomputes `qualified` for `leniency_level`.
  void Apply(const SparseFeatures& candidate, int leniency_level,
             engine::Evaluation* evaluation) const;

  // The strongest learned features, by |weight|, at most `n`.
  std::vector<LearnedFeature> Top(int n) const;

  int hired() const { return hired_; }
  int rejected() const { return rejected_; }
  // The outcomes it rests on, each counted by its posting's similarity weight.
  double effective_outcomes() const { return effective_; }
  double max_points() const { return max_points_; }

 private:
  double Margin(const SparseFeatures& candidate, std::vector<LearnedFeature>* parts) const;

  std::vector<std::string> names_;  // sorted
  std::vector<double> weights_;     // one per name
  std::vector<double> means_;       // the weighted mean of each feature over the examples
  int hired_ = 0;
  int rejected_ = 0;
  double effective_ = 0;
  double max_points_ = kMaxPoints;
};

}  // namespace shortlist::jobs
