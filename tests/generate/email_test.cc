#include "generate/email.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "fixtures.h"

namespace shortlist::generate {
namespace {

using testing::PlaceholderProblem;

constexpr EmailType kTypes[] = {EmailType::kInvite, EmailType::kRejection, EmailType::kKeepWarm,
                                EmailType::kFollowup};
constexpr EmailTone kTones[] = {EmailTone::kProfessional, EmailTone::kFriendly, EmailTone::kCasual,
                                EmailTone::kEnthusiastic, EmailTone::kFormal};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool HasWord(const std::string& text, const std::string& word) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t pos = lower.find(word); pos != std::string::npos;
       pos = lower.find(word, pos + 1)) {
    bool left = pos == 0 || !std::isalpha(static_cast<unsigned char>(lower[pos - 1]));
    std::size_t end = pos + word.size();
    bool right = end >= lower.size() || !std::isalpha(static_cast<unsigned char>(lower[end]));
    if (left && right) return true;
  }
  return false;
}

EmailRequest Request(EmailType type, EmailTone tone, std::string notes = "") {
  EmailRequest r;
  r.type = type;
  r.tone = tone;
  r.company_name = "Initech";
  r.custom_notes = std::move(notes);
  return r;
}

TEST(EmailParse, AcceptsWireNamesAndAliases) {
  EXPECT_EQ(ParseEmailType("invite").value(), EmailType::kInvite);
  EXPECT_EQ(ParseEmailType("rejection").value(), EmailType::kRejection);
  EXPECT_EQ(ParseEmailType("keep-warm").value(), EmailType::kKeepWarm);
  EXPECT_EQ(ParseEmailType("Keep_Warm").value(), EmailType::kKeepWarm);
  EXPECT_EQ(ParseEmailType("followup").value(), EmailType::kFollowup);
  EXPECT_EQ(ParseEmailType("follow-up").value(), EmailType::kFollowup);
  for (EmailTone tone : kTones) {
    EXPECT_EQ(ParseEmailTone(ToString(tone)).value(), tone);
  }
  for (EmailType type : kTypes) {
    EXPECT_EQ(ParseEmailType(ToString(type)).value(), type);
  }
  EXPECT_EQ(ParseEmailTone(" FRIENDLY ").value(), EmailTone::kFriendly);
}

TEST(EmailParse, RejectsUnknownValuesListingTheAllowedOnes) {
  Result<EmailType> type = ParseEmailType("offer");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.error().field, "type");
  EXPECT_EQ(type.error().code, "invalid_value");
  for (const char* name : {"invite", "rejection", "keep-warm", "followup"}) {
    EXPECT_TRUE(Has(type.error().message, name)) << type.error().message;
  }
  Result<EmailTone> tone = ParseEmailTone("");
  ASSERT_FALSE(tone.ok());
  EXPECT_EQ(tone.error().field, "tone");
  EXPECT_TRUE(Has(tone.error().message, "enthusiastic"));
}

// All 20 type x tone combinations name the candidate, the job, the company and a matched skill,
// weave in the notes, and leave no placeholder behind.
TEST(Email, AllTwentyCombinationsAreSpecificAndComplete) {
  std::set<std::string> bodies;
  for (EmailType type : kTypes) {
    for (EmailTone tone : kTones) {
      SCOPED_TRACE(std::string(ToString(type)) + "/" + std::string(ToString(tone)));
      Email email =
          WriteEmail(testing::BackendJob(), testing::JaneProfile(), testing::JaneEvaluation(),
                     Request(type, tone, "we loved your talk on API design"));
      EXPECT_FALSE(email.subject.empty());
      EXPECT_EQ(email.subject.find('\n'), std::string::npos);
      EXPECT_TRUE(Has(email.subject, "Senior Backend Engineer") || Has(email.subject, "Jane"))
          << email.subject;
      EXPECT_TRUE(Has(email.body, "Jane")) << email.body;
      EXPECT_TRUE(Has(email.body, "Senior Backend Engineer")) << email.body;
      EXPECT_TRUE(Has(email.body, "Initech")) << email.body;
      EXPECT_TRUE(Has(email.body, "Python")) << email.body;
      EXPECT_TRUE(Has(email.body, "Acme Corp"))
          << email.body;  // where Python and FastAPI were used
      EXPECT_TRUE(Has(email.body, "We loved your talk on API design.")) << email.body;
      EXPECT_EQ(PlaceholderProblem(email.subject), "") << email.subject;
      EXPECT_EQ(PlaceholderProblem(email.body), "") << email.body;
      EXPECT_EQ(email.body.find("\n\n\n"), std::string::npos) << email.body;
      // The closing line and the sign-off do not repeat each other ("Thanks!" / "Thanks,").
      std::size_t sign_off = email.body.rfind("\n\n");
      ASSERT_NE(sign_off, std::string::npos);
      std::size_t closing = email.body.rfind("\n\n", sign_off - 1);
      std::string closing_text = email.body.substr(closing + 2, sign_off - closing - 2);
      std::string sign_off_word = email.body.substr(sign_off + 2, 5);
      EXPECT_NE(closing_text.substr(0, 5), sign_off_word) << email.body;
      bodies.insert(email.body);
    }
  }
  EXPECT_EQ(bodies.size(), 20u);
}

TEST(Email, NoNameNoCompanyNoSkillsStillReadsWell) {
  engine::JobRequirements job;
  job.title = "Data Analyst";
  for (EmailType type : kTypes) {
    for (EmailTone tone : kTones) {
      SCOPED_TRACE(std::string(ToString(type)) + "/" + std::string(ToString(tone)));
      EmailRequest request;
      request.type = type;
      request.tone = tone;
      Email email = WriteEmail(job, engine::ResumeProfile{}, engine::Evaluation{}, request);
      EXPECT_FALSE(email.subject.empty());
      EXPECT_EQ(PlaceholderProblem(email.subject), "") << email.subject;
      EXPECT_EQ(PlaceholderProblem(email.body), "") << email.body;
      EXPECT_TRUE(Has(email.body, "Data Analyst")) << email.body;
      EXPECT_TRUE(Has(email.body, "The hiring team")) << email.body;
    }
  }
  EmailRequest friendly;
  friendly.tone = EmailTone::kFriendly;
  Email email = WriteEmail(job, engine::ResumeProfile{}, engine::Evaluation{}, friendly);
  EXPECT_EQ(email.body.rfind("Hi there,", 0), 0u) << email.body;
  EmailRequest formal;
  formal.tone = EmailTone::kFormal;
  email =
      WriteEmail(engine::JobRequirements{}, engine::ResumeProfile{}, engine::Evaluation{}, formal);
  EXPECT_EQ(email.body.rfind("Dear Applicant,", 0), 0u) << email.body;
  EXPECT_EQ(PlaceholderProblem(email.body), "") << email.body;
  EXPECT_EQ(email.subject, "Invitation to interview");
}

TEST(Email, GreetingFollowsTone) {
  auto greeting = [](EmailTone tone) {
    Email email = WriteEmail(testing::BackendJob(), testing::JaneProfile(),
                             testing::JaneEvaluation(), Request(EmailType::kInvite, tone));
    return email.body.substr(0, email.body.find('\n'));
  };
  EXPECT_EQ(greeting(EmailTone::kProfessional), "Dear Jane,");
  EXPECT_EQ(greeting(EmailTone::kFriendly), "Hi Jane,");
  EXPECT_EQ(greeting(EmailTone::kCasual), "Hey Jane,");
  EXPECT_EQ(greeting(EmailTone::kEnthusiastic), "Hi Jane!");
  EXPECT_EQ(greeting(EmailTone::kFormal), "Dear Jane Doe,");
}

TEST(Email, RejectionIsKindAndCitesNothingPersonal) {
  engine::ResumeProfile jane = testing::JaneProfile();
  jane.text = "Jane Doe, age 52, married, female, born in 1974 in Lagos, Nigeria. Catholic.";
  jane.contact.location = "Lagos, Nigeria";
  for (EmailTone tone : kTones) {
    Email email = WriteEmail(testing::BackendJob(), jane, testing::JaneEvaluation(),
                             Request(EmailType::kRejection, tone));
    for (const char* word : {"age", "old", "young", "married", "female", "male", "gender",
                             "nigeria", "lagos", "catholic", "religion", "nationality", "born",
                             "1974", "pregnant", "disability", "health", "race"}) {
      EXPECT_FALSE(HasWord(email.body, word)) << word << " in " << email.body;
      EXPECT_FALSE(HasWord(email.subject, word)) << word << " in " << email.subject;
    }
    // It names a strength, and does not list the candidate's gaps back at them.
    EXPECT_TRUE(Has(email.body, "Python")) << email.body;
    EXPECT_FALSE(Has(email.body, "Docker")) << email.body;
    EXPECT_TRUE(HasWord(email.body, "thank") || HasWord(email.body, "thanks")) << email.body;
    // No sign-off that promises a next step the candidate will not get.
    for (const char* upbeat : {"Talk soon", "Looking forward", "next steps", "interview you"}) {
      EXPECT_FALSE(Has(email.body, upbeat)) << upbeat << " in " << email.body;
    }
  }
}

TEST(Email, DeterministicAndRequestTitleOverridesJobTitle) {
  EmailRequest request = Request(EmailType::kFollowup, EmailTone::kCasual, "quick one");
  Email a =
      WriteEmail(testing::BackendJob(), testing::JaneProfile(), testing::JaneEvaluation(), request);
  Email b =
      WriteEmail(testing::BackendJob(), testing::JaneProfile(), testing::JaneEvaluation(), request);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.body, b.body);
  request.job_title = "Staff Platform Engineer";
  Email c =
      WriteEmail(testing::BackendJob(), testing::JaneProfile(), testing::JaneEvaluation(), request);
  EXPECT_TRUE(Has(c.subject + c.body, "Staff Platform Engineer"));
  EXPECT_FALSE(Has(c.subject + c.body, "Senior Backend Engineer"));
}

TEST(Email, NeverTiesSkillsToAnEmployerWhereOneWasNotUsed) {
  engine::Evaluation eval = testing::JaneEvaluation();
  eval.matched_skills.erase(eval.matched_skills.begin() + 2);  // Python (Acme), PostgreSQL (Globex)
  for (EmailType type : kTypes) {
    for (EmailTone tone : kTones) {
      Email email =
          WriteEmail(testing::BackendJob(), testing::JaneProfile(), eval, Request(type, tone));
      EXPECT_TRUE(Has(email.body, "Python and PostgreSQL")) << email.body;
      EXPECT_FALSE(Has(email.body, "PostgreSQL at Acme Corp")) << email.body;
      EXPECT_FALSE(Has(email.body, "PostgreSQL at Globex")) << email.body;
    }
  }
}

TEST(Email, NamesTheSkillTheCandidateHasForARelatedMatch) {
  engine::Evaluation eval;
  eval.matched_skills = {testing::Matched("Docker", 2, "ran them on Podman", "Podman", 0.6)};
  for (EmailType type : kTypes) {
    Email email = WriteEmail(testing::BackendJob(), testing::JaneProfile(), eval,
                             Request(type, EmailTone::kFriendly));
    EXPECT_TRUE(Has(email.body, "Podman")) << email.body;
    EXPECT_FALSE(Has(email.body, "Docker")) << email.body;
  }
}

TEST(Email, NotesAreTextNotTemplate) {
  Email email = WriteEmail(testing::BackendJob(), testing::JaneProfile(), testing::JaneEvaluation(),
                           Request(EmailType::kInvite, EmailTone::kFriendly,
                                   "bring {first_name} and [[ {company} ]] as written"));
  EXPECT_TRUE(Has(email.body, "Bring {first_name} and [[ {company} ]] as written.")) << email.body;
}

TEST(Email, MentionsLatestEmployerWhenNoSkillMatched) {
  engine::Evaluation eval;  // nothing matched
  Email email = WriteEmail(testing::BackendJob(), testing::JaneProfile(), eval,
                           Request(EmailType::kInvite, EmailTone::kProfessional));
  EXPECT_TRUE(Has(email.body, "Acme Corp")) << email.body;
  EXPECT_EQ(PlaceholderProblem(email.body), "") << email.body;
}

}  // namespace
}  // namespace shortlist::generate
