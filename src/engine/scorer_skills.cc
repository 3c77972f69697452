#include "engine/scorer_skills.h"

#include <optional>

namespace shortlist::engine {
namespace {

// A requirement met at least this share of the way by its years earns kYearsFloor of its credit
// for being named at all: "5+ years of Python" with 2 years of it is far from no Python.
constexpr double kYearsFloor = 0.6;

GapSeverity OneStepLower(GapSeverity s) {
  return s == GapSeverity::kCritical ? GapSeverity::kModerate : GapSeverity::kMinor;
}

// One requirement's outcome, before alternatives are folded.
struct Outcome {
  const SkillRequirement* req = nullptr;
  std::string name;
  bool required = false;
  double credit = 0;
  double weight = 1;
  bool direct = false;
  double years_shown = 0;               // YearsShown of a skill the resume names itself
  std::optional<MatchedSkill> matched;  // direct, or through a related skill (via set)
  std::optional<MissingSkill> missing;  // not named: also set for a related match
};

// How the job asks for this skill to be missed: moderate, or its knockout's severity, or
// critical when years of it are asked.
GapSeverity MissSeverity(const JobRequirements& job, const Outcome& o) {
  if (!o.required) return GapSeverity::kMinor;
  GapSeverity severity = GapSeverity::kModerate;
  for (const Knockout& k : job.knockouts) {
    if (k.skill == o.name && k.kind != Knockout::Kind::kDegree) severity = k.severity;
  }
  if (o.req->min_years > 0) severity = GapSeverity::kCritical;
  return severity;
}

Outcome Assess(const EngineData& data, const JobRequirements& job, const ResumeProfile& resume,
               const JobFeatures& jf, const SkillIndex& has, const Leniency& len, size_t r) {
  const SkillRequirement& req = job.skills[r];
  Outcome o;
  o.req = &req;
  o.required = req.importance == Importance::kRequired;
  const SkillId id = jf.requirement_ids[r];
  o.name = jf.requirement_names[r];
  o.weight = jf.requirement_weights[r];
  if (const SkillMention* m = id == kNoSkill ? nullptr : has.Find(id)) {
    o.credit = 1;
    o.years_shown = YearsShown(*m, resume);
    if (o.required && req.min_years > 0) {
      const double share = std::min(1.0, o.years_shown / (req.min_years * len.years_factor()));
      o.credit = kYearsFloor + (1 - kYearsFloor) * share;
    }
    o.direct = true;
    o.matched = MatchedSkill{o.name, "", o.credit, m->evidence, m->years};
    return o;
  }
  o.missing = MissingSkill{o.name, o.required, MissSeverity(job, o)};
  // The best related skill the resume has earns partial credit, and lowers the gap one step.
  const SkillMention* via = nullptr;
  if (id != kNoSkill) {
    for (SkillId rel : data.taxonomy.skill(id).related) {
      if ((via = has.Find(rel)) != nullptr) break;
    }
  }
  if (via != nullptr) {
    o.credit = len.related_credit();
    o.matched = MatchedSkill{o.name, via->skill, o.credit, via->evidence, via->years};
    o.missing->severity = OneStepLower(o.missing->severity);
  }
  return o;
}

}  // namespace

SkillIndex::SkillIndex(const std::vector<SkillId>& ids, const std::vector<SkillMention>& mentions) {
  entries_.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] != kNoSkill) entries_.emplace_back(ids[i], &mentions[i]);
  }
  std::sort(entries_.begin(), entries_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  // Keep the first mention of an id.
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 entries_.end());
}

const SkillMention* SkillIndex::Find(SkillId id) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), id,
                             [](const auto& e, SkillId v) { return e.first < v; });
  return it != entries_.end() && it->first == id ? it->second : nullptr;
}

std::vector<SkillId> SkillIndex::Ids() const {
  std::vector<SkillId> ids;
  ids.reserve(entries_.size());
  for (const auto& e : entries_) ids.push_back(e.first);
  return ids;
}

double YearsShown(const SkillMention& m, const ResumeProfile& r) {
  return m.only_in_education ? m.years : std::max(m.years, 0.5 * r.total_years_experience);
}

std::string JoinNames(const std::vector<std::string>& names, size_t max) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  if (names.size() > max) out += " and " + std::to_string(names.size() - max) + " more";
  return out;
}

bool SkillCoverage::MetDirectly(const std::string& skill) const {
  if (matched_direct.count(skill) > 0) return true;
  auto g = group_of->find(skill);
  return g != group_of->end() && groups_met.count(g->second) > 0;
}

bool SkillCoverage::AlternativeHasYears(const std::string& skill, double years) const {
  auto g = group_of->find(skill);
  if (g == group_of->end()) return false;
  for (const auto& [group, shown] : group_years) {
    if (group == g->second && shown >= years) return true;
  }
  return false;
}

SkillCoverage ScoreSkills(const EngineData& data, const JobRequirements& job,
                          const ResumeProfile& resume, const JobFeatures& jf, const SkillIndex& has,
                          const Leniency& len, std::vector<MatchedSkill>* matched,
                          std::vector<MatchedSkill>* related, std::vector<MissingSkill>* missing) {
  std::vector<Outcome> outcomes;
  outcomes.reserve(job.skills.size());
  for (size_t r = 0; r < job.skills.size(); ++r) {
    outcomes.push_back(Assess(data, job, resume, jf, has, len, r));
  }
  // Alternatives: the member with the best credit stands for its group; the others are
  // neither counted nor reported, unless the group is unmet (then all are missing).
  std::unordered_map<int, size_t> best_of_group;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const int g = outcomes[i].req->alternative_group;
    if (g <= 0) continue;
    auto [it, inserted] = best_of_group.try_emplace(g, i);
    if (!inserted && outcomes[i].credit > outcomes[it->second].credit) it->second = i;
  }
  SkillCoverage c;
  c.group_of = &jf.group_of;
  double sum[2] = {0, 0};     // weighted credit: preferred, required
  double weight[2] = {0, 0};  // total weight
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& o = outcomes[i];
    const int g = o.req->alternative_group;
    if (o.direct && g > 0) {
      c.groups_met.insert(g);
      c.group_years.emplace_back(g, o.years_shown);
    }
    if (g > 0 && best_of_group[g] != i) {
      if (outcomes[best_of_group[g]].credit <= 0 && o.missing) missing->push_back(*o.missing);
      continue;
    }
    if (o.direct) {
      matched->push_back(*o.matched);
      c.matched_direct.insert(o.name);
      if (o.required) c.strong_names.push_back(o.name);
      (o.required ? c.required_direct : c.preferred_direct)++;
    } else if (o.matched) {
      related->push_back(*o.matched);
      c.related_names.push_back(o.name + " (via " + o.matched->via + ")");
      if (o.required) c.required_related++;
    }
    if (o.missing) {
      missing->push_back(*o.missing);
      if (o.required) {
        c.missing_required_names.push_back(o.matched ? o.name + " (related: " + o.matched->via + ")"
                                                     : o.name);
      }
    }
    (o.required ? c.required_n : c.preferred_n)++;
    sum[o.required] += o.weight * o.credit;
    weight[o.required] += o.weight;
  }
  c.required_value = weight[1] > 0 ? sum[1] / weight[1] : 0;
  c.required_weight = weight[1];
  c.preferred_value = weight[0] > 0 ? sum[0] / weight[0] : 0;
  return c;
}

}  // namespace shortlist::engine
