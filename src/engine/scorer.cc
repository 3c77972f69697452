// Scoring. The score is the sum of these contributions (then rounded and clamped to 0-100):
//
//   feature            weight  value (0-1)
//   required_skills      20    weighted mean credit over required skills: 1 for a direct match
//                              (with a minimum of years: 0.6 + 0.4 * min(1, years / needed)), a
//                              related skill earns related_credit(L) = 0.30 + 0.03 L; generic
//                              skills (data/generic_skills.tsv: Excel, communication...) weigh 0.35
//   preferred_skills      5    the same over preferred skills (no years)
//   experience           10    min(1, relevant years / needed years); relevant years are the
//                              merged ranges of jobs that name a job skill or share the title
//   education             5    1 when the degree meets the requirement (or none is asked), 0.5
//                              one level below, less otherwise; lenient runs close the gap
//   title_fit            25    0.35 * IDF-weighted title word overlap (headline, recent titles;
//                              or 0.6 x the share of skills the job title names that the
//                              resume has, generic ones at their 0.35 weight)
//                              + 0.45 * ESA cosine of the job title and those titles (the
//                              two older titles at 1/4 weight, prepared.cc)
//                              + 0.20 * fit of seniority (years and title words) to the job's
//   lexical_bm25         15    min(1, BM25 coverage of the job's words / 0.5), lexical.h
//   semantic             20    ESA + skill-graph + character n-gram similarity, semantic.h
//   knockouts       -(0..30)   per unmet knockout: critical 12, moderate 6, minor 2, x p(L)
//   flags           -(0..16)   keyword_stuffing 8, too_short 5, duplicated_blocks 3, x p(L)
//
// The weights put "is this the same kind of job" (title, semantic, lexical: 60) ahead of "how
// complete is the candidate" (skills, years, degree: 40); chosen on the ranking benchmark
// (bench/README-engine.md) among splits that keep required skills the largest single
// qualification feature.
//
// Leniency L (1..10) acts only in the candidate's favour as it grows: the penalty scale
// p(L) = (11 - L) / 10 falls, related_credit(L) rises, needed years are scaled by
// 1 - 0.045 (L - 1) (1.0 at L = 1, 0.6 at L = 10), and the education gap shrinks by (L - 1) / 18.
// Every feature is non-decreasing in L, so the score is too.
//
// Blindness: the resume side of every feature reads only skills, dated entries, degrees and
// `blind_text` (identity masked), never the contact block.
#include "engine/scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "engine/dates.h"
#include "engine/esa.h"
#include "engine/prepared.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

// The resume's skills by taxonomy id: a sorted vector, cheaper than a hash map for the few dozen
// skills of a resume.
class SkillIndex {
 public:
  SkillIndex(const std::vector<SkillId>& ids, const std::vector<SkillMention>& mentions) {
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
  // The mention of `id`, or nullptr.
  const SkillMention* Find(SkillId id) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), id,
                               [](const auto& e, SkillId v) { return e.first < v; });
    return it != entries_.end() && it->first == id ? it->second : nullptr;
  }
  std::vector<SkillId> Ids() const {
    std::vector<SkillId> ids;
    ids.reserve(entries_.size());
    for (const auto& e : entries_) ids.push_back(e.first);
    return ids;
  }

 private:
  std::vector<std::pair<SkillId, const SkillMention*>> entries_;
};

constexpr double kRequiredWeight = 20;
constexpr double kPreferredWeight = 5;
constexpr double kExperienceWeight = 10;
constexpr double kEducationWeight = 5;
constexpr double kTitleWeight = 25;
constexpr double kLexicalWeight = 15;
constexpr double kSemanticWeight = 20;
constexpr double kLexicalFullAt = 0.5;  // BM25 coverage that earns the full lexical weight
constexpr double kKnockoutPoints[] = {12, 6, 2};  // critical, moderate, minor
constexpr double kMaxKnockoutPenalty = 30;

struct Leniency {
  explicit Leniency(int level) : l(std::clamp(level, 1, 10)) {}
  int l;
  double penalty_scale() const { return (11 - l) / 10.0; }
  double related_credit() const { return 0.30 + 0.03 * l; }
  double years_factor() const { return 1.0 - 0.045 * (l - 1); }
  double education_gap_closed() const { return (l - 1) / 18.0; }
};

std::string Fmt(const char* format, double a) {
  char buf[128];
  std::snprintf(buf, sizeof(buf), format, a);
  return buf;
}
std::string Fmt2(const char* format, double a, double b) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), format, a, b);
  return buf;
}

std::string JoinNames(const std::vector<std::string>& names, size_t max) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  if (names.size() > max) out += Fmt(" and %.0f more", static_cast<double>(names.size() - max));
  return out;
}

// IDF-weighted share of the job title's stems that the candidate title has.
double TitleOverlap(const std::vector<TitleStem>& job, const std::vector<TitleStem>& cand) {
  if (job.empty() || cand.empty()) return 0;
  double hit = 0;
  double total = 0;
  for (const TitleStem& s : job) {
    total += s.idf;
    for (const TitleStem& c : cand) {
      if (SameTitleWord(c, s)) {
        hit += s.idf;
        break;
      }
    }
  }
  return total > 0 ? hit / total : 0;
}

// Years of a skill a resume shows toward "N+ years of X": its dated years, or, when it is named
// in the work, skills or summary, at least half the career (a skills list carries no dates). A
// subject only studied ("Bachelor of Fine Arts") shows no years beyond its dated ones.
double YearsShown(const SkillMention& m, const ResumeProfile& r) {
  return m.only_in_education ? m.years : std::max(m.years, 0.5 * r.total_years_experience);
}

std::pair<MonthIndex, MonthIndex> EntryMonths(const ExperienceEntry& e) {
  if (e.start_year == 0) return {0, 0};
  MonthIndex first = ToMonthIndex(e.start_year, e.start_month ? e.start_month : 1);
  return {first, first + static_cast<int>(std::lround(e.years * 12))};
}

int ResumeSeniorityRank(const EngineData& data, const ResumeProfile& r) {
  double y = r.total_years_experience;
  int by_years = y < 2 ? 1 : y < 5 ? 2 : y < 8 ? 3 : 4;
  int by_title = 0;
  if (!r.experience.empty()) {
    by_title = EngineData::SeniorityRank(data.SeniorityOfTitle(r.experience.front().title));
  }
  if (by_title == 0 && !r.headline.empty()) {
    by_title = EngineData::SeniorityRank(data.SeniorityOfTitle(r.headline));
  }
  return std::max(by_years, by_title);
}

}  // namespace

Evaluation ScoreCandidate(const EngineData& data, const JobRequirements& job,
                          const ResumeProfile& resume, const ScoringOptions& options) {
  const Leniency len(options.leniency_level);
  const Taxonomy& tax = data.taxonomy;
  Evaluation ev;
  ev.flags = resume.flags;

  // Job-side data is prepared once per job (JobFeatures), resume-side once per resume.
  std::shared_ptr<const JobFeatures> jf = JobFeaturesFor(data, job);
  std::shared_ptr<const ResumeFeatures> rf = ResumeFeaturesFor(data, resume);
  // Resume skills by taxonomy id.
  const SkillIndex has(SkillIdsFor(data, resume, *rf), resume.skills);

  // --- skills
  double required_sum = 0;  // weighted credit
  double preferred_sum = 0;
  double required_w = 0;  // total weight
  double preferred_w = 0;
  int required_n = 0;
  int preferred_n = 0;
  double required_credit = 0;  // unweighted, for the explanation
  double preferred_credit = 0;
  std::unordered_set<std::string> matched_direct;  // canonical names matched directly
  std::vector<std::string> strong_names;
  std::vector<std::string> missing_required_names;
  std::vector<std::string> related_names;
  const std::unordered_set<std::string>& job_skill_names = jf->skill_names;  // relevant experience
  // Each requirement's outcome first; alternatives ("Python or Go") are then folded so that the
  // best member stands for its group and the others are neither counted nor reported missing.
  struct Outcome {
    const SkillRequirement* req = nullptr;
    std::string name;
    bool required = false;
    double credit = 0;
    double weight = 1;
    bool direct = false;
    double years_shown = 0;  // YearsShown of a skill the resume names itself
    std::optional<MatchedSkill> matched;
    std::optional<MissingSkill> missing;
  };
  std::vector<Outcome> outcomes;
  outcomes.reserve(job.skills.size());
  for (size_t r = 0; r < job.skills.size(); ++r) {
    const SkillRequirement& req = job.skills[r];
    Outcome o;
    o.req = &req;
    o.required = req.importance == Importance::kRequired;
    SkillId id = jf->requirement_ids[r];
    o.name = jf->requirement_names[r];
    o.weight = jf->requirement_weights[r];
    const SkillMention* found = id == kNoSkill ? nullptr : has.Find(id);
    if (found) {
      const SkillMention& m = *found;
      o.credit = 1;
      o.years_shown = YearsShown(m, resume);
      if (o.required && req.min_years > 0) {
        o.credit = 0.6 + 0.4 * std::min(1.0, o.years_shown / (req.min_years * len.years_factor()));
      }
      o.direct = true;
      o.matched = MatchedSkill{o.name, "", o.credit, m.evidence, m.years};
    } else {
      // Best related skill the resume has.
      const SkillMention* via = nullptr;
      if (id != kNoSkill) {
        for (SkillId rel : tax.skill(id).related) {
          via = has.Find(rel);
          if (via) break;
        }
      }
      if (via) {
        o.credit = len.related_credit();
        o.matched = MatchedSkill{o.name, via->skill, o.credit, via->evidence, via->years};
      } else {
        MissingSkill miss;
        miss.skill = o.name;
        miss.required = o.required;
        miss.severity = o.required ? GapSeverity::kModerate : GapSeverity::kMinor;
        if (o.required) {
          for (const Knockout& k : job.knockouts) {
            if (k.skill == o.name && k.kind != Knockout::Kind::kDegree) miss.severity = k.severity;
          }
          if (req.min_years > 0) miss.severity = GapSeverity::kCritical;
        }
        o.missing = miss;
      }
    }
    outcomes.push_back(std::move(o));
  }
  // Fold alternative groups: the member with the best credit represents the group.
  std::unordered_map<int, size_t> best_of_group;  // group -> index into outcomes
  for (size_t i = 0; i < outcomes.size(); ++i) {
    int g = outcomes[i].req->alternative_group;
    if (g <= 0) continue;
    auto [it, inserted] = best_of_group.try_emplace(g, i);
    if (!inserted && outcomes[i].credit > outcomes[it->second].credit) it->second = i;
  }
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& o = outcomes[i];
    int g = o.req->alternative_group;
    bool represents = g <= 0 || best_of_group[g] == i;
    if (!represents) {
      // Another alternative stands for the group. If the group is unmet, its members are all
      // missing; if it is met, this one is simply not needed.
      if (outcomes[best_of_group[g]].credit <= 0 && o.missing)
        ev.missing_skills.push_back(*o.missing);
      continue;
    }
    if (o.matched) ev.matched_skills.push_back(*o.matched);
    if (o.direct) {
      matched_direct.insert(o.name);
      if (o.required) strong_names.push_back(o.name);
    } else if (o.matched) {
      related_names.push_back(o.name + " (via " + o.matched->via + ")");
    }
    if (o.missing) {
      ev.missing_skills.push_back(*o.missing);
      if (o.required) missing_required_names.push_back(o.name);
    }
    (o.required ? required_n : preferred_n)++;
    (o.required ? required_sum : preferred_sum) += o.weight * o.credit;
    (o.required ? required_w : preferred_w) += o.weight;
    (o.required ? required_credit : preferred_credit) += o.credit;
  }
  // A knockout on one alternative is met by any member of its group met directly.
  const std::unordered_map<std::string, int>& group_of = jf->group_of;
  std::unordered_set<int> groups_met;
  for (const Outcome& o : outcomes) {
    if (o.direct && o.req->alternative_group > 0) groups_met.insert(o.req->alternative_group);
  }

  // --- lexical and semantic (read once; used as fall-backs when the job names no skills)
  double lexical_raw = jf->terms.Similarity(rf->text);
  double lexical = std::min(1.0, lexical_raw / kLexicalFullAt);
  const std::vector<SkillId> resume_skill_ids = has.Ids();  // sorted
  // Cosines of related texts sit around 0.3-0.6; the square root spreads them over the 0-1
  // range a recruiter reads (monotone, so rankings are unchanged within the feature).
  double esa = std::sqrt(Cosine(jf->esa, rf->concepts));
  double skill_graph = jf->concepts.SkillGraphCoverage(resume_skill_ids, tax);
  double ngrams = jf->concepts.NgramCoverage(rf->text);
  ev.semantic_similarity = CombineSemantic(jf->concepts.has_skills(), esa, skill_graph, ngrams);

  double required_value =
      required_n ? required_sum / required_w : 0.5 * (lexical + ev.semantic_similarity);
  double preferred_value = preferred_n ? preferred_sum / preferred_w : required_value;

  // --- experience
  const std::vector<TitleStem>& job_title_stems = jf->title_stems;
  std::vector<std::pair<MonthIndex, MonthIndex>> relevant;
  for (const ExperienceEntry& e : resume.experience) {
    bool counts = job_skill_names.empty() && job_title_stems.empty();
    for (const std::string& s : e.skills) {
      if (job_skill_names.count(s)) counts = true;
    }
    if (!counts && TitleOverlap(job_title_stems, TitleStems(data, e.title)) >= 0.5) counts = true;
    if (counts) relevant.push_back(EntryMonths(e));
  }
  ev.experience_years_relevant = std::round(UnionYears(relevant) * 10) / 10;
  double needed = job.min_years_experience;
  for (const SkillRequirement& r : job.skills) {
    if (r.importance == Importance::kRequired) needed = std::max(needed, r.min_years);
  }
  bool years_asked = needed > 0;
  if (!years_asked) {
    static constexpr double kBySeniority[] = {2, 1, 3, 5, 7, 10};
    needed = kBySeniority[EngineData::SeniorityRank(job.seniority)];
  }
  double experience_value =
      std::min(1.0, ev.experience_years_relevant / (needed * len.years_factor()));

  // --- education
  DegreeLevel best = DegreeLevel::kNone;
  for (const EducationEntry& e : resume.education) best = std::max(best, e.level);
  double education_value = 1;
  if (job.min_degree != DegreeLevel::kNone && best < job.min_degree) {
    int gap = static_cast<int>(job.min_degree) - static_cast<int>(best);
    education_value = gap == 1 ? 0.5 : 0.15;
    if (!job.degree_required) {
      education_value =
          std::max(education_value, 0.8 * std::min(1.0, ev.experience_years_relevant / 4));
    }
    education_value += (1 - education_value) * len.education_gap_closed();
  }

  // --- title and seniority
  double overlap = 1;
  if (!job_title_stems.empty()) {
    overlap = TitleOverlap(job_title_stems, TitleStems(data, resume.headline));
    double weight = 1.0;
    for (size_t i = 0; i < resume.experience.size() && i < 3; ++i) {
      overlap = std::max(
          overlap,
          weight * TitleOverlap(job_title_stems, TitleStems(data, resume.experience[i].title)));
      weight -= 0.15;
    }
    // Skills the title names ("Accountant" -> Accounting) that the resume has. A generic one
    // ("Operations", "Team leadership") says little about the occupation, as nearly every
    // resume has it, so it counts at its generic weight.
    if (!jf->title_skills.empty()) {
      double hit = 0;
      for (SkillId id : jf->title_skills) hit += has.Find(id) ? data.SkillWeight(id) : 0;
      overlap = std::max(overlap, 0.6 * hit / static_cast<double>(jf->title_skills.size()));
    }
  }
  int job_rank = EngineData::SeniorityRank(job.seniority);
  int resume_rank = ResumeSeniorityRank(data, resume);
  double seniority_fit = job_rank == 0 || resume_rank >= job_rank
                             ? 1
                             : std::max(0.0, 1 - 0.35 * (job_rank - resume_rank));
  double title_concepts =
      job_title_stems.empty() ? 1 : std::sqrt(Cosine(jf->title_esa, rf->title_concepts));
  double title_value = 0.35 * overlap + 0.45 * title_concepts + 0.2 * seniority_fit;

  // --- knockouts
  std::vector<std::string> failed;
  double knockout_penalty = 0;
  for (const Knockout& k : job.knockouts) {
    bool met = true;
    switch (k.kind) {
      case Knockout::Kind::kSkill: {
        met = matched_direct.count(k.skill) > 0;
        auto g = group_of.find(k.skill);
        if (!met && g != group_of.end()) met = groups_met.count(g->second) > 0;
        break;
      }
      case Knockout::Kind::kYears: {
        double have = ev.experience_years_relevant;
        if (!k.skill.empty()) {
          SkillId id = tax.Find(k.skill);
          const SkillMention* m = id == kNoSkill ? nullptr : has.Find(id);
          have = m ? YearsShown(*m, resume) : 0;
        }
        met = have >= k.min_years * len.years_factor();
        // "5+ years of Python or Go": the years of any alternative count.
        auto g = k.skill.empty() ? group_of.end() : group_of.find(k.skill);
        if (!met && g != group_of.end()) {
          for (const Outcome& o : outcomes) {
            if (o.req->alternative_group != g->second || !o.matched || !o.direct) continue;
            if (o.years_shown >= k.min_years * len.years_factor()) met = true;
          }
        }
        break;
      }
      case Knockout::Kind::kDegree:
        met = best >= k.min_degree;
        break;
    }
    if (met) continue;
    ev.failed_knockouts.push_back(k);
    failed.push_back(k.description);
    knockout_penalty += kKnockoutPoints[static_cast<int>(k.severity)];
  }
  knockout_penalty = std::min(knockout_penalty, kMaxKnockoutPenalty) * len.penalty_scale();

  double flag_penalty = 0;
  for (const std::string& f : resume.flags) {
    if (f == "keyword_stuffing") flag_penalty += 8;
    if (f == "too_short") flag_penalty += 5;
    if (f == "duplicated_blocks") flag_penalty += 3;
  }
  flag_penalty *= len.penalty_scale();

  auto add = [&ev](std::string name, double value, double weight, std::string why) {
    ev.breakdown.push_back(
        FeatureContribution{std::move(name), value, weight, value * weight, std::move(why)});
  };
  add("required_skills", required_value, kRequiredWeight,
      required_n ? Fmt2("Covers %.1f of %.0f required skills (related skills earn partial credit; "
                        "generic ones like Excel weigh less).",
                        required_credit, required_n)
                 : "The job lists no required skills; credited from text similarity.");
  add("preferred_skills", preferred_value, kPreferredWeight,
      preferred_n ? Fmt2("Covers %.1f of %.0f preferred skills.", preferred_credit, preferred_n)
                  : "The job lists no preferred skills; credited like the required ones.");
  add("experience", experience_value, kExperienceWeight,
      Fmt2("%.1f years of relevant experience against %.1f expected.", ev.experience_years_relevant,
           needed));
  add("education", education_value, kEducationWeight,
      job.min_degree == DegreeLevel::kNone
          ? "The job asks for no degree."
          : std::string("Highest degree found: ") + std::string(ToString(best)) +
                "; the job asks for " + std::string(ToString(job.min_degree)) + ".");
  add("title_fit", title_value, kTitleWeight,
      Fmt2("Title words overlap %.0f%%, occupation similarity %.0f%%", overlap * 100,
           title_concepts * 100) +
          Fmt(", seniority fit %.0f%%.", seniority_fit * 100));
  add("lexical_bm25", lexical, kLexicalWeight,
      Fmt("BM25 coverage of the job description's words: %.2f.", lexical_raw));
  add("semantic", ev.semantic_similarity, kSemanticWeight,
      Fmt2("Semantic similarity %.2f (occupation-concept cosine %.2f, skill graph and n-grams).",
           ev.semantic_similarity, esa));
  if (!job.knockouts.empty()) {
    ev.breakdown.push_back(FeatureContribution{
        "knockouts",
        job.knockouts.empty() ? 0 : static_cast<double>(failed.size()) / job.knockouts.size(),
        -kMaxKnockoutPenalty, 0.0 - knockout_penalty,  // +0, not -0, when none is incurred
        failed.empty() ? "Meets every knockout requirement."
                       : "Does not meet: " + JoinNames(failed, 4) + "."});
  }
  if (flag_penalty > 0) {
    ev.breakdown.push_back(FeatureContribution{
        "flags", 1, -16, -flag_penalty, "Resume flagged: " + JoinNames(resume.flags, 3) + "."});
  }
  double total = 0;
  for (const FeatureContribution& c : ev.breakdown) total += c.points;
  ev.raw_score = std::clamp(total, 0.0, 100.0);
  ev.score = static_cast<int>(std::lround(ev.raw_score));
  ev.qualified = ev.score >= QualifyingThreshold(len.l);

  // --- strengths and weaknesses, from what was found
  if (!strong_names.empty()) {
    ev.strengths.push_back("Has required skills: " + JoinNames(strong_names, 6) + ".");
  }
  if (!related_names.empty()) {
    ev.strengths.push_back("Related experience for: " + JoinNames(related_names, 4) + ".");
  }
  if (experience_value >= 1 && ev.experience_years_relevant > 0) {
    ev.strengths.push_back(Fmt2("%.1f years of relevant experience (%.1f expected).",
                                ev.experience_years_relevant, needed));
  }
  if (job.min_degree != DegreeLevel::kNone && best >= job.min_degree) {
    ev.strengths.push_back("Meets the degree requirement (" + std::string(ToString(best)) + ").");
  }
  if (overlap >= 0.99 && !job_title_stems.empty()) {
    ev.strengths.push_back("Has held the role: title matches \"" + job.title + "\".");
  }
  if (!missing_required_names.empty()) {
    ev.weaknesses.push_back("Missing required skills: " + JoinNames(missing_required_names, 6) +
                            ".");
  }
  if (experience_value < 1 && years_asked) {
    ev.weaknesses.push_back(Fmt2("%.1f years of relevant experience; the job asks for %.1f.",
                                 ev.experience_years_relevant, needed));
  }
  if (job.min_degree != DegreeLevel::kNone && best < job.min_degree) {
    ev.weaknesses.push_back(
        "No " + std::string(ToString(job.min_degree)) + " degree found" +
        (job.degree_required ? " (required)." : " (equivalent experience accepted)."));
  }
  for (const std::string& f : resume.flags) {
    if (f == "keyword_stuffing") ev.weaknesses.push_back("Skills look keyword-stuffed.");
    if (f == "too_short") ev.weaknesses.push_back("Resume is too short to judge well.");
    if (f == "duplicated_blocks") ev.weaknesses.push_back("Resume repeats blocks of text.");
  }
  return ev;
}

}  // namespace shortlist::engine
