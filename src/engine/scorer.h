// (JobRequirements, ResumeProfile, leniency) -> Evaluation: the 0-100 score as a sum of named
// feature contributions, with matched and missing skills, evidence, strengths and weaknesses.
// See scorer.cc for the features and their weights.
#pragma once

#include "engine/engine.h"
#include "engine/engine_data.h"

namespace shortlist::engine {

Evaluation ScoreCandidate(const EngineData& data, const JobRequirements& job,
                          const ResumeProfile& resume, const ScoringOptions& options);

}  // namespace shortlist::engine
