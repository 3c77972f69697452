// Semantic similarity without a downloaded model, three parts:
//
//  1. ESA cosine (esa.h): the job's and the resume's words mapped onto ~2,900 ESCO occupation
//     concepts; the cosine of the two concept vectors. "Menu planning, sous chef, HACCP" and
//     "Chef de cuisine" land on the same cook/chef concepts without sharing a word.
//  2. Skill-graph coverage: the job becomes a weighted bag of concepts: each of its skills
//     (required 1, preferred 0.5), each related skill of those (half weight) and each skill's
//     category (0.3). The resume's skills activate the same concepts (a skill fully, a related
//     skill by half, its category by 0.3 per skill, capped at 1). Coverage =
//     sum_c job_c * min(1, resume_c) / sum_c job_c. A PostgreSQL resume partly covers a MySQL job.
//  3. Character 4-gram coverage: every job word's 4-grams hashed into 2^16 buckets; the share of
//     that mass also present in the resume's words ("accounting" ~ "accountant").
//
// similarity = 0.7 * ESA + 0.15 * skill graph + 0.15 * n-grams (0.8 / 0.2 ESA / n-grams when the
// job names no skills). The weights are the best of a few tried on the ranking benchmark
// (bench/README-engine.md); ESA carries most of the signal.
#pragma once

#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/features.h"
#include "engine/taxonomy.h"

namespace shortlist::engine {

class JobConcepts {
 public:
  JobConcepts(const Taxonomy& taxonomy, const JobRequirements& job);

  bool has_skills() const { return concept_mass_ > 0; }
  double SkillGraphCoverage(const std::vector<SkillId>& resume_skills,
                            const Taxonomy& taxonomy) const;
  double NgramCoverage(const TextFeatures& resume) const;

 private:
  // A filter over concept ids: bit ConceptBit(id) is set for each of the job's concepts, so the
  // resume's activations of other concepts (most) are dropped before they are sorted.
  static uint32_t ConceptBit(int id) { return (static_cast<uint32_t>(id) * 0x9E3779B1u) >> 20; }
  bool MayBeJobConcept(int id) const {
    const uint32_t bit = ConceptBit(id);
    return ((concept_filter_[bit >> 6] >> (bit & 63)) & 1) != 0;
  }

  std::vector<std::pair<int, double>> concepts_;  // concept id -> weight, sorted by id
  uint64_t concept_filter_[64] = {};
  double concept_mass_ = 0;
  std::vector<std::pair<uint32_t, double>> ngrams_;  // bucket -> weight, sorted by bucket
  double ngram_mass_ = 0;
};

double CombineSemantic(bool job_has_skills, double esa, double skill_graph, double ngrams);

}  // namespace shortlist::engine
