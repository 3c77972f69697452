#include "engine/semantic.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

constexpr double kRelatedShare = 0.5;
constexpr double kCategoryShare = 0.3;

// Concept id of a category: negative, so it never collides with a skill id.
int CategoryConcept(std::string_view category) {
  return -1 - static_cast<int>(Fnv1a(category) & 0x3fffffff);
}

}  // namespace

JobConcepts::JobConcepts(const Taxonomy& taxonomy, const JobRequirements& job) {
  std::map<int, double> concepts;
  for (const SkillRequirement& req : job.skills) {
    SkillId id = taxonomy.Find(req.skill);
    if (id == kNoSkill) continue;
    double w = req.importance == Importance::kRequired ? 1.0 : 0.5;
    const Skill& skill = taxonomy.skill(id);
    concepts[id] += w;
    for (SkillId r : skill.related) concepts[r] += w * kRelatedShare;
    concepts[CategoryConcept(skill.category)] += w * kCategoryShare;
  }
  concepts_.assign(concepts.begin(), concepts.end());
  for (const auto& c : concepts_) {
    concept_mass_ += c.second;
    const uint32_t bit = ConceptBit(c.first);
    concept_filter_[bit >> 6] |= 1ULL << (bit & 63);
  }

  std::map<uint32_t, double> grams;
  auto add = [&grams](std::string_view text, double scale) {
    ForEachToken(text, [&](std::string_view token) {
      ForEachTokenNgram(token, [&](uint32_t b, double share) { grams[b] += scale * share; });
    });
  };
  add(job.title, 3);
  add(job.text, 1);
  ngrams_.assign(grams.begin(), grams.end());
  for (auto& g : ngrams_) {
    g.second = std::min(g.second, 2.0);  // one word said ten times does not dominate
    ngram_mass_ += g.second;
  }
}

double JobConcepts::SkillGraphCoverage(const std::vector<SkillId>& resume_skills,
                                       const Taxonomy& taxonomy) const {
  if (concept_mass_ <= 0) return 0;
  // Activations of the job's concepts as a sorted list of (concept, amount), merged against the
  // job's sorted concepts: no hash map per evaluation. Sums run in a fixed order, so the result
  // is deterministic.
  std::vector<std::pair<int, double>> activation;
  activation.reserve(resume_skills.size());
  auto activate = [&](int concept_id, double amount) {
    if (MayBeJobConcept(concept_id)) activation.emplace_back(concept_id, amount);
  };
  for (SkillId id : resume_skills) {
    const Skill& skill = taxonomy.skill(id);
    activate(id, 1.0);
    for (SkillId r : skill.related) activate(r, kRelatedShare);
    activate(CategoryConcept(skill.category), kCategoryShare);
  }
  std::sort(activation.begin(), activation.end());
  double covered = 0;
  size_t a = 0;
  for (const auto& [id, w] : concepts_) {
    while (a < activation.size() && activation[a].first < id) ++a;
    double amount = 0;
    for (size_t k = a; k < activation.size() && activation[k].first == id; ++k) {
      amount += activation[k].second;
    }
    if (amount > 0) covered += w * std::min(1.0, amount);
  }
  return std::clamp(covered / concept_mass_, 0.0, 1.0);
}

double JobConcepts::NgramCoverage(const TextFeatures& resume) const {
  if (ngram_mass_ <= 0 || resume.ngram_bits.empty()) return 0;
  double covered = 0;
  for (const auto& [b, w] : ngrams_) {
    if (resume.HasNgram(b)) covered += w;
  }
  return std::clamp(covered / ngram_mass_, 0.0, 1.0);
}

double CombineSemantic(bool job_has_skills, double esa, double skill_graph, double ngrams) {
  if (!job_has_skills) return 0.8 * esa + 0.2 * ngrams;
  return 0.7 * esa + 0.15 * skill_graph + 0.15 * ngrams;
}

}  // namespace shortlist::engine
