// The screening engine: resume text -> ResumeProfile, job description -> JobRequirements,
// (requirements, profile) -> Evaluation with an explainable 0-100 score.
//
// Pure: no I/O, no threads, no clock. Its data (skills taxonomy, aliases, relations) is compiled
// into the library from data/, so Create() needs no path. An Engine is immutable after Create();
// every const method is safe to call from many threads at once.
//
// Contract for the layers above (api, jobs, generate): the fields declared here are what they
// read. New fields may be added; these keep their names and meaning.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::engine {

// Engine-internal caches attached to analysis results (see the `features` fields).
struct ResumeFeatures;
struct JobFeatures;

enum class DegreeLevel { kNone = 0, kHighSchool, kAssociate, kBachelor, kMaster, kDoctorate };
std::string_view ToString(DegreeLevel level);

struct ContactInfo {
  std::string name;
  std::string email;
  std::string phone;
  std::string linkedin_url;
  std::string github_url;
  std::string portfolio_url;
  std::string location;
};

struct ExperienceEntry {
  std::string title;
  std::string employer;
  int start_year = 0;   // 0 when unknown
  int start_month = 0;  // 1-12, 0 when unknown
  int end_year = 0;     // 0 when unknown
  int end_month = 0;
  bool current = false;             // "Present", "now", "current"
  double years = 0;                 // length of this entry
  std::string text;                 // the entry's own lines, for evidence
  std::vector<std::string> skills;  // canonical names of the skills named in `text`
};

struct EducationEntry {
  DegreeLevel level = DegreeLevel::kNone;
  std::string degree;  // as written: "B.Sc. Computer Science"
  std::string field;
  std::string institution;
  int year = 0;  // graduation year, 0 when unknown
};

// A skill found in the resume, by its canonical taxonomy name.
struct SkillMention {
  std::string skill;     // canonical: "JavaScript", "Kubernetes", "PostgreSQL"
  std::string category;  // taxonomy category: "language", "database", "cloud", ...
  std::string evidence;  // the resume line it was found on
  double years = 0;      // years of use from dated experience entries; 0 when unknown
  // Named only in the education section ("Bachelor of Fine Arts", "coursework: Statistics"): a
  // subject studied, so the scorer credits no years of practice beyond `years`.
  bool only_in_education = false;
};

struct ResumeProfile {
  ContactInfo contact;
  std::vector<ExperienceEntry> experience;
  std::vector<EducationEntry> education;
  std::vector<std::string> certifications;
  std::vector<SkillMention> skills;
  double total_years_experience = 0;  // overlapping ranges merged
  std::vector<std::string> flags;     // "keyword_stuffing", "duplicated_blocks", "too_short"
  std::string text;                   // the normalised text the profile was built from
  std::string headline;    // the resume's own title line ("Senior Accountant"), "" when none
  std::string blind_text;  // `text` with identity (name, contacts, address, personal details,
                           // pronouns) blanked out by spaces, same length; every score feature
                           // reads this, never `text`, so scores are blind to who the person is
  // Engine-internal: what the scorer derives from blind_text, computed once here. May be null
  // (a profile built or edited by hand); Evaluate then recomputes it. Opaque to callers.
  std::shared_ptr<const ResumeFeatures> features;
};

// Options for AnalyzeResume. The engine has no clock: an open range ("2019 - Present") ends at
// the reference month, which the caller may set from its Clock.
struct ResumeOptions {
  int reference_year = 0;   // 0: the engine default (kDefaultReferenceYear)
  int reference_month = 0;  // 1-12; 0: the engine default
};
inline constexpr int kDefaultReferenceYear = 2026;
inline constexpr int kDefaultReferenceMonth = 1;

enum class Importance { kRequired, kPreferred };

struct SkillRequirement {
  std::string skill;  // canonical taxonomy name
  Importance importance = Importance::kRequired;
  double min_years = 0;  // "5+ years of Python" -> 5
  std::string evidence;  // the description line it came from
  // Requirements sharing a group > 0 ("Python or Go") are met by any one of them; 0 = a
  // requirement of its own.
  int alternative_group = 0;
};

enum class GapSeverity { kCritical, kModerate, kMinor };
std::string_view ToString(GapSeverity severity);

struct Knockout {
  std::string description;  // "Bachelor's degree required", "5+ years of Python"
  GapSeverity severity = GapSeverity::kCritical;
  // What the knockout checks.
  enum class Kind { kSkill, kYears, kDegree } kind = Kind::kSkill;
  std::string skill;     // kSkill, and kYears when the years are of one skill
  double min_years = 0;  // kYears
  DegreeLevel min_degree = DegreeLevel::kNone;  // kDegree
};

struct JobRequirements {
  std::string title;
  std::string seniority;  // "junior", "mid", "senior", "lead", "principal" or ""
  std::vector<SkillRequirement> skills;
  double min_years_experience = 0;
  DegreeLevel min_degree = DegreeLevel::kNone;
  bool degree_required = false;
  std::string degree_field;
  std::vector<Knockout> knockouts;
  std::string text;  // normalised description
  // Engine-internal: what the scorer derives from title, text and skills, computed once by
  // AnalyzeJob. Evaluate checks it still matches those fields and recomputes it if not, so
  // callers may edit the fields freely (or leave this null). Opaque to callers.
  std::shared_ptr<const JobFeatures> features;
};

struct ScoringOptions {
  int leniency_level = 5;  // 1 (strict) .. 10 (lenient); monotone: more lenient never scores lower
};

// One named feature's part of the score. Sum of `points` over the breakdown == score (before
// rounding and clamping to 0-100).
struct FeatureContribution {
  std::string name;         // "required_skills", "preferred_skills", "experience", "education",
                            // "title_fit", "lexical_bm25", "semantic", penalties ...
  double value = 0;         // the feature's raw value, 0-1
  double weight = 0;        // its weight in points
  double points = 0;        // what it added (negative for a penalty)
  std::string explanation;  // one sentence a recruiter can read
};

// A job skill the resume shows: in matched_skills, the skill itself (`via` empty, the resume
// names it); in related_skills, a related skill that earned partial credit (`via` names it).
struct MatchedSkill {
  std::string skill;     // the job's skill
  std::string via;       // "" for a direct match; else the related skill the resume names
  double credit = 1;     // 1 for a direct match (less when it has fewer years than asked)
  std::string evidence;  // the resume line behind it
  double years = 0;
};

struct MissingSkill {
  std::string skill;
  bool required = true;
  // One step lower (critical -> moderate -> minor) when a related skill earned partial credit.
  GapSeverity severity = GapSeverity::kModerate;
};

struct Evaluation {
  int score = 0;           // 0-100
  bool qualified = false;  // score >= QualifyingThreshold(leniency)
  std::vector<FeatureContribution> breakdown;
  // Job skills the resume names itself, with its evidence. Only these: a skill credited through
  // a related one is in related_skills and stays in missing_skills.
  std::vector<MatchedSkill> matched_skills;
  std::vector<MissingSkill> missing_skills;
  // Job skills the resume lacks but has a related skill for ({skill, via}: Kubernetes via
  // Docker), which earned partial credit; each is in missing_skills too, at a lower severity.
  std::vector<MatchedSkill> related_skills;
  double experience_years_relevant = 0;
  double semantic_similarity = 0;  // 0-1
  std::vector<std::string> strengths;
  std::vector<std::string> weaknesses;
  std::vector<std::string> flags;
  // The knockouts this candidate does not meet (descriptions from JobRequirements).
  std::vector<Knockout> failed_knockouts;
  // The unrounded score, the sum of breakdown points clamped to 0-100; `score` is its
  // rounding. Order candidates by this (then by a stable id) so that equal integer scores are
  // still ranked by what the engine found. Same determinism, blindness and leniency properties.
  double raw_score = 0;
};

// An occupation of the public taxonomies (ESCO, O*NET) a text is close to, by the engine's own
// semantic mapping (the ESA concepts of esa.h).
struct OccupationMatch {
  std::string label;  // "retail banker", "Registered Nurses"
  double weight = 0;  // the concept's share of the text's (L2-normalised) vector, 0-1
};

// The score a candidate must reach to count as qualified at this leniency (1-10; out-of-range
// values are clamped). Non-increasing in leniency: 70 at 1, 57 at 5 (the default), 40 at 10.
int QualifyingThreshold(int leniency_level);

class Engine {
 public:
  // Builds an engine from the data compiled into the library.
  static std::unique_ptr<Engine> Create();
  virtual ~Engine() = default;

  virtual JobRequirements AnalyzeJob(std::string_view title,
                                     std::string_view description) const = 0;
  virtual ResumeProfile AnalyzeResume(std::string_view text) const = 0;
  // As AnalyzeResume with an explicit reference month for open date ranges. The default
  // implementation ignores the options (for fakes written against the first interface).
  virtual ResumeProfile AnalyzeResumeAt(std::string_view text, const ResumeOptions& options) const {
    (void)options;
    return AnalyzeResume(text);
  }
  virtual Evaluation Evaluate(const JobRequirements& job, const ResumeProfile& resume,
                              const ScoringOptions& options) const = 0;
  // Canonical names of skills the taxonomy relates to `skill` (MySQL -> PostgreSQL, ...).
  virtual std::vector<std::string> RelatedSkills(std::string_view skill) const = 0;

  // The `top` occupations a posting (its title and text) or a resume (its blind text and its
  // titles) is closest to, strongest first. Blind like the score: a resume's are read from
  // blind_text. The defaults know no occupations (for fakes written against the first interface).
  virtual std::vector<OccupationMatch> Occupations(const JobRequirements& job, int top) const {
    (void)job;
    (void)top;
    return {};
  }
  virtual std::vector<OccupationMatch> Occupations(const ResumeProfile& resume, int top) const {
    (void)resume;
    (void)top;
    return {};
  }
  // The seniority a resume's headline or latest title states ("senior", "lead", ...; "" when
  // none), in the words of JobRequirements::seniority.
  virtual std::string Seniority(const ResumeProfile& resume) const {
    (void)resume;
    return "";
  }
};

}  // namespace shortlist::engine
