#include "http/idempotency.h"

#include <strings.h>

#include <chrono>
#include <string>
#include <thread>

#include "common/crypto.h"
#include "common/log.h"

namespace shortlist::http {
namespace {

bool MarkedNoStore(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (strcasecmp(name.c_str(), "cache-control") == 0 &&
        value.find("no-store") != std::string::npos) {
      return true;
    }
  }
  return false;
}

constexpr std::size_t kMaxKeyLength = 255;

// Method, path, query and body: the same key with any of them different is another request.
std::string Fingerprint(const Request& request) {
  std::string text = request.method;
  text += '\n';
  text += request.path;
  for (const auto& [name, value] : request.query) {
    text += '\n';
    text += name;
    text += '=';
    text += value;
  }
  text += "\n\n";
  text += request.body;
  return Sha256Hex(text);
}

Response Replay(const store::IdempotencyClaim& claim) {
  Response r;
  r.status = claim.status;
  r.body = claim.body;
  r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

}  // namespace

Response IdempotencyGuard::Run(std::int64_t account_id, const Request& request,
                               const std::function<Response()>& handle) const {
  const std::string key(request.Header("idempotency-key"));
  if (key.empty()) return handle();
  if (key.size() > kMaxKeyLength) {
    return ErrorResponse(422, "The Idempotency-Key header must be at most 255 characters.",
                         {{"Idempotency-Key", {"Must be at most 255 characters."}}});
  }
  const std::string fingerprint = Fingerprint(request);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.wait_ms);
  for (;;) {
    auto claim = store_.Reserve(account_id, key, fingerprint, clock_.NowMillis(), options_.ttl_ms,
                                options_.stale_ms);
    if (!claim.ok()) return ErrorResponse(claim.error());
    switch (claim->state) {
      case store::IdempotencyClaim::State::kReplay:
        return Replay(*claim);
      case store::IdempotencyClaim::State::kMismatch:
        return ErrorResponse(
            422, "This Idempotency-Key was already used for a different request.",
            {{"Idempotency-Key", {"Already used with a different request body or path."}}});
      case store::IdempotencyClaim::State::kInProgress:
        if (std::chrono::steady_clock::now() >= deadline) {
          return ErrorResponse(409,
                               "A request with this Idempotency-Key is still being processed; "
                               "retry shortly.");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      case store::IdempotencyClaim::State::kReserved:
        break;
    }
    Response response;
    try {
      response = handle();
    } catch (...) {
      (void)store_.Abandon(account_id, key);
      throw;
    }
    // Only successes are kept, and never an answer that carries a secret (a new token or
    // key, marked Cache-Control: no-store): the store would hold it in clear. A retry with the
    // same key then runs again and makes a new one.
    Status kept = response.status >= 200 && response.status < 300 && !MarkedNoStore(response)
                      ? store_.Complete(account_id, key, response.status, response.body)
                      : store_.Abandon(account_id, key);
    if (!kept.ok()) {
      Log(LogLevel::kError, "idempotency record failed", {{"error", kept.error().message}});
    }
    return response;
  }
}

}  // namespace shortlist::http
