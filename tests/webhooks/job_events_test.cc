// Job events from the workers' callbacks, against a real SQLite job store: which events a job
// with webhook_conditions produces, what they carry, and that a resumed job notifies once.
#include "webhooks/job_events.h"
#include "webhooks/job_outbox.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "temp_db.h"
#include "webhooks/outbox_sink.h"

namespace shortlist::webhooks {
namespace {

using nlohmann::json;
using testing::TempDb;

class RecordingSink : public EventSink {
 public:
  Status Publish(const Event& e) override {
    events.push_back(e);
    return OkStatus();
  }
  std::vector<std::string> Types() const {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
  }
  std::vector<Event> events;
};

class JobEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::OpenSqliteStore(db_.path()).value();
    account_ = store_->CreateAccount("acme", "", model::Plan::kStandard)->id;
  }

  // A job with four candidates scored 90, 75, 40 and an unreadable file (0), run to the end.
  model::Job RunJob(const std::string& conditions, const std::string& url = "http://hook/x") {
    model::NewJob nj;
    nj.account_id = account_;
    nj.title = "Backend Engineer";
    nj.description = std::string(60, 'x');
    nj.webhook_url = url;
    nj.webhook_conditions_json = conditions;
    nj.resumes.resize(4);
    auto job = store_->CreateJob(nj, "", 1000);
    EXPECT_TRUE(job.ok());
    auto claimed = store_->ClaimNextJob("w", 2000);
    started_ = **claimed;
    std::vector<model::CandidateRecord> batch(4);
    const int scores[] = {75, 90, 40, 0};
    for (int i = 0; i < 4; ++i) {
      batch[i].job_id = job->id;
      batch[i].index = i;
      batch[i].score = scores[i];
      batch[i].qualified = scores[i] >= 70;
      batch[i].name = "Candidate " + std::to_string(i + 1);
      batch[i].filename = "r" + std::to_string(i + 1) + ".txt";
      batch[i].processed_at_ms = 2500;
    }
    batch[3].error_code = "corrupt_file";
    EXPECT_TRUE(store_->SaveCandidates(job->id, batch).ok());
    EXPECT_TRUE(*store_->FinishJob({job->id, "w"}, model::JobStatus::kCompleted, "", 3000));
    return *store_->GetJob(account_, job->id);
  }

  void Observe(JobEventPublisher& p, const model::Job& finished) {
    p.OnJobStarted(started_);
    p.OnJobFinished(finished);
  }

  TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::int64_t account_ = 0;
  model::Job started_;
  RecordingSink sink_;
  std::function<std::string()> base_ = [] { return std::string("https://sl.example"); };
};

TEST_F(JobEventsTest, NoWebhookUrlNoEvents) {
  JobEventPublisher p(sink_, *store_, base_);
  Observe(p, RunJob("", ""));
  EXPECT_TRUE(sink_.events.empty());
}

TEST_F(JobEventsTest, WithoutConditionsEveryEventAndQualifiedCandidatesAreHighScores) {
  JobEventPublisher p(sink_, *store_, base_);
  model::Job job = RunJob("");
  Observe(p, job);
  EXPECT_EQ(sink_.Types(), (std::vector<std::string>{"job.processing", "high_score_detected",
                                                     "high_score_detected", "job.completed"}));
  json processing = json::parse(sink_.events[0].data_json);
  EXPECT_EQ(processing["job_id"], job.id);
  EXPECT_EQ(processing["status"], "processing");
  EXPECT_EQ(processing["status_url"], "https://sl.example/api/v1/jobs/" + std::to_string(job.id));
  json top = json::parse(sink_.events[1].data_json);
  EXPECT_EQ(top["candidate_id"], 2);
  EXPECT_EQ(top["score"], 90);
  EXPECT_EQ(top["rank"], 1);
  EXPECT_EQ(top["candidate"]["name"], "Candidate 2");
  EXPECT_EQ(json::parse(sink_.events[2].data_json)["candidate_id"], 1);
  json done = json::parse(sink_.events[3].data_json);
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["summary"]["total_candidates"], 4);
  EXPECT_EQ(done["summary"]["qualified_count"], 2);
  EXPECT_EQ(done["summary"]["top_score"], 90);
  EXPECT_EQ(done["results_url"],
            "https://sl.example/api/v1/jobs/" + std::to_string(job.id) + "/results");
  for (const auto& e : sink_.events) {
    EXPECT_EQ(e.account_id, account_);
    EXPECT_EQ(e.url, "http://hook/x");
    EXPECT_FALSE(e.dedupe_key.empty());
  }
}

TEST_F(JobEventsTest, ConditionsFilterEventsAndShapeHighScores) {
  JobEventPublisher p(sink_, *store_, base_);
  Observe(p, RunJob(R"({"min_score":40,"only_top_n":2,"events":["high_score_detected"]})"));
  ASSERT_EQ(sink_.Types(),
            (std::vector<std::string>{"high_score_detected", "high_score_detected"}));
  // Of the top two (90, 75), both reach 40; the third (40) is cut by only_top_n.
  EXPECT_EQ(json::parse(sink_.events[0].data_json)["candidate_id"], 2);
  EXPECT_EQ(json::parse(sink_.events[1].data_json)["candidate_id"], 1);
  EXPECT_EQ(json::parse(sink_.events[1].data_json)["threshold"], 40);

  sink_.events.clear();
  Observe(p, RunJob(R"({"min_score":80,"events":["job.completed","high_score_detected"]})"));
  EXPECT_EQ(sink_.Types(), (std::vector<std::string>{"high_score_detected", "job.completed"}));
}

TEST_F(JobEventsTest, AResumedJobNotifiesOnceThroughTheOutbox) {
  auto webhook_store = store::OpenSqliteWebhookStore(db_.path()).value();
  FakeClock clock(5000);
  int woken = 0;
  OutboxSink outbox(*webhook_store, clock, [&] { ++woken; });
  JobEventPublisher p(outbox, *store_, base_);
  model::Job job = RunJob(R"({"min_score":80})");
  Observe(p, job);
  Observe(p, job);  // the job ran again after a crash: its observers are called again
  int total = 0;
  auto deliveries = webhook_store->ListDeliveries(account_, {}, &total);
  ASSERT_TRUE(deliveries.ok());
  EXPECT_EQ(total, 3);  // processing, one high score (90), completed
  EXPECT_EQ(woken, 3);
  store::DeliveryFilter by_job;
  by_job.job_id = job.id;
  EXPECT_EQ(webhook_store->ListDeliveries(account_, by_job, &total)->size(), 3u);
}

TEST_F(JobEventsTest, TheJobOutboxHandsEventsToTheWorkerInsteadOfWritingThem) {
  auto webhook_store = store::OpenSqliteWebhookStore(db_.path()).value();
  FakeClock clock(5000);
  int woken = 0;
  OutboxSink outbox(*webhook_store, clock, [&] { ++woken; });
  JobEventPublisher p(outbox, *store_, base_);
  JobOutbox announcer(p, outbox);
  model::Job job = RunJob(R"({"min_score":80})");
  std::vector<model::NewWebhookDelivery> started = announcer.Started(job);
  std::vector<model::NewWebhookDelivery> finished = announcer.Finished(job);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].event_type, "job.processing");
  ASSERT_EQ(finished.size(), 2u);  // one high score (90), completed
  EXPECT_EQ(finished[0].event_type, "high_score_detected");
  EXPECT_EQ(finished[1].event_type, "job.completed");
  EXPECT_EQ(finished[1].job_id, job.id);
  EXPECT_EQ(json::parse(finished[1].body)["id"], finished[1].public_id);
  EXPECT_EQ(finished[1].dedupe_key, "job:" + std::to_string(job.id) + ":job.completed");
  // Nothing was written or woken: the caller writes them with the change they announce.
  int total = -1;
  ASSERT_TRUE(webhook_store->ListDeliveries(account_, {}, &total).ok());
  EXPECT_EQ(total, 0);
  EXPECT_EQ(woken, 0);
  announcer.Written();
  EXPECT_EQ(woken, 1);
  // Outside a capture the same sink writes again.
  Observe(p, job);
  ASSERT_TRUE(webhook_store->ListDeliveries(account_, {}, &total).ok());
  EXPECT_EQ(total, 3);
}

TEST(ConditionsTest, ParsesWhatTheApiValidated) {
  auto c = ParseConditions(R"({"min_score":80,"only_top_n":5,"events":["job.completed"]})");
  EXPECT_EQ(c.min_score, 80);
  EXPECT_EQ(c.only_top_n, 5);
  EXPECT_TRUE(c.Wants("job.completed"));
  EXPECT_FALSE(c.Wants("job.processing"));
  EXPECT_TRUE(ParseConditions("").Wants("job.failed"));
  EXPECT_TRUE(ParseConditions("not json").Wants("job.failed"));
}

}  // namespace
}  // namespace shortlist::webhooks
