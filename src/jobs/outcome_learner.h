// The accounts' outcome models (outcome_model.h), learned from their reported outcomes and kept
// per account: the outcomes are read and turned into features once, and again only when they
// change (a cheap version read, Store::OutcomesVersion, tells), never on every request. Each
// screening then trains its posting's model from those features (milliseconds).
//
// Which outcomes teach: hired and rejected ones recorded after the account's last reset, on the
// account's own jobs, whose resume could be read; withdrawn ones say nothing about fit. Nothing
// of one account is ever used for another.
//
// Thread-safe: the workers and the request threads share one learner.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/mutex.h"
#include "common/result.h"
#include "engine/engine.h"
#include "jobs/outcome_model.h"
#include "model/candidate.h"
#include "store/store.h"

namespace shortlist::jobs {

// What an account's outcomes have taught, for GET /api/v1/outcomes/model.
struct OutcomeModelSummary {
  model::OutcomeSettings settings;
  int hired = 0;  // outcomes it learns from
  int rejected = 0;
  int ignored = 0;                    // withdrawn, recorded before the reset, or unreadable resumes
  std::optional<OutcomeModel> model;  // account-wide; nullopt while too few outcomes
};

class OutcomeLearner {
 public:
  // Both must outlive the learner.
  OutcomeLearner(store::Store& store, const engine::Engine& engine)
      : store_(store), engine_(engine) {}

  // The account's model for screening `requirements`; nullopt when its outcomes say nothing
  // about postings like it, it has too few, its outcome_weight is 0, or reading them failed
  // (screening then goes on without it).
  std::optional<OutcomeModel> ModelFor(std::int64_t account_id,
                                       const engine::JobRequirements& requirements);

  Result<OutcomeModelSummary> Summarize(std::int64_t account_id);

 private:
  struct Learned {
    model::OutcomeSettings settings;
    std::vector<OutcomeExample> examples;
    int ignored = 0;
  };
  Result<std::shared_ptr<const Learned>> Current(std::int64_t account_id);
  Result<std::shared_ptr<const Learned>> Load(std::int64_t account_id,
                                              const model::OutcomeSettings& settings);

  store::Store& store_;
  const engine::Engine& engine_;
  Mutex mu_;
  struct Entry {
    std::string version;
    std::shared_ptr<const Learned> learned;
  };
  std::map<std::int64_t, Entry> cache_ GUARDED_BY(mu_);
};

}  // namespace shortlist::jobs
