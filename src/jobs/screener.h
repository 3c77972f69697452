// One resume, start to end: read the file (text, base64 bytes or URL), understand it, score it
// against the job, write it up. A resume that cannot be read yields a candidate carrying the
// error (code and message naming the file) and score 0; it never fails the job.
//
// Thread-safe: many workers share one Screener.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "engine/engine.h"
#include "ingest/extractor.h"
#include "ingest/ingest.h"
#include "jobs/outcome_model.h"
#include "model/candidate.h"
#include "model/job.h"

namespace shortlist::jobs {

// Fetches a resume's file_url: the bytes and a file name for messages. The real one guards
// against SSRF and caps size and time (net/, ingest/fetch.h); tests may pass a fake.
struct FetchedBytes {
  std::string bytes;
  std::string filename;
};
// Fetches many URLs at once (concurrently); result i belongs to urls[i].
using UrlFetcher =
    std::function<std::vector<Result<FetchedBytes>>(const std::vector<std::string>& urls)>;

struct ScreenerOptions {
  ingest::ExtractLimits limits;  // caps for files given as base64 or URL
  // Reads those files; the server passes its SandboxedExtractor. Must outlive the screener.
  const ingest::Extractor* extractor = &ingest::InProcessExtractor();
  UrlFetcher fetch_urls;                // required for resumes given by file_url
  const Clock* clock = &SystemClock();  // "Present" in a date range ends at this clock's month
};

class Screener {
 public:
  // `engine` must outlive the screener.
  Screener(const engine::Engine& engine, ScreenerOptions options)
      : engine_(engine), options_(std::move(options)) {}

  const engine::Engine& engine() const { return engine_; }

  engine::JobRequirements AnalyzeJob(const model::Job& job) const;

  // The candidate for resume `index` of `job`. Never throws.
  model::CandidateRecord Screen(const engine::JobRequirements& requirements,
                                const model::ResumeInput& resume, int index,
                                const engine::ScoringOptions& options) const;

  // Several resumes at once: their URLs are fetched concurrently first. Result i is for
  // items[i] (a resume index and the resume). Never throws.
  // `model`, when given, is the account's outcome model (outcome_model.h).
  std::vector<model::CandidateRecord> ScreenBatch(
      const engine::JobRequirements& requirements,
      const std::vector<std::pair<int, const model::ResumeInput*>>& items,
      const engine::ScoringOptions& options, const OutcomeModel* model = nullptr) const;

  // ScreenBatch in two steps, so that a batch's URLs can be fetched while the batch before is
  // screened: FetchUrls fetches the URLs of `items` (those given only by file_url), and
  // ScreenFetched screens `items` with what FetchUrls(items) returned. Never throw.
  std::vector<Result<FetchedBytes>> FetchUrls(
      const std::vector<std::pair<int, const model::ResumeInput*>>& items) const;
  std::vector<model::CandidateRecord> ScreenFetched(
      const engine::JobRequirements& requirements,
      const std::vector<std::pair<int, const model::ResumeInput*>>& items,
      const std::vector<Result<FetchedBytes>>& fetched, const engine::ScoringOptions& options,
      const OutcomeModel* model = nullptr) const;

 private:
  model::CandidateRecord ScreenOne(const engine::JobRequirements& requirements,
                                   const model::ResumeInput& resume, int index,
                                   const engine::ScoringOptions& options,
                                   const Result<FetchedBytes>* fetched,
                                   const OutcomeModel* model) const;

  const engine::Engine& engine_;
  ScreenerOptions options_;
};

}  // namespace shortlist::jobs
