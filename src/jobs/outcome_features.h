// What the outcome model (outcome_model.h) sees of a candidate and of a posting: sparse, named
// features, each 0-1, built only from what the engine read in the blind text (skills, skill
// families, occupations, seniority, years, education level) and from the score breakdown. Never
// a name, contact detail, pronoun or anything else of who the candidate is: the profile's contact
// fields are not read here, and the traits come from Engine::Occupations / Seniority, which read
// blind_text.
//
// Feature names are "<kind>:<what>" (occupation:retail banker, skill:Python, family:database,
// seniority:senior, years:5-10, education:bachelor, match:required_skills); DescribeFeature turns
// one into the words an explanation uses.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "jobs/analysis.h"

namespace shortlist::jobs {

// Sorted by name, names unique.
using SparseFeatures = std::vector<std::pair<std::string, double>>;

SparseFeatures CandidateFeatures(const engine::ResumeProfile& profile,
                                 const engine::Evaluation& evaluation,
                                 const CandidateTraits& traits);

// A posting's occupations and skills: postings sharing them are "similar roles".
SparseFeatures PostingFeatures(const engine::Engine& engine,
                               const engine::JobRequirements& requirements);

// Cosine similarity of two feature vectors, 0-1: 0 when one is empty, 1 when both are.
double Similarity(const SparseFeatures& a, const SparseFeatures& b);

// "retail banker", "Python", "database skills", "senior seniority", "5-10 years of experience",
// "a bachelor degree", "a strong required skills match".
std::string DescribeFeature(std::string_view name);

}  // namespace shortlist::jobs
