// Lexical and semantic features: IDF and concept vectors from the ESCO data, BM25 coverage, and
// the feature caches attached to analysis results.
#include <string>

#include <gtest/gtest.h>

#include "engine/embedded_data.h"
#include "engine/esa.h"
#include "engine/features.h"
#include "engine/lexical.h"
#include "fixture.h"

namespace shortlist::engine {
namespace {

using testing::ReadFixture;
using testing::SharedEngine;

const WordStats& Stats() {
  static const WordStats stats(EmbeddedData("esa.tsv"));
  return stats;
}

TEST(WordStatsTest, RareWordsWeighMoreThanCommonOnes) {
  EXPECT_GT(Stats().Idf(TokenHash("culinary")), Stats().Idf(TokenHash("manage")));
  EXPECT_DOUBLE_EQ(Stats().Idf(TokenHash("zzqxnotaword")), WordStats::kUnknownIdf);
  EXPECT_GT(Stats().concept_count(), 1000u);
}

TEST(WordStatsTest, ConceptVectorsPutRelatedTextsTogether) {
  auto chef = Stats().ConceptVector("Sous chef: menu planning, cooking, kitchen staff", "", 0);
  auto cook = Stats().ConceptVector("Line cook in a busy restaurant kitchen", "", 0);
  auto accountant = Stats().ConceptVector("Accountant: general ledger, audits, tax returns", "", 0);
  ASSERT_FALSE(chef.empty());
  EXPECT_GT(Cosine(chef, cook), Cosine(chef, accountant) + 0.1);
  EXPECT_NEAR(Cosine(chef, chef), 1.0, 1e-5);
  EXPECT_EQ(Cosine(chef, {}), 0.0);
}

TEST(LexicalTest, MoreEvidenceNeverLowersBm25Coverage) {
  std::unordered_set<uint64_t> no_skill_words;
  JobTerms terms(Stats(), no_skill_words, "Pastry Chef", "Baking, pastry and dessert menus.");
  std::string resume = "Worked as a line cook.";
  double before = terms.Similarity(ComputeTextFeatures(resume));
  resume += " Led the pastry section; baking every morning.";
  double after = terms.Similarity(ComputeTextFeatures(resume));
  EXPECT_GT(after, before);
  resume += " Unrelated text about spreadsheets and ledgers, repeated, repeated, repeated.";
  EXPECT_GE(terms.Similarity(ComputeTextFeatures(resume)), after);  // b = 0: no length penalty
}

TEST(FeatureCacheTest, EditedJobIsRescoredNotServedFromTheCache) {
  const Engine& e = SharedEngine();
  ResumeProfile resume = e.AnalyzeResume(ReadFixture("software_engineer.txt"));
  JobRequirements job = e.AnalyzeJob("Backend Engineer", "Requirements: Python and AWS.");
  int before = e.Evaluate(job, resume, ScoringOptions{}).score;
  // The caller adds a required skill the candidate lacks after analysis.
  job.skills.push_back(SkillRequirement{"Haskell", Importance::kRequired, 0, ""});
  Evaluation after = e.Evaluate(job, resume, ScoringOptions{});
  EXPECT_LT(after.score, before);
  bool missing = false;
  for (const MissingSkill& m : after.missing_skills) missing |= m.skill == "Haskell";
  EXPECT_TRUE(missing);
}

TEST(FeatureCacheTest, ProfilesWithoutCachedFeaturesScoreTheSame) {
  const Engine& e = SharedEngine();
  ResumeProfile resume = e.AnalyzeResume(ReadFixture("software_engineer.txt"));
  JobRequirements job = e.AnalyzeJob("", ReadFixture("backend_job.txt"));
  Evaluation cached = e.Evaluate(job, resume, ScoringOptions{});
  resume.features.reset();
  job.features.reset();
  Evaluation fresh = e.Evaluate(job, resume, ScoringOptions{});
  EXPECT_EQ(cached.score, fresh.score);
  EXPECT_DOUBLE_EQ(cached.semantic_similarity, fresh.semantic_similarity);
  // A profile whose text was edited by hand is rescored from the new text.
  ResumeProfile edited = resume;
  edited.blind_text += "\nKubernetes Kubernetes Terraform Kafka React Python Go AWS";
  edited.features = e.AnalyzeResume(ReadFixture("software_engineer.txt")).features;  // stale
  Evaluation rescored = e.Evaluate(job, edited, ScoringOptions{});
  ResumeProfile edited_fresh = edited;
  edited_fresh.features.reset();
  EXPECT_DOUBLE_EQ(rescored.semantic_similarity,
                   e.Evaluate(job, edited_fresh, ScoringOptions{}).semantic_similarity);
}

}  // namespace
}  // namespace shortlist::engine
