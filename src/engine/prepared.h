// What the scorer derives from a job or a resume once, so that scoring one job against many
// resumes does not re-tokenise either side. AnalyzeJob / AnalyzeResume attach these to their
// results (JobRequirements::features, ResumeProfile::features); the scorer checks each still
// describes its owner (a fingerprint of the fields it was built from) and rebuilds it otherwise,
// so editing a JobRequirements or building a ResumeProfile by hand stays correct.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/engine_data.h"
#include "engine/features.h"
#include "engine/lexical.h"
#include "engine/semantic.h"

namespace shortlist::engine {

struct ResumeFeatures {
  uint64_t fingerprint = 0;           // ResumeFingerprint() of the profile it was built from
  TextFeatures text;                  // of blind_text (text when that is empty)
  std::vector<float> concepts;        // ESA vector of the same
  std::vector<float> title_concepts;  // ESA vector of the headline and the three latest titles
};

struct JobFeatures {
  JobFeatures(const EngineData& data, const JobRequirements& job);
  uint64_t fingerprint = 0;  // JobFingerprint() of the job it was built from
  JobTerms terms;
  JobConcepts concepts;
  std::vector<float> esa;
  std::vector<float> title_esa;       // of the title alone
  std::vector<SkillId> title_skills;  // skills the job title names ("Accountant" -> Accounting)
};

uint64_t JobFingerprint(const JobRequirements& job);
uint64_t ResumeFingerprint(const ResumeProfile& resume);
// The headline and the latest three titles, the text of ResumeFeatures::title_concepts.
std::string ResumeTitleText(const ResumeProfile& resume);

std::shared_ptr<const ResumeFeatures> BuildResumeFeatures(const EngineData& data,
                                                          const ResumeProfile& resume);
std::shared_ptr<const JobFeatures> BuildJobFeatures(const EngineData& data,
                                                    const JobRequirements& job);

// The profile's features if current, else freshly built ones.
std::shared_ptr<const ResumeFeatures> ResumeFeaturesFor(const EngineData& data,
                                                        const ResumeProfile& resume);
std::shared_ptr<const JobFeatures> JobFeaturesFor(const EngineData& data,
                                                  const JobRequirements& job);

}  // namespace shortlist::engine
