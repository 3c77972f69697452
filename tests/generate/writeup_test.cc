#include "generate/writeup.h"

#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"

namespace shortlist::generate {
namespace {

using testing::BackendJob;
using testing::JaneEvaluation;
using testing::JaneProfile;
using testing::PlaceholderProblem;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool AnyHas(const std::vector<std::string>& items, const std::string& part) {
  for (const auto& item : items) {
    if (Has(item, part)) return true;
  }
  return false;
}

void ExpectClean(const CandidateWriteup& w) {
  EXPECT_EQ(PlaceholderProblem(w.summary), "") << w.summary;
  EXPECT_EQ(PlaceholderProblem(w.icebreaker), "") << w.icebreaker;
  EXPECT_EQ(PlaceholderProblem(w.linkedin_outreach_draft), "") << w.linkedin_outreach_draft;
  for (const auto& s : w.strengths) EXPECT_EQ(PlaceholderProblem(s), "") << s;
  for (const auto& s : w.weaknesses) EXPECT_EQ(PlaceholderProblem(s), "") << s;
  for (const auto& q : w.interview_questions) {
    EXPECT_EQ(PlaceholderProblem(q.question), "") << q.question;
    EXPECT_FALSE(q.seeking.empty()) << q.question;
  }
}

class WriteupTest : public ::testing::Test {
 protected:
  testing::FakeEngine engine_ = testing::MakeFakeEngine();
  engine::JobRequirements job_ = BackendJob();
  engine::ResumeProfile jane_ = JaneProfile();
  engine::Evaluation eval_ = JaneEvaluation();
};

TEST_F(WriteupTest, SummaryNamesScoreSkillsYearsEmployersAndMainGap) {
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_TRUE(Has(w.summary, "82/100")) << w.summary;
  EXPECT_TRUE(Has(w.summary, "Senior Backend Engineer")) << w.summary;
  EXPECT_TRUE(Has(w.summary, "Python")) << w.summary;
  EXPECT_TRUE(Has(w.summary, "9 years")) << w.summary;
  EXPECT_TRUE(Has(w.summary, "Acme Corp")) << w.summary;
  // Docker is the required, critical gap; Kubernetes is only preferred.
  EXPECT_TRUE(Has(w.summary, "Docker")) << w.summary;
  EXPECT_FALSE(Has(w.summary, "Kubernetes")) << w.summary;
  EXPECT_TRUE(Has(w.summary, "Strong")) << w.summary;
  ExpectClean(w);
}

TEST_F(WriteupTest, StrengthsAreSpecific) {
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  ASSERT_FALSE(w.strengths.empty());
  // Required skills come first, tied to the employer whose entry mentions them.
  EXPECT_TRUE(Has(w.strengths.front(), "Python")) << w.strengths.front();
  EXPECT_TRUE(Has(w.strengths.front(), "6.5 years")) << w.strengths.front();
  EXPECT_TRUE(Has(w.strengths.front(), "Acme Corp")) << w.strengths.front();
  EXPECT_TRUE(AnyHas(w.strengths, "Globex"));  // PostgreSQL was used there
  EXPECT_TRUE(AnyHas(w.strengths, "AWS Certified Developer"));
  EXPECT_TRUE(AnyHas(w.strengths, "B.Sc. Computer Science"));
}

TEST_F(WriteupTest, WeaknessesNameTheGapsAndRelatedSkills) {
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  ASSERT_GE(w.weaknesses.size(), 2u);
  EXPECT_TRUE(Has(w.weaknesses[0], "Docker")) << w.weaknesses[0];
  EXPECT_TRUE(Has(w.weaknesses[0], "required")) << w.weaknesses[0];
  EXPECT_TRUE(Has(w.weaknesses[0], "critical")) << w.weaknesses[0];
  // The taxonomy relates Docker to Podman, which Jane has.
  EXPECT_TRUE(Has(w.weaknesses[0], "Podman")) << w.weaknesses[0];
  EXPECT_TRUE(Has(w.weaknesses[1], "Kubernetes")) << w.weaknesses[1];
  EXPECT_TRUE(Has(w.weaknesses[1], "preferred")) << w.weaknesses[1];
}

TEST_F(WriteupTest, ShortfallsInYearsAndDegreeAreWeaknesses) {
  jane_.total_years_experience = 3;
  eval_.matched_skills[1].years = 2;  // Python: 2 of 5+ years
  job_.degree_required = true;
  job_.min_degree = engine::DegreeLevel::kMaster;
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_TRUE(AnyHas(w.weaknesses, "2 years of Python against 5+ years asked"));
  EXPECT_TRUE(AnyHas(w.weaknesses, "3 years of experience against 5+ years required"));
  EXPECT_TRUE(AnyHas(w.weaknesses, "master's degree"));
  EXPECT_FALSE(AnyHas(w.strengths, "B.Sc."));
  bool asks_about_years = false;
  for (const auto& q : w.interview_questions) {
    if (Has(q.question, "5+ years of Python")) asks_about_years = true;
  }
  EXPECT_TRUE(asks_about_years);
  ExpectClean(w);
}

TEST_F(WriteupTest, ExactlyFiveQuestionsEachAboutThisResume) {
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  ASSERT_EQ(w.interview_questions.size(), 5u);
  std::set<std::string> distinct;
  for (const auto& q : w.interview_questions) {
    distinct.insert(q.question);
    bool specific = false;
    for (const char* fact :
         {"Python", "FastAPI", "PostgreSQL", "Docker", "Kubernetes", "Acme Corp", "Globex"}) {
      if (Has(q.question, fact)) specific = true;
    }
    EXPECT_TRUE(specific) << q.question;
  }
  EXPECT_EQ(distinct.size(), 5u);
  // The first probes the strongest skill; the second, the main gap through the related skill.
  EXPECT_TRUE(Has(w.interview_questions[0].question, "Python"));
  EXPECT_EQ(w.interview_questions[0].seeking, "Technical depth");
  EXPECT_TRUE(Has(w.interview_questions[1].question, "Docker"));
  EXPECT_TRUE(Has(w.interview_questions[1].question, "Podman"));
  EXPECT_EQ(w.interview_questions[1].seeking, "Gap assessment");
}

TEST_F(WriteupTest, IcebreakerAndOutreachNameConcreteThings) {
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_TRUE(Has(w.icebreaker, "Acme Corp") || Has(w.icebreaker, "Python")) << w.icebreaker;
  const std::string& draft = w.linkedin_outreach_draft;
  EXPECT_TRUE(draft.rfind("Hi Jane,", 0) == 0 || draft.rfind("Hello Jane,", 0) == 0) << draft;
  EXPECT_TRUE(Has(draft, "Senior Backend Engineer")) << draft;
  EXPECT_TRUE(Has(draft, "Python")) << draft;
  EXPECT_FALSE(Has(draft, "Doe")) << draft;  // first name only
}

TEST_F(WriteupTest, SkillsAreTiedOnlyToTheEmployerWhereTheyWereUsed) {
  // Python was used at Acme Corp, PostgreSQL at Globex.
  eval_.matched_skills.erase(eval_.matched_skills.begin() + 2);
  for (const char* name : {"Ann Lee", "Bo Chen", "Cy Diaz", "Di Ek", "Ed Fox", "Flo Gu"}) {
    jane_.contact.name = name;
    CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
    EXPECT_FALSE(Has(w.linkedin_outreach_draft, "PostgreSQL at Acme Corp"))
        << w.linkedin_outreach_draft;
    EXPECT_FALSE(Has(w.icebreaker, "PostgreSQL at Acme Corp")) << w.icebreaker;
    bool globex = false;
    for (const auto& strength : w.strengths) {
      globex = globex || (Has(strength, "PostgreSQL") && Has(strength, "Globex"));
    }
    EXPECT_TRUE(globex);
  }
}

TEST_F(WriteupTest, EmptyResumeFallsBackGracefully) {
  engine::ResumeProfile empty;
  engine::Evaluation nothing;
  CandidateWriteup w = WriteCandidate(engine_, job_, empty, nothing);
  EXPECT_FALSE(w.summary.empty());
  EXPECT_TRUE(Has(w.summary, "0/100")) << w.summary;
  EXPECT_FALSE(Has(w.summary, "every skill")) << w.summary;
  EXPECT_EQ(w.interview_questions.size(), 5u);
  EXPECT_TRUE(w.linkedin_outreach_draft.rfind("Hi there,", 0) == 0) << w.linkedin_outreach_draft;
  EXPECT_TRUE(Has(w.linkedin_outreach_draft, "Senior Backend Engineer"));
  EXPECT_FALSE(w.icebreaker.empty());
  ExpectClean(w);

  engine::JobRequirements no_title;
  w = WriteCandidate(engine_, no_title, empty, nothing);
  EXPECT_EQ(w.interview_questions.size(), 5u);
  EXPECT_FALSE(w.linkedin_outreach_draft.empty());
  ExpectClean(w);
}

TEST_F(WriteupTest, NameWithoutSkillsOrEmployersStillGreetsByName) {
  engine::ResumeProfile p;
  p.contact.name = "MARIA GARCIA";
  CandidateWriteup w = WriteCandidate(engine_, job_, p, engine::Evaluation{});
  EXPECT_TRUE(w.linkedin_outreach_draft.rfind("Hi Maria,", 0) == 0 ||
              w.linkedin_outreach_draft.rfind("Hello Maria,", 0) == 0)
      << w.linkedin_outreach_draft;
  ExpectClean(w);
}

TEST_F(WriteupTest, NoGapIsSaidOnlyWhenSkillsMatched) {
  eval_.missing_skills.clear();
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_TRUE(Has(w.summary, "No skill gaps") || Has(w.summary, "every skill")) << w.summary;
  EXPECT_TRUE(w.weaknesses.empty());
  ExpectClean(w);
}

TEST_F(WriteupTest, RelatedSkillMatchIsExplained) {
  eval_.matched_skills.push_back(
      testing::Matched("Docker", 2, "ran them on Podman", "Podman", 0.6));
  eval_.missing_skills.erase(eval_.missing_skills.begin() + 1);
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_TRUE(AnyHas(w.strengths, "Podman"));
  EXPECT_TRUE(AnyHas(w.weaknesses, "Docker only through related Podman"));
  ExpectClean(w);
}

TEST_F(WriteupTest, RelatedOnlyMatchesNeverClaimTheJobSkill) {
  eval_.matched_skills = {testing::Matched("Docker", 2, "ran them on Podman", "Podman", 0.6)};
  eval_.missing_skills = {};
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_TRUE(Has(w.summary, "no direct skill match")) << w.summary;
  EXPECT_TRUE(Has(w.summary, "Docker (via Podman)")) << w.summary;
  // What the candidate has is Podman; nothing may say they worked with Docker.
  EXPECT_TRUE(Has(w.linkedin_outreach_draft, "Podman")) << w.linkedin_outreach_draft;
  EXPECT_FALSE(Has(w.linkedin_outreach_draft, "Docker")) << w.linkedin_outreach_draft;
  EXPECT_FALSE(Has(w.icebreaker, "Docker")) << w.icebreaker;
  ExpectClean(w);
}

TEST_F(WriteupTest, DeterministicAndVariesBetweenCandidates) {
  CandidateWriteup a = WriteCandidate(engine_, job_, jane_, eval_);
  CandidateWriteup b = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_EQ(a.summary, b.summary);
  EXPECT_EQ(a.linkedin_outreach_draft, b.linkedin_outreach_draft);
  ASSERT_EQ(a.interview_questions.size(), b.interview_questions.size());
  for (std::size_t i = 0; i < a.interview_questions.size(); ++i) {
    EXPECT_EQ(a.interview_questions[i].question, b.interview_questions[i].question);
  }
  // Different candidates with the same facts shape do not all read the same.
  std::set<std::string> summaries;
  for (const char* name : {"Ann Lee", "Bo Chen", "Cy Diaz", "Di Ek", "Ed Fox", "Flo Gu"}) {
    jane_.contact.name = name;
    summaries.insert(WriteCandidate(engine_, job_, jane_, eval_).summary);
  }
  EXPECT_GE(summaries.size(), 2u);
}

TEST_F(WriteupTest, ScreeningQuestionsAreTheTopInterviewQuestions) {
  std::vector<std::string> questions = ScreeningQuestions(engine_, job_, jane_, eval_, 2);
  ASSERT_EQ(questions.size(), 2u);
  CandidateWriteup w = WriteCandidate(engine_, job_, jane_, eval_);
  EXPECT_EQ(questions[0], w.interview_questions[0].question);
  EXPECT_EQ(questions[1], w.interview_questions[1].question);
  EXPECT_EQ(ScreeningQuestions(engine_, job_, jane_, eval_).size(), 3u);
}

}  // namespace
}  // namespace shortlist::generate
