// What the scorer derives from a job or a resume once, so that scoring one job against many
// resumes does not re-tokenise either side. AnalyzeJob / AnalyzeResume attach these to their
// results (JobRequirements::features, ResumeProfile::features); the scorer checks each still
// describes its owner (a fingerprint of the fields it was built from) and rebuilds it otherwise,
// so editing a JobRequirements or building a ResumeProfile by hand stays correct.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/features.h"
#include "engine/lexical.h"
#include "engine/semantic.h"

namespace shortlist::engine {

struct ResumeFeatures {
  uint64_t fingerprint = 0;     // ResumeFingerprint() of the profile it was built from
  TextFeatures text;            // of blind_text (text when that is empty)
  std::vector<float> concepts;  // ESA vector of the same
  double tfidf_norm = 0;        // norm of its TF-IDF vector (background IDF)
  // ESA vector of the headline and the latest title, plus the two titles before at 1/4 weight.
  std::vector<float> title_concepts;
  // Taxonomy id of each of the profile's skills, same order; empty when not known. The scorer
  // uses them only when they still name the profile's skills (SkillIdsFor).
  std::vector<SkillId> skill_ids;
};

// Five-letter stem of a title's content word (seniority words dropped), with the word itself and
// its IDF, so "Sales" counts for more than "Representative".
struct TitleStem {
  std::string stem;
  std::string word;
  double idf = 1;
};
std::vector<TitleStem> TitleStems(const EngineData& data, std::string_view title);
// Whether two title words name the same thing: the same five-letter stem ("engineer",
// "engineering"), or a short word and its agent or gerund form ("lead", "leader"; "nurse",
// "nursing") that the stem cuts apart.
bool SameTitleWord(const TitleStem& a, const TitleStem& b);

struct JobFeatures {
  JobFeatures(const EngineData& data, const JobRequirements& job);
  uint64_t fingerprint = 0;  // JobFingerprint() of the job it was built from
  JobTerms terms;
  JobConcepts concepts;
  std::vector<float> esa;
  std::vector<float> title_esa;       // of the title alone
  std::vector<SkillId> title_skills;  // skills the job title names ("Accountant" -> Accounting)
  std::vector<double> title_skill_weights;  // EngineData::SkillWeight of each
  // Per job.skills entry: its taxonomy id (kNoSkill when unknown), canonical name and weight.
  std::vector<SkillId> requirement_ids;
  std::vector<std::string> requirement_names;
  std::vector<double> requirement_weights;
  std::unordered_set<std::string> skill_names;    // the canonical names above
  std::unordered_map<std::string, int> group_of;  // job skill -> alternative group (> 0)
  std::vector<TitleStem> title_stems;             // TitleStems(job.title)
  // TitleAlternatives(job.title): the stems of each job the title names, the whole title first.
  std::vector<std::vector<TitleStem>> title_alternatives;
};

// The jobs a title names, each as its stems, the whole title first: "Accountants and Auditors"
// names accountants and auditors, "Financial and Investment Analysts" financial analysts and
// investment analysts (a part without a job noun takes the next part's), "Sales
// Representatives, Wholesale and Manufacturing, Except Technical ..." sales representatives
// (what follows "except" is left out, a qualifier with no job noun after it too). A job noun is
// one of data/title_words.tsv or an agent noun (-er, -or, -ist, -ian).
std::vector<std::vector<TitleStem>> TitleAlternatives(const EngineData& data,
                                                      std::string_view title);

uint64_t JobFingerprint(const JobRequirements& job);
uint64_t ResumeFingerprint(const ResumeProfile& resume);
// The headline and the latest three titles (ResumeFeatures::title_concepts reads them, the
// older ones at a lower weight).
std::string ResumeTitleText(const ResumeProfile& resume);

std::shared_ptr<const ResumeFeatures> BuildResumeFeatures(const EngineData& data,
                                                          const ResumeProfile& resume,
                                                          std::vector<SkillId> skill_ids = {});
// The taxonomy ids of resume.skills (same order, kNoSkill for unknown names): the cached ones
// when they still match the names, else looked up.
std::vector<SkillId> SkillIdsFor(const EngineData& data, const ResumeProfile& resume,
                                 const ResumeFeatures& features);
std::shared_ptr<const JobFeatures> BuildJobFeatures(const EngineData& data,
                                                    const JobRequirements& job);

// The profile's features if current, else freshly built ones.
std::shared_ptr<const ResumeFeatures> ResumeFeaturesFor(const EngineData& data,
                                                        const ResumeProfile& resume);
std::shared_ptr<const JobFeatures> JobFeaturesFor(const EngineData& data,
                                                  const JobRequirements& job);

}  // namespace shortlist::engine
