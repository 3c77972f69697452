#include "jobs/analysis.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace shortlist::jobs {
namespace {

CandidateAnalysis Sample() {
  CandidateAnalysis a;
  a.evaluation.score = 81;
  a.evaluation.qualified = true;
  a.evaluation.breakdown = {{"required_skills", 0.9, 30, 27, "9 of 10 required skills"}};
  a.evaluation.matched_skills = {{"Python", "", 1.0, "Python, Django", 5.5}};
  a.evaluation.related_skills = {{"Kubernetes", "Docker", 0.5, "Docker", 2}};
  a.evaluation.missing_skills = {{"Docker", true, engine::GapSeverity::kCritical}};
  a.evaluation.experience_years_relevant = 5.5;
  a.evaluation.semantic_similarity = 0.42;
  a.evaluation.flags = {"hidden_text"};
  a.writeup.summary = "Strong match.";
  a.writeup.strengths = {"5.5 years of Python"};
  a.writeup.weaknesses = {"No Docker"};
  a.writeup.interview_questions = {{"Tell me about Django.", "Technical depth"}};
  a.writeup.icebreaker = "Hi";
  a.writeup.linkedin_outreach_draft = "Hello Alice";
  a.profile.contact.name = "Alice Example";
  a.profile.total_years_experience = 7;
  engine::ExperienceEntry job;
  job.title = "Engineer";
  job.employer = "Acme";
  job.years = 7;
  job.current = true;
  a.profile.experience = {job};
  a.document = {"pdf", 2, true};
  return a;
}

TEST(AnalysisTest, WhatIsWrittenReadsBackTheSame) {
  std::optional<CandidateAnalysis> back = ParseAnalysis(SerializeAnalysis(Sample()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->evaluation.score, 81);
  EXPECT_TRUE(back->evaluation.qualified);
  ASSERT_EQ(back->evaluation.breakdown.size(), 1u);
  EXPECT_EQ(back->evaluation.breakdown[0].points, 27);
  ASSERT_EQ(back->evaluation.matched_skills.size(), 1u);
  EXPECT_EQ(back->evaluation.matched_skills[0].evidence, "Python, Django");
  EXPECT_EQ(back->evaluation.missing_skills[0].severity, engine::GapSeverity::kCritical);
  ASSERT_EQ(back->evaluation.related_skills.size(), 1u);
  EXPECT_EQ(back->evaluation.related_skills[0].via, "Docker");
  EXPECT_DOUBLE_EQ(back->evaluation.related_skills[0].credit, 0.5);
  EXPECT_DOUBLE_EQ(back->evaluation.semantic_similarity, 0.42);
  EXPECT_EQ(back->writeup.interview_questions[0].seeking, "Technical depth");
  EXPECT_EQ(back->writeup.linkedin_outreach_draft, "Hello Alice");
  EXPECT_EQ(back->profile.contact.name, "Alice Example");
  EXPECT_EQ(back->profile.experience[0].employer, "Acme");
  EXPECT_EQ(back->document.kind, "pdf");
  EXPECT_EQ(back->document.pages, 2);
  EXPECT_TRUE(back->document.hidden_text);
  EXPECT_EQ(nlohmann::json::parse(SerializeAnalysis(Sample()))["schema"], kAnalysisSchema);
}

TEST(AnalysisTest, RowsWrittenBeforeTheSchemaWasRecordedStillRead) {
  // A row as the first format wrote it: no "schema", no document facts.
  const char* old_row = R"({"score":64,"qualified":true,
    "breakdown":[{"name":"bm25","value":0.5,"weight":10,"points":5,"explanation":"words"}],
    "matched_skills":[{"skill":"SQL","via":"","credit":1.0,"evidence":"SQL","years":2}],
    "missing_skills":[{"skill":"Go","required":false,"severity":"minor"}],
    "strengths":["SQL"],"weaknesses":[],"summary":"Fair.",
    "interview_questions":[{"question":"Why SQL?","seeking":"Depth"}],
    "contact":{"name":"Bob"},"experience":[{"title":"Analyst","employer":"Beta","years":2}]})";
  std::optional<CandidateAnalysis> a = ParseAnalysis(old_row);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->evaluation.score, 64);
  EXPECT_EQ(a->evaluation.breakdown[0].name, "bm25");
  EXPECT_EQ(a->evaluation.missing_skills[0].severity, engine::GapSeverity::kMinor);
  EXPECT_TRUE(a->evaluation.related_skills.empty());
  EXPECT_FALSE(a->evaluation.missing_skills[0].required);
  EXPECT_EQ(a->writeup.strengths, std::vector<std::string>{"SQL"});
  EXPECT_EQ(a->evaluation.strengths, std::vector<std::string>{"SQL"});
  EXPECT_EQ(a->profile.experience[0].title, "Analyst");
  EXPECT_EQ(a->document.kind, "text");
  EXPECT_EQ(a->document.pages, 1);
}

TEST(AnalysisTest, AnUnreadableResumeHasNoAnalysis) {
  EXPECT_FALSE(ParseAnalysis("").has_value());
  EXPECT_FALSE(ParseAnalysis("{}").has_value());
  EXPECT_FALSE(ParseAnalysis("not json").has_value());
  EXPECT_FALSE(ParseAnalysis("[1,2]").has_value());
}

}  // namespace
}  // namespace shortlist::jobs
