#include "webhooks/dispatcher.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "common/crypto.h"
#include "common/log.h"
#include "common/metrics.h"
#include "webhooks/backoff.h"
#include "webhooks/sender.h"
#include "webhooks/signing.h"

namespace shortlist::webhooks {
namespace {

DeliveryDispatcher::RandomUnit DefaultRandom() {
  struct State {
    Mutex mu;
    std::mt19937_64 rng GUARDED_BY(mu){std::random_device{}()};
  };
  auto state = std::make_shared<State>();
  return [state] {
    MutexLock lock(state->mu);
    return std::uniform_real_distribution<double>(0.0, 1.0)(state->rng);
  };
}

}  // namespace

DeliveryDispatcher::DeliveryDispatcher(store::WebhookStore& store, net::HttpClient& client,
                                       const Clock& clock, WebhookOptions options,
                                       RandomUnit random)
    : store_(store),
      client_(client),
      clock_(clock),
      options_(std::move(options)),
      owner_(options_.owner_id.empty() ? "webhooks-" + RandomHex(6) : options_.owner_id),
      random_(random ? std::move(random) : DefaultRandom()) {}

DeliveryDispatcher::~DeliveryDispatcher() { Stop(); }

double DeliveryDispatcher::NextRandom() { return random_(); }

bool DeliveryDispatcher::SendOne(const std::string& owner) {
  auto claimed = store_.ClaimDue(owner, clock_.NowMillis(), lease_ms(), 1);
  if (!claimed.ok()) {
    Log(LogLevel::kError, "claiming a webhook delivery failed",
        {{"error", claimed.error().message}});
    return false;
  }
  if (claimed->empty()) return false;
  const store::WebhookDelivery& d = claimed->front();

  store::AttemptOutcome outcome;
  outcome.attempt.delivery_id = d.id;
  outcome.attempt.number = d.attempts + 1;
  outcome.attempt.started_at_ms = clock_.NowMillis();
  auto secret = AccountSecret(store_, d.account_id, outcome.attempt.started_at_ms);
  SendResult sent;
  if (secret.ok()) {
    sent = SendSigned(client_, d.url, d.body, d.public_id, *secret, outcome.attempt.started_at_ms,
                      options_.timeout_ms);
  } else {
    sent.error = "signing secret unavailable: " + secret.error().message;
  }
  outcome.attempt.duration_ms = sent.duration_ms;
  outcome.attempt.status_code = sent.status_code;
  outcome.attempt.error = sent.error;
  outcome.attempt.response_excerpt = sent.response_excerpt;
  const std::int64_t now = clock_.NowMillis();
  if (sent.delivered) {
    outcome.next_state = store::DeliveryState::kDelivered;
  } else if (outcome.attempt.number >= options_.max_attempts) {
    outcome.next_state = store::DeliveryState::kFailed;
  } else {
    outcome.next_state = store::DeliveryState::kPending;
    outcome.next_attempt_at_ms =
        now + RetryDelayMillis(options_.retry_base_ms, options_.retry_max_ms,
                               outcome.attempt.number, NextRandom());
  }
  Status recorded = store_.CompleteAttempt(d.id, owner, outcome, now);
  if (!recorded.ok()) {
    Log(LogLevel::kError, "recording a webhook attempt failed",
        {{"delivery", d.public_id}, {"error", recorded.error().message}});
  } else {
    metrics::WebhookDeliveryCounters& counted = metrics::WebhookDeliveries();
    (outcome.next_state == store::DeliveryState::kDelivered ? counted.delivered
     : outcome.next_state == store::DeliveryState::kFailed  ? counted.failed
                                                            : counted.retry)
        .Add();
    Log(sent.delivered ? LogLevel::kDebug : LogLevel::kInfo, "webhook attempt",
        {{"delivery", d.public_id},
         {"event", d.event_type},
         {"attempt", outcome.attempt.number},
         {"status", std::string(store::ToString(outcome.next_state))},
         {"http_status", sent.status_code},
         {"error", sent.error}});
  }
  return true;
}

int DeliveryDispatcher::RunOnce() {
  int attempts = 0;
  while (SendOne(owner_ + "/0")) ++attempts;
  return attempts;
}

void DeliveryDispatcher::Run(int index) {
  // One lease owner per thread, so a thread's claims are its own.
  const std::string owner = owner_ + "/" + std::to_string(index);
  std::uint64_t seen = 0;
  while (!stopping_) {
    {
      MutexLock lock(mu_);
      seen = notifications_;
    }
    if (SendOne(owner)) continue;
    // Nothing due: sleep until the next delivery is due (retries), a Notify, or the poll.
    std::int64_t wait_ms = options_.poll_ms;
    if (auto next = store_.NextDueAt(); next.ok() && next->has_value()) {
      wait_ms = std::clamp<std::int64_t>(**next - clock_.NowMillis(), 10, options_.poll_ms);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    MutexLock lock(mu_);
    while (!stopping_ && notifications_ == seen && wake_.WaitUntil(&mu_, deadline)) {
    }
  }
  (void)store_.ReleaseLeases(owner);
}

void DeliveryDispatcher::Start() {
  MutexLock lock(mu_);
  if (!threads_.empty() || stopping_) return;
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this, i] { Run(i); });
  }
}

void DeliveryDispatcher::Notify() {
  {
    MutexLock lock(mu_);
    ++notifications_;
  }
  wake_.SignalAll();
}

void DeliveryDispatcher::Stop() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  wake_.SignalAll();
  std::vector<std::thread> threads;
  {
    MutexLock lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

}  // namespace shortlist::webhooks
