// Candidate e-mails: 4 types x 5 tones, written for this candidate and this job.
//
// Subject and body name the candidate (first name; "Hi there" style greetings when the resume has
// none), the job title, the company, the matched skills and the latest employer when they are
// known, and weave in the recruiter's custom notes. A rejection is kind, names a strength, and
// never mentions anything about who the candidate is (age, gender, origin, family, health...):
// it draws only on skills and employers. Templates: data/generate/emails.txt.
//
// Deterministic: same inputs, same e-mail. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "engine/engine.h"

namespace shortlist::generate {

enum class EmailType { kInvite, kRejection, kKeepWarm, kFollowup };
enum class EmailTone { kProfessional, kFriendly, kCasual, kEnthusiastic, kFormal };

// Wire names: "invite", "rejection", "keep-warm", "followup"; and "professional", "friendly",
// "casual", "enthusiastic", "formal". Parsing is case-insensitive and also accepts "keep_warm",
// "keepwarm" and "follow-up". Errors: code "invalid_value", field "type" / "tone", with a message
// listing the allowed values.
Result<EmailType> ParseEmailType(std::string_view text);
Result<EmailTone> ParseEmailTone(std::string_view text);
std::string_view ToString(EmailType type);
std::string_view ToString(EmailTone tone);

struct EmailRequest {
  EmailType type = EmailType::kInvite;
  EmailTone tone = EmailTone::kProfessional;
  std::string custom_notes;  // recruiter's words, woven into the body; may be empty
  std::string company_name;  // may be empty: the text then speaks of "our team"
  std::string job_title;     // overrides job.title when not empty
};

struct Email {
  std::string subject;
  std::string body;
};

Email WriteEmail(const engine::JobRequirements& job, const engine::ResumeProfile& resume,
                 const engine::Evaluation& eval, const EmailRequest& request);

}  // namespace shortlist::generate
