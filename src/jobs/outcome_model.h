// A per-account ranking model learned from the account's reported hiring outcomes.
//
// Logistic regression over the engine's named feature values (each 0-1, from the score
// breakdown), trained by a fixed number of full-batch gradient steps from zero weights, so the
// same outcomes always give the same model. Hired counts 1, rejected 0; withdrawn says nothing
// about fit and is left out. It needs at least kMinOutcomes usable outcomes of both kinds.
//
// Applied to a later evaluation of the same account it adds one explained breakdown entry,
// "account_model", worth (p - 0.5) * kMaxPoints points, p being the predicted chance of a hire:
// the score moves at most kMaxPoints/2 either way and stays a sum of named contributions. It
// does not look at leniency, so leniency stays monotone, and it sees only engine features, so
// scores stay blind to who the candidate is.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "model/candidate.h"

namespace shortlist::jobs {

class OutcomeModel {
 public:
  static constexpr int kMinOutcomes = 6;
  static constexpr double kMaxPoints = 20;

  // nullopt when the outcomes are too few or all of one kind.
  static std::optional<OutcomeModel> Train(const std::vector<model::OutcomeRecord>& outcomes);

  // Predicted probability (0-1) that the account hires a candidate so evaluated.
  double Predict(const engine::Evaluation& evaluation) const;

  // Adds the "account_model" contribution, re-clamps the score to 0-100 and recomputes
  // `qualified` for `leniency_level`.
  void Apply(int leniency_level, engine::Evaluation* evaluation) const;

  int trained_on() const { return trained_on_; }

 private:
  std::vector<double> Features(const engine::Evaluation& evaluation) const;

  std::vector<std::string> names_;  // feature order
  std::vector<double> weights_;     // one per name
  double bias_ = 0;
  int trained_on_ = 0;
};

}  // namespace shortlist::jobs
