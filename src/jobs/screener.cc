#include "jobs/screener.h"

#include <ctime>
#include <exception>

#include "common/clock.h"
#include "jobs/analysis.h"
#include "jobs/outcome_features.h"

namespace shortlist::jobs {
namespace {

struct ReadText {
  std::string text;
  DocumentFacts facts;
};

}  // namespace

engine::JobRequirements Screener::AnalyzeJob(const model::Job& job) const {
  return engine_.AnalyzeJob(job.title, job.description);
}

model::CandidateRecord Screener::Screen(const engine::JobRequirements& requirements,
                                        const model::ResumeInput& resume, int index,
                                        const engine::ScoringOptions& options) const {
  return ScreenBatch(requirements, {{index, &resume}}, options).front();
}

namespace {
bool NeedsFetch(const model::ResumeInput& r) {
  return r.content.empty() && r.base64.empty() && !r.file_url.empty();
}
}  // namespace

std::vector<model::CandidateRecord> Screener::ScreenBatch(
    const engine::JobRequirements& requirements,
    const std::vector<std::pair<int, const model::ResumeInput*>>& items,
    const engine::ScoringOptions& options, const OutcomeModel* model) const {
  return ScreenFetched(requirements, items, FetchUrls(items), options, model);
}

std::vector<Result<FetchedBytes>> Screener::FetchUrls(
    const std::vector<std::pair<int, const model::ResumeInput*>>& items) const {
  std::vector<std::string> urls;
  for (const auto& [index, resume] : items) {
    if (NeedsFetch(*resume)) urls.push_back(resume->file_url);
  }
  std::vector<Result<FetchedBytes>> fetched;
  if (!urls.empty()) {
    if (options_.fetch_urls) {
      fetched = options_.fetch_urls(urls);
    } else {
      for (std::size_t i = 0; i < urls.size(); ++i) {
        fetched.push_back(Error::Make("fetch_failed", "URL fetching is not configured"));
      }
    }
  }
  return fetched;
}

std::vector<model::CandidateRecord> Screener::ScreenFetched(
    const engine::JobRequirements& requirements,
    const std::vector<std::pair<int, const model::ResumeInput*>>& items,
    const std::vector<Result<FetchedBytes>>& fetched, const engine::ScoringOptions& options,
    const OutcomeModel* model) const {
  std::vector<model::CandidateRecord> out;
  std::size_t next_fetched = 0;
  for (const auto& [index, resume] : items) {
    const Result<FetchedBytes>* f = NeedsFetch(*resume) ? &fetched[next_fetched++] : nullptr;
    out.push_back(ScreenOne(requirements, *resume, index, options, f, model));
  }
  return out;
}

model::CandidateRecord Screener::ScreenOne(const engine::JobRequirements& requirements,
                                           const model::ResumeInput& resume, int index,
                                           const engine::ScoringOptions& options,
                                           const Result<FetchedBytes>* fetched,
                                           const OutcomeModel* model) const {
  model::CandidateRecord c;
  c.index = index;
  c.filename = resume.filename;
  c.external_id = resume.external_id;
  c.processed_at_ms = options_.clock->NowMillis();
  auto fail = [&](const Error& e) {
    c.error_code = e.code;
    c.error_message = e.message;
    c.score = 0;
    c.analysis_json = "{}";
    return c;
  };
  const std::string label =
      resume.filename.empty() ? "resume " + std::to_string(index + 1) : "'" + resume.filename + "'";
  try {
    ReadText read;
    if (!resume.content.empty()) {
      read.text = resume.content;
    } else {
      std::string bytes;
      std::string name = resume.filename;
      if (!resume.base64.empty()) {
        auto decoded = ingest::DecodeBase64(resume.base64);
        if (!decoded.ok()) {
          return fail(Error::Make(decoded.error().code, label + ": " + decoded.error().message));
        }
        bytes = std::move(decoded).value();
      } else if (fetched != nullptr) {
        if (!fetched->ok()) return fail(fetched->error());
        bytes = (*fetched)->bytes;
        if (name.empty() || name == resume.file_url) name = (*fetched)->filename;
      } else {
        return fail(Error::Make("empty_file", label + ": no content, base64 or file_url"));
      }
      auto doc = options_.extractor->Extract(bytes, name, options_.limits);
      if (!doc.ok()) return fail(doc.error());
      read.text = std::move(doc->text);
      read.facts.kind = std::string(ingest::ToString(doc->kind));
      read.facts.pages = doc->pages;
      read.facts.hidden_text = !doc->hidden_text.empty();
    }
    engine::ResumeOptions at;
    {
      std::time_t secs = static_cast<std::time_t>(options_.clock->NowMillis() / 1000);
      std::tm tm{};
      gmtime_r(&secs, &tm);
      at.reference_year = tm.tm_year + 1900;
      at.reference_month = tm.tm_mon + 1;
    }
    engine::ResumeProfile profile = engine_.AnalyzeResumeAt(read.text, at);
    engine::Evaluation evaluation = engine_.Evaluate(requirements, profile, options);
    if (read.facts.hidden_text) evaluation.flags.push_back("hidden_text");
    CandidateTraits traits = TraitsOf(engine_, profile);
    if (model != nullptr) {
      model->Apply(CandidateFeatures(profile, evaluation, traits), options.leniency_level,
                   &evaluation);
    }
    c.name = profile.contact.name;
    c.email = profile.contact.email;
    c.phone = profile.contact.phone;
    c.linkedin_url = profile.contact.linkedin_url;
    c.score = evaluation.score;
    c.raw_score = evaluation.raw_score;
    c.qualified = evaluation.qualified;
    generate::CandidateWriteup writeup =
        generate::WriteCandidate(engine_, requirements, profile, evaluation);
    c.analysis_json =
        SerializeAnalysis({std::move(profile), std::move(evaluation), std::move(writeup),
                           std::move(read.facts), std::move(traits)});
    return c;
  } catch (const std::exception& e) {
    return fail(Error::Make("screening_failed", label + ": " + e.what()));
  }
}

}  // namespace shortlist::jobs
