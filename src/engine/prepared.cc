#include "engine/prepared.h"

#include "engine/text.h"

namespace shortlist::engine {
namespace {

const std::string& ScoredText(const ResumeProfile& r) {
  return r.blind_text.empty() ? r.text : r.blind_text;
}

}  // namespace

JobFeatures::JobFeatures(const EngineData& data, const JobRequirements& job)
    : fingerprint(JobFingerprint(job)),
      terms(data.word_stats, data.skill_word_hashes, job.title, job.text),
      concepts(data.taxonomy, job),
      esa(data.word_stats.ConceptVector(job.text, job.title, 3.0)),
      title_esa(data.word_stats.ConceptVector(job.title, "", 0)) {
  std::vector<SkillMatch> matches;
  std::string lower = AsciiLowerCopy(job.title);
  data.matcher.Find(job.title, lower, &matches);
  for (const SkillMatch& m : matches) title_skills.push_back(m.skill);
}

uint64_t JobFingerprint(const JobRequirements& job) {
  uint64_t h = FastHash(job.title);
  h = FastHash(job.text, h);
  for (const SkillRequirement& s : job.skills) {
    h = Fnv1a(s.skill, h);
    h = h * 31 + static_cast<uint64_t>(s.importance);
  }
  return h;
}

std::string ResumeTitleText(const ResumeProfile& resume) {
  std::string titles = resume.headline;
  for (size_t i = 0; i < resume.experience.size() && i < 3; ++i) {
    titles += " . ";
    titles += resume.experience[i].title;
  }
  return titles;
}

uint64_t ResumeFingerprint(const ResumeProfile& resume) {
  return FastHash(ResumeTitleText(resume), FastHash(ScoredText(resume)));
}

std::shared_ptr<const ResumeFeatures> BuildResumeFeatures(const EngineData& data,
                                                          const ResumeProfile& resume) {
  auto f = std::make_shared<ResumeFeatures>();
  f->text = ComputeTextFeatures(ScoredText(resume));
  f->fingerprint = ResumeFingerprint(resume);
  f->concepts = data.word_stats.ConceptVector(f->text);
  f->title_concepts = data.word_stats.ConceptVector(ResumeTitleText(resume), "", 0);
  return f;
}

std::shared_ptr<const JobFeatures> BuildJobFeatures(const EngineData& data,
                                                    const JobRequirements& job) {
  return std::make_shared<const JobFeatures>(data, job);
}

std::shared_ptr<const ResumeFeatures> ResumeFeaturesFor(const EngineData& data,
                                                        const ResumeProfile& resume) {
  if (resume.features && resume.features->fingerprint == ResumeFingerprint(resume)) {
    return resume.features;
  }
  return BuildResumeFeatures(data, resume);
}

std::shared_ptr<const JobFeatures> JobFeaturesFor(const EngineData& data,
                                                  const JobRequirements& job) {
  if (job.features && job.features->fingerprint == JobFingerprint(job)) return job.features;
  return BuildJobFeatures(data, job);
}

}  // namespace shortlist::engine
