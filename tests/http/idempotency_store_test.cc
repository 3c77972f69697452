// The Idempotency-Key store on SQLite and on PostgreSQL alike: the first request with a key runs,
// a retry is told the first is still running or gets its stored answer, another request with
// the key is refused, keys are per account, and abandoned, expired or stale reservations free
// the key. On PostgreSQL also across processes (two stores, each with its own pool, on one
// database): a key begun in one is in flight, then replayed, in the other.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <thread>
#include <vector>

#include "../support/test_postgres.h"
#include "common/crypto.h"
#include "store/idempotency_store.h"

namespace shortlist::store {
namespace {

using State = IdempotencyClaim::State;

constexpr std::int64_t kTtl = 24 * 3600 * 1000;
constexpr std::int64_t kStale = 60 * 1000;

class IdempotencyStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      location_ = shortlist::testing::FreshPostgresDatabase();
      ASSERT_FALSE(location_.empty());
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("shortlist-idempotency-" + RandomHex(8));
      std::filesystem::create_directories(dir_);
      location_ = (dir_ / "shortlist.db").string();
    }
    auto opened = Open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // Another store on the same database: what a second server process opens.
  Result<std::unique_ptr<IdempotencyStore>> Open() {
    return GetParam() == "postgres" ? OpenPostgresIdempotencyStore(location_)
                                    : OpenSqliteIdempotencyStore(location_);
  }
  State Reserve(const std::string& key, const std::string& hash, std::int64_t now) {
    return Claim(*store_, 1, key, hash, now).state;
  }
  static IdempotencyClaim Claim(IdempotencyStore& store, std::int64_t account,
                                const std::string& key, const std::string& hash, std::int64_t now) {
    auto claim = store.Reserve(account, key, hash, now, kTtl, kStale);
    EXPECT_TRUE(claim.ok()) << claim.error().message;
    return claim.ok() ? *claim : IdempotencyClaim{};
  }

  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<IdempotencyStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, IdempotencyStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST_P(IdempotencyStoreTest, FirstRunsRetryWaitsThenReplaysAndOtherRequestsAreRefused) {
  EXPECT_EQ(Reserve("k1", "POST /jobs {a}", 1000), State::kReserved);
  EXPECT_EQ(Reserve("k1", "POST /jobs {a}", 1500), State::kInProgress);
  EXPECT_EQ(Reserve("k1", "POST /jobs {b}", 1500), State::kMismatch);
  ASSERT_TRUE(store_->Complete(1, "k1", 201, "{\"id\":\"job_1\"}").ok());
  IdempotencyClaim replay = Claim(*store_, 1, "k1", "POST /jobs {a}", 2000);
  EXPECT_EQ(replay.state, State::kReplay);
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, "{\"id\":\"job_1\"}");
  EXPECT_EQ(Reserve("k1", "POST /jobs {b}", 2000), State::kMismatch);
}

TEST_P(IdempotencyStoreTest, KeysBelongToOneAccount) {
  EXPECT_EQ(Claim(*store_, 1, "k", "h", 1000).state, State::kReserved);
  EXPECT_EQ(Claim(*store_, 2, "k", "other", 1000).state, State::kReserved);
  ASSERT_TRUE(store_->Complete(2, "k", 200, "two").ok());
  EXPECT_EQ(Claim(*store_, 1, "k", "h", 1100).state, State::kInProgress);
  EXPECT_EQ(Claim(*store_, 2, "k", "other", 1100).body, "two");
}

TEST_P(IdempotencyStoreTest, AnAbandonedKeyRunsAgainButADoneOneStays) {
  EXPECT_EQ(Reserve("k", "h", 1000), State::kReserved);
  ASSERT_TRUE(store_->Abandon(1, "k").ok());
  EXPECT_EQ(Reserve("k", "h", 1100), State::kReserved);
  ASSERT_TRUE(store_->Complete(1, "k", 200, "ok").ok());
  ASSERT_TRUE(store_->Abandon(1, "k").ok());  // only pending reservations are forgotten
  EXPECT_EQ(Reserve("k", "h", 1200), State::kReplay);
}

TEST_P(IdempotencyStoreTest, ExpiredKeysAreForgottenAndStaleReservationsTakenOver) {
  EXPECT_EQ(Reserve("done", "h", 1000), State::kReserved);
  ASSERT_TRUE(store_->Complete(1, "done", 200, "ok").ok());
  EXPECT_EQ(Reserve("done", "h2", 1000 + kTtl - 1), State::kMismatch);
  EXPECT_EQ(Reserve("done", "h2", 1000 + kTtl + 1), State::kReserved);  // expired: a new key

  EXPECT_EQ(Reserve("crashed", "h", 1000), State::kReserved);
  EXPECT_EQ(Reserve("crashed", "h", 1000 + kStale), State::kInProgress);
  // Its process died: after stale_ms any request with the key takes it over.
  EXPECT_EQ(Reserve("crashed", "h3", 1000 + kStale + 1), State::kReserved);
  EXPECT_EQ(Reserve("crashed", "h", 1000 + kStale + 2), State::kMismatch);
}

TEST_P(IdempotencyStoreTest, ConcurrentRequestsWithOneKeyRunOnce) {
  constexpr int kRequests = 8;
  std::atomic<int> reserved{0}, in_progress{0};
  std::latch start(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      State s = Claim(*store_, 1, "k", "h", 1000).state;
      if (s == State::kReserved) ++reserved;
      if (s == State::kInProgress) ++in_progress;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reserved.load(), 1);
  EXPECT_EQ(in_progress.load(), kRequests - 1);
}

TEST(PostgresIdempotencyStoreTest, AKeyBegunInOneProcessIsInFlightThenReplayedInTheOther) {
  const std::string url = shortlist::testing::FreshPostgresDatabase();
  ASSERT_FALSE(url.empty());
  auto a = OpenPostgresIdempotencyStore(url);
  auto b = OpenPostgresIdempotencyStore(url);
  ASSERT_TRUE(a.ok() && b.ok());
  auto first = (*a)->Reserve(1, "k", "h", 1000, kTtl, kStale);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->state, State::kReserved);
  EXPECT_EQ((*b)->Reserve(1, "k", "h", 1100, kTtl, kStale)->state, State::kInProgress);
  EXPECT_EQ((*b)->Reserve(1, "k", "other", 1100, kTtl, kStale)->state, State::kMismatch);
  ASSERT_TRUE((*a)->Complete(1, "k", 202, "accepted").ok());
  auto replay = (*b)->Reserve(1, "k", "h", 1200, kTtl, kStale);
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->state, State::kReplay);
  EXPECT_EQ(replay->status, 202);
  EXPECT_EQ(replay->body, "accepted");
}

TEST(PostgresIdempotencyStoreTest, ConcurrentRequestsSplitOverTwoProcessesRunOnce) {
  const std::string url = shortlist::testing::FreshPostgresDatabase();
  ASSERT_FALSE(url.empty());
  auto a = OpenPostgresIdempotencyStore(url);
  auto b = OpenPostgresIdempotencyStore(url);
  ASSERT_TRUE(a.ok() && b.ok());
  constexpr int kRequests = 10;
  std::atomic<int> reserved{0}, in_progress{0}, errors{0};
  std::latch start(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      IdempotencyStore& store = i % 2 == 0 ? **a : **b;
      start.arrive_and_wait();
      auto claim = store.Reserve(1, "k", "h", 1000, kTtl, kStale);
      if (!claim.ok()) {
        ++errors;
      } else if (claim->state == State::kReserved) {
        ++reserved;
      } else if (claim->state == State::kInProgress) {
        ++in_progress;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(reserved.load(), 1);
  EXPECT_EQ(in_progress.load(), kRequests - 1);
}

}  // namespace
}  // namespace shortlist::store
