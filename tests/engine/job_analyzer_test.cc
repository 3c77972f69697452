// Job description understanding: importance, years, degree, seniority, knockouts.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "fixture.h"

namespace shortlist::engine {
namespace {

using testing::ReadFixture;
using testing::SharedEngine;

std::vector<std::string> KnockoutDescriptions(const JobRequirements& j) {
  std::vector<std::string> out;
  for (const Knockout& k : j.knockouts) out.push_back(k.description);
  return out;
}

const SkillRequirement* Req(const JobRequirements& j, const std::string& name) {
  for (const SkillRequirement& s : j.skills) {
    if (s.skill == name) return &s;
  }
  return nullptr;
}

// The alternative group all of `skills` are in; a failure (and -1) when one is not asked for, is
// in no group, or the groups differ.
int SharedGroup(const JobRequirements& j, const std::vector<std::string>& skills) {
  int group = -1;
  for (const std::string& skill : skills) {
    const SkillRequirement* r = Req(j, skill);
    if (r == nullptr || r->alternative_group <= 0 || (group > 0 && r->alternative_group != group)) {
      ADD_FAILURE() << skill << (r == nullptr ? " is not asked for" : " is not in the group");
      return -1;
    }
    group = r->alternative_group;
  }
  return group;
}

TEST(JobAnalyzerTest, RequiredVersusPreferredBySectionAndCue) {
  JobRequirements j = SharedEngine().AnalyzeJob("", ReadFixture("backend_job.txt"));
  EXPECT_EQ(j.title, "Senior Backend Engineer");
  EXPECT_EQ(j.seniority, "senior");
  for (const char* name : {"Python", "Go", "PostgreSQL", "Kubernetes", "AWS"}) {
    const SkillRequirement* r = Req(j, name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->importance, Importance::kRequired) << name;
  }
  for (const char* name : {"Terraform", "Apache Kafka", "React"}) {
    const SkillRequirement* r = Req(j, name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->importance, Importance::kPreferred) << name;
  }
  EXPECT_EQ(Req(j, "AWS")->evidence, "- Must have experience with AWS");
}

TEST(JobAnalyzerTest, MinimumYearsBindToTheirSkills) {
  JobRequirements j = SharedEngine().AnalyzeJob("", ReadFixture("backend_job.txt"));
  EXPECT_DOUBLE_EQ(Req(j, "Python")->min_years, 5);
  EXPECT_DOUBLE_EQ(Req(j, "PostgreSQL")->min_years, 0);
  EXPECT_DOUBLE_EQ(j.min_years_experience, 5);
  JobRequirements k = SharedEngine().AnalyzeJob(
      "Data Analyst", "We need at least three years of SQL. 2-4 years in a reporting role.");
  EXPECT_DOUBLE_EQ(Req(k, "SQL")->min_years, 3);
  EXPECT_DOUBLE_EQ(k.min_years_experience, 3);
}

TEST(JobAnalyzerTest, YearsBindToAGroupOfAlternativesAsToOneSkill) {
  // Years bind to the few skills named after them; a list of alternatives is one of those few,
  // however long ("R, SAS, Stata, MATLAB" was four skills, so no years were asked of any), and a
  // clause of its own ("including ...") is not what the years are of.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Analyst",
      "Minimum qualifications:\n- 3 years of experience working with statistical packages (e.g. "
      "R, SAS, Stata, MATLAB, etc.)\n- 3+ years of call center or BPO operations experience, "
      "including team leadership\n");
  for (const char* skill : {"R", "SAS", "Stata", "MATLAB", "Call center"}) {
    ASSERT_NE(Req(j, skill), nullptr) << skill;
    EXPECT_DOUBLE_EQ(Req(j, skill)->min_years, 3) << skill;
  }
  ASSERT_NE(Req(j, "Team leadership"), nullptr);
  EXPECT_DOUBLE_EQ(Req(j, "Team leadership")->min_years, 0);
  const std::vector<std::string> knockouts = KnockoutDescriptions(j);
  EXPECT_NE(
      std::find(knockouts.begin(), knockouts.end(), "3+ years of R or SAS or Stata or MATLAB"),
      knockouts.end());
  EXPECT_NE(std::find(knockouts.begin(), knockouts.end(), "3+ years of Call center"),
            knockouts.end());
  // A long list that is no group still binds no years: "5+ years of software development with
  // Java, Python, SQL, Docker and AWS" asks for five years of development, not of each tool.
  j = SharedEngine().AnalyzeJob(
      "Engineer",
      "Requirements:\n- 5+ years of development with Java, Python, SQL, Docker and AWS\n");
  ASSERT_NE(Req(j, "Docker"), nullptr);
  EXPECT_DOUBLE_EQ(Req(j, "Docker")->min_years, 0);
}

TEST(JobAnalyzerTest, AlternativesShareAGroupAndOneKnockout) {
  JobRequirements j = SharedEngine().AnalyzeJob("", ReadFixture("backend_job.txt"));
  ASSERT_NE(Req(j, "Python"), nullptr);
  ASSERT_NE(Req(j, "Go"), nullptr);
  EXPECT_GT(Req(j, "Python")->alternative_group, 0);
  EXPECT_EQ(Req(j, "Python")->alternative_group, Req(j, "Go")->alternative_group);
  EXPECT_EQ(Req(j, "PostgreSQL")->alternative_group, 0);  // "PostgreSQL and Kubernetes"
  int years_knockouts = 0;
  for (const Knockout& k : j.knockouts) {
    if (k.description == "5+ years of Python or Go") ++years_knockouts;
  }
  EXPECT_EQ(years_knockouts, 1);
}

TEST(JobAnalyzerTest, AListItemEndingInOrStartsAnAlternative) {
  // "..., and/or recruiting experience": either experience meets the requirement, so there is
  // one knockout for the two, not one each.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Leadership Researcher",
      "Minimum qualifications:\n3 years of experience in an HR-related field, and/or recruiting "
      "experience within a corporate environment.\n");
  ASSERT_NE(Req(j, "Human resources"), nullptr);
  ASSERT_NE(Req(j, "Recruiting"), nullptr);
  EXPECT_GT(Req(j, "Recruiting")->alternative_group, 0);
  EXPECT_EQ(Req(j, "Human resources")->alternative_group, Req(j, "Recruiting")->alternative_group);
  int knockouts = 0;
  for (const Knockout& k : j.knockouts) {
    if (k.description == "3+ years of Human resources or Recruiting") ++knockouts;
    EXPECT_NE(k.description, "3+ years of Recruiting");
  }
  EXPECT_EQ(knockouts, 1);
  // A sentence that goes on to another requirement does not make it an alternative.
  j = SharedEngine().AnalyzeJob(
      "Engineer", "Requirements:\n5+ years of Python, and experience with AWS, GCP, or Azure.\n");
  ASSERT_NE(Req(j, "Python"), nullptr);
  EXPECT_EQ(Req(j, "Python")->alternative_group, 0);
}

TEST(JobAnalyzerTest, ExamplesAreAlternatives) {
  // Languages "such as" a list, "or similar": knowing one of them is what is asked.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Software Engineer",
      "Minimum qualifications:\nExperience in writing software in one or more languages such as "
      "Java, Python, Go, JavaScript, C++, or similar.\n"
      "Experience with database design and querying (e.g., SQL, MySQL, MapReduce, Hadoop).\n");
  const int languages = SharedGroup(j, {"Java", "Python", "Go", "JavaScript", "C++"});
  EXPECT_GT(languages, 0);
  const int databases = SharedGroup(j, {"SQL", "Hadoop"});
  EXPECT_GT(databases, 0);
  EXPECT_NE(databases, languages);
  // So is the list after "one or more of the following".
  j = SharedEngine().AnalyzeJob(
      "Software Engineer",
      "Minimum qualifications:\nProgramming experience in one or more of "
      "the following: Java, Python, JavaScript, NodeJS, C#, NET, Ruby.\n");
  EXPECT_GT(SharedGroup(j, {"Java", "Python", "JavaScript", "Node.js", "C#", "Ruby"}), 0);
  // ... whatever stands between them, up to the end of the sentence.
  j = SharedEngine().AnalyzeJob(
      "Operations Manager",
      "Minimum qualifications:\n- 5 years of industry experience in one or more of the following "
      "fields: Product Data Management, New Product Introduction (NPI), Manufacturing Operations, "
      "Development and/or Operations Engineering.\n- Experience in one or more of the following: "
      "Java, Python (e.g. Django). Experience with SQL databases.\n");
  EXPECT_EQ(KnockoutDescriptions(j),
            (std::vector<std::string>{
                "5+ years of Product data management or Manufacturing or Operations",
                "5+ years of experience"}));
  EXPECT_GT(SharedGroup(j, {"Java", "Python", "Django"}), 0);
  ASSERT_NE(Req(j, "SQL"), nullptr);
  EXPECT_EQ(Req(j, "SQL")->alternative_group, 0);
  // A list without such a cue asks for each of its skills.
  j = SharedEngine().AnalyzeJob("Data Engineer", "Requirements:\nPython, SQL and Spark.\n");
  ASSERT_NE(Req(j, "Python"), nullptr);
  ASSERT_NE(Req(j, "SQL"), nullptr);
  EXPECT_EQ(Req(j, "Python")->alternative_group, 0);
  EXPECT_EQ(Req(j, "SQL")->alternative_group, 0);
}

TEST(JobAnalyzerTest, AListEndingInAnAlternativeWeDoNotKnowIsStillAlternatives) {
  // "..., consulting or media": media names no skill of ours, yet any one of the list is what is
  // asked -- not four years of each (nine Google postings asked for all of them).
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Account Manager",
      "Minimum qualifications:\n- 4 years of experience in advertising sales, marketing, "
      "consulting or media.\n- 2+ years of experience in fine arts, performing arts, or arts "
      "education.\n");
  const int field = SharedGroup(j, {"Sales", "Marketing", "Consulting"});
  EXPECT_GT(field, 0);
  const int arts = SharedGroup(j, {"Fine arts", "Performing arts"});
  EXPECT_GT(arts, 0);
  EXPECT_NE(arts, field);
  EXPECT_EQ(KnockoutDescriptions(j),
            (std::vector<std::string>{"4+ years of Sales or Marketing or Consulting",
                                      "2+ years of Fine arts or Performing arts",
                                      "4+ years of experience"}));
  // Without "or" the list asks for each of its skills.
  j = SharedEngine().AnalyzeJob("Account Manager",
                                "Requirements:\n- Experience in sales, marketing and media.\n");
  ASSERT_NE(Req(j, "Sales"), nullptr);
  EXPECT_EQ(Req(j, "Sales")->alternative_group, 0);
}

TEST(JobAnalyzerTest, SkillsInParenthesesAfterASkillAreItsKinds) {
  // The kinds of sales in parentheses are not a second requirement: eight years of sales with
  // no retail met "2+ years of sales experience (B2B, retail or inside sales)" only in part.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Sales Representative",
      "Requirements\n- 2+ years of sales experience (B2B, retail or inside sales)\n"
      "- CRM (Salesforce) and Excel\n");
  for (const char* name : {"Sales", "Retail", "CRM", "Salesforce", "Microsoft Excel"}) {
    ASSERT_NE(Req(j, name), nullptr) << name;
  }
  EXPECT_GT(Req(j, "Sales")->alternative_group, 0);
  EXPECT_EQ(Req(j, "Retail")->alternative_group, Req(j, "Sales")->alternative_group);
  EXPECT_GT(Req(j, "CRM")->alternative_group, 0);
  EXPECT_EQ(Req(j, "Salesforce")->alternative_group, Req(j, "CRM")->alternative_group);
  EXPECT_NE(Req(j, "CRM")->alternative_group, Req(j, "Sales")->alternative_group);
  EXPECT_EQ(Req(j, "Microsoft Excel")->alternative_group, 0);
  EXPECT_EQ(KnockoutDescriptions(j),
            (std::vector<std::string>{"2+ years of Sales or Retail", "2+ years of experience"}));
  // Without a skill before it, a parenthesis is alternatives when it gives examples.
  j = SharedEngine().AnalyzeJob(
      "Engineer",
      "Requirements\n- Backend work on one or more cloud platforms (AWS, Azure, GCP)\n"
      "- Web technologies (e.g., object-oriented JavaScript, HTML, CSS)\n"
      "- Reporting tools (Tableau, Power BI)\n");
  for (const char* name :
       {"AWS", "Azure", "Google Cloud", "JavaScript", "HTML", "CSS", "Tableau", "Power BI"}) {
    ASSERT_NE(Req(j, name), nullptr) << name;
  }
  EXPECT_GT(Req(j, "AWS")->alternative_group, 0);
  EXPECT_EQ(Req(j, "Azure")->alternative_group, Req(j, "AWS")->alternative_group);
  EXPECT_EQ(Req(j, "Google Cloud")->alternative_group, Req(j, "AWS")->alternative_group);
  EXPECT_GT(Req(j, "HTML")->alternative_group, 0);
  EXPECT_EQ(Req(j, "JavaScript")->alternative_group, Req(j, "HTML")->alternative_group);
  EXPECT_NE(Req(j, "HTML")->alternative_group, Req(j, "AWS")->alternative_group);
  EXPECT_EQ(Req(j, "Tableau")->alternative_group, 0);  // a plain list: both are asked for
  EXPECT_EQ(Req(j, "Power BI")->alternative_group, 0);
  // A parenthesis away from the skill ("CRM tools and reporting (Salesforce)") is left alone.
  j = SharedEngine().AnalyzeJob("Analyst",
                                "Requirements\n- CRM tools and reporting (Salesforce)\n");
  ASSERT_NE(Req(j, "Salesforce"), nullptr);
  EXPECT_EQ(Req(j, "Salesforce")->alternative_group, 0);
}

TEST(JobAnalyzerTest, AlternativesComeFromTheSentenceThatAsksForTheSkill) {
  // Python is first named in the responsibilities; the requirement "Python or Go" still makes
  // them alternatives with one knockout.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Engineer",
      "Responsibilities\nBuild services in Python.\nRequirements\n- 3+ years of Python or Go\n");
  ASSERT_NE(Req(j, "Python"), nullptr);
  ASSERT_NE(Req(j, "Go"), nullptr);
  EXPECT_EQ(Req(j, "Python")->importance, Importance::kRequired);
  EXPECT_GT(Req(j, "Python")->alternative_group, 0);
  EXPECT_EQ(Req(j, "Python")->alternative_group, Req(j, "Go")->alternative_group);
  EXPECT_EQ(j.knockouts.front().description, "3+ years of Python or Go");
}

TEST(JobAnalyzerTest, DegreeRequirement) {
  JobRequirements j = SharedEngine().AnalyzeJob("", ReadFixture("backend_job.txt"));
  EXPECT_EQ(j.min_degree, DegreeLevel::kBachelor);
  EXPECT_TRUE(j.degree_required);
  EXPECT_EQ(j.degree_field.rfind("Computer Science", 0), 0u);
  JobRequirements eq = SharedEngine().AnalyzeJob(
      "Engineer",
      "Minimum qualifications:\nBA/BS degree or equivalent practical experience.\n"
      "Preferred qualifications:\nMS or PhD in Statistics.\n");
  EXPECT_EQ(eq.min_degree, DegreeLevel::kBachelor);
  EXPECT_FALSE(eq.degree_required);
  // "PhD" as postings write it (a lower-case h) is a doctorate.
  JobRequirements phd = SharedEngine().AnalyzeJob(
      "Research Scientist", "Requirements:\n- PhD in Computer Science or a related field.\n");
  EXPECT_EQ(phd.min_degree, DegreeLevel::kDoctorate);
}

TEST(JobAnalyzerTest, KnockoutsWithSeverity) {
  JobRequirements j = SharedEngine().AnalyzeJob("", ReadFixture("backend_job.txt"));
  bool aws = false;
  bool python_years = false;
  bool degree = false;
  for (const Knockout& k : j.knockouts) {
    if (k.description == "AWS required") {
      aws = true;
      EXPECT_EQ(k.severity, GapSeverity::kCritical);
    }
    if (k.description == "5+ years of Python or Go") python_years = true;
    if (k.kind == Knockout::Kind::kDegree) {
      degree = true;
      EXPECT_EQ(k.min_degree, DegreeLevel::kBachelor);
    }
  }
  EXPECT_TRUE(aws);
  EXPECT_TRUE(python_years);
  EXPECT_TRUE(degree);
}

TEST(JobAnalyzerTest, AsRequiredIsNoRequirement) {
  // "... as required" and "when necessary" say when, not what is required: a duty so worded
  // asks nothing of the candidate, while "Kubernetes is required" is a knockout.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Solutions Engineer",
      "Responsibilities\nTravel to customer sites, conferences and events as required.\n"
      "Write Python tools when necessary.\n"
      "Requirements\n- Kubernetes is required\n");
  EXPECT_EQ(Req(j, "Event planning"), nullptr);
  EXPECT_EQ(Req(j, "Python"), nullptr);
  EXPECT_EQ(KnockoutDescriptions(j), std::vector<std::string>{"Kubernetes required"});
}

TEST(JobAnalyzerTest, RequiredAsAnAdjectiveOrATaskIsNoCue) {
  // "to the required quality" and "requirement gathering" ask for nothing; "is required" does.
  JobRequirements j =
      SharedEngine().AnalyzeJob("Engineer", "Deliver Python services to the required quality.\n");
  EXPECT_TRUE(KnockoutDescriptions(j).empty());
  j = SharedEngine().AnalyzeJob("Engineer", "Python is required.\n");
  EXPECT_EQ(KnockoutDescriptions(j), std::vector<std::string>{"Python required"});
  j = SharedEngine().AnalyzeJob(
      "Project Manager",
      "Minimum qualifications\n- 5 years of project management\nPreferred qualifications\n"
      "- Skills in requirement gathering and budgeting\n");
  ASSERT_NE(Req(j, "Budgeting"), nullptr);
  EXPECT_EQ(Req(j, "Budgeting")->importance, Importance::kPreferred);
}

TEST(JobAnalyzerTest, RequiredInTheJobsDescriptionIsTheWorksNotTheCandidates) {
  // 45 Google postings made Google Cloud a critical knockout from "the infrastructure required
  // to implement a solution on Google Cloud" among their responsibilities.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Cloud Architect",
      "Responsibilities\nRecommend the infrastructure required to implement solutions on "
      "Google Cloud.\nYou must hold a CPA.\nMinimum qualifications\n- 3+ years of Python\n");
  ASSERT_NE(Req(j, "Google Cloud"), nullptr);
  EXPECT_EQ(Req(j, "Google Cloud")->importance, Importance::kPreferred);
  ASSERT_NE(Req(j, "CPA"), nullptr);
  EXPECT_EQ(Req(j, "CPA")->importance, Importance::kRequired);  // "must" asks anywhere
  EXPECT_EQ(KnockoutDescriptions(j), (std::vector<std::string>{"CPA required", "3+ years of Python",
                                                               "3+ years of experience"}));
  // Requirements under a heading the analyzer knows ("Your profile"), or with their years under
  // one it does not, are still asked for.
  j = SharedEngine().AnalyzeJob("Engineer",
                                "Responsibilities\nBuild services.\nYour profile\n- Kubernetes\n"
                                "The ideal candidate\n- 5+ years of Python required\n"
                                "Preferred qualifications\n- Go\n");
  ASSERT_NE(Req(j, "Kubernetes"), nullptr);
  EXPECT_EQ(Req(j, "Kubernetes")->importance, Importance::kRequired);
  ASSERT_NE(Req(j, "Python"), nullptr);
  EXPECT_EQ(Req(j, "Python")->importance, Importance::kRequired);
  EXPECT_DOUBLE_EQ(Req(j, "Python")->min_years, 5);
  // Without qualification sections the same words are the requirements.
  j = SharedEngine().AnalyzeJob("Cloud Architect", "Experience with Google Cloud is required.\n");
  ASSERT_NE(Req(j, "Google Cloud"), nullptr);
  EXPECT_EQ(Req(j, "Google Cloud")->importance, Importance::kRequired);
}

TEST(JobAnalyzerTest, PersonalQualitiesAreAskedForButKnockNoOneOut) {
  JobRequirements j =
      SharedEngine().AnalyzeJob("Account Manager",
                                "Requirements\n- Must be self-motivated and detail-oriented\n"
                                "- 3 years of experience working in cross-functional teams\n"
                                "- Must speak German\n");
  ASSERT_NE(Req(j, "Self-motivation"), nullptr);
  EXPECT_EQ(Req(j, "Self-motivation")->importance, Importance::kRequired);
  ASSERT_NE(Req(j, "Teamwork"), nullptr);
  // A language is no personal quality: it still knocks out.
  EXPECT_EQ(KnockoutDescriptions(j),
            (std::vector<std::string>{"German required", "3+ years of experience"}));
}

TEST(JobAnalyzerTest, TheCompanysDepartmentsAreNoSkills) {
  // Working with the Legal or Sales team asks for neither law nor sales.
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Partner Manager",
      "Requirements\n- Work with the Legal, Finance, Sales and Product teams on agreements\n"
      "- Experience collaborating with Marketing and Engineering functions\n"
      "- 3+ years of Python and sales experience\n");
  EXPECT_EQ(Req(j, "Law"), nullptr);
  EXPECT_EQ(Req(j, "Marketing"), nullptr);
  ASSERT_NE(Req(j, "Sales"), nullptr);  // named as experience in the last line
  EXPECT_EQ(Req(j, "Sales")->evidence, "- 3+ years of Python and sales experience");
  ASSERT_NE(Req(j, "Python"), nullptr);
  // ... and so are the names in parentheses after "organizations" or "teams", while examples
  // of a function's work are skills.
  j = SharedEngine().AnalyzeJob(
      "Consultant",
      "Requirements\n- Integrating applications within business organizations (Finance, HR, "
      "Marketing etc)\n- Experience in Finance functions (e.g. accounting, payroll)\n");
  EXPECT_EQ(Req(j, "Human resources"), nullptr);
  EXPECT_EQ(Req(j, "Marketing"), nullptr);
  EXPECT_NE(Req(j, "Accounting"), nullptr);
  EXPECT_NE(Req(j, "Payroll"), nullptr);
  // Lower-case "sales teams" may be the candidate's own: led sales teams.
  j = SharedEngine().AnalyzeJob("Sales Director", "Requirements\n- Led sales teams of 20\n");
  EXPECT_NE(Req(j, "Sales"), nullptr);
}

TEST(JobAnalyzerTest, NoSectionsMeansCuesDecide) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Accountant", "You will use QuickBooks and Excel daily. SAP experience is a bonus.");
  ASSERT_NE(Req(j, "QuickBooks"), nullptr);
  EXPECT_EQ(Req(j, "QuickBooks")->importance, Importance::kRequired);
  ASSERT_NE(Req(j, "SAP"), nullptr);
  EXPECT_EQ(Req(j, "SAP")->importance, Importance::kPreferred);
}

TEST(JobAnalyzerTest, SeniorityFromTitleOrYears) {
  EXPECT_EQ(SharedEngine().AnalyzeJob("Junior Accountant", "").seniority, "junior");
  EXPECT_EQ(SharedEngine().AnalyzeJob("Principal Engineer", "").seniority, "principal");
  EXPECT_EQ(SharedEngine().AnalyzeJob("Engineer", "Requires 6 years of experience.").seniority,
            "senior");
}

TEST(JobAnalyzerTest, DegreeFieldIsAnEducationRequirementNotASkill) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Backend Engineer",
      "Requirements:\n- Bachelor's degree in Computer Science required\n- 3+ years of Python\n");
  EXPECT_EQ(Req(j, "Computer science"), nullptr);
  ASSERT_NE(Req(j, "Python"), nullptr);
  EXPECT_EQ(j.min_degree, DegreeLevel::kBachelor);
  EXPECT_TRUE(j.degree_required);
  EXPECT_EQ(j.degree_field, "Computer Science");
  for (const Knockout& k : j.knockouts) EXPECT_NE(k.skill, "Computer science");
  // A candidate with the degree and Python is not missing a "Computer science" skill.
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "Jane Roe\nEXPERIENCE\nBackend Engineer, Acme Corp   2019 - 2024\n"
      "Built services in Python.\nEDUCATION\nB.Sc. Computer Science, State University, 2018\n");
  Evaluation ev = SharedEngine().Evaluate(j, r, ScoringOptions{});
  for (const MissingSkill& m : ev.missing_skills) EXPECT_NE(m.skill, "Computer science");
  EXPECT_TRUE(ev.failed_knockouts.empty());
}

TEST(JobAnalyzerTest, SeveralDegreesAndFieldsStayEducation) {
  JobRequirements j = SharedEngine().AnalyzeJob(
      "Data Scientist",
      "Requirements:\n- BS or MS degree in Computer Science, Statistics or a related field\n"
      "- Experience with SQL\n");
  EXPECT_EQ(Req(j, "Computer science"), nullptr);
  EXPECT_EQ(Req(j, "Statistics"), nullptr);
  ASSERT_NE(Req(j, "SQL"), nullptr);
  EXPECT_EQ(j.min_degree, DegreeLevel::kBachelor);
  // A skill named in the same sentence but not as the field is still a skill.
  JobRequirements k = SharedEngine().AnalyzeJob(
      "Engineer", "Requirements:\n- Bachelor's degree required; strong Python skills\n");
  EXPECT_NE(Req(k, "Python"), nullptr);
  // Fields that name no skill do not end the list of fields ...
  k = SharedEngine().AnalyzeJob(
      "UX Researcher",
      "Requirements:\n- BA/BS degree in Anthropology, Human Factors, Psychology, HCI/Computer "
      "Science or other related fields\n- BS degree in Engineering, Mathematics, Statistics or "
      "related fields\n");
  EXPECT_EQ(Req(k, "Computer science"), nullptr);
  EXPECT_EQ(Req(k, "Statistics"), nullptr);
  k = SharedEngine().AnalyzeJob(
      "Analyst",
      "Requirements:\n- BA/BS degree in Business, Finance or Accounting, or equivalent practical "
      "experience\n- Bachelor's degree in Economics, Quantitative Finance or other analytics "
      "related field\n");
  EXPECT_EQ(Req(k, "Accounting"), nullptr);
  EXPECT_EQ(Req(k, "Data analysis"), nullptr);
  // ... but experience asked for after the degree is a skill.
  k = SharedEngine().AnalyzeJob(
      "Engineer", "Requirements:\n- Bachelor's degree in Physics, experience with Python\n");
  EXPECT_NE(Req(k, "Python"), nullptr);
}

}  // namespace
}  // namespace shortlist::engine
