// An account's reported outcomes change how its later jobs rank: after it hires experienced
// candidates and rejects keyword-heavy ones, a held-out experienced candidate overtakes a
// keyword-heavy one that the engine alone ranks higher. Another account is unaffected.
#include "jobs/outcome_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "jobs/analysis.h"
#include "jobs/outcome_features.h"
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

OutcomeExample Example(std::vector<std::string> names, bool hired,
                       SparseFeatures posting = {{"occupation:bank teller", 1}}) {
  SparseFeatures f;
  std::sort(names.begin(), names.end());
  for (auto& n : names) f.emplace_back(std::move(n), 1.0);
  return {f, std::move(posting), hired};
}

SparseFeatures Features(std::vector<std::string> names) { return Example(names, false).candidate; }

// The bank-teller account: hires candidates with banking skills, rejects sales people.
std::vector<OutcomeExample> BankingOutcomes(int n, const SparseFeatures& posting) {
  std::vector<OutcomeExample> out;
  for (int i = 0; i < n; ++i) {
    const std::string extra = "skill:extra" + std::to_string(i % 3);
    out.push_back(i % 2 == 0
                      ? Example({"family:banking", "skill:Cash Handling", extra}, true, posting)
                      : Example({"family:sales", "skill:Salesforce", extra}, false, posting));
  }
  return out;
}

const SparseFeatures kBankPosting = {{"occupation:bank teller", 0.7}, {"skill:Cash Handling", 0.7}};
const SparseFeatures kNursePosting = {{"occupation:registered nurse", 0.7},
                                      {"skill:Patient Care", 0.7}};

TEST(OutcomeModel, NeedsEnoughOutcomesOfBothKinds) {
  EXPECT_FALSE(OutcomeModel::Train(BankingOutcomes(2, kBankPosting), &kBankPosting));
  std::vector<OutcomeExample> one_kind(8, Example({"family:banking"}, true, kBankPosting));
  EXPECT_FALSE(OutcomeModel::Train(one_kind, &kBankPosting));
  auto model = OutcomeModel::Train(BankingOutcomes(8, kBankPosting), &kBankPosting);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->hired(), 4);
  EXPECT_EQ(model->rejected(), 4);
}

TEST(OutcomeModel, LearnsThePreferenceDeterministicallyAndWithinBounds) {
  auto model = OutcomeModel::Train(BankingOutcomes(40, kBankPosting), &kBankPosting);
  ASSERT_TRUE(model);
  const SparseFeatures banker = Features({"family:banking", "skill:Cash Handling"});
  const SparseFeatures seller = Features({"family:sales", "skill:Salesforce"});
  EXPECT_GT(model->Points(banker), 5);
  EXPECT_LT(model->Points(seller), -5);
  for (const auto& c : {banker, seller, Features({"family:banking", "family:sales"})}) {
    EXPECT_LE(std::abs(model->Points(c)), OutcomeModel::kMaxPoints);
  }
  // The same outcomes, the same model.
  auto again = OutcomeModel::Train(BankingOutcomes(40, kBankPosting), &kBankPosting);
  EXPECT_DOUBLE_EQ(again->Points(banker), model->Points(banker));
  // outcome_weight scales the bound; 0 switches the model off.
  auto doubled = OutcomeModel::Train(BankingOutcomes(40, kBankPosting), &kBankPosting, 2);
  EXPECT_NEAR(doubled->Points(banker), 2 * model->Points(banker), 1e-9);
  EXPECT_FALSE(OutcomeModel::Train(BankingOutcomes(40, kBankPosting), &kBankPosting, 0));
}

TEST(OutcomeModel, ExplainsInWordsWhatMovedTheScore) {
  auto model = OutcomeModel::Train(BankingOutcomes(20, kBankPosting), &kBankPosting);
  ASSERT_TRUE(model);
  engine::Evaluation e;
  e.breakdown.push_back({"required_skills", 0.5, 60, 30, ""});
  model->Apply(Features({"family:banking", "skill:Cash Handling"}), 5, &e);
  ASSERT_EQ(e.breakdown.back().name, "account_model");
  const std::string& why = e.breakdown.back().explanation;
  EXPECT_NE(why.find("hired candidates at this account for similar roles often had: "),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("banking skills"), std::string::npos) << why;
  EXPECT_NEAR(e.raw_score, 30 + e.breakdown.back().points, 1e-9);
  // Leniency only moves the threshold: a more lenient run is never less qualified.
  engine::Evaluation strict = e, lenient = e;
  model->Apply(Features({"family:sales"}), 1, &strict);
  model->Apply(Features({"family:sales"}), 10, &lenient);
  EXPECT_EQ(strict.score, lenient.score);
  EXPECT_GE(lenient.qualified, strict.qualified);
}

TEST(OutcomeModel, OutcomesOnAnotherPostingFamilyDoNotApply) {
  auto nursing = OutcomeModel::Train(BankingOutcomes(40, kBankPosting), &kNursePosting);
  EXPECT_FALSE(nursing) << "banking outcomes say nothing about a nursing posting";
}

TEST(OutcomeModel, RandomOutcomesLearnAlmostNothing) {
  // Twenty recruiters whose 50 outcomes ignore who the candidate is: on average the model
  // separates bankers from sales people by far less than one consistent preference does.
  const SparseFeatures banker = Features({"family:banking"});
  const SparseFeatures seller = Features({"family:sales"});
  std::uint32_t seed = 12345;
  auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 16; };
  double shift = 0;
  for (int recruiter = 0; recruiter < 20; ++recruiter) {
    std::vector<OutcomeExample> noise;
    for (int i = 0; i < 50; ++i) {
      // Drawn one by one: the order in which a call's arguments are evaluated differs between
      // compilers, and so would the sample.
      const bool is_banker = next() % 2 == 0;
      const bool hired = next() % 2 == 0;
      const std::string extra = "skill:extra" + std::to_string(next() % 5);
      noise.push_back(
          Example({is_banker ? "family:banking" : "family:sales", extra}, hired, kBankPosting));
    }
    auto model = OutcomeModel::Train(noise, &kBankPosting);
    ASSERT_TRUE(model);
    shift += (model->Points(banker) - model->Points(seller)) / 20;
  }
  auto preference = OutcomeModel::Train(BankingOutcomes(50, kBankPosting), &kBankPosting);
  const double learned = preference->Points(banker) - preference->Points(seller);
  EXPECT_LT(std::abs(shift), 1.5);
  EXPECT_GT(learned, 10 * std::abs(shift));
}

// Two resumes that differ only in who the person is: name, pronouns, contact details.
std::string Resume(const std::string& name, const std::string& he, const std::string& his,
                   const std::string& email) {
  return name + "\n" + email +
         " | +1 555 0100\nPersonal Banker\nFirst Savings Bank, 2016 - Present\n" + he +
         " opened deposit accounts and processed loans; " + his +
         " branch led cash handling, teller operations and retail banking.\nBank Teller, City "
         "Bank, 2012 - 2016\nBachelor of Commerce, Finance, 2012\nSkills: Excel, KYC, customer "
         "service";
}

TEST(OutcomeModel, SwappingNamesAndPronounsChangesNothingLearned) {
  auto engine = engine::Engine::Create();
  const engine::JobRequirements job = engine->AnalyzeJob(
      "Personal Banker", "Retail banking role: cash handling, deposit accounts, loans, Excel.");
  const SparseFeatures posting = PostingFeatures(*engine, job);
  auto features = [&](const std::string& text) {
    engine::ResumeProfile p = engine->AnalyzeResume(text);
    engine::Evaluation e = engine->Evaluate(job, p, {});
    return CandidateFeatures(p, e, TraitsOf(*engine, p));
  };
  const SparseFeatures his = features(Resume("John Smith", "He", "his", "john@example.com"));
  const SparseFeatures hers = features(Resume("Maria Garcia", "She", "her", "maria@mail.org"));
  EXPECT_EQ(his, hers);
  bool has_occupation = false;
  for (const auto& [name, v] : his) has_occupation |= name.rfind("occupation:", 0) == 0;
  EXPECT_TRUE(has_occupation) << "the engine's occupation mapping reaches the model";
  // And so the models trained on either version of every resume are the same.
  std::vector<OutcomeExample> a, b;
  for (int i = 0; i < 6; ++i) {
    a.push_back({i % 2 ? his : Features({"family:sales"}), posting, i % 2 == 1});
    b.push_back({i % 2 ? hers : Features({"family:sales"}), posting, i % 2 == 1});
  }
  auto ma = OutcomeModel::Train(a, &posting), mb = OutcomeModel::Train(b, &posting);
  ASSERT_TRUE(ma && mb);
  ASSERT_EQ(ma->Top(100).size(), mb->Top(100).size());
  for (std::size_t i = 0; i < ma->Top(100).size(); ++i) {
    EXPECT_EQ(ma->Top(100)[i].feature, mb->Top(100)[i].feature);
    EXPECT_DOUBLE_EQ(ma->Top(100)[i].weight, mb->Top(100)[i].weight);
  }
}

}  // namespace
}  // namespace shortlist::jobs
