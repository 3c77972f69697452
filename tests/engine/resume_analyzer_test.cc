// Resume understanding: sections, experience, education, skills with evidence and years, flags.
#include <algorithm>

#include <gtest/gtest.h>

#include "engine/education.h"
#include "engine/engine.h"
#include "engine/sections.h"
#include "engine/text.h"
#include "fixture.h"

namespace shortlist::engine {
namespace {

using testing::ReadFixture;
using testing::SharedEngine;

const SkillMention* FindSkill(const ResumeProfile& r, const std::string& name) {
  for (const SkillMention& s : r.skills) {
    if (s.skill == name) return &s;
  }
  return nullptr;
}

ResumeProfile Analyze(std::string_view text) {
  return SharedEngine().AnalyzeResumeAt(text, ResumeOptions{2024, 12});
}

TEST(ResumeAnalyzerTest, ExperienceEntriesWithTitlesEmployersAndDates) {
  ResumeProfile r = Analyze(ReadFixture("software_engineer.txt"));
  ASSERT_EQ(r.experience.size(), 3u);
  EXPECT_EQ(r.experience[0].title, "Senior Software Engineer");
  EXPECT_EQ(r.experience[0].employer, "Acme Payments Inc");
  EXPECT_EQ(r.experience[0].start_year, 2019);
  EXPECT_TRUE(r.experience[0].current);
  EXPECT_EQ(r.experience[1].title, "Software Engineer");
  EXPECT_EQ(r.experience[1].employer, "Globex Corporation");
  EXPECT_EQ(r.experience[1].start_month, 6);
  EXPECT_EQ(r.experience[1].end_year, 2020);
  EXPECT_EQ(r.experience[2].title, "Intern");
  EXPECT_EQ(r.experience[2].employer, "Initech LLC");
  // Merged: 2015-01..2015-12 ("2015-2016" is one year) + 2016-06..2024-12 (overlapping jobs
  // counted once) = 12 + 103 months, not the 12 + 46 + 72 months of the entries summed.
  EXPECT_NEAR(r.total_years_experience, 115 / 12.0, 0.01);
}

TEST(ResumeAnalyzerTest, GradesAndSkillListsAreNotEmployers) {
  // Training courses listed under the experience heading (a real DataTurks layout): the lines
  // around the dates are grades and technology names, not organisations.
  ResumeProfile r = Analyze(
      "Jay M\n\nWORK EXPERIENCE\n\nNIIT at B+ Average   2016 - 2016\n\nAdvanced\n\n"
      "SQL Oracle -\n\n2016 to 2016\n\nB+ Average\n\nMSCIT -\n\n2011 to 2011\n\n"
      "A Completed\n\nSoftware Engineer, Acme Payments Inc   2018 - 2020\n");
  ASSERT_GE(r.experience.size(), 4u);
  for (const ExperienceEntry& e : r.experience) {
    EXPECT_NE(e.employer, "B+ Average");
    EXPECT_NE(e.employer, "NIIT at B+ Average");
    EXPECT_NE(e.employer, "SQL Oracle");
    EXPECT_NE(e.employer, "A Completed");
    EXPECT_NE(e.title, "B+ Average");
  }
  // A real employer on the same kind of line is kept.
  EXPECT_EQ(r.experience.back().title, "Software Engineer");
  EXPECT_EQ(r.experience.back().employer, "Acme Payments Inc");
}

TEST(ResumeAnalyzerTest, ATitleOrASentenceWhereTheCompanyWouldBeIsNoEmployer) {
  // A sentence cut at its dates ("... for Infosys Limited from") and a second job title on the
  // line of dates are no company's name; a real company on such a line still is.
  ResumeProfile r = Analyze(
      "WORK EXPERIENCE\n\nWorked as Senior Systems Engineer for Infosys Limited from February "
      "2012 to September 2015\n\nBusiness Manager, HR Coordinator, Receptionist Jun 2016 to Oct "
      "2018\n\n"
      "Software Engineer, Acme Payments Inc   2019 - 2021\n");
  ASSERT_EQ(r.experience.size(), 3u);
  EXPECT_EQ(r.experience[0].employer, "");
  EXPECT_EQ(r.experience[1].employer, "");
  EXPECT_EQ(r.experience[2].employer, "Acme Payments Inc");
  // A title that holds an organisation's word, or ends in a grade, is still a title.
  ResumeProfile titles = Analyze(
      "EXPERIENCE\nTeller Jan 2015 to Dec 2016\nBank Teller\n      Cash.\n"
      "Manager Jan 2017 to Dec 2018\nRelationship Banker II\n      Loans.\n"
      "Analyst Jan 2019 to Dec 2020\nFirst National Bank\n      Reports.\n");
  ASSERT_EQ(titles.experience.size(), 3u);
  EXPECT_EQ(titles.experience[0].employer, "");
  EXPECT_EQ(titles.experience[1].employer, "");
  EXPECT_EQ(titles.experience[2].employer, "First National Bank");
  // An organisation's word must be a whole word: a banker, a corporate accountant or a
  // storekeeper is no organisation.
  ResumeProfile words = Analyze(
      "EXPERIENCE\nPersonal Banker 01/2015 to 12/2016 Acme Inc\n      Opened accounts.\n"
      "Corporate Accountant 01/2017 to 12/2018 Acme Inc\n      Closed the books.\n");
  ASSERT_EQ(words.experience.size(), 2u);
  EXPECT_EQ(words.experience[0].title, "Personal Banker");
  EXPECT_EQ(words.experience[0].employer, "Acme Inc");
  EXPECT_EQ(words.experience[1].title, "Corporate Accountant");
}

TEST(ResumeAnalyzerTest, ADutyWhereTheTitleWouldBeIsNoTitle) {
  // A line of duties, or a sentence, above the dates is no job title; a title qualified by an
  // -ed word is one, and so is a job whatever its first word.
  ResumeProfile r = Analyze(
      "EXPERIENCE\nInstalled and configured Windows Server\n01/2014 to 05/2016 Company Name "
      "City , State\nResponsible for hiring and firing of employees\n06/2016 to 05/2017 "
      "Company Name City , State\nCertified Home Healthcare Aide\n06/2017 to 05/2018 Company "
      "Name City , State\nWorking Chef\n06/2018 to 05/2019 Company Name City , State\n");
  ASSERT_EQ(r.experience.size(), 4u);
  EXPECT_EQ(r.experience[0].title, "");
  EXPECT_EQ(r.experience[1].title, "");
  EXPECT_EQ(r.experience[2].title, "Certified Home Healthcare Aide");
  EXPECT_EQ(r.experience[3].title, "Working Chef");
  // Led by a verb in -ing, opened like a summary's sentence or by "While": no title either; a
  // department's name is one, and so is a job led by an -ing word.
  ResumeProfile more = Analyze(
      "EXPERIENCE\nConfiguring and supporting Microsoft Windows Server\n01/2014 to 05/2016 "
      "Company Name City , State\nExperience in installing and maintaining Windows Server\n"
      "06/2016 to 05/2017 Company Name City , State\nWhile assigned to the USS NIMITZ\n06/2017 "
      "to 05/2018 Company Name City , State\nShipping and Receiving\n06/2018 to 05/2019 Company "
      "Name City , State\nAccounting and Payroll Clerk\n06/2019 to 05/2020 Company Name City , "
      "State\n");
  ASSERT_EQ(more.experience.size(), 5u);
  EXPECT_EQ(more.experience[0].title, "");
  EXPECT_EQ(more.experience[1].title, "");
  EXPECT_EQ(more.experience[2].title, "");
  EXPECT_EQ(more.experience[3].title, "Shipping and Receiving");
  EXPECT_EQ(more.experience[4].title, "Accounting and Payroll Clerk");
}

TEST(ResumeAnalyzerTest, ProjectDetailsAreNotEmployersOrTitles) {
  ResumeProfile r = Analyze(
      "EXPERIENCE\nSoftware Engineer | Infosys Ltd   2015 - 2017\n      Billing portal.\n"
      "Team Size 15\nDuration: Jan 2016 to Dec 2016\nResponsibilities\n      Wrote services.\n"
      "Location: Pune   2014 - 2015\nKey Result Areas\n      Support.\n");
  ASSERT_GE(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Software Engineer");
  EXPECT_EQ(r.experience[0].employer, "Infosys Ltd");
  for (const ExperienceEntry& e : r.experience) {
    EXPECT_NE(e.employer, "Team Size 15");
    EXPECT_NE(e.employer, "Responsibilities");
    EXPECT_NE(e.employer, "Key Result Areas");
    EXPECT_NE(e.title, "Duration");
    EXPECT_NE(e.title, "Location: Pune");
    EXPECT_NE(e.title, "Location");
  }
}

TEST(ResumeAnalyzerTest, AnEmployerAloneAboveDatesIsNoTitle) {
  // An Indeed export: the employer's line over a line of dates, then a label ending in a colon.
  ResumeProfile r = Analyze(
      "WORK EXPERIENCE\n\nInfosys Limited -  Mysore, Karnataka -\n\n"
      "September 2014 to December 2014\n\nEducational Technologies:\n\n"
      "Software Test Engineer\n\nInfosys Limited -\n\nJanuary 2015 to December 2016\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "");
  EXPECT_EQ(r.experience[0].employer, "Infosys Limited");
  EXPECT_EQ(r.experience[1].title, "Software Test Engineer");
  EXPECT_EQ(r.experience[1].employer, "Infosys Limited");
}

// A work section without dates (an Indeed export of a candidate who gave none) still names the
// job and the employer; the entry adds no years.
// Exports that set the title and the employer side by side under a line of dates run them
// into one line: the title ends at its last job noun (and a grade after it) when what follows
// is an organisation. A title that merely contains an organisation's word is not cut, and a
// title alone keeps the employer the line gives.
TEST(ResumeAnalyzerTest, ATitleRunIntoItsEmployerIsSplit) {
  ResumeProfile r = Analyze(
      "EXPERIENCE\n05/2012 to 05/2015\nFinancial Accountant Company Name - City , State\n"
      "      Prepared the monthly close.\n01/2010 to 04/2012\n"
      "Accountant III Acme Bank - Austin , TX\n      Reconciled accounts.\n01/2008 to 12/2009\n"
      "Receptionist Mercy Hospital - Tulsa , OK\n      Answered phones.\n01/2006 to 12/2007\n"
      "Director of Client Solutions - Acme Inc\n      Led the team.\n");
  ASSERT_EQ(r.experience.size(), 4u);
  EXPECT_EQ(r.experience[0].title, "Financial Accountant");
  EXPECT_EQ(r.experience[0].employer, "Company Name");
  EXPECT_EQ(r.experience[1].title, "Accountant III");
  EXPECT_EQ(r.experience[1].employer, "Acme Bank");
  EXPECT_EQ(r.experience[2].title, "Receptionist");
  EXPECT_EQ(r.experience[2].employer, "Mercy Hospital");
  EXPECT_EQ(r.experience[3].title, "Director of Client Solutions");
  EXPECT_EQ(r.experience[3].employer, "Acme Inc");
  // The same under a title that came with the dates: the employer is the organisation.
  ResumeProfile below = Analyze(
      "EXPERIENCE\nSales Associate Jan 2015 to Dec 2016\nSales Associate Acme Store - Austin , TX\n"
      "      Helped customers.\n");
  ASSERT_EQ(below.experience.size(), 1u);
  EXPECT_EQ(below.experience[0].title, "Sales Associate");
  EXPECT_EQ(below.experience[0].employer, "Acme Store");
  // Two titles joined by a slash: the last one ends the title, and a slash after a title noun
  // joins it to the next rather than ending it.
  ResumeProfile slashed = Analyze(
      "EXPERIENCE\n01/2010 to 04/2012\nData Processing Manager/Programmer Acme Corp - Austin , TX\n"
      "      Ran the data center.\n01/2008 to 12/2009\n"
      "Line Cook/ Garde Manger Blue Restaurant - Austin , TX\n      Cooked.\n");
  ASSERT_EQ(slashed.experience.size(), 2u);
  EXPECT_EQ(slashed.experience[0].title, "Data Processing Manager/Programmer");
  EXPECT_EQ(slashed.experience[0].employer, "Acme Corp");
  EXPECT_NE(slashed.experience[1].title, "Line Cook/");
  // An organisation and its place alone under the dates: the employer, and no title.
  ResumeProfile untitled =
      Analyze("EXPERIENCE\n01/2014 to Current\nAcme Corp - Austin , TX\n      Kept the books.\n");
  ASSERT_EQ(untitled.experience.size(), 1u);
  EXPECT_EQ(untitled.experience[0].employer, "Acme Corp");
  EXPECT_EQ(untitled.experience[0].title, "");
  // Words after the place's region do not hide the place.
  ResumeProfile trailing = Analyze(
      "EXPERIENCE\n01/2014 to Current\nAcme Corp - Austin , Texas Business Consultation and "
      "Acquisitions\n      Kept the books.\n");
  ASSERT_EQ(trailing.experience.size(), 1u);
  EXPECT_EQ(trailing.experience[0].employer, "Acme Corp");
}

// The "ï¼" + zero-width space the public resume corpus' PDFs put between an employer and its
// place: a dash, which ends the employer ("Company Name ï¼ City" was the employer).
TEST(ResumeAnalyzerTest, AMojibakeSeparatorIsADash) {
  ResumeProfile r = Analyze(
      "EXPERIENCE\nStaff Accountant 05/2012 to 05/2015\n"
      "Company Name \xc3\xaf\xc2\xbc\xe2\x80\x8b City , State\n      Prepared the monthly "
      "close.\n");
  EXPECT_NE(r.text.find("Company Name - City , State"), std::string::npos) << r.text;
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Staff Accountant");
  EXPECT_EQ(r.experience[0].employer, "Company Name");
}

// An employer's line names a place after it, or ends with Indeed's dash: over a line of dates it
// is the employer, whatever its name ("Cisco" has no "Inc").
TEST(ResumeAnalyzerTest, AnEmployersLineIsKnownByItsPlace) {
  ResumeProfile r = Analyze(
      "WORK EXPERIENCE\n\nCisco -  Samba, Jammu and Kashmir -\n\n2014 to 2016\n\nRan servers.\n\n"
      "Convergys -\n\nJuly 2016 to November 2017\n\nAnswered calls.\n\n"
      "Server Engineer - Austin, TX\n\nJanuary 2018 to Present\n\nPatched servers.\n");
  ASSERT_EQ(r.experience.size(), 3u);
  EXPECT_EQ(r.experience[0].employer, "Cisco");
  EXPECT_EQ(r.experience[0].title, "");
  EXPECT_EQ(r.experience[1].employer, "Convergys");
  // A line that names a job is a title, wherever it is.
  EXPECT_EQ(r.experience[2].title, "Server Engineer - Austin, TX");
}

TEST(ResumeAnalyzerTest, AnUndatedJobIsAnEntryWithoutYears) {
  ResumeProfile r = Analyze(
      "Krishna Prasad\nPatna, Bihar\n\nWORK EXPERIENCE\n\nData Entry Operator\n\n"
      "Microsoft -  Patna, Bihar\n\nEDUCATION\n\nBSc in Math\n\nMagadh University\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Data Entry Operator");
  EXPECT_EQ(r.experience[0].employer, "Microsoft");
  EXPECT_EQ(r.experience[0].start_year, 0);
  EXPECT_EQ(r.experience[0].years, 0.0);
  EXPECT_EQ(r.total_years_experience, 0.0);
  // Employer first reads alike; lines that are neither a job nor an employer make no entry.
  r = Analyze("EXPERIENCE\nAcme Corp\nWarehouse Supervisor\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Warehouse Supervisor");
  EXPECT_EQ(r.experience[0].employer, "Acme Corp");
  EXPECT_TRUE(Analyze("WORK EXPERIENCE\n\nMicrosoft SQL-SERVER\n\nTechnical Expertise:-\n"
                      "Environment Windows 7, Linux.\n")
                  .experience.empty());
  EXPECT_TRUE(
      Analyze("EXPERIENCE\nResponsible for hiring and payroll\nAcme Corp\n").experience.empty());
}

// Two common layouts put the title on a line of its own: above a date line that names only the
// employer, or below a line of dates alone.
TEST(ResumeAnalyzerTest, TitlesOnTheirOwnLineAboveOrBelowTheDates) {
  ResumeProfile r = Analyze(
      "EXPERIENCE\nStaff Accountant\nJanuary 2014 to October 2014 Acme Corp, Charlotte, NC\n"
      "      Performed all month end functions to produce financial statements.\n"
      "Payroll Clerk\nMay 2012 to December 2013 Globex Company - Raleigh, NC\n"
      "      Ran payroll for 200 employees.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Staff Accountant");
  EXPECT_EQ(r.experience[0].employer, "Acme Corp");
  EXPECT_EQ(r.experience[1].title, "Payroll Clerk");
  EXPECT_EQ(r.experience[1].employer, "Globex Company");

  r = Analyze(
      "EXPERIENCE\n06/2006 to 08/2015\nOwner/Operator, Fit Studio - Irvine, CA\n"
      "      Started and managed a functional training studio.\n"
      "01/2002 to 06/2006\nGeneral Manager | Peak Gym\n      Managed a team of 12 trainers.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Owner/Operator");
  EXPECT_EQ(r.experience[0].employer, "Fit Studio");
  EXPECT_EQ(r.experience[1].title, "General Manager");
  EXPECT_EQ(r.experience[1].employer, "Peak Gym");

  // An employer first: the title is the part that names a job, and a place is not one.
  r = Analyze(
      "EXPERIENCE\nInfosys Limited, Software Engineer   2015 - 2017\n"
      "      Wrote tests.\nAcme Corp - Austin, TX   2012 - 2015\n      Wrote more tests.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Software Engineer");
  EXPECT_EQ(r.experience[0].employer, "Infosys Limited");
  EXPECT_EQ(r.experience[1].title, "");
  EXPECT_EQ(r.experience[1].employer, "Acme Corp");

  // Dates in a narrow column come out over three lines; the header follows them.
  r = Analyze(
      "WORK HISTORY\nDecember 2016\nto\nCurrent\nAcme Corp, Austin TX, Payroll Clerk\n"
      "      Ran payroll.\nMay 2012\nto\nNovember 2016\nBookkeeper | Globex\n      Kept books.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_TRUE(r.experience[0].current);
  EXPECT_EQ(r.experience[0].start_year, 2016);
  EXPECT_EQ(r.experience[0].title, "Payroll Clerk");
  EXPECT_EQ(r.experience[0].employer, "Acme Corp");
  EXPECT_EQ(r.experience[1].end_year, 2016);
  EXPECT_EQ(r.experience[1].title, "Bookkeeper");
  EXPECT_EQ(r.experience[1].employer, "Globex");

  // A heading after a line of dates is neither a title nor an employer.
  r = Analyze("EXPERIENCE\nSupport Engineer\nInfosys BPM\n2015 to 2017\nEDUCATION\nB.Sc. 2014\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Support Engineer");
  EXPECT_EQ(r.experience[0].employer, "Infosys BPM");
}

TEST(ResumeAnalyzerTest, TheEndOfAWrappedSentenceIsNoTitle) {
  // The employer first and the title after the dates, under the previous entry's wrapped
  // sentence: the title is the part that names a job, not the sentence's last line.
  ResumeProfile r = Analyze(
      "EXPERIENCE\nStaff Accountant\nJuly 2001 to May 2010 Acme Corp - Austin, TX\n"
      "      Streamlined the interim and year-end audit process, which made it far more efficient\n"
      "      for the auditors to review reconciliations and financials\n"
      "Globex Company June 2000 to June 2001 Portfolio Administrator\n"
      "      Tracked data for 70 portfolio companies.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Staff Accountant");
  EXPECT_EQ(r.experience[1].title, "Portfolio Administrator");
  EXPECT_EQ(r.experience[1].employer, "Globex Company");

  // Dates alone under a wrapped sentence: the header is the line below the dates.
  r = Analyze(
      "EXPERIENCE\nMarch 2013\nto\nMarch 2016\nFloral Designer | Bloom Studio\n"
      "Designed arrangements for weddings and corporate parties and did the prep work. I kept the\n"
      "showroom clean and maintained properly for display\nJanuary 2011\nto\nDecember 2012\n"
      "Sales Clerk | Main Street Store\n      Sold flowers.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Floral Designer");
  EXPECT_EQ(r.experience[1].title, "Sales Clerk");
  EXPECT_EQ(r.experience[1].employer, "Main Street Store");

  // A lower-case title after a finished sentence is still a title.
  r = Analyze(
      "EXPERIENCE\nline chef\nMay 2015 to May 2018 Acme Company - Austin, TX\n"
      "      Prepared fish, meat and vegetable dishes.\nmeat cutter\n"
      "August 2014 to January 2015 Globex Company - Austin, TX\n      Cut meat.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[1].title, "meat cutter");
  EXPECT_EQ(r.experience[1].employer, "Globex Company");

  // Dates in a sentence that wrapped onto the next line start no entry.
  r = Analyze(
      "EXPERIENCE\nSales Manager | Acme Corp   2009 - 2014\n"
      "      Grew annual revenue by half and cut the team's employee turnover rate by a third,\n"
      "      which the company recognised with its sales award in 2011 - 2012 at the national\n"
      "      meeting.\nAccount Executive | Globex   2005 - 2009\n      Sold software.\n");
  ASSERT_EQ(r.experience.size(), 2u);
  EXPECT_EQ(r.experience[0].title, "Sales Manager");
  EXPECT_NE(r.experience[0].text.find("national"), std::string::npos);
  EXPECT_EQ(r.experience[1].title, "Account Executive");

  // A job named on the line above beats a duty list after the employer on the date line.
  r = Analyze(
      "EXPERIENCE\nSales Associate\n"
      "September 2006 to June 2008 Acme Store - Austin, TX   Cashier, Customer Service, Stocking\n"
      "      Served customers.\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Sales Associate");
  EXPECT_EQ(r.experience[0].employer, "Acme Store");
}

TEST(ResumeAnalyzerTest, PunctuationOrADateIsNeitherTitleNorEmployer) {
  // An Indeed export repeats an entry's dates on a line of their own, ending in a full stop: what
  // is left of that line, ".", names no job.
  ResumeProfile r = Analyze(
      "WORK EXPERIENCE\n\nSoftware Test Engineer\n\nInfosys Limited -\n\n"
      "September 2014 to December 2014\n\n-September 2014 to December 2014.\nProject: 1\n"
      "Role: Software Test Engineer\n");
  ASSERT_FALSE(r.experience.empty());
  EXPECT_EQ(r.experience[0].title, "Software Test Engineer");
  for (const auto& e : r.experience) {
    EXPECT_NE(e.title, ".");
    EXPECT_NE(e.employer, ".");
  }
}

TEST(ResumeAnalyzerTest, PerSkillYearsMergeOverlappingJobs) {
  // Python in two overlapping jobs: 2018-2020 and 2019-2021 -> 2018-01..2021-12 = 4 years.
  ResumeProfile r = Analyze(
      "EXPERIENCE\nData Engineer, Foo Inc, Jan 2018 - Dec 2020\n* Python pipelines\n"
      "Analyst, Bar LLC, Jan 2019 - Dec 2021\n* Python reports and SQL\n");
  const SkillMention* python = FindSkill(r, "Python");
  ASSERT_NE(python, nullptr);
  EXPECT_NEAR(python->years, 4.0, 0.01);
  const SkillMention* sql = FindSkill(r, "SQL");
  ASSERT_NE(sql, nullptr);
  EXPECT_NEAR(sql->years, 3.0, 0.01);
  EXPECT_NEAR(r.total_years_experience, 4.0, 0.01);
}

TEST(ResumeAnalyzerTest, EducationAndCertifications) {
  ResumeProfile r = Analyze(ReadFixture("software_engineer.txt"));
  ASSERT_EQ(r.education.size(), 1u);
  EXPECT_EQ(r.education[0].level, DegreeLevel::kBachelor);
  EXPECT_EQ(r.education[0].field, "Computer Science");
  EXPECT_EQ(r.education[0].institution, "University of Illinois");
  EXPECT_EQ(r.education[0].year, 2016);
  ASSERT_EQ(r.certifications.size(), 1u);
  EXPECT_EQ(r.certifications[0], "AWS Certified Solutions Architect - Associate");
}

TEST(ResumeAnalyzerTest, CertificationLinesOutsideTheirSectionAreFoundAtAnyOffset) {
  // A line naming a certification ("certif..." in any case) is one wherever the word starts: the
  // scan tests eight bytes at a time, so every offset around those blocks is tried.
  std::vector<std::string> texts;
  for (size_t pad = 0; pad < 18; ++pad) {
    texts.push_back(std::string(pad, 'x') + (pad % 2 ? "CERTIFIED nurse" : "certificate in"));
  }
  texts.push_back("Coached a cross-functional team of accountants");  // c's, no certification
  texts.push_back("Certi fied");
  texts.push_back("xxxxxxcertif");  // at the very end
  std::string joined;
  for (const std::string& t : texts) joined += t + "\n";
  std::vector<Line> lines = SplitLines(joined);
  std::vector<SectionKind> kinds(lines.size(), SectionKind::kExperience);
  std::vector<bool> headings(lines.size(), false);
  std::vector<std::string> certs = ExtractCertifications(lines, kinds, headings);
  ASSERT_EQ(certs.size(), 19u);  // capped at 20; every padded line and the last one
  for (size_t pad = 0; pad < 18; ++pad) EXPECT_EQ(certs[pad], texts[pad]);
  EXPECT_EQ(certs[18], "xxxxxxcertif");
}

TEST(ResumeAnalyzerTest, DegreesAsIndianAndAcademicResumesWriteThem) {
  // A hyphenated initial ("B-Tech"), two degrees joined by a slash, and three-letter
  // abbreviations in any case ("mba", "PhD") name degrees.
  ResumeProfile r = Analyze(
      "EDUCATION\n\nB-Tech\n\nKuppam Engineering College - Kuppam\n\n"
      "B.TECH/B.E\n\nAnnamacharya Institute of Technology\n\n"
      "mba in human resource\n\nsikkim manipal university\n\n"
      "PhD : Soil Science and Crop physiology\n\nUniversity of Florida\n");
  ASSERT_EQ(r.education.size(), 4u);
  EXPECT_EQ(r.education[0].level, DegreeLevel::kBachelor);
  EXPECT_EQ(r.education[0].degree, "B-Tech");
  EXPECT_EQ(r.education[1].level, DegreeLevel::kBachelor);
  EXPECT_EQ(r.education[2].level, DegreeLevel::kMaster);
  EXPECT_EQ(r.education[2].field, "human resource");
  EXPECT_EQ(r.education[3].level, DegreeLevel::kDoctorate);
}

TEST(ResumeAnalyzerTest, EducationAcrossBlankLinesAndLinksAndWithoutADegree) {
  // The institution three lines with text below the degree, past blank lines and a link; a
  // spaced "B. Tech"; an institution named without a degree is an entry of unknown level; a
  // year before the institution on its line is not part of its name.
  ResumeProfile r = Analyze(
      "EDUCATION\n\nBachelor of Engineering in Automobile Engineering\n\n"
      "https://www.example.com/r/Arun-E/26575d617d50ea04\n\n\n"
      "Sri Venkateswara College Of Engineering -  Chennai, Tamil Nadu\n\n2012 to 2016\n\n"
      "B. Tech in Electrical and Electronics\nMIT, Manipal University\nMay 2010\n\n"
      "Saurashtra University -  Morbi, Gujarat\n\n2007\n\n"
      "Surveying 2004 Southern Illinois University\n\nSKILLS\nExcel\n");
  ASSERT_EQ(r.education.size(), 4u);
  EXPECT_EQ(r.education[0].level, DegreeLevel::kBachelor);
  EXPECT_EQ(r.education[0].institution, "Sri Venkateswara College Of Engineering");
  EXPECT_EQ(r.education[0].year, 2016);
  EXPECT_EQ(r.education[1].level, DegreeLevel::kBachelor);
  EXPECT_EQ(r.education[1].institution, "Manipal University");
  EXPECT_EQ(r.education[1].year, 2010);
  EXPECT_EQ(r.education[2].level, DegreeLevel::kNone);
  EXPECT_EQ(r.education[2].institution, "Saurashtra University");
  EXPECT_EQ(r.education[2].year, 2007);
  EXPECT_EQ(r.education[3].institution, "Southern Illinois University");
  EXPECT_EQ(r.education[3].year, 2004);

  // In the resume's order: an institution without a degree above a degree comes first.
  r = Analyze(
      "EDUCATION\nSaurashtra University, 2007\nMBA, Harvard Business School, "
      "2019\nSKILLS\nExcel\n");
  ASSERT_EQ(r.education.size(), 2u);
  EXPECT_EQ(r.education[0].institution, "Saurashtra University");
  EXPECT_EQ(r.education[1].institution, "Harvard Business School");

  // A sentence that mentions a school is no education entry.
  r = Analyze(
      "EDUCATION\nMBA, Harvard Business School, 2019\n"
      "Led the involvement of the school community in the school improvement plan.\n");
  ASSERT_EQ(r.education.size(), 1u);
  EXPECT_EQ(r.education[0].level, DegreeLevel::kMaster);
}

TEST(ResumeAnalyzerTest, SkillsCarryEvidenceLines) {
  ResumeProfile r = Analyze(ReadFixture("software_engineer.txt"));
  const SkillMention* k8s = FindSkill(r, "Kubernetes");
  ASSERT_NE(k8s, nullptr);
  EXPECT_EQ(k8s->category, "devops");
  EXPECT_EQ(k8s->evidence, "Built payment APIs in Go and Python on Kubernetes (k8s) and AWS.");
  EXPECT_GT(k8s->years, 5.0);
  const SkillMention* pg = FindSkill(r, "PostgreSQL");
  ASSERT_NE(pg, nullptr);
  EXPECT_NE(pg->evidence.find("Postgres"), std::string::npos);
}

TEST(ResumeAnalyzerTest, AListLabelThatNamesAKindOfItemIsNoSkill) {
  ResumeProfile r = Analyze(
      "Ravi Kumar\nravi@example.com\n\nTechnical Skills\n"
      "* Operating Systems: Windows, Linux\n"
      "* Programming language: C, Java\n"
      "Database: MySQL\n"
      "RDBMS: Oracle\n"
      "Test Management Tools: HP ALM\n"
      "Bug Management Tool: JIRA\n"
      "Management Tool: HP Quality Center\n"
      "Python: Django, Flask\n"
      "Data Science Tools: R, SPSS\n"
      "Communication: fluent English and Hindi\n\n"
      "Experience\nSoftware Engineer, Infosys, Jan 2018 - Present\n"
      "Built payment services in Java on Linux.\n");
  // The labels head lists of their kind; the items are what the candidate claims.
  EXPECT_EQ(FindSkill(r, "Operating system"), nullptr);
  EXPECT_EQ(FindSkill(r, "Programming language"), nullptr);
  EXPECT_EQ(FindSkill(r, "Databases"), nullptr);
  EXPECT_EQ(FindSkill(r, "Management"), nullptr);
  for (const char* item : {"Microsoft Windows", "Linux", "C", "Java", "MySQL", "Jira"}) {
    EXPECT_NE(FindSkill(r, item), nullptr) << item;
  }
  // A label that names a skill rather than a kind of item stays one.
  EXPECT_NE(FindSkill(r, "Python"), nullptr);
  EXPECT_NE(FindSkill(r, "Django"), nullptr);
  EXPECT_NE(FindSkill(r, "Communication"), nullptr);
  // So does a domain whose tools the label heads, but a generic skill is no domain ("Management
  // Tool:" heads tools, as "Bug Management Tool:" does).
  EXPECT_NE(FindSkill(r, "Data science"), nullptr);
}

TEST(ResumeAnalyzerTest, HeadingsInOddCaseAndSpacing) {
  ResumeProfile r = Analyze(
      "Pat Kim\n\nE X P E R I E N C E\nBarista, Bean Co, 2015 - 2017\n\n"
      "education:\nMBA, Harvard Business School, 2019\n\nSkills: Excel, QuickBooks\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Barista");
  ASSERT_EQ(r.education.size(), 1u);
  EXPECT_EQ(r.education[0].level, DegreeLevel::kMaster);
  EXPECT_NE(FindSkill(r, "QuickBooks"), nullptr);
  EXPECT_NE(FindSkill(r, "Microsoft Excel"), nullptr);
}

TEST(ResumeAnalyzerTest, MissingHeadingsStillFindDatedJobsAndDegrees) {
  ResumeProfile r = Analyze(
      "Line Cook at Joe's Diner, 2012 - 2016\nPrepared menus and managed kitchen inventory.\n"
      "Associate of Applied Science (AAS) in Culinary Arts, Metro Community College, 2012\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_EQ(r.experience[0].title, "Line Cook");
  ASSERT_FALSE(r.education.empty());
  EXPECT_EQ(r.education[0].level, DegreeLevel::kAssociate);
  EXPECT_NE(FindSkill(r, "Culinary arts"), nullptr);
}

TEST(ResumeAnalyzerTest, FlagsTooShort) {
  ResumeProfile r = Analyze("Python developer.");
  EXPECT_NE(std::find(r.flags.begin(), r.flags.end(), "too_short"), r.flags.end());
  ResumeProfile full = Analyze(ReadFixture("software_engineer.txt"));
  EXPECT_TRUE(full.flags.empty());
}

TEST(ResumeAnalyzerTest, FlagsKeywordStuffing) {
  std::string text = ReadFixture("software_engineer.txt");
  text += "\nKeywords: ";
  for (int i = 0; i < 30; ++i) text += "Kubernetes ";
  ResumeProfile r = Analyze(text);
  EXPECT_NE(std::find(r.flags.begin(), r.flags.end(), "keyword_stuffing"), r.flags.end());
}

TEST(ResumeAnalyzerTest, FlagsAKeywordRepeatedLineAfterLine) {
  std::string text = ReadFixture("software_engineer.txt");
  for (int i = 0; i < 60; ++i) text += "Kubernetes\n";
  ResumeProfile r = Analyze(text);
  EXPECT_NE(std::find(r.flags.begin(), r.flags.end(), "keyword_stuffing"), r.flags.end());
}

// A career in one trade names it again and again, in sentences: that is not stuffing.
TEST(ResumeAnalyzerTest, ACareerThatKeepsNamingItsTradeIsNotStuffing) {
  std::string text = ReadFixture("software_engineer.txt");
  for (int i = 0; i < 14; ++i) {
    text += "Director of Sales, 20" + std::to_string(10 + i) +
            ": hired and trained the sales staff of two stores, ran weekly pipeline reviews, "
            "opened three new accounts each quarter and kept churn below five percent.\n";
  }
  ResumeProfile r = Analyze(text);
  EXPECT_EQ(std::find(r.flags.begin(), r.flags.end(), "keyword_stuffing"), r.flags.end());
}

TEST(ResumeAnalyzerTest, FlagsDuplicatedBlocks) {
  std::string block =
      "Managed the month-end close for three business units.\n"
      "Prepared reconciliations for every balance sheet account.\n"
      "Trained two junior accountants on the general ledger.\n";
  ResumeProfile r = Analyze(ReadFixture("software_engineer.txt") + block + "\n" + block);
  EXPECT_NE(std::find(r.flags.begin(), r.flags.end(), "duplicated_blocks"), r.flags.end());
}

TEST(ResumeAnalyzerTest, NormalisesPdfPunctuationAndMojibakeSpaces) {
  // En dash, curly quotes, a bullet glyph, and "Â" + non-breaking space from PDF text.
  ResumeProfile r = Analyze(
      "EXPERIENCE\nAnalyst, Foo Inc, Jan 2019 \xe2\x80\x93 Present\n\xe2\x80\xa2 Built "
      "\xe2\x80\x9c"
      "dashboards\xe2\x80\x9d in Excel\xc3\x82\xc2\xa0"
      "and SQL\n");
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_TRUE(r.experience[0].current);
  EXPECT_NE(r.text.find("* Built \"dashboards\" in Excel and SQL"), std::string::npos) << r.text;
  EXPECT_NE(FindSkill(r, "Microsoft Excel"), nullptr);
}

// Text exported from web forms keeps HTML character references; a bare "&" is none.
TEST(ResumeAnalyzerTest, DecodesHtmlCharacterReferences) {
  ResumeProfile r = Analyze(
      "SKILLS\nRecruitment &amp; Retention, Training &amp; Development, &lt;HTML&gt;\n"
      "Clients: AT&T, R&D; Jan 2019 &#8211; Present &#x2022; &quot;on call&quot;&nbsp;desk\n"
      "Kept: &bogus; &#; &#xZZ; &#123456789; &amp\n"
      "Caf&eacute; &ndash; Bar&#150;Grill &hellip; &#99999999;\n");
  EXPECT_NE(r.text.find("Recruitment & Retention, Training & Development, <HTML>\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("AT&T, R&D; Jan 2019 - Present * \"on call\" desk\n"), std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("Kept: &bogus; &#; &#xZZ; &#123456789; &amp\n"), std::string::npos)
      << r.text;
  // The references web pages use beyond the markup escapes, as ingest decodes them: letters,
  // typographic punctuation (as its ASCII), 150 as Windows-1252's en dash, and a number that
  // names no character as U+FFFD.
  EXPECT_NE(r.text.find("Caf\xc3\xa9 - Bar-Grill ... \xef\xbf\xbd\n"), std::string::npos) << r.text;
  EXPECT_NE(FindSkill(r, "Training and development"), nullptr);
  EXPECT_NE(FindSkill(r, "HTML"), nullptr);
}

// UTF-8 read as Windows-1252 and saved again: "â€“" is an en dash, "â€¢" a bullet, "Ã©" an é;
// a lone "Â" is what is left of a non-breaking space.
TEST(ResumeAnalyzerTest, RepairsDoubleEncodedText) {
  ResumeProfile r = Analyze(
      "EXPERIENCE\nBarista, Caf\xc3\x83\xc2\xa9 Rouge Inc, Jan 2019 "
      "\xc3\xa2\xe2\x82\xac\xe2\x80\x9c"
      " Present\n\xc3\xa2\xe2\x82\xac\xc2\xa2Served 300 guests a day\xc3\x82\n"
      "\xc3\xa2\xe2\x82\xac\xc2\xa2Trained staff\xc3\x82 \xc3\x82 on espresso\n");
  EXPECT_NE(r.text.find("Caf\xc3\xa9 Rouge"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Jan 2019 - Present"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("*Served 300 guests a day\n"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("*Trained staff  on espresso"), std::string::npos) << r.text;
  ASSERT_EQ(r.experience.size(), 1u);
  EXPECT_TRUE(r.experience[0].current);
  // Latin-1 letters that are not such a sequence are left alone.
  EXPECT_NE(Analyze("SUMMARY\nS\xc3\xa3o Paulo, \xc3\xa9t\xc3\xa9\n").text.find("S\xc3\xa3o Paulo"),
            std::string::npos);
}

TEST(ResumeAnalyzerTest, EmptyAndBinaryInputDoNotCrash) {
  ResumeProfile empty = Analyze("");
  EXPECT_TRUE(empty.skills.empty());
  const char bytes[] = "\xff\xfe\x00\x01 C++ \xe2\x80\0\0";
  std::string junk(bytes, sizeof(bytes) - 1);
  ResumeProfile r = Analyze(junk);
  EXPECT_NE(FindSkill(r, "C++"), nullptr);
}

}  // namespace
}  // namespace shortlist::engine
