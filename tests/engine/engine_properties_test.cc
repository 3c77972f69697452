// Properties of the score that users rely on: determinism, blindness, monotonicity in evidence
// and in leniency, explainability (the breakdown adds up), thread safety.
#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "fixture.h"

namespace shortlist::engine {
namespace {

using testing::ReadFixture;
using testing::SharedEngine;

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
  return s;
}

Evaluation Score(const std::string& resume, const std::string& job_text, int leniency = 5) {
  const Engine& e = SharedEngine();
  JobRequirements job = e.AnalyzeJob("", job_text);
  return e.Evaluate(job, e.AnalyzeResume(resume), ScoringOptions{leniency});
}

TEST(EnginePropertiesTest, ScoresAGoodCandidateHighAndExplainsIt) {
  Evaluation ev = Score(ReadFixture("software_engineer.txt"), ReadFixture("backend_job.txt"));
  EXPECT_GE(ev.score, 75);
  EXPECT_TRUE(ev.qualified);
  double sum = 0;
  for (const FeatureContribution& c : ev.breakdown) {
    sum += c.points;
    EXPECT_FALSE(c.explanation.empty()) << c.name;
    // A penalty not incurred is 0 points, not -0 (which JSON clients print as "-0.0").
    if (c.points == 0) {
      EXPECT_FALSE(std::signbit(c.points)) << c.name;
    }
  }
  EXPECT_EQ(ev.score, static_cast<int>(std::lround(std::clamp(sum, 0.0, 100.0))));
  EXPECT_GT(ev.experience_years_relevant, 5);
  EXPECT_GE(ev.semantic_similarity, 0);
  EXPECT_LE(ev.semantic_similarity, 1);
  bool has_kafka_gap = false;
  for (const MissingSkill& m : ev.missing_skills) {
    if (m.skill == "Apache Kafka") {
      has_kafka_gap = true;
      EXPECT_FALSE(m.required);
      EXPECT_EQ(m.severity, GapSeverity::kMinor);
    }
  }
  EXPECT_TRUE(has_kafka_gap);
  for (const MatchedSkill& m : ev.matched_skills) EXPECT_FALSE(m.evidence.empty()) << m.skill;
  EXPECT_FALSE(ev.strengths.empty());
}

TEST(EnginePropertiesTest, AnUnrelatedCandidateScoresLowWithCriticalGaps) {
  std::string chef =
      "CHEF\nSummary\nExecutive chef with 10 years in fine dining kitchens.\n"
      "Experience\nHead Chef, Le Bistro, Jan 2012 - Present\n* Menu planning, food safety, "
      "HACCP, catering for 300 guests.\nEducation\nAssociate degree in Culinary Arts, 2010\n";
  Evaluation ev = Score(chef, ReadFixture("backend_job.txt"));
  EXPECT_LT(ev.score, 35);
  EXPECT_FALSE(ev.qualified);
  bool critical_aws = false;
  for (const MissingSkill& m : ev.missing_skills) {
    if (m.skill == "AWS" && m.severity == GapSeverity::kCritical) critical_aws = true;
  }
  EXPECT_TRUE(critical_aws);
  EXPECT_FALSE(ev.failed_knockouts.empty());
  EXPECT_FALSE(ev.weaknesses.empty());
}

TEST(EnginePropertiesTest, Deterministic) {
  std::string resume = ReadFixture("software_engineer.txt");
  std::string job = ReadFixture("backend_job.txt");
  Evaluation a = Score(resume, job);
  auto other = Engine::Create();  // a second engine instance agrees too
  JobRequirements j = other->AnalyzeJob("", job);
  Evaluation b = other->Evaluate(j, other->AnalyzeResume(resume), ScoringOptions{});
  EXPECT_EQ(a.score, b.score);
  ASSERT_EQ(a.breakdown.size(), b.breakdown.size());
  for (size_t i = 0; i < a.breakdown.size(); ++i) {
    EXPECT_DOUBLE_EQ(a.breakdown[i].points, b.breakdown[i].points);
  }
}

TEST(EnginePropertiesTest, BlindToNamePronounsEmailAndAddress) {
  std::string original = ReadFixture("software_engineer.txt");
  std::string changed = original;
  changed = ReplaceAll(changed, "Jane Q. Doe", "Ruby Go Rahman");
  changed = ReplaceAll(changed, "jane.doe@example.com", "rrahman@mail.example.net");
  changed = ReplaceAll(changed, "+1 (555) 123-4567", "+44 20 7946 0958");
  changed = ReplaceAll(changed, "Springfield, IL", "Leeds, United Kingdom");
  changed = ReplaceAll(changed, "janedoe", "rubyrahman");
  changed = ReplaceAll(changed, "She leads", "He leads");
  ASSERT_NE(changed, original);
  std::string job = ReadFixture("backend_job.txt");
  for (int leniency : {1, 5, 10}) {
    Evaluation a = Score(original, job, leniency);
    Evaluation b = Score(changed, job, leniency);
    EXPECT_EQ(a.score, b.score) << leniency;
    EXPECT_DOUBLE_EQ(a.raw_score, b.raw_score) << leniency;
    ASSERT_EQ(a.breakdown.size(), b.breakdown.size());
    for (size_t i = 0; i < a.breakdown.size(); ++i) {
      EXPECT_DOUBLE_EQ(a.breakdown[i].points, b.breakdown[i].points) << a.breakdown[i].name;
    }
  }
  // The new name contains skill words (Ruby, Go): they must not become skills.
  ResumeProfile p = SharedEngine().AnalyzeResume(changed);
  EXPECT_EQ(p.contact.name, "Ruby Go Rahman");
  for (const SkillMention& s : p.skills) EXPECT_NE(s.skill, "Ruby");
}

TEST(EnginePropertiesTest, AddingARequiredSkillWithEvidenceNeverLowersTheScore) {
  std::string job = ReadFixture("backend_job.txt");
  std::string base =
      "Alex Smith\n\nEXPERIENCE\nSoftware Engineer, Foo Inc, Jan 2018 - Dec 2022\n"
      "* Built services in Python.\n\nEDUCATION\nBS in Mathematics, State University, 2017\n";
  int previous = Score(base, job).score;
  const char* additions[] = {"* Ran PostgreSQL in production.\n", "* Deployed on Kubernetes.\n",
                             "* Operated AWS infrastructure.\n", "* Wrote Go tooling.\n"};
  std::string resume = base;
  for (const char* line : additions) {
    // Insert the evidence inside the experience entry.
    size_t at = resume.find("\nEDUCATION");
    resume.insert(at, std::string("\n") + line);
    int score = Score(resume, job).score;
    EXPECT_GE(score, previous) << line;
    previous = score;
  }
  EXPECT_GT(previous, Score(base, job).score);
}

TEST(EnginePropertiesTest, LeniencyIsMonotone) {
  std::vector<std::string> resumes = {
      ReadFixture("software_engineer.txt"),
      "Alex Smith\nEXPERIENCE\nJunior Developer, Foo Inc, 2021 - 2022\n* MySQL and Docker.\n",
      "CHEF\nExperience\nCook, Diner, 2015 - 2016\n"};
  std::string job = ReadFixture("backend_job.txt");
  for (const std::string& r : resumes) {
    int previous = -1;
    double previous_raw = -1;
    for (int l = 1; l <= 10; ++l) {
      Evaluation ev = Score(r, job, l);
      EXPECT_GE(ev.score, previous) << "leniency " << l;
      EXPECT_GE(ev.raw_score, previous_raw) << "leniency " << l;
      previous = ev.score;
      previous_raw = ev.raw_score;
    }
  }
  // Leniency visibly matters for a partial candidate.
  EXPECT_GT(Score(resumes[1], job, 10).score, Score(resumes[1], job, 1).score);
}

TEST(EnginePropertiesTest, RawScoreIsTheUnroundedTotalAndBreaksTies) {
  std::string job = ReadFixture("backend_job.txt");
  std::vector<std::string> resumes = {
      ReadFixture("software_engineer.txt"),
      "Alex Smith\nEXPERIENCE\nJunior Developer, Foo Inc, 2021 - 2022\n* MySQL and Docker.\n",
      "Alex Smith\nEXPERIENCE\nJunior Developer, Foo Inc, 2021 - 2022\n* MySQL and Docker.\n"
      "* Python scripts.\n",
      "CHEF\nExperience\nCook, Diner, 2015 - 2016\n"};
  std::vector<Evaluation> evs;
  for (const std::string& r : resumes) evs.push_back(Score(r, job));
  for (const Evaluation& ev : evs) {
    double sum = 0;
    for (const FeatureContribution& c : ev.breakdown) sum += c.points;
    EXPECT_DOUBLE_EQ(ev.raw_score, std::clamp(sum, 0.0, 100.0));
    EXPECT_EQ(ev.score, static_cast<int>(std::lround(ev.raw_score)));
  }
  // Ordering by raw_score never contradicts the integer score, and is finer than it.
  for (size_t i = 0; i < evs.size(); ++i) {
    for (size_t j = 0; j < evs.size(); ++j) {
      if (evs[i].raw_score > evs[j].raw_score) {
        EXPECT_GE(evs[i].score, evs[j].score);
      }
    }
  }
  EXPECT_NE(evs[1].raw_score, evs[2].raw_score);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The title_fit explanation for a one-job resume titled `title` against a job titled
// `job_title`.
std::string TitleFitExplanation(const std::string& job_title, const std::string& title,
                                const std::string& duty = "Hired and coached new staff") {
  const Engine& e = SharedEngine();
  JobRequirements job = e.AnalyzeJob(job_title, "Lead the operations team. Requirements: Excel.");
  std::string resume = "Pat Doe\n\nEXPERIENCE\n" + title +
                       "\nAcme Services, Dallas, TX\nJan 2015 - Present\n"
                       "* Ran daily operations for a team of twelve; weekly reports in Excel.\n* " +
                       duty + "; handled escalations.\n";
  Evaluation ev = e.Evaluate(job, e.AnalyzeResume(resume), ScoringOptions{5});
  for (const FeatureContribution& c : ev.breakdown) {
    if (c.name == "title_fit") return c.explanation;
  }
  return "";
}

// The job title's words are found in the candidate's titles in their other forms: "Bank" for
// "Banking", "Nurse" for "Nursing", which a five-letter stem alone would keep apart.
TEST(EnginePropertiesTest, TitleWordsMatchTheirAgentAndGerundForms) {
  EXPECT_TRUE(Contains(TitleFitExplanation("Banking Officer", "Bank Officer"), "overlap 100%"));
  EXPECT_TRUE(
      Contains(TitleFitExplanation("Nursing Supervisor", "Nurse Supervisor"), "overlap 100%"));
  EXPECT_TRUE(Contains(TitleFitExplanation("Baker", "Bake Shop Lead"), "overlap 100%"));
  // A longer word that merely starts the same is another word.
  EXPECT_FALSE(
      Contains(TitleFitExplanation("Data Analyst", "Database Administrator"), "overlap 100%"));
  EXPECT_FALSE(
      Contains(TitleFitExplanation("Care Coordinator", "Career Coordinator"), "overlap 100%"));
}

// A skill the job title names counts for title overlap when the candidate has it, whatever the
// candidate's own title: fully when it is specific to the occupation ("Accountant" ->
// Accounting), little when nearly every resume has it ("Operations").
TEST(EnginePropertiesTest, GenericSkillsInTheJobTitleSayLittleAboutTheOccupation) {
  EXPECT_TRUE(Contains(TitleFitExplanation("Accountant", "Bookkeeper", "Accounting and payroll"),
                       "overlap 60%"));
  EXPECT_TRUE(Contains(TitleFitExplanation("Operations Clerk", "Barista", "Store operations"),
                       "overlap 21%"));
}

// The occupation similarity of the title fit reads the candidate's current title first: the
// same three jobs in another order are another candidate.
TEST(EnginePropertiesTest, TheCurrentTitleSaysMoreThanAnOlderOne) {
  const Engine& e = SharedEngine();
  JobRequirements job = e.AnalyzeJob("Registered Nurse", "Patient care in the hospital.");
  auto occupation_similarity = [&](const std::vector<std::string>& titles) {
    std::string resume = "Pat Doe\n\nEXPERIENCE\n";
    int year = 2022;
    for (const std::string& t : titles) {
      resume += t + "\nMercy Hospital, Dallas, TX\nJan " + std::to_string(year) + " - Dec " +
                std::to_string(year + 1) + "\n* Worked with patients and staff every day.\n";
      year -= 2;
    }
    Evaluation ev = e.Evaluate(job, e.AnalyzeResume(resume), ScoringOptions{5});
    for (const FeatureContribution& c : ev.breakdown) {
      size_t at = c.explanation.find("occupation similarity ");
      if (c.name == "title_fit" && at != std::string::npos) {
        return std::stoi(c.explanation.substr(at + 22));
      }
    }
    return -1;
  };
  int nurse_now = occupation_similarity({"Registered Nurse", "Cashier", "Barista"});
  int nurse_before = occupation_similarity({"Cashier", "Barista", "Registered Nurse"});
  EXPECT_GT(nurse_now, nurse_before);
  EXPECT_GE(nurse_before, 0);
}

TEST(EnginePropertiesTest, QualifyingThresholdIsMonotoneNonIncreasing) {
  EXPECT_EQ(QualifyingThreshold(1), 70);
  EXPECT_EQ(QualifyingThreshold(10), 40);
  for (int l = 1; l < 10; ++l) EXPECT_GE(QualifyingThreshold(l), QualifyingThreshold(l + 1));
  EXPECT_EQ(QualifyingThreshold(0), 70);
  EXPECT_EQ(QualifyingThreshold(42), 40);
}

TEST(EnginePropertiesTest, RelatedSkillsEarnPartialCredit) {
  const Engine& e = SharedEngine();
  std::vector<std::string> related = e.RelatedSkills("MySQL");
  EXPECT_NE(std::find(related.begin(), related.end(), "PostgreSQL"), related.end());
  EXPECT_TRUE(e.RelatedSkills("no such skill").empty());
  JobRequirements job = e.AnalyzeJob("Database Engineer", "Required: PostgreSQL.");
  ResumeProfile mysql = e.AnalyzeResume("EXPERIENCE\nDBA, Foo Inc, 2015 - 2020\n* MySQL tuning\n");
  ResumeProfile neither =
      e.AnalyzeResume("EXPERIENCE\nDBA, Foo Inc, 2015 - 2020\n* Backups and reports\n");
  Evaluation ev = e.Evaluate(job, mysql, ScoringOptions{});
  ASSERT_EQ(ev.related_skills.size(), 1u);
  EXPECT_EQ(ev.related_skills[0].skill, "PostgreSQL");
  EXPECT_EQ(ev.related_skills[0].via, "MySQL");
  EXPECT_GT(ev.related_skills[0].credit, 0);
  EXPECT_LT(ev.related_skills[0].credit, 1);
  EXPECT_GT(ev.raw_score, e.Evaluate(job, neither, ScoringOptions{}).raw_score);
}

// Related is not matched: a resume with Docker and no Kubernetes does not list Kubernetes among
// its matched skills; it is a related skill (via Docker), still missing at a lower severity.
TEST(EnginePropertiesTest, ARelatedSkillIsReportedAsRelatedNotMatched) {
  const Engine& e = SharedEngine();
  JobRequirements job = e.AnalyzeJob("Platform Engineer", "Requirements\n- Kubernetes\n- Python\n");
  ResumeProfile docker = e.AnalyzeResume(
      "EXPERIENCE\nEngineer, Foo Inc, 2015 - 2020\n* Built Docker images for Python services\n");
  ResumeProfile none =
      e.AnalyzeResume("EXPERIENCE\nEngineer, Foo Inc, 2015 - 2020\n* Built Python services\n");
  Evaluation ev = e.Evaluate(job, docker, ScoringOptions{});
  for (const MatchedSkill& m : ev.matched_skills) {
    EXPECT_NE(m.skill, "Kubernetes");
    EXPECT_TRUE(m.via.empty());
  }
  ASSERT_EQ(ev.related_skills.size(), 1u);
  EXPECT_EQ(ev.related_skills[0].skill, "Kubernetes");
  EXPECT_EQ(ev.related_skills[0].via, "Docker");
  auto severity_of_kubernetes = [](const Evaluation& x) {
    for (const MissingSkill& m : x.missing_skills) {
      if (m.skill == "Kubernetes") return static_cast<int>(m.severity);
    }
    return -1;
  };
  Evaluation without = e.Evaluate(job, none, ScoringOptions{});
  ASSERT_GE(severity_of_kubernetes(ev), 0) << "a related skill is still missing";
  ASSERT_GE(severity_of_kubernetes(without), 0);
  // GapSeverity runs critical (0), moderate, minor: a related skill's gap is less severe.
  EXPECT_GT(severity_of_kubernetes(ev), severity_of_kubernetes(without));
  const bool explained = std::any_of(ev.strengths.begin(), ev.strengths.end(), [](const auto& s) {
    return s.find("Kubernetes (via Docker)") != std::string::npos;
  });
  EXPECT_TRUE(explained);
}

// A spoken language is its own skill: a job that must have Spanish is not met by Hindi, which
// the single "Bilingual" skill they once all were allowed.
TEST(EnginePropertiesTest, ASpokenLanguageIsNotMetByAnother) {
  const Engine& e = SharedEngine();
  JobRequirements job = e.AnalyzeJob("Customer Service Representative",
                                     "Requirements\n- Must speak Spanish\n- Customer service\n");
  auto fails_spanish = [&](const std::string& languages) {
    Evaluation ev = e.Evaluate(
        job,
        e.AnalyzeResume("EXPERIENCE\nCustomer Service Representative, Foo Inc, 2015 - 2020\n"
                        "* Customer service on the phones.\nLANGUAGES\n" +
                        languages + "\n"),
        ScoringOptions{});
    return std::any_of(ev.failed_knockouts.begin(), ev.failed_knockouts.end(),
                       [](const Knockout& k) { return k.description == "Spanish required"; });
  };
  EXPECT_TRUE(fails_spanish("English, Hindi"));
  EXPECT_FALSE(fails_spanish("English, Spanish"));
  // Any language names its speaker bilingual: "must be bilingual" is met by Hindi in full, and a
  // line of ten languages is no keyword stuffing for naming Bilingual ten times.
  JobRequirements bilingual = e.AnalyzeJob("Agent", "Requirements\n- Must be bilingual\n");
  Evaluation hindi =
      e.Evaluate(bilingual, e.AnalyzeResume("LANGUAGES\nEnglish, Hindi\n"), ScoringOptions{});
  EXPECT_TRUE(hindi.failed_knockouts.empty());
  ASSERT_EQ(hindi.matched_skills.size(), 1u);
  EXPECT_EQ(hindi.matched_skills[0].skill, "Bilingual");
  EXPECT_DOUBLE_EQ(hindi.matched_skills[0].credit, 1.0);
  ResumeProfile polyglot = e.AnalyzeResume(
      "LANGUAGES\nSpanish, French, German, Italian, Portuguese, Russian, Arabic, Hindi, Urdu, "
      "Japanese, Korean\n");
  EXPECT_EQ(std::find(polyglot.flags.begin(), polyglot.flags.end(), "keyword_stuffing"),
            polyglot.flags.end());
}

TEST(EnginePropertiesTest, AnyAlternativeSatisfiesAnOrRequirement) {
  const Engine& e = SharedEngine();
  JobRequirements job = e.AnalyzeJob("Engineer", "Requirements: experience with Python or Go.");
  ResumeProfile go =
      e.AnalyzeResume("EXPERIENCE\nEngineer, Foo Inc, 2015 - 2020\n* Wrote services in Go.\n");
  Evaluation ev = e.Evaluate(job, go, ScoringOptions{});
  for (const MissingSkill& m : ev.missing_skills) EXPECT_NE(m.skill, "Python");
  ASSERT_FALSE(ev.breakdown.empty());
  EXPECT_EQ(ev.breakdown[0].name, "required_skills");
  // The group counts once, and Go meets it.
  EXPECT_EQ(ev.breakdown[0].explanation.rfind("Has 1 of 1 required skills", 0), 0u)
      << ev.breakdown[0].explanation;
  ResumeProfile neither =
      e.AnalyzeResume("EXPERIENCE\nEngineer, Foo Inc, 2015 - 2020\n* Wrote services in Haskell.\n");
  Evaluation none = e.Evaluate(job, neither, ScoringOptions{});
  int missing = 0;
  for (const MissingSkill& m : none.missing_skills)
    missing += m.skill == "Python" || m.skill == "Go";
  EXPECT_EQ(missing, 2);
}

TEST(EnginePropertiesTest, ASubjectOnlyStudiedShowsNoYearsOfPractice) {
  // A skill a resume names in its work or skills counts half the career toward "N+ years of X"
  // (a skills list carries no dates); a degree's subject does not: ten years of bookkeeping and
  // a "Bachelor of Fine Arts" are no years in the fine arts.
  const Engine& e = SharedEngine();
  JobRequirements job =
      e.AnalyzeJob("Arts Coordinator", "Requirements\n- 3+ years of experience in fine arts\n");
  const std::string career =
      "EXPERIENCE\nBookkeeper, Foo Inc, 2010 - 2020\n* Kept the ledgers and ran payroll.\n";
  ResumeProfile studied =
      e.AnalyzeResume(career + "EDUCATION\nBachelor of Fine Arts, State University, 2009\n");
  ASSERT_FALSE(studied.skills.empty());
  Evaluation ev = e.Evaluate(job, studied, ScoringOptions{});
  auto fails_fine_arts = [](const Evaluation& x) {
    return std::any_of(x.failed_knockouts.begin(), x.failed_knockouts.end(),
                       [](const Knockout& k) { return k.skill == "Fine arts"; });
  };
  EXPECT_TRUE(fails_fine_arts(ev));
  ResumeProfile practised =
      e.AnalyzeResume(career +
                      "SKILLS\nFine arts, oil painting\nEDUCATION\nBachelor of Fine Arts, State "
                      "University, 2009\n");
  EXPECT_FALSE(fails_fine_arts(e.Evaluate(job, practised, ScoringOptions{})));
}

TEST(EnginePropertiesTest, ConstMethodsAreSafeFromManyThreads) {
  const Engine& e = SharedEngine();
  std::string resume = ReadFixture("software_engineer.txt");
  JobRequirements job = e.AnalyzeJob("", ReadFixture("backend_job.txt"));
  int expected = e.Evaluate(job, e.AnalyzeResume(resume), ScoringOptions{}).score;
  std::vector<int> scores(4, -1);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        scores[t] = e.Evaluate(job, e.AnalyzeResume(resume), ScoringOptions{}).score;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int s : scores) EXPECT_EQ(s, expected);
}

}  // namespace
}  // namespace shortlist::engine

namespace shortlist::engine {
namespace {

std::string TitleExplanation(const Evaluation& ev) {
  for (const FeatureContribution& c : ev.breakdown) {
    if (c.name == "title_fit") return c.explanation;
  }
  return "";
}

// A title that names several jobs ("Chefs and Head Cooks", "Financial and Investment Analysts")
// is met in full by a candidate who holds any one of them.
TEST(EnginePropertiesTest, ATitleThatNamesSeveralJobsIsMetByAnyOfThem) {
  const Engine& e = testing::SharedEngine();
  ResumeProfile cook = e.AnalyzeResume(
      "HEAD COOK\nEXPERIENCE\nHead Cook, Foo Diner, 2015 - 2020\n* Menu planning and prep\n");
  Evaluation ev =
      e.Evaluate(e.AnalyzeJob("Chefs and Head Cooks", "Requirements\n- Menu planning\n"), cook,
                 ScoringOptions{});
  EXPECT_NE(TitleExplanation(ev).find("Title words overlap 100%"), std::string::npos)
      << TitleExplanation(ev);
  ResumeProfile analyst = e.AnalyzeResume(
      "FINANCIAL ANALYST\nEXPERIENCE\nFinancial Analyst, Foo Bank, 2015 - 2020\n* Forecasting\n");
  ev = e.Evaluate(e.AnalyzeJob("", "Financial and Investment Analysts\n\nTasks\n- Forecasting\n"),
                  analyst, ScoringOptions{});
  EXPECT_NE(TitleExplanation(ev).find("Title words overlap 100%"), std::string::npos)
      << TitleExplanation(ev);
}

}  // namespace
}  // namespace shortlist::engine
