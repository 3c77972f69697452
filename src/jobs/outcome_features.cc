#include "jobs/outcome_features.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace shortlist::jobs {
namespace {

std::string YearsBucket(double years) {
  if (years < 2) return "0-2";
  if (years < 5) return "2-5";
  if (years < 10) return "5-10";
  return "10+";
}

SparseFeatures Sorted(const std::map<std::string, double>& m) {
  return SparseFeatures(m.begin(), m.end());
}

// Occupation weights scaled so the strongest is 1: a resume's third occupation still counts,
// at its share of the first.
void AddOccupations(const std::vector<engine::OccupationMatch>& occupations,
                    std::map<std::string, double>* out) {
  double top = 0;
  for (const auto& o : occupations) top = std::max(top, o.weight);
  if (top <= 0) return;
  for (const auto& o : occupations) (*out)["occupation:" + o.label] = o.weight / top;
}

}  // namespace

SparseFeatures CandidateFeatures(const engine::ResumeProfile& profile,
                                 const engine::Evaluation& evaluation,
                                 const CandidateTraits& traits) {
  std::map<std::string, double> f;
  for (const auto& s : profile.skills) {
    if (!s.skill.empty() && !s.only_in_education) f["skill:" + s.skill] = 1;
  }
  for (const auto& family : traits.skill_families) f["family:" + family] = 1;
  AddOccupations(traits.occupations, &f);
  if (!traits.seniority.empty()) f["seniority:" + traits.seniority] = 1;
  if (!traits.education_level.empty()) f["education:" + traits.education_level] = 1;
  f["years:" + YearsBucket(profile.total_years_experience)] = 1;
  for (const auto& c : evaluation.breakdown) {
    // Its own past contribution is not evidence about the candidate.
    if (c.name == "account_model" || c.weight <= 0) continue;
    f["match:" + c.name] = std::clamp(c.value, 0.0, 1.0);
  }
  return Sorted(f);
}

SparseFeatures PostingFeatures(const engine::Engine& engine,
                               const engine::JobRequirements& requirements) {
  // Occupations and skills each carry half of the vector's length, so a posting without
  // recognised skills is still compared by what kind of job it is.
  constexpr int kOccupations = 5;
  std::map<std::string, double> f;
  std::vector<engine::OccupationMatch> occupations = engine.Occupations(requirements, kOccupations);
  double occ_norm = 0;
  for (const auto& o : occupations) occ_norm += o.weight * o.weight;
  for (const auto& o : occupations) {
    if (occ_norm > 0) f["occupation:" + o.label] = o.weight / std::sqrt(2 * occ_norm);
  }
  std::map<std::string, double> skills;
  for (const auto& s : requirements.skills) {
    skills["skill:" + s.skill] = s.importance == engine::Importance::kRequired ? 1.0 : 0.5;
  }
  double skill_norm = 0;
  for (const auto& [name, w] : skills) skill_norm += w * w;
  for (const auto& [name, w] : skills) f[name] = w / std::sqrt(2 * skill_norm);
  return Sorted(f);
}

double Similarity(const SparseFeatures& a, const SparseFeatures& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [n, v] : a) na += v * v;
  for (const auto& [n, v] : b) nb += v * v;
  // Postings the engine cannot place at all are one family of their own.
  if (na <= 0 && nb <= 0) return 1;
  if (na <= 0 || nb <= 0) return 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      dot += i->second * j->second;
      ++i;
      ++j;
    }
  }
  return std::clamp(dot / std::sqrt(na * nb), 0.0, 1.0);
}

std::string DescribeFeature(std::string_view name) {
  const std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return std::string(name);
  const std::string kind(name.substr(0, colon));
  std::string what(name.substr(colon + 1));
  if (kind == "family") return what + " skills";
  if (kind == "seniority") return what + " seniority";
  if (kind == "years") return what + " years of experience";
  if (kind == "education") return "a " + what + " degree";
  if (kind == "match") {
    std::replace(what.begin(), what.end(), '_', ' ');
    return "a strong " + what + " match";
  }
  return what;  // occupation, skill: the name itself
}

}  // namespace shortlist::jobs
