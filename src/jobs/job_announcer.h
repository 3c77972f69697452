// JobAnnouncer: the webhook events that announce a job's start and end, built by the webhooks
// module and written by the workers in the same transaction as the change itself (the claim,
// the final status): a crash at any point leaves either the change with all of its events or
// neither, and a change is announced once (issue: transactional outbox).
//
// Started() is called inside the claim's transaction, so it must do no I/O. Finished() is called
// before the job is finished, with the job as it will be once finished (status, completed_at,
// counts); its events are written only if that finish succeeds.
#pragma once

#include <vector>

#include "model/job.h"
#include "model/webhook.h"

namespace shortlist::jobs {

class JobAnnouncer {
 public:
  virtual ~JobAnnouncer() = default;
  virtual std::vector<model::NewWebhookDelivery> Started(const model::Job& job) = 0;
  virtual std::vector<model::NewWebhookDelivery> Finished(const model::Job& job) = 0;
  // Events returned above were committed: whoever sends them may start.
  virtual void Written() = 0;
};

}  // namespace shortlist::jobs
