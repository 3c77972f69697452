// Test doubles for billing: a temporary database (SQLite or PostgreSQL) with one account, an
// HttpClient that answers like Stripe from memory and records what it was sent, and an EventSink
// that records events and honours dedupe keys as the real outbox does.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../support/test_postgres.h"
#include "net/http_client.h"
#include "store/billing_store.h"
#include "store/store.h"
#include "webhooks/event_sink.h"

namespace shortlist::billing::testing {

// One account in a fresh database of the given backend: "sqlite" (a file in a temp dir) or
// "postgres" (a fresh schema in the server scripts/with-postgres started).
class TempDatabase {
 public:
  explicit TempDatabase(const std::string& backend = "sqlite") : backend_(backend) {
    if (backend_ == "postgres") {
      location_ = shortlist::testing::FreshPostgresDatabase();
      if (location_.empty()) return;  // the test has failed already
    } else {
      char tmpl[] = "/tmp/shortlist-billing-XXXXXX";
      dir_ = mkdtemp(tmpl);
      location_ = dir_ + "/shortlist.db";
    }
    auto store = backend_ == "postgres" ? store::OpenPostgresStore(location_)
                                        : store::OpenSqliteStore(location_);
    EXPECT_TRUE(store.ok()) << store.error().message;
    if (!store.ok()) return;
    store_ = std::move(*store);
    auto account = store_->CreateAccount("acme", "ops@acme.test", model::Plan::kStandard);
    EXPECT_TRUE(account.ok());
    account_ = *account;
    auto billing = OpenBilling();
    EXPECT_TRUE(billing.ok()) << billing.error().message;
    if (billing.ok()) billing_ = std::move(*billing);
  }
  ~TempDatabase() {
    billing_.reset();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // The database file (sqlite) or URL (postgres).
  const std::string& path() const { return location_; }
  store::Store& store() { return *store_; }
  store::BillingStore& billing() { return *billing_; }
  const model::Account& account() const { return account_; }
  // Another BillingStore on the same database, with its own connections: what a second server
  // process would open.
  Result<std::unique_ptr<store::BillingStore>> OpenBilling() const {
    return backend_ == "postgres" ? store::OpenPostgresBillingStore(location_)
                                  : store::OpenSqliteBillingStore(location_);
  }

 private:
  std::string backend_, dir_, location_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::BillingStore> billing_;
  model::Account account_;
};

// Store-level suites run once per backend; the name suffix says which.
inline const auto kBackends = ::testing::Values(std::string("sqlite"), std::string("postgres"));
inline std::string BackendName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

class FakeStripeHttp : public net::HttpClient {
 public:
  using Responder = std::function<net::HttpResponse(const net::HttpRequest&)>;
  explicit FakeStripeHttp(Responder responder) : responder_(std::move(responder)) {}
  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    return responder_(request);
  }
  std::vector<net::HttpRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  Responder responder_;
  std::mutex mu_;
  std::vector<net::HttpRequest> requests_;
};

class RecordingSink : public webhooks::EventSink {
 public:
  Status Publish(const webhooks::Event& event) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!event.dedupe_key.empty() &&
        !keys_.insert(std::to_string(event.account_id) + "/" + event.dedupe_key).second) {
      return OkStatus();
    }
    events_.push_back(event);
    return OkStatus();
  }
  std::vector<webhooks::Event> events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  std::vector<std::string> types() {
    std::vector<std::string> out;
    for (const auto& e : events()) out.push_back(e.type);
    return out;
  }

 private:
  std::mutex mu_;
  std::set<std::string> keys_;
  std::vector<webhooks::Event> events_;
};

}  // namespace shortlist::billing::testing
