// Contact details from the top of a resume.
#include <string>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "fixture.h"

namespace shortlist::engine {
namespace {

using testing::SharedEngine;

TEST(ContactTest, ReadsNameEmailPhoneAndProfiles) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "Maria Garcia\n"
      "Austin, TX\n"
      "maria.garcia@mail.example.org | +44 20 7946 0958\n"
      "https://www.linkedin.com/in/mariagarcia  github.com/mgarcia  https://maria.dev\n\n"
      "EXPERIENCE\nData Analyst, Foo Inc, 2018 - 2020\n");
  EXPECT_EQ(r.contact.name, "Maria Garcia");
  EXPECT_EQ(r.contact.email, "maria.garcia@mail.example.org");
  EXPECT_EQ(r.contact.phone, "+44 20 7946 0958");
  EXPECT_EQ(r.contact.linkedin_url, "https://www.linkedin.com/in/mariagarcia");
  EXPECT_EQ(r.contact.github_url, "github.com/mgarcia");
  EXPECT_EQ(r.contact.portfolio_url, "https://maria.dev");
  EXPECT_EQ(r.contact.location, "Austin, TX");
}

TEST(ContactTest, InternationalPhoneFormats) {
  for (const char* phone : {"+91-9876543210", "(555) 123-4567", "+1 555.123.4567", "+49 30 9018"}) {
    std::string text = std::string("Sam Lee\n") + phone + "\nSKILLS\nExcel\n";
    ResumeProfile r = SharedEngine().AnalyzeResume(text);
    if (std::string(phone) == "+49 30 9018") {
      EXPECT_EQ(r.contact.phone, "") << "too few digits for a phone";
    } else {
      EXPECT_EQ(r.contact.phone, phone);
    }
  }
}

TEST(ContactTest, YearRangesAreNotPhones) {
  ResumeProfile r = SharedEngine().AnalyzeResume("Accountant\n2014 - 2016 - 2018 2019\n");
  EXPECT_EQ(r.contact.phone, "");
  // Twelve digits, as many as a phone has, but all of them years.
  r = SharedEngine().AnalyzeResume("Accountant\n2010 - 2014 - 2018\n");
  EXPECT_EQ(r.contact.phone, "");
  // A phone whose groups are not all years is still a phone.
  r = SharedEngine().AnalyzeResume("Accountant\n+1 2015 550 1234\n");
  EXPECT_EQ(r.contact.phone, "+1 2015 550 1234");
}

TEST(ContactTest, JobTitleFirstLineIsNotAName) {
  ResumeProfile r = SharedEngine().AnalyzeResume("HR ADMINISTRATOR\nSummary\nSeasoned HR lead.\n");
  EXPECT_EQ(r.contact.name, "");
  EXPECT_EQ(r.headline, "HR ADMINISTRATOR");
  // Job nouns outside everyday vocabulary (data/title_words.tsv): these headlines of the
  // benchmark resumes were reported as names and masked from the scored text.
  for (const char* headline : {"UNIT PUBLICIST", "EXPRESSIVE ARTS PROGRAM LEADER",
                               "SURGICAL CLINICAL REVIEWER", "EXTENSION METHODOLOGIST"}) {
    r = SharedEngine().AnalyzeResume(std::string(headline) +
                                     "\nSummary\nTen years in the trade.\n");
    EXPECT_EQ(r.contact.name, "") << headline;
    EXPECT_EQ(r.headline, headline);
  }
}

TEST(ContactTest, ACapitalisedFirstLineOverAHeadingWithoutContactsIsAHeadline) {
  // The benchmark's anonymised resumes open with their headline, straight above a heading, and
  // have no e-mail or phone: "POSTAL SUPPORT EMPLOYEE" was the candidate's name.
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "POSTAL SUPPORT EMPLOYEE\nSummary\nProgram manager and logistics specialist.\n");
  EXPECT_EQ(r.contact.name, "");
  EXPECT_EQ(r.headline, "POSTAL SUPPORT EMPLOYEE");
  // With contacts, or below a headline, a name in capitals is still the name.
  r = SharedEngine().AnalyzeResume(
      "JANE DOE\njane.doe@example.com\nSummary\nProgram manager and logistics specialist.\n");
  EXPECT_EQ(r.contact.name, "JANE DOE");
  r = SharedEngine().AnalyzeResume(
      "SALES ASSOCIATE\nABIGAIL FULTON\nAccomplishments\nTop seller of the year.\n");
  EXPECT_EQ(r.contact.name, "ABIGAIL FULTON");
}

// A title made of ordinary words that are not in data/title_words.tsv ("leader", "career") used
// to be taken for a name, and every later "team" and "leader" masked out of the scored text.
TEST(ContactTest, FirstLineOfOrdinaryWordsIsNotAName) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "BPO TEAM LEADER\nSummary\nSupport lead for an onboarding team.\nExperience\n"
      "BPO Team Leader 02/2015 to 02/2017 Company Name City , State\n"
      "Managed and motivated the BPO onboarding team to meet team goals.\n");
  EXPECT_EQ(r.contact.name, "");
  EXPECT_EQ(r.headline, "BPO TEAM LEADER");
  EXPECT_NE(r.blind_text.find("BPO Team Leader 02/2015"), std::string::npos);
  ASSERT_FALSE(r.experience.empty());
  EXPECT_EQ(r.experience[0].title, "BPO Team Leader");

  r = SharedEngine().AnalyzeResume("Career Focus\nCustomer service team member.\n");
  EXPECT_EQ(r.contact.name, "");
  EXPECT_NE(r.blind_text.find("Career Focus"), std::string::npos);
  r = SharedEngine().AnalyzeResume("STOREKEEPER II\nSummary\nInventory control.\n");
  EXPECT_NE(r.contact.name, "STOREKEEPER II");
}

// "Title, Title" has the shape of "City, ST" but is a headline.
TEST(ContactTest, TitlesSeparatedByACommaAreNotALocation) {
  for (const char* headline : {"SUPERVISOR, ACCOUNTANT", "VP, PRINCIPAL"}) {
    ResumeProfile r =
        SharedEngine().AnalyzeResume(std::string(headline) + "\nSummary\nTen years in finance.\n");
    EXPECT_EQ(r.contact.location, "") << headline;
    EXPECT_EQ(r.headline, headline);
  }
  ResumeProfile r = SharedEngine().AnalyzeResume("Sam Lee\nAustin, TX\nSummary\nAnalyst.\n");
  EXPECT_EQ(r.contact.location, "Austin, TX");
}

// Indeed's header puts the place before the contact details on one line ("Bengaluru, Karnataka
// - Email me on Indeed: ..."), sometimes a place of one word; a sentence with a comma near the
// top is no place.
TEST(ContactTest, APlaceBeforeTheContactDetailsIsTheLocation) {
  const std::string indeed =
      "Abhishek Jha\nApplication Development Associate - Accenture\n\n{place} - Email me on "
      "Indeed: indeed.com/r/Abhishek-Jha/10e7a8cb732bc43a\n\nWORK EXPERIENCE\n\nAnalyst\n";
  for (const char* place : {"Bengaluru, Karnataka", "Pune", "hyderbad, Telangana"}) {
    std::string text = indeed;
    text.replace(text.find("{place}"), 7, place);
    ResumeProfile r = SharedEngine().AnalyzeResume(text);
    EXPECT_EQ(r.contact.location, place);
    EXPECT_EQ(r.contact.name, "Abhishek Jha");
    EXPECT_EQ(r.headline, "Application Development Associate - Accenture");
    // The place is the candidate's identity: masked like the name.
    EXPECT_EQ(r.blind_text.find(place), std::string::npos) << r.blind_text;
  }
  // Without a title line, the contact line, its place masked, is still no headline.
  ResumeProfile untitled = SharedEngine().AnalyzeResume(
      "Sai Dhir\n\nPune - Email me on Indeed: indeed.com/r/Sai-Dhir/e6ed06ed081f04cf\n\nWORK "
      "EXPERIENCE\n\nAnalyst\n");
  EXPECT_EQ(untitled.contact.location, "Pune");
  EXPECT_EQ(untitled.headline, "");
  ResumeProfile sentence = SharedEngine().AnalyzeResume(
      "Darshan G\nHard worker, Patience and Good commitment.\n\nSummary\nAnalyst.\n");
  EXPECT_EQ(sentence.contact.location, "");
}

// A first line that comes back as a dated job is the candidate's title, whatever its words.
TEST(ContactTest, AFirstLineListedAgainAsAJobIsNotAName) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "SURGICAL CLINICAL REVIEWER\nSummary\nReviews surgical claims.\nExperience\n"
      "Surgical Clinical Reviewer, RN 01/2014 to Current Acme Health - Austin, TX\n"
      "Reviewed 40 charts a day.\n");
  EXPECT_EQ(r.contact.name, "");
  EXPECT_EQ(r.headline, "SURGICAL CLINICAL REVIEWER");
  // A business named after its owner does not make the owner's name a job.
  r = SharedEngine().AnalyzeResume(
      "Menrit Mansour\nExperience\nMenrit Mansour Consulting 2015 - 2018\nAdvised 12 clients.\n");
  EXPECT_EQ(r.contact.name, "Menrit Mansour");
  // Nor does a footer with dates outside the experience section.
  r = SharedEngine().AnalyzeResume(
      "Menrit Mansour\nExperience\nAnalyst, Acme Inc 2015 - 2018\nSkills\nExcel\n"
      "Menrit Mansour - 2023-2024\n");
  EXPECT_EQ(r.contact.name, "Menrit Mansour");
}

// Surnames that are ordinary words still make a name with a given name beside them.
TEST(ContactTest, NameWithAnOrdinarySurnameIsStillAName) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "Marilyn Hunter\nSUMMARY\nRecruiter. Hunter sourced 40 hires a year.\n");
  EXPECT_EQ(r.contact.name, "Marilyn Hunter");
  EXPECT_EQ(r.blind_text.find("Hunter"), std::string::npos);
}

// A given name that a tool list also uses ("plumb bob") is no ordinary word: the vocabulary a
// name must step outside is that of occupations, not of every tool's name.
TEST(ContactTest, ANameThatAToolAlsoBearsIsStillAName) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "Bob Sample\nbob.sample@example.com\n\nEXPERIENCE\nWeb Developer, Initech, 2020 - 2024\n");
  EXPECT_EQ(r.contact.name, "Bob Sample");
  EXPECT_EQ(r.headline, "");
  EXPECT_EQ(r.blind_text.find("Bob Sample"), std::string::npos);
}

TEST(ContactTest, ANameInLowerCaseThatItsProfileUrlSpellsIsAName) {
  // Indeed's exports keep the name as typed: "rishabh soni" is the name because the profile URL
  // is made of it (and so it is masked like any name); lower-case words without such a URL are
  // not taken for one.
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "rishabh soni\nAnuppur, Madhya Pradesh - Email me on Indeed: "
      "indeed.com/r/Rishabh-soni/503ce837ae2924ff\n\nWORK EXPERIENCE\n\nTyping work\n"
      "Microsoft - Bhopal, Madhya Pradesh\nJanuary 2015 to Present\n");
  EXPECT_EQ(r.contact.name, "rishabh soni");
  EXPECT_EQ(r.blind_text.find("soni"), std::string::npos);
  EXPECT_NE(r.headline, "rishabh soni");
  ResumeProfile other = SharedEngine().AnalyzeResume(
      "rishabh soni\nEmail me on Indeed: indeed.com/r/amit-kumar/503ce837ae2924ff\n\n"
      "WORK EXPERIENCE\n\nTyping work\nMicrosoft\nJanuary 2015 to Present\n");
  EXPECT_EQ(other.contact.name, "");
}

TEST(ContactTest, IdentityIsMaskedInBlindText) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "Ruby Jones\nruby@example.com\nSUMMARY\nShe builds dashboards in Tableau. Jones leads.\n");
  EXPECT_EQ(r.contact.name, "Ruby Jones");
  EXPECT_EQ(r.blind_text.size(), r.text.size());
  EXPECT_EQ(r.blind_text.find("Ruby"), std::string::npos);
  EXPECT_EQ(r.blind_text.find("Jones"), std::string::npos);  // later mentions of the name too
  EXPECT_EQ(r.blind_text.find("She "), std::string::npos);
  EXPECT_EQ(r.blind_text.find("@"), std::string::npos);
  // The name is not a skill.
  for (const SkillMention& s : r.skills) EXPECT_NE(s.skill, "Ruby");
}

TEST(ContactTest, HonorificsAreMaskedOnlyInTitleCase) {
  ResumeProfile r = SharedEngine().AnalyzeResume(
      "Sam Lee\nSUMMARY\nReported to Ms. Doe and Mr. Roe. Cut p95 latency from 900 ms to 120 ms; "
      "MS in Computer Science; never miss a deadline.\n");
  EXPECT_EQ(r.blind_text.find("Ms. Doe"), std::string::npos);
  EXPECT_EQ(r.blind_text.find("Mr. Roe"), std::string::npos);
  // Milliseconds, a degree and a verb are not honorifics.
  EXPECT_NE(r.blind_text.find("900 ms to 120 ms;"), std::string::npos) << r.blind_text;
  EXPECT_NE(r.blind_text.find("MS in Computer Science"), std::string::npos);
  EXPECT_NE(r.blind_text.find("never miss a deadline"), std::string::npos);
}

}  // namespace
}  // namespace shortlist::engine
