// The skills part of scoring: how much of what the job asks the resume shows, directly or
// through a related skill, with alternatives ("Python or Go") met by any one member.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/prepared.h"

namespace shortlist::engine {

// Leniency L (1..10): every use of it acts in the candidate's favour as L grows.
struct Leniency {
  explicit Leniency(int level) : l(std::clamp(level, 1, 10)) {}
  int l;
  static constexpr double kRelatedCreditBase = 0.30;
  static constexpr double kRelatedCreditPerLevel = 0.03;
  static constexpr double kYearsEasedPerLevel = 0.045;
  double penalty_scale() const { return (11 - l) / 10.0; }
  double related_credit() const { return kRelatedCreditBase + kRelatedCreditPerLevel * l; }
  double years_factor() const { return 1.0 - kYearsEasedPerLevel * (l - 1); }
  double education_gap_closed() const { return (l - 1) / 18.0; }
};

// The resume's skills by taxonomy id: a sorted vector, cheaper than a hash map for the few dozen
// skills of a resume.
class SkillIndex {
 public:
  SkillIndex(const std::vector<SkillId>& ids, const std::vector<SkillMention>& mentions);
  // The mention of `id`, or nullptr.
  const SkillMention* Find(SkillId id) const;
  std::vector<SkillId> Ids() const;

 private:
  std::vector<std::pair<SkillId, const SkillMention*>> entries_;
};

// Years of a skill a resume shows toward "N+ years of X": its dated years, or, when it is named
// in the work, skills or summary, at least half the career (a skills list carries no dates). A
// subject only studied ("Bachelor of Fine Arts") shows no years beyond its dated ones.
double YearsShown(const SkillMention& m, const ResumeProfile& r);

// "A, B, C and 2 more".
std::string JoinNames(const std::vector<std::string>& names, size_t max);

struct SkillCoverage {
  // Requirements counted (a group of alternatives once) and the weighted mean credit (0-1).
  int required_n = 0;
  int preferred_n = 0;
  double required_value = 0;
  double preferred_value = 0;
  double required_weight = 0;  // the required skills' summed weights (generic and common: less)
  int required_direct = 0;     // met by a skill the resume names
  int required_related = 0;    // met in part through a related skill
  int preferred_direct = 0;
  std::vector<std::string> strong_names;            // required skills the resume names
  std::vector<std::string> missing_required_names;  // "Kubernetes (related: Docker)"
  std::vector<std::string> related_names;           // "Kubernetes (via Docker)"

  // Whether `skill`, or an alternative of its group, is one the resume names.
  bool MetDirectly(const std::string& skill) const;
  // Whether an alternative of `skill`'s group that the resume names shows `years`.
  bool AlternativeHasYears(const std::string& skill, double years) const;

  std::unordered_set<std::string> matched_direct;
  std::unordered_set<int> groups_met;
  const std::unordered_map<std::string, int>* group_of = nullptr;
  std::vector<std::pair<int, double>> group_years;  // (group, years shown) of direct matches
};

// Scores the job's skills against the resume's; fills the evaluation's matched skills (named in
// the resume), related skills (partial credit through a related one) and missing skills (every
// required or preferred skill not named, related or not).
SkillCoverage ScoreSkills(const EngineData& data, const JobRequirements& job,
                          const ResumeProfile& resume, const JobFeatures& jf, const SkillIndex& has,
                          const Leniency& len, std::vector<MatchedSkill>* matched,
                          std::vector<MatchedSkill>* related, std::vector<MissingSkill>* missing);

}  // namespace shortlist::engine
