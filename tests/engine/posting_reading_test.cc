// A posting read as a recruiter reads it: only what it asks of the candidate is a requirement.
// One test per kind of posting text, each in wordings written for these tests.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/job_sections.h"
#include "fixture.h"

namespace shortlist::engine {
namespace {

using testing::SharedEngine;

const SkillRequirement* Req(const JobRequirements& j, const std::string& name) {
  for (const SkillRequirement& s : j.skills) {
    if (s.skill == name) return &s;
  }
  return nullptr;
}

Importance ImportanceOf(const JobRequirements& j, const std::string& name) {
  const SkillRequirement* r = Req(j, name);
  EXPECT_NE(r, nullptr) << name << " is not asked for";
  return r == nullptr ? Importance::kPreferred : r->importance;
}

TEST(PostingReadingTest, HeadingsInAnyWordingOpenTheirPart) {
  EXPECT_EQ(HeadingPart("stuff you'll need"), PostingPart::kRequired);
  EXPECT_EQ(HeadingPart("the ideal candidate brings"), PostingPart::kRequired);
  EXPECT_EQ(HeadingPart("bonus points if you have"), PostingPart::kPreferred);
  EXPECT_EQ(HeadingPart("even better"), PostingPart::kPreferred);
  EXPECT_EQ(HeadingPart("perks & benefits"), PostingPart::kBenefits);
  EXPECT_EQ(HeadingPart("what's in it for you"), PostingPart::kBenefits);
  EXPECT_EQ(HeadingPart("a day in your role"), PostingPart::kDuties);
  EXPECT_EQ(HeadingPart("who we are"), PostingPart::kCompany);
  EXPECT_EQ(HeadingPart("equal employment statement"), PostingPart::kLegal);
  EXPECT_EQ(HeadingPart("how to apply"), PostingPart::kApply);
  EXPECT_EQ(HeadingPart("strong sql and python"), PostingPart::kUnknown);
}

TEST(PostingReadingTest, AListItemIsNoHeadingThoughItNamesSkills) {
  // "Strong SQL skills" on a line of its own is an item of the list above, not a heading.
  JobRequirements j =
      SharedEngine().AnalyzeJob("Analyst", "Must haves\nStrong SQL skills\nTableau\n");
  EXPECT_EQ(ImportanceOf(j, "SQL"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Tableau"), Importance::kRequired);
}

TEST(PostingReadingTest, TheCompanyIsNoRequirement) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Data Engineer",
      "Harbor Analytics is hiring a data engineer.\n"
      "We are a Korean shipping firm with offices in Busan and Rotterdam; our platform runs on "
      "AWS and Snowflake.\n\n"
      "What you'll need\n- 3+ years of Python\n- Fluent Korean\n");
  EXPECT_EQ(Req(j, "Recruiting"), nullptr);
  EXPECT_EQ(Req(j, "AWS"), nullptr);
  EXPECT_EQ(Req(j, "Snowflake"), nullptr);
  EXPECT_EQ(ImportanceOf(j, "Python"), Importance::kRequired);
  // The language to speak is asked; the firm's nationality alone would not be.
  EXPECT_EQ(ImportanceOf(j, "Korean"), Importance::kRequired);
  j = SharedEngine().AnalyzeJob("Buyer", "Join a Korean retail group as its lead buyer.\n");
  EXPECT_EQ(Req(j, "Korean"), nullptr);
}

TEST(PostingReadingTest, BenefitsAndPerksAreNoRequirements) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Office Manager",
      "Requirements\n- Experience with QuickBooks\n\n"
      "What's in it for you: a free gym membership, yoga classes, team lunches and a yearly "
      "wellness budget.\n");
  EXPECT_EQ(Req(j, "Personal training"), nullptr);
  EXPECT_EQ(Req(j, "Nutrition"), nullptr);
  EXPECT_EQ(ImportanceOf(j, "QuickBooks"), Importance::kRequired);
  // "Salary:" speaks of its own line; the list after it still asks.
  j = SharedEngine().AnalyzeJob("Developer", "Salary: $90,000 with a wellness budget\n- Python\n");
  EXPECT_EQ(ImportanceOf(j, "Python"), Importance::kRequired);
  EXPECT_EQ(Req(j, "Nutrition"), nullptr);
  // Unheaded, a perks sentence is still known by what it says.
  j = SharedEngine().AnalyzeJob(
      "Cook",
      "Cook for 300 guests a night.\nWe offer dental cover, a pension and free Spanish "
      "lessons.\n");
  EXPECT_EQ(Req(j, "Spanish"), nullptr);
}

TEST(PostingReadingTest, LegalAndApplicationTextAreNoRequirements) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Nurse",
      "Requirements\n- BLS certification\n\n"
      "Riverside Clinic provides equal employment opportunity without regard to disability, "
      "national origin or veteran status, and offers reasonable accommodation to applicants.\n"
      "How to apply: send your resume with a short note on your Excel skills to hr@example.com.\n");
  EXPECT_EQ(ImportanceOf(j, "BLS"), Importance::kRequired);
  EXPECT_EQ(Req(j, "Microsoft Excel"), nullptr);
}

TEST(PostingReadingTest, OtherTeamsAndWhatTheyOwnAreContext) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Backend Developer",
      "Requirements\n- Go and PostgreSQL\n"
      "- You will collaborate daily with the marketing and accounting departments\n"
      "- Services are deployed on Kubernetes, which is maintained by a dedicated platform team\n");
  EXPECT_EQ(ImportanceOf(j, "Go"), Importance::kRequired);
  EXPECT_EQ(Req(j, "Marketing"), nullptr);
  EXPECT_EQ(Req(j, "Accounting"), nullptr);
  EXPECT_EQ(Req(j, "Kubernetes"), nullptr);
}

TEST(PostingReadingTest, HedgesMakePreferencesAndObligationsRequirements) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Analyst",
      "Qualifications\n- You must know SQL\n- Knowledge of Tableau would be great\n"
      "- Bonus if you have used SAS\n- Exposure to Python\n"
      "Nice to have\n- Power BI, ideally\n");
  EXPECT_EQ(ImportanceOf(j, "SQL"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Tableau"), Importance::kPreferred);
  EXPECT_EQ(ImportanceOf(j, "SAS"), Importance::kPreferred);
  EXPECT_EQ(ImportanceOf(j, "Python"), Importance::kPreferred);
  EXPECT_EQ(ImportanceOf(j, "Power BI"), Importance::kPreferred);
  // An inline lead opens its part for the rest of the line.
  j = SharedEngine().AnalyzeJob(
      "Analyst", "Required: SQL; Excel.\nIn an ideal world you would also bring: SAS; Stata.\n");
  EXPECT_EQ(ImportanceOf(j, "SQL"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Microsoft Excel"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Stata"), Importance::kPreferred);
  // Its items continue under it as a list; a plain line after them is back in the requirements.
  j = SharedEngine().AnalyzeJob("Engineer",
                                "Requirements:\n- Python\nNice to have: Redis\n- Kafka\n"
                                "Bachelor's degree in Computer Science.\n");
  EXPECT_EQ(ImportanceOf(j, "Apache Kafka"), Importance::kPreferred);
  EXPECT_EQ(j.min_degree, DegreeLevel::kBachelor);
  EXPECT_TRUE(j.degree_required);
}

TEST(PostingReadingTest, NegationRemovesASkill) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Sales Associate",
      "Requirements\n- No prior Salesforce experience needed, we train you\n"
      "- Retail experience\n- You will not be writing Java code\n"
      "- Spanish is not required but a plus\n");
  EXPECT_EQ(Req(j, "Salesforce"), nullptr);
  EXPECT_EQ(Req(j, "Java"), nullptr);
  EXPECT_EQ(ImportanceOf(j, "Retail"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Spanish"), Importance::kPreferred);
}

TEST(PostingReadingTest, DutiesBesideQualificationListsAskNothing) {
  JobRequirements j =
      SharedEngine().AnalyzeJob("Marketing Coordinator",
                                "Your day\n- Plan trade shows and manage the event budget\n"
                                "Who you are\n- 2 years of marketing experience\n");
  EXPECT_EQ(Req(j, "Event planning"), nullptr);
  EXPECT_EQ(Req(j, "Budgeting"), nullptr);
  EXPECT_EQ(ImportanceOf(j, "Marketing"), Importance::kRequired);
  // A posting of one line is its own title and all it asks.
  j = SharedEngine().AnalyzeJob("", "Looking for a Python developer with Django experience\n");
  EXPECT_EQ(ImportanceOf(j, "Python"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Django"), Importance::kRequired);
  // Without such lists the duties are what the job needs.
  j = SharedEngine().AnalyzeJob("Bookkeeper", "You will run payroll in QuickBooks every week.\n");
  EXPECT_EQ(ImportanceOf(j, "QuickBooks"), Importance::kRequired);
}

TEST(PostingReadingTest, ADegreeAndItsFieldAreEducationNotSkills) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Developer", "Requirements\n- A degree in Computer Science or Mathematics\n- Java\n");
  EXPECT_EQ(j.min_degree, DegreeLevel::kBachelor);
  EXPECT_EQ(Req(j, "Computer science"), nullptr);
  EXPECT_EQ(Req(j, "Mathematics"), nullptr);
  EXPECT_EQ(ImportanceOf(j, "Java"), Importance::kRequired);
}

TEST(PostingReadingTest, ADutyThatNamesAPracticeAsksForNoCertificate) {
  // "Provide first aid" among a nurse's tasks is work the job does (CPR is asked for), not a
  // certificate whose absence knocks a candidate out; "First aid certification" asks for one.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Registered Nurse", "Tasks\n- Monitor patients and provide first aid and immunizations\n");
  EXPECT_EQ(ImportanceOf(j, "CPR"), Importance::kRequired);
  EXPECT_TRUE(j.knockouts.empty());
  j = SharedEngine().AnalyzeJob("Lifeguard", "- Current first aid certification\n");
  EXPECT_EQ(j.knockouts.size(), 1u);
}

TEST(PostingReadingTest, LicencesAndCertificatesAreSkillsOfTheirOwn) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Delivery Driver",
      "Requirements\n- Must hold a valid Class A CDL\n- A current food handler card\n"
      "- Forklift certification preferred\n");
  EXPECT_EQ(ImportanceOf(j, "Commercial driver's license"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Food handler certificate"), Importance::kRequired);
  EXPECT_EQ(ImportanceOf(j, "Forklift certification"), Importance::kPreferred);
  bool cdl_knockout = false;
  for (const Knockout& k : j.knockouts) {
    cdl_knockout = cdl_knockout || (k.skill == "Commercial driver's license" &&
                                    k.severity == GapSeverity::kCritical);
  }
  EXPECT_TRUE(cdl_knockout);
}

}  // namespace
}  // namespace shortlist::engine
