// Test doubles for billing: a temporary database with one account, an HttpClient that answers
// like Stripe from memory and records what it was sent, and an EventSink that records events
// and honours dedupe keys as the real outbox does.
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

#include "net/http_client.h"
#include "store/billing_store.h"
#include "store/store.h"
#include "webhooks/event_sink.h"

namespace shortlist::billing::testing {

class TempDatabase {
 public:
  TempDatabase() {
    char tmpl[] = "/tmp/shortlist-billing-XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/shortlist.db";
    auto store = store::OpenSqliteStore(path_);
    EXPECT_TRUE(store.ok());
    store_ = std::move(*store);
    auto account = store_->CreateAccount("acme", "ops@acme.test", store::Plan::kStandard);
    EXPECT_TRUE(account.ok());
    account_ = *account;
    auto billing = store::OpenSqliteBillingStore(path_);
    EXPECT_TRUE(billing.ok());
    billing_ = std::move(*billing);
  }
  ~TempDatabase() {
    billing_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  const std::string& path() const { return path_; }
  store::Store& store() { return *store_; }
  store::BillingStore& billing() { return *billing_; }
  const store::Account& account() const { return account_; }

 private:
  std::string dir_, path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::BillingStore> billing_;
  store::Account account_;
};

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
