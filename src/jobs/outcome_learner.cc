#include "jobs/outcome_learner.h"

#include <utility>

#include "jobs/analysis.h"

namespace shortlist::jobs {
namespace {

// Accounts whose learned outcomes are kept; past it the cache starts again (a miss costs one
// read of that account's outcomes).
constexpr std::size_t kMaxCachedAccounts = 1024;

}  // namespace

Result<std::shared_ptr<const OutcomeLearner::Learned>> OutcomeLearner::Current(
    std::int64_t account_id) {
  auto settings = store_.GetOutcomeSettings(account_id);
  if (!settings.ok()) return settings.error();
  auto outcomes_version = store_.OutcomesVersion(account_id);
  if (!outcomes_version.ok()) return outcomes_version.error();
  const std::string version = *outcomes_version + "/" + std::to_string(settings->reset_at_ms) +
                              "/" + std::to_string(settings->outcome_weight);
  {
    MutexLock lock(mu_);
    auto it = cache_.find(account_id);
    if (it != cache_.end() && it->second.version == version) return it->second.learned;
  }
  auto learned = Load(account_id, *settings);
  if (!learned.ok()) return learned.error();
  MutexLock lock(mu_);
  if (cache_.size() >= kMaxCachedAccounts) cache_.clear();
  cache_[account_id] = {version, *learned};
  return *learned;
}

Result<std::shared_ptr<const OutcomeLearner::Learned>> OutcomeLearner::Load(
    std::int64_t account_id, const model::OutcomeSettings& settings) {
  auto outcomes = store_.ListOutcomes(account_id);
  if (!outcomes.ok()) return outcomes.error();
  auto learned = std::make_shared<Learned>();
  learned->settings = settings;
  // Each posting is understood once, however many of its candidates have outcomes.
  std::map<std::int64_t, SparseFeatures> postings;
  for (const auto& o : *outcomes) {
    const bool usable = (o.outcome == "hired" || o.outcome == "rejected") &&
                        o.recorded_at_ms > settings.reset_at_ms;
    std::optional<CandidateAnalysis> a = usable ? ParseAnalysis(o.analysis_json) : std::nullopt;
    if (!a || a->evaluation.breakdown.empty()) {
      ++learned->ignored;
      continue;
    }
    auto posting = postings.find(o.job_id);
    if (posting == postings.end()) {
      posting =
          postings
              .emplace(o.job_id,
                       PostingFeatures(engine_, engine_.AnalyzeJob(o.job_title, o.job_description)))
              .first;
    }
    learned->examples.push_back({CandidateFeatures(a->profile, a->evaluation, a->traits),
                                 posting->second, o.outcome == "hired"});
  }
  return std::shared_ptr<const Learned>(std::move(learned));
}

std::optional<OutcomeModel> OutcomeLearner::ModelFor(std::int64_t account_id,
                                                     const engine::JobRequirements& requirements) {
  auto learned = Current(account_id);
  if (!learned.ok() || (*learned)->examples.empty()) return std::nullopt;
  const SparseFeatures posting = PostingFeatures(engine_, requirements);
  return OutcomeModel::Train((*learned)->examples, &posting, (*learned)->settings.outcome_weight);
}

Result<OutcomeModelSummary> OutcomeLearner::Summarize(std::int64_t account_id) {
  auto learned = Current(account_id);
  if (!learned.ok()) return learned.error();
  OutcomeModelSummary out;
  out.settings = (*learned)->settings;
  out.ignored = (*learned)->ignored;
  for (const auto& e : (*learned)->examples) ++(e.hired ? out.hired : out.rejected);
  // What it has learned is shown whatever the weight: switching it off hides nothing.
  out.model = OutcomeModel::Train((*learned)->examples, nullptr, 1);
  return out;
}

}  // namespace shortlist::jobs
