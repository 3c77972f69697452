#include <gtest/gtest.h>

#include <algorithm>

#include "interview/interview.h"

namespace shortlist::interview {
namespace {

constexpr const char* kStarTranscript =
    "Interviewer: Tell me about a time you improved performance.\n"
    "Candidate: At my previous company our checkout API was timing out under load. My goal was "
    "to cut p99 latency before the holiday sale. I profiled the service, found an N+1 query in "
    "PostgreSQL and added an index and a Redis cache. As a result p99 latency dropped from 900ms "
    "to 120ms and we handled 3x the traffic.\n";

constexpr const char* kNoStarTranscript =
    "Interviewer: Tell me about a time you improved performance.\n"
    "Candidate: Performance is important to everyone and it matters a great deal for users who "
    "care about speed.\n";

constexpr const char* kWeOnlyTranscript =
    "Interviewer: Tell me about a project you are proud of.\n"
    "Candidate: We built a new billing platform last year. We migrated our customers from the "
    "old system, we wrote the integration tests together and we shipped it on time. Our team "
    "was really happy with how we handled it.\n";

TranscriptAnalysis MustAnalyze(std::string_view transcript, InterviewType type,
                               std::string_view job = "") {
  Result<TranscriptAnalysis> analysis = AnalyzeTranscript(transcript, type, job);
  EXPECT_TRUE(analysis.ok()) << (analysis.ok() ? "" : analysis.error().message);
  return analysis.ok() ? std::move(analysis).value() : TranscriptAnalysis{};
}

bool HasConcern(const TranscriptAnalysis& a, std::string_view flag) {
  return std::find(a.concern_flags.begin(), a.concern_flags.end(), flag) != a.concern_flags.end();
}

int Competency(const TranscriptAnalysis& a, std::string_view name) {
  for (const auto& [key, value] : a.competency_scores) {
    if (key == name) return value;
  }
  return -1;
}

TEST(ParseInterviewType, AcceptsBothSpellingsAndRejectsOthers) {
  EXPECT_EQ(ParseInterviewType("behavioural").value(), InterviewType::kBehavioural);
  EXPECT_EQ(ParseInterviewType("Behavioral").value(), InterviewType::kBehavioural);
  EXPECT_EQ(ParseInterviewType("technical").value(), InterviewType::kTechnical);
  EXPECT_EQ(ParseInterviewType("mixed").value(), InterviewType::kMixed);
  EXPECT_EQ(ParseInterviewType("").value(), InterviewType::kMixed);
  Result<InterviewType> bad = ParseInterviewType("panel");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "interview_type");
  EXPECT_NE(bad.error().message.find("behavioural"), std::string::npos);
  EXPECT_EQ(ToString(InterviewType::kBehavioural), "behavioural");
}

TEST(AnalyzeTranscript, StarAnswerHasAllFourParts) {
  TranscriptAnalysis a = MustAnalyze(kStarTranscript, InterviewType::kBehavioural);
  ASSERT_EQ(a.answers.size(), 1u);
  const AnswerAnalysis& answer = a.answers[0];
  EXPECT_TRUE(answer.situation);
  EXPECT_TRUE(answer.task);
  EXPECT_TRUE(answer.action);
  EXPECT_TRUE(answer.result);
  EXPECT_EQ(answer.star_components, 4);
  EXPECT_DOUBLE_EQ(a.star_completeness_avg, 4.0);
  EXPECT_EQ(answer.question, "Tell me about a time you improved performance.");
  EXPECT_EQ(Competency(a, "star_structure"), 100);
  EXPECT_TRUE(a.concern_flags.empty()) << a.interviewer_summary;
}

TEST(AnalyzeTranscript, AnswerWithoutStarHasNoneAndIsFlagged) {
  TranscriptAnalysis a = MustAnalyze(kNoStarTranscript, InterviewType::kBehavioural);
  ASSERT_EQ(a.answers.size(), 1u);
  EXPECT_EQ(a.answers[0].star_components, 0);
  EXPECT_FALSE(a.answers[0].situation || a.answers[0].task || a.answers[0].action ||
               a.answers[0].result);
  EXPECT_DOUBLE_EQ(a.star_completeness_avg, 0.0);
  EXPECT_TRUE(HasConcern(a, "missing examples"));
  EXPECT_TRUE(HasConcern(a, "vague answers"));  // nothing concrete in 19 words
  EXPECT_NE(a.interviewer_summary.find("1 of 1 answers without concrete detail)"),
            std::string::npos)
      << a.interviewer_summary;
  TranscriptAnalysis star = MustAnalyze(kStarTranscript, InterviewType::kBehavioural);
  EXPECT_GT(star.overall_interview_score, a.overall_interview_score + 15);
  EXPECT_GT(Competency(star, "technical_depth"), Competency(a, "technical_depth"));
  EXPECT_GT(Competency(star, "problem_solving"), Competency(a, "problem_solving"));
}

TEST(AnalyzeTranscript, WeOnlyAnswerRaisesLowOwnership) {
  TranscriptAnalysis we = MustAnalyze(kWeOnlyTranscript, InterviewType::kBehavioural);
  EXPECT_TRUE(HasConcern(we, "low ownership signals")) << we.interviewer_summary;
  EXPECT_NE(std::find(we.answers[0].flags.begin(), we.answers[0].flags.end(), "low ownership"),
            we.answers[0].flags.end());
  TranscriptAnalysis i = MustAnalyze(kStarTranscript, InterviewType::kBehavioural);
  EXPECT_FALSE(HasConcern(i, "low ownership signals"));
  EXPECT_LT(Competency(we, "ownership"), Competency(i, "ownership"));
  EXPECT_NE(we.interviewer_summary.find("low ownership"), std::string::npos);
}

TEST(AnalyzeTranscript, OneWeOnlyAnswerAmongIAnswersStillRaisesLowOwnership) {
  std::string transcript = std::string(kStarTranscript) + kWeOnlyTranscript + kStarTranscript;
  TranscriptAnalysis a = MustAnalyze(transcript, InterviewType::kMixed);
  ASSERT_EQ(a.answers.size(), 3u);
  EXPECT_TRUE(HasConcern(a, "low ownership signals"));
  EXPECT_NE(a.interviewer_summary.find("1 of 3 answers only say \"we\""), std::string::npos)
      << a.interviewer_summary;
}

TEST(AnalyzeTranscript, CompetenciesDependOnInterviewType) {
  TranscriptAnalysis technical = MustAnalyze(kStarTranscript, InterviewType::kTechnical);
  std::vector<std::string> names;
  for (const auto& [name, score] : technical.competency_scores) {
    names.push_back(name);
    EXPECT_GE(score, 0);
    EXPECT_LE(score, 100);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"technical_depth", "communication_clarity",
                                             "problem_solving"}));
  TranscriptAnalysis behavioural = MustAnalyze(kStarTranscript, InterviewType::kBehavioural);
  EXPECT_GE(Competency(behavioural, "ownership"), 0);
  EXPECT_GE(Competency(behavioural, "collaboration"), 0);
  EXPECT_GE(Competency(behavioural, "leadership"), 0);
  EXPECT_EQ(Competency(behavioural, "role_alignment"), -1);
}

TEST(AnalyzeTranscript, JobDescriptionAddsRoleAlignment) {
  const char* matching_job =
      "Backend engineer to scale our checkout API: PostgreSQL, Redis, latency tuning.";
  const char* other_job =
      "Graphic designer for print campaigns: Illustrator, InDesign, typography.";
  TranscriptAnalysis match = MustAnalyze(kStarTranscript, InterviewType::kTechnical, matching_job);
  TranscriptAnalysis other = MustAnalyze(kStarTranscript, InterviewType::kTechnical, other_job);
  int aligned = Competency(match, "role_alignment");
  int unaligned = Competency(other, "role_alignment");
  ASSERT_GE(aligned, 0);
  ASSERT_GE(unaligned, 0);
  EXPECT_GE(aligned, 60);
  EXPECT_LT(unaligned, 30);
  EXPECT_TRUE(HasConcern(other, "low role alignment"));
  EXPECT_FALSE(HasConcern(match, "low role alignment"));
  EXPECT_NE(match.interviewer_summary.find("PostgreSQL"), std::string::npos);
  EXPECT_NE(other.interviewer_summary.find("Illustrator"), std::string::npos);
}

TEST(AnalyzeTranscript, VagueAndShortAnswersAreFlagged) {
  TranscriptAnalysis a = MustAnalyze(
      "Q: How would you design a cache?\nA: Maybe, I guess, kind of depends.\n"
      "Q: What about eviction?\nA: Probably something like that, not sure.",
      InterviewType::kTechnical);
  EXPECT_TRUE(HasConcern(a, "vague answers"));
  EXPECT_NE(a.interviewer_summary.find("\"maybe\""), std::string::npos) << a.interviewer_summary;
  EXPECT_TRUE(HasConcern(a, "short answers"));
  EXPECT_TRUE(HasConcern(a, "limited technical depth"));
  EXPECT_LT(Competency(a, "communication_clarity"), 60);
}

TEST(AnalyzeTranscript, ContradictionsAcrossAnswers) {
  TranscriptAnalysis a = MustAnalyze(
      "Sarah: Have you used Kafka?\nTom: I have never used Kafka, mostly RabbitMQ.\n"
      "Sarah: How much Python?\nTom: I have 5 years of Python.\n"
      "Sarah: Tell me about streaming at your last job?\n"
      "Tom: I built the Kafka consumer for our events pipeline, with 2 years of Python there.\n",
      InterviewType::kTechnical);
  EXPECT_TRUE(HasConcern(a, "contradictions")) << a.interviewer_summary;
  EXPECT_NE(a.interviewer_summary.find("Kafka"), std::string::npos);
  EXPECT_NE(a.interviewer_summary.find("5 years of Python"), std::string::npos);
  TranscriptAnalysis consistent = MustAnalyze(
      "Sarah: How much Python?\nTom: I have 5 years of Python.\nSarah: Sure?\n"
      "Tom: Yes, 5 years of Python.\n",
      InterviewType::kTechnical);
  EXPECT_FALSE(HasConcern(consistent, "contradictions"));
}

TEST(AnalyzeTranscript, SummaryCitesTheCandidate) {
  TranscriptAnalysis a = MustAnalyze(kStarTranscript, InterviewType::kBehavioural);
  const std::string& s = a.interviewer_summary;
  EXPECT_NE(s.find("p99 latency dropped from 900ms to 120ms"), std::string::npos) << s;
  EXPECT_NE(s.find("PostgreSQL"), std::string::npos) << s;
  EXPECT_NE(s.find(std::to_string(a.overall_interview_score) + "/100"), std::string::npos) << s;
  EXPECT_EQ(s.find(".\"."), std::string::npos) << s;
}

TEST(AnalyzeTranscript, DeterministicAndBounded) {
  TranscriptAnalysis a = MustAnalyze(kStarTranscript, InterviewType::kMixed, "Python developer");
  TranscriptAnalysis b = MustAnalyze(kStarTranscript, InterviewType::kMixed, "Python developer");
  EXPECT_EQ(a.overall_interview_score, b.overall_interview_score);
  EXPECT_EQ(a.competency_scores, b.competency_scores);
  EXPECT_EQ(a.interviewer_summary, b.interviewer_summary);
  EXPECT_GE(a.overall_interview_score, 0);
  EXPECT_LE(a.overall_interview_score, 100);
}

TEST(AnalyzeTranscript, InvalidTranscriptIsAnError) {
  Result<TranscriptAnalysis> a = AnalyzeTranscript("no labels at all", InterviewType::kMixed, "");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "invalid_transcript");
}

}  // namespace
}  // namespace shortlist::interview
