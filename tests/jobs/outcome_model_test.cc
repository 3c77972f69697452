// An account's reported outcomes change how its later jobs rank: after it hires experienced
// candidates and rejects keyword-heavy ones, a held-out experienced candidate overtakes a
// keyword-heavy one that the engine alone ranks higher. Another account is unaffected.
#include "jobs/outcome_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "jobs/worker_pool.h"

namespace shortlist::jobs {
namespace {

// Reads "skills=0.9 experience=0.2" from the resume text: two features, 60 and 40 points.
class FeatureFakeEngine : public engine::Engine {
 public:
  engine::JobRequirements AnalyzeJob(std::string_view, std::string_view) const override {
    return {};
  }
  engine::ResumeProfile AnalyzeResume(std::string_view text) const override {
    engine::ResumeProfile p;
    p.text = std::string(text);
    return p;
  }
  engine::Evaluation Evaluate(const engine::JobRequirements&, const engine::ResumeProfile& resume,
                              const engine::ScoringOptions&) const override {
    double skills = 0, experience = 0;
    std::sscanf(resume.text.c_str(), "skills=%lf experience=%lf", &skills, &experience);
    engine::Evaluation e;
    e.breakdown.push_back({"required_skills", skills, 60, 60 * skills, ""});
    e.breakdown.push_back({"experience", experience, 40, 40 * experience, ""});
    e.raw_score = 60 * skills + 40 * experience;
    e.score = static_cast<int>(std::lround(e.raw_score));
    return e;
  }
  std::vector<std::string> RelatedSkills(std::string_view) const override { return {}; }
};

class OutcomeModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("outcome_test_" + RandomHex(6));
    std::filesystem::create_directories(dir_);
    store_ = std::move(store::OpenSqliteStore((dir_ / "db").string())).value();
    pool_ = std::make_unique<WorkerPool>(*store_, screener_, clock_, WorkerOptions{1, 10, 10, "t"});
    pool_->Start();
  }
  void TearDown() override {
    pool_->Stop();
    std::filesystem::remove_all(dir_);
  }

  std::int64_t RunJob(std::int64_t account, const std::vector<std::string>& resumes) {
    model::NewJob job;
    job.account_id = account;
    job.title = "t";
    job.description = "d";
    for (const auto& text : resumes) job.resumes.push_back({"r.txt", "", text, "", ""});
    std::int64_t id = store_->CreateJob(job, "", 1)->id;
    pool_->Notify();
    for (int i = 0; i < 1000 && !model::IsFinal(store_->GetJob(account, id)->status); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(store_->GetJob(account, id)->status, model::JobStatus::kCompleted);
    return id;
  }

  int Score(std::int64_t job, int index) { return store_->GetCandidate(job, index)->score; }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  FeatureFakeEngine engine_;
  Screener screener_{engine_, {}};
  FakeClock clock_{1'000'000};
  std::unique_ptr<WorkerPool> pool_;
};

TEST_F(OutcomeModelTest, ReportedOutcomesReRankHeldOutCandidatesOfTheSameAccountOnly) {
  std::int64_t learner = store_->CreateAccount("learner", "", model::Plan::kPro)->id;
  std::int64_t other = store_->CreateAccount("other", "", model::Plan::kPro)->id;
  const std::vector<std::string> held_out = {"skills=1.0 experience=0.2",   // engine: 68
                                             "skills=0.5 experience=0.9"};  // engine: 66
  std::int64_t before = RunJob(learner, held_out);
  ASSERT_GT(Score(before, 0), Score(before, 1)) << "the engine alone prefers keyword coverage";

  // The account hires experienced people and rejects keyword-heavy ones.
  std::int64_t history = RunJob(
      learner,
      {"skills=0.4 experience=0.9", "skills=0.5 experience=0.8", "skills=0.3 experience=0.95",
       "skills=0.45 experience=0.85", "skills=0.9 experience=0.2", "skills=0.95 experience=0.1",
       "skills=0.85 experience=0.3", "skills=1.0 experience=0.25", "skills=0.7 experience=0.7"});
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(store_->RecordOutcome(learner, history, i, "hired", 2).ok());
  for (int i = 4; i < 8; ++i)
    ASSERT_TRUE(store_->RecordOutcome(learner, history, i, "rejected", 2).ok());
  ASSERT_TRUE(store_->RecordOutcome(learner, history, 8, "withdrawn", 2).ok());

  std::int64_t after = RunJob(learner, held_out);
  EXPECT_LT(Score(after, 0), Score(after, 1)) << "the account's model now prefers experience";
  auto explained = nlohmann::json::parse(store_->GetCandidate(after, 1)->analysis_json);
  bool has_model_feature = false;
  double points = 0;
  for (const auto& f : explained["breakdown"]) {
    points += f["points"].get<double>();
    if (f["name"] == "account_model") has_model_feature = true;
  }
  EXPECT_TRUE(has_model_feature) << "the adjustment is an explained contribution";
  EXPECT_NEAR(points, Score(after, 1), 1.0);
  // The unrounded score that orders equal scores is the adjusted one too.
  for (int i = 0; i < 2; ++i) {
    auto c = store_->GetCandidate(after, i);
    EXPECT_EQ(std::lround(c->raw_score), c->score) << i;
  }

  std::int64_t stranger = RunJob(other, held_out);
  EXPECT_GT(Score(stranger, 0), Score(stranger, 1)) << "another account's outcomes do not leak";
}

TEST(OutcomeModel, NeedsEnoughOutcomesOfBothKinds) {
  auto record = [](const std::string& outcome, double skills) {
    nlohmann::json feature;
    feature["name"] = "required_skills";
    feature["value"] = skills;
    feature["points"] = 60 * skills;
    nlohmann::json a;
    a["breakdown"] = nlohmann::json::array({feature});
    return model::OutcomeRecord{1, 0, outcome, a.dump(), 0};
  };
  std::vector<model::OutcomeRecord> few = {record("hired", 1), record("rejected", 0)};
  EXPECT_FALSE(OutcomeModel::Train(few).has_value());
  std::vector<model::OutcomeRecord> one_kind(8, record("hired", 0.5));
  EXPECT_FALSE(OutcomeModel::Train(one_kind).has_value());
  std::vector<model::OutcomeRecord> enough;
  for (int i = 0; i < 4; ++i) {
    enough.push_back(record("hired", 0.9));
    enough.push_back(record("rejected", 0.1));
  }
  auto model = OutcomeModel::Train(enough);
  ASSERT_TRUE(model.has_value());
  EXPECT_EQ(model->trained_on(), 8);
  engine::Evaluation strong, weak;
  strong.breakdown.push_back({"required_skills", 0.9, 60, 54, ""});
  weak.breakdown.push_back({"required_skills", 0.1, 60, 6, ""});
  EXPECT_GT(model->Predict(strong), 0.5);
  EXPECT_LT(model->Predict(weak), 0.5);
  // Deterministic: the same outcomes give the same model.
  EXPECT_DOUBLE_EQ(OutcomeModel::Train(enough)->Predict(strong), model->Predict(strong));
}

}  // namespace
}  // namespace shortlist::jobs
