#include "engine/engine.h"

#include <algorithm>
#include <cmath>

#include "engine/embedded_data.h"
#include "engine/engine_data.h"
#include "engine/features.h"
#include "engine/job_analyzer.h"
#include "engine/prepared.h"
#include "engine/resume_analyzer.h"
#include "engine/scorer.h"
#include "engine/text.h"

namespace shortlist::engine {

std::string_view ToString(DegreeLevel level) {
  switch (level) {
    case DegreeLevel::kNone:
      return "none";
    case DegreeLevel::kHighSchool:
      return "high_school";
    case DegreeLevel::kAssociate:
      return "associate";
    case DegreeLevel::kBachelor:
      return "bachelor";
    case DegreeLevel::kMaster:
      return "master";
    case DegreeLevel::kDoctorate:
      return "doctorate";
  }
  return "none";
}

std::string_view ToString(GapSeverity severity) {
  switch (severity) {
    case GapSeverity::kCritical:
      return "critical";
    case GapSeverity::kModerate:
      return "moderate";
    case GapSeverity::kMinor:
      return "minor";
  }
  return "moderate";
}

int QualifyingThreshold(int leniency_level) {
  int l = std::clamp(leniency_level, 1, 10);
  // 70 at 1 down to 40 at 10, in equal steps of 10/3 points, rounded.
  return 70 - ((l - 1) * 10 + 1) / 3;
}

EngineData::EngineData()
    : taxonomy(Taxonomy::FromEmbeddedData()),
      matcher(taxonomy),
      sections(EmbeddedData("sections.tsv")),
      degrees(EmbeddedData("degrees.tsv")),
      word_stats(EmbeddedData("esa.tsv")) {
  for (const Line& line : SplitLines(EmbeddedData("seniority.tsv"))) {
    if (line.text.empty() || line.text[0] == '#') continue;
    size_t tab = line.text.find('\t');
    if (tab == std::string_view::npos) continue;
    seniority_words.emplace(std::string(Trim(line.text.substr(0, tab))),
                            std::string(Trim(line.text.substr(tab + 1))));
  }
  for (const Line& line : SplitLines(EmbeddedData("title_words.tsv"))) {
    std::string_view w = Trim(line.text);
    if (!w.empty() && w[0] != '#') title_words.emplace(w);
  }
  for (const Line& line : SplitLines(EmbeddedData("generic_skills.tsv"))) {
    std::string_view name = Trim(line.text);
    if (name.empty() || name[0] == '#') continue;
    SkillId id = taxonomy.Find(name);
    if (id != kNoSkill) generic_skills.insert(id);
  }
  for (const SkillPattern& p : taxonomy.patterns()) {
    if (p.skill == kNoSkill) continue;
    ForEachToken(p.text, [this](std::string_view t) { skill_word_hashes.insert(TokenHash(t)); });
  }
}

double EngineData::Specificity(SkillId id) const {
  // IDF of a word in a quarter of the occupations ~1.7, in one in forty ~3.7.
  constexpr double kGenericIdf = 1.0;
  constexpr double kSpecificIdf = 3.0;
  constexpr double kLeast = 0.2;
  double most = 0;
  ForEachToken(taxonomy.skill(id).name,
               [&](std::string_view t) { most = std::max(most, word_stats.Idf(TokenHash(t))); });
  return std::clamp((most - kGenericIdf) / (kSpecificIdf - kGenericIdf), kLeast, 1.0);
}

double EngineData::SkillWeight(SkillId id) const {
  return generic_skills.count(id) ? kGenericSkillWeight : Specificity(id);
}

int EngineData::SeniorityRank(std::string_view s) {
  if (s == "junior") return 1;
  if (s == "mid") return 2;
  if (s == "senior") return 3;
  if (s == "lead") return 4;
  if (s == "principal") return 5;
  return 0;
}

std::string EngineData::SeniorityOfTitle(std::string_view title) const {
  std::string best;
  ForEachToken(title, [&](std::string_view t) {
    auto it = seniority_words.find(std::string(t));
    if (it != seniority_words.end() && SeniorityRank(it->second) > SeniorityRank(best)) {
      best = it->second;
    }
  });
  return best;
}

namespace {

// The `top` strongest concepts of an ESA vector with their labels, strongest first (ties by
// index, so the answer is deterministic).
std::vector<OccupationMatch> TopConcepts(const WordStats& stats, const std::vector<float>& v,
                                         int top) {
  std::vector<size_t> order;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] > 0 && !stats.ConceptLabel(i).empty()) order.push_back(i);
  }
  const size_t n = std::min(order.size(), static_cast<size_t>(std::max(top, 0)));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                    [&](size_t a, size_t b) { return v[a] != v[b] ? v[a] > v[b] : a < b; });
  std::vector<OccupationMatch> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back({std::string(stats.ConceptLabel(order[i])), v[order[i]]});
  }
  return out;
}

class EngineImpl final : public Engine {
 public:
  JobRequirements AnalyzeJob(std::string_view title, std::string_view description) const override {
    JobRequirements job = AnalyzeJobText(data_, title, description);
    job.features = BuildJobFeatures(data_, job);
    return job;
  }
  ResumeProfile AnalyzeResume(std::string_view text) const override {
    return AnalyzeResumeAt(text, ResumeOptions{});
  }
  ResumeProfile AnalyzeResumeAt(std::string_view text,
                                const ResumeOptions& options) const override {
    int year = options.reference_year > 0 ? options.reference_year : kDefaultReferenceYear;
    int month = options.reference_month >= 1 && options.reference_month <= 12
                    ? options.reference_month
                    : (options.reference_year > 0 ? 12 : kDefaultReferenceMonth);
    std::vector<SkillId> skill_ids;
    ResumeProfile profile = AnalyzeResumeText(data_, text, ToMonthIndex(year, month), &skill_ids);
    profile.features = BuildResumeFeatures(data_, profile, std::move(skill_ids));
    return profile;
  }
  Evaluation Evaluate(const JobRequirements& job, const ResumeProfile& resume,
                      const ScoringOptions& options) const override {
    return ScoreCandidate(data_, job, resume, options);
  }
  std::vector<std::string> RelatedSkills(std::string_view skill) const override {
    std::vector<std::string> out;
    SkillId id = data_.taxonomy.Find(skill);
    if (id == kNoSkill) return out;
    for (SkillId r : data_.taxonomy.skill(id).related) out.push_back(data_.taxonomy.skill(r).name);
    return out;
  }
  std::vector<OccupationMatch> Occupations(const JobRequirements& job, int top) const override {
    return TopConcepts(data_.word_stats, JobFeaturesFor(data_, job)->esa, top);
  }
  std::vector<OccupationMatch> Occupations(const ResumeProfile& resume, int top) const override {
    // What the whole (blind) resume is about and what its titles say, in equal parts: the
    // text alone drifts to the occupations of its tools, the titles alone miss a career change.
    std::shared_ptr<const ResumeFeatures> f = ResumeFeaturesFor(data_, resume);
    std::vector<float> v = f->concepts;
    if (v.size() < f->title_concepts.size()) v.resize(f->title_concepts.size(), 0.0f);
    for (size_t i = 0; i < f->title_concepts.size(); ++i) v[i] += f->title_concepts[i];
    double norm = 0;
    for (float x : v) norm += static_cast<double>(x) * x;
    if (norm > 0) {
      for (float& x : v) x = static_cast<float>(x / std::sqrt(norm));
    }
    return TopConcepts(data_.word_stats, v, top);
  }
  std::string Seniority(const ResumeProfile& resume) const override {
    std::string title = resume.headline;
    if (!resume.experience.empty()) title += " " + resume.experience.front().title;
    return data_.SeniorityOfTitle(title);
  }

 private:
  EngineData data_;
};

}  // namespace

std::unique_ptr<Engine> Engine::Create() { return std::make_unique<EngineImpl>(); }

}  // namespace shortlist::engine
