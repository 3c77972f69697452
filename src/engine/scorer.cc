// Scoring. The score is the sum of these contributions (then clamped to 0-100 and rounded). Each
// kName is a constant defined once -- below, in scorer_skills.{h,cc} (kYearsFloor, Leniency's)
// or in EngineData (kGenericSkillWeight) -- so this table and the code say the same thing:
//
//   feature           weight            value (0-1)
//   required_skills   kRequiredWeight   weighted mean credit over required skills: 1 for a skill
//                                       the resume names (with a minimum of years:
//                                       kYearsFloor + (1 - kYearsFloor) min(1, years / needed)),
//                                       related_credit(L) for one it has a related skill of, 0
//                                       otherwise; each weighs EngineData::SkillWeight: generic
//                                       ones (data/generic_skills.tsv) kGenericSkillWeight, the
//                                       others their Specificity (0.2-1: the background IDF of
//                                       the name's most specific word). A list
//                                       lighter than kTrustedSkillWeight is blended with the
//                                       text value (the mean of the two lexical values and the
//                                       semantic one), which stands in when none is asked
//   preferred_skills  kPreferredWeight  the same over preferred skills (no years)
//   experience        kExperienceWeight min(1, relevant years / needed years); relevant years are
//                                       the merged ranges of jobs that name a job skill or share
//                                       the title
//   education         kEducationWeight  1 when the degree meets the requirement (or none is
//                                       asked), kOneLevelShort one level below, kFarShort more
//   title_fit         kTitleWeight      kTitleOverlapShare x IDF-weighted title word overlap
//                                       + kTitleConceptShare x occupation (ESA) cosine of titles
//                                       + kSeniorityShare x seniority fit
//   lexical_bm25      kBm25Weight       min(1, BM25 coverage of the job's words / kBm25FullAt)
//   lexical_tfidf     kTfIdfWeight      min(1, TF-IDF cosine / kTfIdfFullAt), background IDF
//   semantic          kSemanticWeight   ESA + skill-graph + character n-gram similarity
//   knockouts         -(0..kMaxKnockoutPenalty)  per unmet knockout kKnockoutPoints[severity]
//   flags             -(0..kMaxFlagPenalty)      keyword_stuffing, too_short, duplicated_blocks
//
// "Is this the same kind of job" (title, lexical, semantic) carries more weight than "how
// complete is the candidate" (skills, years, degree): most resumes of another occupation share
// generic skills with any job, and years and degrees are met by most candidates. The weights
// were chosen on one half of the ranking benchmark's categories and checked on the other half
// and on the O*NET jobs (bench/README-engine.md).
//
// Leniency L (1..10) acts only in the candidate's favour as it grows: the penalty scale
// p(L) = (11 - L) / 10 falls, related_credit(L) = kRelatedCreditBase + kRelatedCreditPerLevel L
// rises, needed years are scaled by 1 - kYearsEasedPerLevel (L - 1), and the education gap
// shrinks by (L - 1) / 18. Every feature is non-decreasing in L, so the score is too.
//
// Blindness: the resume side of every feature reads only skills, dated entries, degrees and
// `blind_text` (identity masked), never the contact block.
#include "engine/scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/dates.h"
#include "engine/esa.h"
#include "engine/prepared.h"
#include "engine/scorer_skills.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

constexpr double kRequiredWeight = 15;
constexpr double kPreferredWeight = 5;
constexpr double kExperienceWeight = 5;
constexpr double kEducationWeight = 5;
constexpr double kTitleWeight = 25;
constexpr double kBm25Weight = 5;
constexpr double kTfIdfWeight = 25;
constexpr double kSemanticWeight = 15;
static_assert(kRequiredWeight + kPreferredWeight + kExperienceWeight + kEducationWeight +
                      kTitleWeight + kBm25Weight + kTfIdfWeight + kSemanticWeight ==
                  100,
              "the positive weights add up to 100 points");

constexpr double kBm25FullAt = 0.5;  // BM25 coverage that earns the full lexical weight
// A list of required skills this heavy (summed weights: specific skills 1, generic or common
// ones less) is trusted in full; a thinner one ("Agriculture, Operations, Management") says
// less about the job than its text, so the skills value is blended with the text similarity.
constexpr double kTrustedSkillWeight = 3;
constexpr double kTfIdfFullAt = 0.3;  // TF-IDF cosine that earns the full weight

constexpr double kOneLevelShort = 0.5;  // education one degree level below the one asked
constexpr double kFarShort = 0.15;      // two or more levels below
// "or equivalent experience": years make up for the degree, up to this much of its value at
// kEquivalentYears relevant years.
constexpr double kEquivalentShare = 0.8;
constexpr double kEquivalentYears = 4;

constexpr double kTitleOverlapShare = 0.35;
constexpr double kTitleConceptShare = 0.45;
constexpr double kSeniorityShare = 0.2;
constexpr double kOlderTitleDiscount = 0.15;  // each older title's overlap counts this much less
constexpr double kTitleSkillShare = 0.6;      // overlap earned by the skills the job title names
constexpr double kSeniorityStepCost = 0.35;   // fit lost per seniority level short
// Years expected when the job names none, by its seniority rank (none, junior ... principal).
constexpr double kYearsBySeniority[] = {2, 1, 3, 5, 7, 10};

constexpr double kKnockoutPoints[] = {12, 6, 2};  // critical, moderate, minor
constexpr double kMaxKnockoutPenalty = 30;
constexpr double kKeywordStuffingPoints = 8;
constexpr double kTooShortPoints = 5;
constexpr double kDuplicatedBlocksPoints = 3;
constexpr double kMaxFlagPenalty =
    kKeywordStuffingPoints + kTooShortPoints + kDuplicatedBlocksPoints;

std::string Fmt(const char* format, double a, double b = 0) {
  char buf[200];
  std::snprintf(buf, sizeof(buf), format, a, b);
  return buf;
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

// The best overlap with any job the title names ("Accountants and Auditors": either).
double TitleOverlap(const std::vector<std::vector<TitleStem>>& job_alternatives,
                    const std::vector<TitleStem>& cand) {
  double best = 0;
  for (const std::vector<TitleStem>& job : job_alternatives) {
    best = std::max(best, TitleOverlap(job, cand));
  }
  return best;
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

// Everything one evaluation reads, prepared once.
struct Inputs {
  const EngineData& data;
  const JobRequirements& job;
  const ResumeProfile& resume;
  const Leniency len;
  std::shared_ptr<const JobFeatures> jf;
  std::shared_ptr<const ResumeFeatures> rf;
  SkillIndex has;
};

struct Experience {
  double relevant_years = 0;
  double needed = 0;
  bool years_asked = false;
  double value = 0;
};

// Relevant years: the merged ranges of the jobs that name one of the job's skills or share its
// title; against the years the job asks (or its seniority implies).
Experience ScoreExperience(const Inputs& in) {
  const std::vector<std::vector<TitleStem>>& job_title = in.jf->title_alternatives;
  std::vector<std::pair<MonthIndex, MonthIndex>> relevant;
  for (const ExperienceEntry& e : in.resume.experience) {
    bool counts = in.jf->skill_names.empty() && in.jf->title_stems.empty();
    for (const std::string& s : e.skills) counts = counts || in.jf->skill_names.count(s) > 0;
    if (!counts && TitleOverlap(job_title, TitleStems(in.data, e.title)) >= 0.5) counts = true;
    if (counts) relevant.push_back(EntryMonths(e));
  }
  Experience x;
  x.relevant_years = std::round(UnionYears(relevant) * 10) / 10;
  x.needed = in.job.min_years_experience;
  for (const SkillRequirement& r : in.job.skills) {
    if (r.importance == Importance::kRequired) x.needed = std::max(x.needed, r.min_years);
  }
  x.years_asked = x.needed > 0;
  if (!x.years_asked) x.needed = kYearsBySeniority[EngineData::SeniorityRank(in.job.seniority)];
  x.value = std::min(1.0, x.relevant_years / (x.needed * in.len.years_factor()));
  return x;
}

DegreeLevel BestDegree(const ResumeProfile& resume) {
  DegreeLevel best = DegreeLevel::kNone;
  for (const EducationEntry& e : resume.education) best = std::max(best, e.level);
  return best;
}

double ScoreEducation(const Inputs& in, DegreeLevel best, double relevant_years) {
  const JobRequirements& job = in.job;
  if (job.min_degree == DegreeLevel::kNone || best >= job.min_degree) return 1;
  const int gap = static_cast<int>(job.min_degree) - static_cast<int>(best);
  double value = gap == 1 ? kOneLevelShort : kFarShort;
  if (!job.degree_required) {
    value = std::max(value, kEquivalentShare * std::min(1.0, relevant_years / kEquivalentYears));
  }
  return value + (1 - value) * in.len.education_gap_closed();
}

struct TitleFit {
  double overlap = 1;
  double concepts = 1;
  double seniority = 1;
  double value = 0;
};

// Title word overlap with the headline and the latest titles (older ones discounted), or the
// share of the skills the job title names that the resume has; the occupation similarity of
// the titles; and the fit of seniority.
TitleFit ScoreTitle(const Inputs& in) {
  TitleFit t;
  const std::vector<std::vector<TitleStem>>& job_title = in.jf->title_alternatives;
  if (!in.jf->title_stems.empty()) {
    t.overlap = TitleOverlap(job_title, TitleStems(in.data, in.resume.headline));
    double weight = 1.0;
    for (size_t i = 0; i < in.resume.experience.size() && i < 3; ++i) {
      const auto stems = TitleStems(in.data, in.resume.experience[i].title);
      t.overlap = std::max(t.overlap, weight * TitleOverlap(job_title, stems));
      weight -= kOlderTitleDiscount;
    }
    // Skills the title names ("Accountant" -> Accounting) that the resume has. A generic one
    // ("Operations", "Team leadership") says little about the occupation, as nearly every
    // resume has it, so it counts at its generic weight.
    if (!in.jf->title_skills.empty()) {
      double hit = 0;
      for (size_t k = 0; k < in.jf->title_skills.size(); ++k) {
        hit += in.has.Find(in.jf->title_skills[k]) ? in.jf->title_skill_weights[k] : 0;
      }
      const double share = hit / static_cast<double>(in.jf->title_skills.size());
      t.overlap = std::max(t.overlap, kTitleSkillShare * share);
    }
    t.concepts = std::sqrt(Cosine(in.jf->title_esa, in.rf->title_concepts));
  }
  const int job_rank = EngineData::SeniorityRank(in.job.seniority);
  const int resume_rank = ResumeSeniorityRank(in.data, in.resume);
  t.seniority = job_rank == 0 || resume_rank >= job_rank
                    ? 1
                    : std::max(0.0, 1 - kSeniorityStepCost * (job_rank - resume_rank));
  t.value = kTitleOverlapShare * t.overlap + kTitleConceptShare * t.concepts +
            kSeniorityShare * t.seniority;
  return t;
}

// Whether the candidate meets one knockout.
bool MeetsKnockout(const Inputs& in, const SkillCoverage& skills, const Knockout& k,
                   DegreeLevel best, double relevant_years) {
  const double needed = k.min_years * in.len.years_factor();
  switch (k.kind) {
    case Knockout::Kind::kSkill:
      return skills.MetDirectly(k.skill);
    case Knockout::Kind::kYears: {
      if (k.skill.empty()) return relevant_years >= needed;
      const SkillId id = in.data.taxonomy.Find(k.skill);
      const SkillMention* m = id == kNoSkill ? nullptr : in.has.Find(id);
      // "5+ years of Python or Go": the years of any alternative count.
      return (m != nullptr && YearsShown(*m, in.resume) >= needed) ||
             skills.AlternativeHasYears(k.skill, needed);
    }
    case Knockout::Kind::kDegree:
      return best >= k.min_degree;
  }
  return true;
}

double FlagPoints(const std::string& flag) {
  if (flag == "keyword_stuffing") return kKeywordStuffingPoints;
  if (flag == "too_short") return kTooShortPoints;
  if (flag == "duplicated_blocks") return kDuplicatedBlocksPoints;
  return 0;
}

void Add(Evaluation* ev, std::string name, double value, double weight, std::string why) {
  ev->breakdown.push_back(
      FeatureContribution{std::move(name), value, weight, value * weight, std::move(why)});
}

// The penalties: unmet knockouts and resume flags, each scaled by leniency.
void AddPenalties(const Inputs& in, const SkillCoverage& skills, DegreeLevel best,
                  double relevant_years, Evaluation* ev) {
  std::vector<std::string> failed;
  double knockout_points = 0;
  for (const Knockout& k : in.job.knockouts) {
    if (MeetsKnockout(in, skills, k, best, relevant_years)) continue;
    ev->failed_knockouts.push_back(k);
    failed.push_back(k.description);
    knockout_points += kKnockoutPoints[static_cast<int>(k.severity)];
  }
  if (!in.job.knockouts.empty()) {
    const double penalty = std::min(knockout_points, kMaxKnockoutPenalty) * in.len.penalty_scale();
    ev->breakdown.push_back(FeatureContribution{
        "knockouts", static_cast<double>(failed.size()) / in.job.knockouts.size(),
        -kMaxKnockoutPenalty, 0.0 - penalty,  // +0, not -0, when none is incurred
        failed.empty() ? "Meets every knockout requirement."
                       : "Does not meet: " + JoinNames(failed, 4) + "."});
  }
  double flag_points = 0;
  for (const std::string& f : in.resume.flags) flag_points += FlagPoints(f);
  if (flag_points > 0) {
    ev->breakdown.push_back(
        FeatureContribution{"flags", 1, -kMaxFlagPenalty, -flag_points * in.len.penalty_scale(),
                            "Resume flagged: " + JoinNames(in.resume.flags, 3) + "."});
  }
}

// The text-similarity features: BM25 coverage, TF-IDF cosine, semantic.
struct Similarity {
  double bm25_raw = 0;
  double bm25 = 0;
  double tfidf_raw = 0;
  double tfidf = 0;
  double esa = 0;
  double semantic = 0;
};

Similarity ScoreSimilarity(const Inputs& in) {
  Similarity s;
  s.bm25_raw = in.jf->terms.Similarity(in.rf->text);
  s.bm25 = std::min(1.0, s.bm25_raw / kBm25FullAt);
  s.tfidf_raw = in.jf->terms.TfIdfCosine(in.rf->text, in.rf->tfidf_norm);
  s.tfidf = std::min(1.0, s.tfidf_raw / kTfIdfFullAt);
  // Cosines of related texts sit around 0.3-0.6; the square root spreads them over the 0-1
  // range a recruiter reads (monotone, so rankings are unchanged within the feature).
  s.esa = std::sqrt(Cosine(in.jf->esa, in.rf->concepts));
  const double graph = in.jf->concepts.SkillGraphCoverage(in.has.Ids(), in.data.taxonomy);
  const double ngrams = in.jf->concepts.NgramCoverage(in.rf->text);
  s.semantic = CombineSemantic(in.jf->concepts.has_skills(), s.esa, graph, ngrams);
  return s;
}

void AddSkillFeatures(const SkillCoverage& skills, const Similarity& sim, Evaluation* ev) {
  // What the engine could not map to skills still counts through the text: without required
  // skills the similarity features stand in, and a thin list is trusted only in part.
  const double text_value = (sim.bm25 + sim.tfidf + sim.semantic) / 3;
  const double trust = std::min(1.0, skills.required_weight / kTrustedSkillWeight);
  const double required =
      skills.required_n ? trust * skills.required_value + (1 - trust) * text_value : text_value;
  std::string why = "The job lists no required skills; credited from text similarity.";
  if (skills.required_n) {
    why = Fmt("Has %.0f of %.0f required skills", skills.required_direct, skills.required_n);
    if (skills.required_related > 0) {
      why += Fmt("; %.0f more only through a related skill, at partial credit",
                 skills.required_related);
    }
    why += " (generic skills like Excel weigh less).";
  }
  Add(ev, "required_skills", required, kRequiredWeight, why);
  Add(ev, "preferred_skills", skills.preferred_n ? skills.preferred_value : required,
      kPreferredWeight,
      skills.preferred_n
          ? Fmt("Has %.0f of %.0f preferred skills.", skills.preferred_direct, skills.preferred_n)
          : "The job lists no preferred skills; credited like the required ones.");
}

void AddTextFeatures(const Similarity& sim, Evaluation* ev) {
  Add(ev, "lexical_bm25", sim.bm25, kBm25Weight,
      Fmt("BM25 coverage of the job description's words: %.2f.", sim.bm25_raw));
  Add(ev, "lexical_tfidf", sim.tfidf, kTfIdfWeight,
      Fmt("TF-IDF cosine with the job description: %.2f.", sim.tfidf_raw));
  Add(ev, "semantic", sim.semantic, kSemanticWeight,
      Fmt("Semantic similarity %.2f (occupation-concept cosine %.2f, skill graph and n-grams).",
          sim.semantic, sim.esa));
}

// Strengths and weaknesses, from what was found.
void Explain(const Inputs& in, const SkillCoverage& skills, const Experience& x, DegreeLevel best,
             const TitleFit& title, Evaluation* ev) {
  const JobRequirements& job = in.job;
  if (!skills.strong_names.empty()) {
    ev->strengths.push_back("Has required skills: " + JoinNames(skills.strong_names, 6) + ".");
  }
  if (!skills.related_names.empty()) {
    ev->strengths.push_back("Related, not the same, for: " + JoinNames(skills.related_names, 4) +
                            ".");
  }
  if (x.value >= 1 && x.relevant_years > 0) {
    ev->strengths.push_back(
        Fmt("%.1f years of relevant experience (%.1f expected).", x.relevant_years, x.needed));
  }
  const bool degree_asked = job.min_degree != DegreeLevel::kNone;
  if (degree_asked && best >= job.min_degree) {
    ev->strengths.push_back("Meets the degree requirement (" + std::string(ToString(best)) + ").");
  }
  if (title.overlap >= 0.99 && !in.jf->title_stems.empty()) {
    ev->strengths.push_back("Has held the role: title matches \"" + job.title + "\".");
  }
  if (!skills.missing_required_names.empty()) {
    ev->weaknesses.push_back(
        "Missing required skills: " + JoinNames(skills.missing_required_names, 6) + ".");
  }
  if (x.value < 1 && x.years_asked) {
    ev->weaknesses.push_back(Fmt("%.1f years of relevant experience; the job asks for %.1f.",
                                 x.relevant_years, x.needed));
  }
  if (degree_asked && best < job.min_degree) {
    ev->weaknesses.push_back(
        "No " + std::string(ToString(job.min_degree)) + " degree found" +
        (job.degree_required ? " (required)." : " (equivalent experience accepted)."));
  }
  for (const std::string& f : in.resume.flags) {
    if (f == "keyword_stuffing") ev->weaknesses.push_back("Skills look keyword-stuffed.");
    if (f == "too_short") ev->weaknesses.push_back("Resume is too short to judge well.");
    if (f == "duplicated_blocks") ev->weaknesses.push_back("Resume repeats blocks of text.");
  }
}

}  // namespace

Evaluation ScoreCandidate(const EngineData& data, const JobRequirements& job,
                          const ResumeProfile& resume, const ScoringOptions& options) {
  // Job-side data is prepared once per job (JobFeatures), resume-side once per resume.
  std::shared_ptr<const JobFeatures> jf = JobFeaturesFor(data, job);
  std::shared_ptr<const ResumeFeatures> rf = ResumeFeaturesFor(data, resume);
  const Inputs in{data,
                  job,
                  resume,
                  Leniency(options.leniency_level),
                  jf,
                  rf,
                  SkillIndex(SkillIdsFor(data, resume, *rf), resume.skills)};
  Evaluation ev;
  ev.flags = resume.flags;
  const SkillCoverage skills =
      ScoreSkills(data, job, resume, *jf, in.has, in.len, &ev.matched_skills, &ev.related_skills,
                  &ev.missing_skills);
  const Similarity sim = ScoreSimilarity(in);
  ev.semantic_similarity = sim.semantic;
  const Experience x = ScoreExperience(in);
  ev.experience_years_relevant = x.relevant_years;
  const DegreeLevel best = BestDegree(resume);
  const double education = ScoreEducation(in, best, x.relevant_years);
  const TitleFit title = ScoreTitle(in);

  AddSkillFeatures(skills, sim, &ev);
  Add(&ev, "experience", x.value, kExperienceWeight,
      Fmt("%.1f years of relevant experience against %.1f expected.", x.relevant_years, x.needed));
  Add(&ev, "education", education, kEducationWeight,
      job.min_degree == DegreeLevel::kNone
          ? "The job asks for no degree."
          : std::string("Highest degree found: ") + std::string(ToString(best)) +
                "; the job asks for " + std::string(ToString(job.min_degree)) + ".");
  Add(&ev, "title_fit", title.value, kTitleWeight,
      Fmt("Title words overlap %.0f%%, occupation similarity %.0f%%", title.overlap * 100,
          title.concepts * 100) +
          Fmt(", seniority fit %.0f%%.", title.seniority * 100));
  AddTextFeatures(sim, &ev);
  AddPenalties(in, skills, best, x.relevant_years, &ev);

  double total = 0;
  for (const FeatureContribution& c : ev.breakdown) total += c.points;
  ev.raw_score = std::clamp(total, 0.0, 100.0);
  ev.score = static_cast<int>(std::lround(ev.raw_score));
  ev.qualified = ev.score >= QualifyingThreshold(in.len.l);
  Explain(in, skills, x, best, title, &ev);
  return ev;
}

}  // namespace shortlist::engine
